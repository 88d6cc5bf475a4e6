import { createHash } from 'node:crypto';
import { LIMITS } from '../core/limits';
import type {
  Block,
  DocumentFormat,
  DocumentMetadata,
  ImportOptions,
  ProjectSettings,
} from '../core/domain';
import { GlossError, isGlossErrorShape } from '../core/errors';
import { CodePointIndex, codePointLength } from '../core/offsets';
import { normaliseText } from '../core/text';
import { detectFormat, FORMAT_NAMES } from './detect';
import type { DetectedFormat } from './detect';
import { parsePlainText } from './import-txt';
import { readerFor } from './readers';
import { titleFromLine } from './title';
import type { ExtractedArticle, FormatReader } from './types';

/** A file turned into a document, ready to be stored. */
export interface ImportedFile {
  title: string;
  /** The stored text; every offset refers to it. */
  text: string;
  blocks: Block[];
  metadata: DocumentMetadata;
  /** The encoding the text was decoded from (text formats), else null. */
  encoding: string | null;
  format: DocumentFormat;
  /** How the format was decided, and what the file's name said. */
  detected: DetectedFormat;
  importer: { name: string; version: string };
  /** SHA-256 of the file's bytes as given, hex. */
  sha256: string;
  byteSize: number;
  /** Length of the text in code points. */
  length: number;
}

/** The settings an import obeys. */
export type ImportLimits = Pick<ProjectSettings, 'maxImportBytes' | 'maxTextChars'>;

/** The limits of a project whose settings were never changed. */
export const DEFAULT_IMPORT_LIMITS: ImportLimits = {
  maxImportBytes: LIMITS.maxFileBytes,
  maxTextChars: 50_000_000,
};

export interface ImportFileContext {
  options?: ImportOptions;
  settings?: ImportLimits;
  /** Read as this format without detecting it (a re-import of a stored document). */
  format?: DocumentFormat;
  /** The SHA-256 of `bytes` when the caller already has it. */
  sha256?: string;
  /** Where readers come from; tests pass their own. */
  readerFor?: (format: DocumentFormat) => Promise<FormatReader>;
}

/**
 * Turns the bytes of one file into a document: checks the size limit, detects the format (content
 * first, then extension — see detect.ts), runs its reader and checks what it made. Every failure is
 * a GlossError whose message starts with the file's name: `too_large`, `unsupported_format` (what
 * the file is, or that the reader could not read it — a reader that crashes on a hostile file is
 * reported as that, never as a crash), `invalid_argument` (nothing to read).
 */
export async function importFile(
  name: string,
  bytes: Uint8Array,
  context: ImportFileContext = {},
): Promise<ImportedFile> {
  const limits = context.settings ?? DEFAULT_IMPORT_LIMITS;
  // Readers get a plain Uint8Array: pdf.js refuses a Buffer, and a Buffer's slice() is a view
  // where a reader that must own its bytes expects a copy.
  if (Buffer.isBuffer(bytes)) {
    bytes = new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  }
  if (bytes.byteLength > limits.maxImportBytes) {
    throw tooLargeFile(name, limits.maxImportBytes);
  }
  if (bytes.byteLength === 0) {
    throw nothingToRead(name, 'the file is empty — there is no text to read');
  }
  const detected: DetectedFormat =
    context.format === undefined
      ? detectFormat(name, bytes)
      : { format: context.format, by: 'content' };
  const reader = await loadReader(name, detected.format, context.readerFor ?? readerFor);
  // Give the event loop a turn before a read that may take long: calls already waiting (a
  // listing, an annotation) are answered first. pdf.js and jsdom work in promise chains that
  // never yield to other events, so without this they would wait for the whole file.
  await new Promise<void>((resolve) => setImmediate(resolve));
  const article = await readSafely(reader, bytes, {
    name,
    options: context.options ?? {},
    maxTextChars: limits.maxTextChars,
  });
  return finishArticle(name, article, {
    detected,
    importer: reader.importer,
    byteSize: bytes.byteLength,
    sha256: context.sha256 ?? sha256Hex(bytes),
    maxTextChars: limits.maxTextChars,
  });
}

/** What "paste as new document" was given. */
export interface PastedText {
  title?: string;
  text?: string;
  html?: string;
}

/** Turns clipboard HTML into an article; the HTML importer's sanitising path. */
export type PastedHtmlReader = (html: string) => Promise<ExtractedArticle> | ExtractedArticle;

/** The name a pasted document's provenance carries. */
export const CLIPBOARD_SOURCE = 'clipboard';

/**
 * A paste turned into a document. HTML goes through `readHtml` (the same sanitising path as an HTML
 * file, so only safe links and no markup survive) and falls back on the plain text when it holds
 * no text; plain text is kept verbatim (CRLF → LF). The title is the one given, else the article's
 * or the first line. The "file" is the UTF-8 of what was read, so a paste can be re-extracted and
 * is a duplicate when pasted twice.
 */
export async function importPastedText(
  paste: PastedText,
  limits: ImportLimits = DEFAULT_IMPORT_LIMITS,
  readHtml: PastedHtmlReader = readClipboardHtml,
): Promise<{ file: ImportedFile; bytes: Uint8Array }> {
  const name = CLIPBOARD_SOURCE;
  const hasText = (paste.text ?? '').trim() !== '';
  let pasted: { file: ImportedFile; bytes: Uint8Array } | undefined;
  if ((paste.html ?? '').trim() !== '') {
    try {
      pasted = await pastedHtml(paste.html!, readHtml, limits);
    } catch (error) {
      // HTML the importer cannot read (or holding no text) still came with its plain text.
      if (!hasText) throw error;
    }
  }
  if (!pasted) {
    const bytes = new TextEncoder().encode(paste.text ?? '');
    const text = normaliseText(paste.text ?? '');
    const file = finishArticle(
      name,
      { ...parsePlainText(name, text), metadata: {}, encoding: null },
      {
        detected: { format: 'txt', by: 'content' },
        importer: { name: 'Gloss plain text (clipboard)', version: '1' },
        byteSize: bytes.byteLength,
        sha256: sha256Hex(bytes),
        maxTextChars: limits.maxTextChars,
      },
    );
    pasted = { file, bytes };
  }
  const title = titleFromLine(paste.title ?? '');
  return title ? { ...pasted, file: { ...pasted.file, title } } : pasted;
}

async function pastedHtml(
  html: string,
  readHtml: PastedHtmlReader,
  limits: ImportLimits,
): Promise<{ file: ImportedFile; bytes: Uint8Array }> {
  const name = CLIPBOARD_SOURCE;
  const reader: FormatReader = {
    format: 'html',
    importer: { name: 'Gloss HTML (clipboard)', version: '1' },
    read: async () => readHtml(html),
  };
  const bytes = new TextEncoder().encode(html);
  const article = await readSafely(reader, bytes, {
    name,
    options: {},
    maxTextChars: limits.maxTextChars,
  });
  const file = finishArticle(name, article, {
    detected: { format: 'html', by: 'content' },
    importer: reader.importer,
    byteSize: bytes.byteLength,
    sha256: sha256Hex(bytes),
    maxTextChars: limits.maxTextChars,
  });
  return { file, bytes };
}

/**
 * Clipboard HTML to an article: the HTML importer's own converter (an inert DOM, only block
 * kinds, four marks and http(s)/mailto links survive), so a paste is sanitised exactly as an HTML
 * file is. Loaded on first paste: it brings jsdom. The title is the first heading, else the first
 * block.
 */
async function readClipboardHtml(html: string): Promise<ExtractedArticle> {
  const { articleFromHtml } = await import('./html/dom-to-article');
  const { text, blocks } = articleFromHtml(html);
  const index = new CodePointIndex(text);
  const first = blocks.find((block) => block.kind === 'heading') ?? blocks[0];
  const title = first ? index.slice(first.start, first.end) : '';
  return { title, text, blocks, metadata: {}, encoding: null };
}

/** SHA-256 of bytes, hex: the identity of a file's content (duplicates, kept originals). */
export function sha256Hex(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}

/** The message for a file over the import size limit (also used before a file is read). */
export function tooLargeFile(name: string, limit: number): GlossError {
  return new GlossError(
    'too_large',
    `${name}: the file is larger than the import limit of ${formatSize(limit)} ` +
      '(the limit can be raised in the project settings)',
    { limit },
  );
}

/** A byte count as people read it: "200 MB", "512 KB". */
export function formatSize(bytes: number): string {
  const mb = bytes / (1024 * 1024);
  if (mb >= 1) return `${Number.isInteger(mb) ? mb : mb.toFixed(1)} MB`;
  return `${Math.max(1, Math.round(bytes / 1024))} KB`;
}

interface Finish {
  detected: DetectedFormat;
  importer: { name: string; version: string };
  byteSize: number;
  sha256: string;
  maxTextChars: number;
}

/** Checks what a reader made and completes it into an ImportedFile. */
function finishArticle(name: string, article: ExtractedArticle, finish: Finish): ImportedFile {
  const { text } = article;
  if (text.length > finish.maxTextChars) {
    throw new GlossError(
      'too_large',
      `${name}: the text is longer than the limit of ${finish.maxTextChars.toLocaleString('en')} ` +
        'characters (the limit can be raised in the project settings)',
      { limit: finish.maxTextChars },
    );
  }
  if (text.trim() === '' || article.blocks.length === 0) {
    // A text file's text is the file: blank text means a blank file. Other formats may hold
    // markup, pictures or scans with no text in them.
    throw nothingToRead(
      name,
      finish.detected.format === 'txt'
        ? 'the file is empty (only blank space) — there is no text to read'
        : 'the file has no readable text',
    );
  }
  const length = codePointLength(text);
  checkBlocks(name, finish.importer.name, article.blocks, length);
  return {
    title: titleFromLine(article.title) || name,
    text,
    blocks: article.blocks,
    metadata: article.metadata ?? {},
    encoding: article.encoding ?? null,
    format: finish.detected.format,
    detected: finish.detected,
    importer: finish.importer,
    sha256: finish.sha256,
    byteSize: finish.byteSize,
    length,
  };
}

/**
 * Runs a reader so that nothing it throws escapes as anything but a GlossError naming the file:
 * a parser that trips over a hostile or damaged file must fail that file, never the service.
 */
async function readSafely(
  reader: FormatReader,
  bytes: Uint8Array,
  context: Parameters<FormatReader['read']>[1],
): Promise<ExtractedArticle> {
  const { name } = context;
  try {
    return await reader.read(bytes, context);
  } catch (error) {
    if (isGlossError(error)) {
      if (error.message.startsWith(name)) throw error;
      throw new GlossError(error.code, `${name}: ${error.message}`, error.details);
    }
    const detail = error instanceof Error ? error.message : String(error);
    process.stderr.write(
      `[gloss] the ${reader.format} reader failed on ${name}: ${(error as Error)?.stack ?? detail}\n`,
    );
    throw new GlossError(
      'unsupported_format',
      `${name}: Gloss could not read this file as ${FORMAT_NAMES[reader.format]} — it may be ` +
        `damaged or unusual (${oneLine(detail)})`,
    );
  }
}

/** A format's reader, or a GlossError naming the file when the reader itself cannot load. */
async function loadReader(
  name: string,
  format: DocumentFormat,
  load: (format: DocumentFormat) => Promise<FormatReader>,
): Promise<FormatReader> {
  try {
    return await load(format);
  } catch (error) {
    process.stderr.write(
      `[gloss] the ${format} reader could not be loaded: ${(error as Error)?.stack ?? error}\n`,
    );
    throw new GlossError(
      'internal',
      `${name}: the importer for ${FORMAT_NAMES[format]} could not be loaded (details are in the log)`,
    );
  }
}

function isGlossError(error: unknown): error is GlossError {
  if (error instanceof GlossError) return true;
  // A GlossError from another copy of core (a reader bundled apart) is still one of ours.
  return error instanceof Error && error.name === 'GlossError' && isGlossErrorShape(error);
}

/**
 * Blocks must be ordered, non-overlapping code-point ranges inside the text, and marks must lie
 * inside their block: the reader depends on it, so a reader bug fails the import, not the reader.
 */
function checkBlocks(name: string, importer: string, blocks: Block[], length: number): void {
  let previousEnd = 0;
  const inRange = (start: number, end: number, from: number, to: number): boolean =>
    Number.isInteger(start) && Number.isInteger(end) && from <= start && start <= end && end <= to;
  for (const block of blocks) {
    const marksFit = (block.marks ?? []).every((m) =>
      inRange(m.start, m.end, block.start, block.end),
    );
    if (!inRange(block.start, block.end, previousEnd, length) || !marksFit) {
      throw new GlossError(
        'internal',
        `${name}: the ${importer} importer produced an article Gloss cannot show ` +
          '(this is a bug in Gloss; please report it with the file)',
      );
    }
    previousEnd = block.end;
  }
}

function nothingToRead(name: string, why: string): GlossError {
  return new GlossError('invalid_argument', `${name}: ${why}`);
}

function oneLine(text: string): string {
  const line = text.replace(/\s+/g, ' ').trim();
  return line.length > 160 ? `${line.slice(0, 159)}…` : line;
}
