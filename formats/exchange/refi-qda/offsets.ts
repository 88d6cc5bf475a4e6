/**
 * How a REFI-QDA file counted its positions. The standard says "characters", and vendors differ:
 * some count a Windows line break (CRLF) as one character, some as two, and some count UTF-16
 * code units, so an emoji is two. Gloss stores the text with LF line breaks and counts code
 * points; this module finds which counting a file used — the one that makes its selections land
 * on word boundaries and match their quoted names — and converts every position.
 */
import { CodePointIndex } from '../../../core/offsets';

export interface Counting {
  /** How many characters a CRLF counts for. */
  crlf: 1 | 2;
  unit: 'codepoint' | 'utf16';
}

export interface RawSelection {
  start: number;
  end: number;
  /** The selection's name, which many tools (Gloss among them) fill with the selected text. */
  name: string;
}

export interface CountingChoice {
  counting: Counting;
  /** Converts a position of the file to a code point of the LF text. */
  convert(position: number): number;
  /** Whether the choice was made between real alternatives (the text has CRLF or emoji). */
  ambiguous: boolean;
  /** How many selections fit the chosen counting, of how many. */
  fitting: number;
  total: number;
}

/**
 * `raw` is the source text as the file has it (BOM removed), `text` the same with line breaks
 * made LF (core/text.ts normaliseText).
 */
export function chooseCounting(
  raw: string,
  text: string,
  selections: readonly RawSelection[],
): CountingChoice {
  const hasCrlf = raw.includes('\r\n');
  const hasAstral = /[\uD800-\uDBFF][\uDC00-\uDFFF]/.test(raw);
  const candidates: Counting[] = [{ crlf: 1, unit: 'codepoint' }];
  if (hasCrlf) candidates.push({ crlf: 2, unit: 'codepoint' });
  if (hasAstral) candidates.push({ crlf: 1, unit: 'utf16' });
  if (hasCrlf && hasAstral) candidates.push({ crlf: 2, unit: 'utf16' });
  const index = new CodePointIndex(text);
  const rawIndex = hasCrlf ? new CodePointIndex(raw) : index;
  // UTF-16 positions of each CR that a CRLF loses, ascending.
  const lostCr: number[] = [];
  if (hasCrlf) for (const match of raw.matchAll(/\r\n/g)) lostCr.push(match.index);

  const converterFor = (counting: Counting) => (position: number) => {
    if (counting.crlf === 1) {
      return counting.unit === 'codepoint' ? position : index.toCodePoint(position);
    }
    const utf16 = counting.unit === 'codepoint' ? rawIndex.toUtf16(position) : position;
    return index.toCodePoint(utf16 - countBefore(lostCr, utf16));
  };

  let best: CountingChoice | undefined;
  for (const counting of candidates) {
    const convert = converterFor(counting);
    let fitting = 0;
    for (const selection of selections) {
      if (fits(index, convert(selection.start), convert(selection.end), selection.name)) fitting++;
    }
    if (!best || fitting > best.fitting) {
      best = {
        counting,
        convert,
        ambiguous: candidates.length > 1,
        fitting,
        total: selections.length,
      };
    }
  }
  return best!;
}

/** How many of the ascending `positions` are below `limit`. */
function countBefore(positions: readonly number[], limit: number): number {
  let lo = 0;
  let hi = positions.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (positions[mid]! < limit) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

const WORD = /[\p{L}\p{N}]/u;

/**
 * Whether a converted selection looks right: its text starts with its name when it has one,
 * else both of its ends fall on word boundaries (a selection rarely cuts a word in two).
 */
function fits(index: CodePointIndex, start: number, end: number, name: string): boolean {
  if (start < 0 || end <= start || end > index.codePointLength) return false;
  const quote = index.slice(start, end);
  const label = name.trim();
  if (label !== '' && label.length >= 3) {
    return quote.trim().startsWith(label) || label.startsWith(quote.trim());
  }
  const before = index.slice(start - 1, start);
  const first = index.slice(start, start + 1);
  const last = index.slice(end - 1, end);
  const after = index.slice(end, end + 1);
  const startsClean = start === 0 || !WORD.test(before) || !WORD.test(first);
  const endsClean = end === index.codePointLength || !WORD.test(after) || !WORD.test(last);
  return startsClean && endsClean;
}

/** The counting in words, for the import report. */
export function describeCounting(choice: CountingChoice): string {
  const crlf = choice.counting.crlf === 1 ? 'one character' : 'two characters';
  const unit = choice.counting.unit === 'codepoint' ? 'Unicode characters' : 'UTF-16 code units';
  return `positions count ${unit}, a CRLF line break as ${crlf} (${choice.fitting} of ${choice.total} selections fit)`;
}
