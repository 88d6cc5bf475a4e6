/**
 * Offsets in Gloss are Unicode code points (the W3C Web Annotation and Python convention),
 * end-exclusive. JavaScript strings count UTF-16 code units, so every boundary between the two
 * goes through a CodePointIndex built once per text: conversions are O(log n) in the number of
 * astral characters (emoji, rare CJK), not O(n) in the length of the text.
 */
export class CodePointIndex {
  /** UTF-16 index of the high surrogate of every astral character, ascending. */
  private readonly astralUtf16: number[] = [];
  readonly utf16Length: number;
  readonly codePointLength: number;

  constructor(readonly text: string) {
    this.utf16Length = text.length;
    for (let i = 0; i < text.length; i++) {
      const unit = text.charCodeAt(i);
      if (unit >= 0xd800 && unit <= 0xdbff && i + 1 < text.length) {
        const next = text.charCodeAt(i + 1);
        if (next >= 0xdc00 && next <= 0xdfff) {
          this.astralUtf16.push(i);
          i++;
        }
      }
    }
    this.codePointLength = text.length - this.astralUtf16.length;
  }

  /** UTF-16 offset of a code-point offset. Offsets past the end clamp to the end. */
  toUtf16(codePoint: number): number {
    if (codePoint <= 0) return 0;
    if (codePoint >= this.codePointLength) return this.utf16Length;
    // Number of astral characters that start before the result: find the largest k such that
    // astralUtf16[k] - k < codePoint (the code-point index of the k-th astral char).
    let lo = 0;
    let hi = this.astralUtf16.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (this.astralUtf16[mid]! - mid < codePoint) lo = mid + 1;
      else hi = mid;
    }
    return codePoint + lo;
  }

  /**
   * Code-point offset of a UTF-16 offset. An offset that falls between the two halves of a
   * surrogate pair rounds down to the start of that character, so a selection never splits one.
   */
  toCodePoint(utf16: number): number {
    if (utf16 <= 0) return 0;
    if (utf16 >= this.utf16Length) return this.codePointLength;
    let lo = 0;
    let hi = this.astralUtf16.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (this.astralUtf16[mid]! < utf16) lo = mid + 1;
      else hi = mid;
    }
    // lo astral characters start before utf16. When utf16 points at the low half of the last
    // one, utf16 - lo is that character's own index: the offset rounds down, as documented.
    return utf16 - lo;
  }

  /** The substring between two code-point offsets. */
  slice(start: number, end: number): string {
    return this.text.slice(this.toUtf16(start), this.toUtf16(end));
  }
}

/** Length of a string in code points. */
export function codePointLength(text: string): number {
  return new CodePointIndex(text).codePointLength;
}
