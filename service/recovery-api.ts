/**
 * Starting the service on a project that may be damaged. A damaged project must not stop the
 * app or browser mode from starting: the window or page has to be there to say what happened
 * and to offer the newest good backup (issue 6, point 3). So when the service cannot open the
 * project because it is damaged, the door gets a recovery-only API instead, in which
 *
 * - getProjectInfo (and every other method) fails with the `damaged` error, whose details name
 *   the newest good backup: the renderer shows its recovery screen on it;
 * - listBackups lists the backups, read straight from the backups folder;
 * - restoreBackup sets the damaged file aside untouched, puts the backup in its place and starts
 *   the real service on it; startEmptyProject does the same with a new, empty project.
 *
 * Once recovered, every call goes to the real service, as if it had started normally.
 */
import { existsSync } from 'node:fs';
import { apiFromCall, validateArgs } from '../core/api';
import type { ApiArgs, ApiMethod, ApiResults, GlossApi } from '../core/api';
import type { RestoreResult } from '../core/api-safety';
import { GlossError } from '../core/errors';
import {
  backupsFolderOf,
  installStagedRestore,
  removeWithSideFiles,
  setAsideDamaged,
  stageRestore,
} from '../db/backup';
import { chooseBackup, describeBackup, listBackupInfos } from './safety-methods';

/** What a door holds: the real service's API once it runs, the recovery API until then. */
export interface RecoverableService {
  api: GlossApi;
  /** The error the project failed to open with, while it is not recovered; else null. */
  damaged(): GlossError | null;
  close(): Promise<void>;
}

interface Startable {
  api: GlossApi;
  close(): Promise<void>;
}

/**
 * Starts the service with `start`. Resolves with the service, or — when the project is damaged —
 * with the recovery API over `projectPath`. Rejects, as `start` does, for any other failure.
 */
export async function startRecoverableService(
  projectPath: string,
  start: () => Promise<Startable>,
): Promise<RecoverableService> {
  let current: Startable | null = null;
  let damaged: GlossError | null = null;
  try {
    current = await start();
  } catch (error) {
    if (!(error instanceof GlossError) || error.code !== 'damaged') throw error;
    damaged = error;
  }

  // One recovery at a time: a double click must not restore twice.
  let recovering: Promise<unknown> = Promise.resolve();
  const serially = <T>(work: () => Promise<T>): Promise<T> => {
    const run = recovering.then(work, work);
    recovering = run.catch(() => undefined);
    return run;
  };

  /** Sets the damaged file aside, puts `staged` (or nothing: a new project) in place, starts. */
  const recover = async (staged: string | null): Promise<string | null> => {
    if (current) {
      throw new GlossError('conflict', 'The project was already recovered: reload to see it.');
    }
    const setAside = existsSync(projectPath) ? setAsideDamaged(projectPath) : null;
    if (staged) installStagedRestore(staged, projectPath);
    try {
      current = await start();
      damaged = null;
    } catch (error) {
      if (error instanceof GlossError && error.code === 'damaged') damaged = error;
      throw error;
    }
    return setAside;
  };

  const recovery = {
    listBackups: async () => ({
      folder: backupsFolderOf(projectPath),
      backups: listBackupInfos(projectPath),
      lastError: null,
      writable: true,
    }),
    restoreBackup: ({ name }: ApiArgs['restoreBackup']) =>
      serially(async (): Promise<RestoreResult> => {
        const chosen = chooseBackup(projectPath, name);
        const restored = describeBackup(chosen);
        const staged = await stageRestore(chosen.path, projectPath);
        try {
          const setAside = await recover(staged);
          return { restored, safetyBackup: null, setAside };
        } finally {
          removeWithSideFiles(staged);
        }
      }),
    startEmptyProject: () => serially(async () => ({ projectPath, setAside: await recover(null) })),
  } satisfies Partial<{ [M in ApiMethod]: (args: ApiArgs[M]) => Promise<ApiResults[M]> }>;

  const api = apiFromCall(async <M extends ApiMethod>(method: M, args: ApiArgs[M]) => {
    if (current) return current.api[method](args);
    const valid = validateArgs(method, args);
    const handler = (recovery as Partial<Record<ApiMethod, (args: unknown) => Promise<unknown>>>)[
      method
    ];
    if (handler) return (await handler(valid)) as ApiResults[M];
    throw damaged ?? new GlossError('internal', 'The project is not open.');
  });

  return {
    api,
    damaged: () => damaged,
    close: async () => {
      await current?.close();
    },
  };
}
