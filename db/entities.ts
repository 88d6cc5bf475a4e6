/**
 * The entity registry: entities and their names. Every name of an entity — its display name and
 * each alias — is one row of entity_aliases, with its folded key (core/names.ts) in `normalized`,
 * so that "which entity is called X?" is one indexed lookup whichever name X is, and a merge moves
 * names by moving rows. An entity's `aliases` are its rows other than the one spelled like its name.
 */
import type { Entity, EntityKind, Id } from '../core/domain';
import type { Database } from './connection';
import { statement } from './statements';

interface EntityRow {
  id: string;
  name: string;
  kind: string;
  description: string;
  external_ids_json: string;
  merged_into: string | null;
  created_at: string;
  updated_at: string;
  deleted_at: string | null;
}

/** An entity row with its state: live, deleted, or merged into another. */
export interface StoredEntity {
  entity: Entity;
  deletedAt: string | null;
  mergedInto: Id | null;
}

/** One name of an entity. */
export interface AliasRow {
  id: Id;
  entityId: Id;
  alias: string;
  normalized: string;
}

const COLUMNS = `id, name, kind, description, external_ids_json, merged_into, created_at,
  updated_at, deleted_at`;

/** Mentions: live annotations in live documents. */
const LIVE_MENTIONS = `annotations a JOIN documents d ON d.id = a.document_id
  WHERE a.deleted_at IS NULL AND d.deleted_at IS NULL`;

export interface NewEntity {
  id: Id;
  name: string;
  kind: EntityKind;
  description: string;
  externalIds: Record<string, string>;
}

export function insertEntity(db: Database, entity: NewEntity, author: string, at: string): void {
  statement(
    db,
    `INSERT INTO entities (id, name, kind, description, external_ids_json, created_by,
       created_at, updated_at)
     VALUES (@id, @name, @kind, @description, @externalIdsJson, @author, @at, @at)`,
  ).run({
    id: entity.id,
    name: entity.name,
    kind: entity.kind,
    description: entity.description,
    externalIdsJson: JSON.stringify(entity.externalIds),
    author,
    at,
  });
}

/** Writes the editable fields of an entity (live or not) as given. */
export function writeEntity(db: Database, entity: NewEntity, at: string): void {
  statement(
    db,
    `UPDATE entities SET name = @name, kind = @kind, description = @description,
       external_ids_json = @externalIdsJson, updated_at = @at
     WHERE id = @id`,
  ).run({
    id: entity.id,
    name: entity.name,
    kind: entity.kind,
    description: entity.description,
    externalIdsJson: JSON.stringify(entity.externalIds),
    at,
  });
}

/** Soft-deletes (a timestamp) or revives (null) an entity; `mergedInto` records a merge. */
export function setEntityDeleted(
  db: Database,
  id: Id,
  deletedAt: string | null,
  mergedInto: Id | null,
  at: string,
): void {
  statement(
    db,
    'UPDATE entities SET deleted_at = ?, merged_into = ?, updated_at = ? WHERE id = ?',
  ).run(deletedAt, mergedInto, at, id);
}

/** Marks an entity changed (its names or mentions moved), so that a later sync sees it. */
export function touchEntity(db: Database, id: Id, at: string): void {
  statement(db, 'UPDATE entities SET updated_at = ? WHERE id = ?').run(at, id);
}

/** The entity with this id in any state, or undefined if it never existed. */
export function findStoredEntity(db: Database, id: Id): StoredEntity | undefined {
  const row = statement<EntityRow>(db, `SELECT ${COLUMNS} FROM entities WHERE id = ?`).get(id);
  if (!row) return undefined;
  return toStored(db, [row])[0];
}

/** Live entities (optionally of one kind), by name. */
export function listLiveEntities(db: Database, kind?: EntityKind): StoredEntity[] {
  const rows = kind
    ? statement<EntityRow>(
        db,
        `SELECT ${COLUMNS} FROM entities WHERE deleted_at IS NULL AND kind = ?
         ORDER BY name COLLATE NOCASE, id`,
      ).all(kind)
    : statement<EntityRow>(
        db,
        `SELECT ${COLUMNS} FROM entities WHERE deleted_at IS NULL
         ORDER BY name COLLATE NOCASE, id`,
      ).all();
  return toStored(db, rows, 'all live');
}

/** The entities with these ids, in any state, in the order given (unknown ids are skipped). */
export function findStoredEntities(db: Database, ids: readonly Id[]): StoredEntity[] {
  if (ids.length === 0) return [];
  const rows = statement<EntityRow>(
    db,
    `SELECT ${COLUMNS} FROM entities WHERE id IN (SELECT value FROM json_each(?))`,
  ).all(JSON.stringify(ids));
  const byId = new Map(toStored(db, rows).map((s) => [s.entity.id, s]));
  return ids.flatMap((id) => byId.get(id) ?? []);
}

/** The live names of these entities (display name included), oldest first. */
export function aliasRowsOf(db: Database, entityIds: readonly Id[]): AliasRow[] {
  if (entityIds.length === 0) return [];
  return statement<AliasRow>(
    db,
    `SELECT id, entity_id AS entityId, alias, normalized FROM entity_aliases
     WHERE deleted_at IS NULL AND entity_id IN (SELECT value FROM json_each(?))
     ORDER BY created_at, id`,
  ).all(JSON.stringify(entityIds));
}

/** Every live name of every live entity: what suggestions compare a text with. */
export function allLiveAliasRows(db: Database): AliasRow[] {
  return statement<AliasRow>(
    db,
    `SELECT ea.id, ea.entity_id AS entityId, ea.alias, ea.normalized
     FROM entity_aliases ea JOIN entities e ON e.id = ea.entity_id
     WHERE ea.deleted_at IS NULL AND e.deleted_at IS NULL
     ORDER BY ea.created_at, ea.id`,
  ).all();
}

/** Live entities whose description contains the folded text (see core/fold.ts). */
export function entityIdsByDescription(db: Database, folded: string): Id[] {
  if (!folded) return [];
  return statement<Id>(
    db,
    `SELECT id FROM entities
     WHERE deleted_at IS NULL AND description <> '' AND instr(gloss_fold(description), ?) > 0`,
  )
    .pluck()
    .all(folded);
}

export function insertAlias(db: Database, row: AliasRow, author: string, at: string): void {
  statement(
    db,
    `INSERT INTO entity_aliases (id, entity_id, alias, normalized, created_by, created_at,
       updated_at)
     VALUES (@id, @entityId, @alias, @normalized, @author, @at, @at)`,
  ).run({ ...row, author, at });
}

export function setAliasDeleted(db: Database, id: Id, deletedAt: string | null, at: string): void {
  statement(db, 'UPDATE entity_aliases SET deleted_at = ?, updated_at = ? WHERE id = ?').run(
    deletedAt,
    at,
    id,
  );
}

/** Moves the listed names that belong to `from` over to `to`; returns the ids that moved. */
export function moveAliases(db: Database, ids: readonly Id[], from: Id, to: Id, at: string): Id[] {
  const move = statement(
    db,
    `UPDATE entity_aliases SET entity_id = ?, updated_at = ?
     WHERE id = ? AND entity_id = ? AND deleted_at IS NULL`,
  );
  return ids.filter((id) => move.run(to, at, id, from).changes > 0);
}

/** Live mentions per entity id (only entities that have some). */
export function mentionCounts(db: Database, entityIds?: readonly Id[]): Map<Id, number> {
  const rows = entityIds
    ? statement<{ entity_id: string; n: number }>(
        db,
        `SELECT a.entity_id, count(*) AS n FROM ${LIVE_MENTIONS}
           AND a.entity_id IN (SELECT value FROM json_each(?))
         GROUP BY a.entity_id`,
      ).all(JSON.stringify(entityIds))
    : statement<{ entity_id: string; n: number }>(
        db,
        `SELECT a.entity_id, count(*) AS n FROM ${LIVE_MENTIONS} AND a.entity_id IS NOT NULL
         GROUP BY a.entity_id`,
      ).all();
  return new Map(rows.map((r) => [r.entity_id, r.n]));
}

/**
 * Entities in the API's shape. For a listing of all live entities ('all live'), names and counts
 * are read for the whole registry at once rather than for a list of thousands of ids.
 */
function toStored(db: Database, rows: EntityRow[], scope?: 'all live'): StoredEntity[] {
  const ids = rows.map((r) => r.id);
  const names = new Map<Id, AliasRow[]>();
  const aliases = scope === 'all live' ? allLiveAliasRows(db) : aliasRowsOf(db, ids);
  for (const alias of aliases) {
    const list = names.get(alias.entityId);
    if (list) list.push(alias);
    else names.set(alias.entityId, [alias]);
  }
  const counts = scope === 'all live' ? mentionCounts(db) : mentionCounts(db, ids);
  return rows.map((row) => ({
    entity: {
      id: row.id,
      name: row.name,
      kind: row.kind as EntityKind,
      aliases: aliasesBesidesName(row.name, names.get(row.id) ?? []),
      description: row.description,
      externalIds: parseExternalIds(row.external_ids_json),
      mentionCount: counts.get(row.id) ?? 0,
      createdAt: row.created_at,
      updatedAt: row.updated_at,
    },
    deletedAt: row.deleted_at,
    mergedInto: row.merged_into,
  }));
}

/** An entity's names other than its display name, each spelling once, in the order added. */
function aliasesBesidesName(name: string, rows: readonly AliasRow[]): string[] {
  const seen = new Set([name]);
  const aliases: string[] = [];
  for (const { alias } of rows) {
    if (seen.has(alias)) continue;
    seen.add(alias);
    aliases.push(alias);
  }
  return aliases;
}

export function parseExternalIds(json: string): Record<string, string> {
  try {
    const value: unknown = JSON.parse(json);
    if (typeof value === 'object' && value !== null && !Array.isArray(value)) {
      return Object.fromEntries(
        Object.entries(value).filter((e): e is [string, string] => typeof e[1] === 'string'),
      );
    }
  } catch {
    // A damaged value must not make the registry unreadable.
  }
  return {};
}
