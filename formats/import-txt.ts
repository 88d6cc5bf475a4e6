import { blocksFromPlainText } from '../core/blocks';
import type { Block } from '../core/domain';
import { titleFromLine } from './title';

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
  const firstLine = text.split('\n').find((line) => line.trim() !== '');
  return {
    title: firstLine === undefined ? name : titleFromLine(firstLine),
    text,
    blocks: blocksFromPlainText(text),
  };
}
