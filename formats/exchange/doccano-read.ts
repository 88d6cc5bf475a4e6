/**
 * Reads doccano's exports: JSONL (or a JSON array) of examples with `entities` + `relations`
 * (relation extraction) or `label` triples `[start, end, "Label"]` (sequence labelling, also what
 * Gloss's `jsonl` export writes). Offsets are code points. Labels become tags (a built-in one when
 * the name matches); document-level labels and anything unreadable are listed as warnings.
 */
import { GlossError } from '../../core/errors';
import type { Annotation, Relation } from '../../core/domain';
import { inSpanOrder } from './export-kit';
import {
  decodeUtf8,
  documentInfo,
  importedRelation,
  ImportedText,
  ImportWarnings,
  isUuid,
  LabelCodebook,
  readAnnotation,
  stableId,
} from './import-kit';
import type { ExchangeBundle, ExchangeDocument } from './model';

type Json = Record<string, unknown>;

export async function readDoccano(bytes: Uint8Array, fileName: string): Promise<ExchangeBundle> {
  const warnings = new ImportWarnings();
  const records = parseRecords(
    decodeUtf8(bytes, fileName, warnings).replace(/^\uFEFF/, ''),
    fileName,
    warnings,
  );
  const labels = new LabelCodebook();
  const documents: ExchangeDocument[] = [];
  for (const { record, line } of records) {
    const where = `${fileName} line ${line}`;
    if (typeof record.text !== 'string') {
      warnings.add(`${where}: no "text"; skipped`);
      continue;
    }
    const imported = new ImportedText(record.text);
    // document_id: Gloss's doccano export; id: its older jsonl export.
    const id = isUuid(record.document_id)
      ? record.document_id
      : isUuid(record.id)
        ? record.id
        : stableId('doccano', fileName, line);
    const title =
      typeof record.title === 'string' && record.title.trim()
        ? record.title
        : `${fileName} #${line}`;
    const info = documentInfo({ id, title, text: imported.text });
    const spans = new Map<unknown, Annotation>();
    const add = (key: unknown, label: unknown, start: unknown, end: unknown) => {
      if (typeof label !== 'string' || !validRange(start, end, imported.rawLength)) {
        warnings.add(
          `${where}: span ${JSON.stringify([start, end, label])} is not a label over the text; skipped`,
        );
        return;
      }
      spans.set(
        key,
        readAnnotation({
          id: stableId('doccano', id, String(key)),
          documentId: id,
          tagId: labels.tagId(label),
          start: imported.offset(start as number),
          end: imported.offset(end as number),
          index: imported.index,
        }),
      );
    };
    if (Array.isArray(record.entities)) {
      for (const [i, entity] of record.entities.entries()) {
        const e = (entity ?? {}) as Json;
        add(e.id ?? `entity ${i}`, e.label, e.start_offset, e.end_offset);
      }
    }
    const triples = Array.isArray(record.label)
      ? record.label
      : Array.isArray(record.labels)
        ? record.labels
        : [];
    for (const [i, triple] of triples.entries()) {
      if (typeof triple === 'string') {
        warnings.add(
          `${where}: "${triple}" labels the whole document; Gloss labels spans, so it was not read`,
        );
      } else if (Array.isArray(triple)) {
        add(`label ${i}`, triple[2], triple[0], triple[1]);
      }
    }
    const relations: Relation[] = [];
    if (Array.isArray(record.relations)) {
      for (const [i, item] of record.relations.entries()) {
        const r = (item ?? {}) as Json;
        const from = spans.get(r.from_id);
        const to = spans.get(r.to_id);
        if (!from || !to || typeof r.type !== 'string') {
          warnings.add(
            `${where}: relation ${JSON.stringify(r.id ?? i)} does not link two spans of this line; skipped`,
          );
          continue;
        }
        relations.push(
          importedRelation({
            id: stableId('doccano', id, 'relation', String(r.id ?? i)),
            typeId: labels.relationTypeId(r.type),
            sourceId: from.id,
            targetId: to.id,
          }),
        );
      }
    }
    if (imported.changed)
      warnings.add(
        `${where}: CRLF line ends or a byte-order mark were normalised; offsets moved to match`,
      );
    documents.push({
      document: info,
      annotations: inSpanOrder([...spans.values()]),
      relations,
      memos: [],
    });
  }
  if (documents.length === 0 && records.length === 0) {
    throw new GlossError(
      'unsupported_format',
      `${fileName}: no doccano examples (JSON lines with "text") in it`,
    );
  }
  return {
    format: 'doccano JSONL',
    codebook: labels.codebook,
    entities: [],
    documents,
    projectMemos: [],
    warnings: warnings.list(),
  };
}

function validRange(start: unknown, end: unknown, length: number): boolean {
  return (
    Number.isInteger(start) &&
    Number.isInteger(end) &&
    (start as number) >= 0 &&
    (start as number) < (end as number) &&
    (end as number) <= length
  );
}

/** The examples of a JSONL file (one a line) or of a JSON array, with their 1-based line. */
function parseRecords(
  text: string,
  fileName: string,
  warnings: ImportWarnings,
): { record: Json; line: number }[] {
  if (/^\s*\[/.test(text)) {
    let parsed: unknown;
    try {
      parsed = JSON.parse(text);
    } catch (error) {
      throw new GlossError(
        'unsupported_format',
        `${fileName}: not valid JSON (${(error as Error).message})`,
      );
    }
    return (parsed as unknown[])
      .map((record, i) => ({ record: record as Json, line: i + 1 }))
      .filter(({ record, line }) => {
        const ok = typeof record === 'object' && record !== null;
        if (!ok) warnings.add(`${fileName} item ${line}: not an object; skipped`);
        return ok;
      });
  }
  const out: { record: Json; line: number }[] = [];
  for (const [i, raw] of text.split('\n').entries()) {
    if (raw.trim() === '') continue;
    try {
      const record = JSON.parse(raw) as unknown;
      if (typeof record === 'object' && record !== null && !Array.isArray(record)) {
        out.push({ record: record as Json, line: i + 1 });
      } else warnings.add(`${fileName} line ${i + 1}: not a JSON object; skipped`);
    } catch {
      if (out.length === 0 && i === 0) {
        throw new GlossError(
          'unsupported_format',
          `${fileName}: not doccano JSONL (line 1 is not JSON)`,
        );
      }
      warnings.add(`${fileName} line ${i + 1}: not valid JSON; skipped`);
    }
  }
  return out;
}

export type { Json as DoccanoRecord };
