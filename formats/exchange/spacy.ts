/**
 * spaCy-ready JSONL for entity recognition: one document a line,
 * `{"text", "ents": [{"start", "end", "label"}], "document_id", "title"}` — the `ents` shape of
 * spaCy's own `Doc.to_json()`, offsets in characters of the Python string (code points, the unit
 * Gloss stores), end-exclusive. docs/export-formats.md shows the five lines of Python that turn it
 * into a DocBin with `doc.char_span(start, end, label=label)`.
 *
 * spaCy's `doc.ents` may not overlap, so the rule of the CoNLL export applies: spans in text
 * order, the one that starts first kept, then the longer, then the one made first; every span
 * left out is reported. Entity tags only, unless the user picks others.
 */
import type { Annotation } from '../../core/domain';
import { CONLL_OVERLAP_RULE } from './conll';
import { logSpanExtras, jsonLine } from './doccano';
import {
  clip,
  CodebookIndex,
  ENTITY_TAGS,
  inSpanOrder,
  OmissionLog,
  ProgressTicker,
  selectedTags,
  chosenAnnotations,
  tokenLabels,
} from './export-kit';
import type { ExchangeSource } from './model';
import type { ExchangeFormat, ExportOptions, ExportReport, ExportSink } from './registry-types';

export async function writeSpacy(
  source: ExchangeSource,
  sink: ExportSink,
  options: ExportOptions,
): Promise<ExportReport> {
  const index = new CodebookIndex(source.codebook);
  const selected = selectedTags(index, options, ENTITY_TAGS);
  const labels = tokenLabels(index.treeOrder().map(({ tag }) => tag));
  const log = new OmissionLog();
  const ticker = new ProgressTicker(source.annotationCount, options.onProgress);
  let documentCount = 0;
  let annotationCount = 0;
  for (const doc of source.documents()) {
    const chosen = chosenAnnotations(
      doc,
      selected,
      log,
      'spaCy entities carry only the tags chosen for them',
    );
    const kept = withoutOverlaps(chosen, index, log);
    const line = {
      text: doc.document.text,
      ents: kept.map((a) => ({ start: a.start, end: a.end, label: labels.get(a.tagId)! })),
      document_id: doc.document.id,
      title: doc.document.title,
    };
    await sink.write(`${jsonLine(line)}\n`);
    logSpanExtras(log, kept, 'spaCy');
    for (const relation of doc.relations)
      log.item(relation.id, 'relation', 'spaCy entities have no relations');
    for (const memo of doc.memos)
      log.item(memo.id, 'document memo', 'spaCy entities have no notes');
    documentCount += 1;
    annotationCount += kept.length;
    ticker.add(doc.annotations.length);
  }
  for (const memo of source.projectMemos) log.item(memo.id, 'project memo', 'spaCy has no notes');
  ticker.finish();
  return log.report(documentCount, annotationCount);
}

/** The spans that can be entities together, by the stated rule; the others logged one by one. */
function withoutOverlaps(
  annotations: Annotation[],
  index: CodebookIndex,
  log: OmissionLog,
): Annotation[] {
  const kept: Annotation[] = [];
  let last: Annotation | undefined;
  for (const a of inSpanOrder(annotations)) {
    // In span order, a span can only overlap the kept span that reaches furthest: the last one.
    if (last && a.start < last.end) {
      log.item(
        a.id,
        'annotation',
        `${index.nameOf(a.tagId)} “${clip(a.exact)}” overlaps ${index.nameOf(last.tagId)} ` +
          `“${clip(last.exact)}”, which is kept (${CONLL_OVERLAP_RULE})`,
      );
      continue;
    }
    kept.push(a);
    last = a;
  }
  return kept;
}

export const spacyFormat: ExchangeFormat = {
  id: 'spacy',
  label: 'spaCy JSONL (text + entity offsets)',
  extension: 'jsonl',
  mimeType: 'application/jsonl; charset=utf-8',
  write: writeSpacy,
};
