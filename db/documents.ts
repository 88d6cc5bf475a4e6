import type { Block, DocumentFormat, DocumentSummary, GlossDocument, Id } from '../core/domain';
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
}

interface SummaryRow {
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
}

/** Columns of a summary: never `text` or `blocks_json`, which can be megabytes per row. */
const SUMMARY_COLUMNS = 'id, title, format, source_path, sha256, length, imported_at';

/** Stores an imported document. Documents are immutable from here on. */
export function insertDocument(db: Database, doc: NewDocument): void {
  statement(
    db,
    `INSERT INTO documents (id, title, format, source_path, sha256, byte_size, length,
       imported_at, imported_by, text, blocks_json)
     VALUES (@id, @title, @format, @sourcePath, @sha256, @byteSize, @length,
       @importedAt, @importedBy, @text, @blocksJson)`,
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
  });
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
        `SELECT ${SUMMARY_COLUMNS} FROM documents
         WHERE deleted_at IS NULL AND instr(gloss_fold(title), ?) > 0
         ORDER BY imported_at DESC, id DESC`,
      ).all(needle)
    : statement<SummaryRow>(
        db,
        `SELECT ${SUMMARY_COLUMNS} FROM documents
         WHERE deleted_at IS NULL
         ORDER BY imported_at DESC, id DESC`,
      ).all();
  const counts = countsByDocument(db);
  return rows.map((row) => toSummary(row, counts.get(row.id) ?? {}));
}

/** The live document with its text and blocks, or undefined if there is none or it was deleted. */
export function findDocument(db: Database, id: Id): GlossDocument | undefined {
  const row = statement<DocumentRow>(
    db,
    `SELECT ${SUMMARY_COLUMNS}, text, blocks_json FROM documents
     WHERE id = ? AND deleted_at IS NULL`,
  ).get(id);
  if (!row) return undefined;
  return {
    ...toSummary(row, countsForDocument(db, id)),
    text: row.text,
    blocks: JSON.parse(row.blocks_json) as Block[],
  };
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
    `SELECT ${SUMMARY_COLUMNS} FROM documents WHERE id = ? AND deleted_at IS NULL`,
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
  };
}
