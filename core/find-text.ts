/**
 * Finding a phrase in a document as a reader would: ignoring case and accents ("kyiv" finds
 * "Kyïv", "KYIV"), treating any run of white space as one space, and only as whole words ("Ali"
 * is not found inside "Aliyev"). Results are code-point offsets into the original text, so an
 * emoji or a combining accent before the match never shifts it.
 *
 * The text is folded once, code point by code point, keeping for each folded UTF-16 unit the
 * code point it came from; a folded text can then be searched for many phrases.
 */
import { CodePointIndex } from './offsets';

/** A span of the original text, in code points, end-exclusive. */
export interface TextSpan {
  start: number;
  end: number;
}

const foldedChars = new Map<string, string>();

/** One code point folded: compatibility-decomposed, marks dropped, lower-cased; spaces → " ". */
function foldChar(ch: string): string {
  const code = ch.charCodeAt(0);
  if (code < 0x80) {
    if (code >= 65 && code <= 90) return String.fromCharCode(code + 32);
    return code === 9 || code === 10 || code === 13 || code === 12 || code === 11 ? ' ' : ch;
  }
  let folded = foldedChars.get(ch);
  if (folded === undefined) {
    folded = /^\s$/u.test(ch)
      ? ' '
      : ch
          .normalize('NFKD')
          .replace(/\p{M}+/gu, '')
          .toLowerCase()
          // Greek final sigma is the same letter as σ.
          .replace(/ς/g, 'σ');
    if (foldedChars.size < 10_000) foldedChars.set(ch, folded);
  }
  return folded;
}

/** A phrase folded the way texts are: what `FoldedText.find` takes. */
export function foldPhrase(phrase: string): string {
  let out = '';
  for (const ch of phrase) {
    const folded = foldChar(ch);
    if (folded === ' ' && (out === '' || out.endsWith(' '))) continue;
    out += folded;
  }
  return out.trimEnd();
}

/** Scripts written without spaces between words: no word boundary is required around them. */
const UNSPACED_SCRIPT =
  /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Thai}\p{Script=Lao}\p{Script=Khmer}\p{Script=Myanmar}]/u;

const WORD_CHAR = /[\p{L}\p{N}\p{M}]/u;
const MARK = /\p{M}/u;

/** A text folded for searching, with the way back to the original's code points. */
export class FoldedText {
  readonly index: CodePointIndex;
  /** The folded text. */
  readonly folded: string;
  /** For each UTF-16 unit of `folded`, the code point of the original it came from. */
  private readonly origin: Int32Array;

  constructor(text: string) {
    this.index = new CodePointIndex(text);
    const parts: string[] = [];
    let origin = new Int32Array(Math.max(16, text.length));
    let length = 0;
    let codePoint = 0;
    let lastWasSpace = false;
    for (const ch of text) {
      const folded = foldChar(ch);
      const space = folded === ' ';
      // A run of white space is one space, as in the folded phrase.
      if (folded !== '' && !(space && lastWasSpace)) {
        if (length + folded.length > origin.length) {
          const grown = new Int32Array(origin.length * 2 + folded.length);
          grown.set(origin);
          origin = grown;
        }
        for (let i = 0; i < folded.length; i++) origin[length++] = codePoint;
        parts.push(folded);
        lastWasSpace = space;
      }
      codePoint++;
    }
    this.folded = parts.join('');
    this.origin = origin.subarray(0, length);
  }

  /** Size in memory, roughly, in UTF-16 units: for caches. */
  get weight(): number {
    return this.index.utf16Length + this.folded.length * 3;
  }

  /**
   * Where the folded phrase occurs as whole words, in text order, at most `limit` of them.
   * Overlapping occurrences ("aa" in "aaa") are not both returned: the search goes on after each.
   */
  find(foldedPhrase: string, limit = Infinity): TextSpan[] {
    const spans: TextSpan[] = [];
    if (!foldedPhrase) return spans;
    const first = String.fromCodePoint(foldedPhrase.codePointAt(0)!);
    const last = Array.from(foldedPhrase.slice(-2)).pop()!;
    const checkBefore = !UNSPACED_SCRIPT.test(first) && WORD_CHAR.test(first);
    const checkAfter = !UNSPACED_SCRIPT.test(last) && WORD_CHAR.test(last);
    let from = 0;
    while (spans.length < limit) {
      const at = this.folded.indexOf(foldedPhrase, from);
      if (at < 0) break;
      const span = this.spanOf(at, at + foldedPhrase.length);
      if (
        span &&
        !(checkBefore && this.isWordChar(span.start - 1)) &&
        !(checkAfter && this.isWordChar(span.end))
      ) {
        spans.push(span);
        from = at + foldedPhrase.length;
      } else {
        from = at + 1;
      }
    }
    return spans;
  }

  /**
   * The original span of folded units [from, to), or null when either end falls inside one
   * original character (a ligature "ﬁ" folds to two letters: "f" alone is not in the text).
   */
  private spanOf(from: number, to: number): TextSpan | null {
    const origin = this.origin;
    if (from > 0 && origin[from - 1] === origin[from]) return null;
    if (to < origin.length && origin[to] === origin[to - 1]) return null;
    const start = origin[from]!;
    let end = origin[to - 1]! + 1;
    // Combining marks after the last letter belong to it ("e" + U+0301).
    while (end < this.index.codePointLength && MARK.test(this.index.slice(end, end + 1))) end++;
    return { start, end };
  }

  private isWordChar(codePoint: number): boolean {
    if (codePoint < 0 || codePoint >= this.index.codePointLength) return false;
    return WORD_CHAR.test(this.index.slice(codePoint, codePoint + 1));
  }
}
