import { describe, expect, it } from 'vitest';
import { CodePointIndex, codePointLength } from '../../../core/offsets';
import { QUOTE_CONTEXT, quoteOf } from '../../../core/quote';

/** Code-point slicing the way Python (and every export consumer) does it. */
const pythonSlice = (text: string, start: number, end: number) =>
  Array.from(text).slice(start, end).join('');

/** The code-point range of the first occurrence of `needle`, found via UTF-16 indexOf. */
function rangeOf(index: CodePointIndex, needle: string): [number, number] {
  const at = index.text.indexOf(needle);
  expect(at).toBeGreaterThanOrEqual(0);
  return [index.toCodePoint(at), index.toCodePoint(at + needle.length)];
}

const family = '👨‍👩‍👧'; // man ZWJ woman ZWJ girl: 5 code points, 8 UTF-16 units
const texts = {
  emoji: 'Claim 😀 made by 🇺🇦 sources: “ceasefire” 🔥 now.',
  zwj: `The ${family} family and 👩🏽‍💻 coder.`,
  bmpCjk: '北京市政府发表声明，称“谈判”已经结束。',
  astralCjk: '𠀀𠀁 and 𩸽 (hokke) appear in Japanese names: 𠮷野家.',
  cyrillic: 'Азербайджанцы в Украине: «добровольческие батальоны» — ёлка.',
  combining: 'Cafe\u0301 de\u0301ja\u0300 vu — Zu\u0308rich.',
};

describe('CodePointIndex', () => {
  it.each([
    ['emoji', '“ceasefire”'],
    ['emoji', '🔥 now'],
    ['zwj', family],
    ['zwj', '👩🏽‍💻 coder'],
    ['bmpCjk', '“谈判”'],
    ['astralCjk', '𩸽 (hokke)'],
    ['astralCjk', '𠮷野家'],
    ['cyrillic', '«добровольческие батальоны»'],
    ['combining', 'de\u0301ja\u0300'],
  ] as const)('slices %s text by converted offsets to exactly %s', (key, needle) => {
    const index = new CodePointIndex(texts[key]);
    const [start, end] = rangeOf(index, needle);
    expect(index.slice(start, end)).toBe(needle);
    expect(pythonSlice(texts[key], start, end)).toBe(needle);
    expect(index.toUtf16(start)).toBe(texts[key].indexOf(needle));
  });

  it('counts code points, not UTF-16 units or graphemes', () => {
    expect(codePointLength(family)).toBe(5);
    expect(family.length).toBe(8);
    expect(codePointLength('𠀀𠀁')).toBe(2);
    expect(codePointLength('e\u0301')).toBe(2);
    expect(codePointLength('Привет')).toBe(6);
    expect(codePointLength('')).toBe(0);
  });

  it('round-trips every boundary of a mixed text', () => {
    const text = Object.values(texts).join('\n');
    const index = new CodePointIndex(text);
    const chars = Array.from(text);
    let utf16 = 0;
    for (let cp = 0; cp <= chars.length; cp++) {
      expect(index.toUtf16(cp)).toBe(utf16);
      expect(index.toCodePoint(utf16)).toBe(cp);
      utf16 += chars[cp]?.length ?? 0;
    }
    expect(index.codePointLength).toBe(chars.length);
  });

  it('rounds a UTF-16 offset inside a surrogate pair down to the start of the character', () => {
    const index = new CodePointIndex('a😀b');
    expect(index.toCodePoint(1)).toBe(1); // before 😀
    expect(index.toCodePoint(2)).toBe(1); // between its halves
    expect(index.toCodePoint(3)).toBe(2); // after it
    expect(index.slice(1, 2)).toBe('😀');
  });

  it('clamps offsets outside the text', () => {
    const index = new CodePointIndex('𠀀x');
    expect(index.toUtf16(-3)).toBe(0);
    expect(index.toUtf16(99)).toBe(3);
    expect(index.toCodePoint(-1)).toBe(0);
    expect(index.toCodePoint(99)).toBe(2);
  });
});

describe('quoteOf', () => {
  it('quotes the span with up to QUOTE_CONTEXT code points of context on each side', () => {
    const text = `${'😀'.repeat(40)}КЛЮЧ${'𠀀'.repeat(40)}`;
    const index = new CodePointIndex(text);
    const quote = quoteOf(index, 40, 44);
    expect(quote.exact).toBe('КЛЮЧ');
    expect(quote.prefix).toBe('😀'.repeat(QUOTE_CONTEXT));
    expect(quote.suffix).toBe('𠀀'.repeat(QUOTE_CONTEXT));
  });

  it('keeps whole characters at the start and end of the text', () => {
    const index = new CodePointIndex(`${family} said`);
    const quote = quoteOf(index, 0, 5);
    expect(quote).toEqual({ exact: family, prefix: '', suffix: ' said' });
  });
});
