import { blocksFromPlainText } from '../../core/blocks';
import type { Block } from '../../core/domain';
import { CodePointIndex } from '../../core/offsets';

/** A span of the document text in code points, end-exclusive: what the API stores. */
export interface Span {
  start: number;
  end: number;
}

/** A range of ProseMirror positions in the article document. */
export interface PmRange {
  from: number;
  to: number;
}

/**
 * Which way an offset that falls outside every block (in the newlines between two blocks, say)
 * should move: a span's start moves forward to the next shown character, its end backward to
 * the previous one, so the visible part of a span never grows.
 */
export type Side = 'start' | 'end';

/**
 * Blocks per `section` node of the article document. Sections exist only for speed: ProseMirror
 * matches decorations to a node's children with a linear scan, so a flat document of thousands
 * of paragraphs costs O(paragraphs²) per redraw; grouped in sections, a redraw costs little more
 * than the one section whose highlights changed.
 */
export const BLOCKS_PER_SECTION = 64;

/**
 * The one place where the renderer converts between the API's code-point offsets and
 * ProseMirror positions.
 *
 * The article document is a list of sections of up to BLOCKS_PER_SECTION textblocks, one per
 * `Block`, whose inline content is exactly the block's text (a newline becomes a hard_break,
 * which is also one position wide). So inside block i, position `contentStart[i] + k` is UTF-16
 * unit `utf16Start[i] + k` of the text, and the only conversion left is UTF-16 ⇄ code points,
 * which `CodePointIndex` does in O(log n). Finding the block is a binary search, so every lookup
 * is O(log blocks + log astral) whatever the length of the document.
 */
export class PositionMap {
  readonly index: CodePointIndex;
  /** The blocks the document is built from: sorted, clipped to the text, never overlapping. */
  readonly blocks: readonly Block[];
  /** Size of the whole ProseMirror document's content. */
  readonly contentSize: number;
  private readonly utf16Start: Float64Array;
  private readonly utf16End: Float64Array;
  private readonly contentStart: Float64Array;

  constructor(text: string, blocks: readonly Block[]) {
    this.index = new CodePointIndex(text);
    this.blocks = normaliseBlocks(blocks, text, this.index.codePointLength);
    const n = this.blocks.length;
    this.utf16Start = new Float64Array(n);
    this.utf16End = new Float64Array(n);
    this.contentStart = new Float64Array(n);
    let pos = 0;
    for (let i = 0; i < n; i++) {
      const block = this.blocks[i]!;
      const start = this.index.toUtf16(block.start);
      const end = this.index.toUtf16(block.end);
      this.utf16Start[i] = start;
      this.utf16End[i] = end;
      // A new section: close the previous one (if any) and open this one, one token each.
      if (i % BLOCKS_PER_SECTION === 0) pos += i === 0 ? 1 : 2;
      // +1 for the block's opening token; the closing token adds the second of the "+2".
      this.contentStart[i] = pos + 1;
      pos += end - start + 2;
    }
    this.contentSize = n === 0 ? 0 : pos + 1;
  }

  /** The UTF-16 range of the text that block i shows. */
  blockUtf16(i: number): { start: number; end: number } {
    return { start: this.utf16Start[i]!, end: this.utf16End[i]! };
  }

  /** The ProseMirror position of a code-point offset (see `Side` for offsets between blocks). */
  toPos(codePoint: number, side: Side): number {
    const n = this.blocks.length;
    if (n === 0) return EMPTY_DOC_POS;
    const u = this.index.toUtf16(codePoint);
    if (side === 'start') {
      // The first block that ends after u: u is inside it, or in the gap just before it.
      const i = firstIndex(n, (k) => this.utf16End[k]! > u);
      if (i === n) return this.contentEnd(n - 1);
      return this.contentStart[i]! + Math.max(0, u - this.utf16Start[i]!);
    }
    // The last block that starts before u: u is inside it (or at its end), or in the gap after.
    const i = firstIndex(n, (k) => this.utf16Start[k]! >= u) - 1;
    if (i < 0) return this.contentStart[0]!;
    return this.contentStart[i]! + Math.min(u, this.utf16End[i]!) - this.utf16Start[i]!;
  }

  /**
   * The code-point offset of a ProseMirror position. A position between two blocks maps to the
   * next block's start (side 'start') or the previous block's end (side 'end'); a position
   * between the halves of a surrogate pair rounds outward, so a span never splits a character.
   */
  fromPos(pos: number, side: Side): number {
    const n = this.blocks.length;
    if (n === 0) return 0;
    const i = firstIndex(n, (k) => this.contentStart[k]! > pos) - 1;
    let u: number;
    if (i < 0) u = this.utf16Start[0]!;
    else if (pos <= this.contentEnd(i)) u = this.utf16Start[i]! + pos - this.contentStart[i]!;
    else if (side === 'start' && i + 1 < n) u = this.utf16Start[i + 1]!;
    else u = this.utf16End[i]!;
    const codePoint = this.index.toCodePoint(u);
    return side === 'end' && this.index.toUtf16(codePoint) < u ? codePoint + 1 : codePoint;
  }

  /** The ProseMirror range that shows a span, or null when none of it is shown. */
  spanToRange(span: Span): PmRange | null {
    const from = this.toPos(span.start, 'start');
    const to = this.toPos(span.end, 'end');
    return from < to ? { from, to } : null;
  }

  /** The span of a ProseMirror range (e.g. a selection, possibly across blocks). */
  rangeToSpan(range: PmRange): Span {
    const from = Math.min(range.from, range.to);
    const to = Math.max(range.from, range.to);
    return { start: this.fromPos(from, 'start'), end: this.fromPos(to, 'end') };
  }

  /**
   * The span of a selection with surrounding whitespace trimmed (an analyst who double-clicks a
   * word, or drags to the end of a line, should not tag the space or newline after it), or null
   * when the selection holds nothing but whitespace.
   */
  trimmedSpan(range: PmRange): Span | null {
    const span = this.rangeToSpan(range);
    const text = this.index.text;
    let start = this.index.toUtf16(span.start);
    let end = this.index.toUtf16(span.end);
    while (start < end && isSpace(text.charCodeAt(start))) start++;
    while (end > start && isSpace(text.charCodeAt(end - 1))) end--;
    if (start >= end) return null;
    return { start: this.index.toCodePoint(start), end: this.index.toCodePoint(end) };
  }

  private contentEnd(i: number): number {
    return this.contentStart[i]! + this.utf16End[i]! - this.utf16Start[i]!;
  }
}

/** Inside the empty paragraph of an empty article (doc > section > paragraph). */
const EMPTY_DOC_POS = 2;

/** Smallest k in [0, n) for which `test(k)` holds, given test is monotone; n when none does. */
function firstIndex(n: number, test: (k: number) => boolean): number {
  let lo = 0;
  let hi = n;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (test(mid)) hi = mid;
    else lo = mid + 1;
  }
  return lo;
}

const SPACE = /\s/;
function isSpace(unit: number): boolean {
  return SPACE.test(String.fromCharCode(unit));
}

/**
 * Blocks as the position map needs them. The service promises ordered, disjoint blocks; this
 * only guards against a broken import (so a bad block shows wrong formatting rather than wrong
 * offsets) and falls back to paragraphs when a non-empty text came without any block.
 */
function normaliseBlocks(blocks: readonly Block[], text: string, length: number): Block[] {
  const source = blocks.length === 0 && text.trim() !== '' ? blocksFromPlainText(text) : blocks;
  const sorted = [...source].sort((a, b) => a.start - b.start || a.end - b.end);
  const result: Block[] = [];
  let previousEnd = 0;
  for (const block of sorted) {
    const start = Math.max(block.start, previousEnd);
    const end = Math.min(block.end, length);
    if (end <= start) continue;
    result.push(start === block.start && end === block.end ? block : { ...block, start, end });
    previousEnd = end;
  }
  return result;
}
