import { describe, expect, it } from 'vitest';
import { jsonLdArticle } from '../../../../formats/html/json-ld';
import { isoDate, languageTag } from '../../../../formats/html/metadata';
import { parseHtmlDocument } from '../../../../formats/html/parse';

describe('page metadata helpers', () => {
  it('keeps ISO dates as found and converts other dates to ISO in UTC', () => {
    expect(isoDate('2024')).toBe('2024');
    expect(isoDate(' 2024-03-05 ')).toBe('2024-03-05');
    expect(isoDate('2024-03-05 10:00:00+02:00')).toBe('2024-03-05T10:00:00+02:00');
    expect(isoDate('Tue, 05 Mar 2024 10:00:00 GMT')).toBe('2024-03-05T10:00:00.000Z');
    expect(isoDate('yesterday')).toBeUndefined();
    expect(isoDate('')).toBeUndefined();
  });

  it('canonicalises language tags and rejects what is none', () => {
    expect(languageTag('en_GB')).toBe('en-GB');
    expect(languageTag('RU')).toBe('ru');
    expect(languageTag('az-latn-az')).toBe('az-Latn-AZ');
    expect(languageTag('uk, ru')).toBe('uk');
    expect(languageTag('not a language!')).toBeUndefined();
  });

  it('reads JSON-LD defensively: broken blocks, graphs, lists of authors, odd shapes', () => {
    const page = (blocks: string[]) =>
      parseHtmlDocument(
        blocks.map((b) => `<script type="application/ld+json">${b}</script>`).join(''),
      );
    expect(jsonLdArticle(page(['{ broken', '"just a string"', '[1, null, true]']))).toEqual({});
    expect(
      jsonLdArticle(
        page([
          JSON.stringify({
            '@graph': [
              { '@type': 'Organization', name: 'Org' },
              {
                '@type': ['NewsArticle'],
                headline: ' Headline ',
                datePublished: '2022-02-24',
                author: [{ name: 'A. Author' }, 'B. Author', { name: 42 }, { name: 'A. Author' }],
                publisher: { '@type': 'Organization', name: 'Publisher' },
                inLanguage: 'uk-UA',
                __proto__: { polluted: true },
              },
            ],
          }),
        ]),
      ),
    ).toEqual({
      headline: 'Headline',
      datePublished: '2022-02-24',
      author: 'A. Author, B. Author',
      publisher: 'Publisher',
      inLanguage: 'uk-UA',
    });
    expect(({} as { polluted?: boolean }).polluted).toBeUndefined();
  });
});
