/**
 * Who has a project open: a small JSON file beside it, `<project>-gloss.lock`, listing each Gloss
 * process (pid, which door, since when). It is not a lock in the mutual-exclusion sense — SQLite's
 * own locks (WAL, busy_timeout) already let a desktop app and a CLI share a project safely, one
 * writer at a time. It exists so that when one of them waits too long for the other, the message
 * can say who the other is ("in use by the command line, pid 4242"), and so that a restore can
 * refuse to replace the file under another running Gloss.
 *
 * Entries of processes that died without closing are pruned whenever the file is read. Failing to
 * write the file (a read-only folder) is never an error: it only makes messages less specific.
 */
import { readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { hostname } from 'node:os';
import { basename } from 'node:path';

export interface ProjectHolder {
  pid: number;
  /** Which Gloss: "the desktop app", "browser mode", "the command line". */
  program: string;
  /** The app version, e.g. "Gloss 0.2.0". */
  app: string;
  host: string;
  /** ISO time the project was opened. */
  since: string;
}

/** The lock file of a project. */
export function lockFilePath(projectPath: string): string {
  return `${projectPath}-gloss.lock`;
}

/** What this process is, for the holders list: guessed from how it was started. */
export function currentProgram(): string {
  if (process.versions.electron) return 'the desktop app';
  const script = basename(process.argv[1] ?? '');
  if (script === 'cli.mjs' || script === 'gloss.mjs' || script === 'gloss') {
    return 'the command line';
  }
  if (script === 'web.mjs') return 'browser mode';
  return 'Gloss';
}

/**
 * Adds this process to the project's holders; returns the function that removes it again (call
 * it when the project is closed). Safe to call more than once per process: one entry per pid.
 */
export function registerHolder(projectPath: string, appVersion: string): () => void {
  const me: ProjectHolder = {
    pid: process.pid,
    program: currentProgram(),
    app: `Gloss ${appVersion}`,
    host: hostname(),
    since: new Date().toISOString(),
  };
  update(projectPath, (holders) => [...holders.filter((h) => !isMe(h)), me]);
  let released = false;
  return () => {
    if (released) return;
    released = true;
    update(projectPath, (holders) => holders.filter((h) => !isMe(h)));
  };
}

/** The live processes other than this one that have the project open. */
export function otherHolders(projectPath: string): ProjectHolder[] {
  return readHolders(projectPath).filter((h) => !isMe(h));
}

function isMe(holder: ProjectHolder): boolean {
  return holder.pid === process.pid && holder.host === hostname();
}

/** The recorded holders, without those on this computer whose process has ended. */
function readHolders(projectPath: string): ProjectHolder[] {
  let parsed: unknown;
  try {
    parsed = JSON.parse(readFileSync(lockFilePath(projectPath), 'utf8'));
  } catch {
    return [];
  }
  const list = (parsed as { holders?: unknown } | null)?.holders;
  if (!Array.isArray(list)) return [];
  return list.filter(isHolder).filter((h) => h.host !== hostname() || isAlive(h.pid));
}

function isHolder(value: unknown): value is ProjectHolder {
  const h = value as ProjectHolder | null;
  return (
    typeof h === 'object' &&
    h !== null &&
    Number.isSafeInteger(h.pid) &&
    typeof h.program === 'string' &&
    typeof h.app === 'string' &&
    typeof h.host === 'string' &&
    typeof h.since === 'string'
  );
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: the process exists but belongs to someone else.
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Rewrites the file through a temporary file and a rename, so a reader never sees half of it. */
function update(projectPath: string, change: (holders: ProjectHolder[]) => ProjectHolder[]): void {
  const path = lockFilePath(projectPath);
  const holders = change(readHolders(projectPath));
  try {
    if (holders.length === 0) {
      rmSync(path, { force: true });
      return;
    }
    const temporary = `${path}.${process.pid}.tmp`;
    writeFileSync(temporary, `${JSON.stringify({ holders }, null, 2)}\n`);
    renameSync(temporary, path);
  } catch {
    // A read-only folder or a full disk: the list is only informative.
  }
}
