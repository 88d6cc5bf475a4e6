/**
 * `gloss restore`: lists a project's backups, or replaces the project with one of them. Works on
 * a sound project (through the service, which backs up the state it replaces), on a damaged one
 * (which is set aside untouched first) and on one whose file is gone.
 */
import { existsSync } from 'node:fs';
import { basename } from 'node:path';
import type { BackupInfo, BackupReason, RestoreResult } from '../core/api-safety';
import type { GlossError } from '../core/errors';
import {
  backupsFolderOf,
  installStagedRestore,
  removeWithSideFiles,
  stageRestore,
} from '../db/backup';
import { readableTime } from '../db/connection';
import { startRecoverableService } from './recovery-api';
import { chooseBackup, describeBackup, listBackupInfos } from './safety-methods';
import { openService } from './service';
import { defaultAuthor } from './paths';
import { APP_VERSION } from './version';

/** The options `gloss restore` takes (parsed by cli.ts). */
export const RESTORE_OPTIONS = {
  project: { type: 'string', short: 'p' },
  list: { type: 'boolean', short: 'l' },
  latest: { type: 'boolean' },
  from: { type: 'string', short: 'f' },
  help: { type: 'boolean', short: 'h' },
} as const;

export type RestoreRequest = { kind: 'list' } | { kind: 'restore'; name?: string };

/** What the command line asks for, or the usage mistake in it. */
export function restoreRequestOf(values: {
  list?: boolean;
  latest?: boolean;
  from?: string;
}): RestoreRequest | string {
  const chosen = [values.list, values.latest, values.from !== undefined].filter(Boolean).length;
  if (chosen === 0) return 'say what to do: --list, --latest or --from NAME.';
  if (chosen > 1) return '--list, --latest and --from go alone: choose one.';
  if (values.list) return { kind: 'list' };
  if (values.from !== undefined) {
    if (values.from.trim() === '') return '--from needs the name of a backup (see --list).';
    return { kind: 'restore', name: basename(values.from) };
  }
  return { kind: 'restore' };
}

interface Io {
  stdout: { write(text: string): unknown };
  stderr: { write(text: string): unknown };
}

/** Runs the request on the project; returns the exit code. */
export async function runRestore(
  request: RestoreRequest,
  projectPath: string,
  io: Io,
): Promise<number> {
  if (request.kind === 'list') {
    io.stdout.write(formatBackupList(projectPath, listBackupInfos(projectPath)));
    return 0;
  }
  const result = await restoreProject(projectPath, request.name);
  const { restored, safetyBackup, setAside } = result;
  io.stderr.write(
    `Restored ${basename(projectPath)} from ${restored.name} ` +
      `(${readableTime(restored.createdAt)}: ${counts(restored)}).\n` +
      (safetyBackup
        ? `The state it replaced was backed up as ${safetyBackup.name}: restore that to undo.\n`
        : '') +
      (setAside ? `The damaged file was set aside, untouched, as ${setAside}.\n` : ''),
  );
  return 0;
}

async function restoreProject(projectPath: string, name?: string): Promise<RestoreResult> {
  const options = { projectPath, author: defaultAuthor(), appVersion: APP_VERSION };
  // Chosen before the project is opened: opening it may back up its current state, which would
  // then be "the latest".
  name ??= chooseBackup(projectPath, undefined).name;
  if (!existsSync(projectPath)) {
    // Nothing to set aside or back up: put the backup in place and open it once (which
    // migrates a backup from an older Gloss, after backing it up).
    const chosen = chooseBackup(projectPath, name);
    const staged = await stageRestore(chosen.path, projectPath);
    try {
      installStagedRestore(staged, projectPath);
    } finally {
      removeWithSideFiles(staged);
    }
    openService({ ...options, mustExist: true }).close();
    return { restored: describeBackup(chosen), safetyBackup: null, setAside: null };
  }
  const service = await startRecoverableService(projectPath, async () => {
    const opened = openService({ ...options, mustExist: true });
    return { api: opened.api, close: async () => opened.close() };
  });
  try {
    return await service.api.restoreBackup({ name });
  } finally {
    await service.close();
  }
}

const REASONS: Record<BackupReason, string> = {
  open: 'on opening',
  auto: 'while working',
  manual: 'by hand',
  migration: 'before upgrade',
  restore: 'before restore',
};

/** The table `gloss restore --list` prints. */
export function formatBackupList(projectPath: string, backups: BackupInfo[]): string {
  const folder = backupsFolderOf(projectPath);
  if (backups.length === 0) {
    return `There are no backups of ${basename(projectPath)} yet (Gloss makes them in ${folder}).\n`;
  }
  const rows = backups.map((b) => [
    b.name,
    readableTime(b.createdAt),
    REASONS[b.reason],
    megabytes(b.sizeBytes),
    b.documentCount === null ? '?' : String(b.documentCount),
    b.annotationCount === null ? '?' : String(b.annotationCount),
  ]);
  const header = ['NAME', 'TIME', 'MADE', 'SIZE', 'DOCUMENTS', 'ANNOTATIONS'];
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const line = (cells: string[]) =>
    cells
      .map((cell, i) => (i >= 3 ? cell.padStart(widths[i]!) : cell.padEnd(widths[i]!)))
      .join('  ')
      .trimEnd();
  return (
    `Backups of ${basename(projectPath)} in ${folder}, newest first:\n` +
    [header, ...rows].map(line).join('\n') +
    '\n'
  );
}

function counts(info: BackupInfo): string {
  const documents = info.documentCount ?? '?';
  const annotations = info.annotationCount ?? '?';
  return `${documents} document${documents === 1 ? '' : 's'}, ${annotations} annotation${annotations === 1 ? '' : 's'}`;
}

function megabytes(bytes: number): string {
  return `${(bytes / (1024 * 1024)).toFixed(1)} MB`;
}

/** What to run next, printed under a `damaged` error by every command. */
export function recoveryHint(error: GlossError): string | undefined {
  if (error.code !== 'damaged') return undefined;
  const details = error.details as { projectPath?: unknown; backup?: unknown } | undefined;
  if (typeof details?.projectPath !== 'string' || !details.backup) return undefined;
  return (
    `Run \`gloss restore --latest --project ${details.projectPath}\` to restore it ` +
    '(`--list` shows every backup).\n'
  );
}
