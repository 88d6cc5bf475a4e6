import { describe, expect, it } from 'vitest';
import type { Block } from '../../../../core/domain';
import type { GlossError } from '../../../../core/errors';
import { CodePointIndex } from '../../../../core/offsets';
import { docxReader } from '../../../../formats/docx';
import { reportDocx, simpleDocx, withParts } from './build-docx';
import { FIELD, patchCentralDirectory, zipOf } from './zip-bytes';

const read = (bytes: Uint8Array, name = 'report.docx', maxTextChars = 1_000_000) =>
  docxReader.read(bytes, { name, options: {}, maxTextChars });

/** Each block as [kind, level, its text], cut out of the text by code-point offsets. */
function outline(text: string, blocks: Block[]) {
  const index = new CodePointIndex(text);
  return blocks.map((b) => [b.kind, b.level ?? null, index.slice(b.start, b.end)]);
}

async function failure(promise: Promise<unknown>) {
  try {
    await promise;
  } catch (error) {
    return (error as GlossError).toJSON();
  }
  throw new Error('expected a GlossError');
}

describe('docxReader: structure', async () => {
  const article = await read(await reportDocx());

  it('names mammoth and its version as the importer', () => {
    expect(docxReader.format).toBe('docx');
    expect(docxReader.importer).toEqual({ name: 'mammoth', version: '1.13.0' });
  });

  it('keeps headings, lists (nested), quotes and paragraphs in order, with notes at the end', () => {
    // Footnotes and endnotes share one numbering, as mammoth labels their references.
    expect(outline(article.text, article.blocks)).toEqual([
      ['heading', 1, 'Pipeline politics'],
      ['heading', 1, 'Background'],
      ['paragraph', null, 'The agreement was signed in Baku on Monday.[1]'],
      ['paragraph', null, 'Exports rose by 40% in a year.[CM1][2]'],
      ['bullet_item', 1, 'Gas to Europe'],
      ['bullet_item', 2, 'via Georgia and Türkiye'],
      ['bullet_item', 1, 'Oil to Asia'],
      ['ordered_item', 1, 'Sign the treaty'],
      ['ordered_item', 2, 'ratify it'],
      ['ordered_item', 1, 'Build the line'],
      ['blockquote', null, '«Мы готовы к компромиссу», — сказал министр.'],
      ['blockquote', null, 'Ми не відступимо.'],
      ['heading', 2, 'Подробности'],
      ['paragraph', null, 'Source: the full report.'],
      ['paragraph', null, 'A map:'],
      ['heading', 1, 'Notes'],
      ['paragraph', null, '[1] Interview with a ministry official, March 2024.'],
      ['paragraph', null, '[2] Figures from the State Customs Committee.'],
      ['heading', 1, 'Comments'],
      ['paragraph', null, '[CM1] Ceyhun Mammadov: Check this figure against the customs data.'],
    ]);
  });

  it('joins block texts with newlines', () => {
    expect(article.text.split('\n')).toHaveLength(article.blocks.length);
  });

  it('keeps bold, italic and http links as marks', () => {
    const index = new CodePointIndex(article.text);
    const marks = article.blocks.flatMap((b) =>
      (b.marks ?? []).map((m) => [m.kind, index.slice(m.start, m.end), m.href ?? null]),
    );
    expect(marks).toEqual([
      ['strong', 'signed', null],
      ['em', 'Baku', null],
      ['link', 'the full report', 'https://example.org/report'],
    ]);
  });

  it('ignores images and never stores their data', () => {
    expect(article.text).not.toContain('data:');
    expect(article.text).not.toContain('base64');
  });

  it('takes the title and byline from the core properties', () => {
    expect(article.title).toBe('Газопровод и политика');
    expect(article.metadata.byline).toBe('Leyla Aliyeva');
    expect(article.encoding).toBeNull();
  });
});

describe('docxReader: metadata and title', () => {
  const core = (fields: string) =>
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>' +
    '<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" ' +
    'xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" ' +
    `xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">${fields}</cp:coreProperties>`;

  it('reads title, creator, creation date and language from docProps/core.xml', async () => {
    const docx = await withParts(await simpleDocx(['Текст.']), {
      'docProps/core.xml': core(
        '<dc:title> Доклад   о границе </dc:title><dc:creator>Олена Коваленко</dc:creator>' +
          '<dc:language>uk-UA</dc:language>' +
          '<dcterms:created xsi:type="dcterms:W3CDTF">2024-03-05T10:30:00+03:00</dcterms:created>' +
          '<dcterms:modified xsi:type="dcterms:W3CDTF">2024-04-01T00:00:00Z</dcterms:modified>',
      ),
    });
    const article = await read(docx);
    expect(article.title).toBe('Доклад о границе');
    expect(article.metadata).toEqual({
      byline: 'Олена Коваленко',
      publishedAt: '2024-03-05T07:30:00Z',
      language: 'uk-UA',
    });
  });

  it('survives a damaged core.xml (the metadata is lost, not the document)', async () => {
    const docx = await withParts(await simpleDocx(['Text.'], { heading: 'Heading' }), {
      'docProps/core.xml': '<cp:coreProperties><dc:title>unclosed',
    });
    const article = await read(docx);
    expect(article.title).toBe('Heading');
    expect(article.metadata).toEqual({});
  });

  it('falls back to the first heading, then to the file name', async () => {
    expect((await read(await simpleDocx(['Body.'], { heading: 'Итоги года' }))).title).toBe(
      'Итоги года',
    );
    expect((await read(await simpleDocx(['Body.']), 'notes-2024.docx')).title).toBe(
      'notes-2024.docx',
    );
  });

  it('refuses text longer than the limit', async () => {
    const error = await failure(read(await simpleDocx(['x'.repeat(500)]), 'long.docx', 100));
    expect(error).toEqual({
      code: 'too_large',
      message: 'long.docx: the text is longer than 100 characters',
    });
  });
});

describe('docxReader: files that are not (good) Word documents', () => {
  it('says so when a PDF was renamed .docx', async () => {
    const pdf = new TextEncoder().encode('%PDF-1.7\n1 0 obj\n<<>>\nendobj\n%%EOF\n');
    expect(await failure(read(pdf))).toEqual({
      code: 'unsupported_format',
      message: 'report.docx: this is not a Word document (it looks like a PDF)',
    });
  });

  it.each([
    ['{\\rtf1\\ansi Hello}', 'it looks like an RTF file'],
    [
      '\uFEFF<!DOCTYPE html><html><body>Hi</body></html>',
      'it looks like a web page saved as .docx',
    ],
    [
      '<html xmlns:w="urn:schemas-microsoft-com:office:word">',
      'it looks like a web page saved as .docx',
    ],
  ])('says what other text formats renamed .docx are: %s', async (content, what) => {
    expect((await failure(read(new TextEncoder().encode(content)))).message).toBe(
      `report.docx: this is not a Word document (${what})`,
    );
  });

  it('explains an OLE container: a password-protected .docx or an old .doc', async () => {
    const ole = new Uint8Array(512);
    ole.set([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]);
    expect((await failure(read(ole))).message).toBe(
      'report.docx: this Word file is password-protected or an old .doc — save it as .docx ' +
        'without a password and import it again',
    );
  });

  it('refuses a truncated .docx as damaged', async () => {
    const docx = await simpleDocx(['Text.']);
    expect(await failure(read(docx.subarray(0, Math.floor(docx.length * 0.7))))).toMatchObject({
      code: 'unsupported_format',
      message: 'report.docx: not a valid Word document (damaged or truncated?)',
    });
  });

  it('says what a zip without a Word document is', async () => {
    const xlsx = await zipOf({ '[Content_Types].xml': '<Types/>', 'xl/workbook.xml': '<w/>' });
    expect((await failure(read(xlsx))).message).toBe(
      'report.docx: this is not a Word document (it looks like an Excel workbook)',
    );
  });

  it('refuses a zip bomb shaped like a .docx before mammoth sees it', async () => {
    const bomb = await withParts(await simpleDocx(['Text.']), {
      'word/document.xml': new Uint8Array(2 * 1024 * 1024),
    });
    const error = await failure(read(bomb));
    expect(error.code).toBe('too_large');
    expect(error.message).toMatch(/^report\.docx: refused — the archive would expand to 2 MB/);
  });

  it('refuses a .docx whose parts inflate to more than they declare', async () => {
    const docx = await simpleDocx(['Text. '.repeat(2000)]);
    const lying = patchCentralDirectory(docx, (record) => {
      if (record.getUint32(FIELD.uncompressedSize, true) > 10_000) {
        record.setUint32(FIELD.uncompressedSize, 5000, true);
      }
    });
    expect(await failure(read(lying))).toMatchObject({
      code: 'unsupported_format',
      message: 'report.docx: not a valid Word document (damaged or truncated?)',
    });
  });

  it('refuses a well-zipped document.xml that is not XML', async () => {
    const broken = await withParts(await simpleDocx(['Text.']), {
      'word/document.xml': '<w:document><w:body><w:p>',
    });
    expect((await failure(read(broken))).message).toBe(
      'report.docx: not a valid Word document (damaged or truncated?)',
    );
  });
});
