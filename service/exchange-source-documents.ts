/**
 * The per-document reads of an export (service/exchange-source.ts): a document with its details,
 * its annotations in text order, the relations that start at them, its memos. Each runs once per
 * document as the exporter iterates, so only one document is in memory at a time.
 */
import type { Annotation, Id, Relation } from '../core/domain';
import { ANNOTATION_COLUMNS, toAnnotation } from '../db/annotations';
import type { AnnotationRow } from '../db/annotations';
import type { Database } from '../db/connection';
import { DETAILS_COLUMNS, DOCUMENTS, toDetails } from '../db/documents';
import type { DetailsColumns } from '../db/documents';
import { RELATION_COLUMNS, toPlainRelation } from '../db/relations';
import type { RelationColumns } from '../db/relations';
import { statement } from '../db/statements';
import type { ExchangeDocumentInfo } from '../formats/exchange/model';

export function readDocument(db: Database, id: Id): ExchangeDocumentInfo | undefined {
  const row = statement<
    DetailsColumns &
      Pick<ExchangeDocumentInfo, 'id' | 'title' | 'text' | 'sha256' | 'format'> & {
        imported_at: string;
      }
  >(
    db,
    `SELECT documents.id, title, text, sha256, format, imported_at, ${DETAILS_COLUMNS}
     FROM ${DOCUMENTS} WHERE documents.id = ? AND deleted_at IS NULL`,
  ).get(id);
  if (!row) return undefined;
  return {
    id: row.id,
    title: row.title,
    text: row.text,
    sha256: row.sha256,
    format: row.format,
    importedAt: row.imported_at,
    details: toDetails(row),
  };
}

/** The document's live annotations in scope, in text order (enclosing spans first). */
export function readAnnotations(db: Database, documentId: Id, tags: string | null): Annotation[] {
  return statement<AnnotationRow>(
    db,
    `SELECT ${ANNOTATION_COLUMNS}
     FROM annotations
     WHERE document_id = @documentId AND deleted_at IS NULL
       AND (@tags IS NULL OR tag_id IN (SELECT value FROM json_each(@tags)))
     ORDER BY start, "end" DESC, created_at, id`,
  )
    .all({ documentId, tags })
    .map(toAnnotation);
}

/**
 * Live relations from an annotation of this document, both ends live and in the tag scope. The
 * target may be in another document (of the project, though perhaps not of this export).
 */
export function readRelations(db: Database, documentId: Id, tags: string | null): Relation[] {
  return statement<RelationColumns>(
    db,
    `SELECT ${RELATION_COLUMNS}
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
    .map(toPlainRelation);
}
