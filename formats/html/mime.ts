/**
 * A small MIME reader (RFC 2045/2046), enough for web archives: header blocks with folded lines,
 * parameters (`boundary="…"`, `charset=…`), nested multipart bodies, and the quoted-printable and
 * base64 transfer encodings. It works on the raw bytes (as a Latin-1 string, which maps each byte
 * to one character and back), so 8-bit parts are not corrupted before their charset is known.
 */

/** One leaf part of a message: its headers (lower-case names) and decoded body bytes. */
export interface MimePart {
  headers: Map<string, string>;
  body: Uint8Array;
}

/** A header value split into its main value (lower-cased) and its parameters. */
export interface HeaderValue {
  value: string;
  params: Map<string, string>;
}

/** Multipart bodies nest at most this deep; a deeper one is read as an opaque part. */
const MAX_DEPTH = 8;

/**
 * The leaf parts of a MIME message, in order (multipart bodies flattened). A message that is not
 * multipart is one part. Returns the top-level headers too, and no parts when there are none.
 */
export function parseMimeMessage(bytes: Uint8Array): {
  headers: Map<string, string>;
  parts: MimePart[];
} {
  const raw = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('latin1');
  const { headers, body } = splitEntity(raw);
  const parts: MimePart[] = [];
  collectParts(headers, body, parts, 0);
  return { headers, parts };
}

/** Parses `text/html; charset="utf-8"` into `text/html` and its parameters. */
export function parseHeaderValue(header: string | undefined): HeaderValue {
  const source = header ?? '';
  const semicolon = source.indexOf(';');
  const value = (semicolon < 0 ? source : source.slice(0, semicolon)).trim().toLowerCase();
  const params = new Map<string, string>();
  if (semicolon >= 0) {
    const pattern = /;\s*([^\s=;]+)\s*=\s*("(?:[^"\\]|\\.)*"|[^;]*)/g;
    for (const match of source.slice(semicolon).matchAll(pattern)) {
      let param = match[2]!.trim();
      if (param.startsWith('"')) param = param.slice(1, -1).replace(/\\(.)/g, '$1');
      const name = match[1]!.toLowerCase();
      if (!params.has(name)) params.set(name, param);
    }
  }
  return { value, params };
}

/** Quoted-printable to bytes: `=XX` is a byte, `=` at a line end is a soft break. */
export function decodeQuotedPrintable(text: string): Uint8Array {
  const out = new Uint8Array(text.length);
  let length = 0;
  for (let i = 0; i < text.length; i++) {
    const unit = text.charCodeAt(i);
    if (unit === 0x3d /* = */) {
      const soft = /^[ \t]*(?:\r\n|\n|\r)/.exec(text.slice(i + 1, i + 80));
      if (soft) {
        i += soft[0].length;
        continue;
      }
      const hex = text.slice(i + 1, i + 3);
      if (/^[0-9A-Fa-f]{2}$/.test(hex)) {
        out[length++] = parseInt(hex, 16);
        i += 2;
        continue;
      }
    }
    // Anything else, a malformed `=` included, is kept as the byte it is.
    out[length++] = unit & 0xff;
  }
  return out.subarray(0, length);
}

/** Base64 to bytes; line breaks and other characters outside the alphabet are ignored. */
export function decodeBase64(text: string): Uint8Array {
  return new Uint8Array(Buffer.from(text.replace(/[^A-Za-z0-9+/=_-]/g, ''), 'base64'));
}

function collectParts(
  headers: Map<string, string>,
  body: string,
  into: MimePart[],
  depth: number,
): void {
  const type = parseHeaderValue(headers.get('content-type'));
  const boundary = type.params.get('boundary');
  if (type.value.startsWith('multipart/') && boundary && depth < MAX_DEPTH) {
    for (const part of splitMultipart(body, boundary)) {
      const entity = splitEntity(part);
      collectParts(entity.headers, entity.body, into, depth + 1);
    }
    return;
  }
  into.push({ headers, body: decodeBody(body, headers.get('content-transfer-encoding')) });
}

/** The bodies between `--boundary` delimiter lines, up to the closing `--boundary--`. */
function splitMultipart(body: string, boundary: string): string[] {
  const delimiter = `--${boundary}`;
  const parts: string[] = [];
  let at = body.startsWith(delimiter) ? 0 : findDelimiter(body, delimiter, 0);
  while (at >= 0) {
    const afterDelimiter = at + delimiter.length;
    if (body.startsWith('--', afterDelimiter)) break; // the close delimiter
    const lineEnd = body.indexOf('\n', afterDelimiter);
    if (lineEnd < 0) break;
    const next = findDelimiter(body, delimiter, lineEnd);
    // The line break before a delimiter belongs to the delimiter, not to the part.
    const end = next < 0 ? body.length : next - (body[next - 2] === '\r' ? 2 : 1);
    parts.push(body.slice(lineEnd + 1, Math.max(lineEnd + 1, end)));
    at = next;
  }
  return parts;
}

/** Index of the next delimiter that starts a line, at or after `from` (which is at a line break). */
function findDelimiter(body: string, delimiter: string, from: number): number {
  const found = body.indexOf(`\n${delimiter}`, from);
  return found < 0 ? -1 : found + 1;
}

/** Splits an entity into its header block (folded lines unfolded) and its body. */
function splitEntity(entity: string): { headers: Map<string, string>; body: string } {
  const blank = /\r?\n\r?\n/.exec(entity);
  const headerText = blank ? entity.slice(0, blank.index) : entity;
  const body = blank ? entity.slice(blank.index + blank[0].length) : '';
  const headers = new Map<string, string>();
  for (const line of headerText.replace(/\r?\n[ \t]+/g, ' ').split(/\r?\n/)) {
    const colon = line.indexOf(':');
    if (colon <= 0) continue;
    const name = line.slice(0, colon).trim().toLowerCase();
    if (!headers.has(name)) headers.set(name, line.slice(colon + 1).trim());
  }
  return { headers, body };
}

function decodeBody(body: string, transferEncoding: string | undefined): Uint8Array {
  switch (transferEncoding?.trim().toLowerCase()) {
    case 'quoted-printable':
      return decodeQuotedPrintable(body);
    case 'base64':
      return decodeBase64(body);
    default:
      // 7bit, 8bit, binary: the bytes as they are.
      return new Uint8Array(Buffer.from(body, 'latin1'));
  }
}
