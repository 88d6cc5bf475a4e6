/**
 * The rules of the entity registry shared by its methods: cleaning names, keeping an entity's
 * alias rows in step with its names, and reading entities back in the API's shapes.
 */
import type { Entity, Id } from '../core/domain';
import { GlossError } from '../core/errors';
import { foldForSearch } from '../core/fold';
import { nameKey } from '../core/names';
import { aliasRowsOf, findStoredEntity, insertAlias, setAliasDeleted } from '../db/entities';
import type { AliasRow, StoredEntity } from '../db/entities';
import type { ServiceContext } from './context';
import { newId } from './context';

/** A name as stored: composed (NFC), white space collapsed, trimmed. */
export function cleanName(name: string): string {
  return name.normalize('NFC').replace(/\s+/gu, ' ').trim();
}

/**
 * An entity's names, display name first, each spelling once: spellings that differ only in case
 * or accents ("Kyiv", "KYIV") are one name; transliterations ("Київ") are kept, because finding
 * occurrences in a text looks for each spelling as written.
 */
export function distinctNames(name: string, aliases: readonly string[]): string[] {
  const seen = new Set<string>();
  const names: string[] = [];
  for (const raw of [name, ...aliases]) {
    const clean = cleanName(raw);
    const folded = foldForSearch(clean);
    if (!clean || seen.has(folded)) continue;
    seen.add(folded);
    names.push(clean);
  }
  return names;
}

/**
 * Makes the live alias rows of an entity spell exactly `names`: rows whose spelling stays are
 * kept (their ids are what merges and splits move), the others are soft-deleted, new spellings
 * get rows.
 */
export function syncAliasRows(
  ctx: ServiceContext,
  entityId: Id,
  names: readonly string[],
  at: string,
): void {
  const wanted = new Set(names);
  const kept = new Set<string>();
  for (const row of aliasRowsOf(ctx.db, [entityId])) {
    if (wanted.has(row.alias) && !kept.has(row.alias)) kept.add(row.alias);
    else setAliasDeleted(ctx.db, row.id, at, at);
  }
  for (const alias of names) {
    if (!kept.has(alias)) addAliasRow(ctx, entityId, alias, at);
  }
}

export function addAliasRow(
  ctx: ServiceContext,
  entityId: Id,
  alias: string,
  at: string,
): AliasRow {
  const row: AliasRow = { id: newId(), entityId, alias, normalized: nameKey(alias) };
  insertAlias(ctx.db, row, ctx.author, at);
  return row;
}

/** The entity in any state; not_found if it never existed. */
export function requireStoredEntity(ctx: ServiceContext, id: Id): StoredEntity {
  const stored = findStoredEntity(ctx.db, id);
  if (!stored) throw new GlossError('not_found', `There is no entity ${id}.`, { id });
  return stored;
}

/** The live entity; not_found when it was deleted, naming the record a merge moved it to. */
export function requireLiveEntity(ctx: ServiceContext, id: Id): StoredEntity {
  const stored = requireStoredEntity(ctx, id);
  if (stored.deletedAt !== null) {
    const where = stored.mergedInto
      ? ` It was merged into ${entityLabel(ctx, stored.mergedInto)}.`
      : ' It was deleted.';
    throw new GlossError(
      'not_found',
      `Entity “${stored.entity.name}” is not in the registry.${where}`,
      {
        id,
        mergedInto: stored.mergedInto,
      },
    );
  }
  return stored;
}

/** The entity as it now is (after a write). */
export function readEntity(ctx: ServiceContext, id: Id): Entity {
  return requireStoredEntity(ctx, id).entity;
}

function entityLabel(ctx: ServiceContext, id: Id): string {
  const stored = findStoredEntity(ctx.db, id);
  return stored ? `“${stored.entity.name}”` : id;
}
