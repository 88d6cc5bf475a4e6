/**
 * The one way an imported file becomes a stored document, shared by every import method: the
 * duplicate check, the insert of the document and its kept original, in one transaction each.
 */
import type { DocumentSummary, Id, ImportOptions, ImportOutcome } from '../core/domain';
import { GlossError } from '../core/errors';
import { findDocumentSummary, findLiveDocumentBySha256, insertDocument } from '../db/documents';
import { hasOriginal, insertOriginal } from '../db/originals';
import { readSettings } from '../db/settings';
import { importFile, sha256Hex } from '../formats/import';
import type { ImportedFile } from '../formats/import';
import type { ServiceContext } from './context';
import { newId, now } from './context';

/** A file to import: its name as the analyst knows it, its bytes, and its path if known. */
export interface ImportSource {
  name: string;
  bytes: Uint8Array;
  /** An absolute path (desktop, CLI), or null for a browser upload or a paste. */
  sourcePath: string | null;
}

/**
 * Imports one file and reports what happened; never throws. A file with the same bytes as a live
 * document is a duplicate and is not even read (unless `onDuplicate` is 'new-version'); a file
 * that cannot be read is `failed` with the reader's message; nothing is written unless the whole
 * document is.
 */
export async function importSource(
  ctx: ServiceContext,
  source: ImportSource,
  options: ImportOptions = {},
): Promise<ImportOutcome> {
  const { name } = source;
  try {
    const settings = readSettings(ctx.db);
    const sha256 = sha256Hex(source.bytes);
    if (options.onDuplicate !== 'new-version') {
      const existing = findLiveDocumentBySha256(ctx.db, sha256);
      if (existing) return { name, status: 'duplicate', existing };
    }
    const imported = await importFile(name, source.bytes, { options, settings, sha256 });
    return storeImported(ctx, imported, {
      ...source,
      onDuplicate: options.onDuplicate ?? 'skip',
      keepOriginalBytes: settings.keepOriginalBytes,
    });
  } catch (error) {
    return { name, status: 'failed', error: failureMessage(name, error) };
  }
}

/** How a read file is stored. */
export interface StoreOptions extends ImportSource {
  onDuplicate: 'skip' | 'new-version';
  /** Originals up to this many bytes are kept (0 keeps none). */
  keepOriginalBytes: number;
}

/**
 * Stores a read file in one IMMEDIATE transaction. The duplicate check is repeated inside it,
 * because another call may have imported the same bytes while this file was being read. A new
 * version points at the live document it duplicates.
 */
export function storeImported(
  ctx: ServiceContext,
  imported: ImportedFile,
  store: StoreOptions,
): ImportOutcome {
  const { name } = store;
  return ctx.db
    .transaction((): ImportOutcome => {
      const existing = findLiveDocumentBySha256(ctx.db, imported.sha256);
      if (existing && store.onDuplicate === 'skip') return { name, status: 'duplicate', existing };
      const document = insertImported(ctx, imported, {
        sourceName: name,
        sourcePath: store.sourcePath,
        versionOf: existing?.id ?? null,
        original: store.bytes.byteLength <= store.keepOriginalBytes ? store.bytes : undefined,
      });
      return { name, status: 'imported', document };
    })
    .immediate();
}

/**
 * Inserts a document (and its original, unless the same bytes are kept already) inside the
 * caller's transaction, and returns its summary.
 */
export function insertImported(
  ctx: ServiceContext,
  imported: ImportedFile,
  where: {
    sourceName: string;
    sourcePath: string | null;
    versionOf: Id | null;
    original?: Uint8Array;
  },
): DocumentSummary {
  const id = newId();
  const at = now();
  insertDocument(ctx.db, {
    id,
    title: imported.title,
    text: imported.text,
    length: imported.length,
    blocks: imported.blocks,
    format: imported.format,
    sourcePath: where.sourcePath,
    sha256: imported.sha256,
    byteSize: imported.byteSize,
    importedAt: at,
    importedBy: ctx.author,
    sourceName: where.sourceName,
    importer: imported.importer.name,
    importerVersion: imported.importer.version,
    encoding: imported.encoding,
    metadata: imported.metadata,
    versionOf: where.versionOf,
  });
  if (where.original && where.original.byteLength > 0 && !hasOriginal(ctx.db, imported.sha256)) {
    insertOriginal(ctx.db, {
      documentId: id,
      sha256: imported.sha256,
      bytes: where.original,
      createdAt: at,
      createdBy: ctx.author,
    });
  }
  return findDocumentSummary(ctx.db, id)!;
}

/** The analyst's message for a failed file; a bug's stack goes to the log, not to the UI. */
export function failureMessage(name: string, error: unknown): string {
  if (error instanceof GlossError) return error.message;
  process.stderr.write(`[gloss] importing ${name} failed: ${(error as Error)?.stack ?? error}\n`);
  return `${name}: could not be imported because of an internal error (details are in the log)`;
}
