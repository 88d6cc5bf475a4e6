import { describe, expect, it } from 'vitest';
import { blocksFromPlainText } from '../../../core/blocks';
import type { Block } from '../../../core/domain';
import { CodePointIndex } from '../../../core/offsets';
import { buildArticleDoc } from '../../../renderer/editor/build-doc';
import { BLOCKS_PER_SECTION, PositionMap } from '../../../renderer/editor/positions';
import type { Node as PmNode } from 'prosemirror-model';

/** Text of every script the design notes name, with gaps of one and two newlines. */
const TEXT = [
  'Kyiv 👩🏽‍🔬 said “yes” 🇺🇦.',
  'Президент Зеленський заявив.',
  '',
  '東京で会議が開かれた 𠮷野家。',
  'Café, cafe\u0301 and naïve e\u0308.',
].join('\n');

/** The article's textblocks in order, whatever sections group them. */
function textblocks(doc: PmNode): PmNode[] {
  const found: PmNode[] = [];
  doc.descendants((node) => {
    if (node.isTextblock) found.push(node);
    return !node.isTextblock;
  });
  return found;
}

function setup(text = TEXT, blocks: Block[] = blocksFromPlainText(text)) {
  const map = new PositionMap(text, blocks);
  const doc = buildArticleDoc(map);
  return { map, doc, index: new CodePointIndex(text) };
}

describe('PositionMap', () => {
  it('lays blocks out as ProseMirror does', () => {
    const { map, doc } = setup();
    expect(textblocks(doc).length).toBe(map.blocks.length);
    expect(doc.content.size).toBe(map.contentSize);
    map.blocks.forEach((block, i) => {
      const { start, end } = map.blockUtf16(i);
      expect(textblocks(doc)[i]!.textContent).toBe(map.index.text.slice(start, end));
    });
  });

  it('agrees with ProseMirror about where every block starts, across sections', () => {
    const lines = Array.from({ length: BLOCKS_PER_SECTION * 2 + 5 }, (_, i) => `Абзац ${i} 🙂`);
    const text = lines.join('\n\n');
    const { map, doc } = setup(text);
    expect(doc.childCount).toBe(3);
    expect(doc.content.size).toBe(map.contentSize);
    map.blocks.forEach((block, i) => {
      const $pos = doc.resolve(map.toPos(block.start, 'start'));
      expect($pos.parentOffset).toBe(0);
      expect($pos.parent.textContent).toBe(lines[i]);
      expect(doc.resolve(map.toPos(block.end, 'end')).parentOffset).toBe($pos.parent.content.size);
    });
    // A span across the boundary between two sections.
    const last = map.blocks[BLOCKS_PER_SECTION - 1]!;
    const next = map.blocks[BLOCKS_PER_SECTION]!;
    const range = map.spanToRange({ start: last.start, end: next.end })!;
    expect(doc.textBetween(range.from, range.to, '|')).toBe(
      `${lines[BLOCKS_PER_SECTION - 1]}|${lines[BLOCKS_PER_SECTION]}`,
    );
    expect(map.rangeToSpan(range)).toEqual({ start: last.start, end: next.end });
  });

  it('round-trips every code-point offset inside a block, emoji, CJK, Cyrillic and combining marks included', () => {
    const { map } = setup();
    for (const block of map.blocks) {
      for (let cp = block.start; cp <= block.end; cp++) {
        if (cp < block.end) expect(map.fromPos(map.toPos(cp, 'start'), 'start')).toBe(cp);
        if (cp > block.start) expect(map.fromPos(map.toPos(cp, 'end'), 'end')).toBe(cp);
      }
    }
  });

  it('maps a span to the range that shows exactly its text', () => {
    const { map, doc, index } = setup();
    const text = index.text;
    const find = (needle: string) => {
      const u = text.indexOf(needle);
      return { start: index.toCodePoint(u), end: index.toCodePoint(u + needle.length) };
    };
    for (const needle of ['👩🏽‍🔬', '🇺🇦', 'Зеленський', '𠮷野家', 'cafe\u0301', 'e\u0308']) {
      const range = map.spanToRange(find(needle))!;
      expect(doc.textBetween(range.from, range.to)).toBe(needle);
      expect(map.rangeToSpan(range)).toEqual(find(needle));
    }
  });

  it('keeps offsets in the gaps between blocks out of the drawn range', () => {
    const text = 'First line.\n\nSecond line.';
    const { map } = setup(text);
    // Offsets 11 and 12 are the two newlines between the blocks.
    expect(map.toPos(11, 'start')).toBe(map.toPos(13, 'start'));
    expect(map.toPos(12, 'end')).toBe(map.toPos(11, 'end'));
    expect(map.spanToRange({ start: 11, end: 13 })).toBeNull();
    // A span across the gap covers the end of one block and the start of the next.
    const range = map.spanToRange({ start: 6, end: 19 })!;
    expect(map.rangeToSpan(range)).toEqual({ start: 6, end: 19 });
  });

  it('turns a selection across blocks into one span of the stored text', () => {
    const { map, doc, index } = setup();
    const from = map.toPos(index.toCodePoint(TEXT.indexOf('said')), 'start');
    const to = map.toPos(index.toCodePoint(TEXT.indexOf('заявив') + 6), 'end');
    const span = map.rangeToSpan({ from, to });
    expect(index.slice(span.start, span.end)).toBe(
      TEXT.slice(TEXT.indexOf('said'), TEXT.indexOf('заявив') + 6),
    );
    expect(doc.textBetween(from, to, '\n')).toContain('Президент');
  });

  it('trims whitespace around a selection and refuses one of only whitespace', () => {
    const text = 'Alpha  beta\n\ngamma ';
    const { map } = setup(text);
    const whole = { from: map.toPos(5, 'start'), to: map.toPos(19, 'end') };
    expect(map.trimmedSpan(whole)).toEqual({ start: 7, end: 18 });
    expect(map.trimmedSpan({ from: map.toPos(5, 'start'), to: map.toPos(7, 'end') })).toBeNull();
  });

  it('rounds a position inside a surrogate pair outward', () => {
    const text = 'a😀b';
    const { map } = setup(text);
    // One past the emoji's start is between its two halves.
    const inside = map.toPos(1, 'start') + 1;
    expect(map.fromPos(inside, 'start')).toBe(1);
    expect(map.fromPos(inside, 'end')).toBe(2);
  });

  it('makes one readable doc of text that came without blocks, and an empty doc of nothing', () => {
    expect(textblocks(setup('One\nTwo', []).doc).length).toBe(2);
    const empty = setup('', []);
    expect(textblocks(empty.doc).length).toBe(1);
    expect(empty.map.spanToRange({ start: 0, end: 0 })).toBeNull();
  });

  it('shows newlines inside a block as hard breaks, one position each', () => {
    const text = 'line one\nline two\n\nnext';
    const { map, doc } = setup(text);
    const first = textblocks(doc)[0]!;
    expect(first.childCount).toBe(3);
    expect(first.child(1).type.name).toBe('hard_break');
    const range = map.spanToRange({ start: 5, end: 13 })!;
    expect(doc.textBetween(range.from, range.to)).toBe('one\nline');
  });

  it('is fast on a 1 MB document', () => {
    const paragraph = 'Ceyhun Mammadov 👩🏽‍🔬 said Київ 東京 e\u0301 that the battalion was formed. ';
    const line = paragraph.repeat(6);
    const text = Array.from({ length: Math.ceil(1_000_000 / line.length) }, () => line).join('\n');
    const t0 = performance.now();
    const { map, doc } = setup(text);
    const built = performance.now() - t0;
    const n = map.index.codePointLength;
    const t1 = performance.now();
    for (let i = 0; i < 20_000; i++) {
      const start = Math.floor((i * 7919) % n);
      map.fromPos(map.toPos(start, 'start'), 'start');
    }
    const lookups = performance.now() - t1;
    expect(doc.content.size).toBe(map.contentSize);
    expect(built).toBeLessThan(3000);
    expect(lookups).toBeLessThan(500);
  });
});
