/**
 * The open project as an ExchangeSource (formats/exchange/model.ts): what every exporter reads.
 * The codebook, entities and counts are read up front (they are small); documents are read one
 * at a time as the exporter iterates, so a project of any size streams with bounded memory.
 */
import type { Entity, EntityKind, Id, Memo, Tag } from '../core/domain';
import { listAttributeDefs } from '../db/attributes';
import type { Database } from '../db/connection';
import { parseExternalIds } from '../db/entities';
import { listLiveMemos } from '../db/memos';
import { RELATION_TYPE_COLUMNS, toRelationType } from '../db/relations';
import type { RelationTypeRow } from '../db/relations';
import { statement } from '../db/statements';
import { listTags } from '../db/tags';
import type { ExchangeCodebook, ExchangeDocument, ExchangeSource } from '../formats/exchange/model';
import { readAnnotations, readDocument, readRelations } from './exchange-source-documents';

/** What to export: one document or the whole project, some tags (with sub-tags) or all. */
export interface ExchangeScope {
  documentId?: Id;
  tagIds?: Id[];
}

/** Named parameters every scoped query binds: the document (or null) and the tags (or null). */
interface ScopeParams {
  doc: Id | null;
  tags: string | null;
}

/** Annotations in scope, as a WHERE fragment over `a` (bind ScopeParams). */
const IN_SCOPE = `a.deleted_at IS NULL
  AND a.document_id IN (SELECT id FROM documents
                        WHERE deleted_at IS NULL AND (@doc IS NULL OR id = @doc))
  AND (@tags IS NULL OR a.tag_id IN (SELECT value FROM json_each(@tags)))`;

/**
 * Builds the source over `db` (a connection whose reads should all see one snapshot: the caller
 * holds a read transaction open while the export runs). Throws nothing for an unknown document:
 * the caller checks the scope first.
 */
export function buildExchangeSource(
  db: Database,
  scope: ExchangeScope,
  meta: { generator: string; exportedAt: string },
): ExchangeSource {
  const allTags = listTags(db);
  const selected = scope.tagIds ? withDescendants(allTags, scope.tagIds) : undefined;
  const params: ScopeParams = {
    doc: scope.documentId ?? null,
    tags: selected ? JSON.stringify([...selected]) : null,
  };
  const codebook = readCodebook(db, allTags, selected);
  const documentIds = statement<{ id: string }>(
    db,
    `SELECT id FROM documents WHERE deleted_at IS NULL AND (@doc IS NULL OR id = @doc)
     ORDER BY imported_at DESC, id DESC`,
  )
    .all(params)
    .map((row) => row.id);
  const annotationCount = statement<{ n: number }>(
    db,
    `SELECT count(*) AS n FROM annotations a WHERE ${IN_SCOPE}`,
  ).get(params)!.n;
  const projectMemos = scope.documentId === undefined ? listLiveMemos(db, null) : [];
  return {
    codebook,
    entities: readEntities(db, params),
    projectMemos,
    users: readUsers(db, params, projectMemos),
    documentCount: documentIds.length,
    annotationCount,
    *documents(): Generator<ExchangeDocument> {
      for (const id of documentIds) {
        const document = readDocument(db, id);
        if (!document) continue;
        yield {
          document,
          annotations: readAnnotations(db, id, params.tags),
          relations: readRelations(db, id, params.tags),
          memos: listLiveMemos(db, id),
        };
      }
    },
    generator: meta.generator,
    exportedAt: meta.exportedAt,
  };
}

/** The given tags and every tag beneath them. */
function withDescendants(tags: readonly Tag[], roots: readonly Id[]): Set<Id> {
  const selected = new Set(roots);
  let grew = true;
  while (grew) {
    grew = false;
    for (const tag of tags) {
      if (tag.parentId !== null && selected.has(tag.parentId) && !selected.has(tag.id)) {
        selected.add(tag.id);
        grew = true;
      }
    }
  }
  return selected;
}

/** The codebook: all live tags, or the selected ones with their ancestors (so paths stay whole). */
function readCodebook(db: Database, tags: Tag[], selected?: Set<Id>): ExchangeCodebook {
  let kept = tags;
  if (selected) {
    const byId = new Map(tags.map((t) => [t.id, t]));
    const keep = new Set<Id>();
    for (const id of selected) {
      for (let tag = byId.get(id); tag && !keep.has(tag.id); tag = byId.get(tag.parentId ?? '')) {
        keep.add(tag.id);
      }
    }
    kept = tags.filter((t) => keep.has(t.id));
  }
  const keptIds = new Set(kept.map((t) => t.id));
  const attributeDefs = listAttributeDefs(db).filter((def) => keptIds.has(def.tagId));
  // Export order, not the reader's (built-in first): by position alone.
  const relationTypes = statement<RelationTypeRow>(
    db,
    `SELECT ${RELATION_TYPE_COLUMNS} FROM relation_types
     WHERE deleted_at IS NULL ORDER BY position, id`,
  )
    .all()
    .map(toRelationType);
  return { tags: kept, attributeDefs, relationTypes };
}

/** Live entities that an annotation in scope links to, or names in an entity attribute. */
function readEntities(db: Database, params: ScopeParams): Entity[] {
  const rows = statement<{
    id: string;
    name: string;
    kind: EntityKind;
    description: string;
    external_ids_json: string;
    created_at: string;
    updated_at: string;
    mentions: number;
  }>(
    db,
    `WITH used(id) AS (
       SELECT a.entity_id FROM annotations a WHERE ${IN_SCOPE} AND a.entity_id IS NOT NULL
       UNION
       SELECT j.value FROM annotations a, json_each(a.attributes_json) j
         JOIN attribute_defs d ON d.id = j.key AND d.type = 'entity'
       WHERE ${IN_SCOPE} AND j.type = 'text'
     )
     SELECT e.id, e.name, e.kind, e.description, e.external_ids_json, e.created_at, e.updated_at,
       (SELECT count(*) FROM annotations m WHERE m.entity_id = e.id AND m.deleted_at IS NULL)
         AS mentions
     FROM entities e JOIN used ON used.id = e.id
     WHERE e.deleted_at IS NULL ORDER BY e.name, e.id`,
  ).all(params);
  const aliases = statement<{ alias: string }>(
    db,
    `SELECT alias FROM entity_aliases WHERE entity_id = ? AND deleted_at IS NULL
     ORDER BY created_at, id`,
  );
  return rows.map((row) => ({
    id: row.id,
    name: row.name,
    kind: row.kind,
    aliases: aliases
      .all(row.id)
      .map((a) => a.alias)
      .filter((alias) => alias !== row.name),
    description: row.description,
    externalIds: parseExternalIds(row.external_ids_json),
    mentionCount: row.mentions,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  }));
}

function readUsers(db: Database, params: ScopeParams, projectMemos: Memo[]): string[] {
  const authors = statement<{ author: string }>(
    db,
    `SELECT a.author FROM annotations a WHERE ${IN_SCOPE}
     UNION SELECT r.author FROM relations r JOIN annotations a ON a.id = r.source_id
       WHERE r.deleted_at IS NULL AND ${IN_SCOPE}
     UNION SELECT m.author FROM memos m
       WHERE m.deleted_at IS NULL AND m.document_id IN (SELECT id FROM documents
         WHERE deleted_at IS NULL AND (@doc IS NULL OR id = @doc))`,
  )
    .all(params)
    .map((row) => row.author);
  const all = new Set([...authors, ...projectMemos.map((m) => m.author)]);
  all.delete('');
  return [...all].sort();
}
