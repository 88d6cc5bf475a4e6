import { blocksFromPlainText } from '../core/blocks';
import type { Block } from '../core/domain';
import { decodeText } from './decode';
import { titleFromLine } from './title';
import type { FormatReader } from './types';

/** What an importer makes of a decoded file. */
export interface ParsedDocument {
  title: string;
  text: string;
  blocks: Block[];
}

/**
 * A plain-text document: the text exactly as decoded (so offsets are offsets into the file),
 * paragraphs as blocks, and its first non-empty line as the title (the file name if none).
 */
export function parsePlainText(name: string, text: string): ParsedDocument {
  const firstLine = text.split('\n', 200).find((line) => line.trim() !== '');
  return {
    title: firstLine === undefined ? name : titleFromLine(firstLine),
    text,
    blocks: blocksFromPlainText(text),
  };
}

/**
 * Reads .txt files: decoded (detected, or `options.encoding` when given), BOM dropped and CRLF
 * turned into LF, and otherwise verbatim. The version names the extraction logic: bump it when
 * the same bytes would give another text or other blocks, so provenance tells the two apart.
 */
export const txtReader: FormatReader = {
  format: 'txt',
  importer: { name: 'Gloss plain text', version: '2' },
  async read(bytes, { name, options }) {
    const { text, encoding } = decodeText(name, bytes, options.encoding);
    return { ...parsePlainText(name, text), metadata: {}, encoding };
  },
};
