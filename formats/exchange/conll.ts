/**
 * CoNLL-2003 with IOB2 labels, for training entity recognisers: one token a line,
 * `token -X- _ B-Label` (the word, then the two placeholder columns where CoNLL-2003 had POS and
 * chunk tags, then the entity label), a blank line between sentences, `-DOCSTART- -X- -X- O`
 * before each document. The first line is a `#` comment stating the tokeniser, the tags and the
 * overlap rule (readers that take no comments: drop line 1).
 *
 * A token carries one label, so overlapping spans cannot all be written. The rule: spans are
 * taken in text order; where two overlap, the one that starts first is kept, of two that start
 * together the longer, then the one made first. Every span left out is reported, and so is every
 * span whose ends fall inside a token (written widened to whole tokens).
 */
import { CodePointIndex } from '../../core/offsets';
import type { Annotation } from '../../core/domain';
import { firstTokenEndingAfter, TOKENISER_DESCRIPTION, tokenise } from './conll-tokens';
import type { Token } from './conll-tokens';
import {
  clip,
  CodebookIndex,
  ENTITY_TAGS,
  inSpanOrder,
  logAuthorship,
  OmissionLog,
  ProgressTicker,
  selectedTags,
  chosenAnnotations,
  tokenLabels,
} from './export-kit';
import type { ExchangeSource } from './model';
import type { ExchangeFormat, ExportOptions, ExportReport, ExportSink } from './registry-types';

/** Lines are gathered into chunks of about this many characters before each sink write. */
const CHUNK = 64 * 1024;

export const CONLL_OVERLAP_RULE =
  'overlapping spans: the one starting first is kept, then the longer, then the one made first';

export async function writeConll(
  source: ExchangeSource,
  sink: ExportSink,
  options: ExportOptions,
): Promise<ExportReport> {
  const index = new CodebookIndex(source.codebook);
  const selected = selectedTags(index, options, ENTITY_TAGS);
  const tags = index
    .treeOrder()
    .map(({ tag }) => tag)
    .filter((tag) => selected.has(tag.id));
  const labels = tokenLabels(tags);
  const log = new OmissionLog();
  const ticker = new ProgressTicker(source.annotationCount, options.onProgress);
  let buffer =
    `# Gloss CoNLL-2003 IOB2 export (${oneLine(source.generator)}, ${source.exportedAt}). ` +
    `Columns: token -X- _ label. Tokeniser: ${TOKENISER_DESCRIPTION}. ` +
    `Tags: ${[...labels.values()].join(', ') || 'none'}. Rule for ${CONLL_OVERLAP_RULE}.\n`;
  const flush = async (force = false) => {
    if (buffer.length >= CHUNK || (force && buffer.length > 0)) {
      await sink.write(buffer);
      buffer = '';
    }
  };
  let documentCount = 0;
  let annotationCount = 0;
  for (const doc of source.documents()) {
    const text = new CodePointIndex(doc.document.text);
    const tokens = tokenise(text, doc.document.details.language);
    const chosen = chosenAnnotations(
      doc,
      selected,
      log,
      'CoNLL carries only the tags chosen for it',
    );
    const { labelOf, written } = assignLabels(tokens, chosen, labels, text, log, index);
    for (const a of written) {
      if (a.note) log.field('notes', 'CoNLL holds only a label per token');
      if (Object.keys(a.attributes).length > 0)
        log.field('attribute values', 'CoNLL holds only a label per token');
      if (a.entityId) log.field('entity links', 'CoNLL holds only a label per token');
    }
    for (const relation of doc.relations)
      log.item(relation.id, 'relation', 'CoNLL has no relations');
    for (const memo of doc.memos) log.item(memo.id, 'document memo', 'CoNLL has no notes');
    buffer += '-DOCSTART- -X- -X- O\n\n';
    let sentenceOpen = false;
    for (const [i, token] of tokens.entries()) {
      buffer += `${token.text} -X- _ ${labelOf[i] ?? 'O'}\n`;
      sentenceOpen = true;
      if (token.sentenceEnd && !insideSpan(labelOf, i)) {
        buffer += '\n';
        sentenceOpen = false;
        await flush();
      }
    }
    if (sentenceOpen) buffer += '\n';
    await flush();
    logAuthorship(log, written.length, 'CoNLL');
    documentCount += 1;
    annotationCount += written.length;
    ticker.add(doc.annotations.length);
  }
  for (const memo of source.projectMemos) log.item(memo.id, 'project memo', 'CoNLL has no notes');
  await flush(true);
  ticker.finish();
  return log.report(documentCount, annotationCount);
}

/** Whether the next token continues the span token `i` is in (a sentence may not split it). */
function insideSpan(labelOf: (string | undefined)[], i: number): boolean {
  return labelOf[i + 1]?.startsWith('I-') ?? false;
}

/**
 * IOB2 labels per token for the spans that can be written, by the overlap rule. Spans left out
 * and spans widened to token boundaries are logged one by one.
 */
function assignLabels(
  tokens: Token[],
  annotations: Annotation[],
  labels: Map<string, string>,
  text: CodePointIndex,
  log: OmissionLog,
  index: CodebookIndex,
): { labelOf: (string | undefined)[]; written: Annotation[] } {
  const labelOf: (string | undefined)[] = new Array(tokens.length);
  const owner: (Annotation | undefined)[] = new Array(tokens.length);
  const written: Annotation[] = [];
  const quote = (a: Annotation) => `“${clip(text.slice(a.start, a.end))}”`;
  for (const a of inSpanOrder(annotations)) {
    const first = firstTokenEndingAfter(tokens, a.start);
    let last = first;
    while (last < tokens.length && tokens[last]!.start < a.end) last++;
    if (last === first) {
      log.item(a.id, 'annotation', `${quote(a)} covers no word or punctuation token`);
      continue;
    }
    const clash = owner.slice(first, last).find(Boolean);
    if (clash) {
      log.item(
        a.id,
        'annotation',
        `${index.nameOf(a.tagId)} ${quote(a)} overlaps ${index.nameOf(clash.tagId)} ${quote(clash)}, ` +
          `which is kept (${CONLL_OVERLAP_RULE})`,
      );
      continue;
    }
    if (tokens[first]!.start < a.start || tokens[last - 1]!.end > a.end) {
      log.item(
        a.id,
        'annotation boundary',
        `${quote(a)} starts or ends inside a token; written as the whole tokens ` +
          `“${clip(text.slice(tokens[first]!.start, tokens[last - 1]!.end), 80)}”`,
      );
    }
    const label = labels.get(a.tagId)!;
    for (let i = first; i < last; i++) {
      owner[i] = a;
      labelOf[i] = `${i === first ? 'B' : 'I'}-${label}`;
    }
    written.push(a);
  }
  return { labelOf, written };
}

function oneLine(text: string): string {
  return text.replace(/\s+/g, ' ');
}

export const conllFormat: ExchangeFormat = {
  id: 'conll',
  label: 'CoNLL-2003 / IOB2 (entity tags, for NER training)',
  extension: 'conll',
  mimeType: 'text/plain; charset=utf-8',
  write: writeConll,
};
