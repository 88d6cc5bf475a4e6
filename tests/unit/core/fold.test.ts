import { describe, expect, it } from 'vitest';
import { foldForSearch } from '../../../core/fold';

describe('foldForSearch', () => {
  it('ignores case and accents in Latin, Cyrillic and Azerbaijani text', () => {
    expect(foldForSearch('Café ZÜRICH')).toBe('cafe zurich');
    expect(foldForSearch('Ёлка АЗЕРБАЙДЖАН')).toBe('елка азербаиджан');
    expect(foldForSearch('Şəki')).toBe('səki');
  });

  it('maps compatibility forms to their plain letters', () => {
    expect(foldForSearch('ﬁnal ＫＹＩＶ')).toBe('final kyiv');
  });

  it('leaves CJK and emoji alone', () => {
    expect(foldForSearch('北京 😀')).toBe('北京 😀');
  });
});
