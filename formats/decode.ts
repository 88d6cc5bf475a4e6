import { GlossError } from '../core/errors';
import { normaliseText } from '../core/text';

/**
 * Decodes an imported file to its stored text: UTF-8 (or UTF-16 when it starts with a UTF-16
 * byte-order mark, as Windows Notepad's "Unicode" files do), then `normaliseText` (BOM dropped,
 * CRLF → LF). Refuses binary files and text in a legacy encoding instead of guessing: a wrong
 * guess would corrupt every offset. Throws GlossError('unsupported_format') naming the file.
 */
export function decodeText(name: string, bytes: Uint8Array): string {
  const utf16 = utf16Encoding(bytes);
  if (!utf16 && bytes.includes(0)) throw binaryFile(name);
  let decoded: string;
  try {
    // ignoreBOM keeps the mark in the output, so that normaliseText is the one place that drops it.
    decoded = new TextDecoder(utf16 ?? 'utf-8', { fatal: true, ignoreBOM: true }).decode(bytes);
  } catch {
    throw new GlossError(
      'unsupported_format',
      `${name}: the file is not valid ${utf16 ? 'UTF-16' : 'UTF-8'} text — ` +
        'save it as UTF-8 and import it again',
    );
  }
  if (utf16 && decoded.includes('\0')) throw binaryFile(name);
  return normaliseText(decoded);
}

function binaryFile(name: string): GlossError {
  return new GlossError(
    'unsupported_format',
    `${name}: this is a binary file, not text (it contains NUL bytes)`,
  );
}

function utf16Encoding(bytes: Uint8Array): 'utf-16le' | 'utf-16be' | undefined {
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return 'utf-16le';
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return 'utf-16be';
  return undefined;
}
