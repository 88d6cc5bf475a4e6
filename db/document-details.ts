import type { DocumentDetails, Id } from '../core/domain';
import type { Database } from './connection';
import { statement } from './statements';

/** The fields of a document's citation that can change; undefined keeps the stored value. */
export type DetailsPatch = Partial<DocumentDetails> & { title?: string };

/**
 * Writes a document's title (a column of the document: its text never changes, its name may)
 * and details. A document imported before details existed gets its row here.
 */
export function writeDocumentDetails(
  db: Database,
  documentId: Id,
  patch: DetailsPatch,
  by: string,
  at: string,
): void {
  if (patch.title !== undefined) {
    statement(db, 'UPDATE documents SET title = ? WHERE id = ?').run(patch.title, documentId);
  }
  const details: Partial<DocumentDetails> = { ...patch };
  delete (details as DetailsPatch).title;
  if (Object.values(details).every((value) => value === undefined)) return;
  // outletReliability may be set to null on purpose, so it is passed with a flag, not coalesced.
  statement(
    db,
    `INSERT INTO document_details (document_id, author, outlet, published_at, url, language,
       outlet_reliability, updated_at, updated_by)
     VALUES (@documentId, coalesce(@author, ''), coalesce(@outlet, ''),
       coalesce(@publishedAt, ''), coalesce(@url, ''), coalesce(@language, ''),
       @outletReliability, @at, @by)
     ON CONFLICT (document_id) DO UPDATE SET
       author = coalesce(@author, author),
       outlet = coalesce(@outlet, outlet),
       published_at = coalesce(@publishedAt, published_at),
       url = coalesce(@url, url),
       language = coalesce(@language, language),
       outlet_reliability = CASE WHEN @setReliability THEN @outletReliability
                                 ELSE outlet_reliability END,
       updated_at = @at,
       updated_by = @by`,
  ).run({
    documentId,
    author: details.author ?? null,
    outlet: details.outlet ?? null,
    publishedAt: details.publishedAt ?? null,
    url: details.url ?? null,
    language: details.language ?? null,
    outletReliability: details.outletReliability ?? null,
    setReliability: details.outletReliability !== undefined ? 1 : 0,
    at,
    by,
  });
}
