import type { Annotation, Id } from '../core/domain';
import type { ExportCounts, ExportDocument, ExportSink } from './export-source';
import { inExportOrder, labelOf } from './export-source';

/** The columns, in order. */
export const CSV_COLUMNS = [
  'annotation_id',
  'document_id',
  'document_title',
  'tag',
  'start',
  'end',
  'quote',
  'prefix',
  'suffix',
  'note',
  'author',
  'created_at',
  'updated_at',
] as const;

/** Lets Excel recognise the file as UTF-8 (without it, Cyrillic and CJK arrive garbled). */
const UTF8_BOM = '\uFEFF';
const CRLF = '\r\n';

/**
 * Writes an RFC 4180 CSV file: one row per annotation, documents in the order given, rows in
 * text order; CRLF line endings; a field is quoted when it holds `"`, `,`, CR or LF, with inner
 * quotes doubled; a UTF-8 byte-order mark first.
 *
 * Spreadsheet safety: a text cell that starts with `=`, `+`, `-`, `@`, a tab or a CR would be run
 * as a formula by Excel, LibreOffice and Google Sheets (CSV injection), and imported articles are
 * untrusted. Such a cell is written with a leading `'`, which spreadsheets show as plain text.
 * Number cells (start, end) are never changed. The JSONL export keeps every quote verbatim.
 */
export function writeCsv(
  documents: Iterable<ExportDocument>,
  tagNames: ReadonlyMap<Id, string>,
  emit: ExportSink,
): ExportCounts {
  emit(UTF8_BOM + CSV_COLUMNS.join(',') + CRLF);
  const counts: ExportCounts = { documentCount: 0, annotationCount: 0 };
  for (const doc of documents) {
    const rows = inExportOrder(doc.annotations).map((a) => csvRow(doc, a, tagNames));
    if (rows.length > 0) emit(rows.join(''));
    counts.documentCount += 1;
    counts.annotationCount += rows.length;
  }
  return counts;
}

function csvRow(doc: ExportDocument, a: Annotation, tagNames: ReadonlyMap<Id, string>): string {
  const cells = [
    textCell(a.id),
    textCell(doc.id),
    textCell(doc.title),
    textCell(labelOf(a, tagNames)),
    String(a.start),
    String(a.end),
    textCell(a.exact),
    textCell(a.prefix),
    textCell(a.suffix),
    textCell(a.note),
    textCell(a.author),
    textCell(a.createdAt),
    textCell(a.updatedAt),
  ];
  return cells.join(',') + CRLF;
}

/** A text value as a CSV field: formula-guarded (see writeCsv), then quoted if it must be. */
export function textCell(value: string): string {
  const guarded = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(guarded) ? `"${guarded.replace(/"/g, '""')}"` : guarded;
}
