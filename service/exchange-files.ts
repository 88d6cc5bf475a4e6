/**
 * Files behind the exchange methods: a buffered sink that streams an export to disk, temporary
 * folders for exports and copies waiting to be downloaded in browser mode, and the snapshot
 * connection an export reads from.
 */
import { randomBytes } from 'node:crypto';
import { mkdtemp, open, rm, stat } from 'node:fs/promises';
import type { FileHandle } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { basename, dirname, join } from 'node:path';
import Sqlite from 'better-sqlite3';
import type { DownloadFile } from '../core/api-exchange';
import { GlossError } from '../core/errors';
import type { Database } from '../db/connection';
import type { ExportSink } from '../formats/exchange/registry-types';

/** Bytes gathered before one write to disk: few system calls, little memory. */
const FLUSH_BYTES = 256 * 1024;

/** An ExportSink over a file: chunks are gathered and written in large pieces, in order. */
export class FileSink implements ExportSink {
  private pending: Buffer[] = [];
  private pendingBytes = 0;
  /** Bytes written so far (flushed or not). */
  byteSize = 0;

  private constructor(private readonly handle: FileHandle) {}

  static async create(path: string): Promise<FileSink> {
    return new FileSink(await open(path, 'wx'));
  }

  async write(chunk: string | Uint8Array): Promise<void> {
    const buffer = typeof chunk === 'string' ? Buffer.from(chunk, 'utf8') : Buffer.from(chunk);
    this.pending.push(buffer);
    this.pendingBytes += buffer.byteLength;
    this.byteSize += buffer.byteLength;
    if (this.pendingBytes >= FLUSH_BYTES) await this.flush();
  }

  private async flush(): Promise<void> {
    if (this.pendingBytes === 0) return;
    const data = Buffer.concat(this.pending, this.pendingBytes);
    this.pending = [];
    this.pendingBytes = 0;
    await this.handle.write(data);
  }

  /** Writes what is left and syncs, so a file reported as written is on disk. */
  async finish(): Promise<void> {
    try {
      await this.flush();
      await this.handle.sync();
    } finally {
      await this.handle.close();
    }
  }

  /** Closes without caring about what is left (the caller deletes the file). */
  async abandon(): Promise<void> {
    this.pending = [];
    await this.handle.close().catch(() => {});
  }
}

/** Prefix of the temporary folders; the download route removes only folders named so. */
export const DOWNLOAD_DIR_PREFIX = 'gloss-download-';

/** A new private temporary folder for one export or copy. */
export function makeDownloadDir(): Promise<string> {
  return mkdtemp(join(tmpdir(), DOWNLOAD_DIR_PREFIX));
}

/** Removes a temporary folder this module made; anything else is left alone. */
export async function removeDownloadDir(dir: string): Promise<void> {
  if (!basename(dir).startsWith(DOWNLOAD_DIR_PREFIX)) return;
  await rm(dir, { recursive: true, force: true });
}

/** How long a prepared download waits to be fetched before its file is removed. */
const DOWNLOAD_TTL_MS = 15 * 60 * 1000;

const downloads = new Map<string, DownloadFile>();

/**
 * Registers a file (alone in a folder from makeDownloadDir) to be fetched once; returns its id,
 * 128 random bits. The file is removed if nobody takes it in time.
 */
export async function registerDownload(
  path: string,
  fileName: string,
  mimeType: string,
): Promise<{ id: string; byteSize: number }> {
  const { size } = await stat(path);
  const id = randomBytes(16).toString('hex');
  downloads.set(id, { path, fileName, mimeType, byteSize: size });
  const timer = setTimeout(() => {
    if (downloads.delete(id)) void removeDownloadDir(dirname(path));
  }, DOWNLOAD_TTL_MS);
  timer.unref?.();
  return { id, byteSize: size };
}

/** Hands over a prepared download once: the taker streams the file, then removes its folder. */
export function takeDownload(id: string): DownloadFile {
  const file = downloads.get(id);
  if (!file) {
    throw new GlossError(
      'not_found',
      'This download is no longer available (it was fetched already or it expired). Export again.',
    );
  }
  downloads.delete(id);
  return file;
}

/**
 * A read-only connection to the project holding one read transaction: an export started now
 * sees the project as it is now, whatever is written while it streams (SQLite WAL snapshots).
 * Falls back to the service's own connection for a database that is not a file.
 */
export function openSnapshot(db: Database): { db: Database; close(): void } {
  const file = db.name;
  if (!file || file === ':memory:' || db.memory) return { db, close: () => {} };
  const snapshot = new Sqlite(file, { readonly: true, fileMustExist: true });
  snapshot.pragma('busy_timeout = 5000');
  snapshot.exec('BEGIN');
  // The snapshot starts with the first read, not with BEGIN.
  snapshot.prepare('SELECT count(*) FROM documents').get();
  return {
    db: snapshot,
    close() {
      try {
        snapshot.exec('COMMIT');
      } finally {
        snapshot.close();
      }
    },
  };
}
