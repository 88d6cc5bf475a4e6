import type { DocumentFormat } from '../core/domain';
import { GlossError } from '../core/errors';

/** File extensions Gloss imports, lower-case with the dot, and the format each one means. */
export const IMPORT_EXTENSIONS: Readonly<Record<string, DocumentFormat>> = {
  '.txt': 'txt',
  '.md': 'md',
  '.markdown': 'md',
};

/** The extension of a file name, lower-case with its dot, or '' when it has none. */
export function extensionOf(name: string): string {
  const base = name.slice(Math.max(name.lastIndexOf('/'), name.lastIndexOf('\\')) + 1);
  const dot = base.lastIndexOf('.');
  return dot > 0 ? base.slice(dot).toLowerCase() : '';
}

/**
 * The format of a file, decided by its extension. Throws GlossError('unsupported_format') naming
 * the file and the extensions that are accepted.
 */
export function detectFormat(name: string): DocumentFormat {
  const extension = extensionOf(name);
  const format = IMPORT_EXTENSIONS[extension];
  if (format) return format;
  const what = extension ? `file type "${extension}"` : 'file without an extension';
  throw new GlossError(
    'unsupported_format',
    `${name}: unsupported ${what} — Gloss imports .txt and .md`,
    { name, extension },
  );
}
