/**
 * The per-document reads of an export (service/exchange-source.ts): a document with its details,
 * its annotations in text order, the relations that start at them, its memos. Each runs once per
 * document as the exporter iterates, so only one document is in memory at a time.
 */
import type {
  Annotation,
  DocumentFormat,
  Id,
  Memo,
  Relation,
  ReliabilityGrade,
} from '../core/domain';
import type { Database } from '../db/connection';
import { statement } from '../db/statements';
import type { ExchangeDocumentInfo } from '../formats/exchange/model';

export function readDocument(db: Database, id: Id): ExchangeDocumentInfo | undefined {
  const row = statement<{
    id: string;
    title: string;
    text: string;
    sha256: string;
    format: DocumentFormat;
    imported_at: string;
    author: string | null;
    outlet: string | null;
    published_at: string | null;
    url: string | null;
    language: string | null;
    outlet_reliability: ReliabilityGrade | null;
  }>(
    db,
    `SELECT documents.id, title, text, sha256, format, imported_at, d.author, d.outlet,
       d.published_at, d.url, d.language, d.outlet_reliability
     FROM documents LEFT JOIN document_details d ON d.document_id = documents.id
     WHERE documents.id = ? AND deleted_at IS NULL`,
  ).get(id);
  if (!row) return undefined;
  return {
    id: row.id,
    title: row.title,
    text: row.text,
    sha256: row.sha256,
    format: row.format,
    importedAt: row.imported_at,
    details: {
      author: row.author ?? '',
      outlet: row.outlet ?? '',
      publishedAt: row.published_at ?? '',
      url: row.url ?? '',
      language: row.language ?? '',
      outletReliability: row.outlet_reliability ?? null,
    },
  };
}

interface AnnotationRow {
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
  attributes_json: string;
  entity_id: string | null;
}

/** The document's live annotations in scope, in text order (enclosing spans first). */
export function readAnnotations(db: Database, documentId: Id, tags: string | null): Annotation[] {
  return statement<AnnotationRow>(
    db,
    `SELECT id, document_id, tag_id, start, "end", exact, prefix, suffix, note, author,
       created_at, updated_at, attributes_json, entity_id
     FROM annotations
     WHERE document_id = @documentId AND deleted_at IS NULL
       AND (@tags IS NULL OR tag_id IN (SELECT value FROM json_each(@tags)))
     ORDER BY start, "end" DESC, created_at, id`,
  )
    .all({ documentId, tags })
    .map((row) => ({
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
      attributes: parseJson(row.attributes_json, {}),
      entityId: row.entity_id,
    }));
}

/**
 * Live relations from an annotation of this document, both ends live and in the tag scope. The
 * target may be in another document (of the project, though perhaps not of this export).
 */
export function readRelations(db: Database, documentId: Id, tags: string | null): Relation[] {
  return statement<{
    id: string;
    type_id: string;
    source_id: string;
    target_id: string;
    note: string;
    author: string;
    created_at: string;
    updated_at: string;
  }>(
    db,
    `SELECT r.id, r.type_id, r.source_id, r.target_id, r.note, r.author, r.created_at,
       r.updated_at
     FROM relations r
       JOIN annotations s ON s.id = r.source_id
       JOIN annotations t ON t.id = r.target_id
       JOIN documents td ON td.id = t.document_id
     WHERE r.deleted_at IS NULL AND s.deleted_at IS NULL AND t.deleted_at IS NULL
       AND td.deleted_at IS NULL AND s.document_id = @documentId
       AND (@tags IS NULL OR (s.tag_id IN (SELECT value FROM json_each(@tags))
                          AND t.tag_id IN (SELECT value FROM json_each(@tags))))
     ORDER BY s.start, r.id`,
  )
    .all({ documentId, tags })
    .map((row) => ({
      id: row.id,
      typeId: row.type_id,
      sourceId: row.source_id,
      targetId: row.target_id,
      note: row.note,
      author: row.author,
      createdAt: row.created_at,
      updatedAt: row.updated_at,
    }));
}

/** Live memos on a document, or on the project when `documentId` is null. */
export function readMemos(db: Database, documentId: Id | null): Memo[] {
  return statement<{
    id: string;
    document_id: string | null;
    body: string;
    author: string;
    created_at: string;
    updated_at: string;
  }>(
    db,
    `SELECT id, document_id, body, author, created_at, updated_at FROM memos
     WHERE deleted_at IS NULL AND document_id IS @documentId ORDER BY created_at, id`,
  )
    .all({ documentId })
    .map((row) => ({
      id: row.id,
      documentId: row.document_id,
      body: row.body,
      author: row.author,
      createdAt: row.created_at,
      updatedAt: row.updated_at,
    }));
}

/** Stored JSON of our own making; a damaged value reads as the fallback, not as an error. */
export function parseJson<T>(json: string, fallback: T): T {
  try {
    const value: unknown = JSON.parse(json);
    return value === null || typeof value !== typeof fallback ? fallback : (value as T);
  } catch {
    return fallback;
  }
}
