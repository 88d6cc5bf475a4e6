/**
 * Which files an import of paths means: files as named, and folders walked recursively for the
 * files Gloss can import. Used by importPaths and expandPaths (desktop dialog, CLI); browser mode
 * refuses both, so only a person at this computer ever points the service at its disk.
 */
import { open, readdir, realpath, stat } from 'node:fs/promises';
import { basename, join, resolve } from 'node:path';
import { extensionOf, IMPORT_EXTENSIONS, looksImportable } from '../formats/detect';
import { isSavedPageAssetDir } from '../core/import-rules';

/** A file to import, as listed by expandPaths. */
export interface FoundFile {
  /** Absolute path as walked (through any links), recorded as the document's source path. */
  path: string;
  name: string;
  size: number;
}

export interface Expansion {
  files: FoundFile[];
  /** Entries inside folders that were left out, each "path: why". */
  skipped: string[];
  /** Paths the caller named that are not there or cannot be read: failures, not skips. */
  missing: { path: string; reason: string }[];
}

/** A walk stops listing files after this many (the rest are reported as skipped). */
export const MAX_EXPANDED_FILES = 10_000;
/** Folders deeper than this are not entered (a runaway tree, or links the loop check missed). */
const MAX_DEPTH = 40;
/** Skipped entries listed one by one; beyond that they are counted. */
const MAX_SKIPPED_LISTED = 500;
/** Bytes read from a file without a known extension to see whether it is importable anyway. */
const SNIFF_BYTES = 8192;

const collator = new Intl.Collator('en', { numeric: true, sensitivity: 'base' });

interface WalkState extends Expansion {
  seenDirs: Set<string>;
  seenFiles: Set<string>;
  skippedCount: number;
  full: boolean;
}

/**
 * The importable files under `paths`, in order: each named file as it is (whatever its type — the
 * import then says what is wrong with it), and for each folder, recursively and sorted by name,
 * the files whose extension Gloss imports or whose first bytes are a PDF or a web page. Left out,
 * and reported: hidden files and folders (dot names), Office lock files (`~$…`), the asset
 * folders of saved web pages (`Page_files` beside `Page.html`), links that lead back to a folder
 * already walked (symlink loops) and broken links. Relative paths resolve against the process's
 * working folder.
 */
export async function expandFilePaths(
  paths: readonly string[],
  maxFiles = MAX_EXPANDED_FILES,
): Promise<Expansion> {
  const state: WalkState = {
    files: [],
    skipped: [],
    missing: [],
    seenDirs: new Set(),
    seenFiles: new Set(),
    skippedCount: 0,
    full: false,
  };
  for (const given of paths) {
    const path = resolve(given);
    let info;
    try {
      info = await stat(path);
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      const reason = code === 'ENOENT' ? 'no such file or folder' : `cannot be read (${code})`;
      state.missing.push({ path, reason });
      continue;
    }
    if (info.isDirectory()) await walkFolder(path, state, maxFiles, 0);
    else if (info.isFile()) await addFile(path, info.size, state, maxFiles);
    else state.missing.push({ path, reason: 'not a file or a folder' });
  }
  if (state.skippedCount > MAX_SKIPPED_LISTED) {
    state.skipped.push(`… and ${state.skippedCount - MAX_SKIPPED_LISTED} more entries skipped`);
  }
  return { files: state.files, skipped: state.skipped, missing: state.missing };
}

async function walkFolder(
  folder: string,
  state: WalkState,
  maxFiles: number,
  depth: number,
): Promise<void> {
  let real: string;
  try {
    real = await realpath(folder);
  } catch {
    return skip(state, folder, 'cannot be read');
  }
  if (state.seenDirs.has(real)) return skip(state, folder, 'a link back to a folder already read');
  state.seenDirs.add(real);
  if (depth > MAX_DEPTH) return skip(state, folder, `more than ${MAX_DEPTH} folders deep`);
  let entries;
  try {
    entries = await readdir(folder, { withFileTypes: true });
  } catch (error) {
    return skip(state, folder, `cannot be read (${(error as NodeJS.ErrnoException).code})`);
  }
  const siblingNames = entries.map((entry) => entry.name);
  entries.sort((a, b) => collator.compare(a.name, b.name) || (a.name < b.name ? -1 : 1));
  for (const entry of entries) {
    if (state.full) return;
    const path = join(folder, entry.name);
    if (entry.name.startsWith('.')) {
      skip(state, path, 'hidden');
      continue;
    }
    if (entry.name.startsWith('~$')) {
      skip(state, path, 'an Office lock file');
      continue;
    }
    let isFolder = entry.isDirectory();
    let isFile = entry.isFile();
    let size = -1;
    if (entry.isSymbolicLink()) {
      try {
        const target = await stat(path);
        isFolder = target.isDirectory();
        isFile = target.isFile();
        size = target.size;
      } catch {
        skip(state, path, 'a broken link');
        continue;
      }
    }
    if (isFolder) {
      if (isSavedPageAssetDir(path, siblingNames)) {
        skip(state, path, 'the files of a saved web page (imported with the page)');
      } else {
        await walkFolder(path, state, maxFiles, depth + 1);
      }
    } else if (!isFile) {
      skip(state, path, 'not a regular file');
    } else if (await isImportable(path, entry.name)) {
      await addFile(path, size, state, maxFiles);
    } else {
      skip(state, path, 'not a file type Gloss imports');
    }
  }
}

async function addFile(path: string, size: number, state: WalkState, maxFiles: number) {
  let real: string;
  try {
    real = await realpath(path);
    if (size < 0) size = (await stat(path)).size;
  } catch {
    return skip(state, path, 'cannot be read');
  }
  if (state.seenFiles.has(real)) return; // named twice, or reached through a link: import once
  if (state.files.length >= maxFiles) {
    state.full = true;
    return skip(state, path, `not listed: an import takes at most ${maxFiles} files at once`);
  }
  state.seenFiles.add(real);
  state.files.push({ path, name: basename(path), size });
}

/** A known extension, or (for other names) a PDF or web-page signature in the first bytes. */
async function isImportable(path: string, name: string): Promise<boolean> {
  if (IMPORT_EXTENSIONS[extensionOf(name)] !== undefined) return true;
  let handle;
  try {
    handle = await open(path, 'r');
    const head = new Uint8Array(SNIFF_BYTES);
    const { bytesRead } = await handle.read(head, 0, SNIFF_BYTES, 0);
    return looksImportable(head.subarray(0, bytesRead));
  } catch {
    return false;
  } finally {
    await handle?.close();
  }
}

function skip(state: WalkState, path: string, why: string): void {
  state.skippedCount++;
  if (state.skippedCount <= MAX_SKIPPED_LISTED) state.skipped.push(`${path}: ${why}`);
}
