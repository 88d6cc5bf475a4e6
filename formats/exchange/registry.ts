/**
 * Every exchange format Gloss writes or reads (issue 5). Each format module exports one
 * ExchangeFormat; add yours to EXCHANGE_FORMATS (one line, in menu order) and, when Gloss can
 * read it, teach `detectExchangeFormat` to recognise its files.
 */
import { GlossError } from '../../core/errors';
import type { ExchangeFormat, ExchangeFormatId } from './registry-types';
import { qdcFormat, qdpxFormat } from './refi-qda/format';
import { w3cFormat } from './w3c';
import { bratFormat } from './brat';
import { conllFormat } from './conll';
import { doccanoFormat } from './doccano';
import { labelStudioFormat } from './labelstudio';
import { csvFormat, jsonlFormat } from './legacy-formats';
import { htmlReportFormat } from './report-html';
import { markdownReportFormat } from './report-md';
import { spacyFormat } from './spacy';
import { spanJsonKind, spanZipKind, zipEntryNames } from './zip-names';

/** The formats, in the order menus list them. */
export const EXCHANGE_FORMATS: readonly ExchangeFormat[] = [
  w3cFormat,
  qdpxFormat,
  qdcFormat,
  // Span formats for NLP tools, the reports, then Gloss's own first exports.
  bratFormat,
  conllFormat,
  doccanoFormat,
  labelStudioFormat,
  spacyFormat,
  htmlReportFormat,
  markdownReportFormat,
  jsonlFormat,
  csvFormat,
];

/** The format with this id, or GlossError('unsupported_format'). */
export function exchangeFormat(id: ExchangeFormatId | string): ExchangeFormat {
  const format = EXCHANGE_FORMATS.find((f) => f.id === id);
  if (!format) {
    throw new GlossError('unsupported_format', `Gloss has no exchange format "${id}".`, { id });
  }
  return format;
}

/** The formats Gloss can import, for file pickers: ".jsonld,.qdpx,…". */
export function importableExtensions(): string[] {
  const extensions = EXCHANGE_FORMATS.filter((f) => f.read).map((f) => `.${f.extension}`);
  return [...new Set([...extensions, ...EXTRA_IMPORT_EXTENSIONS])];
}

/** Extensions a readable format's files also come with (a W3C export saved as .json). */
const EXTRA_IMPORT_EXTENSIONS = ['.json'];

/**
 * Which readable format a file is, from its content first and its name second: a W3C collection
 * saved as .json is still W3C, a .qdpx is a zip whatever it is called. Undefined when none fits.
 */
export function detectExchangeFormat(
  bytes: Uint8Array,
  fileName: string,
): ExchangeFormat | undefined {
  const readable = EXCHANGE_FORMATS.filter((f) => f.read);
  const lower = fileName.toLowerCase();
  const isZip = bytes[0] === 0x50 && bytes[1] === 0x4b;
  const head = new TextDecoder('utf-8').decode(bytes.subarray(0, 4096)).replace(/^\uFEFF/, '');
  const byId = (id: ExchangeFormatId) => readable.find((f) => f.id === id);
  if (isZip && lower.endsWith('.qdpx')) return byId('qdpx');
  if (/^\s*<\?xml[^>]*>\s*<CodeBook\b/.test(head) || /^\s*<CodeBook\b/.test(head)) {
    return byId('qdc');
  }
  if (/^\s*(<\?xml[^>]*>\s*)?<Project\b/.test(head)) return byId('qdpx');
  if (/^\s*[{[]/.test(head) && /www\.w3\.org\/ns\/anno\.jsonld/.test(head)) return byId('w3c');
  // brat and Label Studio exports are zips too: told apart by the names of their files.
  const spanZip = isZip ? spanZipKind(bytes) : undefined;
  if (spanZip) return byId(spanZip);
  if (isZip && zipEntryNames(bytes).some((n) => /(^|\/)project\.qde$/i.test(n)))
    return byId('qdpx');
  const spanJson = isZip ? undefined : spanJsonKind(head);
  if (spanJson) return byId(spanJson);
  if (isZip && /\.zip$/.test(lower)) {
    // A zipped REFI project renamed .zip: the reader checks for project.qde itself.
    return readable.find((f) => f.extension === 'zip') ?? byId('qdpx');
  }
  const extension = lower.slice(lower.lastIndexOf('.') + 1);
  return readable.find((f) => f.extension === extension);
}
