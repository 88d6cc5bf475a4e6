/**
 * The Word (.docx) reader. The zip is judged before anything is inflated (zip-guard.ts), every
 * entry is then held to its declared size, and only then does mammoth convert the document to
 * HTML — with the style map below, no images, no external files and no style map of the
 * document's own choosing. The HTML goes through the same sanitising converter as web pages.
 */
import mammoth from 'mammoth';
import { version } from 'mammoth/package.json';
import { GlossError } from '../../core/errors';
import { CodePointIndex } from '../../core/offsets';
import { articleFromDom } from '../html/dom-to-article';
import { parseHtmlDocument } from '../html/parse';
import { titleFromLine } from '../title';
import type { ExtractedArticle, FormatReader, ReadContext } from '../types';
import { inspectZip, readZipEntries } from '../zip-guard';
import { rewriteEndMatter } from './end-matter';
import { commentAuthors, coreProperties } from './properties';
import { notDocxReason, otherZipKind } from './sniff';

/** Reads Word documents (.docx, also .docm and .dotx: the same container). */
export const docxReader: FormatReader = {
  format: 'docx',
  importer: { name: 'mammoth', version },
  read: readDocx,
};

/**
 * Word's built-in style names that carry structure, beyond mammoth's defaults (headings 1–6,
 * lists, footnote text, Strong). Word stores built-in names in English whatever the UI language.
 */
const STYLE_MAP = [
  "p[style-name='Title'] => h1:fresh",
  "p[style-name='Subtitle'] => h2:fresh",
  "p[style-name='Quote'] => blockquote > p:fresh",
  "p[style-name='Intense Quote'] => blockquote > p:fresh",
  "p[style-name='Block Text'] => blockquote > p:fresh",
  "r[style-name='Emphasis'] => em",
  "r[style-name='Intense Emphasis'] => em",
  "r[style-name='Strong'] => strong",
  // Without a mapping mammoth drops comments; with it, they are listed at the end.
  'comment-reference => sup',
];

/** A document part mammoth may read; media are never inflated (images are ignored). */
const isDocumentPart = (entry: string) => !/^word\/media\//.test(entry);

async function readDocx(bytes: Uint8Array, context: ReadContext): Promise<ExtractedArticle> {
  const { name, maxTextChars } = context;
  const reason = notDocxReason(bytes);
  if (reason) throw new GlossError('unsupported_format', `${name}: ${reason}`);

  const guard = { name, kind: 'Word document' };
  const { entries } = await inspectZip(bytes, guard);
  const names = new Set(entries.map((entry) => entry.name));
  if (!names.has('word/document.xml')) {
    throw new GlossError(
      'unsupported_format',
      `${name}: this is not a Word document (${otherZipKind(names)})`,
    );
  }
  // Inflating every part once, each held to its declared size, proves the archive honest before
  // mammoth's own unzipper (which trusts the declarations) touches it.
  const parts = await readZipEntries(bytes, isDocumentPart, guard);
  const xml = (part: string) => {
    const content = parts.get(part);
    return content && new TextDecoder().decode(content);
  };

  const html = await convert(bytes, name);
  const document = parseHtmlDocument(html);
  let article;
  try {
    rewriteEndMatter(document, commentAuthors(xml('word/comments.xml')));
    article = articleFromDom(document);
  } finally {
    document.defaultView?.close();
  }
  if (article.text.length > maxTextChars) {
    throw new GlossError(
      'too_large',
      `${name}: the text is longer than ${maxTextChars.toLocaleString('en')} characters`,
    );
  }
  const { title, metadata } = coreProperties(xml('docProps/core.xml'));
  const firstHeading = article.blocks.find((block) => block.kind === 'heading');
  const headingText =
    firstHeading && new CodePointIndex(article.text).slice(firstHeading.start, firstHeading.end);
  return {
    title: title ? titleFromLine(title) : headingText?.trim() ? titleFromLine(headingText) : name,
    text: article.text,
    blocks: article.blocks,
    metadata,
    encoding: null,
  };
}

async function convert(bytes: Uint8Array, name: string): Promise<string> {
  try {
    const result = await mammoth.convertToHtml(
      { buffer: Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength) },
      {
        styleMap: STYLE_MAP,
        // A document may carry a style map for mammoth; a hostile one must not steer conversion.
        includeEmbeddedStyleMap: false,
        externalFileAccess: false,
        // Images are not text: an empty <img> is dropped by the converter, and the image's bytes
        // are never read (no data: URLs in the stored article).
        convertImage: mammoth.images.imgElement(() => Promise.resolve({ src: '' })),
      },
    );
    return result.value;
  } catch (error) {
    throw new GlossError(
      'unsupported_format',
      `${name}: not a valid Word document (damaged or truncated?)`,
      { cause: error instanceof Error ? error.message : String(error) },
    );
  }
}
