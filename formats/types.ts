/**
 * The contract every format reader keeps. A reader turns the bytes of one file into an
 * ExtractedArticle: the stored text, its blocks (code-point ranges, see core/domain.ts) and what
 * the file says about itself. It never runs what the file contains and never fetches anything.
 * It throws GlossError with a message that names the file and says what is wrong in words an
 * analyst understands ("report.pdf: this PDF has no text layer (a scan?) — Gloss does not OCR").
 */
import type { Block, DocumentFormat, DocumentMetadata, ImportOptions } from '../core/domain';

export interface ExtractedArticle {
  title: string;
  /** The stored text; block texts joined by "\n" for structured formats. */
  text: string;
  blocks: Block[];
  metadata: DocumentMetadata;
  /** The encoding the text was decoded from (text formats), else null. */
  encoding: string | null;
}

export interface ReadContext {
  /** The file's name as the user knows it, for messages and as a fallback title. */
  name: string;
  options: ImportOptions;
  /** The extracted text may not exceed this many characters (GlossError 'too_large'). */
  maxTextChars: number;
}

export interface FormatReader {
  format: DocumentFormat;
  /** Shown in provenance, e.g. { name: 'pdf.js', version: '4.10.38' }. */
  importer: { name: string; version: string };
  read(bytes: Uint8Array, context: ReadContext): Promise<ExtractedArticle>;
}
