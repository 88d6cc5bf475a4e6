/**
 * Paragraphs and headings rebuilt from the geometry of lines. PDF has no paragraphs, only lines
 * placed on a page; a new paragraph is read where a typesetter would have started one: a
 * larger gap than the line spacing, an indented first line, or a short line that ends a
 * sentence. Lines set notably larger than the body text are headings.
 */
import { WordCounts, joinLines } from './hyphens';
import type { PageLines, TextLine, TextParagraph } from './layout-types';
import { bodyFontSize, bodyLineSpacing, sameSize } from './lines';

/** A gap between baselines this many times the line spacing separates paragraphs. */
const PARAGRAPH_GAP = 1.4;
/** Lines at least this much larger than the body text are headings. */
const HEADING_SCALE = 1.2;
const BULLET = /^[•●▪◦‣■□►➢]\s*/u;
const SENTENCE_END = /[.!?…:;]["'»”’)\]]*$/u;

interface Margins {
  left: number;
  right: number;
}

/** The paragraphs of a document whose running headers and footers are already gone. */
export function paragraphsOf(pages: PageLines[]): TextParagraph[] {
  const bodySize = bodyFontSize(pages);
  const spacing = bodyLineSpacing(pages, bodySize);
  const headingLevel = headingLevels(pages, bodySize);
  const words = new WordCounts(pages.flatMap((p) => p.lines.map((l) => l.text)));
  const paragraphs: TextParagraph[] = [];

  for (const page of pages) {
    const margins = columnMargins(page.lines, bodySize);
    let current: { kind: TextParagraph['kind']; level?: number; lines: TextLine[] } | undefined;
    const flush = () => {
      if (!current) return;
      const text = joinLines(
        current.lines.map((l) => l.text),
        words,
      );
      if (text) {
        const paragraph: TextParagraph = { kind: current.kind, text, page: page.page };
        if (current.level !== undefined) paragraph.level = current.level;
        paragraphs.push(paragraph);
      }
      current = undefined;
    };
    for (const line of page.lines) {
      const level = headingLevel(line);
      const bullet = level === undefined && BULLET.test(line.text);
      const previous = current?.lines.at(-1);
      let continues = false;
      if (current && previous && !bullet) {
        continues =
          current.kind === 'heading'
            ? // A heading set over several lines: same size, close below.
              level === current.level &&
              line.y > previous.y &&
              line.y - previous.y <= line.fontSize * 1.6
            : level === undefined &&
              continuesParagraph(previous, line, current.kind, margins, spacing, bodySize);
      }
      if (continues) {
        current!.lines.push(line);
        continue;
      }
      flush();
      if (level !== undefined) current = { kind: 'heading', level, lines: [line] };
      else if (bullet) {
        current = {
          kind: 'bullet_item',
          level: 1,
          lines: [{ ...line, text: line.text.replace(BULLET, '') }],
        };
      } else current = { kind: 'paragraph', lines: [line] };
    }
    flush();
  }
  return paragraphs;
}

function continuesParagraph(
  previous: TextLine,
  line: TextLine,
  kind: TextParagraph['kind'],
  margins: Map<number, Margins>,
  spacing: number,
  bodySize: number,
): boolean {
  // Moving up the page, or into another column: the text flows on unless a sentence ended.
  if (line.column !== previous.column || line.y <= previous.y) {
    return !SENTENCE_END.test(previous.text);
  }
  const expected = spacing * (line.fontSize / bodySize);
  if (line.y - previous.y > expected * PARAGRAPH_GAP) return false;
  if (!sameSize(line.fontSize, previous.fontSize)) return false;
  const margin = margins.get(line.column);
  if (!margin) return true;
  const em = line.fontSize;
  // A first-line indent starts a paragraph (but a list item's wrapped lines are indented too).
  const indented = line.x0 - margin.left > em * 0.8;
  const previousIndented = previous.x0 - margin.left > em * 0.5;
  if (indented && !previousIndented && kind !== 'bullet_item') return false;
  // A sentence that ends well short of the right margin ends its paragraph.
  const short = margin.right - previous.x1 > Math.max(em * 2, (margin.right - margin.left) * 0.1);
  if (short && SENTENCE_END.test(previous.text)) return false;
  return true;
}

/** Each column's left and right text margins on a page, from its body-size lines. */
function columnMargins(lines: TextLine[], bodySize: number): Map<number, Margins> {
  const margins = new Map<number, Margins>();
  const body = lines.filter((l) => sameSize(l.fontSize, bodySize));
  for (const line of body.length ? body : lines) {
    const m = margins.get(line.column);
    if (!m) margins.set(line.column, { left: line.x0, right: line.x1 });
    else {
      m.left = Math.min(m.left, line.x0);
      m.right = Math.max(m.right, line.x1);
    }
  }
  return margins;
}

/**
 * Heading levels by font size: the largest heading size in the document is level 1, the next
 * level 2, and so on up to 6. Returns a function giving a line's level, or undefined for body.
 */
function headingLevels(
  pages: PageLines[],
  bodySize: number,
): (line: TextLine) => number | undefined {
  const isHeading = (line: TextLine) =>
    line.fontSize >= bodySize * HEADING_SCALE &&
    /\p{L}/u.test(line.text) &&
    line.text.length <= 300;
  const sizes: number[] = [];
  for (const line of pages.flatMap((p) => p.lines)) {
    if (isHeading(line) && !sizes.some((s) => sameSize(s, line.fontSize)))
      sizes.push(line.fontSize);
  }
  sizes.sort((a, b) => b - a);
  return (line) => {
    if (!isHeading(line)) return undefined;
    const index = sizes.findIndex((s) => sameSize(s, line.fontSize));
    return Math.min(index + 1, 6);
  };
}
