/**
 * Decodes the bytes of an HTML file to text, choosing the encoding the way a browser does (the
 * WHATWG "encoding sniffing" steps, simplified): the analyst's explicit choice, then a byte-order
 * mark, then the transport's charset (an MHTML part's Content-Type), then a `<meta charset>` or
 * `<meta http-equiv="Content-Type">` near the start of the file. A page that declares nothing is
 * decoded like any undeclared text file (formats/encoding.ts): UTF-8 when the bytes are valid
 * UTF-8, else the legacy encoding (windows-1251, KOI8-R…) whose decoding reads most like text.
 */
import iconv from 'iconv-lite';
import { GlossError } from '../../core/errors';
import { decodeBytes } from '../encoding';

export interface DecodeHints {
  /** The analyst's choice (ImportOptions.encoding): wins over everything, must exist. */
  override?: string;
  /** A charset declared outside the document, e.g. by an MHTML part header. */
  transport?: string;
}

export interface DecodedHtml {
  html: string;
  /** The encoding the bytes were decoded from, as a lower-case label ("utf-8", "windows-1251"). */
  encoding: string;
}

/** How far into the file a `<meta>` declaration is looked for (browsers use 1024; pages vary). */
const PRESCAN_BYTES = 8192;

/** Decodes `bytes`; `name` names the file in the error thrown for an unknown override. */
export function decodeHtml(name: string, bytes: Uint8Array, hints: DecodeHints = {}): DecodedHtml {
  if (hints.override !== undefined) {
    const encoding = normaliseLabel(hints.override, false);
    if (encoding === undefined) {
      throw new GlossError('invalid_argument', `${name}: unknown encoding "${hints.override}"`);
    }
    return { html: decode(bytes, encoding), encoding };
  }
  const encoding =
    bomEncoding(bytes) ?? normaliseLabel(hints.transport, true) ?? declaredEncoding(bytes);
  if (encoding !== undefined) return { html: decode(bytes, encoding), encoding };
  const sniffed = decodeBytes(bytes, { name });
  return { html: sniffed.text, encoding: sniffed.encoding };
}

/**
 * The encoding a label names, or undefined when iconv-lite does not know it. Labels a page
 * declares follow WHATWG: Latin-1 and ASCII mean windows-1252 (what browsers really decode), and a
 * UTF-16 label in ASCII-compatible bytes cannot be true, so it means UTF-8.
 */
export function normaliseLabel(label: string | undefined, declared: boolean): string | undefined {
  if (label === undefined) return undefined;
  let encoding = label
    .trim()
    .replace(/^["']|["']$/g, '')
    .toLowerCase();
  if (encoding === '') return undefined;
  if (encoding === 'utf8' || encoding === 'unicode-1-1-utf-8') encoding = 'utf-8';
  if (declared) {
    if (LATIN1_LABELS.has(encoding)) encoding = 'windows-1252';
    if (encoding.startsWith('utf-16') || encoding === 'unicode' || encoding === 'ucs-2') {
      encoding = 'utf-8';
    }
    if (encoding === 'x-user-defined') encoding = 'windows-1252';
  }
  return iconv.encodingExists(encoding) ? encoding : undefined;
}

const LATIN1_LABELS = new Set([
  'ascii', 'us-ascii', 'iso-8859-1', 'iso8859-1', 'iso_8859-1', 'latin1', 'l1', 'cp819',
  'ibm819', 'iso-ir-100', 'csisolatin1', 'ansi_x3.4-1968', 'cp1252', 'x-cp1252',
]); // prettier-ignore

function bomEncoding(bytes: Uint8Array): string | undefined {
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) return 'utf-8';
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return 'utf-16le';
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return 'utf-16be';
  return undefined;
}

/** A charset named by a `<meta>` (or an XML declaration) in the first bytes, read as ASCII. */
function declaredEncoding(bytes: Uint8Array): string | undefined {
  const head = Buffer.from(
    bytes.buffer,
    bytes.byteOffset,
    Math.min(bytes.byteLength, PRESCAN_BYTES),
  )
    .toString('latin1')
    .replace(/<!--[\s\S]*?(?:-->|$)/g, '');
  for (const meta of head.matchAll(/<meta\b([^>]*)>?/gi)) {
    const attributes = parseAttributes(meta[1] ?? '');
    let label = attributes.get('charset');
    const httpEquiv = attributes.get('http-equiv')?.toLowerCase();
    if (label === undefined && httpEquiv === 'content-type') {
      label = /charset\s*=\s*["']?([^\s"';]+)/i.exec(attributes.get('content') ?? '')?.[1];
    }
    const encoding = normaliseLabel(label, true);
    if (encoding !== undefined) return encoding;
  }
  const xml = /^\s*<\?xml[^>]*\bencoding\s*=\s*["']([^"']+)["']/i.exec(head);
  return normaliseLabel(xml?.[1], true);
}

function parseAttributes(source: string): Map<string, string> {
  const attributes = new Map<string, string>();
  for (const match of source.matchAll(/([^\s=/>"']+)\s*(?:=\s*("[^"]*"|'[^']*'|[^\s>]+))?/g)) {
    const name = match[1]!.toLowerCase();
    const value = (match[2] ?? '').replace(/^["']|["']$/g, '');
    if (!attributes.has(name)) attributes.set(name, value);
  }
  return attributes;
}

function decode(bytes: Uint8Array, encoding: string): string {
  // TextDecoder drops a UTF-8 BOM and replaces malformed bytes; iconv-lite does the same for the rest.
  if (encoding === 'utf-8') return new TextDecoder('utf-8').decode(bytes);
  return iconv.decode(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength), encoding);
}
