/**
 * The text side of search: what the analyst typed, turned into an FTS5 query that cannot be a
 * syntax error; where a hit's text matches it, found again in the original text; and the snippet
 * shown for it. Pure functions: no database.
 *
 * Matches are found here rather than with FTS5's highlight(), which runs the whole query again
 * for each row — on a large project, tens of milliseconds per hit for a common word. The rules
 * follow FTS5's unicode61 tokenizer (remove_diacritics 2) and the index's own folding of "ё".
 */
import type { SearchSnippet } from '../core/api-notes';

/** A term of a query: one word or a quoted phrase; `prefix`: its last word may continue. */
export interface SearchTerm {
  words: string[];
  prefix: boolean;
}

export interface TextRange {
  start: number;
  end: number;
}

/** A snippet is at most this many code points of the matching text, plus "…" at a cut. */
export const SNIPPET_CHARS = 180;
/** How much text a snippet shows before its first match, when it has to cut. */
const LEAD_CHARS = 50;

/** unicode61's token characters: letters, digits, private use, and the marks on them. */
const TOKEN_CHAR = /[\p{L}\p{N}\p{Co}\p{M}]/u;

/**
 * The terms of a query: every bare word a prefix term ("mammad" finds Mammadov), every "quoted
 * phrase" a phrase; punctuation separates words as the index does, so FTS5 operators typed by
 * the user (AND, OR, NEAR, *, ^, parentheses, column filters) are searched as plain words.
 */
export function parseQuery(query: string): SearchTerm[] {
  const terms: SearchTerm[] = [];
  for (const match of query.matchAll(/"([^"]*)"?|([^\s"]+)/gu)) {
    const words = tokenize(match[1] ?? match[2] ?? '').map((token) => token.folded);
    if (words.length) terms.push({ words, prefix: match[1] === undefined });
  }
  return terms;
}

/** The FTS5 query for what the analyst typed, every term required; null when nothing is left. */
export function toMatchQuery(query: string): string | null {
  const terms = parseQuery(query);
  return terms.length ? matchQueryOf(terms) : null;
}

/** The FTS5 query for terms (see parseQuery): each a quoted string, prefix ones starred. */
export function matchQueryOf(terms: readonly SearchTerm[]): string {
  // Folded words hold only token characters: no quote can end a string early.
  return terms.map((t) => `"${t.words.join(' ')}"${t.prefix ? '*' : ''}`).join(' ');
}

interface Token extends TextRange {
  folded: string;
}

/** The words of a text as the index sees them, with their places (code points). */
export function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  let position = 0;
  let current: { start: number; chars: string[] } | null = null;
  for (const char of text) {
    if (TOKEN_CHAR.test(char)) {
      current ??= { start: position, chars: [] };
      current.chars.push(char);
    } else if (current) {
      tokens.push({ start: current.start, end: position, folded: fold(current.chars) });
      current = null;
    }
    position++;
  }
  if (current) tokens.push({ start: current.start, end: position, folded: fold(current.chars) });
  return tokens;
}

/** Case and Latin accents removed, as unicode61 does, and "ё" as "е", as the index does. */
function fold(chars: readonly string[]): string {
  let out = '';
  for (const char of chars) {
    const code = char.codePointAt(0)!;
    const latin = (code >= 0xc0 && code < 0x250) || (code >= 0x1e00 && code < 0x1f00);
    if (/\p{M}/u.test(char)) continue;
    out += latin ? Array.from(char.normalize('NFD'))[0]! : char;
  }
  return out.toLowerCase().replace(/ё/g, 'е');
}

/** Where `text` matches any of the terms, in order, merged where they touch (code points). */
export function findMatches(text: string, terms: readonly SearchTerm[]): TextRange[] {
  if (!text || !terms.length) return [];
  const tokens = tokenize(text);
  const found: TextRange[] = [];
  for (const term of terms) {
    const last = term.words.length - 1;
    for (let i = 0; i + last < tokens.length; i++) {
      const matches = term.words.every((word, k) => {
        const token = tokens[i + k]!.folded;
        return k === last && term.prefix ? token.startsWith(word) : token === word;
      });
      if (matches) found.push({ start: tokens[i]!.start, end: tokens[i + last]!.end });
    }
  }
  found.sort((a, b) => a.start - b.start || b.end - a.end);
  const merged: TextRange[] = [];
  for (const range of found) {
    const previous = merged[merged.length - 1];
    if (previous && range.start <= previous.end) previous.end = Math.max(previous.end, range.end);
    else merged.push({ ...range });
  }
  return merged;
}

/**
 * A snippet of `text` around its first match: whitespace runs shown as one space, cut to about
 * SNIPPET_CHARS code points (at a space when one is near) with "…" where it was cut. The match
 * ranges move with the text; those cut off are dropped.
 */
export function makeSnippet(text: string, ranges: readonly TextRange[]): SearchSnippet {
  const chars = Array.from(text);
  let from = 0;
  let to = chars.length;
  if (chars.length > SNIPPET_CHARS) {
    const first = ranges[0]?.start ?? 0;
    from = Math.max(0, Math.min(first - LEAD_CHARS, chars.length - SNIPPET_CHARS));
    to = Math.min(chars.length, from + SNIPPET_CHARS);
    from = snapForward(chars, from, first);
    to = snapBackward(chars, to, ranges.find((r) => r.start >= from)?.end ?? from);
  }
  // Build the shown text, collapsing whitespace, and map each kept position to its new one.
  const out: string[] = [];
  const mapped = new Array<number>(to - from + 1);
  if (from > 0) out.push('…');
  let lastSpace = true;
  for (let i = from; i < to; i++) {
    mapped[i - from] = out.length;
    const char = chars[i]!;
    if (/\s/u.test(char)) {
      if (!lastSpace) out.push(' ');
      lastSpace = true;
    } else {
      out.push(char);
      lastSpace = false;
    }
  }
  mapped[to - from] = out.length;
  while (out.length && out[out.length - 1] === ' ') out.pop();
  if (to < chars.length) out.push('…');
  const matches = ranges
    .filter((r) => r.start >= from && r.end <= to)
    .map((r) => ({
      start: mapped[r.start - from]!,
      end: Math.min(mapped[r.end - from]!, out.length),
    }))
    .filter((r) => r.start < r.end);
  return { text: out.join(''), matches };
}

/** Moves a cut start to just after a nearby space, but never past the first match. */
function snapForward(chars: string[], from: number, limit: number): number {
  if (from === 0) return 0;
  for (let i = from; i < Math.min(from + 15, limit); i++) {
    if (/\s/u.test(chars[i]!)) return i + 1;
  }
  return from;
}

/** Moves a cut end back to a nearby space, but never before `limit` (a match's end). */
function snapBackward(chars: string[], to: number, limit: number): number {
  if (to >= chars.length) return to;
  for (let i = to; i > Math.max(to - 15, limit); i--) {
    if (/\s/u.test(chars[i]!)) return i;
  }
  return to;
}
