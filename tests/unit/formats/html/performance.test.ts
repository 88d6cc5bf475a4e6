import { describe, expect, it } from 'vitest';
import { CodePointIndex } from '../../../../core/offsets';
import { articleFromDom } from '../../../../formats/html/dom-to-article';
import { parseHtmlDocument } from '../../../../formats/html/parse';

/** About 5 MB of article: paragraphs with marks, links, Cyrillic and emoji, sections and lists. */
function bigArticle(): string {
  const parts: string[] = [];
  let size = 0;
  for (let i = 0; size < 5 * 1024 * 1024; i++) {
    const part =
      `<p>Paragraph ${i}: Lorem ipsum <b>dolor</b> sit amet, <a href="https://x.example/${i}">consectetur</a> ` +
      `adipiscing elit — Привет 😀 мир. ${'word '.repeat(60)}</p>\n` +
      (i % 20 === 19
        ? `<h2>Section ${i}</h2><ul><li>point one</li><li>point <em>two</em></li></ul>\n`
        : '');
    parts.push(part);
    size += part.length;
  }
  return `<html><body><article>${parts.join('')}</article></body></html>`;
}

describe('converter performance', () => {
  it('converts a 5 MB article in well under 3 s (a loose guard, not a benchmark)', () => {
    const html = bigArticle();
    expect(html.length).toBeGreaterThan(5 * 1024 * 1024);
    // jsdom's own parse is not timed here: on a loaded two-core machine it alone takes seconds.
    const document = parseHtmlDocument(html);
    const started = performance.now();
    const article = articleFromDom(document);
    const elapsed = performance.now() - started;
    expect(elapsed).toBeLessThan(3000);
    // And the result is right, not just fast: every block ends where the next begins, minus "\n".
    const index = new CodePointIndex(article.text);
    expect(article.blocks.at(-1)!.end).toBe(index.codePointLength);
    expect(article.blocks.length).toBeGreaterThan(10_000);
    expect(index.slice(article.blocks[0]!.start, article.blocks[0]!.end)).toMatch(
      /^Paragraph 0: Lorem ipsum dolor sit amet, consectetur adipiscing elit — Привет 😀 мир\. word/,
    );
  }, 120_000);
});
