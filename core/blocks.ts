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
  const push = (from: number, to: number): void => {
    // Trim surrounding whitespace-only lines but keep the block's own characters intact.
    const segment = text.slice(from, to);
    if (segment.trim() === '') return;
    blocks.push({ kind: 'paragraph', start: index.toCodePoint(from), end: index.toCodePoint(to) });
  };
  for (const match of text.matchAll(separator)) {
    push(cursor, match.index);
    cursor = match.index + match[0].length;
  }
  push(cursor, text.length);
  return blocks;
}
