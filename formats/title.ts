/** Titles taken from a document's text are cut to this many code points. */
export const MAX_TITLE_LENGTH = 200;

/**
 * A title made from a line of text: trimmed, inner runs of whitespace collapsed, and cut to
 * `max` code points (never inside a surrogate pair) with an ellipsis, so lists stay readable.
 */
export function titleFromLine(line: string, max = MAX_TITLE_LENGTH): string {
  const collapsed = line.trim().replace(/\s+/g, ' ');
  const chars = Array.from(collapsed);
  return chars.length <= max ? collapsed : `${chars.slice(0, max).join('').trimEnd()}…`;
}
