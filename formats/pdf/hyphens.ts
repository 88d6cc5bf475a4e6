/**
 * Joining the lines of a paragraph back into running text. A word broken at a line end
 * ("inter-" / "national") becomes one word again; a compound that happens to break at its own
 * hyphen ("Russian-" / "Azerbaijani", "well-" / "known" when the document writes "well-known"
 * elsewhere) keeps its hyphen; every other line break becomes a space.
 */

/** How often each word form occurs in a document, to tell compounds from broken words. */
export class WordCounts {
  private readonly counts = new Map<string, number>();

  constructor(texts: Iterable<string>) {
    for (const text of texts) {
      for (const [word] of text.matchAll(/[\p{L}\p{N}]+(?:[-‐‑][\p{L}\p{N}]+)*/gu)) {
        const key = normalise(word);
        this.counts.set(key, (this.counts.get(key) ?? 0) + 1);
      }
    }
  }

  count(word: string): number {
    return this.counts.get(normalise(word)) ?? 0;
  }
}

function normalise(word: string): string {
  return word.toLowerCase().replace(/[‐‑]/g, '-');
}

/** A hyphen (or one of its Unicode look-alikes) after a letter, at the end of a line. */
const LINE_END_HYPHEN = /(\p{L}+)[-‐‑¬]$/u;
const SOFT_HYPHEN_END = /\u00ad$/;

/** The lines of one paragraph as one string. */
export function joinLines(lines: string[], words: WordCounts): string {
  let text = '';
  for (const raw of lines) {
    const line = raw.trim();
    if (!line) continue;
    if (!text) {
      text = line;
      continue;
    }
    text = joinTwo(text, line, words);
  }
  return text.replace(/\u00ad/g, '');
}

function joinTwo(before: string, after: string, words: WordCounts): string {
  if (SOFT_HYPHEN_END.test(before)) return before.slice(0, -1) + after;
  const broken = LINE_END_HYPHEN.exec(before);
  if (!broken) return `${before} ${after}`;
  const head = broken[1]!;
  const tail = /^[\p{L}\p{N}]+/u.exec(after)?.[0];
  // Nothing word-like follows ("- see below"): an ordinary break after a dash.
  if (!tail) return `${before} ${after}`;
  // A capital or a digit after the hyphen: a compound ("Russian-Azerbaijani", "COVID-19").
  if (!/^\p{Ll}/u.test(tail)) return before + after;
  // A lower-case continuation is a broken word unless the document spells the compound with
  // its hyphen more often than without.
  const hyphenated = words.count(`${head}-${tail}`);
  const solid = words.count(head + tail);
  if (hyphenated > solid) return before + after;
  return before.slice(0, -1) + after;
}
