/**
 * Merging, splitting and restoring entities. Each is a set of moves — names (alias rows),
 * mentions (annotations.entity_id) and entity-typed attribute values — between two records, and
 * each reports exactly what it moved, so that the reverse move (restoreEntity with `moved`, or
 * mergeEntities with `moved`) undoes it and nothing else.
 */
import type { ApiArgs } from '../core/api';
import type { EntityMoves, MergeResult, SplitResult } from '../core/api-entities';
import type { Entity, Id } from '../core/domain';
import { GlossError } from '../core/errors';
import { foldForSearch } from '../core/fold';
import {
  aliasRowsOf,
  insertEntity,
  moveAliases,
  setEntityDeleted,
  touchEntity,
} from '../db/entities';
import {
  annotationIdsLinkedTo,
  attributeRefsTo,
  relinkAnnotations,
  rewriteAttributeRefs,
} from '../db/entity-mentions';
import type { ServiceContext } from './context';
import { newId, now } from './context';
import {
  addAliasRow,
  cleanName,
  distinctNames,
  readEntity,
  requireLiveEntity,
  requireStoredEntity,
} from './entity-registry';

/**
 * Merges `sourceId` into `targetId`: the source's names, mentions and the attribute values that
 * name it move to the target (a name the target already has, in any case or accents, stays
 * behind), then the source is retired (deleted, merged_into the target). With `moved`, only
 * those items move.
 */
export function mergeEntities(
  ctx: ServiceContext,
  { sourceId, targetId, moved }: ApiArgs['mergeEntities'],
): MergeResult {
  requireLiveEntity(ctx, sourceId);
  requireLiveEntity(ctx, targetId);
  const at = now();
  const aliasIds = moved?.aliasIds ?? aliasIdsNotOn(ctx, sourceId, targetId);
  const done = moveEverything(
    ctx,
    sourceId,
    targetId,
    {
      aliasIds,
      annotationIds: moved?.annotationIds ?? annotationIdsLinkedTo(ctx.db, sourceId),
      attributeRefs: moved?.attributeRefs ?? attributeRefsTo(ctx.db, sourceId),
    },
    at,
  );
  setEntityDeleted(ctx.db, sourceId, at, targetId, at);
  touchEntity(ctx.db, targetId, at);
  return { source: readEntity(ctx, sourceId), target: readEntity(ctx, targetId), moved: done };
}

/**
 * Brings a deleted entity back. A merged one is revived beside the record it was merged into,
 * and `moved` — what the merge reported — moves back to it. An entity that is live is returned
 * as it is. The revived entity always has a row for its own name, so suggestions find it.
 */
export function restoreEntity(
  ctx: ServiceContext,
  { id, moved }: ApiArgs['restoreEntity'],
): Entity {
  const stored = requireStoredEntity(ctx, id);
  if (stored.deletedAt === null) return stored.entity;
  const at = now();
  const mergedInto = stored.mergedInto;
  if (mergedInto && moved) moveEverything(ctx, mergedInto, id, moved, at);
  setEntityDeleted(ctx.db, id, null, null, at);
  const names = aliasRowsOf(ctx.db, [id]);
  if (!names.some((row) => row.alias === stored.entity.name)) {
    addAliasRow(ctx, id, stored.entity.name, at);
  }
  if (mergedInto) touchEntity(ctx.db, mergedInto, at);
  return readEntity(ctx, id);
}

/**
 * Makes a new entity of some of an entity's mentions: the listed annotations are linked to the
 * new one instead. Of `aliases`, those the entity has are moved to the new one; the others (and
 * the new name) are added to it.
 */
export function splitEntity(ctx: ServiceContext, args: ApiArgs['splitEntity']): SplitResult {
  const source = requireLiveEntity(ctx, args.id).entity;
  const linked = new Set(annotationIdsLinkedTo(ctx.db, source.id));
  const strangers = args.annotationIds.filter((annotationId) => !linked.has(annotationId));
  if (strangers.length > 0) {
    throw new GlossError(
      'invalid_argument',
      `splitEntity: ${strangers.length} of the annotations are not mentions of “${source.name}”.`,
      { path: ['annotationIds'], ids: strangers.slice(0, 20) },
    );
  }
  const at = now();
  const createdId = newId();
  const names = distinctNames(args.name, args.aliases ?? []);
  insertEntity(
    ctx.db,
    {
      id: createdId,
      name: cleanName(args.name),
      kind: args.kind ?? source.kind,
      description: '',
      externalIds: {},
    },
    ctx.author,
    at,
  );
  // A name the source has (other than its own display name) moves with its row.
  const sourceRows = new Map(
    aliasRowsOf(ctx.db, [source.id])
      .filter((row) => row.alias !== source.name)
      .map((row) => [foldForSearch(row.alias), row]),
  );
  const aliasIds: Id[] = [];
  for (const name of names) {
    const row = sourceRows.get(foldForSearch(name));
    if (row) aliasIds.push(row.id);
    else addAliasRow(ctx, createdId, name, at);
  }
  const moved = moveEverything(
    ctx,
    source.id,
    createdId,
    { aliasIds, annotationIds: args.annotationIds, attributeRefs: [] },
    at,
  );
  touchEntity(ctx.db, source.id, at);
  return { source: readEntity(ctx, source.id), created: readEntity(ctx, createdId), moved };
}

/** Moves the listed items from one entity to another; returns what actually moved. */
function moveEverything(
  ctx: ServiceContext,
  from: Id,
  to: Id,
  items: EntityMoves,
  at: string,
): EntityMoves {
  return {
    aliasIds: moveAliases(ctx.db, items.aliasIds, from, to, at),
    annotationIds: relinkAnnotations(ctx.db, items.annotationIds, from, to, at),
    attributeRefs: rewriteAttributeRefs(ctx.db, items.attributeRefs, from, to, at),
  };
}

/** The source's names that the target does not already have (ignoring case and accents). */
function aliasIdsNotOn(ctx: ServiceContext, sourceId: Id, targetId: Id): Id[] {
  const targetNames = new Set(aliasRowsOf(ctx.db, [targetId]).map((r) => foldForSearch(r.alias)));
  return aliasRowsOf(ctx.db, [sourceId])
    .filter((row) => !targetNames.has(foldForSearch(row.alias)))
    .map((row) => row.id);
}
