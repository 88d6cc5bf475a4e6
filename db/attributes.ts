/**
 * Attribute definitions (typed fields per tag) and the attribute values annotations hold. Values
 * live in one JSON object per annotation (annotations.attributes_json), keyed by definition id:
 * they are always read and written with their annotation.
 */
import type {
  AttributeChoice,
  AttributeDef,
  AttributeType,
  AttributeValues,
  Id,
} from '../core/domain';
import type { Database } from './connection';
import { statement } from './statements';

interface AttributeDefRow {
  id: string;
  tag_id: string;
  key: string;
  name: string;
  type: string;
  choices_json: string;
  description: string;
  position: number;
}

const DEF_COLUMNS = 'id, tag_id, key, name, type, choices_json, description, position';

/** Live attribute definitions, grouped by tag, each tag's by position. */
export function listAttributeDefs(db: Database): AttributeDef[] {
  return statement<AttributeDefRow>(
    db,
    `SELECT ${DEF_COLUMNS} FROM attribute_defs WHERE deleted_at IS NULL
     ORDER BY tag_id, position, id`,
  )
    .all()
    .map(toAttributeDef);
}

/** A tag's own live attribute definitions, by position. */
export function listTagAttributeDefs(db: Database, tagId: Id): AttributeDef[] {
  return statement<AttributeDefRow>(
    db,
    `SELECT ${DEF_COLUMNS} FROM attribute_defs WHERE tag_id = ? AND deleted_at IS NULL
     ORDER BY position, id`,
  )
    .all(tagId)
    .map(toAttributeDef);
}

/** An attribute definition row, live or soft-deleted. */
export interface StoredAttributeDef {
  def: AttributeDef;
  deletedAt: string | null;
}

export function findAttributeDef(db: Database, id: Id): StoredAttributeDef | undefined {
  const row = statement<AttributeDefRow & { deleted_at: string | null }>(
    db,
    `SELECT ${DEF_COLUMNS}, deleted_at FROM attribute_defs WHERE id = ?`,
  ).get(id);
  return row && { def: toAttributeDef(row), deletedAt: row.deleted_at };
}

export function insertAttributeDef(
  db: Database,
  def: AttributeDef,
  author: string,
  at: string,
): void {
  statement(
    db,
    `INSERT INTO attribute_defs (id, tag_id, key, name, type, choices_json, description, position,
       created_by, created_at, updated_at)
     VALUES (@id, @tagId, @key, @name, @type, @choicesJson, @description, @position, @author,
       @at, @at)`,
  ).run({ ...def, choicesJson: JSON.stringify(def.choices), author, at });
}

/** Writes every editable field of a definition as given. */
export function writeAttributeDef(db: Database, def: AttributeDef, at: string): void {
  statement(
    db,
    `UPDATE attribute_defs SET tag_id = @tagId, key = @key, name = @name, type = @type,
       choices_json = @choicesJson, description = @description, position = @position,
       updated_at = @at
     WHERE id = @id`,
  ).run({ ...def, choicesJson: JSON.stringify(def.choices), at });
}

export function setAttributeDefDeleted(
  db: Database,
  id: Id,
  deletedAt: string | null,
  at: string,
): void {
  statement(db, 'UPDATE attribute_defs SET deleted_at = ?, updated_at = ? WHERE id = ?').run(
    deletedAt,
    at,
    id,
  );
}

/** Gives a tag's live definitions the positions 0, 1, 2… in the order given. */
export function renumberAttributeDefs(db: Database, orderedIds: readonly Id[], at: string): void {
  const update = statement(
    db,
    'UPDATE attribute_defs SET position = ?, updated_at = ? WHERE id = ? AND position <> ?',
  );
  orderedIds.forEach((id, position) => update.run(position, at, id, position));
}

/** Whether a canonical entity exists and is neither deleted nor merged into another. */
export function isLiveEntity(db: Database, id: Id): boolean {
  return (
    statement(
      db,
      'SELECT 1 FROM entities WHERE id = ? AND deleted_at IS NULL AND merged_into IS NULL',
    )
      .pluck()
      .get(id) !== undefined
  );
}

/** Whether an annotation exists and is not deleted. */
export function isLiveAnnotation(db: Database, id: Id): boolean {
  return (
    statement(db, 'SELECT 1 FROM annotations WHERE id = ? AND deleted_at IS NULL')
      .pluck()
      .get(id) !== undefined
  );
}

/** An annotation's tag and values, as a codebook change needs them (deleted ones too). */
export interface TaggedValues {
  id: Id;
  tagId: Id;
  deleted: boolean;
  attributes: AttributeValues;
}

/** Every annotation (live or deleted) with one of these tags, with its values. */
export function annotationsWithTags(db: Database, tagIds: readonly Id[]): TaggedValues[] {
  if (tagIds.length === 0) return [];
  return statement<{ id: string; tag_id: string; deleted: number; attributes_json: string }>(
    db,
    `SELECT id, tag_id, deleted_at IS NOT NULL AS deleted, attributes_json FROM annotations
     WHERE tag_id IN (SELECT value FROM json_each(?))
     ORDER BY id`,
  )
    .all(JSON.stringify(tagIds))
    .map((row) => ({
      id: row.id,
      tagId: row.tag_id,
      deleted: row.deleted === 1,
      attributes: parseValues(row.attributes_json),
    }));
}

/** A tag's annotations: live ones on live documents, all rows, and the documents they are in. */
export function tagUsage(
  db: Database,
  tagId: Id,
): { live: number; total: number; documents: number } {
  return statement<{ live: number; total: number; documents: number }>(
    db,
    `SELECT
       count(*) FILTER (WHERE a.deleted_at IS NULL AND d.deleted_at IS NULL) AS live,
       count(*) AS total,
       count(DISTINCT a.document_id)
         FILTER (WHERE a.deleted_at IS NULL AND d.deleted_at IS NULL) AS documents
     FROM annotations a JOIN documents d ON d.id = a.document_id
     WHERE a.tag_id = ?`,
  ).get(tagId)!;
}

/**
 * Sets an annotation's tag, values and entity link; fields left undefined keep their value. Its
 * `updated_at` changes only for a live annotation, so a deleted one still reads as deleted then.
 */
export function writeAnnotationModel(
  db: Database,
  id: Id,
  fields: { tagId?: Id; attributes?: AttributeValues; entityId?: Id | null },
  at: string,
): void {
  statement(
    db,
    `UPDATE annotations
     SET tag_id = coalesce(@tagId, tag_id),
         attributes_json = coalesce(@attributesJson, attributes_json),
         entity_id = CASE WHEN @setEntity THEN @entityId ELSE entity_id END,
         updated_at = CASE WHEN deleted_at IS NULL THEN @at ELSE updated_at END
     WHERE id = @id`,
  ).run({
    id,
    tagId: fields.tagId ?? null,
    attributesJson: fields.attributes === undefined ? null : JSON.stringify(fields.attributes),
    setEntity: fields.entityId === undefined ? 0 : 1,
    entityId: fields.entityId ?? null,
    at,
  });
}

function toAttributeDef(row: AttributeDefRow): AttributeDef {
  return {
    id: row.id,
    tagId: row.tag_id,
    key: row.key,
    name: row.name,
    type: row.type as AttributeType,
    choices: parseChoices(row.choices_json),
    description: row.description,
    position: row.position,
  };
}

function parseChoices(json: string): AttributeChoice[] {
  try {
    const value: unknown = JSON.parse(json);
    if (Array.isArray(value)) {
      return value.filter(
        (c): c is AttributeChoice =>
          typeof c === 'object' &&
          c !== null &&
          typeof (c as AttributeChoice).value === 'string' &&
          typeof (c as AttributeChoice).label === 'string',
      );
    }
  } catch {
    // A damaged list reads as no choices rather than making the codebook unreadable.
  }
  return [];
}

function parseValues(json: string): AttributeValues {
  try {
    const value: unknown = JSON.parse(json);
    if (typeof value === 'object' && value !== null && !Array.isArray(value)) {
      return value as AttributeValues;
    }
  } catch {
    // As in db/annotations.ts: a damaged value reads as no values.
  }
  return {};
}
