/**
 * Re-anchoring: where does an annotation made on one version of a text belong in another?
 *
 * An annotation keeps both a position and a quote (W3C TextPositionSelector and
 * TextQuoteSelector). When the text changes — a re-import with another encoding or extraction
 * mode — the position is tried first, then the quote with its context. DESIGN.md §3: when the
 * quote cannot be found unambiguously the annotation is **orphaned**, never attached to
 * look-alike text, because a silently wrong highlight is worse than one the analyst is shown
 * and re-does.
 */
import { CodePointIndex } from '../core/offsets';

/** What is known of an annotation on the old text: offsets in code points, and its quote. */
export interface AnchorQuote {
  start: number;
  end: number;
  exact: string;
  prefix: string;
  suffix: string;
}

export type OrphanReason =
  /** The quoted text is not in the new text at all. */
  | 'not_found'
  /** It is there more than once and the context does not tell which. */
  | 'ambiguous'
  /** It is there once, but it is so short and its context so changed that it may be chance. */
  | 'weak';

export type Anchoring =
  /** Same place, same quote. */
  | { status: 'kept'; start: number; end: number }
  /** Found elsewhere, unambiguously. */
  | { status: 'moved'; start: number; end: number }
  | { status: 'orphaned'; reason: OrphanReason };

/**
 * A quote found once, with no context agreeing, is only trusted from this many code points on: a
 * lone "Kyiv" that moved may be another Kyiv; a sentence that moved is the sentence.
 */
export const MIN_UNSUPPORTED_QUOTE = 8;

/**
 * Characters of context that must agree for the context to count as evidence at all, and the lead
 * the better of two places of one quote needs over the other (unless its context agrees
 * entirely), so a one-letter accident does not decide.
 */
export const MIN_CONTEXT = 4;

/** Places of one quote that are compared at most; beyond that the quote is too common to tell. */
export const MAX_CANDIDATES = 10_000;

/**
 * Re-anchors each annotation in `text` (the new version), in order. Pure: it reads nothing but
 * its arguments. Occurrences are searched once per distinct quote, so many annotations of the
 * same words cost one scan.
 */
export function reanchor(quotes: readonly AnchorQuote[], text: string): Anchoring[] {
  const index = new CodePointIndex(text);
  const occurrences = new Map<string, number[] | 'too_many'>();
  return quotes.map((quote) => {
    let found = occurrences.get(quote.exact);
    if (found === undefined) {
      found = findAll(text, quote.exact);
      occurrences.set(quote.exact, found);
    }
    return anchorOne(quote, index, found);
  });
}

function anchorOne(
  quote: AnchorQuote,
  index: CodePointIndex,
  found: number[] | 'too_many',
): Anchoring {
  if (quote.exact === '') return { status: 'orphaned', reason: 'not_found' };
  const length = index.codePointLength;
  if (quote.end <= length && index.slice(quote.start, quote.end) === quote.exact) {
    return { status: 'kept', start: quote.start, end: quote.end };
  }
  if (found === 'too_many') return { status: 'orphaned', reason: 'ambiguous' };
  if (found.length === 0) return { status: 'orphaned', reason: 'not_found' };

  const text = index.text;
  const exactUnits = quote.exact.length;
  const scored = found.map((at) => ({
    at,
    score: contextScore(text, at, at + exactUnits, quote.prefix, quote.suffix),
  }));
  scored.sort((a, b) => b.score - a.score);
  const best = scored[0]!;
  const full = quote.prefix.length + quote.suffix.length;
  // Agreement of a space or a full stop is chance; a few characters of context is evidence.
  const supported = best.score >= Math.min(MIN_CONTEXT, full);
  if (scored.length === 1) {
    const long = Array.from(quote.exact).length >= MIN_UNSUPPORTED_QUOTE;
    if (!long && !supported) return { status: 'orphaned', reason: 'weak' };
  } else {
    const second = scored[1]!;
    const decisive =
      supported &&
      best.score > second.score &&
      (best.score === full || best.score - second.score >= MIN_CONTEXT);
    if (!decisive) return { status: 'orphaned', reason: 'ambiguous' };
  }
  return {
    status: 'moved',
    start: index.toCodePoint(best.at),
    end: index.toCodePoint(best.at + exactUnits),
  };
}

/** UTF-16 offsets of every occurrence of `needle` (overlapping ones too), or 'too_many'. */
function findAll(text: string, needle: string): number[] | 'too_many' {
  const found: number[] = [];
  if (needle === '') return found;
  for (let at = text.indexOf(needle); at >= 0; at = text.indexOf(needle, at + 1)) {
    if (found.length === MAX_CANDIDATES) return 'too_many';
    found.push(at);
  }
  return found;
}

/**
 * How many characters of the old context agree around a place in the new text: the old prefix
 * read backwards from the start, plus the old suffix read forwards from the end.
 */
function contextScore(
  text: string,
  start: number,
  end: number,
  prefix: string,
  suffix: string,
): number {
  let before = 0;
  while (
    before < prefix.length &&
    start - 1 - before >= 0 &&
    text.charCodeAt(start - 1 - before) === prefix.charCodeAt(prefix.length - 1 - before)
  ) {
    before++;
  }
  let after = 0;
  while (
    after < suffix.length &&
    end + after < text.length &&
    text.charCodeAt(end + after) === suffix.charCodeAt(after)
  ) {
    after++;
  }
  return before + after;
}
