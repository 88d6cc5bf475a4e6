/**
 * The tokeniser of the CoNLL export, stated in the file's header and in docs/export-formats.md:
 * Unicode word segmentation (UAX #29, through `Intl.Segmenter` with word granularity; Chinese,
 * Japanese and Thai by the ICU dictionaries Node ships). A word-like segment is one token; every
 * other segment that is not white space (punctuation, a symbol, an emoji with its modifiers or a
 * flag) is a token of its own. Sentences are `Intl.Segmenter` sentence segments, and a line break
 * always ends one.
 */
import type { CodePointIndex } from '../../core/offsets';

export const TOKENISER_DESCRIPTION =
  'Unicode words (UAX #29 via Intl.Segmenter, word granularity); each other non-space segment ' +
  '(punctuation, symbol, emoji) one token; sentences by Intl.Segmenter and at every line break';

export interface Token {
  text: string;
  /** Code points, end-exclusive. */
  start: number;
  end: number;
  /** Whether a sentence ends after this token (before the next). */
  sentenceEnd: boolean;
}

/** A segmenter for the document's language, or the root locale when it is unknown or invalid. */
function segmenter(language: string, granularity: 'word' | 'sentence'): Intl.Segmenter {
  try {
    return new Intl.Segmenter(language || undefined, { granularity });
  } catch {
    return new Intl.Segmenter(undefined, { granularity });
  }
}

/**
 * The longest piece handed to the segmenter at once. V8's Intl.Segmenter slows down more than
 * linearly on long strings (80,000 characters take seconds), so the text is segmented line by
 * line, and a longer line in pieces cut at white space — where no word can straddle the cut.
 */
const PIECE = 4000;

/** [start, end) UTF-16 ranges covering the text: its lines, long ones cut at white space. */
function* pieces(text: string): Generator<[number, number]> {
  let start = 0;
  while (start < text.length) {
    const newline = text.indexOf('\n', start);
    const lineEnd = newline < 0 ? text.length : newline;
    let end = lineEnd;
    if (end - start > PIECE) {
      const space = text.lastIndexOf(' ', start + PIECE);
      end = space > start ? space : start + PIECE;
      // Never between the two halves of a surrogate pair.
      if (/[\uD800-\uDBFF]/.test(text[end - 1] ?? '')) end += 1;
    }
    if (end > start) yield [start, end];
    start = end === lineEnd ? lineEnd + 1 : end;
  }
}

/** The tokens of a text, with sentence ends marked. */
export function tokenise(index: CodePointIndex, language = ''): Token[] {
  const text = index.text;
  const words = segmenter(language, 'word');
  const tokens: Token[] = [];
  for (const [from, to] of pieces(text)) {
    for (const part of words.segment(text.slice(from, to))) {
      const at = from + part.index;
      if (part.isWordLike) {
        tokens.push(token(index, part.segment, at));
        continue;
      }
      // A non-word segment is white space or one symbol; split on white space all the same.
      for (const match of part.segment.matchAll(/\S+/gu)) {
        tokens.push(token(index, match[0], at + match.index));
      }
    }
  }
  markSentenceEnds(tokens, index, language);
  return tokens;
}

function token(index: CodePointIndex, text: string, utf16Start: number): Token {
  return {
    text,
    start: index.toCodePoint(utf16Start),
    end: index.toCodePoint(utf16Start + text.length),
    sentenceEnd: false,
  };
}

function markSentenceEnds(tokens: Token[], index: CodePointIndex, language: string): void {
  if (tokens.length === 0) return;
  const boundaries: number[] = [];
  const sentences = segmenter(language, 'sentence');
  for (const [from, to] of pieces(index.text)) {
    // A line break always ends a sentence; a long line cut in pieces does not by the cut.
    if (from > 0 && index.text[from - 1] === '\n') boundaries.push(index.toCodePoint(from));
    for (const part of sentences.segment(index.text.slice(from, to))) {
      if (part.index > 0) boundaries.push(index.toCodePoint(from + part.index));
    }
  }
  boundaries.sort((a, b) => a - b);
  let b = 0;
  for (let i = 0; i < tokens.length - 1; i++) {
    const gapEnd = tokens[i + 1]!.start;
    while (b < boundaries.length && boundaries[b]! < tokens[i]!.end) b++;
    if (b < boundaries.length && boundaries[b]! <= gapEnd) tokens[i]!.sentenceEnd = true;
  }
  tokens[tokens.length - 1]!.sentenceEnd = true;
}

/** The first token that ends after `offset` (binary search; tokens are in text order). */
export function firstTokenEndingAfter(tokens: readonly Token[], offset: number): number {
  let lo = 0;
  let hi = tokens.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (tokens[mid]!.end <= offset) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
