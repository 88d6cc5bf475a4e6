/**
 * The one place where SQLite's failures become GlossErrors an analyst can act on. better-sqlite3
 * throws `SqliteError` with SQLite's extended result code as a string (`SQLITE_FULL`,
 * `SQLITE_IOERR_WRITE`, `SQLITE_BUSY_SNAPSHOT`…); the service maps every error a method throws
 * through `glossErrorFromSqlite`, so no door ever shows "database or disk is full" raw, or worse,
 * a generic "something went wrong" for a disk that is simply full.
 */
import { basename } from 'node:path';
import { GlossError } from '../core/errors';

/** Who else has the project open, for the "in use" message (see db/project-lock.ts). */
export interface OtherHolder {
  pid: number;
  program: string;
}

export interface SqliteErrorContext {
  /** The project file, named in the message. */
  projectPath?: string;
  /** How long SQLite waited for the write lock before giving up, in milliseconds. */
  busyTimeoutMs?: number;
  /** Other processes that have the project open (not this one). */
  otherHolders?: () => readonly OtherHolder[];
}

/** The result code family of an SQLite error (`SQLITE_IOERR_WRITE` → `SQLITE_IOERR`), or null. */
export function sqliteCodeOf(error: unknown): string | null {
  const code = (error as { code?: unknown } | null)?.code;
  if (typeof code !== 'string' || !code.startsWith('SQLITE_')) return null;
  const family = /^SQLITE_[A-Z]+/.exec(code);
  return family ? family[0] : null;
}

/**
 * The GlossError for an SQLite failure, or undefined when `error` is not one this module knows
 * (constraint violations and the like are bugs or argument problems for the caller to word).
 * The transaction that failed has already been rolled back by SQLite or by better-sqlite3's
 * transaction wrapper, so every message can promise that nothing was half-saved.
 */
export function glossErrorFromSqlite(
  error: unknown,
  context: SqliteErrorContext = {},
): GlossError | undefined {
  if (error instanceof GlossError) return error;
  const family = sqliteCodeOf(error);
  if (!family) return undefined;
  const code = (error as { code: string }).code;
  const name = context.projectPath ? basename(context.projectPath) : 'The project';
  const reason = (error as Error).message;
  switch (family) {
    case 'SQLITE_FULL':
      return new GlossError(
        'disk_full',
        `The disk holding ${name} is full, so this change was not saved (nothing was half-saved; ` +
          'your earlier work is intact). Free some space, then try again.',
        { sqlite: code },
      );
    case 'SQLITE_READONLY':
      return new GlossError(
        'read_only',
        `${name} is read-only here (a read-only disk, folder or file), so this change was not ` +
          'saved. You can still read it; to change it, copy it to a folder you can write to.',
        { sqlite: code },
      );
    case 'SQLITE_BUSY':
    case 'SQLITE_LOCKED':
      return busyError(name, context, code);
    case 'SQLITE_IOERR':
      return new GlossError(
        'io_error',
        `The disk failed while Gloss was reading or writing ${name} (${reason}), so this change ` +
          'was not saved. Check that the disk is still connected, writable and not full, then ' +
          'try again.',
        { sqlite: code },
      );
    case 'SQLITE_CORRUPT':
    case 'SQLITE_NOTADB':
      return new GlossError(
        'damaged',
        `${name} is damaged (${reason}). Nothing more was written to it. Close Gloss and open it ` +
          'again: Gloss will set the damaged file aside and offer its newest good backup.',
        { sqlite: code },
      );
    case 'SQLITE_CANTOPEN':
      return new GlossError(
        'io_error',
        `Gloss cannot open ${name} any more (${reason}). Check that its disk and folder are ` +
          'still there and that you may write to them.',
        { sqlite: code },
      );
    default:
      return undefined;
  }
}

/** "the command line, pid 4242", or just "pid 4242" when the program is not known. */
export function describeHolder(holder: OtherHolder): string {
  return holder.program === 'Gloss' ? `pid ${holder.pid}` : `${holder.program}, pid ${holder.pid}`;
}

function busyError(name: string, context: SqliteErrorContext, code: string): GlossError {
  const others = context.otherHolders?.() ?? [];
  const seconds = Math.round((context.busyTimeoutMs ?? 5000) / 1000);
  const who =
    others.length > 0
      ? `another Gloss (${others.map(describeHolder).join('; ')})`
      : 'another program';
  return new GlossError(
    'busy',
    `${name} is in use by ${who}, which kept it busy for more than ${seconds} seconds, so this ` +
      'change was not saved. Try again when it has finished.',
    { sqlite: code, holders: others.map((h) => ({ pid: h.pid, program: h.program })) },
  );
}
