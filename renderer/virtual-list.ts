/**
 * Windowing arithmetic for long lists of variable-height rows (the annotation panel): prefix
 * sums of row heights, the rows that meet the viewport (plus overscan), the spacers that stand
 * in for the rows not rendered, and where to scroll to bring a row into view. Pure, so that it
 * can be tested without a browser.
 */

/** Offsets of each row's top edge: `offsets[i]` is the sum of the heights of rows 0..i-1 and
 * `offsets[n]` the height of the whole list. */
export function prefixSums(heights: ArrayLike<number>): Float64Array {
  const offsets = new Float64Array(heights.length + 1);
  for (let i = 0; i < heights.length; i++) offsets[i + 1] = offsets[i]! + heights[i]!;
  return offsets;
}

/** The row that covers `y` (the last row whose top is at or above it), clamped to the list. */
export function indexAt(offsets: Float64Array, y: number): number {
  const n = offsets.length - 1;
  if (n <= 0) return 0;
  let lo = 0;
  let hi = n - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (offsets[mid]! <= y) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}

/** A half-open range of rows, `start <= i < end`. */
export interface RowRange {
  start: number;
  end: number;
}

/** The rows that meet `[scrollTop - overscan, scrollTop + viewportHeight + overscan]`. */
export function visibleRange(
  offsets: Float64Array,
  scrollTop: number,
  viewportHeight: number,
  overscan: number,
): RowRange {
  const n = offsets.length - 1;
  if (n <= 0) return { start: 0, end: 0 };
  const top = Math.max(0, scrollTop - overscan);
  const bottom = Math.max(top, scrollTop + Math.max(0, viewportHeight) + overscan);
  const start = indexAt(offsets, top);
  let end = indexAt(offsets, bottom) + 1;
  // A row that starts exactly at the bottom edge is not visible.
  if (end - 1 > start && offsets[end - 1]! >= bottom) end--;
  return { start, end: Math.min(n, end) };
}

/** What to render, top to bottom: rows, and gaps standing in for runs of rows not rendered. */
export type Slot = { type: 'row'; index: number } | { type: 'gap'; from: number; height: number };

/**
 * The rows of `range` plus any `pinned` rows outside it (the active or focused row, which must
 * not be unmounted under the user), with a gap of the right height between each run of rows.
 */
export function slots(offsets: Float64Array, range: RowRange, pinned: readonly number[]): Slot[] {
  const n = offsets.length - 1;
  const rows = new Set<number>();
  for (let i = Math.max(0, range.start); i < Math.min(n, range.end); i++) rows.add(i);
  for (const p of pinned) if (p >= 0 && p < n) rows.add(p);
  const sorted = [...rows].sort((a, b) => a - b);
  const out: Slot[] = [];
  let next = 0;
  for (const index of sorted) {
    if (index > next)
      out.push({ type: 'gap', from: next, height: offsets[index]! - offsets[next]! });
    out.push({ type: 'row', index });
    next = index + 1;
  }
  if (next < n) out.push({ type: 'gap', from: next, height: offsets[n]! - offsets[next]! });
  return out;
}

/**
 * The scroll position that brings row `index` into view with the least movement (like
 * `scrollIntoView({ block: 'nearest' })`), or `scrollTop` itself when it is in view already.
 */
export function revealScrollTop(
  offsets: Float64Array,
  index: number,
  scrollTop: number,
  viewportHeight: number,
): number {
  const n = offsets.length - 1;
  if (index < 0 || index >= n) return scrollTop;
  const top = offsets[index]!;
  const bottom = offsets[index + 1]!;
  if (top < scrollTop || bottom - top > viewportHeight) return top;
  if (bottom > scrollTop + viewportHeight) return bottom - viewportHeight;
  return scrollTop;
}
