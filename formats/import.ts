import { createHash } from 'node:crypto';
import { LIMITS } from '../core/api';
import type { Block, DocumentFormat } from '../core/domain';
import { GlossError } from '../core/errors';
import { decodeText } from './decode';
import { detectFormat } from './detect';
import { parseMarkdown } from './import-md';
import { parsePlainText } from './import-txt';

/** A file turned into a document, ready to be stored. */
export interface ImportedFile {
  title: string;
  /** The stored text; every offset refers to it. */
  text: string;
  blocks: Block[];
  format: DocumentFormat;
  /** SHA-256 of the file's bytes as given, hex. */
  sha256: string;
  byteSize: number;
}

/**
 * Turns the bytes of one file into a document. Throws GlossError naming the file:
 * `unsupported_format` (extension, binary, not UTF-8), `invalid_argument` (nothing to read),
 * `too_large`.
 */
export function importFile(name: string, bytes: Uint8Array): ImportedFile {
  const format = detectFormat(name);
  if (bytes.byteLength > LIMITS.maxFileBytes) {
    throw new GlossError(
      'too_large',
      `${name}: the file is larger than ${LIMITS.maxFileBytes / (1024 * 1024)} MB`,
    );
  }
  const decoded = decodeText(name, bytes);
  if (decoded.trim() === '') {
    throw new GlossError(
      'invalid_argument',
      `${name}: the file is empty — there is no text to read`,
    );
  }
  const parsed = format === 'md' ? parseMarkdown(name, decoded) : parsePlainText(name, decoded);
  if (parsed.blocks.length === 0) {
    throw new GlossError('invalid_argument', `${name}: the file has no readable text`);
  }
  return {
    ...parsed,
    format,
    sha256: createHash('sha256').update(bytes).digest('hex'),
    byteSize: bytes.byteLength,
  };
}
