/**
 * brat standoff export (https://brat.nlplab.org/standoff.html): a zip with, per document,
 * `<name>.txt` (the text, UTF-8) and `<name>.ann` (T, A, N, R and # lines), plus
 * `annotation.conf` and `visual.conf` for the whole codebook and `gloss-manifest.json` (see
 * manifest.ts), which brat ignores and Gloss reads back.
 *
 * Offsets: brat is Python and counts characters of the decoded .txt, i.e. Unicode code points —
 * the unit Gloss stores, so offsets are written unchanged.
 *
 * Line breaks: the .ann is line-based and repeats each span's text, so a span may not contain a
 * line break. A span across one is written as brat writes a discontinuous span: fragments
 * `start end;start end` split at every line break (the breaks themselves left out), its text
 * the fragments' texts joined by a space.
 */
import { CodePointIndex } from '../../core/offsets';
import type { Annotation, AttributeValue } from '../../core/domain';
import { annotationConf, bratScheme, LINE_BREAKS, visualConf } from './brat-conf';
import type { BratScheme } from './brat-conf';
import { MANIFEST_FILE, manifestText } from './manifest';
import type { ManifestDocument } from './manifest';
import { readBrat } from './brat-read';
import type { CodebookIndex } from './export-kit';
import {
  attributeText,
  CodebookIndex as Index,
  entitiesById,
  inSpanOrder,
  logAuthorship,
  OmissionLog,
  ProgressTicker,
  safeToken,
  selectedTags,
  chosenAnnotations,
} from './export-kit';
import type { ExchangeDocument, ExchangeSource } from './model';
import type { ExchangeFormat, ExportOptions, ExportReport, ExportSink } from './registry-types';
import { ZipStreamWriter } from './zip-stream';

const LINE_BREAKS_GLOBAL = new RegExp(LINE_BREAKS.source, 'g');

export async function writeBrat(
  source: ExchangeSource,
  sink: ExportSink,
  options: ExportOptions,
): Promise<ExportReport> {
  const index = new Index(source.codebook);
  const scheme = bratScheme(index);
  const selected = selectedTags(index, options);
  const log = new OmissionLog();
  const ticker = new ProgressTicker(source.annotationCount, options.onProgress);
  const zip = new ZipStreamWriter(sink, new Date(source.exportedAt));
  const entities = entitiesById(source);
  const files = new Set<string>();
  const manifestDocuments: ManifestDocument[] = [];
  let documentCount = 0;
  let annotationCount = 0;
  for (const doc of source.documents()) {
    const file = fileStem(doc.document.title, files);
    const { ann, written } = annFile(doc, { index, scheme, selected, entities, log });
    await zip.add(`${file}.txt`, doc.document.text);
    await zip.add(`${file}.ann`, ann);
    const { id, title, sha256, format, importedAt, details } = doc.document;
    manifestDocuments.push({ file, id, title, sha256, format, importedAt, details });
    for (const memo of doc.memos) {
      log.item(memo.id, 'document memo', 'brat has no place for notes on a whole document');
    }
    logAuthorship(log, written, 'brat');
    documentCount += 1;
    annotationCount += written;
    ticker.add(doc.annotations.length);
  }
  for (const memo of source.projectMemos) {
    log.item(memo.id, 'project memo', 'brat has no place for notes on a whole collection');
  }
  await zip.add('annotation.conf', annotationConf(index, scheme, source.generator));
  await zip.add('visual.conf', visualConf(index, scheme, source.generator));
  await zip.add(MANIFEST_FILE, manifestText(source, manifestDocuments));
  await zip.finish();
  ticker.finish();
  return log.report(documentCount, annotationCount);
}

interface AnnContext {
  index: CodebookIndex;
  scheme: BratScheme;
  selected: Set<string>;
  entities: ReturnType<typeof entitiesById>;
  log: OmissionLog;
}

/** One document's .ann: every selected annotation as a T line, then what hangs on it. */
export function annFile(doc: ExchangeDocument, ctx: AnnContext): { ann: string; written: number } {
  const { scheme, selected, log } = ctx;
  const text = new CodePointIndex(doc.document.text);
  const lines: string[] = [];
  const tIds = new Map<string, string>();
  const counters = { A: 0, N: 0, R: 0, '#': 0 };
  const next = (kind: keyof typeof counters) => `${kind}${++counters[kind]}`;
  const spans = inSpanOrder(chosenAnnotations(doc, selected, log));
  // T ids first, so that an attribute may name a span written after its own.
  const placed: { annotation: Annotation; fragments: [number, number][] }[] = [];
  for (const annotation of spans) {
    const fragments = fragmentsOf(text, annotation.start, annotation.end);
    if (fragments.length === 0) {
      log.item(annotation.id, 'annotation', 'it covers only line breaks, which brat cannot mark');
      continue;
    }
    tIds.set(annotation.id, `T${tIds.size + 1}`);
    placed.push({ annotation, fragments });
  }
  for (const { annotation, fragments } of placed) {
    const t = tIds.get(annotation.id)!;
    const offsets = fragments.map(([s, e]) => `${s} ${e}`).join(';');
    const quoted = fragments.map(([s, e]) => text.slice(s, e)).join(' ');
    lines.push(`${t}\t${scheme.types.get(annotation.tagId)} ${offsets}\t${quoted}`);
    if (annotation.note)
      lines.push(`${next('#')}\tAnnotatorNotes ${t}\t${noteText(annotation.note)}`);
    if (annotation.entityId) {
      const name = ctx.entities.get(annotation.entityId)?.name ?? annotation.entityId;
      lines.push(`${next('N')}\tReference ${t} Gloss:${annotation.entityId}\t${noteText(name)}`);
    }
    for (const [defId, value] of Object.entries(annotation.attributes)) {
      lines.push(...attributeLines(defId, value, t, annotation.id, tIds, ctx, next));
    }
  }
  for (const relation of doc.relations) {
    const source = tIds.get(relation.sourceId);
    const target = tIds.get(relation.targetId);
    if (!source || !target) {
      const why = !source
        ? 'its source span is not in this export'
        : doc.annotations.some((a) => a.id === relation.targetId)
          ? 'its target span is not in this export'
          : 'it links spans of two documents, and a brat relation stays within one';
      log.item(relation.id, 'relation', why);
      continue;
    }
    const r = next('R');
    lines.push(`${r}\t${scheme.relations.get(relation.typeId)} Arg1:${source} Arg2:${target}`);
    if (relation.note) lines.push(`${next('#')}\tAnnotatorNotes ${r}\t${noteText(relation.note)}`);
  }
  return { ann: lines.length > 0 ? `${lines.join('\n')}\n` : '', written: placed.length };
}

function attributeLines(
  defId: string,
  value: AttributeValue,
  t: string,
  annotationId: string,
  tIds: Map<string, string>,
  ctx: AnnContext,
  next: (kind: 'A' | '#') => string,
): string[] {
  const attribute = ctx.scheme.attributes.get(defId);
  const def = ctx.index.attributeDefs.get(defId);
  if (!attribute || !def) {
    ctx.log.item(annotationId, 'attribute value', `its attribute ${defId} is not in the codebook`);
    return [];
  }
  switch (attribute.kind) {
    case 'valued': {
      const token = attribute.tokens.get(String(value)) ?? safeToken(String(value), 'value');
      return [`${next('A')}\t${attribute.name} ${t} ${token}`];
    }
    case 'binary':
      if (value === true) return [`${next('A')}\t${attribute.name} ${t}`];
      ctx.log.field('attributes set to "no"', 'brat binary attributes only say "yes"');
      return [];
    case 'per-choice':
      return (Array.isArray(value) ? value : [String(value)]).map((choice) => {
        const name = attribute.names.get(choice) ?? `${attribute.name}_${safeToken(choice)}`;
        return `${next('A')}\t${name} ${t}`;
      });
    case 'note': {
      const shown =
        def.type === 'annotation' && typeof value === 'string' && tIds.has(value)
          ? tIds.get(value)!
          : attributeText(def, value, ctx.entities);
      return [`${next('#')}\tAnnotatorNotes ${t}\t${attribute.name}: ${noteText(shown)}`];
    }
  }
}

/**
 * The pieces of [start, end) between line breaks, in code points; empty pieces (two breaks in a
 * row, a span starting on a break) are left out.
 */
export function fragmentsOf(text: CodePointIndex, start: number, end: number): [number, number][] {
  const from = text.toUtf16(start);
  const slice = text.text.slice(from, text.toUtf16(end));
  const fragments: [number, number][] = [];
  let pieceStart = 0;
  const push = (pieceEnd: number) => {
    if (pieceEnd > pieceStart) {
      fragments.push([text.toCodePoint(from + pieceStart), text.toCodePoint(from + pieceEnd)]);
    }
  };
  for (const match of slice.matchAll(LINE_BREAKS_GLOBAL)) {
    push(match.index);
    pieceStart = match.index + match[0].length;
  }
  push(slice.length);
  return fragments;
}

/**
 * A note on one .ann line: a backslash is doubled and a line break written `\n`, so the reader
 * restores it exactly; other line-end characters (rare) become spaces.
 */
export function noteText(note: string): string {
  return note
    .replace(/\\/g, '\\\\')
    .replace(/\r\n|\n/g, '\\n')
    .replace(LINE_BREAKS_GLOBAL, ' ');
}

/** A file name for a document: its title as a safe token, distinct (ignoring case) in the zip. */
function fileStem(title: string, used: Set<string>): string {
  const base = Array.from(safeToken(title, 'document')).slice(0, 60).join('');
  let stem = base;
  for (let n = 2; used.has(stem.toLowerCase()); n++) stem = `${base}_${n}`;
  used.add(stem.toLowerCase());
  return stem;
}

export const bratFormat: ExchangeFormat = {
  id: 'brat',
  label: 'brat standoff (.txt + .ann, zipped)',
  extension: 'zip',
  mimeType: 'application/zip',
  write: writeBrat,
  read: readBrat,
};
