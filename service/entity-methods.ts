/**
 * The entity registry's methods (core/api-entities.ts): listing, reading with every mention,
 * creating, editing, deleting and restoring entities, and suggesting which entity a span names.
 * Merge and split live in entity-merge.ts, tag-all-occurrences in occurrences.ts.
 */
import type { ApiArgs } from '../core/api';
import type { EntityDetails, EntityListItem, EntitySuggestion } from '../core/api-entities';
import type { Entity, Id } from '../core/domain';
import { foldForSearch } from '../core/fold';
import { matchNames, nameSkeleton, prepareKey, prepareName } from '../core/names';
import {
  allLiveAliasRows,
  entityIdsByDescription,
  findStoredEntities,
  insertEntity,
  listLiveEntities,
  setEntityDeleted,
  writeEntity,
} from '../db/entities';
import type { StoredEntity } from '../db/entities';
import { listMentions, listReferences } from '../db/entity-mentions';
import type { ServiceContext } from './context';
import { newId, now } from './context';
import { mergeEntities, restoreEntity, splitEntity } from './entity-merge';
import {
  addAliasRow,
  cleanName,
  distinctNames,
  readEntity,
  requireLiveEntity,
  requireStoredEntity,
  syncAliasRows,
} from './entity-registry';
import { inTransaction } from './handlers';
import type { Handlers } from './handlers';
import {
  createAnnotations,
  deleteAnnotations,
  findOccurrences,
  restoreAnnotations,
} from './occurrences';

/** Suggestions returned when the caller gives no limit. */
const DEFAULT_SUGGESTIONS = 8;

export function listEntities(
  ctx: ServiceContext,
  { query, kind, ids, includeDeleted }: ApiArgs['listEntities'],
): EntityListItem[] {
  if (ids) {
    return findStoredEntities(ctx.db, ids)
      .filter((s) => (includeDeleted || s.deletedAt === null) && (!kind || s.entity.kind === kind))
      .map(toListItem);
  }
  const needle = query?.trim() ?? '';
  if (!needle) return listLiveEntities(ctx.db, kind).map(toListItem);
  const scores = scoreByQuery(ctx, needle);
  return findStoredEntities(ctx.db, [...scores.keys()])
    .filter((s) => s.deletedAt === null && (!kind || s.entity.kind === kind))
    .sort(
      (a, b) =>
        scores.get(b.entity.id)! - scores.get(a.entity.id)! ||
        b.entity.mentionCount - a.entity.mentionCount ||
        a.entity.name.localeCompare(b.entity.name),
    )
    .map(toListItem);
}

/**
 * How well each live entity's names match a typed query (entities that do not match are left
 * out): a spelling of the query in any script (3–6), a name containing it as typed so far
 * ("mamm" in "Mammadov": 2), a word starting with its sound ("Джей" → "Jeyhun": 1.5), a name
 * sharing a word (1.2), or only its description containing it (1).
 */
function scoreByQuery(ctx: ServiceContext, query: string): Map<Id, number> {
  const prepared = prepareName(query);
  const soundPrefix = nameSkeleton(prepared.key).replace(/ /g, '');
  const scores = new Map<Id, number>();
  for (const row of allLiveAliasRows(ctx.db)) {
    const name = prepareKey(row.normalized);
    const match = matchNames(prepared, name);
    let score = 0;
    if (match && match.kind !== 'partial') score = 2 + match.score;
    else if (prepared.key && name.key.includes(prepared.key)) score = 2;
    else if (soundPrefix.length >= 2 && name.words.some((w) => w.startsWith(soundPrefix))) {
      score = 1.5;
    } else if (match) score = 1.2;
    if (score > (scores.get(row.entityId) ?? 0)) scores.set(row.entityId, score);
  }
  for (const id of entityIdsByDescription(ctx.db, foldForSearch(query))) {
    if (!scores.has(id)) scores.set(id, 1);
  }
  return scores;
}

export function getEntity(ctx: ServiceContext, { id }: ApiArgs['getEntity']): EntityDetails {
  const stored = requireStoredEntity(ctx, id);
  return {
    ...toListItem(stored),
    deletedAt: stored.deletedAt,
    mentions: listMentions(ctx.db, id),
    references: listReferences(ctx.db, id),
  };
}

export function createEntity(ctx: ServiceContext, args: ApiArgs['createEntity']): Entity {
  const at = now();
  const id = newId();
  const names = distinctNames(args.name, args.aliases ?? []);
  insertEntity(
    ctx.db,
    {
      id,
      name: names[0]!,
      kind: args.kind ?? 'other',
      description: args.description ?? '',
      externalIds: args.externalIds ?? {},
    },
    ctx.author,
    at,
  );
  for (const name of names) addAliasRow(ctx, id, name, at);
  return readEntity(ctx, id);
}

/** Changes what is given; `aliases` and `externalIds` replace the whole list. */
export function updateEntity(ctx: ServiceContext, args: ApiArgs['updateEntity']): Entity {
  const { entity } = requireLiveEntity(ctx, args.id);
  const at = now();
  const name = args.name === undefined ? entity.name : cleanName(args.name);
  const names = distinctNames(name, args.aliases ?? entity.aliases);
  writeEntity(
    ctx.db,
    {
      id: entity.id,
      name,
      kind: args.kind ?? entity.kind,
      description: args.description ?? entity.description,
      externalIds: args.externalIds ?? entity.externalIds,
    },
    at,
  );
  syncAliasRows(ctx, entity.id, names, at);
  return readEntity(ctx, entity.id);
}

/**
 * Soft-deletes an entity. Its mentions keep their link, so a restore brings everything back;
 * meanwhile the entity is left out of lists and suggestions, and links to it read as deleted.
 */
export function deleteEntity(ctx: ServiceContext, { id }: ApiArgs['deleteEntity']): Entity {
  const stored = requireStoredEntity(ctx, id);
  if (stored.deletedAt === null) {
    const at = now();
    setEntityDeleted(ctx.db, id, at, null, at);
  }
  return readEntity(ctx, id);
}

/** Live entities whose names sound like `text`, best first; links nothing. */
export function suggestEntities(
  ctx: ServiceContext,
  { text, limit, kind }: ApiArgs['suggestEntities'],
): EntitySuggestion[] {
  const query = prepareName(text);
  if (!query.key) return [];
  const best = new Map<Id, { matched: string; match: EntitySuggestion['match']; score: number }>();
  for (const row of allLiveAliasRows(ctx.db)) {
    const match = matchNames(query, prepareKey(row.normalized));
    if (!match) continue;
    const current = best.get(row.entityId);
    if (!current || match.score > current.score) {
      best.set(row.entityId, { matched: row.alias, match: match.kind, score: match.score });
    }
  }
  if (best.size === 0) return [];
  const entities = new Map(
    findStoredEntities(ctx.db, [...best.keys()]).map((s) => [s.entity.id, s.entity]),
  );
  return [...best]
    .flatMap(([entityId, found]) => {
      const entity = entities.get(entityId);
      if (!entity) return [];
      // The kind of the tag is a hint, not a filter: a person may have been registered as "other".
      const score = found.score + (kind && entity.kind === kind ? 0.1 : 0);
      return [{ entity, matched: found.matched, match: found.match, score }];
    })
    .sort(
      (a, b) =>
        b.score - a.score ||
        b.entity.mentionCount - a.entity.mentionCount ||
        a.entity.name.localeCompare(b.entity.name),
    )
    .slice(0, limit ?? DEFAULT_SUGGESTIONS);
}

function toListItem(stored: StoredEntity): EntityListItem {
  return { ...stored.entity, deleted: stored.deletedAt !== null, mergedInto: stored.mergedInto };
}

/** The handlers of core/api-entities.ts; service.ts spreads them into the full table. */
export const entityHandlers = {
  listEntities,
  getEntity,
  createEntity: inTransaction(createEntity),
  updateEntity: inTransaction(updateEntity),
  deleteEntity: inTransaction(deleteEntity),
  restoreEntity: inTransaction(restoreEntity),
  suggestEntities,
  mergeEntities: inTransaction(mergeEntities),
  splitEntity: inTransaction(splitEntity),
  createAnnotations: inTransaction(createAnnotations),
  deleteAnnotations: inTransaction(deleteAnnotations),
  restoreAnnotations: inTransaction(restoreAnnotations),
  findOccurrences,
} satisfies Partial<Handlers>;
