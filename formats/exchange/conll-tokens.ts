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

/** The tokens of a text, with sentence ends marked. */
export function tokenise(index: CodePointIndex, language = ''): Token[] {
  const text = index.text;
  const tokens: Token[] = [];
  for (const part of segmenter(language, 'word').segment(text)) {
    if (part.isWordLike) {
      tokens.push(token(index, part.segment, part.index));
      continue;
    }
    // A non-word segment is white space or one symbol; split on white space all the same.
    for (const match of part.segment.matchAll(/\S+/gu)) {
      tokens.push(token(index, match[0], part.index + match.index));
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
  for (const part of segmenter(language, 'sentence').segment(index.text)) {
    if (part.index > 0) boundaries.push(index.toCodePoint(part.index));
  }
  for (const match of index.text.matchAll(/\n/g)) boundaries.push(index.toCodePoint(match.index));
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
