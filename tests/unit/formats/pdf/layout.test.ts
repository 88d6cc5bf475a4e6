/**
 * The layout steps on synthetic text runs, without pdf.js: what a page's geometry says about
 * lines, columns, paragraphs, headings, hyphenation and running headers.
 */
import { describe, expect, it } from 'vitest';
import { WordCounts, joinLines } from '../../../../formats/pdf/hyphens';
import type { PageLines, PageText, TextRun } from '../../../../formats/pdf/layout-types';
import { linesOfPage } from '../../../../formats/pdf/lines';
import { paragraphsOf } from '../../../../formats/pdf/paragraphs';
import { isPageNumber, withoutRunningLines } from '../../../../formats/pdf/running';

/** A run of Helvetica-like text: half an em per character. */
function run(text: string, x: number, y: number, fontSize = 10): TextRun {
  return { text, x, y, width: text.length * fontSize * 0.5, fontSize };
}

/** Lines of text set one under the other, `leading` apart, from (x, y). */
function column(texts: string[], x: number, y: number, fontSize = 10, leading = 12): TextRun[] {
  return texts.flatMap((text, i) => (text ? [run(text, x, y + i * leading, fontSize)] : []));
}

const page = (runs: TextRun[], number = 1): PageText => ({
  page: number,
  width: 595,
  height: 842,
  runs,
});

const texts = (lines: PageLines) => lines.lines.map((l) => l.text);

describe('linesOfPage', () => {
  it('joins runs on one baseline in x order, with a space where there is a gap', () => {
    const runs = [run('world', 130, 100), run('Hello', 72, 100), run('!', 155, 100)];
    expect(texts(linesOfPage(page(runs)))).toEqual(['Hello world!']);
  });

  it('reads lines top to bottom whatever order the runs came in', () => {
    const runs = [run('third', 72, 124), run('first', 72, 100), run('second', 72, 112)];
    expect(texts(linesOfPage(page(runs)))).toEqual(['first', 'second', 'third']);
  });

  it('keeps a superscript note mark on its line', () => {
    const runs = [run('A claim.', 72, 100), run('12', 112, 96.5, 6), run('Next', 72, 112)];
    // Set right after the full stop, as typesetters do: no space between them.
    expect(texts(linesOfPage(page(runs)))).toEqual(['A claim.12', 'Next']);
  });

  it('reads a word drawn twice for fake bold once', () => {
    const runs = [run('Bold', 72, 100), run('Bold', 72.3, 100), run('text', 95, 100)];
    expect(texts(linesOfPage(page(runs)))).toEqual(['Bold text']);
  });

  it('reads two columns column by column, after a title that spans them', () => {
    const left = [
      'The left column begins',
      'and goes on for a few',
      'lines of body text',
      'before it ends here.',
    ];
    const right = [
      'Then the right column',
      'continues the story on',
      'the same page, as a',
      'newspaper would do.',
    ];
    const runs = [
      run('A title across both columns of the page', 72, 80, 18),
      ...column(left, 72, 120),
      ...column(right, 320, 120),
    ];
    const lines = linesOfPage(page(runs));
    expect(texts(lines)).toEqual(['A title across both columns of the page', ...left, ...right]);
    expect(lines.lines.map((l) => l.column)).toEqual([0, 1, 1, 1, 1, 2, 2, 2, 2]);
  });

  it('does not split a single column of ragged lines into columns', () => {
    const lines = [
      'A single column of text with lines of',
      'varying length,',
      'some short and some long, which',
      'must never be',
      'mistaken for two columns of text by',
      'the reader, however ragged.',
    ];
    expect(texts(linesOfPage(page(column(lines, 72, 100))))).toEqual(lines);
  });

  it('does not read a form of short labels and values as two columns', () => {
    const labels = ['Name:', 'Date:', 'Place:', 'Source:', 'Rating:', 'Notes:'];
    const values = ['Ceyhun Mammadov', '5 March 2024', 'Baku', 'Interview', 'B2', 'None'];
    const runs = [...column(labels, 72, 100), ...column(values, 300, 100)];
    expect(texts(linesOfPage(page(runs)))).toEqual(
      labels.map((label, i) => `${label} ${values[i]}`),
    );
  });
});

/** Pages of lines as the paragraph step receives them. */
function pagesOf(...pages: TextRun[][]): PageLines[] {
  return pages.map((runs, i) => linesOfPage(page(runs, i + 1)));
}

const body = (p: ReturnType<typeof paragraphsOf>) =>
  p.map((x) => [x.kind, x.level ?? null, x.text]);

describe('paragraphsOf', () => {
  it('merges wrapped lines and splits paragraphs at larger gaps', () => {
    const runs = [
      ...column(['First paragraph, first line', 'and its second line.'], 72, 100),
      ...column(['Second paragraph after', 'a blank line.'], 72, 136),
    ];
    expect(body(paragraphsOf(pagesOf(runs)))).toEqual([
      ['paragraph', null, 'First paragraph, first line and its second line.'],
      ['paragraph', null, 'Second paragraph after a blank line.'],
    ]);
  });

  it('splits at an indented first line even without a gap', () => {
    const runs = [
      run('A paragraph that fills the whole line of the column', 72, 100),
      run('and ends on its second line here.', 72, 112),
      run('An indented line starts a new paragraph of', 92, 124),
      run('the same body text, set without any gap.', 72, 136),
    ];
    expect(body(paragraphsOf(pagesOf(runs)))).toEqual([
      [
        'paragraph',
        null,
        'A paragraph that fills the whole line of the column and ends on its second line here.',
      ],
      [
        'paragraph',
        null,
        'An indented line starts a new paragraph of the same body text, set without any gap.',
      ],
    ]);
  });

  it('splits after a short line that ends a sentence', () => {
    const runs = column(
      [
        'A paragraph whose lines run the full width of the column',
        'ends with a short line.',
        'The next paragraph starts flush left with no gap at all and',
        'continues here',
      ],
      72,
      100,
    );
    expect(body(paragraphsOf(pagesOf(runs))).map((p) => p[2])).toEqual([
      'A paragraph whose lines run the full width of the column ends with a short line.',
      'The next paragraph starts flush left with no gap at all and continues here',
    ]);
  });

  it('makes larger lines headings, levelled by size, and merges a two-line heading', () => {
    const runs = [
      run('The pipeline', 72, 60, 20),
      run('and its politics', 72, 84, 20),
      run('Background', 72, 120, 14),
      ...column(['Body text of the report, set in the body size,', 'on two lines.'], 72, 140),
      run('Outlook', 72, 180, 14),
      run('More body text.', 72, 200),
    ];
    expect(body(paragraphsOf(pagesOf(runs)))).toEqual([
      ['heading', 1, 'The pipeline and its politics'],
      ['heading', 2, 'Background'],
      ['paragraph', null, 'Body text of the report, set in the body size, on two lines.'],
      ['heading', 2, 'Outlook'],
      ['paragraph', null, 'More body text.'],
    ]);
  });

  it('makes bullet lines list items, without the bullet', () => {
    const runs = column(
      ['Three routes:', '• north via Russia', '• west via Georgia', 'and none east.'],
      72,
      100,
    );
    expect(body(paragraphsOf(pagesOf(runs)))).toEqual([
      ['paragraph', null, 'Three routes:'],
      ['bullet_item', 1, 'north via Russia'],
      ['bullet_item', 1, 'west via Georgia and none east.'],
    ]);
  });

  it('continues a paragraph from the foot of one column to the head of the next', () => {
    const left = [
      'Left column text that',
      'runs on and on until',
      'the column ends in the',
      'middle of a',
    ];
    const right = [
      'sentence, which goes on',
      'at the top of the right.',
      '',
      'A new paragraph here',
      'ends the page.',
    ];
    const runs = [...column(left, 72, 100), ...column(right, 320, 100)];
    expect(body(paragraphsOf(pagesOf(runs))).map((p) => p[2])).toEqual([
      'Left column text that runs on and on until the column ends in the middle of a sentence, which goes on at the top of the right.',
      'A new paragraph here ends the page.',
    ]);
  });

  it('keeps each paragraph on its page', () => {
    const paragraphs = paragraphsOf(
      pagesOf(column(['One page.'], 72, 100), column(['Another page.'], 72, 100)),
    );
    expect(paragraphs.map((p) => [p.text, p.page])).toEqual([
      ['One page.', 1],
      ['Another page.', 2],
    ]);
  });
});

describe('joinLines', () => {
  const words = new WordCounts(['a well-known case', 'the Russian-Azerbaijani border']);
  it.each([
    [['inter-', 'national talks'], 'international talks'],
    [['между-', 'народные переговоры'], 'международные переговоры'],
    [['the Russian-', 'Azerbaijani border'], 'the Russian-Azerbaijani border'],
    [['COVID-', '19 cases'], 'COVID-19 cases'],
    [['a well-', 'known fact'], 'a well-known fact'],
    [['soft\u00ad', 'hyphen'], 'softhyphen'],
    [['a dash -', 'then more'], 'a dash - then more'],
    [['an em dash—', 'then more'], 'an em dash— then more'],
    [['plain', 'words'], 'plain words'],
  ])('%j → %s', (lines, joined) => {
    expect(joinLines(lines, words)).toBe(joined);
  });
});

describe('withoutRunningLines', () => {
  const pageWith = (number: number, runs: TextRun[]) => linesOfPage(page(runs, number));
  const bodyRuns = (text: string) => column([text, 'More text of the body.'], 72, 300);

  it('drops a header repeated on every page and the page numbers, nothing else', () => {
    const pages = [1, 2, 3].map((n) =>
      pageWith(n, [
        run('Kavkaz Files — Vol. 21', 72, 40, 9),
        ...bodyRuns(`Body of page ${n}.`),
        run(`- ${n} -`, 290, 810, 9),
      ]),
    );
    expect(withoutRunningLines(pages).map(texts)).toEqual(
      [1, 2, 3].map((n) => [`Body of page ${n}.`, 'More text of the body.']),
    );
  });

  it('treats lines that differ only in their digits as the same running line', () => {
    const pages = [1, 2, 3, 4].map((n) =>
      pageWith(n, [...bodyRuns('Body.'), run(`Report 2024 · page ${n} · draft`, 72, 815, 8)]),
    );
    expect(withoutRunningLines(pages).every((p) => p.lines.length === 2)).toBe(true);
  });

  it('keeps a line found at the top of one page only, and repeated lines in the body', () => {
    const pages = [
      pageWith(1, [run('The title of the article', 72, 40, 9), ...bodyRuns('Same body.')]),
      pageWith(2, [...bodyRuns('Same body.')]),
    ];
    expect(withoutRunningLines(pages).map(texts)).toEqual([
      ['The title of the article', 'Same body.', 'More text of the body.'],
      ['Same body.', 'More text of the body.'],
    ]);
  });

  it('drops a header that appears on half of the pages (alternating headers)', () => {
    const pages = [1, 2, 3, 4].map((n) =>
      pageWith(n, [run(n % 2 ? 'Kavkaz Files' : 'Vol. 21, No. 3', 72, 40, 9), ...bodyRuns('B.')]),
    );
    expect(withoutRunningLines(pages).every((p) => p.lines.length === 2)).toBe(true);
  });
});

describe('isPageNumber', () => {
  it.each([
    '12',
    '- 12 -',
    '— 3 —',
    '[4]',
    'Page 3 of 9',
    'page 3',
    '3 / 9',
    'стр. 4',
    'Сторінка 5',
    'xii',
  ])('%s is a page number', (text) => expect(isPageNumber(text)).toBe(true));
  it.each(['12 killed in Baku', 'Chapter 3', 'Vol. 21', '2024-03-05', 'I'])('%s is not', (text) =>
    expect(isPageNumber(text)).toBe(false),
  );
});
