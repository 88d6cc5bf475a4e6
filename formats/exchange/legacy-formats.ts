/**
 * Gloss's first two exports — JSONL (doccano's older `label` triples plus a `spans` list) and CSV
 * (one row per annotation) — as exchange formats, so the Export dialog, `gloss export` and the
 * streaming download reach them like every other format. The writers themselves are unchanged
 * (formats/export-jsonl.ts, formats/export-csv.ts); this runs them one document at a time.
 */
import { writeCsv } from '../export-csv';
import type { writeJsonl } from '../export-jsonl';
import type { ExportDocument } from '../export-source';
import { writeGlossJsonl } from './gloss-jsonl';
import { readDoccano } from './doccano-read';
import {
  CodebookIndex,
  OmissionLog,
  ProgressTicker,
  selectedTags,
  chosenAnnotations,
} from './export-kit';
import type { ExchangeSource } from './model';
import type { ExchangeFormat, ExportOptions, ExportReport, ExportSink } from './registry-types';

type Writer = typeof writeJsonl;

function legacyWriter(write: Writer, name: string, header: boolean) {
  return async (
    source: ExchangeSource,
    sink: ExportSink,
    options: ExportOptions,
  ): Promise<ExportReport> => {
    const index = new CodebookIndex(source.codebook);
    const selected = selectedTags(index, options);
    const tagNames = new Map(source.codebook.tags.map((t) => [t.id, t.name]));
    const log = new OmissionLog();
    const ticker = new ProgressTicker(source.annotationCount, options.onProgress);
    let documentCount = 0;
    let annotationCount = 0;
    let first = true;
    for (const doc of source.documents()) {
      const annotations = chosenAnnotations(doc, selected, log);
      const exported: ExportDocument = { ...doc.document, annotations };
      const chunks: string[] = [];
      write([exported], tagNames, (chunk) => chunks.push(chunk));
      // The CSV writer starts each run with its header row: keep only the first one.
      if (header && !first) chunks.shift();
      first = false;
      if (chunks.length > 0) await sink.write(chunks.join(''));
      const why = `${name} has no place for it`;
      log.field(
        'attribute values',
        why,
        annotations.reduce((n, a) => n + Object.keys(a.attributes).length, 0),
      );
      log.field('entity links', why, annotations.filter((a) => a.entityId !== null).length);
      for (const relation of doc.relations)
        log.item(relation.id, 'relation', `${name} has no relations`);
      for (const memo of doc.memos)
        log.item(memo.id, 'document memo', `${name} has no notes on documents`);
      documentCount += 1;
      annotationCount += annotations.length;
      ticker.add(doc.annotations.length);
    }
    if (first && header) {
      // No document at all: the file still gets its header row.
      const chunks: string[] = [];
      write([], tagNames, (chunk) => chunks.push(chunk));
      await sink.write(chunks.join(''));
    }
    for (const memo of source.projectMemos)
      log.item(memo.id, 'project memo', `${name} has no notes`);
    ticker.finish();
    return log.report(documentCount, annotationCount);
  };
}

export const jsonlFormat: ExchangeFormat = {
  id: 'jsonl',
  label: 'Gloss JSONL (one document a line: spans, attributes, entities, relations, memos)',
  extension: 'jsonl',
  mimeType: 'application/jsonl; charset=utf-8',
  // Everything the project holds, with doccano's `label` triples kept on each line.
  write: writeGlossJsonl,
  read: readDoccano,
};

export const csvFormat: ExchangeFormat = {
  id: 'csv',
  label: 'CSV (one row per annotation, for spreadsheets)',
  extension: 'csv',
  mimeType: 'text/csv; charset=utf-8',
  write: legacyWriter(writeCsv, 'CSV', true),
};
