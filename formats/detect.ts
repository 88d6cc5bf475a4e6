import type { DocumentFormat } from '../core/domain';
import { GlossError } from '../core/errors';

import { IMPORT_EXTENSIONS } from '../core/import-rules';

export { IMPORT_EXTENSIONS };

/** What Gloss imports, in the words every "unsupported" message uses. */
export const SUPPORTED_FORMATS_TEXT = '.txt, .md, .html, .mhtml, .docx, .pdf and .epub';

/** Each format as an analyst names it: "this is a PDF, not a Word document". */
export const FORMAT_NAMES: Readonly<Record<DocumentFormat, string>> = {
  txt: 'a plain-text file',
  md: 'a Markdown file',
  html: 'a web page (HTML)',
  mhtml: 'a saved web page (MHTML)',
  docx: 'a Word document',
  pdf: 'a PDF',
  epub: 'an EPUB e-book',
};

/** The extension of a file name, lower-case with its dot, or '' when it has none. */
export function extensionOf(name: string): string {
  const base = name.slice(Math.max(name.lastIndexOf('/'), name.lastIndexOf('\\')) + 1);
  const dot = base.lastIndexOf('.');
  return dot > 0 ? base.slice(dot).toLowerCase() : '';
}

/** How a file's format was decided. */
export interface DetectedFormat {
  format: DocumentFormat;
  /** The format the file's extension names, if it names one Gloss knows. */
  named?: DocumentFormat;
  /**
   * 'content' when the bytes said what the file is (a signature), 'extension' when only its name
   * did. A file whose content and name disagree is read as what its content is.
   */
  by: 'content' | 'extension';
}

/** Formats whose files are containers or binary: their bytes can never be read as text. */
const BINARY_FORMATS: ReadonlySet<DocumentFormat> = new Set(['pdf', 'docx', 'epub']);

/**
 * The format of a file: **from its content first, then its extension**.
 *
 * A recognised signature wins over the name: a PDF named `report.docx` is imported as the PDF it
 * is (an analyst renaming files by hand is more common than a file meant to be misread), and the
 * document records the format it was read as beside the file name it came with. The one exception
 * is a text file whose text happens to be markup: `.txt` and `.md` keep their promise that the
 * stored text is the file's text, so an HTML source saved as `.txt` stays text.
 *
 * Throws GlossError('unsupported_format') naming the file and saying what it is when it is
 * something Gloss cannot read (an old .doc, an image, an archive, a binary file), and listing what
 * Gloss imports when neither content nor name says anything Gloss knows.
 */
export function detectFormat(name: string, bytes: Uint8Array): DetectedFormat {
  const named = IMPORT_EXTENSIONS[extensionOf(name)];
  const sniffed = sniffContent(name, bytes);
  if (sniffed !== undefined) {
    const textNamedMarkup =
      (named === 'txt' || named === 'md') && (sniffed === 'html' || sniffed === 'mhtml');
    if (textNamedMarkup) return { format: named, named, by: 'extension' };
    return named === undefined
      ? { format: sniffed, by: 'content' }
      : { format: sniffed, named, by: 'content' };
  }
  if (named === undefined) {
    throw bytes.subarray(0, HEAD_BYTES).includes(0) ? binaryFile(name) : unsupportedName(name);
  }
  if (BINARY_FORMATS.has(named) && bytes.byteLength > 0)
    throw notWhatItsNameSays(name, named, bytes);
  return { format: named, named, by: 'extension' };
}

/**
 * A note for a file read as something other than what its name says ("report.docx is a PDF"),
 * or undefined when name and content agree. The CLI prints it; the document keeps both facts.
 */
export function mislabelNote(name: string, detected: DetectedFormat): string | undefined {
  if (detected.named === undefined || detected.named === detected.format) return undefined;
  return `${name} is ${FORMAT_NAMES[detected.format]}, not ${FORMAT_NAMES[detected.named]} — imported as what it is`;
}

/**
 * Whether the first bytes of a file (4 KB is plenty) carry a signature of a format Gloss reads,
 * for deciding which files of a folder to offer when their extension says nothing.
 */
export function looksImportable(head: Uint8Array): boolean {
  try {
    const sniffed = sniffContent('', head);
    return sniffed === 'pdf' || sniffed === 'html' || sniffed === 'mhtml';
  } catch {
    return false;
  }
}

/** How far into a file signatures are looked for. */
const HEAD_BYTES = 8192;

/**
 * The format a file's bytes announce, undefined when they announce nothing Gloss knows, or a
 * GlossError for content Gloss recognises and cannot read.
 */
function sniffContent(name: string, bytes: Uint8Array): DocumentFormat | undefined {
  const head = bytes.subarray(0, HEAD_BYTES);
  // PDF readers accept the header anywhere in the first kilobyte (some files carry junk first).
  if (indexOfAscii(head.subarray(0, 1024), '%PDF-') >= 0) return 'pdf';
  if (startsWith(head, [0x50, 0x4b, 0x03, 0x04]) || startsWith(head, [0x50, 0x4b, 0x05, 0x06])) {
    return zipFormat(name, bytes);
  }
  const refusal = knownUnreadable(name, head);
  if (refusal) throw refusal;
  const text = headText(head);
  // NUL bytes: binary, or UTF-16 text without a byte-order mark, which only the text decoder can
  // tell apart (encoding.ts). Leave the decision to the extension (detectFormat).
  if (text === undefined) return undefined;
  if (isMhtml(text)) return 'mhtml';
  if (isHtml(text)) return 'html';
  return undefined;
}

/** A ZIP container: a Word document or an EPUB, or something Gloss names and refuses. */
function zipFormat(name: string, bytes: Uint8Array): DocumentFormat {
  const first = zipFirstStoredEntry(bytes);
  if (first?.name === 'mimetype') {
    const mimetype = new TextDecoder().decode(first.content).trim();
    if (mimetype === 'application/epub+zip') return 'epub';
    if (mimetype.startsWith('application/vnd.oasis.opendocument')) throw openDocument(name);
  }
  const names = new Set(zipEntryNames(bytes) ?? []);
  if (names.has('word/document.xml')) return 'docx';
  if (names.has('mimetype') && names.has('META-INF/container.xml')) return 'epub';
  if (names.has('xl/workbook.xml')) {
    throw refuse(name, 'this is an Excel workbook — Gloss imports articles, not spreadsheets');
  }
  if (names.has('ppt/presentation.xml')) {
    throw refuse(name, 'this is a PowerPoint presentation — export it as PDF and import that');
  }
  if (names.has('content.xml') && names.has('META-INF/manifest.xml')) throw openDocument(name);
  throw refuse(name, 'this is a ZIP archive — unpack it and import the files inside');
}

/** Signatures of files Gloss will never read, with a message that says what to do instead. */
function knownUnreadable(name: string, head: Uint8Array): GlossError | undefined {
  if (startsWith(head, [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1])) {
    return refuse(
      name,
      'this is an old Word document (.doc, Word 97–2003) or a password-protected Office file — ' +
        'open it in Word or LibreOffice, save it as .docx without a password and import that',
    );
  }
  if (startsWith(head, [0x7b, 0x5c, 0x72, 0x74, 0x66])) {
    return refuse(name, 'this is an RTF document — save it as .docx and import that');
  }
  const image = imageKind(head);
  if (image) {
    return refuse(
      name,
      `this is an image (${image}) — Gloss imports text and does not read text in pictures (OCR)`,
    );
  }
  if (
    startsWith(head, [0x1f, 0x8b]) ||
    startsWith(head, [0x37, 0x7a, 0xbc, 0xaf, 0x27, 0x1c]) ||
    startsWith(head, [0x52, 0x61, 0x72, 0x21])
  ) {
    return refuse(name, 'this is a compressed archive — unpack it and import the files inside');
  }
  return undefined;
}

function imageKind(head: Uint8Array): string | undefined {
  if (startsWith(head, [0x89, 0x50, 0x4e, 0x47])) return 'PNG';
  if (startsWith(head, [0xff, 0xd8, 0xff])) return 'JPEG';
  if (startsWith(head, [0x47, 0x49, 0x46, 0x38])) return 'GIF';
  if (startsWith(head, [0x49, 0x49, 0x2a, 0x00]) || startsWith(head, [0x4d, 0x4d, 0x00, 0x2a])) {
    return 'TIFF';
  }
  if (
    startsWith(head, [0x52, 0x49, 0x46, 0x46]) &&
    indexOfAscii(head.subarray(8, 12), 'WEBP') === 0
  ) {
    return 'WebP';
  }
  return undefined;
}

/**
 * The start of the file as text for looking at markup, or undefined when it holds NUL bytes
 * without a UTF-16 byte-order mark. ASCII-compatible encodings all spell
 * `<html` the same way, so latin1 is enough to look; UTF-16 is decoded as such.
 */
function headText(head: Uint8Array): string | undefined {
  if (startsWith(head, [0xff, 0xfe])) return new TextDecoder('utf-16le').decode(head);
  if (startsWith(head, [0xfe, 0xff])) return new TextDecoder('utf-16be').decode(head);
  if (head.includes(0)) return undefined;
  return new TextDecoder('latin1').decode(head);
}

/** An HTML document: a doctype or `<html>` after any BOM, whitespace, comments and XML prolog. */
function isHtml(text: string): boolean {
  const start = text
    .replace(/^(?:\uFEFF|\u00EF\u00BB\u00BF)/, '')
    .replace(/^(?:\s+|<!--[\s\S]*?-->|<\?xml[^>]*\?>)*/, '');
  return /^<!doctype\s+html/i.test(start) || /^<html[\s>]/i.test(start);
}

/**
 * A web page saved as one MIME file (Chrome's and Edge's .mhtml, IE's .mht): a block of mail-style
 * headers with MIME-Version and a multipart/related Content-Type.
 */
function isMhtml(text: string): boolean {
  if (!/^(?:\uFEFF)?[A-Za-z][A-Za-z0-9-]*:/.test(text)) return false;
  const headers = text.split(/\r?\n\r?\n/, 1)[0] ?? '';
  return /^mime-version:/im.test(headers) && /^content-type:\s*multipart\/related/im.test(headers);
}

function unsupportedName(name: string): GlossError {
  const extension = extensionOf(name);
  const what = extension ? `file type "${extension}"` : 'file without an extension';
  return new GlossError(
    'unsupported_format',
    `${name}: unsupported ${what} — Gloss imports ${SUPPORTED_FORMATS_TEXT}`,
    { name, extension },
  );
}

/** A .pdf, .docx or .epub whose bytes are not one: say what they look like instead. */
function notWhatItsNameSays(name: string, named: DocumentFormat, bytes: Uint8Array): GlossError {
  const head = bytes.subarray(0, HEAD_BYTES);
  const looksText =
    !head.includes(0) || startsWith(head, [0xff, 0xfe]) || startsWith(head, [0xfe, 0xff]);
  const advice = looksText
    ? 'it contains plain text — rename it to .txt to import it as text'
    : 'it may be damaged, or only partly downloaded';
  return refuse(name, `this is not ${FORMAT_NAMES[named]} (it does not start like one): ${advice}`);
}

function openDocument(name: string): GlossError {
  return refuse(
    name,
    'this is an OpenDocument file (LibreOffice) — save it as .docx and import that',
  );
}

function binaryFile(name: string): GlossError {
  return refuse(name, 'this is a binary file, not text (it contains NUL bytes)');
}

function refuse(name: string, why: string): GlossError {
  return new GlossError('unsupported_format', `${name}: ${why}`, { name });
}

function startsWith(bytes: Uint8Array, prefix: readonly number[]): boolean {
  if (bytes.length < prefix.length) return false;
  return prefix.every((byte, i) => bytes[i] === byte);
}

function indexOfAscii(bytes: Uint8Array, needle: string): number {
  const codes = Array.from(needle, (c) => c.charCodeAt(0));
  outer: for (let i = 0; i + codes.length <= bytes.length; i++) {
    for (let j = 0; j < codes.length; j++) if (bytes[i + j] !== codes[j]) continue outer;
    return i;
  }
  return -1;
}

/**
 * The first local entry of a ZIP when it is stored uncompressed, as EPUB requires of its
 * `mimetype` entry; undefined otherwise.
 */
function zipFirstStoredEntry(bytes: Uint8Array): { name: string; content: Uint8Array } | undefined {
  if (bytes.length < 30) return undefined;
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (view.getUint32(0, true) !== 0x04034b50 || view.getUint16(8, true) !== 0) return undefined;
  const size = view.getUint32(18, true);
  const nameLength = view.getUint16(26, true);
  const dataStart = 30 + nameLength + view.getUint16(28, true);
  if (dataStart + size > bytes.length || size > 1024) return undefined;
  return {
    name: new TextDecoder().decode(bytes.subarray(30, 30 + nameLength)),
    content: bytes.subarray(dataStart, dataStart + size),
  };
}

/** Entries of a ZIP's central directory that are read at most, so a hostile file stays cheap. */
const MAX_ZIP_ENTRIES = 100_000;

/**
 * The entry names in a ZIP's central directory (ZIP64 included), read without inflating
 * anything; undefined when the directory cannot be found (a truncated download).
 */
function zipEntryNames(bytes: Uint8Array): string[] | undefined {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  // The end-of-central-directory record is 22 bytes plus a comment of up to 65535 bytes.
  let end = -1;
  for (let i = bytes.length - 22; i >= Math.max(0, bytes.length - 22 - 0xffff); i--) {
    if (view.getUint32(i, true) === 0x06054b50) {
      end = i;
      break;
    }
  }
  if (end < 0) return undefined;
  let count = view.getUint16(end + 10, true);
  let offset = view.getUint32(end + 16, true);
  const locator = end - 20;
  if ((offset === 0xffffffff || count === 0xffff) && locator >= 0) {
    if (view.getUint32(locator, true) !== 0x07064b50) return undefined;
    const zip64End = Number(view.getBigUint64(locator + 8, true));
    if (zip64End + 56 > bytes.length || view.getUint32(zip64End, true) !== 0x06064b50) {
      return undefined;
    }
    count = Number(view.getBigUint64(zip64End + 32, true));
    offset = Number(view.getBigUint64(zip64End + 48, true));
  }
  const names: string[] = [];
  const decoder = new TextDecoder();
  let at = offset;
  for (let n = 0; n < Math.min(count, MAX_ZIP_ENTRIES); n++) {
    if (at + 46 > bytes.length || view.getUint32(at, true) !== 0x02014b50) break;
    const nameLength = view.getUint16(at + 28, true);
    const skip = view.getUint16(at + 30, true) + view.getUint16(at + 32, true);
    names.push(decoder.decode(bytes.subarray(at + 46, at + 46 + nameLength)));
    at += 46 + nameLength + skip;
  }
  return names;
}
