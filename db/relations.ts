import { RELATION_QUOTE_CHARS } from '../core/api-notes';
import type { RelationEnd, RelationWithEnds } from '../core/api-notes';
import type { Id, Relation, RelationType } from '../core/domain';
import type { Database } from './connection';
import { statement } from './statements';

// ---------------------------------------------------------------------------------------------
// Relation types

export interface RelationTypeRow {
  id: string;
  key: string;
  name: string;
  inverse_name: string;
  symmetric: number;
  built_in: number;
  position: number;
  deleted_at: string | null;
}

export const RELATION_TYPE_COLUMNS =
  'id, key, name, inverse_name, symmetric, built_in, position, deleted_at';

/** Live relation types: the built-in ones first, then the analyst's, each in their order. */
export function listRelationTypes(db: Database): RelationType[] {
  return statement<RelationTypeRow>(
    db,
    `SELECT ${RELATION_TYPE_COLUMNS} FROM relation_types WHERE deleted_at IS NULL
     ORDER BY built_in DESC, position, created_at, id`,
  )
    .all()
    .map(toRelationType);
}

/** A relation type, live or deleted, or undefined if it never existed. */
export function findRelationType(
  db: Database,
  id: Id,
): { type: RelationType; deletedAt: string | null } | undefined {
  const row = statement<RelationTypeRow>(
    db,
    `SELECT ${RELATION_TYPE_COLUMNS} FROM relation_types WHERE id = ?`,
  ).get(id);
  return row && { type: toRelationType(row), deletedAt: row.deleted_at };
}

/** The live type with this name (ignoring case), other than `exceptId`, if any. */
export function findLiveTypeByName(
  db: Database,
  name: string,
  exceptId: Id | null,
): Id | undefined {
  return statement<Id>(
    db,
    `SELECT id FROM relation_types
     WHERE deleted_at IS NULL AND lower(name) = lower(?) AND id IS NOT ? LIMIT 1`,
  )
    .pluck()
    .get(name, exceptId);
}

/** Whether a live type uses this machine name. */
export function isTypeKeyTaken(db: Database, key: string): boolean {
  return (
    statement(db, 'SELECT 1 FROM relation_types WHERE key = ? AND deleted_at IS NULL').get(key) !==
    undefined
  );
}

/** The position after the last type. */
export function nextTypePosition(db: Database): number {
  return statement<number>(db, 'SELECT coalesce(max(position), -1) + 1 FROM relation_types')
    .pluck()
    .get()!;
}

export function insertRelationType(db: Database, type: RelationType, by: string, at: string): void {
  statement(
    db,
    `INSERT INTO relation_types (id, key, name, inverse_name, symmetric, built_in, position,
       created_by, created_at, updated_at)
     VALUES (@id, @key, @name, @inverseName, @symmetric, 0, @position, @by, @at, @at)`,
  ).run({ ...type, symmetric: type.symmetric ? 1 : 0, by, at });
}

export function updateRelationTypeFields(
  db: Database,
  id: Id,
  fields: { name: string; inverseName: string; symmetric: boolean },
  at: string,
): void {
  statement(
    db,
    `UPDATE relation_types SET name = @name, inverse_name = @inverseName, symmetric = @symmetric,
       updated_at = @at
     WHERE id = @id`,
  ).run({ id, ...fields, symmetric: fields.symmetric ? 1 : 0, at });
}

export function setRelationTypeDeleted(
  db: Database,
  id: Id,
  deletedAt: string | null,
  at: string,
): void {
  statement(db, 'UPDATE relation_types SET deleted_at = ?, updated_at = ? WHERE id = ?').run(
    deletedAt,
    at,
    id,
  );
}

/** Live relations of this type. */
export function countLiveRelationsOfType(db: Database, typeId: Id): number {
  return statement<number>(
    db,
    'SELECT count(*) FROM relations WHERE type_id = ? AND deleted_at IS NULL',
  )
    .pluck()
    .get(typeId)!;
}

export function toRelationType(row: RelationTypeRow): RelationType {
  return {
    id: row.id,
    key: row.key,
    name: row.name,
    inverseName: row.inverse_name,
    symmetric: row.symmetric === 1,
    builtIn: row.built_in === 1,
    position: row.position,
  };
}

// ---------------------------------------------------------------------------------------------
// Relations

interface EndColumns {
  document_id: string;
  title: string;
  tag_id: string;
  start: number;
  end: number;
  exact: string;
}

/** A relation's own columns, as RELATION_COLUMNS selects them over `r` (the exporter reads these). */
export interface RelationColumns {
  id: string;
  type_id: string;
  source_id: string;
  target_id: string;
  note: string;
  author: string;
  created_at: string;
  updated_at: string;
}

export const RELATION_COLUMNS = `r.id, r.type_id, r.source_id, r.target_id, r.note, r.author,
  r.created_at, r.updated_at`;

type RelationRow = RelationColumns & { deleted_at: string | null } & {
  [K in keyof EndColumns as `s_${K}`]: EndColumns[K];
} & {
  [K in keyof EndColumns as `t_${K}`]: EndColumns[K];
};

/** A relation with both ends, the quotes cut short in SQLite (they can be paragraphs long). */
const WITH_ENDS = `
  SELECT ${RELATION_COLUMNS}, r.deleted_at,
    s.document_id AS s_document_id, sd.title AS s_title, s.tag_id AS s_tag_id,
    s.start AS s_start, s."end" AS s_end, substr(s.exact, 1, ${RELATION_QUOTE_CHARS}) AS s_exact,
    t.document_id AS t_document_id, td.title AS t_title, t.tag_id AS t_tag_id,
    t.start AS t_start, t."end" AS t_end, substr(t.exact, 1, ${RELATION_QUOTE_CHARS}) AS t_exact
  FROM relations r
  JOIN annotations s ON s.id = r.source_id
  JOIN documents sd ON sd.id = s.document_id
  JOIN annotations t ON t.id = r.target_id
  JOIN documents td ON td.id = t.document_id`;

/** Both ends live, in live documents: what makes a relation visible. */
const LIVE = `r.deleted_at IS NULL AND s.deleted_at IS NULL AND t.deleted_at IS NULL
  AND sd.deleted_at IS NULL AND td.deleted_at IS NULL`;

export function insertRelation(db: Database, relation: Relation): void {
  statement(
    db,
    `INSERT INTO relations (id, type_id, source_id, target_id, note, author, created_at,
       updated_at)
     VALUES (@id, @typeId, @sourceId, @targetId, @note, @author, @createdAt, @updatedAt)`,
  ).run({ ...relation });
}

/** A relation with its ends, live or deleted, or undefined if it never existed. */
export function findRelation(
  db: Database,
  id: Id,
): { relation: RelationWithEnds; deletedAt: string | null } | undefined {
  const row = statement<RelationRow>(db, `${WITH_ENDS} WHERE r.id = ?`).get(id);
  return row && { relation: toRelation(row), deletedAt: row.deleted_at };
}

/**
 * The visible relations with at least one end in the document, oldest first. Found from the
 * document's annotations through the relations' source and target indexes, so the cost grows
 * with the document, not the project.
 */
export function listDocumentRelations(db: Database, documentId: Id): RelationWithEnds[] {
  return statement<RelationRow>(
    db,
    `${WITH_ENDS}
     WHERE r.id IN (
       SELECT x.id FROM annotations a JOIN relations x ON x.source_id = a.id
       WHERE a.document_id = @documentId
       UNION
       SELECT x.id FROM annotations a JOIN relations x ON x.target_id = a.id
       WHERE a.document_id = @documentId)
     AND ${LIVE}
     ORDER BY r.created_at, r.id`,
  )
    .all({ documentId })
    .map(toRelation);
}

/**
 * A live relation of this type between these ends (either way round when the type is
 * symmetric), other than `exceptId`; undefined if there is none.
 */
export function findDuplicateRelation(
  db: Database,
  link: { typeId: Id; sourceId: Id; targetId: Id; symmetric: boolean },
  exceptId: Id | null = null,
): Id | undefined {
  return statement<Id>(
    db,
    `SELECT id FROM relations
     WHERE deleted_at IS NULL AND type_id = @typeId AND id IS NOT @exceptId
       AND ((source_id = @sourceId AND target_id = @targetId)
         OR (@symmetric AND source_id = @targetId AND target_id = @sourceId))
     LIMIT 1`,
  )
    .pluck()
    .get({ ...link, symmetric: link.symmetric ? 1 : 0, exceptId });
}

export function updateRelationFields(
  db: Database,
  id: Id,
  fields: { typeId?: Id; note?: string },
  at: string,
): void {
  statement(
    db,
    `UPDATE relations SET type_id = coalesce(@typeId, type_id), note = coalesce(@note, note),
       updated_at = @at
     WHERE id = @id`,
  ).run({ id, typeId: fields.typeId ?? null, note: fields.note ?? null, at });
}

export function setRelationDeleted(
  db: Database,
  id: Id,
  deletedAt: string | null,
  at: string,
): void {
  statement(db, 'UPDATE relations SET deleted_at = ?, updated_at = ? WHERE id = ?').run(
    deletedAt,
    at,
    id,
  );
}

/** Whether the annotation and its document are live. */
export function isLiveAnnotation(db: Database, id: Id): boolean {
  return (
    statement(
      db,
      `SELECT 1 FROM annotations a JOIN documents d ON d.id = a.document_id
       WHERE a.id = ? AND a.deleted_at IS NULL AND d.deleted_at IS NULL`,
    ).get(id) !== undefined
  );
}

/** A relation from its own columns, without the ends the reader's panels show. */
export function toPlainRelation(row: RelationColumns): Relation {
  return {
    id: row.id,
    typeId: row.type_id,
    sourceId: row.source_id,
    targetId: row.target_id,
    note: row.note,
    author: row.author,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

function toRelation(row: RelationRow): RelationWithEnds {
  return {
    ...toPlainRelation(row),
    source: toEnd(row.source_id, {
      document_id: row.s_document_id,
      title: row.s_title,
      tag_id: row.s_tag_id,
      start: row.s_start,
      end: row.s_end,
      exact: row.s_exact,
    }),
    target: toEnd(row.target_id, {
      document_id: row.t_document_id,
      title: row.t_title,
      tag_id: row.t_tag_id,
      start: row.t_start,
      end: row.t_end,
      exact: row.t_exact,
    }),
  };
}

function toEnd(annotationId: Id, end: EndColumns): RelationEnd {
  return {
    annotationId,
    documentId: end.document_id,
    documentTitle: end.title,
    tagId: end.tag_id,
    start: end.start,
    end: end.end,
    exact: end.exact,
  };
}
