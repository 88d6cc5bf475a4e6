import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { CodePointIndex } from '../../../core/offsets';
import { detectFormat, extensionOf } from '../../../formats/detect';
import { importFile } from '../../../formats/import';
import { titleFromLine } from '../../../formats/title';

const SAMPLE = '/work/shared/samples/azerbaijanis-in-ukraine.txt';
const utf8 = (text: string) => new TextEncoder().encode(text);

/** What importFile threw, as { code, message }. */
function failure(name: string, bytes: Uint8Array): { code: string; message: string } {
  try {
    importFile(name, bytes);
  } catch (error) {
    const { code, message } = error as { code: string; message: string };
    return { code, message };
  }
  throw new Error(`${name} was imported`);
}

describe('detectFormat', () => {
  it('knows .txt, .md and .markdown in any case', () => {
    expect(detectFormat('a.txt')).toBe('txt');
    expect(detectFormat('REPORT.TXT')).toBe('txt');
    expect(detectFormat('notes.md')).toBe('md');
    expect(detectFormat('C:\\cases\\brief.Markdown')).toBe('md');
    expect(extensionOf('.bashrc')).toBe('');
    expect(extensionOf('dir.v2/README')).toBe('');
  });
});

describe('importFile: plain text', () => {
  it('keeps the sample article verbatim, one block per line, titled by its first line', () => {
    const bytes = readFileSync(SAMPLE);
    const doc = importFile('azerbaijanis-in-ukraine.txt', bytes);
    expect(doc.format).toBe('txt');
    expect(doc.text).toBe(bytes.toString('utf8'));
    expect(doc.title).toBe('Kavkaz Files ISSN 2975-0474 Volume 21 Issue 2');
    expect(doc.byteSize).toBe(bytes.length);
    expect(doc.sha256).toBe(createHash('sha256').update(bytes).digest('hex'));
    const index = new CodePointIndex(doc.text);
    const lines = doc.text.split('\n').filter((l) => l !== '');
    expect(doc.blocks.map((b) => index.slice(b.start, b.end))).toEqual(lines);
  });

  it('drops a BOM and turns CRLF into LF, and nothing else', () => {
    const doc = importFile(
      'win.txt',
      utf8('\uFEFFПервая строка  \r\nвторая\tстрока\r\n\r\nthird\r'),
    );
    expect(doc.text).toBe('Первая строка  \nвторая\tстрока\n\nthird\n');
    expect(doc.title).toBe('Первая строка');
  });

  it('hashes the bytes as given, BOM and CRLF included', () => {
    const bytes = utf8('\uFEFFa\r\nb');
    expect(importFile('x.txt', bytes).sha256).toBe(
      createHash('sha256').update(bytes).digest('hex'),
    );
  });

  it('reads UTF-16 files with a byte-order mark (Windows "Unicode" text)', () => {
    const text = 'Заявление 😀\r\nsecond';
    const le = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]);
    expect(importFile('notepad.txt', le).text).toBe('Заявление 😀\nsecond');
  });

  it('takes the title from the first non-empty line, capped at 200 code points', () => {
    const long = '😀'.repeat(250);
    const doc = importFile('long.txt', utf8(`\n   \n  ${long}  \nbody`));
    expect(doc.title).toBe(`${'😀'.repeat(200)}…`);
    expect(titleFromLine('  a \t b  ')).toBe('a b');
  });

  it('refuses a binary file, naming it', () => {
    expect(failure('scan.txt', new Uint8Array([0x25, 0x50, 0x44, 0x46, 0x00, 0x01]))).toEqual({
      code: 'unsupported_format',
      message: 'scan.txt: this is a binary file, not text (it contains NUL bytes)',
    });
  });

  it('refuses text that is not UTF-8 (e.g. Windows-1251 Cyrillic) instead of guessing', () => {
    const cp1251 = new Uint8Array([0xcf, 0xf0, 0xe8, 0xe2, 0xe5, 0xf2]); // "Привет"
    expect(failure('old.txt', cp1251)).toEqual({
      code: 'unsupported_format',
      message: 'old.txt: the file is not valid UTF-8 text — save it as UTF-8 and import it again',
    });
  });

  it('refuses an empty or whitespace-only file, naming it', () => {
    const empty = {
      code: 'invalid_argument',
      message: expect.stringMatching(/^blank\.txt: .*empty/),
    };
    expect(failure('blank.txt', new Uint8Array())).toEqual(empty);
    expect(failure('blank.txt', utf8('\uFEFF \r\n\t\n'))).toEqual(empty);
  });

  it('refuses an unsupported file type, naming the file and what Gloss imports', () => {
    expect(failure('report.pdf', utf8('%PDF-1.7'))).toEqual({
      code: 'unsupported_format',
      message: 'report.pdf: unsupported file type ".pdf" — Gloss imports .txt and .md',
    });
    expect(failure('README', utf8('hello')).message).toBe(
      'README: unsupported file without an extension — Gloss imports .txt and .md',
    );
  });
});
