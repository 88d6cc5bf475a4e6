/**
 * Normalises imported text the one way DESIGN.md §3 allows: a leading BOM is dropped and CRLF
 * (or a lone CR) becomes LF. Nothing else changes, so a .txt file's offsets stay its own.
 */
export function normaliseText(text: string): string {
  const withoutBom = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  return withoutBom.replace(/\r\n?/g, '\n');
}
