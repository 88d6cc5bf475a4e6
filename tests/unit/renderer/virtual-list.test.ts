import { describe, expect, it } from 'vitest';
import {
  indexAt,
  prefixSums,
  revealScrollTop,
  slots,
  visibleRange,
} from '../../../renderer/virtual-list';

describe('prefixSums', () => {
  it('gives each row its top edge and the total last', () => {
    expect([...prefixSums([10, 20, 30])]).toEqual([0, 10, 30, 60]);
    expect([...prefixSums([])]).toEqual([0]);
  });
});

describe('indexAt', () => {
  const offsets = prefixSums([10, 20, 30]);
  it('finds the row covering a position, edges belonging to the row below', () => {
    expect(indexAt(offsets, 0)).toBe(0);
    expect(indexAt(offsets, 9.5)).toBe(0);
    expect(indexAt(offsets, 10)).toBe(1);
    expect(indexAt(offsets, 29)).toBe(1);
    expect(indexAt(offsets, 30)).toBe(2);
  });
  it('clamps to the list', () => {
    expect(indexAt(offsets, -50)).toBe(0);
    expect(indexAt(offsets, 1000)).toBe(2);
    expect(indexAt(prefixSums([]), 10)).toBe(0);
  });
});

describe('visibleRange', () => {
  // 5,000 rows of 80 px, but every tenth is an active-sized 200 px.
  const heights = Array.from({ length: 5000 }, (_, i) => (i % 10 === 0 ? 200 : 80));
  const offsets = prefixSums(heights);

  it('covers the viewport without overscan', () => {
    const range = visibleRange(offsets, 0, 400, 0);
    expect(range.start).toBe(0);
    // Rows 0 (0-200), 1 (200-280), 2 (280-360), 3 (360-440): row 4 starts at 440.
    expect(range.end).toBe(4);
  });

  it('does not count a row that starts exactly at the bottom edge', () => {
    expect(visibleRange(offsets, 0, 360, 0)).toEqual({ start: 0, end: 3 });
  });

  it('adds the overscan on both sides and stays inside the list', () => {
    const top = offsets[2500]!;
    const range = visibleRange(offsets, top, 500, 300);
    expect(offsets[range.start]!).toBeLessThanOrEqual(top - 300);
    expect(offsets[range.start + 1]!).toBeGreaterThan(top - 300);
    expect(offsets[range.end]!).toBeGreaterThanOrEqual(top + 800);
    expect(offsets[range.end - 1]!).toBeLessThan(top + 800);
    expect(range.end - range.start).toBeLessThan(20);

    const end = visibleRange(offsets, offsets[5000]! - 500, 500, 300);
    expect(end.end).toBe(5000);
    expect(visibleRange(offsets, -20, 500, 300).start).toBe(0);
  });

  it('renders nothing for an empty list', () => {
    expect(visibleRange(prefixSums([]), 0, 500, 100)).toEqual({ start: 0, end: 0 });
  });
});

describe('slots', () => {
  const offsets = prefixSums(Array.from({ length: 100 }, () => 10));

  it('puts gaps of the right height around the rendered rows', () => {
    expect(slots(offsets, { start: 40, end: 43 }, [])).toEqual([
      { type: 'gap', from: 0, height: 400 },
      { type: 'row', index: 40 },
      { type: 'row', index: 41 },
      { type: 'row', index: 42 },
      { type: 'gap', from: 43, height: 570 },
    ]);
  });

  it('keeps pinned rows rendered in their place, in order, without duplicates', () => {
    const out = slots(offsets, { start: 40, end: 42 }, [5, 41, 99, 5]);
    expect(out).toEqual([
      { type: 'gap', from: 0, height: 50 },
      { type: 'row', index: 5 },
      { type: 'gap', from: 6, height: 340 },
      { type: 'row', index: 40 },
      { type: 'row', index: 41 },
      { type: 'gap', from: 42, height: 570 },
      { type: 'row', index: 99 },
    ]);
    // Gaps and rows together always add up to the whole list.
    const total = out.reduce((sum, s) => sum + (s.type === 'gap' ? s.height : 10), 0);
    expect(total).toBe(offsets[100]);
  });

  it('ignores pinned rows outside the list and needs no gap at the ends', () => {
    expect(slots(prefixSums([10, 10]), { start: 0, end: 2 }, [-1, 7])).toEqual([
      { type: 'row', index: 0 },
      { type: 'row', index: 1 },
    ]);
  });
});

describe('revealScrollTop', () => {
  const offsets = prefixSums(Array.from({ length: 100 }, (_, i) => (i === 50 ? 300 : 20)));

  it('leaves the scroll position alone when the row is in view', () => {
    expect(revealScrollTop(offsets, 10, 100, 200)).toBe(100);
  });
  it('scrolls up to a row above the viewport, aligning its top', () => {
    expect(revealScrollTop(offsets, 2, 100, 200)).toBe(40);
  });
  it('scrolls down to a row below the viewport, aligning its bottom', () => {
    // Row 20 spans 400-420; a viewport of 200 must end at 420.
    expect(revealScrollTop(offsets, 20, 0, 200)).toBe(220);
  });
  it('aligns the top of a row taller than the viewport', () => {
    expect(revealScrollTop(offsets, 50, 0, 200)).toBe(1000);
  });
  it('ignores rows outside the list', () => {
    expect(revealScrollTop(offsets, 100, 30, 200)).toBe(30);
    expect(revealScrollTop(offsets, -1, 30, 200)).toBe(30);
  });
});
