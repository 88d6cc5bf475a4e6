import type {
  Block,
  DocumentFormat,
  DocumentDetails,
  DocumentMetadata,
  DocumentSummary,
  GlossDocument,
  Id,
  Provenance,
  ReliabilityGrade,
} from '../core/domain';
import { foldForSearch } from '../core/fold';
import type { Database } from './connection';
import { statement } from './statements';

/** A document as the importer hands it to the database. */
export interface NewDocument {
  id: Id;
  title: string;
  text: string;
  /** Length of `text` in code points. */
  length: number;
  blocks: Block[];
  format: DocumentFormat;
  sourcePath: string | null;
  sha256: string;
  byteSize: number;
  importedAt: string;
  importedBy: string;
  /** The original file name, or "clipboard". */
  sourceName: string;
  importer: string;
  importerVersion: string;
  encoding: string | null;
  metadata: DocumentMetadata;
  /** The document this one is a new version of, if any. */
  versionOf: Id | null;
  /** The editable details; derived from `metadata` when absent (a new version keeps the old). */
  details?: DocumentDetails;
}

/** A document's editable details as DETAILS_COLUMNS selects them (the exporter reads these too). */
export interface DetailsColumns {
  d_author: string | null;
  d_outlet: string | null;
  d_published_at: string | null;
  d_url: string | null;
  d_language: string | null;
  d_outlet_reliability: string | null;
}

interface SummaryRow extends DetailsColumns {
  id: string;
  title: string;
  format: string;
  source_path: string | null;
  sha256: string;
  length: number;
  imported_at: string;
}

interface DocumentRow extends SummaryRow {
  text: string;
  blocks_json: string;
  source_name: string;
  importer: string;
  importer_version: string;
  encoding: string | null;
  metadata_json: string;
  original_kept: number;
}

/** The details columns over DOCUMENTS, prefixed so they never clash with the document's own. */
export const DETAILS_COLUMNS = `d.author AS d_author, d.outlet AS d_outlet,
  d.published_at AS d_published_at, d.url AS d_url, d.language AS d_language,
  d.outlet_reliability AS d_outlet_reliability`;

/**
 * Columns of a summary: never `text` or `blocks_json`, which can be megabytes per row. The
 * editable details come from their own small table, so listing never touches the large columns.
 */
const SUMMARY_COLUMNS = `id, title, format, source_path, sha256, length, imported_at,
  ${DETAILS_COLUMNS}`;

/** Documents with their details; every query that selects SUMMARY_COLUMNS reads FROM this. */
export const DOCUMENTS = 'documents LEFT JOIN document_details d ON d.document_id = documents.id';

/** Stores an imported document. Documents are immutable from here on. */
export function insertDocument(db: Database, doc: NewDocument): void {
  statement(
    db,
    `INSERT INTO documents (id, title, format, source_path, sha256, byte_size, length,
       imported_at, imported_by, text, blocks_json, source_name, importer, importer_version,
       encoding, metadata_json, version_of)
     VALUES (@id, @title, @format, @sourcePath, @sha256, @byteSize, @length,
       @importedAt, @importedBy, @text, @blocksJson, @sourceName, @importer, @importerVersion,
       @encoding, @metadataJson, @versionOf)`,
  ).run({
    id: doc.id,
    title: doc.title,
    format: doc.format,
    sourcePath: doc.sourcePath,
    sha256: doc.sha256,
    byteSize: doc.byteSize,
    length: doc.length,
    importedAt: doc.importedAt,
    importedBy: doc.importedBy,
    text: doc.text,
    blocksJson: JSON.stringify(doc.blocks),
    sourceName: doc.sourceName,
    importer: doc.importer,
    importerVersion: doc.importerVersion,
    encoding: doc.encoding,
    metadataJson: JSON.stringify(doc.metadata),
    versionOf: doc.versionOf,
  });
  const details = doc.details ?? detailsFromMetadata(doc.metadata, doc.sourcePath);
  statement(
    db,
    `INSERT INTO document_details (document_id, author, outlet, published_at, url, language,
       outlet_reliability, updated_at, updated_by)
     VALUES (@id, @author, @outlet, @publishedAt, @url, @language, @outletReliability,
       @importedAt, @importedBy)`,
  ).run({ ...details, id: doc.id, importedAt: doc.importedAt, importedBy: doc.importedBy });
}

/** The details a new document starts with: what its metadata says, and where it came from. */
export function detailsFromMetadata(
  metadata: DocumentMetadata,
  sourcePath: string | null,
): DocumentDetails {
  const url = metadata.canonicalUrl ?? (/^https?:\/\//i.test(sourcePath ?? '') ? sourcePath! : '');
  return {
    author: metadata.byline ?? '',
    outlet: metadata.siteName ?? '',
    publishedAt: metadata.publishedAt ?? '',
    url,
    language: metadata.language ?? '',
    outletReliability: null,
  };
}

/**
 * Live documents, newest first, optionally only those whose title contains `query` (ignoring
 * case and accents). Two statements whatever the number of documents: the summaries, and the
 * annotation counts grouped by document and tag.
 */
export function listDocumentSummaries(db: Database, query?: string): DocumentSummary[] {
  const needle = query === undefined ? '' : foldForSearch(query.trim());
  const rows = needle
    ? statement<SummaryRow>(
        db,
        `SELECT ${SUMMARY_COLUMNS} FROM ${DOCUMENTS}
         WHERE deleted_at IS NULL AND instr(gloss_fold(title), ?) > 0
         ORDER BY imported_at DESC, id DESC`,
      ).all(needle)
    : statement<SummaryRow>(
        db,
        `SELECT ${SUMMARY_COLUMNS} FROM ${DOCUMENTS}
         WHERE deleted_at IS NULL
         ORDER BY imported_at DESC, id DESC`,
      ).all();
  const counts = countsByDocument(db);
  return rows.map((row) => toSummary(row, counts.get(row.id) ?? {}));
}

/**
 * The live document with its text, blocks, metadata and provenance, or undefined if there is none
 * or it was deleted. The original counts as kept when any document holds the same bytes.
 */
export function findDocument(db: Database, id: Id): GlossDocument | undefined {
  const row = statement<DocumentRow>(
    db,
    `SELECT ${SUMMARY_COLUMNS}, text, blocks_json, source_name, importer, importer_version,
       encoding, metadata_json,
       EXISTS (SELECT 1 FROM document_originals o WHERE o.sha256 = documents.sha256)
         AS original_kept
     FROM ${DOCUMENTS} WHERE id = ? AND deleted_at IS NULL`,
  ).get(id);
  if (!row) return undefined;
  return {
    ...toSummary(row, countsForDocument(db, id)),
    text: row.text,
    blocks: JSON.parse(row.blocks_json) as Block[],
    metadata: parseMetadata(row.metadata_json),
    provenance: toProvenance(row),
  };
}

/** The live document whose file had these bytes (the newest, if several), or undefined. */
export function findLiveDocumentBySha256(
  db: Database,
  sha256: string,
): DocumentSummary | undefined {
  const row = statement<SummaryRow>(
    db,
    `SELECT ${SUMMARY_COLUMNS} FROM ${DOCUMENTS}
     WHERE sha256 = ? AND deleted_at IS NULL
     ORDER BY imported_at DESC, id DESC LIMIT 1`,
  ).get(sha256);
  return row && toSummary(row, countsForDocument(db, row.id));
}

/** What re-extracting a document needs to know of it. */
export interface DocumentSource {
  id: Id;
  title: string;
  format: DocumentFormat;
  sha256: string;
  sourcePath: string | null;
  sourceName: string;
}

/** The live document's format, hash and origin (not its text), or undefined. */
export function findDocumentSource(db: Database, id: Id): DocumentSource | undefined {
  const row = statement<{
    id: string;
    title: string;
    format: string;
    sha256: string;
    source_path: string | null;
    source_name: string;
  }>(
    db,
    `SELECT id, title, format, sha256, source_path, source_name FROM documents
     WHERE id = ? AND deleted_at IS NULL`,
  ).get(id);
  return (
    row && {
      id: row.id,
      title: row.title,
      format: row.format as DocumentFormat,
      sha256: row.sha256,
      sourcePath: row.source_path,
      sourceName: row.source_name || baseName(row.source_path ?? '') || row.title,
    }
  );
}

/** What annotating and exporting need of a live document: its text, not its blocks or counts. */
export interface DocumentContent {
  id: Id;
  title: string;
  text: string;
  /** Length of the text in code points. */
  length: number;
}

/** The live document's text, title and length, or undefined. */
export function findDocumentContent(db: Database, id: Id): DocumentContent | undefined {
  return statement<DocumentContent>(
    db,
    'SELECT id, title, text, length FROM documents WHERE id = ? AND deleted_at IS NULL',
  ).get(id);
}

/** A span's quote, cut from a live document's stored text, and that document's length. */
export interface StoredQuote {
  length: number;
  exact: string;
  prefix: string;
  suffix: string;
}

/**
 * Cuts the quote of [start, end) (code points) and `context` code points on each side out of a
 * live document, inside SQLite: its substr() counts characters, which for text are code points,
 * so a tag on a 1 MB article neither copies the article into JavaScript nor indexes it again.
 * Undefined when there is no live document with that id.
 */
export function quoteFromStoredText(
  db: Database,
  id: Id,
  start: number,
  end: number,
  context: number,
): StoredQuote | undefined {
  const from = Math.max(0, start - context);
  return statement<StoredQuote>(
    db,
    `SELECT length,
       substr(text, @start + 1, @end - @start) AS exact,
       substr(text, @from + 1, @start - @from) AS prefix,
       substr(text, @end + 1, @context) AS suffix
     FROM documents WHERE id = @id AND deleted_at IS NULL`,
  ).get({ id, start, end, from, context });
}

/** Whether a live (not deleted) document has this id. */
export function isLiveDocument(db: Database, id: Id): boolean {
  return (
    statement(db, 'SELECT 1 FROM documents WHERE id = ? AND deleted_at IS NULL').get(id) !==
    undefined
  );
}

/** The live document's summary without its text, or undefined. */
export function findDocumentSummary(db: Database, id: Id): DocumentSummary | undefined {
  const row = statement<SummaryRow>(
    db,
    `SELECT ${SUMMARY_COLUMNS} FROM ${DOCUMENTS} WHERE id = ? AND deleted_at IS NULL`,
  ).get(id);
  return row && toSummary(row, countsForDocument(db, id));
}

/** Ids of live documents in the order they are listed (newest first). */
export function listDocumentIds(db: Database): Id[] {
  return statement<Id>(
    db,
    'SELECT id FROM documents WHERE deleted_at IS NULL ORDER BY imported_at DESC, id DESC',
  )
    .pluck()
    .all();
}

/** Marks a live document deleted; returns false if there was no live document with that id. */
export function softDeleteDocument(db: Database, id: Id, deletedAt: string): boolean {
  const result = statement(
    db,
    'UPDATE documents SET deleted_at = ? WHERE id = ? AND deleted_at IS NULL',
  ).run(deletedAt, id);
  return result.changes > 0;
}

function countsByDocument(db: Database): Map<Id, Record<Id, number>> {
  const rows = statement<{ document_id: string; tag_id: string; n: number }>(
    db,
    `SELECT document_id, tag_id, count(*) AS n FROM annotations
     WHERE deleted_at IS NULL GROUP BY document_id, tag_id`,
  ).all();
  const counts = new Map<Id, Record<Id, number>>();
  for (const row of rows) {
    let perTag = counts.get(row.document_id);
    if (!perTag) counts.set(row.document_id, (perTag = {}));
    perTag[row.tag_id] = row.n;
  }
  return counts;
}

function countsForDocument(db: Database, id: Id): Record<Id, number> {
  const rows = statement<{ tag_id: string; n: number }>(
    db,
    `SELECT tag_id, count(*) AS n FROM annotations
     WHERE document_id = ? AND deleted_at IS NULL GROUP BY tag_id`,
  ).all(id);
  return Object.fromEntries(rows.map((row) => [row.tag_id, row.n]));
}

/** Metadata as stored, keeping only the known string fields (the JSON is ours, but be strict). */
function parseMetadata(json: string): DocumentMetadata {
  let value: unknown;
  try {
    value = JSON.parse(json);
  } catch {
    return {};
  }
  const metadata: DocumentMetadata = {};
  if (typeof value !== 'object' || value === null) return metadata;
  for (const key of ['byline', 'siteName', 'publishedAt', 'canonicalUrl', 'language'] as const) {
    const field = (value as Record<string, unknown>)[key];
    if (typeof field === 'string' && field !== '') metadata[key] = field;
  }
  return metadata;
}

/**
 * Provenance as stored. Documents imported before schema 2 did not record it: their file name is
 * the last part of their source path, and they were read by the first text importers.
 */
function toProvenance(row: DocumentRow): Provenance {
  const legacy = row.importer === '';
  return {
    sourceName: row.source_name || baseName(row.source_path ?? '') || row.title,
    sourcePath: row.source_path,
    importer: legacy ? `Gloss ${row.format === 'md' ? 'Markdown' : 'plain text'}` : row.importer,
    importerVersion: legacy ? '1' : row.importer_version,
    encoding: row.encoding,
    originalKept: row.original_kept === 1,
  };
}

function baseName(path: string): string {
  return path.slice(Math.max(path.lastIndexOf('/'), path.lastIndexOf('\\')) + 1);
}

function toSummary(row: SummaryRow, counts: Record<Id, number>): DocumentSummary {
  return {
    id: row.id,
    title: row.title,
    format: row.format as DocumentFormat,
    sourcePath: row.source_path,
    sha256: row.sha256,
    importedAt: row.imported_at,
    length: row.length,
    counts,
    details: toDetails(row),
  };
}

/** The details of a document; a document never edited has no row and reads as empty details. */
export function toDetails(row: DetailsColumns): DocumentDetails {
  return {
    author: row.d_author ?? '',
    outlet: row.d_outlet ?? '',
    publishedAt: row.d_published_at ?? '',
    url: row.d_url ?? '',
    language: row.d_language ?? '',
    outletReliability: (row.d_outlet_reliability as ReliabilityGrade | null) ?? null,
  };
}
