/**
 * The exchange methods (core/api-exchange.ts): exports in every standard format, streamed to a
 * file with bounded memory; imports of exchange files attached to the project; project copies.
 */
import { readFile, rename, rm, stat } from 'node:fs/promises';
import { basename, dirname, extname, join, resolve } from 'node:path';
import type { ApiArgs } from '../core/api';
import type {
  ExchangeExportResult,
  ExportProgress,
  ImportAnnotationsReport,
} from '../core/api-exchange';
import { GlossError, type GlossErrorCode } from '../core/errors';
import { readSettings } from '../db/settings';
import { detectExchangeFormat, exchangeFormat } from '../formats/exchange/registry';
import type { ExchangeFormat, ExportReport } from '../formats/exchange/registry-types';
import { formatSize } from '../formats/import';
import type { ServiceContext } from './context';
import { now, requireDocument } from './context';
import { attachBundle } from './exchange-attach';
import {
  FileSink,
  makeDownloadDir,
  openSnapshot,
  registerDownload,
  removeDownloadDir,
  takeDownload,
} from './exchange-files';
import { buildExchangeSource } from './exchange-source';
import type { Handlers } from './handlers';

/** Exports up to this size come back in the reply; larger ones are downloaded from a file. */
export const INLINE_EXPORT_BYTES = 16 * 1024 * 1024;

type ExportArgs = ApiArgs['exportProject'];

/** Progress of running (and recently finished) exports by job id. */
const progress = new Map<string, ExportProgress>();

/** How long a finished job's progress stays readable. */
const FINISHED_JOB_TTL_MS = 60_000;

/** Streams an export of `args` into `sink`, from one snapshot of the project. */
async function runExport(
  ctx: ServiceContext,
  args: ExportArgs,
  sink: FileSink,
): Promise<{ format: ExchangeFormat; report: ExportReport; title: string | null }> {
  const format = writableFormat(args.format);
  const title = args.documentId === undefined ? null : requireDocument(ctx, args.documentId).title;
  const job = args.jobId;
  if (job) progress.set(job, { done: 0, total: 0, finished: false });
  const snapshot = openSnapshot(ctx.db);
  try {
    const source = buildExchangeSource(snapshot.db, args, {
      generator: `Gloss ${ctx.appVersion}`,
      exportedAt: now(),
    });
    const report = await format.write!(source, sink, {
      tagIds: args.tagIds,
      onProgress: job
        ? (done, total) => progress.set(job, { done, total, finished: false })
        : undefined,
    });
    return { format, report, title };
  } finally {
    snapshot.close();
    if (job) {
      const last = progress.get(job);
      progress.set(job, { done: last?.total ?? 0, total: last?.total ?? 0, finished: true });
      setTimeout(() => progress.delete(job), FINISHED_JOB_TTL_MS).unref?.();
    }
  }
}

function writableFormat(id: string): ExchangeFormat {
  const format = exchangeFormat(id);
  if (!format.write) {
    throw new GlossError(
      'unsupported_format',
      `Gloss reads ${format.label} but does not write it.`,
    );
  }
  return format;
}

/** "gloss-export.jsonld", or "gloss-<title>.jsonld" for one document. */
function exportFileName(format: ExchangeFormat, title: string | null): string {
  const stem = title === null ? 'export' : fileNameStem(title);
  return `gloss-${stem}.${format.extension}`;
}

/** A title made safe as part of a file name on every system, or "document" if nothing is left. */
function fileNameStem(title: string): string {
  const stem = Array.from(title.replace(/[^\p{L}\p{N}]+/gu, '-').replace(/^-+|-+$/g, ''))
    .slice(0, 60)
    .join('')
    .replace(/-+$/, '');
  return stem || 'document';
}

/** Zips and other binary formats travel as base64; everything else as text. */
function isTextMime(mimeType: string): boolean {
  return /^text\/|json|xml/.test(mimeType) && !/zip/.test(mimeType);
}

async function exportProject(ctx: ServiceContext, args: ExportArgs): Promise<ExchangeExportResult> {
  const dir = await makeDownloadDir();
  let keep = false;
  try {
    const path = join(dir, 'export');
    const sink = await FileSink.create(path);
    let outcome;
    try {
      outcome = await runExport(ctx, args, sink);
      await sink.finish();
    } catch (error) {
      await sink.abandon();
      throw error;
    }
    const { format, report, title } = outcome;
    const fileName = exportFileName(format, title);
    const base = { format: args.format, fileName, mimeType: format.mimeType, report };
    if (sink.byteSize <= INLINE_EXPORT_BYTES) {
      const bytes = await readFile(path);
      const text = isTextMime(format.mimeType);
      return {
        ...base,
        byteSize: bytes.byteLength,
        content: {
          encoding: text ? 'text' : 'base64',
          data: bytes.toString(text ? 'utf8' : 'base64'),
        },
      };
    }
    const download = await registerDownload(path, fileName, format.mimeType);
    keep = true;
    return { ...base, byteSize: download.byteSize, downloadId: download.id };
  } finally {
    if (!keep) await removeDownloadDir(dir);
  }
}

async function exportToPath(ctx: ServiceContext, args: ApiArgs['exportToPath']) {
  const target = resolve(args.path);
  await requireFolder(target);
  const temporary = join(dirname(target), `.${basename(target)}.${process.pid}.tmp`);
  const sink = await FileSink.create(temporary).catch((error: unknown) => {
    throw cannotWrite(target, error);
  });
  try {
    const { report } = await runExport(ctx, args, sink);
    await sink.finish();
    // Written beside the target and renamed: an interrupted export never leaves half a file.
    await rename(temporary, target);
    return { path: target, byteSize: sink.byteSize, report };
  } catch (error) {
    await sink.abandon();
    await rm(temporary, { force: true }).catch(() => undefined);
    if (error instanceof GlossError) throw error;
    throw cannotWrite(target, error);
  }
}

/** Most file systems cap a name at 255 bytes; the temporary file beside the target adds a few. */
const MAX_NAME_BYTES = 255 - '..0000000.tmp'.length;

async function requireFolder(target: string): Promise<void> {
  if (Buffer.byteLength(basename(target)) > MAX_NAME_BYTES) {
    throw new GlossError('invalid_argument', `Cannot write ${target}: the name is too long.`);
  }
  const existing = await stat(target).catch(() => null);
  if (existing?.isDirectory()) {
    throw new GlossError('invalid_argument', `Cannot write ${target}: it is a folder.`);
  }
  const folder = await stat(dirname(target)).catch(() => null);
  if (!folder?.isDirectory()) {
    throw new GlossError('not_found', `Cannot write ${target}: its folder does not exist.`);
  }
}

/**
 * Why a file could not be written, as the analyst can act on it: the path names a folder or is
 * too long (a wrong argument), the folder is gone, read-only or full. Anything else is a bug.
 */
function cannotWrite(target: string, error: unknown): GlossError {
  if (error instanceof GlossError) return error;
  const errno = (error as NodeJS.ErrnoException).code;
  const reason = WRITE_ERRORS[errno ?? ''];
  if (reason) return new GlossError(reason[0], `Cannot write ${target}: ${reason[1]}.`, { errno });
  return new GlossError('internal', `Cannot write ${target}: ${(error as Error).message}`);
}

const WRITE_ERRORS: Record<string, [GlossErrorCode, string]> = {
  EISDIR: ['invalid_argument', 'it is a folder'],
  ENAMETOOLONG: ['invalid_argument', 'the name is too long'],
  ENOTDIR: ['invalid_argument', 'part of the path is a file, not a folder'],
  ENOENT: ['not_found', 'its folder does not exist'],
  EACCES: ['read_only', 'Gloss may not write there'],
  EPERM: ['read_only', 'Gloss may not write there'],
  EROFS: ['read_only', 'the disk is read-only'],
  ENOSPC: ['disk_full', 'the disk is full'],
  EDQUOT: ['disk_full', 'the disk quota is used up'],
};

/** Reads an exchange file and attaches what it holds to the project, in one transaction. */
async function importBytes(
  ctx: ServiceContext,
  bytes: Uint8Array,
  fileName: string,
  formatId: string | undefined,
): Promise<ImportAnnotationsReport> {
  const format = formatId ? exchangeFormat(formatId) : detectExchangeFormat(bytes, fileName);
  if (!format?.read) {
    throw new GlossError(
      'unsupported_format',
      format
        ? `Gloss writes ${format.label} but cannot import it.`
        : `${fileName}: Gloss does not recognise this file as an annotation export ` +
            '(W3C Web Annotation, REFI-QDA .qdpx or .qdc, brat, doccano or Label Studio).',
    );
  }
  let bundle;
  try {
    bundle = await format.read(bytes, fileName);
  } catch (error) {
    if (error instanceof GlossError) throw error;
    throw new GlossError(
      'unsupported_format',
      `${fileName} could not be read as ${format.label}: ${(error as Error).message}`,
    );
  }
  return attachBundle(ctx, bundle, fileName);
}

async function importAnnotationsFromPath(
  ctx: ServiceContext,
  args: ApiArgs['importAnnotationsFromPath'],
): Promise<ImportAnnotationsReport> {
  const path = resolve(args.path);
  const info = await stat(path).catch(() => null);
  if (!info?.isFile()) throw new GlossError('not_found', `There is no file ${path}.`);
  const { maxImportBytes } = readSettings(ctx.db);
  if (info.size > maxImportBytes) {
    throw new GlossError(
      'too_large',
      `${basename(path)} is larger than the import limit of ${formatSize(maxImportBytes)}.`,
    );
  }
  return importBytes(ctx, await readFile(path), basename(path), args.format);
}

/** Copies the project with SQLite's backup API (consistent while it is in use) to `target`. */
async function backupTo(ctx: ServiceContext, target: string): Promise<number> {
  if (resolve(target) === resolve(ctx.projectPath)) {
    throw new GlossError('invalid_argument', 'A copy cannot replace the project it copies.');
  }
  await requireFolder(target);
  const temporary = join(dirname(target), `.${basename(target)}.${process.pid}.tmp`);
  try {
    await ctx.db.backup(temporary);
    await rename(temporary, target);
  } catch (error) {
    await rm(temporary, { force: true }).catch(() => undefined);
    throw cannotWrite(target, error);
  }
  return (await stat(target)).size;
}

/** "case-copy.gloss" for a project "case.gloss". */
function copyFileName(projectPath: string): string {
  const extension = extname(projectPath) || '.gloss';
  return `${basename(projectPath, extname(projectPath))}-copy${extension}`;
}

/** The handlers of core/api-exchange.ts; service.ts spreads them into the full table. */
export const exchangeHandlers = {
  exportProject,
  exportToPath,
  exportProgress: (_ctx, { jobId }) =>
    progress.get(jobId) ?? { done: 0, total: 0, finished: false },
  importAnnotations: (ctx, { fileName, data, format }) =>
    importBytes(ctx, Buffer.from(data, 'base64'), fileName, format),
  importAnnotationsFromPath,
  saveProjectCopy: async (ctx, { path }) => {
    const target = resolve(path);
    return { path: target, byteSize: await backupTo(ctx, target) };
  },
  prepareProjectCopyDownload: async (ctx) => {
    const dir = await makeDownloadDir();
    try {
      const fileName = copyFileName(ctx.projectPath);
      const path = join(dir, fileName);
      await backupTo(ctx, path);
      const download = await registerDownload(path, fileName, 'application/vnd.sqlite3');
      return { downloadId: download.id, fileName, byteSize: download.byteSize };
    } catch (error) {
      await removeDownloadDir(dir);
      throw error;
    }
  },
  takeDownload: (_ctx, { id }) => takeDownload(id),
} satisfies Partial<Handlers>;
