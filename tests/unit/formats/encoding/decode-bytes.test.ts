import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { GlossError } from '../../../../core/errors';
import { canonicalEncodingName, decodeBytes } from '../../../../formats/encoding';

/** Samples written for these tests: news-like sentences in the languages Gloss's readers use. */
const RUSSIAN =
  'Министр иностранных дел заявил, что переговоры о границе продолжатся на следующей неделе.\r\n' +
  'Эксперты считают, что соглашение может быть подписано до конца года.';
const UKRAINIAN =
  'Міністр закордонних справ заявив, що їхня позиція є незмінною.\n' +
  'Ґрунтовна відповідь буде наступного тижня, — повідомили в Києві.';
const AZERBAIJANI =
  'Bakı şəhərində yeni körpü açıldı. Nazir çıxış edərək güclü iqtisadiyyatdan danışdı.';
const ENGLISH = 'The café’s owner — a naïve optimist — said the “rôle” of the press was over.';
const utf8 = (text: string) => new TextEncoder().encode(text);
/** The text in an encoding; a sample the encoding cannot hold is a mistake in the test. */
function encode(text: string, encoding: string, addBOM = false): Uint8Array {
  const bytes = iconv.encode(text, encoding, { addBOM });
  expect(iconv.decode(bytes, encoding), `the sample fits ${encoding}`).toBe(text);
  return new Uint8Array(bytes);
}

describe('decodeBytes: Unicode', () => {
  it('reads UTF-8, Azerbaijani letters and all, as utf-8', () => {
    expect(decodeBytes(utf8(AZERBAIJANI), { name: 'a.txt' })).toEqual({
      text: AZERBAIJANI,
      encoding: 'utf-8',
    });
  });

  it('reads plain ASCII as utf-8', () => {
    expect(decodeBytes(utf8('Just ASCII.\n'), { name: 'a.txt' }).encoding).toBe('utf-8');
  });

  it('strips a UTF-8 byte-order mark and keeps CRLF newlines for the caller to normalise', () => {
    const bytes = new Uint8Array([0xef, 0xbb, 0xbf, ...utf8(RUSSIAN)]);
    expect(decodeBytes(bytes, { name: 'a.txt' })).toEqual({ text: RUSSIAN, encoding: 'utf-8' });
  });

  it.each(['utf-16le', 'utf-16be', 'utf-32le', 'utf-32be'])(
    'lets a %s byte-order mark decide, and strips it',
    (encoding) => {
      const text = `${UKRAINIAN} 😀 ${AZERBAIJANI}`;
      expect(decodeBytes(encode(text, encoding, true), { name: 'a.txt' })).toEqual({
        text,
        encoding,
      });
    },
  );

  it.each([
    ['utf-16le', RUSSIAN],
    ['utf-16be', RUSSIAN],
    ['utf-16le', ENGLISH],
    ['utf-16be', AZERBAIJANI],
    ['utf-16le', 'Привет, мир!'],
  ])('recognises %s without a byte-order mark (%#)', (encoding, text) => {
    // Cyrillic UTF-16 has no NUL bytes and is valid ASCII byte by byte: it must not pass for UTF-8.
    expect(decodeBytes(encode(text, encoding), { name: 'a.txt' })).toEqual({ text, encoding });
  });
});

describe('decodeBytes: legacy encodings', () => {
  it.each([
    ['windows-1251', RUSSIAN],
    ['koi8-r', RUSSIAN],
    ['iso-8859-5', RUSSIAN],
    ['ibm866', RUSSIAN],
    ['windows-1251', UKRAINIAN],
    // KOI8-U has no dashes.
    ['koi8-u', UKRAINIAN.replace(' —', ' -')],
    ['windows-1252', ENGLISH],
    ['windows-1252', 'Müller sagte, die Größe der Straße sei schön.'],
    ['iso-8859-15', 'Le billet coûte 5 € à Paris.'],
    // Windows-1254 has no ə: old Azerbaijani files wrote ä instead.
    ['windows-1254', AZERBAIJANI.replace(/ə/g, 'ä')],
  ])('detects %s and decodes it back exactly (%#)', (encoding, text) => {
    expect(decodeBytes(encode(text, encoding), { name: 'a.txt' })).toEqual({ text, encoding });
  });

  it.each([
    ['windows-1251', 'Привет, мир!'],
    ['koi8-r', 'Привет, мир!'],
    ['koi8-r', 'СРОЧНО: ПЕРЕГОВОРЫ СОРВАНЫ'],
    ['iso-8859-5', 'Москва'],
    ['windows-1251', 'Київ і Львів'],
    ['koi8-u', 'Київ і Львів'],
    ['windows-1254', 'Dağlıq Qarabağ'],
    ['windows-1252', 'résumé'],
  ])('detects %s even in one short line: %s', (encoding, text) => {
    expect(decodeBytes(encode(text, encoding), { name: 'a.txt' })).toEqual({ text, encoding });
  });

  it('never returns a KOI8-R file as Windows-1251 gibberish', () => {
    const bytes = encode(RUSSIAN, 'koi8-r');
    // What a naive Windows-1251 decoder makes of it: mostly capitals, in the wrong places.
    expect(iconv.decode(Buffer.from(bytes), 'windows-1251')).toMatch(/^нЙОЙУФТ ЙОПУФТБООЩИ/);
    const decoded = decodeBytes(bytes, { name: 'a.txt' });
    expect(decoded.encoding).toBe('koi8-r');
    expect(decoded.text).toContain('переговоры о границе');
  });

  it('never returns a Windows-1251 file as KOI8-R or Latin-1 gibberish', () => {
    const decoded = decodeBytes(encode(UKRAINIAN, 'windows-1251'), { name: 'a.txt' });
    expect(decoded.text).toContain('Ґрунтовна відповідь');
  });

  it('looks past a long ASCII preamble to the text that tells encodings apart', () => {
    const text = `${'Forwarded message. '.repeat(10_000)}\n${RUSSIAN}`;
    expect(decodeBytes(encode(text, 'koi8-r'), { name: 'a.txt' }).encoding).toBe('koi8-r');
  });

  it('names Windows-1252 for the text it decodes when ISO-8859-15 and it agree', () => {
    expect(decodeBytes(encode('Größe', 'iso-8859-15'), { name: 'a.txt' }).encoding).toBe(
      'windows-1252',
    );
  });

  it('keeps Latin words in Cyrillic text intact', () => {
    const text = 'Компания Apple и NATO провели встречу в Brussels.';
    expect(decodeBytes(encode(text, 'koi8-r'), { name: 'a.txt' })).toEqual({
      text,
      encoding: 'koi8-r',
    });
  });
});

describe('decodeBytes: forced encoding ("Re-import as…")', () => {
  it('decodes with the forced encoding even when detection would choose another', () => {
    const bytes = encode('Привет', 'windows-1251');
    expect(decodeBytes(bytes, { name: 'a.txt', forced: 'koi8-r' })).toEqual({
      text: iconv.decode(Buffer.from(bytes), 'koi8-r'),
      encoding: 'koi8-r',
    });
  });

  it('accepts iconv-lite aliases and names the encoding canonically', () => {
    const bytes = encode(RUSSIAN, 'windows-1251');
    expect(decodeBytes(bytes, { name: 'a.txt', forced: 'CP1251' })).toEqual({
      text: RUSSIAN,
      encoding: 'windows-1251',
    });
  });

  it('overrides UTF-8 detection too, and strips the BOM of the forced encoding', () => {
    const bytes = encode('Добрый день', 'utf-16le', true);
    expect(decodeBytes(bytes, { name: 'a.txt', forced: 'UTF-16LE' })).toEqual({
      text: 'Добрый день',
      encoding: 'utf-16le',
    });
  });

  it('refuses an unknown encoding name', () => {
    const attempt = () => decodeBytes(utf8('x'), { name: 'a.txt', forced: 'klingon-8' });
    expect(attempt).toThrowError(GlossError);
    expect(attempt).toThrowError('Unknown encoding "klingon-8"');
    try {
      attempt();
    } catch (error) {
      expect((error as GlossError).code).toBe('invalid_argument');
    }
  });
});

describe('decodeBytes: binary data', () => {
  const binary = (bytes: number[]) => {
    try {
      decodeBytes(new Uint8Array(bytes), { name: 'photo.txt' });
    } catch (error) {
      return (error as GlossError).toJSON();
    }
    throw new Error('expected a GlossError');
  };

  it('refuses data with NUL bytes that is not UTF-16', () => {
    // The start of a PNG file.
    const png = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d, 0x49, 0x48, 0x44];
    expect(binary(png)).toEqual({
      code: 'unsupported_format',
      message: 'photo.txt: this looks like a binary file, not text',
    });
  });

  it('refuses a NUL byte far into the file, past the part inspected first', () => {
    expect(binary([...utf8('Plain text. '.repeat(30_000)), 0, 0x41]).code).toBe(
      'unsupported_format',
    );
  });

  it('refuses data full of control bytes', () => {
    const bytes = Array.from({ length: 400 }, (_, i) => (i % 3 === 0 ? 0x02 : 0x41 + (i % 26)));
    expect(binary(bytes).code).toBe('unsupported_format');
  });

  it('accepts the odd form feed and DOS end-of-file byte', () => {
    const bytes = [...utf8('Page one\fPage two'), 0x1a];
    expect(decodeBytes(new Uint8Array(bytes), { name: 'a.txt' }).text).toBe(
      'Page one\fPage two\x1a',
    );
  });
});

describe('canonicalEncodingName', () => {
  it.each([
    ['CP1251', 'windows-1251'],
    ['win-1251', 'windows-1251'],
    ['Windows-1252', 'windows-1252'],
    ['KOI8R', 'koi8-r'],
    ['koi8_u', 'koi8-u'],
    ['ISO8859-5', 'iso-8859-5'],
    ['UTF8', 'utf-8'],
    ['utf16le', 'utf-16le'],
    ['CP866', 'ibm866'],
    ['latin1', 'iso-8859-1'],
    ['MacCyrillic', 'maccyrillic'],
  ])('%s → %s', (label, name) => {
    expect(canonicalEncodingName(label)).toBe(name);
  });
});
