import { describe, expect, it } from 'vitest';
import { FoldedText, foldPhrase } from '../../../core/find-text';
import { CodePointIndex } from '../../../core/offsets';

/** The spans of `phrase` in `text`, each with the text it covers (sliced by code points). */
function find(text: string, phrase: string) {
  const index = new CodePointIndex(text);
  return new FoldedText(text)
    .find(foldPhrase(phrase))
    .map(({ start, end }) => ({ start, end, text: index.slice(start, end) }));
}

describe('finding a phrase in a text', () => {
  it('ignores case and accents and keeps the original spelling', () => {
    expect(find('Kyïv, KYIV and kyiv.', 'Kyiv')).toEqual([
      { start: 0, end: 4, text: 'Kyïv' },
      { start: 6, end: 10, text: 'KYIV' },
      { start: 15, end: 19, text: 'kyiv' },
    ]);
  });

  it('finds whole words only', () => {
    expect(find('Aliyev met Ali; Alina and Ali’s brother.', 'Ali').map((m) => m.start)).toEqual([
      11, 26,
    ]);
    expect(find('Mammadov’s statements', 'Mammadov')).toEqual([
      { start: 0, end: 8, text: 'Mammadov' },
    ]);
  });

  it('counts offsets in code points after emoji, CJK and Cyrillic', () => {
    const text = '🇺🇦 Київ 😀 — 北京 and Київ.';
    const found = find(text, 'київ');
    expect(found.map((m) => m.text)).toEqual(['Київ', 'Київ']);
    expect(found[0]).toMatchObject({ start: 3, end: 7 });
    // The flag is two code points, the other emoji one.
    expect(found[1]).toMatchObject({ start: 19, end: 23 });
    expect(Array.from(text).slice(19, 23).join('')).toBe('Київ');
  });

  it('keeps a combining accent with the letter it sits on', () => {
    const text = 'Cafe\u0301 Cafe\u0301s';
    expect(find(text, 'café')).toEqual([{ start: 0, end: 5, text: 'Cafe\u0301' }]);
  });

  it('matches any run of white space, across lines', () => {
    expect(find('Jeyhun\n  Mammadov said', 'Jeyhun Mammadov')).toEqual([
      { start: 0, end: 17, text: 'Jeyhun\n  Mammadov' },
    ]);
  });

  it('needs no word boundary in scripts written without spaces', () => {
    expect(find('我住在北京市。', '北京')).toEqual([{ start: 3, end: 5, text: '北京' }]);
  });

  it('does not match inside a ligature', () => {
    expect(find('the ﬁrst ﬁ', 'f')).toEqual([]);
    expect(find('the ﬁrst', 'first')).toEqual([{ start: 4, end: 8, text: 'ﬁrst' }]);
  });

  it('finds nothing for an empty phrase', () => {
    expect(find('text', '')).toEqual([]);
    expect(find('text', '   ')).toEqual([]);
  });

  it('treats Greek final sigma as sigma', () => {
    expect(find('ΟΔΥΣΣΕΥΣ', 'Οδυσσευς').map((m) => m.text)).toEqual(['ΟΔΥΣΣΕΥΣ']);
  });

  it('stops at the limit', () => {
    expect(new FoldedText('a b a b a').find('a', 2)).toHaveLength(2);
  });
});
