/**
 * Where entities are named across the project: annotations linked to an entity (mentions),
 * annotations whose entity-typed attribute values name it (references), and the moves a merge or
 * split makes of both. Also the reads that tag-all-occurrences needs.
 */
import type { EntityMention, EntityReference } from '../core/api-entities';
import type { Id } from '../core/domain';
import type { Database } from './connection';
import { statement } from './statements';

const MENTION_COLUMNS = `a.id AS annotationId, a.document_id AS documentId,
  d.title AS documentTitle, a.tag_id AS tagId, a.start AS start, a."end" AS "end",
  a.exact AS exact, a.prefix AS prefix, a.suffix AS suffix, a.created_at AS createdAt`;

/** Newest documents first (as the library lists them), then text order. */
const MENTION_ORDER = 'd.imported_at DESC, d.id, a.start, a."end" DESC, a.id';

/** Live annotations in live documents linked to the entity. */
export function listMentions(db: Database, entityId: Id): EntityMention[] {
  return statement<EntityMention>(
    db,
    `SELECT ${MENTION_COLUMNS}
     FROM annotations a JOIN documents d ON d.id = a.document_id
     WHERE a.entity_id = ? AND a.deleted_at IS NULL AND d.deleted_at IS NULL
     ORDER BY ${MENTION_ORDER}`,
  ).all(entityId);
}

/** Live annotations in live documents whose entity-typed attribute names the entity. */
export function listReferences(db: Database, entityId: Id): EntityReference[] {
  return statement<EntityReference>(
    db,
    `SELECT ${MENTION_COLUMNS}, j.key AS attributeId, ad.name AS attributeName
     FROM annotations a JOIN documents d ON d.id = a.document_id
       JOIN json_each(a.attributes_json) j
       JOIN attribute_defs ad ON ad.id = j.key AND ad.type = 'entity'
     WHERE a.deleted_at IS NULL AND d.deleted_at IS NULL AND j.type = 'text' AND j.value = ?
     ORDER BY ${MENTION_ORDER}, ad.position`,
  ).all(entityId);
}

/** Every annotation (live or deleted) linked to the entity: what a merge moves. */
export function annotationIdsLinkedTo(db: Database, entityId: Id): Id[] {
  return statement<Id>(db, 'SELECT id FROM annotations WHERE entity_id = ? ORDER BY id')
    .pluck()
    .all(entityId);
}

/**
 * Links the listed annotations that are linked to `from` to `to` instead; returns the ids that
 * moved. Deleted annotations move too, so that restoring one never brings back a stale link.
 */
export function relinkAnnotations(
  db: Database,
  ids: readonly Id[],
  from: Id,
  to: Id,
  at: string,
): Id[] {
  const relink = statement(
    db,
    'UPDATE annotations SET entity_id = ?, updated_at = ? WHERE id = ? AND entity_id = ?',
  );
  return ids.filter((id) => relink.run(to, at, id, from).changes > 0);
}

/** Links an annotation to an entity (or unlinks it: null). */
export function setAnnotationEntity(db: Database, id: Id, entityId: Id | null, at: string): void {
  statement(db, 'UPDATE annotations SET entity_id = ?, updated_at = ? WHERE id = ?').run(
    entityId,
    at,
    id,
  );
}

/** An entity-typed attribute value: which annotation, which attribute. */
export interface AttributeRef {
  annotationId: Id;
  attributeId: Id;
}

/** Every entity-typed attribute value (on live or deleted annotations) that names the entity. */
export function attributeRefsTo(db: Database, entityId: Id): AttributeRef[] {
  return statement<AttributeRef>(
    db,
    `SELECT a.id AS annotationId, j.key AS attributeId
     FROM annotations a JOIN json_each(a.attributes_json) j
     WHERE j.type = 'text' AND j.value = ?
       AND j.key IN (SELECT id FROM attribute_defs WHERE type = 'entity')
     ORDER BY a.id, j.key`,
  ).all(entityId);
}

/** Rewrites the listed attribute values that name `from` to name `to`; returns those rewritten. */
export function rewriteAttributeRefs(
  db: Database,
  refs: readonly AttributeRef[],
  from: Id,
  to: Id,
  at: string,
): AttributeRef[] {
  // Attribute ids are UUIDs (checked by the API), so quoting them in a JSON path is safe.
  const rewrite = statement(
    db,
    `UPDATE annotations
     SET attributes_json = json_set(attributes_json, '$."' || @attributeId || '"', @to),
         updated_at = @at
     WHERE id = @annotationId
       AND json_extract(attributes_json, '$."' || @attributeId || '"') = @from`,
  );
  return refs.filter((ref) => rewrite.run({ ...ref, from, to, at }).changes > 0);
}

/** A tagged span, for leaving out occurrences that are tagged already. */
export interface TaggedSpan {
  documentId: Id;
  start: number;
  end: number;
}

/** Live spans tagged with `tagId`, in one document or (documentId undefined) in all. */
export function spansWithTag(db: Database, tagId: Id, documentId?: Id): TaggedSpan[] {
  return documentId === undefined
    ? statement<TaggedSpan>(
        db,
        `SELECT document_id AS documentId, start, "end" FROM annotations
         WHERE tag_id = ? AND deleted_at IS NULL`,
      ).all(tagId)
    : statement<TaggedSpan>(
        db,
        `SELECT document_id AS documentId, start, "end" FROM annotations
         WHERE tag_id = ? AND document_id = ? AND deleted_at IS NULL`,
      ).all(tagId, documentId);
}

/** A document's id and title. */
export interface DocumentTitle {
  id: Id;
  title: string;
}

/**
 * The live documents that are current (no live newer version of them exists), newest first:
 * what a project-wide search looks through. Their texts are read one at a time by the caller.
 */
export function currentDocuments(db: Database): DocumentTitle[] {
  return statement<DocumentTitle>(
    db,
    `SELECT id, title FROM documents
     WHERE deleted_at IS NULL
       AND id NOT IN (SELECT version_of FROM documents
                      WHERE version_of IS NOT NULL AND deleted_at IS NULL)
     ORDER BY imported_at DESC, id DESC`,
  ).all();
}
