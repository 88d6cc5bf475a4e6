/**
 * doccano JSONL for relation extraction — the shape doccano imports into a sequence-labelling
 * project with relations: one document a line,
 * `{"document_id", "title", "entities": [{"id", "label", "start_offset", "end_offset"}],
 * "relations": [{"id", "from_id", "to_id", "type"}], "text"}`. Entity and relation ids are integers
 * unique in the file; offsets are code points (Python string indices, which doccano uses),
 * end-exclusive. doccano keeps unknown keys (document_id, title) as the example's metadata.
 *
 * The older `jsonl` format (formats/export-jsonl.ts) stays for doccano's `label` triples; this
 * one is the relation-capable format. Overlapping spans are fine here (doccano allows them when
 * the project does). Notes, attributes and entity links have no place in it and are reported.
 */
import {
  CodebookIndex,
  distinctNames,
  inSpanOrder,
  logAuthorship,
  OmissionLog,
  ProgressTicker,
  selectedTags,
  chosenAnnotations,
} from './export-kit';
import type { ExchangeDocument, ExchangeSource } from './model';
import type { ExchangeFormat, ExportOptions, ExportReport, ExportSink } from './registry-types';
import { readDoccano } from './doccano-read';

export async function writeDoccano(
  source: ExchangeSource,
  sink: ExportSink,
  options: ExportOptions,
): Promise<ExportReport> {
  const index = new CodebookIndex(source.codebook);
  const selected = selectedTags(index, options);
  const labels = spanLabels(index);
  const relationLabels = distinctNames(
    [...source.codebook.relationTypes].sort((a, b) => a.position - b.position),
    (t) => t.id,
    (t) => t.name,
  );
  const log = new OmissionLog();
  const ticker = new ProgressTicker(source.annotationCount, options.onProgress);
  const ids = { entity: 0, relation: 0 };
  let documentCount = 0;
  let annotationCount = 0;
  for (const doc of source.documents()) {
    const spans = inSpanOrder(chosenAnnotations(doc, selected, log));
    const numbers = new Map(spans.map((a) => [a.id, ++ids.entity]));
    // The text last: a reader that peeks at the start of a line sees what kind of file it is.
    const line = {
      document_id: doc.document.id,
      title: doc.document.title,
      entities: spans.map((a) => ({
        id: numbers.get(a.id)!,
        label: labels.get(a.tagId)!,
        start_offset: a.start,
        end_offset: a.end,
      })),
      relations: relationsOf(doc, numbers, log).map((r) => ({
        id: ++ids.relation,
        from_id: numbers.get(r.sourceId)!,
        to_id: numbers.get(r.targetId)!,
        type: relationLabels.get(r.typeId) ?? r.typeId,
      })),
      text: doc.document.text,
    };
    await sink.write(`${jsonLine(line)}\n`);
    logSpanExtras(log, spans, 'doccano');
    for (const memo of doc.memos) log.item(memo.id, 'document memo', 'doccano has no notes');
    documentCount += 1;
    annotationCount += spans.length;
    ticker.add(doc.annotations.length);
  }
  for (const memo of source.projectMemos) log.item(memo.id, 'project memo', 'doccano has no notes');
  ticker.finish();
  return log.report(documentCount, annotationCount);
}

/** Labels for spans: the tag names, numbered where two tags share a name. */
export function spanLabels(index: CodebookIndex): Map<string, string> {
  const tags = index.treeOrder().map(({ tag }) => tag);
  return distinctNames(
    tags,
    (t) => t.id,
    (t) => t.name.trim() || 'Tag',
  );
}

/**
 * The document's relations a span format can write: both ends among the written spans. Each
 * other one is logged with why (another document, or an end that was left out).
 */
export function relationsOf(
  doc: ExchangeDocument,
  written: ReadonlyMap<string, unknown>,
  log: OmissionLog,
): ExchangeDocument['relations'] {
  return doc.relations.filter((relation) => {
    if (written.has(relation.sourceId) && written.has(relation.targetId)) return true;
    const inDocument = doc.annotations.some((a) => a.id === relation.targetId);
    log.item(
      relation.id,
      'relation',
      !inDocument
        ? 'it links spans of two documents; relations here stay within one document'
        : 'one of its spans is not in this export',
    );
    return false;
  });
}

/** Notes, attributes and entity links of written spans, for formats with no place for them. */
export function logSpanExtras(
  log: OmissionLog,
  spans: readonly ExchangeDocument['annotations'][number][],
  format: string,
): void {
  const why = `${format} has no place for it`;
  log.field('notes', why, spans.filter((a) => a.note !== '').length);
  log.field(
    'attribute values',
    why,
    spans.reduce((n, a) => n + Object.keys(a.attributes).length, 0),
  );
  log.field('entity links', why, spans.filter((a) => a.entityId !== null).length);
  logAuthorship(log, spans.length, format);
}

/**
 * One JSON line. JSON allows U+2028 and U+2029 raw, but Python's `str.splitlines()` (and some
 * editors) break lines there and would cut a record in two; escaped, they read back the same.
 */
export function jsonLine(value: unknown): string {
  return JSON.stringify(value)
    .replace(/\u2028/g, '\\u2028')
    .replace(/\u2029/g, '\\u2029');
}

export const doccanoFormat: ExchangeFormat = {
  id: 'doccano',
  label: 'doccano JSONL (spans and relations)',
  extension: 'jsonl',
  mimeType: 'application/jsonl; charset=utf-8',
  write: writeDoccano,
  read: readDoccano,
};
