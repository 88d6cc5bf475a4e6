import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import {
  decodeQuotedPrintable,
  parseHeaderValue,
  parseMimeMessage,
} from '../../../../formats/html/mime';
import { mhtmlReader } from '../../../../formats/html/read-mhtml';
import { blockTexts, context, marks, quotedPrintable, utf8 } from './helpers';

const BOUNDARY = '----MultipartBoundary--Xq3fE2bC9kWm----';

function archive(
  parts: { headers: string[]; body: string }[],
  topHeaders: string[] = [],
): Uint8Array {
  const head = [
    'From: <Saved by Blink>',
    'Snapshot-Content-Location: https://news.example/world/story-1',
    'Subject: =?utf-8?Q?Story?=',
    'MIME-Version: 1.0',
    'Content-Type: multipart/related;',
    '\ttype="text/html";',
    `\tboundary="${BOUNDARY}"`,
    ...topHeaders,
  ].join('\r\n');
  const body = parts
    .map((part) => `--${BOUNDARY}\r\n${part.headers.join('\r\n')}\r\n\r\n${part.body}\r\n`)
    .join('');
  return utf8(
    `${head}\r\n\r\nThis is a preamble a MIME reader skips.\r\n${body}--${BOUNDARY}--\r\n`,
  );
}

const PAGE = `<!DOCTYPE html><html lang="ru"><head><meta charset="utf-8"><title>Репортаж с места событий</title></head>
<body><article><h1>Репортаж с места событий</h1>
<p>Первый абзац очень длинного репортажа, в котором много кириллицы, чтобы строки quoted-printable переносились посреди многобайтовых последовательностей UTF-8 😀.</p>
<p>См. <a href="/world/story-0">предыдущий материал</a> и <a href="https://other.example/x">внешний</a>.</p>
<img src="photo.png" alt="фото"></article></body></html>`;

const IMAGE_PART = {
  headers: [
    'Content-Type: image/png',
    'Content-Transfer-Encoding: base64',
    'Content-Location: https://news.example/world/photo.png',
  ],
  body: 'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==',
};

describe('MIME reading', () => {
  it('decodes quoted-printable: =XX bytes, soft line breaks, malformed escapes kept', () => {
    const decoded = decodeQuotedPrintable('caf=C3=A9 =3D ok=\r\nlong line=\nend =ZZ=');
    expect(new TextDecoder().decode(decoded)).toBe('café = oklong lineend =ZZ=');
  });

  it('parses header values with quoted and bare parameters', () => {
    const value = parseHeaderValue(
      'Multipart/Related; type="text/html"; boundary="a;b=c"; charset=UTF-8',
    );
    expect(value.value).toBe('multipart/related');
    expect([...value.params]).toEqual([
      ['type', 'text/html'],
      ['boundary', 'a;b=c'],
      ['charset', 'UTF-8'],
    ]);
  });

  it('unfolds headers, skips the preamble and flattens nested multiparts', () => {
    const inner = 'inner-boundary';
    const message = archive([
      { headers: ['Content-Type: text/plain'], body: 'first' },
      {
        headers: [`Content-Type: multipart/alternative; boundary=${inner}`],
        body: `--${inner}\r\nContent-Type: text/plain\r\n\r\nalt one\r\n--${inner}\r\nContent-Type: text/html\r\n\r\n<p>alt two</p>\r\n--${inner}--`,
      },
    ]);
    const { headers, parts } = parseMimeMessage(message);
    expect(parseHeaderValue(headers.get('content-type')).params.get('boundary')).toBe(BOUNDARY);
    expect(
      parts.map((p) => [p.headers.get('content-type'), new TextDecoder().decode(p.body)]),
    ).toEqual([
      ['text/plain', 'first'],
      ['text/plain', 'alt one'],
      ['text/html', '<p>alt two</p>'],
    ]);
  });
});

describe('mhtmlReader', () => {
  it('reads the page part (quoted-printable, UTF-8) with Content-Location as its address', async () => {
    const encoded = quotedPrintable(utf8(PAGE));
    expect(encoded).toMatch(/=\r\n/); // the fixture really has soft line breaks
    const bytes = archive([
      {
        headers: [
          'Content-Type: text/html',
          'Content-ID: <frame-1@mhtml.blink>',
          'Content-Transfer-Encoding: quoted-printable',
          'Content-Location: https://news.example/world/story-1',
        ],
        body: encoded,
      },
      IMAGE_PART,
    ]);
    const article = await mhtmlReader.read(bytes, context('story.mhtml'));
    expect(article.title).toBe('Репортаж с места событий');
    expect(blockTexts(article)).toEqual([
      'Репортаж с места событий',
      'Первый абзац очень длинного репортажа, в котором много кириллицы, чтобы строки quoted-printable переносились посреди многобайтовых последовательностей UTF-8 😀.',
      'См. предыдущий материал и внешний.',
    ]);
    expect(marks(article)).toEqual([
      ['link', 'предыдущий материал', 'https://news.example/world/story-0'],
      ['link', 'внешний', 'https://other.example/x'],
    ]);
    expect(article.metadata).toEqual({
      canonicalUrl: 'https://news.example/world/story-1',
      language: 'ru',
    });
    expect(article.encoding).toBe('utf-8');
  });

  it('decodes a base64 part in the charset its Content-Type declares', async () => {
    const html = '<html><body><p>Война и мир: глава первая.</p></body></html>';
    const bytes = archive([
      {
        headers: [
          'Content-Type: text/html; charset="windows-1251"',
          'Content-Transfer-Encoding: base64',
          'Content-Location: http://old.example/page.htm',
        ],
        body: iconv.encode(html, 'windows-1251').toString('base64').replace(/.{76}/g, '$&\r\n'),
      },
    ]);
    const article = await mhtmlReader.read(bytes, context('old.mht', { htmlMode: 'whole-page' }));
    expect(article.text).toBe('Война и мир: глава первая.');
    expect(article.encoding).toBe('windows-1251');
  });

  it('finds the page named by the start parameter even when it is not the first part', async () => {
    const bytes = archive(
      [
        IMAGE_PART,
        {
          headers: ['Content-Type: text/html', 'Content-ID: <other@x>'],
          body: '<p>Not the page.</p>',
        },
        { headers: ['Content-Type: text/html', 'Content-ID: <root@x>'], body: '<p>The page.</p>' },
      ],
      ['X-Note: the start parameter may also come in a later header line'],
    );
    const withStart = new TextDecoder()
      .decode(bytes)
      .replace('type="text/html";', 'type="text/html"; start="<root@x>";');
    const article = await mhtmlReader.read(utf8(withStart), context('start.mhtml'));
    expect(article.text).toBe('The page.');
  });

  it('refuses a file that is not a web archive, or an archive without a page', async () => {
    await expect(
      mhtmlReader.read(utf8('just some text'), context('notes.mht')),
    ).rejects.toMatchObject({
      code: 'unsupported_format',
      message: 'notes.mht: this is not a web archive (MHTML) — it has no MIME headers',
    });
    await expect(
      mhtmlReader.read(archive([IMAGE_PART]), context('images.mhtml')),
    ).rejects.toMatchObject({
      code: 'unsupported_format',
      message: 'images.mhtml: the web archive contains no web page (no text/html part)',
    });
  });
});
