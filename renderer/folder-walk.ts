import { IMPORT_EXTENSIONS, isSavedPageAssetDir } from '../core/import-rules';
import type { SkipReason, SkippedFile } from './import-queue';

/**
 * Which files of a dropped or chosen folder get imported. Files picked one by one are always
 * sent (the service reads the content and explains what it cannot read); inside a folder the
 * walk keeps only documents, and leaves out hidden files and the asset folders browsers save
 * beside a web page ("Article_files" next to "Article.html"), which would otherwise fill the
 * results with hundreds of "not a document" lines. A file without a known extension is kept when
 * its first bytes say PDF or web page (as `wget` saves "article.php?id=3"). The same rules as the
 * service's own walk for the desktop (service/walk.ts), taken from core/import-rules.ts, so both
 * doors import the same files.
 */

/** File extensions Gloss imports, without the dot (the service still decides by content). */
export const IMPORTABLE_EXTENSIONS: readonly string[] = Object.keys(IMPORT_EXTENSIONS).map((ext) =>
  ext.slice(1),
);

/** The file input's `accept`: the extensions above and their usual media types. */
export const IMPORT_ACCEPT = [
  ...IMPORTABLE_EXTENSIONS.map((ext) => `.${ext}`),
  'text/plain',
  'text/markdown',
  'text/html',
  'multipart/related',
  'application/pdf',
  'application/epub+zip',
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
].join(',');

/** Names the desktop systems hide or keep for themselves: never an article. */
const SYSTEM_NAMES = new Set(['thumbs.db', 'desktop.ini', '$recycle.bin', '__macosx']);

/** Dot-files and dot-folders, Office lock files ("~$report.docx") and system bookkeeping. */
export function isHiddenName(name: string): boolean {
  return name.startsWith('.') || name.startsWith('~$') || SYSTEM_NAMES.has(name.toLowerCase());
}

/** The lower-case extension of a file name, without the dot ("" when it has none). */
export function extensionOf(name: string): string {
  const dot = name.lastIndexOf('.');
  return dot > 0 ? name.slice(dot + 1).toLowerCase() : '';
}

export function isImportableName(name: string): boolean {
  return IMPORTABLE_EXTENSIONS.includes(extensionOf(name));
}

/** Bytes looked at to recognise a document without a known extension. */
const SNIFF_BYTES = 1024;

/**
 * Whether the first bytes of a file announce a PDF, a web page or a saved page (MHTML). Only
 * for files without a known extension, inside folders; the service decides in the end.
 */
export function looksLikeDocument(head: Uint8Array): boolean {
  // Latin-1: one character per byte, whatever the real encoding; signatures are ASCII.
  const text = Array.from(head.subarray(0, SNIFF_BYTES), (b) => String.fromCharCode(b)).join('');
  if (text.includes('%PDF-')) return true;
  if (/^MIME-Version:/im.test(text) && /multipart\/related/i.test(text)) return true;
  return /^(\ufeff|\xef\xbb\xbf)?\s*(<\?xml[^>]*>\s*)?(<!--[\s\S]*?-->\s*)*<(!doctype\s+html|html|head|body)\b/i.test(
    text,
  );
}

/** `looksLikeDocument` on a file's first bytes; false when it cannot be read. */
export async function sniffDocument(file: Blob): Promise<boolean> {
  try {
    return looksLikeDocument(new Uint8Array(await file.slice(0, SNIFF_BYTES).arrayBuffer()));
  } catch {
    return false;
  }
}

export interface ListingEntry {
  name: string;
  isDirectory: boolean;
}

/**
 * Sorts the entries of one folder into those to keep (files to import, folders to walk into)
 * and those to leave out, each with its reason.
 */
export function sortOutListing<T extends ListingEntry>(
  entries: readonly T[],
): { keep: T[]; skip: { entry: T; reason: SkipReason }[] } {
  const siblings = entries.map((e) => e.name);
  const keep: T[] = [];
  const skip: { entry: T; reason: SkipReason }[] = [];
  for (const entry of entries) {
    let reason: SkipReason | null = null;
    if (isHiddenName(entry.name)) reason = 'hidden';
    else if (entry.isDirectory)
      reason = isSavedPageAssetDir(entry.name, siblings) ? 'page-assets' : null;
    else if (!isImportableName(entry.name)) reason = 'not-a-document';
    if (reason) skip.push({ entry, reason });
    else keep.push(entry);
  }
  return { keep, skip };
}

/**
 * The same choice for the flat list a folder input gives (`webkitRelativePath`, e.g.
 * "Case 12/web/Article_files/logo.png"). A skipped folder is reported once, with a trailing "/",
 * not once per file inside it. The chosen folder itself (the first segment) is never skipped.
 */
export function sortOutRelativePaths<T>(
  items: readonly T[],
  pathOf: (item: T) => string,
): { keep: T[]; skipped: (SkippedFile & { item?: T })[] } {
  // The file names in each folder, to recognise "X_files" beside "X.html".
  const filesByFolder = new Map<string, string[]>();
  for (const item of items) {
    const path = pathOf(item);
    const slash = path.lastIndexOf('/');
    const folder = path.slice(0, Math.max(0, slash));
    const list = filesByFolder.get(folder) ?? [];
    list.push(path.slice(slash + 1));
    filesByFolder.set(folder, list);
  }
  const filesOf = (folder: string) => filesByFolder.get(folder) ?? [];

  const keep: T[] = [];
  const skipped: (SkippedFile & { item?: T })[] = [];
  const skippedFolders = new Set<string>();
  for (const item of items) {
    const segments = pathOf(item).split('/');
    const reason = folderSkipReason(segments, filesOf);
    if (reason) {
      const folder = `${segments.slice(0, reason.depth + 1).join('/')}/`;
      if (!skippedFolders.has(folder)) {
        skippedFolders.add(folder);
        skipped.push({ path: folder, reason: reason.reason });
      }
      continue;
    }
    const name = segments[segments.length - 1] ?? '';
    if (isHiddenName(name)) skipped.push({ path: pathOf(item), reason: 'hidden', item });
    else if (!isImportableName(name)) {
      skipped.push({ path: pathOf(item), reason: 'not-a-document', item });
    } else keep.push(item);
  }
  return { keep, skipped };
}

/**
 * The files of a folder input to import, in path order: `sortOutRelativePaths`, then files
 * without a known extension kept when their first bytes say they are documents.
 */
export async function chooseFolderFiles(
  files: readonly File[],
): Promise<{ keep: File[]; skipped: SkippedFile[] }> {
  const { keep, skipped } = sortOutRelativePaths(files, relativePathOf);
  const left: SkippedFile[] = [];
  for (const { item, path, reason } of skipped) {
    if (reason === 'not-a-document' && item && (await sniffDocument(item))) keep.push(item);
    else left.push({ path, reason });
  }
  keep.sort((a, b) => byName(relativePathOf(a), relativePathOf(b)));
  return { keep, skipped: left };
}

/** A file's path inside the chosen folder ("Case 12/web/Article.html"). */
export function relativePathOf(file: File): string {
  return file.webkitRelativePath || file.name;
}

/** The order a file manager shows names in: "2.txt" before "10.txt". */
function byName(a: string, b: string): number {
  return a.localeCompare(b, undefined, { numeric: true });
}

/** The first folder on a path (below the chosen one) that is skipped, with its reason. */
function folderSkipReason(
  segments: readonly string[],
  filesOf: (folder: string) => string[],
): { depth: number; reason: SkipReason } | null {
  for (let depth = 1; depth < segments.length - 1; depth++) {
    const name = segments[depth]!;
    if (isHiddenName(name)) return { depth, reason: 'hidden' };
    if (isSavedPageAssetDir(name, filesOf(segments.slice(0, depth).join('/')))) {
      return { depth, reason: 'page-assets' };
    }
  }
  return null;
}

/** A file found by a walk: its name, its place in a folder, and how to get its bytes later. */
export interface FoundFile {
  name: string;
  /**
   * Its path inside the folder dropped or chosen, e.g. "Case 12/web/Article.html"; absent for a
   * file picked or dropped by itself.
   */
  path?: string;
  /** The file itself; only called when its turn to be imported comes. */
  open(): Promise<File>;
}

/**
 * Walks what was dropped (from `DataTransferItem.webkitGetAsEntry()`, called during the drop
 * event): files dropped themselves are all kept; folders are walked recursively, keeping only
 * documents (see `sortOutListing`).
 */
export async function walkEntries(
  entries: readonly FileSystemEntry[],
): Promise<{ files: FoundFile[]; skipped: SkippedFile[] }> {
  const files: FoundFile[] = [];
  const skipped: SkippedFile[] = [];
  const visit = async (entry: FileSystemEntry, inFolder: boolean): Promise<void> => {
    if (entry.isFile) {
      files.push(foundEntry(entry as FileSystemFileEntry, inFolder));
      return;
    }
    if (!entry.isDirectory) return;
    let listing: FileSystemEntry[];
    try {
      listing = await readAll(entry as FileSystemDirectoryEntry);
    } catch {
      skipped.push({ path: `${relativePath(entry)}/`, reason: 'unreadable' });
      return;
    }
    const { keep, skip } = sortOutListing(listing);
    for (const { entry: left, reason } of skip) {
      if (reason === 'not-a-document' && left.isFile && (await sniffEntry(left))) keep.push(left);
      else skipped.push({ path: relativePath(left) + (left.isDirectory ? '/' : ''), reason });
    }
    // Sorted by name, as a file manager shows them, so the import order is predictable.
    keep.sort((a, b) => byName(a.name, b.name));
    for (const child of keep) await visit(child, true);
  };
  for (const entry of entries) await visit(entry, false);
  return { files, skipped };
}

function foundEntry(entry: FileSystemFileEntry, inFolder: boolean): FoundFile {
  const open = () => fileOf(entry);
  return inFolder
    ? { name: entry.name, path: relativePath(entry), open }
    : { name: entry.name, open };
}

function fileOf(entry: FileSystemFileEntry): Promise<File> {
  return new Promise<File>((resolve, reject) => entry.file(resolve, reject));
}

async function sniffEntry(entry: FileSystemEntry): Promise<boolean> {
  try {
    return await sniffDocument(await fileOf(entry as FileSystemFileEntry));
  } catch {
    return false;
  }
}

/** An entry's path inside the drop: its `fullPath` without the leading "/". */
function relativePath(entry: FileSystemEntry): string {
  return (entry.fullPath || entry.name).replace(/^\/+/, '');
}

/** All entries of a folder: `readEntries` hands them out in chunks (100 at a time in Chromium). */
async function readAll(folder: FileSystemDirectoryEntry): Promise<FileSystemEntry[]> {
  const reader = folder.createReader();
  const all: FileSystemEntry[] = [];
  for (;;) {
    const chunk = await new Promise<FileSystemEntry[]>((resolve, reject) =>
      reader.readEntries(resolve, reject),
    );
    if (chunk.length === 0) return all;
    all.push(...chunk);
  }
}
