/**
 * Reads a brat collection (a zip of `.txt` + `.ann` pairs with `annotation.conf`) into an
 * ExchangeBundle, parsing the .ann as brat does: one annotation a line, `ID<TAB>data<TAB>text`.
 * A Gloss export's manifest restores ids, names, colours, titles and entities exactly; any other
 * brat corpus is read from its configuration. Whatever Gloss cannot hold (events, discontinuous
 * spans, unknown lines) is named in the bundle's warnings, never dropped silently.
 */
import { GlossError } from '../../core/errors';
import { CodePointIndex } from '../../core/offsets';
import type { Annotation, Entity, Relation } from '../../core/domain';
import { relationTypeFor, vocabularyFromCodebook, vocabularyFromConf } from './brat-read-conf';
import { CodebookIndex, inSpanOrder } from './export-kit';
import {
  decodeUtf8,
  documentInfo,
  importedRelation,
  ImportedText,
  ImportWarnings,
  readAnnotation,
  sha256Hex,
  stableId,
} from './import-kit';
import {
  readAttribute,
  readComment,
  readNormalisation,
  splitOnce,
  tagFor,
} from './brat-read-lines';
import type { AnnContext } from './brat-read-lines';
import { readManifest } from './manifest';
import type { ExchangeBundle, ExchangeDocument } from './model';
import { readZipEntries } from '../zip-guard';

export async function readBrat(bytes: Uint8Array, fileName: string): Promise<ExchangeBundle> {
  if (!(bytes[0] === 0x50 && bytes[1] === 0x4b)) {
    throw new GlossError(
      'unsupported_format',
      `${fileName}: a brat collection is read from a zip of .txt and .ann files (with annotation.conf)`,
    );
  }
  const entries = await readZipEntries(
    bytes,
    (name) => /\.(txt|ann|conf|json)$/i.test(name) && !/(^|\/)(__MACOSX|\.)/.test(name),
    { name: fileName, kind: 'brat collection (zip)' },
  );
  const warnings = new ImportWarnings();
  const manifest = readManifest(entries, warnings);
  const vocabulary = manifest
    ? vocabularyFromCodebook(manifest.codebook)
    : vocabularyFromConf(
        text(shortest(entries, 'annotation.conf'), entries, warnings) ?? '',
        text(shortest(entries, 'visual.conf'), entries, warnings),
        warnings,
      );
  if (!manifest && !shortest(entries, 'annotation.conf')) {
    warnings.add(
      `${fileName}: no annotation.conf; tags were made from the types the .ann files use`,
    );
  }
  const codebook = new CodebookIndex(vocabulary.codebook);
  const entities = new Map<string, Entity>((manifest?.entities ?? []).map((e) => [e.id, e]));
  const documents: ExchangeDocument[] = [];
  const byFile = new Map(manifest?.documents.map((d) => [d.file, d]));
  const names = [...entries.keys()].sort();
  for (const annName of names.filter((n) => /\.ann$/i.test(n))) {
    const txtName = annName.replace(/\.ann$/i, '.txt');
    const txt = entries.get(txtName) ?? entries.get(annName.replace(/\.ann$/i, '.TXT'));
    if (!txt) {
      warnings.add(`${annName}: no ${txtName} beside it; its annotations were not read`);
      continue;
    }
    const stem = annName.replace(/\.ann$/i, '');
    const known = byFile.get(stem);
    const raw = decodeUtf8(txt, txtName, warnings);
    const imported = new ImportedText(raw);
    if (imported.changed) {
      warnings.add(
        `${txtName}: a byte-order mark or CRLF line ends were normalised; offsets were moved to match`,
      );
    }
    const info = documentInfo({
      id: known?.id ?? stableId('brat-document', stem),
      title: known?.title ?? stem.split('/').pop()!,
      text: imported.text,
      sha256: known?.sha256 ?? sha256Hex(txt),
      ...(known
        ? { format: known.format, importedAt: known.importedAt, details: known.details }
        : {}),
    });
    const ann = decodeUtf8(entries.get(annName)!, annName, warnings);
    const parsed = parseAnn(ann, {
      file: annName,
      documentId: info.id,
      raw,
      imported,
      vocabulary,
      codebook,
      entities,
      warnings,
      gloss: manifest !== null,
      createdAt: manifest?.exportedAt,
    });
    documents.push({ document: info, ...parsed, memos: [] });
  }
  for (const txtName of names.filter((n) => /\.txt$/i.test(n))) {
    if (!entries.has(txtName.replace(/\.txt$/i, '.ann'))) {
      warnings.add(`${txtName}: no .ann beside it; it holds no annotations and was not read`);
    }
  }
  return {
    format: 'brat standoff',
    codebook: vocabulary.codebook,
    entities: [...entities.values()],
    documents,
    projectMemos: [],
    warnings: warnings.list(),
  };
}

/** The entry with this base name nearest the top of the zip. */
function shortest(entries: Map<string, Uint8Array>, base: string): string | undefined {
  return [...entries.keys()]
    .filter((name) => name === base || name.endsWith(`/${base}`))
    .sort((a, b) => a.length - b.length)[0];
}

function text(
  name: string | undefined,
  entries: Map<string, Uint8Array>,
  warnings: ImportWarnings,
) {
  return name === undefined ? undefined : decodeUtf8(entries.get(name)!, name, warnings);
}

/** One .ann file: text-bound spans first, then what refers to them. */
export function parseAnn(
  ann: string,
  ctx: AnnContext,
): Pick<ExchangeDocument, 'annotations' | 'relations'> {
  const { file, warnings } = ctx;
  const spans = new Map<string, Annotation>();
  const relations = new Map<string, Relation>();
  const rawLength = ctx.imported.rawLength;
  const rawText = new CodePointIndex(ctx.raw);
  const lines = ann.split(/\r?\n/).filter((line) => line.trim() !== '');
  const fields = lines.map((line) => {
    const tab = line.indexOf('\t');
    return tab < 0 ? null : { id: line.slice(0, tab), rest: line.slice(tab + 1), line };
  });
  for (const f of fields) {
    if (!f || f.id[0] !== 'T') continue;
    const [data = '', quoted = ''] = splitOnce(f.rest, '\t');
    const [type = '', offsetText = ''] = splitOnce(data, ' ');
    const fragments = offsetText.split(';').map((part) => part.trim().split(/\s+/).map(Number));
    const valid = fragments.every(
      (p) =>
        p.length === 2 &&
        p.every(Number.isInteger) &&
        0 <= p[0]! &&
        p[0]! <= p[1]! &&
        p[1]! <= rawLength,
    );
    if (!valid || fragments.length === 0) {
      warnings.add(`${file}: ${f.id} has offsets "${offsetText}" outside the text; not read`);
      continue;
    }
    const text = fragments.map(([s, e]) => rawText.slice(s!, e!)).join(' ');
    if (text !== quoted)
      warnings.add(`${file}: ${f.id}'s text "${quoted}" differs from the .txt ("${text}")`);
    const start = Math.min(...fragments.map((p) => p[0]!));
    const end = Math.max(...fragments.map((p) => p[1]!));
    const gaps = fragments.slice(1).map(([s], i) => rawText.slice(fragments[i]![1]!, s!));
    if (gaps.some((gap) => gap.trim() !== '')) {
      warnings.add(
        `${file}: ${f.id} is discontinuous; Gloss holds one range, so it covers ${start}–${end}`,
      );
    }
    spans.set(
      f.id,
      readAnnotation({
        id: stableId('brat', ctx.documentId, f.id),
        documentId: ctx.documentId,
        tagId: tagFor(type, ctx),
        start: ctx.imported.offset(start),
        end: ctx.imported.offset(end),
        index: ctx.imported.index,
        createdAt: ctx.createdAt,
      }),
    );
  }
  const relationOrEquiv = (f: { id: string; rest: string }, line: number) => {
    const [data = ''] = splitOnce(f.rest, '\t');
    const [type = '', ...args] = data.trim().split(/\s+/);
    if (f.id[0] === 'R') {
      const [source, target] = args.map((arg) => arg.slice(arg.indexOf(':') + 1));
      addRelation(f.id, type, source, target);
    } else {
      const sameAs = ctx.vocabulary.codebook.relationTypes.find((t) => t.key === 'same_as');
      for (let i = 1; i < args.length; i++) {
        addRelation(`*${line + 1}.${i}`, type, args[i - 1], args[i], sameAs?.id);
      }
    }
  };
  const addRelation = (
    id: string,
    type: string,
    source?: string,
    target?: string,
    typeId?: string,
  ) => {
    const from = source ? spans.get(source) : undefined;
    const to = target ? spans.get(target) : undefined;
    if (!from || !to) {
      warnings.add(`${file}: ${id} links ${source} and ${target}, which are not both spans here`);
      return;
    }
    relations.set(
      id,
      importedRelation(
        {
          id: stableId('brat', ctx.documentId, id),
          typeId: typeId ?? relationTypeFor(ctx.vocabulary, type, warnings, id.startsWith('*')),
          sourceId: from.id,
          targetId: to.id,
        },
        ctx.createdAt,
      ),
    );
  };
  for (const [line, f] of fields.entries()) {
    if (f && (f.id[0] === 'R' || f.id[0] === '*')) relationOrEquiv(f, line);
  }
  for (const [i, f] of fields.entries()) {
    if (!f) {
      warnings.add(`${file}: line "${lines[i]!.slice(0, 80)}" is not a brat annotation; skipped`);
      continue;
    }
    const kind = f.id[0];
    if (kind === 'A' || kind === 'M') readAttribute(f, spans, ctx);
    else if (kind === 'N') readNormalisation(f, spans, ctx);
    else if (kind === '#') readComment(f, spans, relations, ctx);
    else if (kind === 'E') {
      warnings.add(
        `${file}: ${f.id} is an event; Gloss keeps its trigger span but not its arguments`,
      );
    } else if (kind !== 'T' && kind !== 'R' && kind !== '*') {
      warnings.add(`${file}: ${f.id} is a kind of annotation Gloss does not read; skipped`);
    }
  }
  return { annotations: inSpanOrder([...spans.values()]), relations: [...relations.values()] };
}
