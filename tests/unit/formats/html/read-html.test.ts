import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { htmlReader } from '../../../../formats/html/read-html';
import { blockTexts, context, marks, outline, utf8 } from './helpers';
import { NEWS_PAGE, NEWS_PARAGRAPHS } from './news-page';

const read = (html: string | Uint8Array, name = 'page.html', options = {}) =>
  htmlReader.read(typeof html === 'string' ? utf8(html) : html, context(name, options));

describe('htmlReader: article extraction with Readability', () => {
  it('keeps only the article: no navigation, cookie banner, ads, related rail or footer', async () => {
    const article = await read(NEWS_PAGE);
    for (const paragraph of NEWS_PARAGRAPHS) expect(article.text).toContain(paragraph);
    expect(outline(article)).toEqual(
      expect.arrayContaining([
        ['heading', 2, 'What the authorities said'],
        ['heading', 2, 'Why it matters'],
        [
          'blockquote',
          null,
          '“We are following the standard procedure for every vessel,” the spokesperson said.',
        ],
        ['bullet_item', 1, 'Ship-to-ship transfers hide the origin of cargo.'],
        ['bullet_item', 1, 'Insurance papers are often issued in third countries.'],
      ]),
    );
    for (const chrome of [
      'cookies',
      'Accept all',
      'Business',
      'Sport',
      'Advertisement',
      'Related articles',
      'Port strike',
      'newsletter',
      'All rights reserved',
      'Privacy',
    ]) {
      expect(article.text, chrome).not.toContain(chrome);
    }
    expect(article.warnings).toEqual([]);
  });

  it('resolves relative links against the canonical URL', async () => {
    const article = await read(NEWS_PAGE);
    expect(marks(article)).toContainEqual([
      'link',
      'An earlier report',
      'https://harbour-times.example/world/earlier-report',
    ]);
  });

  it("reads the page's metadata", async () => {
    const article = await read(NEWS_PAGE);
    expect(article.title).toBe('Cargo ships held over manifest doubts');
    expect(article.encoding).toBe('utf-8');
    expect(article.metadata).toEqual({
      byline: 'Maria Kovalenko',
      siteName: 'The Harbour Times',
      publishedAt: '2024-03-05T09:30:00Z',
      canonicalUrl: 'https://harbour-times.example/world/cargo-ships-held?ref=canonical',
      language: 'en-GB',
    });
  });

  it('keeps the whole page, still sanitised, in whole-page mode', async () => {
    const article = await read(NEWS_PAGE, 'page.html', { htmlMode: 'whole-page' });
    const texts = blockTexts(article);
    expect(texts.slice(0, 6)).toEqual([
      'We use cookies to improve your experience. By continuing you accept our cookie policy.',
      'World',
      'Business',
      'Sport',
      'Opinion',
      'Advertisement',
    ]);
    expect(outline(article)[1]).toEqual(['bullet_item', 1, 'World']);
    expect(texts).toContain('Cargo ships held at port over manifest doubts');
    expect(texts).toContain(NEWS_PARAGRAPHS[2]);
    expect(texts).toContain('Related articles');
    expect(texts.at(-1)).toBe('Privacy Terms');
    expect(article.text).not.toContain('dataLayer'); // scripts are never text
    expect(article.text).not.toContain('Accept all'); // nor are form controls
    expect(article.warnings).toEqual([]);
  });

  it('falls back to the whole page, with a warning, when Readability finds no article', async () => {
    // Readability drops a heading that repeats the title and then finds no text at all.
    const article = await read(
      '<html><head><title>Site index</title></head><body><h1>Site index</h1></body></html>',
    );
    expect(outline(article)).toEqual([['heading', 1, 'Site index']]);
    expect(article.warnings).toEqual([
      'No article was found in the page, so the whole page was imported.',
    ]);
    expect(article.title).toBe('Site index');
  });

  it('takes metadata from meta tags, JSON-LD and <time> when others are missing', async () => {
    const article = await read(
      `<html><head>
      <meta http-equiv="content-language" content="uk_UA">
      <meta property="article:author" content="https://facebook.example/someone">
      <script type="application/ld+json">{ not json</script>
      <script type="application/ld+json">{"@graph":[{"@type":"WebSite","name":"x"},{"@type":["BlogPosting"],"datePublished":"2023-11-02","author":"Олена Петренко","publisher":"Блог"}]}</script>
      </head><body><h1>Заголовок</h1><article><time datetime="2020-01-01">old</time><p>Текст.</p></article></body></html>`,
      'blog.htm',
      { htmlMode: 'whole-page' },
    );
    expect(article.title).toBe('Заголовок');
    expect(article.metadata).toEqual({
      byline: 'Олена Петренко',
      siteName: 'Блог',
      publishedAt: '2023-11-02',
      language: 'uk-UA',
    });
  });

  it('falls back to the file name for the title and refuses a page without text', async () => {
    expect((await read('<p>Just text</p>', 'note.html')).title).toBe('note.html');
    await expect(
      read('<html><body><script>x()</script><img src=a></body></html>', 'empty.html'),
    ).rejects.toMatchObject({
      code: 'invalid_argument',
      message: 'empty.html: the page has no readable text',
    });
  });

  it('refuses text longer than the limit', async () => {
    await expect(
      htmlReader.read(utf8(`<p>${'word '.repeat(500)}</p>`), context('big.html', {}, 1000)),
    ).rejects.toMatchObject({ code: 'too_large' });
  });
});

describe('htmlReader: character encodings', () => {
  // Guillemets exist in windows-1251 but not in KOI8-R: the KOI8-R tests use plain quotes.
  const cyrillic = 'Азербайджанцы в Украине: «свидетельства» и факты';
  const koi8Text = 'Азербайджанцы в Украине: "свидетельства" и факты';
  const page = (meta: string, text = cyrillic) =>
    `<html><head>${meta}<title>${text}</title></head><body><p>${text}</p></body></html>`;

  it('decodes a Windows-1251 page declared by <meta charset>', async () => {
    const article = await read(iconv.encode(page('<meta charset="windows-1251">'), 'windows-1251'));
    expect(article.encoding).toBe('windows-1251');
    expect(article.text).toBe(cyrillic);
    expect(article.title).toBe(cyrillic);
  });

  it('decodes a KOI8-R page declared by http-equiv Content-Type', async () => {
    const meta = '<meta http-equiv="Content-Type" content="text/html; charset=KOI8-R">';
    const article = await read(iconv.encode(page(meta, koi8Text), 'koi8-r'));
    expect(article.encoding).toBe('koi8-r');
    expect(article.text).toBe(koi8Text);
  });

  it('honours a byte-order mark over a contradicting <meta>', async () => {
    const bytes = iconv.encode(page('<meta charset="windows-1251">'), 'utf-16le', { addBOM: true });
    const article = await read(bytes);
    expect(article.encoding).toBe('utf-16le');
    expect(article.text).toBe(cyrillic);
  });

  it('detects an undeclared legacy encoding, and lets the analyst override it', async () => {
    const bytes = iconv.encode(page(''), 'windows-1251');
    expect((await read(bytes)).text).toBe(cyrillic);
    const forced = await read(
      iconv.encode(page('<meta charset="utf-8">', koi8Text), 'koi8-r'),
      'x.html',
      {
        encoding: 'koi8-r',
      },
    );
    expect(forced.encoding).toBe('koi8-r');
    expect(forced.text).toBe(koi8Text);
    await expect(read(bytes, 'x.html', { encoding: 'no-such-encoding' })).rejects.toMatchObject({
      code: 'invalid_argument',
    });
  });
});
