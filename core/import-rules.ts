/**
 * Which files an import takes, shared by every door: the service's folder walk (desktop, CLI) and
 * the renderer's (folders dropped or chosen in browser mode) must import the same files.
 */
import type { DocumentFormat } from './domain';

/** File extensions Gloss imports, lower-case with the dot, and the format each one means. */
export const IMPORT_EXTENSIONS: Readonly<Record<string, DocumentFormat>> = {
  '.txt': 'txt',
  '.text': 'txt',
  '.md': 'md',
  '.markdown': 'md',
  '.html': 'html',
  '.htm': 'html',
  '.xhtml': 'html',
  '.mhtml': 'mhtml',
  '.mht': 'mhtml',
  '.docx': 'docx',
  // Macro-enabled documents and templates are the same container; macros are never run.
  '.docm': 'docx',
  '.dotx': 'docx',
  '.pdf': 'pdf',
  '.epub': 'epub',
};

/*
 * "Save page as… Web page, complete" writes `Article.html` next to a folder of its images, styles
 * and scripts, named after the page with a suffix in the browser's language: `Article_files`
 * (English and most browsers), `Article-Dateien` (German Firefox), `Article_archivos` (Spanish)…
 * A folder import should read the page and skip that folder: its files are not documents, and its
 * `.html`/`.htm` frames and ads would become junk documents.
 */

/** Suffixes browsers give the asset folder, by language (compared case-insensitively). */
const ASSET_SUFFIXES = [
  'files', // English; Chrome, Edge and Safari in every language
  'dateien', // German
  'archivos', // Spanish
  'fichiers', // French
  'file', // Italian
  'bestanden', // Dutch
  'arquivos', // Portuguese (Brazil)
  'ficheiros', // Portuguese
  'pliki', // Polish
  'soubory', // Czech
  'súbory', // Slovak
  'tiedostot', // Finnish
  'filer', // Danish, Norwegian, Swedish
  'dosyalar', // Turkish
  'fájlok', // Hungarian
  'datoteke', // Croatian, Slovenian
  'fișiere', // Romanian
  'файлы', // Russian
  'файли', // Ukrainian
  'файлове', // Bulgarian
  'αρχεία', // Greek
];

const PAGE_EXTENSIONS = ['.html', '.htm', '.xhtml', '.shtml'];

/**
 * True when `dirPath` is the asset folder of a saved page: its name is `<stem>_files` (or
 * `<stem>-files`, or one of the localised suffixes above) and a page `<stem>.html` / `.htm` /
 * `.xhtml` / `.shtml` is among `siblingNames` (the names in the folder's parent). Pure: it reads
 * nothing from disk. Works with `/` and `\` separators and a trailing separator.
 */
export function isSavedPageAssetDir(dirPath: string, siblingNames: string[]): boolean {
  const folder =
    dirPath
      .replace(/[/\\]+$/, '')
      .split(/[/\\]/)
      .at(-1) ?? '';
  const lower = folder.normalize('NFC').toLowerCase();
  const siblings = new Set(siblingNames.map((name) => name.normalize('NFC').toLowerCase()));
  for (const suffix of ASSET_SUFFIXES) {
    for (const separator of ['_', '-']) {
      const tail = `${separator}${suffix}`;
      if (!lower.endsWith(tail) || lower.length === tail.length) continue;
      const stem = lower.slice(0, -tail.length);
      if (PAGE_EXTENSIONS.some((extension) => siblings.has(`${stem}${extension}`))) return true;
    }
  }
  return false;
}
