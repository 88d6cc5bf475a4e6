import type { CodePointIndex } from './offsets';

/** Characters of context kept on each side of a quote (W3C TextQuoteSelector prefix/suffix). */
export const QUOTE_CONTEXT = 32;

export interface TextQuote {
  exact: string;
  prefix: string;
  suffix: string;
}

/** The quote of a span, with enough context on both sides to re-anchor it if the text changes. */
export function quoteOf(index: CodePointIndex, start: number, end: number): TextQuote {
  return {
    exact: index.slice(start, end),
    prefix: index.slice(Math.max(0, start - QUOTE_CONTEXT), start),
    suffix: index.slice(end, Math.min(index.codePointLength, end + QUOTE_CONTEXT)),
  };
}
