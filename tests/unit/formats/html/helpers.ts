import type { Block } from '../../../../core/domain';
import { CodePointIndex } from '../../../../core/offsets';
import type { ReadContext } from '../../../../formats/types';
import type { ImportOptions } from '../../../../core/domain';

/** Each block as [kind, level, its text], cut out of the text by its code-point offsets. */
export function outline(article: {
  text: string;
  blocks: Block[];
}): [string, number | null, string][] {
  const index = new CodePointIndex(article.text);
  return article.blocks.map((b) => [b.kind, b.level ?? null, index.slice(b.start, b.end)]);
}

/** Each mark as [kind, the text it covers, href or null]. */
export function marks(article: {
  text: string;
  blocks: Block[];
}): [string, string, string | null][] {
  const index = new CodePointIndex(article.text);
  return article.blocks.flatMap((b) =>
    (b.marks ?? []).map((m): [string, string, string | null] => [
      m.kind,
      index.slice(m.start, m.end),
      m.href ?? null,
    ]),
  );
}

/** The text of the blocks, one per entry. */
export function blockTexts(article: { text: string; blocks: Block[] }): string[] {
  return outline(article).map(([, , text]) => text);
}

/** A ReadContext for a file named `name`. */
export function context(
  name: string,
  options: ImportOptions = {},
  maxTextChars = 50_000_000,
): ReadContext {
  return { name, options, maxTextChars };
}

export const utf8 = (text: string): Uint8Array => new TextEncoder().encode(text);

/** Quoted-printable as browsers write it: =XX for non-ASCII and '=', soft breaks at 76 columns. */
export function quotedPrintable(bytes: Uint8Array): string {
  let out = '';
  let line = '';
  for (const byte of bytes) {
    const printable = byte >= 0x20 && byte <= 0x7e && byte !== 0x3d;
    const token =
      byte === 0x0a
        ? '\r\n'
        : printable
          ? String.fromCharCode(byte)
          : `=${byte.toString(16).toUpperCase().padStart(2, '0')}`;
    if (token === '\r\n') {
      out += `${line}\r\n`;
      line = '';
      continue;
    }
    if (line.length + token.length > 75) {
      out += `${line}=\r\n`;
      line = '';
    }
    line += token;
  }
  return out + line;
}

/** A one-page web archive (MHTML) as Chrome writes it, the page quoted-printable encoded. */
export function mhtmlOf(html: string, location = 'https://news.example/world/story-1'): Uint8Array {
  const boundary = '----MultipartBoundary--gloss----';
  return utf8(
    [
      'From: <Saved by Blink>',
      `Snapshot-Content-Location: ${location}`,
      'MIME-Version: 1.0',
      `Content-Type: multipart/related; type="text/html"; boundary="${boundary}"`,
      '',
      `--${boundary}`,
      'Content-Type: text/html',
      'Content-Transfer-Encoding: quoted-printable',
      `Content-Location: ${location}`,
      '',
      quotedPrintable(utf8(html)),
      `--${boundary}--`,
      '',
    ].join('\r\n'),
  );
}
