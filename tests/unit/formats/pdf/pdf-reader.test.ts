import { PDFDocument, StandardFonts, degrees } from 'pdf-lib';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { Block } from '../../../../core/domain';
import type { GlossError } from '../../../../core/errors';
import { CodePointIndex } from '../../../../core/offsets';
import { pdfReader } from '../../../../formats/pdf';
import { simpleDocx } from '../docx/build-docx';
import { type Placed, lines, pdfWith } from './build-pdf';
import { encryptedPdf } from './encrypted-pdf';

const read = (bytes: Uint8Array, name = 'report.pdf', maxTextChars = 1_000_000) =>
  pdfReader.read(bytes, { name, options: {}, maxTextChars });

/** Each block as [kind, level, page, its text]. */
function outline(text: string, blocks: Block[]) {
  const index = new CodePointIndex(text);
  return blocks.map((b) => [b.kind, b.level ?? null, b.page, index.slice(b.start, b.end)]);
}

async function failure(promise: Promise<unknown>) {
  try {
    await promise;
  } catch (error) {
    return (error as GlossError).toJSON();
  }
  throw new Error('expected a GlossError');
}

/** A running header and a page number, as a journal prints them on every page. */
const furniture = (page: number): Placed[] => [
  { text: 'Kavkaz Files — Vol. 21', x: 72, top: 40, size: 9 },
  { text: `- ${page} -`, x: 290, top: 810, size: 9 },
];

/** A three-page report: title, headings, wrapped and hyphenated paragraphs, header, footer. */
async function report(options = {}) {
  return pdfWith(
    [
      [
        ...furniture(1),
        { text: 'Pipeline politics', x: 72, top: 100, size: 22 },
        ...lines(
          [
            'The agreement was signed in Baku on Monday after months of inter-',
            'national negotiation. Officials said gas would reach Europe by the',
            'end of the decade.',
            '',
            'Critics said the deal ignored the Russian-',
            'Azerbaijani border dispute.',
          ],
          72,
          140,
        ),
      ],
      [
        ...furniture(2),
        { text: 'Routes', x: 72, top: 100, size: 15 },
        ...lines(
          [
            'The northern route crosses the mountains. The southern route',
            'follows the coast and is longer.',
          ],
          72,
          130,
        ),
      ],
      [...furniture(3), ...lines(['Neither route is cheap.'], 72, 100)],
    ],
    options,
  );
}

describe('pdfReader: a multi-page report', async () => {
  const article = await read(
    await report({
      title: 'Microsoft Word - pipeline_final_v3.doc',
      author: 'Leyla Aliyeva',
      created: new Date('2024-03-05T10:30:00Z'),
      language: 'en-GB',
    }),
  );

  it('names pdf.js and its version as the importer', () => {
    expect(pdfReader.format).toBe('pdf');
    expect(pdfReader.importer).toEqual({ name: 'pdf.js', version: '4.10.38' });
  });

  it('rebuilds headings and paragraphs, each with its page, without header or page numbers', () => {
    expect(outline(article.text, article.blocks)).toEqual([
      ['heading', 1, 1, 'Pipeline politics'],
      [
        'paragraph',
        null,
        1,
        'The agreement was signed in Baku on Monday after months of international ' +
          'negotiation. Officials said gas would reach Europe by the end of the decade.',
      ],
      [
        'paragraph',
        null,
        1,
        'Critics said the deal ignored the Russian-Azerbaijani border dispute.',
      ],
      ['heading', 2, 2, 'Routes'],
      [
        'paragraph',
        null,
        2,
        'The northern route crosses the mountains. The southern route follows the coast and is longer.',
      ],
      ['paragraph', null, 3, 'Neither route is cheap.'],
    ]);
  });

  it('joins the blocks with newlines', () => {
    expect(article.text.split('\n')).toHaveLength(article.blocks.length);
    expect(article.text).not.toContain('Kavkaz');
  });

  it('skips a producer-made title for the first heading, and reads the metadata', () => {
    expect(article.title).toBe('Pipeline politics');
    expect(article.metadata).toEqual({
      byline: 'Leyla Aliyeva',
      publishedAt: '2024-03-05T10:30:00Z',
      language: 'en-GB',
    });
    expect(article.encoding).toBeNull();
  });
});

describe('pdfReader: titles', () => {
  it('uses a real metadata title', async () => {
    const article = await read(await report({ title: 'Pipelines and power, 2024' }));
    expect(article.title).toBe('Pipelines and power, 2024');
  });

  it('falls back to the file name when there is neither title nor heading', async () => {
    const article = await read(await pdfWith([lines(['Just a line.'], 72, 100)]), 'memo.pdf');
    expect(article.title).toBe('memo.pdf');
  });
});

describe('pdfReader: layout', () => {
  it('reads a two-column page column by column', async () => {
    const left = [
      'The left column opens the',
      'story and carries it down',
      'the page to the very end',
      'of its last line.',
    ];
    const right = [
      'The right column takes it',
      'up again at the top and',
      'finishes the article here',
      'for the reader.',
    ];
    const bytes = await pdfWith([
      [
        { text: 'Two columns', x: 72, top: 80, size: 20 },
        ...lines(left, 72, 120, 10, 13),
        ...lines(right, 320, 120, 10, 13),
      ],
    ]);
    const article = await read(bytes);
    expect(outline(article.text, article.blocks)).toEqual([
      ['heading', 1, 1, 'Two columns'],
      ['paragraph', null, 1, left.join(' ')],
      ['paragraph', null, 1, right.join(' ')],
    ]);
  });

  it('reads a landscape (rotated) page as it is shown, leaving out vertical text', async () => {
    const document = await PDFDocument.create();
    const font = await document.embedFont(StandardFonts.Helvetica);
    const page = document.addPage([595, 842]);
    // Shown turned a quarter clockwise: text running up the page reads across the screen.
    page.setRotation(degrees(90));
    const up = { size: 12, font, rotate: degrees(90) };
    page.drawText('The first line across the landscape page', { x: 100, y: 72, ...up });
    page.drawText('and the second line below it.', { x: 115, y: 72, ...up });
    page.drawText('Sideways label', { x: 300, y: 300, size: 12, font });
    const article = await read(await document.save());
    expect(article.text).toBe(
      'The first line across the landscape page and the second line below it.',
    );
  });
});

describe('pdfReader: files it cannot read', () => {
  it('says a PDF with no text layer is probably a scan', async () => {
    const scan = await pdfWith([[], []], { imagePages: [0, 1] });
    expect(await failure(read(scan, 'scan.pdf'))).toEqual({
      code: 'unsupported_format',
      message:
        'scan.pdf: this PDF has no text layer — it is probably a scan; Gloss does not do OCR',
    });
  });

  it('says when a PDF is password-protected', async () => {
    expect(await failure(read(encryptedPdf('Secret text', 'secret'), 'locked.pdf'))).toMatchObject({
      code: 'unsupported_format',
      message: 'locked.pdf: this PDF is password-protected',
    });
  });

  it('reads an encrypted PDF that needs no password to open (owner password only)', async () => {
    // The same encryption with an empty user password: proves the fixture above is genuine.
    const article = await read(encryptedPdf('Secret text', ''));
    expect(article.text).toBe('Secret text');
  });

  it('refuses a truncated PDF', async () => {
    const bytes = await report();
    expect(await failure(read(bytes.subarray(0, Math.floor(bytes.length * 0.8))))).toEqual({
      code: 'unsupported_format',
      message:
        'report.pdf: this PDF is incomplete — its end is missing (truncated?); copy or ' +
        'download it again',
    });
  });

  it('refuses a damaged PDF', async () => {
    const damaged = new TextEncoder().encode('%PDF-1.7\n1 0 obj\n<< /Broken\n%%EOF\n');
    expect(await failure(read(damaged))).toMatchObject({
      code: 'unsupported_format',
      message: 'report.pdf: not a valid PDF file (damaged or truncated?)',
    });
  });

  it('says what a file renamed .pdf really is', async () => {
    expect((await failure(read(await simpleDocx(['Text.'])))).message).toBe(
      'report.pdf: this is not a PDF (it looks like a Word document or another zip archive)',
    );
    expect((await failure(read(new TextEncoder().encode('Hello, world.')))).message).toBe(
      'report.pdf: this is not a PDF',
    );
  });

  it('refuses text longer than the limit', async () => {
    expect(await failure(read(await report(), 'long.pdf', 50))).toEqual({
      code: 'too_large',
      message: 'long.pdf: the text is longer than 50 characters',
    });
  });
});

describe('pdfReader: quiet and offline', () => {
  afterEach(() => vi.restoreAllMocks());

  it('prints nothing to the console (pdf.js warnings about font data are silenced)', async () => {
    const spies = (['log', 'info', 'warn', 'error', 'debug'] as const).map((method) =>
      vi.spyOn(console, method),
    );
    await read(await report());
    for (const spy of spies) expect(spy).not.toHaveBeenCalled();
  });

  it('fetches nothing (no standard fonts, no CMaps, no worker script)', async () => {
    const fetch = vi.spyOn(globalThis, 'fetch');
    await read(await report());
    expect(fetch).not.toHaveBeenCalled();
  });
});
