/**
 * The reader of e-books (.epub, EPUB 2 and 3). An EPUB is a zip: the zip is judged by its central
 * directory first (formats/zip-guard.ts refuses zip bombs before inflating anything), then
 * `META-INF/container.xml` names the package file, whose spine gives the reading order. Each
 * chapter (XHTML) goes through the same converter as web pages, and the chapters follow one
 * another in spine order, each starting a new block.
 *
 * Non-linear spine items (`linear="no"`: notes, answer keys, pop-ups) are kept, in spine order:
 * an analyst needs the footnotes of a report as much as its body, and dropping text silently
 * would be worse than showing it in the author's order.
 */
import type { Block } from '../../core/domain';
import { GlossError } from '../../core/errors';
import { decodeHtml } from '../html/charset';
import { articleFromDom, type ConvertedArticle } from '../html/dom-to-article';
import { field, isoDate, languageTag } from '../html/metadata';
import { parseHtmlDocument, parseXmlDocument } from '../html/parse';
import type { ExtractedArticle, FormatReader, ReadContext } from '../types';
import { readZipEntries } from '../zip-guard';
import { encryptedPaths } from './encryption';
import { type EpubPackage, packagePath, readPackage } from './package';

const CONTAINER = 'META-INF/container.xml';
const ENCRYPTION = 'META-INF/encryption.xml';
const CHAPTER_TYPES = new Set([
  'application/xhtml+xml',
  'text/html',
  'application/xml',
  'text/xml',
]);

/** Reads an EPUB's chapters, in reading order, with the book's title, authors and date. */
export const epubReader: FormatReader = {
  format: 'epub',
  importer: { name: 'gloss epub', version: '1.0.0' },
  read: (bytes, context) => readEpub(bytes, context),
};

async function readEpub(bytes: Uint8Array, context: ReadContext): Promise<ExtractedArticle> {
  const { name } = context;
  if (!isZip(bytes)) {
    throw new GlossError(
      'unsupported_format',
      `${name}: this is not an EPUB — an EPUB is a zip archive, and this file is not one`,
    );
  }
  const guard = { name, kind: 'EPUB book' };
  const meta = await readZipEntries(
    bytes,
    (entry) => entry === CONTAINER || entry === ENCRYPTION,
    guard,
  );
  const container = meta.get(CONTAINER);
  if (!container) {
    throw invalid(name, 'META-INF/container.xml is missing');
  }
  const opfPath = xml(name, CONTAINER, () => packagePath(xmlText(name, container)));
  if (!opfPath) throw invalid(name, 'META-INF/container.xml names no package file');
  const opfBytes = await readOne(bytes, opfPath, guard);
  if (!opfBytes) throw invalid(name, `the package file "${opfPath}" is missing`);
  const book = xml(name, opfPath, () => readPackage(xmlText(name, opfBytes), opfPath));

  const chapters = book.spine.filter((entry) => CHAPTER_TYPES.has(entry.item.mediaType));
  const encryption = meta.get(ENCRYPTION);
  if (encryption) {
    const encrypted = xml(name, ENCRYPTION, () => encryptedPaths(xmlText(name, encryption)));
    if (chapters.some((chapter) => encrypted.has(chapter.item.path))) {
      throw new GlossError(
        'unsupported_format',
        `${name}: this EPUB is protected by DRM (its chapters are encrypted) — Gloss cannot read it; import a DRM-free copy`,
      );
    }
  }

  const wanted = new Set(chapters.map((chapter) => chapter.item.path.toLowerCase()));
  const files = await readZipEntries(bytes, (entry) => wanted.has(entry.toLowerCase()), guard);
  const byLowerName = new Map([...files].map(([entry, content]) => [entry.toLowerCase(), content]));
  const parts: ConvertedArticle[] = [];
  let length = 0;
  for (const chapter of chapters) {
    const content =
      files.get(chapter.item.path) ?? byLowerName.get(chapter.item.path.toLowerCase());
    if (!content) continue; // a spine item missing from the zip: read what is there
    const converted = chapterArticle(name, content);
    length += converted.text.length + 1;
    if (length > context.maxTextChars) {
      throw new GlossError(
        'too_large',
        `${name}: the book's text is longer than ${context.maxTextChars} characters`,
      );
    }
    parts.push(converted);
  }
  const { text, blocks } = concatArticles(parts);
  if (blocks.length === 0)
    throw new GlossError('invalid_argument', `${name}: the book has no readable text`);
  return {
    title: field(book.title) ?? name,
    text,
    blocks,
    metadata: bookMetadata(book),
    encoding: null,
  };
}

/** One chapter: XHTML as XML, or — for the many books with sloppy markup — as HTML. */
function chapterArticle(name: string, bytes: Uint8Array): ConvertedArticle {
  const { html } = decodeHtml(name, bytes);
  let document: Document;
  try {
    document = parseXmlDocument(html, 'application/xhtml+xml', name);
  } catch (error) {
    if (error instanceof GlossError) throw error;
    document = parseHtmlDocument(html, { name });
  }
  return articleFromDom(document);
}

/** Chapters one after another: texts joined by `\n`, offsets of later chapters shifted. */
export function concatArticles(parts: ConvertedArticle[]): ConvertedArticle {
  const texts: string[] = [];
  const blocks: Block[] = [];
  let offset = 0;
  for (const part of parts) {
    if (part.blocks.length === 0) continue;
    const shift = texts.length === 0 ? 0 : offset + 1;
    for (const block of part.blocks) {
      const moved: Block = { ...block, start: block.start + shift, end: block.end + shift };
      if (block.marks)
        moved.marks = block.marks.map((m) => ({
          ...m,
          start: m.start + shift,
          end: m.end + shift,
        }));
      blocks.push(moved);
    }
    texts.push(part.text);
    offset = shift + part.blocks.at(-1)!.end;
  }
  return { text: texts.join('\n'), blocks };
}

function bookMetadata(book: EpubPackage): ExtractedArticle['metadata'] {
  const metadata: ExtractedArticle['metadata'] = {};
  const byline = field([...new Set(book.creators)].join(', '));
  if (byline) metadata.byline = byline;
  const publisher = field(book.publisher);
  if (publisher) metadata.siteName = publisher;
  const date = isoDate(book.date);
  if (date) metadata.publishedAt = date;
  const language = languageTag(book.language);
  if (language) metadata.language = language;
  return metadata;
}

async function readOne(
  bytes: Uint8Array,
  path: string,
  guard: { name: string; kind: string },
): Promise<Uint8Array | undefined> {
  const files = await readZipEntries(
    bytes,
    (entry) => entry.toLowerCase() === path.toLowerCase(),
    guard,
  );
  return files.get(path) ?? files.values().next().value;
}

/** Runs an XML reading step; malformed XML becomes a message naming the file inside the book. */
function xml<T>(name: string, path: string, read: () => T): T {
  try {
    return read();
  } catch (error) {
    if (error instanceof GlossError) throw error;
    throw invalid(name, `"${path}" is not well-formed XML`);
  }
}

function invalid(name: string, why: string): GlossError {
  return new GlossError('unsupported_format', `${name}: not a valid EPUB — ${why}`);
}

function isZip(bytes: Uint8Array): boolean {
  // "PK\3\4" starts a zip with entries; "PK\5\6" an empty one (which then lacks its container).
  return (
    bytes[0] === 0x50 &&
    bytes[1] === 0x4b &&
    (bytes[2] === 3 || bytes[2] === 5) &&
    (bytes[3] === 4 || bytes[3] === 6)
  );
}

/** An XML file of the container as text (UTF-8 or UTF-16 with a mark, or as it declares). */
function xmlText(name: string, bytes: Uint8Array): string {
  return decodeHtml(name, bytes).html;
}
