import type { DocumentFormat } from '../core/domain';
import { mdReader } from './import-md';
import { txtReader } from './import-txt';
import type { FormatReader } from './types';

/**
 * Every format's reader, loaded on first use. The heavy readers (jsdom, pdf.js, mammoth) are
 * imported lazily so that opening a project, or importing only text, never pays for loading them;
 * a bundler keeps the same laziness by evaluating a dynamically imported module on first call.
 */
const LOADERS: Record<DocumentFormat, () => Promise<FormatReader>> = {
  txt: async () => txtReader,
  md: async () => mdReader,
  html: async () => (await import('./html/read-html')).htmlReader,
  mhtml: async () => (await import('./html/read-mhtml')).mhtmlReader,
  docx: async () => (await import('./docx/index')).docxReader,
  pdf: async () => (await import('./pdf/index')).pdfReader,
  epub: async () => (await import('./epub/read-epub')).epubReader,
};

/** The reader of a format. */
export function readerFor(format: DocumentFormat): Promise<FormatReader> {
  return LOADERS[format]();
}
