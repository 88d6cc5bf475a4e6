import { SAMPLE_PATH as SAMPLE } from '../../shared-files';
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { GlossError } from '../../../core/errors';
import { CodePointIndex } from '../../../core/offsets';
import { importFile } from '../../../formats/import';
import type { ImportFileContext } from '../../../formats/import';
import { titleFromLine } from '../../../formats/title';
import type { ExtractedArticle, FormatReader } from '../../../formats/types';
import { encoded, utf8 } from './import-fixtures';

/** What importFile rejected with, as { code, message }. */
async function failure(
  name: string,
  bytes: Uint8Array,
  context?: ImportFileContext,
): Promise<{ code: string; message: string }> {
  try {
    await importFile(name, bytes, context);
  } catch (error) {
    const { code, message } = error as { code: string; message: string };
    return { code, message };
  }
  throw new Error(`${name} was imported`);
}

describe('importFile: plain text', () => {
  it('keeps the sample article verbatim, one block per line, titled by its first line', async () => {
    const bytes = readFileSync(SAMPLE);
    const doc = await importFile('azerbaijanis-in-ukraine.txt', bytes);
    expect(doc).toMatchObject({
      format: 'txt',
      detected: { format: 'txt', named: 'txt', by: 'extension' },
      importer: { name: 'Gloss plain text', version: '2' },
      encoding: 'utf-8',
      metadata: {},
      title: 'Kavkaz Files ISSN 2975-0474 Volume 21 Issue 2',
      byteSize: bytes.length,
      sha256: createHash('sha256').update(bytes).digest('hex'),
    });
    expect(doc.text).toBe(bytes.toString('utf8'));
    expect(doc.length).toBe(Array.from(doc.text).length);
    const index = new CodePointIndex(doc.text);
    const lines = doc.text.split('\n').filter((l) => l !== '');
    expect(doc.blocks.map((b) => index.slice(b.start, b.end))).toEqual(lines);
  });

  it('drops a BOM and turns CRLF into LF, and nothing else', async () => {
    const doc = await importFile(
      'win.txt',
      utf8('\uFEFFПервая строка  \r\nвторая\tстрока\r\n\r\nthird\r'),
    );
    expect(doc.text).toBe('Первая строка  \nвторая\tстрока\n\nthird\n');
    expect(doc.title).toBe('Первая строка');
  });

  it('hashes the bytes as given, BOM and CRLF included', async () => {
    const bytes = utf8('\uFEFFa\r\nb');
    expect((await importFile('x.txt', bytes)).sha256).toBe(
      createHash('sha256').update(bytes).digest('hex'),
    );
  });

  it('reads UTF-16 files with a byte-order mark (Windows "Unicode" text)', async () => {
    const text = 'Заявление 😀\r\nsecond';
    const le = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]);
    const doc = await importFile('notepad.txt', le);
    expect(doc.text).toBe('Заявление 😀\nsecond');
    expect(doc.encoding).toBe('utf-16le');
  });

  it('detects a legacy Cyrillic encoding, and reads the one it is told to', async () => {
    const text = 'Президент заявил, что переговоры провалились.\r\nКритики назвали это фарсом.';
    const cp1251 = encoded(text, 'windows-1251');
    const detected = await importFile('old.txt', cp1251);
    expect(detected).toMatchObject({
      encoding: 'windows-1251',
      title: 'Президент заявил, что переговоры провалились.',
    });
    expect(detected.text).toBe(text.replace('\r\n', '\n'));

    const forced = await importFile('old.txt', cp1251, { options: { encoding: 'koi8-r' } });
    expect(forced.encoding).toBe('koi8-r');
    expect(forced.text).not.toContain('Президент');
    expect(forced.length).toBe(detected.length); // one byte, one character, either way

    expect(await failure('old.txt', cp1251, { options: { encoding: 'klingon-1' } })).toEqual({
      code: 'invalid_argument',
      message: 'old.txt: Unknown encoding "klingon-1"',
    });
  });

  it('takes the title from the first non-empty line, capped at 200 code points', async () => {
    const long = '😀'.repeat(250);
    const doc = await importFile('long.txt', utf8(`\n   \n  ${long}  \nbody`));
    expect(doc.title).toBe(`${'😀'.repeat(200)}…`);
    expect(titleFromLine('  a \t b  ')).toBe('a b');
  });

  it('refuses a binary file, naming it', async () => {
    expect(await failure('scan.txt', new Uint8Array([0x25, 0x50, 0x44, 0x00, 0x01, 0x02]))).toEqual(
      {
        code: 'unsupported_format',
        message: 'scan.txt: this looks like a binary file, not text',
      },
    );
  });

  it('refuses an empty or whitespace-only file, naming it', async () => {
    expect(await failure('blank.txt', new Uint8Array())).toEqual({
      code: 'invalid_argument',
      message: 'blank.txt: the file is empty — there is no text to read',
    });
    expect(await failure('blank.txt', utf8('\uFEFF \r\n\t\n'))).toEqual({
      code: 'invalid_argument',
      message: 'blank.txt: the file is empty (only blank space) — there is no text to read',
    });
  });
});

describe('importFile: limits from the project settings', () => {
  const settings = { maxImportBytes: 1024, maxTextChars: 100 };

  it('refuses a file over the size limit before reading it', async () => {
    let read = false;
    const readerFor = async (): Promise<FormatReader> => ({
      ...spyReader(),
      read: async () => {
        read = true;
        throw new Error('must not be read');
      },
    });
    expect(
      await failure('big.txt', new Uint8Array(1025).fill(65), { settings, readerFor }),
    ).toEqual({
      code: 'too_large',
      message:
        'big.txt: the file is larger than the import limit of 1 KB (the limit can be raised in ' +
        'the project settings)',
    });
    expect(read).toBe(false);
  });

  it('refuses a text longer than the character limit', async () => {
    const text = 'word '.repeat(30); // 150 characters in 150 bytes
    expect(await failure('long.txt', utf8(text), { settings })).toEqual({
      code: 'too_large',
      message:
        'long.txt: the text is longer than the limit of 100 characters (the limit can be ' +
        'raised in the project settings)',
    });
    await expect(
      importFile('long.txt', utf8(text), { settings: { ...settings, maxTextChars: 150 } }),
    ).resolves.toMatchObject({ length: 150 });
  });
});

/** A reader that returns `article`, for checking what importFile does around readers. */
function spyReader(article?: Partial<ExtractedArticle>): FormatReader {
  return {
    format: 'txt',
    importer: { name: 'spy', version: '0' },
    read: async () => ({
      title: 'Spy',
      text: 'Spy text',
      blocks: [{ kind: 'paragraph', start: 0, end: 8 }],
      metadata: {},
      encoding: null,
      ...article,
    }),
  };
}

describe('importFile: every reader call is wrapped', () => {
  const withReader = (reader: FormatReader): ImportFileContext => ({
    readerFor: async () => reader,
  });

  it('turns anything a reader throws into a GlossError naming the file', async () => {
    const crashing: FormatReader = {
      ...spyReader(),
      read: async () => {
        throw new TypeError("Cannot read properties of undefined (reading 'length')");
      },
    };
    const stderr = process.stderr.write;
    process.stderr.write = () => true; // the stack goes to the log; keep the test output clean
    try {
      expect(await failure('odd.txt', utf8('x'), withReader(crashing))).toEqual({
        code: 'unsupported_format',
        message:
          'odd.txt: Gloss could not read this file as a plain-text file — it may be damaged or ' +
          "unusual (Cannot read properties of undefined (reading 'length'))",
      });
    } finally {
      process.stderr.write = stderr;
    }
  });

  it("puts the file's name in front of a reader's own message when it lacks it", async () => {
    const refusing: FormatReader = {
      ...spyReader(),
      read: async () => {
        throw new GlossError('unsupported_format', 'this PDF is encrypted');
      },
    };
    expect(await failure('lock.txt', utf8('x'), withReader(refusing))).toEqual({
      code: 'unsupported_format',
      message: 'lock.txt: this PDF is encrypted',
    });
  });

  it('refuses what a buggy reader made rather than storing blocks the reader cannot show', async () => {
    const overlapping = spyReader({
      blocks: [
        { kind: 'paragraph', start: 0, end: 5 },
        { kind: 'paragraph', start: 3, end: 8 },
      ],
    });
    expect((await failure('a.txt', utf8('x'), withReader(overlapping))).code).toBe('internal');
    const pastTheEnd = spyReader({ blocks: [{ kind: 'paragraph', start: 0, end: 9 }] });
    expect((await failure('a.txt', utf8('x'), withReader(pastTheEnd))).code).toBe('internal');
    const strayMark = spyReader({
      blocks: [{ kind: 'paragraph', start: 0, end: 3, marks: [{ kind: 'em', start: 2, end: 5 }] }],
    });
    expect((await failure('a.txt', utf8('x'), withReader(strayMark))).message).toMatch(
      /^a\.txt: the spy importer produced an article Gloss cannot show/,
    );
  });

  it('titles a document by its file name when the reader found no title', async () => {
    const untitled = spyReader({ title: '   ' });
    await expect(importFile('notes.txt', utf8('x'), withReader(untitled))).resolves.toMatchObject({
      title: 'notes.txt',
    });
  });
});
