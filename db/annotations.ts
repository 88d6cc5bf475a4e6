import type { Annotation, Id } from '../core/domain';
import type { Database } from './connection';
import { statement } from './statements';

/** An `annotations` row as ANNOTATION_COLUMNS selects it (the exporter reads these too). */
export interface AnnotationRow {
  id: string;
  document_id: string;
  tag_id: string;
  start: number;
  end: number;
  exact: string;
  prefix: string;
  suffix: string;
  note: string;
  author: string;
  created_at: string;
  updated_at: string;
  deleted_at: string | null;
  attributes_json: string;
  entity_id: string | null;
}

/** An annotation row, including whether it is soft-deleted. */
export interface StoredAnnotation {
  annotation: Annotation;
  deletedAt: string | null;
}

export const ANNOTATION_COLUMNS = `id, document_id, tag_id, start, "end", exact, prefix, suffix, note, author,
  created_at, updated_at, deleted_at, attributes_json, entity_id`;

/** Text order: by start, and at equal starts the longer span first, so enclosing spans lead. */
const TEXT_ORDER = 'start, "end" DESC, created_at, id';

/**
 * Stores a new annotation. `previousId` names the annotation it was copied from when a re-import
 * moved it to a new version of its document, so its history stays traceable.
 */
export function insertAnnotation(
  db: Database,
  annotation: Annotation,
  previousId: Id | null = null,
): void {
  statement(
    db,
    `INSERT INTO annotations (id, document_id, tag_id, start, "end", exact, prefix, suffix, note,
       author, created_at, updated_at, previous_id, attributes_json, entity_id)
     VALUES (@id, @documentId, @tagId, @start, @end, @exact, @prefix, @suffix, @note,
       @author, @createdAt, @updatedAt, @previousId, @attributesJson, @entityId)`,
  ).run({
    ...annotation,
    previousId,
    attributesJson: JSON.stringify(annotation.attributes),
    entityId: annotation.entityId,
  });
}

/** The annotation with this id, live or deleted, or undefined if it never existed. */
export function findAnnotation(db: Database, id: Id): StoredAnnotation | undefined {
  const row = statement<AnnotationRow>(
    db,
    `SELECT ${ANNOTATION_COLUMNS} FROM annotations WHERE id = ?`,
  ).get(id);
  return row && { annotation: toAnnotation(row), deletedAt: row.deleted_at };
}

/** The live annotations of a document in text order. */
export function listDocumentAnnotations(db: Database, documentId: Id): Annotation[] {
  return statement<AnnotationRow>(
    db,
    `SELECT ${ANNOTATION_COLUMNS} FROM annotations
     WHERE document_id = ? AND deleted_at IS NULL
     ORDER BY ${TEXT_ORDER}`,
  )
    .all(documentId)
    .map(toAnnotation);
}

/** Changes the tag and/or note of an annotation; fields left undefined keep their value. */
export function updateAnnotationFields(
  db: Database,
  id: Id,
  fields: { tagId?: Id; note?: string; updatedAt: string },
): void {
  statement(
    db,
    `UPDATE annotations
     SET tag_id = coalesce(@tagId, tag_id), note = coalesce(@note, note), updated_at = @updatedAt
     WHERE id = @id`,
  ).run({
    id,
    tagId: fields.tagId ?? null,
    note: fields.note ?? null,
    updatedAt: fields.updatedAt,
  });
}

/**
 * Soft-deletes (`deletedAt` a timestamp) or restores (`deletedAt` null) an annotation. The change
 * counts as an update, so a later merge can tell which side changed the row last.
 */
export function setAnnotationDeleted(
  db: Database,
  id: Id,
  deletedAt: string | null,
  updatedAt: string,
): void {
  statement(db, 'UPDATE annotations SET deleted_at = ?, updated_at = ? WHERE id = ?').run(
    deletedAt,
    updatedAt,
    id,
  );
}

export function toAnnotation(row: AnnotationRow): Annotation {
  return {
    id: row.id,
    documentId: row.document_id,
    tagId: row.tag_id,
    start: row.start,
    end: row.end,
    exact: row.exact,
    prefix: row.prefix,
    suffix: row.suffix,
    note: row.note,
    author: row.author,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    attributes: parseAttributes(row.attributes_json),
    entityId: row.entity_id,
  };
}

/** The stored JSON object of attribute values; anything else reads as no values. */
function parseAttributes(json: string): Annotation['attributes'] {
  try {
    const value: unknown = JSON.parse(json);
    if (typeof value === 'object' && value !== null && !Array.isArray(value)) {
      return value as Annotation['attributes'];
    }
  } catch {
    // A damaged value must not make the whole document unreadable.
  }
  return {};
}
