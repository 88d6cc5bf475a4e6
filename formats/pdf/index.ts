/**
 * The PDF reader: pdf.js extracts positioned text runs; the layout steps (lines.ts, columns.ts,
 * running.ts, paragraphs.ts, hyphens.ts) rebuild lines, columns, paragraphs and headings from
 * their geometry, dropping running headers, footers and page numbers. Every block keeps the page
 * it comes from, so a span can be cited by page. A paragraph that runs over a page break becomes
 * two blocks for that reason: one page each.
 */
import { version } from 'pdfjs-dist/package.json';
import type { Block } from '../../core/domain';
import { GlossError } from '../../core/errors';
import { codePointLength } from '../../core/offsets';
import { titleFromLine } from '../title';
import type { ExtractedArticle, FormatReader, ReadContext } from '../types';
import type { TextParagraph } from './layout-types';
import { linesOfPage } from './lines';
import { extractPdf } from './load';
import { metadataOf, titleOf } from './metadata';
import { paragraphsOf } from './paragraphs';
import { withoutRunningLines } from './running';

export { isJunkTitle, pdfDate } from './metadata';

/** Reads PDF files that have a text layer (not scans: Gloss does not do OCR). */
export const pdfReader: FormatReader = {
  format: 'pdf',
  importer: { name: 'pdf.js', version },
  read: readPdf,
};

async function readPdf(bytes: Uint8Array, context: ReadContext): Promise<ExtractedArticle> {
  const { name, maxTextChars } = context;
  checkSignature(bytes, name);
  const { pages, info } = await extractPdf(bytes, name, maxTextChars);
  const lines = pages.map(linesOfPage);
  if (lines.every((page) => page.lines.length === 0)) {
    throw new GlossError(
      'unsupported_format',
      `${name}: this PDF has no text layer — it is probably a scan; Gloss does not do OCR`,
    );
  }
  const paragraphs = paragraphsOf(withoutRunningLines(lines));
  if (!readable(paragraphs)) {
    throw new GlossError(
      'unsupported_format',
      `${name}: this PDF's text cannot be read (its fonts do not say which letters they draw); ` +
        'Gloss does not do OCR',
    );
  }
  const { text, blocks } = blocksOf(paragraphs);
  if (text.length > maxTextChars) {
    throw new GlossError(
      'too_large',
      `${name}: the text is longer than ${maxTextChars.toLocaleString('en')} characters`,
    );
  }
  const firstHeading = paragraphs.find((p) => p.kind === 'heading');
  return {
    title: titleOf(info) ?? (firstHeading ? titleFromLine(firstHeading.text) : name),
    text,
    blocks,
    metadata: metadataOf(info),
    encoding: null,
  };
}

/**
 * Says what a file is when it is not a PDF, and refuses a PDF whose end is missing: pdf.js can
 * rebuild a damaged file's cross-reference table and would then quietly read only its first
 * pages, and an analyst citing the document must not get half of it without knowing.
 */
function checkSignature(bytes: Uint8Array, name: string): void {
  const head = latin1(bytes.subarray(0, 1024));
  const notPdf = (what: string) =>
    new GlossError('unsupported_format', `${name}: this is not a PDF${what}`);
  if (head.startsWith('PK\x03\x04')) {
    throw notPdf(' (it looks like a Word document or another zip archive)');
  }
  if (head.startsWith('\xd0\xcf\x11\xe0')) {
    throw notPdf(' (it looks like an old Word or Office file)');
  }
  if (!head.includes('%PDF-')) throw notPdf('');
  if (!latin1(bytes.subarray(Math.max(0, bytes.length - 4096))).includes('%%EOF')) {
    throw new GlossError(
      'unsupported_format',
      `${name}: this PDF is incomplete — its end is missing (truncated?); copy or download it again`,
    );
  }
}

function latin1(bytes: Uint8Array): string {
  return new TextDecoder('latin1').decode(bytes);
}

/**
 * Whether the extracted text is text: fonts without a Unicode mapping yield control characters
 * or private-use code points instead of letters.
 */
function readable(paragraphs: TextParagraph[]): boolean {
  let good = 0;
  let bad = 0;
  for (const { text } of paragraphs) {
    for (const char of text) {
      if (/[\p{Cc}\p{Co}\uFFFD]/u.test(char)) bad++;
      else if (!/\s/.test(char)) good++;
    }
  }
  return good > bad * 2;
}

/** The paragraphs as stored text (joined by "\n") and blocks with code-point offsets. */
function blocksOf(paragraphs: TextParagraph[]): { text: string; blocks: Block[] } {
  const blocks: Block[] = [];
  let offset = 0;
  for (const paragraph of paragraphs) {
    const length = codePointLength(paragraph.text);
    const block: Block = {
      kind: paragraph.kind,
      start: offset,
      end: offset + length,
      page: paragraph.page,
    };
    if (paragraph.level !== undefined) block.level = paragraph.level;
    blocks.push(block);
    offset += length + 1;
  }
  return { text: paragraphs.map((p) => p.text).join('\n'), blocks };
}
