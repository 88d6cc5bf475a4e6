/**
 * A genuinely encrypted PDF, written by hand: pdf-lib cannot encrypt. It uses the standard
 * security handler, revision 2 (RC4, 40-bit key; ISO 32000-1 §7.6.3, algorithms 1–4): its one
 * page's content stream is encrypted with the key derived from the user password, so pdf.js can
 * read it only with that password — and, with an empty user password, without asking.
 */
import { createHash } from 'node:crypto';

/** The 32-byte padding string of algorithm 2. */
const PADDING = Uint8Array.from([
  0x28, 0xbf, 0x4e, 0x5e, 0x4e, 0x75, 0x8a, 0x41, 0x64, 0x00, 0x4e, 0x56, 0xff, 0xfa, 0x01, 0x08,
  0x2e, 0x2e, 0x00, 0xb6, 0xd0, 0x68, 0x3e, 0x80, 0x2f, 0x0c, 0xa9, 0xfe, 0x64, 0x53, 0x69, 0x7a,
]);
/** Permissions: everything allowed (bits 1–2 must be 0, 7–8 and 13–32 must be 1). */
const PERMISSIONS = -4;
const FILE_ID = Uint8Array.from({ length: 16 }, (_, i) => i * 17);

/** A one-page PDF showing `text`, encrypted for the given passwords. */
export function encryptedPdf(
  text: string,
  userPassword: string,
  ownerPassword = 'owner',
): Uint8Array {
  const owner = ownerValue(ownerPassword, userPassword);
  const key = fileKey(userPassword, owner);
  const user = rc4(key, PADDING);
  const content = new TextEncoder().encode(`BT /F1 14 Tf 72 700 Td (${text}) Tj ET`);
  const encryptedContent = rc4(objectKey(key, 5), content);

  const parts: (string | Uint8Array)[] = [];
  const offsets: number[] = [];
  let length = 0;
  const write = (part: string | Uint8Array) => {
    parts.push(part);
    length += typeof part === 'string' ? part.length : part.length;
  };
  const object = (number: number, body: (string | Uint8Array)[]) => {
    offsets[number] = length;
    write(`${number} 0 obj\n`);
    body.forEach(write);
    write('\nendobj\n');
  };
  write('%PDF-1.4\n');
  object(1, ['<< /Type /Catalog /Pages 2 0 R >>']);
  object(2, ['<< /Type /Pages /Kids [3 0 R] /Count 1 >>']);
  object(3, [
    '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] ',
    '/Resources << /Font << /F1 4 0 R >> >> /Contents 5 0 R >>',
  ]);
  object(4, ['<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>']);
  object(5, [
    `<< /Length ${encryptedContent.length} >>\nstream\n`,
    encryptedContent,
    '\nendstream',
  ]);
  object(6, [
    `<< /Filter /Standard /V 1 /R 2 /O <${hex(owner)}> /U <${hex(user)}> /P ${PERMISSIONS} >>`,
  ]);
  const xref = length;
  write('xref\n0 7\n0000000000 65535 f \n');
  for (let n = 1; n <= 6; n++) write(`${String(offsets[n]).padStart(10, '0')} 00000 n \n`);
  write(
    `trailer\n<< /Size 7 /Root 1 0 R /Encrypt 6 0 R /ID [<${hex(FILE_ID)}> <${hex(FILE_ID)}>] >>\n`,
  );
  write(`startxref\n${xref}\n%%EOF\n`);

  const out = new Uint8Array(length);
  let at = 0;
  for (const part of parts) {
    const bytes = typeof part === 'string' ? Uint8Array.from(part, (c) => c.charCodeAt(0)) : part;
    out.set(bytes, at);
    at += bytes.length;
  }
  return out;
}

/** A password padded or cut to 32 bytes with the padding string (algorithm 2, step a). */
function padded(password: string): Uint8Array {
  const bytes = Uint8Array.from(password.slice(0, 32), (c) => c.charCodeAt(0));
  const out = new Uint8Array(32);
  out.set(bytes);
  out.set(PADDING.subarray(0, 32 - bytes.length), bytes.length);
  return out;
}

/** Algorithm 3, revision 2: the /O value. */
function ownerValue(ownerPassword: string, userPassword: string): Uint8Array {
  const key = md5(padded(ownerPassword)).subarray(0, 5);
  return rc4(key, padded(userPassword));
}

/** Algorithm 2, revision 2: the 40-bit file key. */
function fileKey(userPassword: string, owner: Uint8Array): Uint8Array {
  const permissions = new Uint8Array(4);
  new DataView(permissions.buffer).setInt32(0, PERMISSIONS, true);
  return md5(padded(userPassword), owner, permissions, FILE_ID).subarray(0, 5);
}

/** Algorithm 1: the key for one object's strings and streams. */
function objectKey(key: Uint8Array, objectNumber: number, generation = 0): Uint8Array {
  const suffix = Uint8Array.from([
    objectNumber & 0xff,
    (objectNumber >> 8) & 0xff,
    (objectNumber >> 16) & 0xff,
    generation & 0xff,
    (generation >> 8) & 0xff,
  ]);
  return md5(key, suffix).subarray(0, Math.min(key.length + 5, 16));
}

function md5(...parts: Uint8Array[]): Uint8Array {
  const hash = createHash('md5');
  for (const part of parts) hash.update(part);
  return new Uint8Array(hash.digest());
}

/** RC4 (Node's OpenSSL 3 no longer offers it by default). */
function rc4(key: Uint8Array, data: Uint8Array): Uint8Array {
  const s = Uint8Array.from({ length: 256 }, (_, i) => i);
  for (let i = 0, j = 0; i < 256; i++) {
    j = (j + s[i]! + key[i % key.length]!) & 0xff;
    [s[i], s[j]] = [s[j]!, s[i]!];
  }
  const out = new Uint8Array(data.length);
  for (let n = 0, i = 0, j = 0; n < data.length; n++) {
    i = (i + 1) & 0xff;
    j = (j + s[i]!) & 0xff;
    [s[i], s[j]] = [s[j]!, s[i]!];
    out[n] = data[n]! ^ s[(s[i]! + s[j]!) & 0xff]!;
  }
  return out;
}

function hex(bytes: Uint8Array): string {
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
}
