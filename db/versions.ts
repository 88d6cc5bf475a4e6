/**
 * Versions of a document: an edit of its text or a re-import makes a new document row whose
 * `version_of` names the one it replaces (documents themselves never change). These queries
 * walk that chain, bring a version back, and find the annotations that moved between versions
 * (`previous_id`), for orphans and for undoing an edit.
 */
import type { Annotation, DocumentDetails, Id } from '../core/domain';
import type { Database } from './connection';
import { statement } from './statements';

/** Any document row, live or deleted: where it sits in its chain of versions. */
export interface VersionLink {
  id: Id;
  versionOf: Id | null;
  deletedAt: string | null;
}

export function findVersionLink(db: Database, id: Id): VersionLink | undefined {
  return statement<VersionLink>(
    db,
    `SELECT id, version_of AS versionOf, deleted_at AS deletedAt FROM documents WHERE id = ?`,
  ).get(id);
}

/** The versions document `id` replaced, nearest first (its `version_of`, then that one's…). */
export function ancestorIds(db: Database, id: Id): Id[] {
  return statement<{ id: string }>(
    db,
    `WITH RECURSIVE up(id, depth) AS (
       SELECT version_of, 1 FROM documents WHERE id = @id AND version_of IS NOT NULL
       UNION ALL
       SELECT d.version_of, up.depth + 1 FROM documents d JOIN up ON d.id = up.id
       WHERE d.version_of IS NOT NULL AND up.depth < 10000
     )
     SELECT id FROM up ORDER BY depth`,
  )
    .all({ id })
    .map((row) => row.id);
}

/** The live versions made from document `id` (normally none: only the newest is live). */
export function liveSuccessorIds(db: Database, id: Id): Id[] {
  return statement<{ id: string }>(
    db,
    'SELECT id FROM documents WHERE version_of = ? AND deleted_at IS NULL',
  )
    .all(id)
    .map((row) => row.id);
}

/** Soft-deletes (a timestamp) or brings back (null) a document version. */
export function setDocumentDeleted(db: Database, id: Id, deletedAt: string | null): void {
  statement(db, 'UPDATE documents SET deleted_at = ? WHERE id = ?').run(deletedAt, id);
}

/** What a new version copies from the one it replaces: everything but the text and blocks. */
export interface VersionSource {
  id: Id;
  title: string;
  format: string;
  sourcePath: string | null;
  sha256: string;
  byteSize: number;
  importedAt: string;
  sourceName: string;
  importer: string;
  importerVersion: string;
  encoding: string | null;
  metadataJson: string;
  text: string;
  details: DocumentDetails | null;
}

export function findVersionSource(db: Database, id: Id): VersionSource | undefined {
  const row = statement<Omit<VersionSource, 'details'> & Record<string, unknown>>(
    db,
    `SELECT doc.id, doc.title, doc.format, doc.source_path AS sourcePath, doc.sha256,
       doc.byte_size AS byteSize, doc.imported_at AS importedAt, doc.source_name AS sourceName,
       doc.importer, doc.importer_version AS importerVersion, doc.encoding,
       doc.metadata_json AS metadataJson, doc.text,
       d.document_id AS dDocument, d.author AS dAuthor, d.outlet AS dOutlet,
       d.published_at AS dPublishedAt, d.url AS dUrl, d.language AS dLanguage,
       d.outlet_reliability AS dOutletReliability
     FROM documents doc LEFT JOIN document_details d ON d.document_id = doc.id
     WHERE doc.id = ?`,
  ).get(id);
  if (!row) return undefined;
  const details: DocumentDetails | null = row.dDocument
    ? {
        author: row.dAuthor as string,
        outlet: row.dOutlet as string,
        publishedAt: row.dPublishedAt as string,
        url: row.dUrl as string,
        language: row.dLanguage as string,
        outletReliability: (row.dOutletReliability as DocumentDetails['outletReliability']) ?? null,
      }
    : null;
  return {
    id: row.id,
    title: row.title,
    format: row.format,
    sourcePath: row.sourcePath,
    sha256: row.sha256,
    byteSize: row.byteSize,
    importedAt: row.importedAt,
    sourceName: row.sourceName,
    importer: row.importer,
    importerVersion: row.importerVersion,
    encoding: row.encoding,
    metadataJson: row.metadataJson,
    text: row.text,
    details,
  };
}

/** An annotation copied onto a newer version, with the one it was copied from. */
export interface CopiedAnnotation {
  id: Id;
  previousId: Id | null;
  deletedAt: string | null;
}

/** The annotation rows of a document, live and deleted, with where each was copied from. */
export function listCopies(db: Database, documentId: Id): CopiedAnnotation[] {
  return statement<CopiedAnnotation>(
    db,
    `SELECT id, previous_id AS previousId, deleted_at AS deletedAt FROM annotations
     WHERE document_id = ?`,
  ).all(documentId);
}

/** Whether annotation `id` was ever copied onto document `documentId` (live or deleted). */
export function hasCopyOn(db: Database, id: Id, documentId: Id): boolean {
  return (
    statement(db, 'SELECT 1 FROM annotations WHERE previous_id = ? AND document_id = ?').get(
      id,
      documentId,
    ) !== undefined
  );
}

/** Live annotations on several documents, oldest version first as given. */
export function liveAnnotationsOn(
  db: Database,
  documentIds: readonly Id[],
  list: (db: Database, documentId: Id) => Annotation[],
): Annotation[] {
  return documentIds.flatMap((id) => list(db, id));
}
