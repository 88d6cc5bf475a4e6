import iconv from 'iconv-lite';
import { normaliseText } from '../core/text';
import { decodeBytes } from './encoding';

/** A text file's stored text and the encoding it was read with. */
export interface DecodedText {
  /** BOM dropped, CRLF → LF (core/text.ts normaliseText); nothing else changed. */
  text: string;
  /** The encoding's name as recorded in provenance, e.g. "utf-8", "windows-1251". */
  encoding: string;
}

/**
 * Decodes a text file (.txt, .md) to its stored text. With `forced` (ImportOptions.encoding, an
 * iconv-lite name) the bytes are read in that encoding whatever they look like: that is how an
 * analyst corrects a wrong guess. Otherwise the encoding is detected (encoding.ts: byte-order
 * mark, UTF-16, UTF-8, then the legacy Cyrillic and Latin code pages). Then `normaliseText`.
 * Throws GlossError: 'unsupported_format' for binary content, 'invalid_argument' for an unknown
 * forced encoding.
 */
export function decodeText(name: string, bytes: Uint8Array, forced?: string): DecodedText {
  const decoded = decodeBytes(bytes, forced === undefined ? { name } : { name, forced });
  return { text: normaliseText(decoded.text), encoding: decoded.encoding };
}

/** Whether iconv-lite knows an encoding name (the CLI checks `--encoding` up front). */
export function isKnownEncoding(name: string): boolean {
  return iconv.encodingExists(name);
}
