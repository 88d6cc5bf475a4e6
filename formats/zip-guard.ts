/**
 * Zip containers (DOCX, EPUB…) come from hostile places, and a few kilobytes of zip can inflate to
 * gigabytes. So an archive is judged by its central directory — how many entries, how large they
 * say they will be, how much they shrank — before a single byte is inflated; and when entries are
 * then read, each is held to the size it declared while it streams.
 */
import type { Entry, ZipFile } from 'yauzl';
import yauzl from 'yauzl';
import { GlossError } from '../core/errors';

/** One entry as the central directory declares it. */
export interface ZipEntryInfo {
  name: string;
  compressedSize: number;
  uncompressedSize: number;
}

export interface ZipGuardOptions {
  /** The file's name, for error messages. */
  name: string;
  /** What the archive should be, for messages: "Word document" gives "not a valid Word document". */
  kind?: string;
  maxEntries?: number;
  /** The most the entries may declare in all, uncompressed, in bytes. */
  maxTotalBytes?: number;
  /** The most an entry larger than 1 MiB may have shrunk (uncompressed / compressed). */
  maxRatio?: number;
}

const DEFAULTS = { maxEntries: 10_000, maxTotalBytes: 500 * 1024 * 1024, maxRatio: 100 };

/** Entries smaller than this cannot hurt whatever their ratio (a page of spaces shrinks 500×). */
const RATIO_FLOOR_BYTES = 1024 * 1024;

/**
 * Lists a zip's entries from its central directory without inflating anything, and refuses the
 * archive (GlossError 'too_large') when it holds too many entries, declares too much data in all
 * or has an entry that shrank suspiciously well. Throws GlossError('unsupported_format') when the
 * bytes are not a readable zip (damaged, truncated) or an entry is encrypted.
 */
export async function inspectZip(
  bytes: Uint8Array,
  options: ZipGuardOptions,
): Promise<{ entries: ZipEntryInfo[] }> {
  const zip = await openZip(bytes, options);
  try {
    const entries = await listEntries(zip, options);
    return {
      entries: entries.map((entry) => ({
        name: entry.fileName,
        compressedSize: entry.compressedSize,
        uncompressedSize: entry.uncompressedSize,
      })),
    };
  } finally {
    zip.close();
  }
}

/**
 * Inflates the entries whose names `wanted` accepts, after the checks of `inspectZip`. Each entry
 * is held to its declared uncompressed size while it streams (yauzl stops it the moment it
 * produces more), so an archive that lies in its central directory is caught too. Entries are
 * returned by name.
 */
export async function readZipEntries(
  bytes: Uint8Array,
  wanted: (entryName: string) => boolean,
  options: ZipGuardOptions,
): Promise<Map<string, Uint8Array>> {
  const zip = await openZip(bytes, options);
  try {
    const entries = await listEntries(zip, options);
    const contents = new Map<string, Uint8Array>();
    for (const entry of entries) {
      if (entry.fileName.endsWith('/') || !wanted(entry.fileName)) continue;
      contents.set(entry.fileName, await inflate(zip, entry, options));
    }
    return contents;
  } finally {
    zip.close();
  }
}

function openZip(bytes: Uint8Array, options: ZipGuardOptions): Promise<ZipFile> {
  const buffer = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  return new Promise((resolve, reject) => {
    // lazyEntries: the central directory is read one record at a time, only when asked for.
    yauzl.fromBuffer(buffer, { lazyEntries: true, validateEntrySizes: true }, (error, zip) => {
      if (error || !zip) reject(damaged(options, error));
      else resolve(zip);
    });
  });
}

async function listEntries(zip: ZipFile, options: ZipGuardOptions): Promise<Entry[]> {
  const limits = { ...DEFAULTS, ...withoutUndefined(options) };
  // The end-of-central-directory record already says how many entries follow: refuse a bomb of
  // a million tiny files before reading a single one of them.
  if (zip.entryCount > limits.maxEntries) {
    throw refused(
      options,
      `the archive holds ${zip.entryCount.toLocaleString('en')} files (at most ` +
        `${limits.maxEntries.toLocaleString('en')} are accepted)`,
    );
  }
  const entries: Entry[] = [];
  let total = 0;
  await new Promise<void>((resolve, reject) => {
    zip.on('error', (error: Error) => reject(damaged(options, error)));
    zip.on('end', () => resolve());
    zip.on('entry', (entry: Entry) => {
      try {
        checkEntry(entry, options, limits.maxRatio);
        total += entry.uncompressedSize;
        if (total > limits.maxTotalBytes) {
          throw refused(
            options,
            `the archive would expand to at least ${formatBytes(total)}, more than the ` +
              `${formatBytes(limits.maxTotalBytes)} accepted`,
          );
        }
        entries.push(entry);
        zip.readEntry();
      } catch (error) {
        reject(error);
      }
    });
    zip.readEntry();
  });
  return entries;
}

function checkEntry(entry: Entry, options: ZipGuardOptions, maxRatio: number): void {
  if (entry.isEncrypted()) {
    throw new GlossError(
      'unsupported_format',
      `${options.name}: the archive is encrypted (password-protected) — Gloss cannot read it`,
    );
  }
  if (!entry.canDecodeFileData()) {
    throw new GlossError(
      'unsupported_format',
      `${options.name}: "${entry.fileName}" uses a zip compression method Gloss cannot read`,
    );
  }
  const ratio = entry.uncompressedSize / Math.max(entry.compressedSize, 1);
  if (entry.uncompressedSize > RATIO_FLOOR_BYTES && ratio > maxRatio) {
    throw refused(
      options,
      `the archive would expand to ${formatBytes(entry.uncompressedSize)} from ` +
        `${formatBytes(entry.compressedSize)} in "${entry.fileName}" alone`,
    );
  }
}

function inflate(zip: ZipFile, entry: Entry, options: ZipGuardOptions): Promise<Uint8Array> {
  return new Promise((resolve, reject) => {
    zip.openReadStream(entry, (error, stream) => {
      if (error || !stream) {
        reject(damaged(options, error));
        return;
      }
      const chunks: Buffer[] = [];
      stream.on('data', (chunk: Buffer) => chunks.push(chunk));
      // yauzl's own size check ends the stream with an error when the entry inflates to more
      // (or less) than it declared; so does a corrupt deflate stream or a wrong CRC.
      stream.on('error', (streamError: Error) => reject(damaged(options, streamError)));
      stream.on('end', () => resolve(new Uint8Array(Buffer.concat(chunks))));
    });
  });
}

function refused(options: ZipGuardOptions, what: string): GlossError {
  return new GlossError('too_large', `${options.name}: refused — ${what} (a zip bomb?)`);
}

function damaged(options: ZipGuardOptions, cause: Error | null | undefined): GlossError {
  return new GlossError(
    'unsupported_format',
    `${options.name}: not a valid ${options.kind ?? 'zip archive'} (damaged or truncated?)`,
    cause ? { cause: cause.message } : undefined,
  );
}

function withoutUndefined(options: ZipGuardOptions): Partial<typeof DEFAULTS> {
  return Object.fromEntries(
    Object.entries({
      maxEntries: options.maxEntries,
      maxTotalBytes: options.maxTotalBytes,
      maxRatio: options.maxRatio,
    }).filter(([, value]) => value !== undefined),
  );
}

/** "2.3 GB", "512 KB": sizes as people read them. */
export function formatBytes(bytes: number): string {
  const units = ['bytes', 'KB', 'MB', 'GB', 'TB'];
  let value = bytes;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit++;
  }
  const shown = unit === 0 || value >= 100 ? Math.round(value) : Math.round(value * 10) / 10;
  return `${shown} ${units[unit]}`;
}
