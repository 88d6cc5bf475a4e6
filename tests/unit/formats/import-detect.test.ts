import { describe, expect, it } from 'vitest';
import { detectFormat, extensionOf, looksImportable, mislabelNote } from '../../../formats/detect';
import { importFile } from '../../../formats/import';
import {
  MHTML,
  OLE2,
  PNG,
  docxEntries,
  epubEntries,
  makePdf,
  makeZip,
  utf8,
} from './import-fixtures';

/** What detectFormat threw, as { code, message }. */
function refusal(name: string, bytes: Uint8Array): { code: string; message: string } {
  try {
    detectFormat(name, bytes);
  } catch (error) {
    const { code, message } = error as { code: string; message: string };
    return { code, message };
  }
  throw new Error(`${name} was accepted`);
}

const HTML = '<!DOCTYPE html><html><head><title>Talks</title></head><body><p>Hi</p></body></html>';

describe('detectFormat: the content decides first', () => {
  it('knows the extensions Gloss imports, in any case', () => {
    const named = (name: string) => detectFormat(name, utf8('plain words')).format;
    expect(named('a.txt')).toBe('txt');
    expect(named('REPORT.TXT')).toBe('txt');
    expect(named('notes.md')).toBe('md');
    expect(named('C:\\cases\\brief.Markdown')).toBe('md');
    expect(named('page.htm')).toBe('html');
    expect(extensionOf('.bashrc')).toBe('');
    expect(extensionOf('dir.v2/README')).toBe('');
  });

  it('reads a PDF named .docx as the PDF it is, and says so', async () => {
    const pdf = await makePdf([['Report']]);
    const detected = detectFormat('report.docx', pdf);
    expect(detected).toEqual({ format: 'pdf', named: 'docx', by: 'content' });
    expect(mislabelNote('report.docx', detected)).toBe(
      'report.docx is a PDF, not a Word document — imported as what it is',
    );
    expect(mislabelNote('report.pdf', detectFormat('report.pdf', pdf))).toBeUndefined();
    // A PDF header after some junk, as some generators write, and a PDF with no extension.
    const junk = new Uint8Array([...utf8('\r\n\r\n%junk\n'), ...pdf]);
    expect(detectFormat('download', junk)).toEqual({ format: 'pdf', by: 'content' });
  });

  it('tells Word documents, EPUBs and other ZIPs apart by their central directory', async () => {
    const docx = await makeZip(docxEntries());
    expect(detectFormat('memo.bin', docx)).toEqual({ format: 'docx', by: 'content' });
    const epub = await makeZip(epubEntries(), ['mimetype']);
    expect(detectFormat('book.zip', epub).format).toBe('epub');
    // An EPUB whose mimetype entry is compressed (against the rules, but seen) still is one.
    expect(detectFormat('book.epub', await makeZip(epubEntries())).format).toBe('epub');
    expect(detectFormat('book.docx', epub)).toEqual({
      format: 'epub',
      named: 'docx',
      by: 'content',
    });

    const xlsx = await makeZip([['xl/workbook.xml', '<workbook/>']]);
    expect(refusal('figures.docx', xlsx).message).toBe(
      'figures.docx: this is an Excel workbook — Gloss imports articles, not spreadsheets',
    );
    const odt = await makeZip(
      [
        ['mimetype', 'application/vnd.oasis.opendocument.text'],
        ['content.xml', '<x/>'],
      ],
      ['mimetype'],
    );
    expect(refusal('memo.odt', odt).message).toMatch(/^memo\.odt: this is an OpenDocument file/);
    expect(refusal('photos.zip', await makeZip([['a.jpg', 'x']])).message).toBe(
      'photos.zip: this is a ZIP archive — unpack it and import the files inside',
    );
  });

  it('refuses an old .doc (or a password-protected Office file) with what to do', () => {
    for (const name of ['brief.doc', 'locked.docx']) {
      expect(refusal(name, OLE2)).toEqual({
        code: 'unsupported_format',
        message:
          `${name}: this is an old Word document (.doc, Word 97–2003) or a password-protected ` +
          'Office file — open it in Word or LibreOffice, save it as .docx without a password ' +
          'and import that',
      });
    }
  });

  it('names images, archives and binary files instead of misreading them', () => {
    expect(refusal('scan.pdf', PNG).message).toBe(
      'scan.pdf: this is an image (PNG) — Gloss imports text and does not read text in pictures (OCR)',
    );
    expect(refusal('a.txt', new Uint8Array([0x1f, 0x8b, 8, 0])).message).toMatch(
      /compressed archive/,
    );
    expect(refusal('data.bin', new Uint8Array([1, 0, 2, 0, 0, 0, 7, 0]))).toEqual({
      code: 'unsupported_format',
      message: 'data.bin: this is a binary file, not text (it contains NUL bytes)',
    });
  });

  it('recognises web pages and web archives, whatever they are named', () => {
    expect(detectFormat('page', utf8(HTML))).toEqual({ format: 'html', by: 'content' });
    const ieSaved = `\uFEFF<!-- saved from url=(0040)https://example.org/ -->\r\n<HTML lang="ru"><body>x`;
    expect(detectFormat('old.htm', utf8(ieSaved)).format).toBe('html');
    const xhtml =
      '<?xml version="1.0"?>\n<html xmlns="http://www.w3.org/1999/xhtml"><body/></html>';
    expect(detectFormat('ch1.xhtml', utf8(xhtml)).format).toBe('html');
    expect(detectFormat('talks.mhtml', utf8(MHTML))).toEqual({
      format: 'mhtml',
      named: 'mhtml',
      by: 'content',
    });
    expect(detectFormat('talks.html', utf8(MHTML))).toEqual({
      format: 'mhtml',
      named: 'html',
      by: 'content',
    });
    // A fragment in a .html file has no signature: the extension decides.
    expect(detectFormat('cut.html', utf8('<p>only a paragraph</p>'))).toEqual({
      format: 'html',
      named: 'html',
      by: 'extension',
    });
  });

  it('keeps a .txt or .md that holds markup as text: its text is the file', () => {
    expect(detectFormat('source.txt', utf8(HTML))).toEqual({
      format: 'txt',
      named: 'txt',
      by: 'extension',
    });
    expect(detectFormat('page.md', utf8(MHTML)).format).toBe('md');
  });

  it('refuses a .pdf, .docx or .epub that is not one, saying what it looks like', () => {
    expect(refusal('report.pdf', utf8('Dear colleagues,\nplease find…')).message).toBe(
      'report.pdf: this is not a PDF (it does not start like one): it contains plain text — ' +
        'rename it to .txt to import it as text',
    );
    expect(refusal('memo.docx', new Uint8Array([1, 2, 0, 3])).message).toBe(
      'memo.docx: this is not a Word document (it does not start like one): it may be damaged, ' +
        'or only partly downloaded',
    );
  });

  it('lists what Gloss imports for a file type it does not know', () => {
    expect(refusal('table.csv', utf8('a,b\n1,2'))).toEqual({
      code: 'unsupported_format',
      message:
        'table.csv: unsupported file type ".csv" — Gloss imports .txt, .md, .html, .mhtml, ' +
        '.docx, .pdf and .epub',
    });
    expect(refusal('README', utf8('hello')).message).toMatch(
      /^README: unsupported file without an extension — Gloss imports \.txt/,
    );
  });

  it('says which files of a folder are worth reading when their name says nothing', async () => {
    expect(looksImportable((await makePdf([['x']])).subarray(0, 8192))).toBe(true);
    expect(looksImportable(utf8(HTML))).toBe(true);
    expect(looksImportable(utf8(MHTML))).toBe(true);
    expect(looksImportable(utf8('just notes'))).toBe(false);
    expect(looksImportable(PNG)).toBe(false);
    expect(looksImportable(OLE2)).toBe(false);
  });
});

describe('importFile: a mislabelled file', () => {
  it('imports a PDF named .docx as a PDF, page by page', async () => {
    const pdf = await makePdf([['Report on the talks', 'The minister said they failed.']]);
    const doc = await importFile('report.docx', pdf);
    expect(doc).toMatchObject({
      format: 'pdf',
      detected: { format: 'pdf', named: 'docx', by: 'content' },
      importer: { name: 'pdf.js' },
      encoding: null,
    });
    expect(doc.text).toContain('The minister said they failed.');
    expect(doc.blocks.every((b) => b.page === 1)).toBe(true);
  });

  it('refuses an empty file whatever its name', async () => {
    for (const name of ['empty.txt', 'empty.pdf', 'empty']) {
      await expect(importFile(name, new Uint8Array())).rejects.toMatchObject({
        code: 'invalid_argument',
        message: `${name}: the file is empty — there is no text to read`,
      });
    }
  });
});
