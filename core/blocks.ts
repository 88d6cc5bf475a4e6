import type { Block } from './domain';
import { CodePointIndex } from './offsets';

/**
 * Splits plain text into paragraph blocks without changing a character, so that offsets into the
 * text stay offsets into the original file.
 *
 * Text that separates paragraphs with blank lines (hard-wrapped e-mail, Project Gutenberg) gets one
 * block per blank-line-separated run, its inner newlines shown as line breaks. Text with no blank
 * lines (one paragraph per line, as most saved articles are) gets one block per non-empty line.
 */
export function blocksFromPlainText(text: string): Block[] {
  const index = new CodePointIndex(text);
  const hasBlankLines = /\n[ \t]*\n/.test(text);
  const separator = hasBlankLines ? /\n(?:[ \t]*\n)+/g : /\n+/g;
  const blocks: Block[] = [];
  let cursor = 0;
  const push = (segmentStart: number, segmentEnd: number): void => {
    // A newline at the very start or end of the text is not a separator match; keep it (and any
    // whitespace-only line around it) out of the block so no empty line is shown.
    const segment = text.slice(segmentStart, segmentEnd);
    if (segment.trim() === '') return;
    const from = segmentStart + (/^(?:[ \t]*\n)*/.exec(segment)?.[0].length ?? 0);
    const to = segmentEnd - (/(?:\n[ \t]*)*$/.exec(segment)?.[0].length ?? 0);
    blocks.push({ kind: 'paragraph', start: index.toCodePoint(from), end: index.toCodePoint(to) });
  };
  for (const match of text.matchAll(separator)) {
    push(cursor, match.index);
    cursor = match.index + match[0].length;
  }
  push(cursor, text.length);
  return blocks;
}
