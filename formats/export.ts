import type { ExportFormat, Id } from '../core/domain';
import { writeCsv } from './export-csv';
import { writeJsonl } from './export-jsonl';
import type { ExportCounts, ExportDocument, ExportSink } from './export-source';

export type { ExportCounts, ExportDocument, ExportSink } from './export-source';

type Writer = (
  documents: Iterable<ExportDocument>,
  tagNames: ReadonlyMap<Id, string>,
  emit: ExportSink,
) => ExportCounts;

/** Each export format: its writer, file extension and media type. */
export const EXPORT_FORMATS: Readonly<
  Record<ExportFormat, { write: Writer; extension: string; mimeType: string }>
> = {
  jsonl: { write: writeJsonl, extension: '.jsonl', mimeType: 'application/jsonl; charset=utf-8' },
  csv: { write: writeCsv, extension: '.csv', mimeType: 'text/csv; charset=utf-8' },
};

/** Runs an exporter into one string, for exports small enough to hold in memory. */
export function exportToString(
  format: ExportFormat,
  documents: Iterable<ExportDocument>,
  tagNames: ReadonlyMap<Id, string>,
): ExportCounts & { content: string } {
  const chunks: string[] = [];
  const counts = EXPORT_FORMATS[format].write(documents, tagNames, (chunk) => chunks.push(chunk));
  return { ...counts, content: chunks.join('') };
}
