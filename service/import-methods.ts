/**
 * The import methods of the API: files sent as bytes (every door), paths the service reads itself
 * (desktop and CLI only — see doors.ts), and a paste. Each file is read and stored on its own, so
 * a bad file fails alone and the rest of a batch still arrives.
 */
import { readFile } from 'node:fs/promises';
import { basename } from 'node:path';
import type { ApiArgs, ApiResults } from '../core/api';
import type { ImportOutcome } from '../core/domain';
import { readSettings } from '../db/settings';
import { CLIPBOARD_SOURCE, importPastedText, tooLargeFile } from '../formats/import';
import type { ServiceContext } from './context';
import { failureMessage, importSource, storeImported } from './import-store';
import { expandFilePaths } from './walk';

/** Imports files whose bytes came with the call (a browser upload, a drop, the IPC door). */
export async function importFiles(
  ctx: ServiceContext,
  { files, options }: ApiArgs['importFiles'],
): Promise<ImportOutcome[]> {
  const outcomes: ImportOutcome[] = [];
  for (const file of files) {
    const source = {
      name: file.name,
      bytes: Buffer.from(file.data, 'base64'),
      // A browser upload has no path: the name is the best record of where the text came from.
      sourcePath: file.path ?? null,
    };
    outcomes.push(await importSource(ctx, source, options));
  }
  return outcomes;
}

/**
 * Imports files and folders (recursively) that the service reads from disk. A named path that is
 * not there fails; entries a folder walk leaves out (hidden files, saved-page assets, other file
 * types) are simply not imported — expandPaths lists them. A file over the size limit fails
 * without being read.
 */
export async function importPaths(
  ctx: ServiceContext,
  { paths, options }: ApiArgs['importPaths'],
): Promise<ImportOutcome[]> {
  const { files, missing } = await expandFilePaths(paths);
  const outcomes: ImportOutcome[] = missing.map(({ path, reason }) => ({
    name: basename(path),
    status: 'failed',
    error: `${path}: ${reason}`,
  }));
  for (const file of files) {
    const { maxImportBytes } = readSettings(ctx.db);
    if (file.size > maxImportBytes) {
      const error = tooLargeFile(file.name, maxImportBytes).message;
      outcomes.push({ name: file.name, status: 'failed', error });
      continue;
    }
    let bytes: Buffer;
    try {
      bytes = await readFile(file.path);
    } catch (error) {
      const why = (error as NodeJS.ErrnoException).code ?? (error as Error).message;
      outcomes.push({
        name: file.name,
        status: 'failed',
        error: `${file.path}: cannot be read (${why})`,
      });
      continue;
    }
    outcomes.push(
      await importSource(ctx, { name: file.name, bytes, sourcePath: file.path }, options),
    );
  }
  return outcomes;
}

/** Lists what importPaths would import, so a caller can import one file per call and show progress. */
export async function expandPaths(
  _ctx: ServiceContext,
  { paths }: ApiArgs['expandPaths'],
): Promise<ApiResults['expandPaths']> {
  const { files, skipped, missing } = await expandFilePaths(paths);
  return {
    files,
    skipped: [...missing.map(({ path, reason }) => `${path}: ${reason}`), ...skipped],
  };
}

/**
 * Paste as new document. Clipboard HTML goes through the HTML importer's sanitising path; plain
 * text is kept as it is. The same paste twice is a duplicate, as the same file twice is.
 */
export async function importText(
  ctx: ServiceContext,
  args: ApiArgs['importText'],
): Promise<ImportOutcome> {
  const name = CLIPBOARD_SOURCE;
  try {
    const settings = readSettings(ctx.db);
    const { file, bytes } = await importPastedText(args, settings);
    return storeImported(ctx, file, {
      name,
      bytes,
      sourcePath: null,
      onDuplicate: 'skip',
      keepOriginalBytes: settings.keepOriginalBytes,
    });
  } catch (error) {
    return { name, status: 'failed', error: failureMessage(name, error) };
  }
}
