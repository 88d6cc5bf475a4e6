/**
 * When the service backs a project up by itself (issue 6, point 2): once on open if the project
 * changed since its newest backup, then at most every `backupIntervalMinutes` (a project
 * setting) while it keeps changing. Backups run one at a time through a queue that restore also
 * goes through, so a restore never swaps the database under a backup in progress.
 *
 * Timers are unref'd: a pending backup never keeps the CLI (or a test) alive.
 */
import type { GlossError } from '../core/errors';
import {
  backupFingerprint,
  contentFingerprint,
  createBackup,
  listBackupFiles,
  type BackupFile,
  type BackupReason,
} from '../db/backup';
import { readSettings } from '../db/settings';
import type { ServiceContext } from './context';

export interface SchedulerOptions {
  /** How long a "minute" of the interval setting lasts, in milliseconds (tests shorten it). */
  minuteMs?: number;
  /** How often to look whether a backup is due (default: every 30 "seconds"). */
  tickMs?: number;
  /** Where failures of automatic backups are reported (default: stderr). */
  log?: (line: string) => void;
}

export class BackupScheduler {
  private readonly minuteMs: number;
  private readonly tickMs: number;
  private readonly log: (line: string) => void;
  private timer: NodeJS.Timeout | undefined;
  private queue: Promise<unknown> = Promise.resolve();
  private lastBackupAt = Date.now();
  private backedUpToken: string | null = null;
  private stopped = false;
  /** The last automatic backup's failure, until a backup succeeds again. */
  lastError: GlossError | null = null;
  /** The on-open backup (or null when the project had not changed since its newest backup). */
  opened: Promise<BackupFile | null> = Promise.resolve(null);

  constructor(
    private readonly ctx: ServiceContext,
    options: SchedulerOptions = {},
  ) {
    this.minuteMs = options.minuteMs ?? 60_000;
    this.tickMs = options.tickMs ?? this.minuteMs / 2;
    this.log = options.log ?? ((line) => process.stderr.write(`[gloss] ${line}\n`));
  }

  /** Starts the on-open backup and the timer; a read-only project is never backed up. */
  start(): void {
    if (this.ctx.db.readonly) return;
    this.backedUpToken = this.changeToken();
    this.opened = this.exclusive(() => this.backupIfChangedSinceNewest()).catch(
      (error: unknown) => {
        this.failed(error, 'The backup on opening');
        return null;
      },
    );
    this.timer = setInterval(() => this.tick(), this.tickMs);
    this.timer.unref();
  }

  /** Stops the timer; a backup in progress fails quietly when the database closes under it. */
  stop(): void {
    this.stopped = true;
    if (this.timer) clearInterval(this.timer);
    this.timer = undefined;
  }

  /** Backs up now, whatever changed (manual backups, the one before a restore). */
  backupNow(reason: BackupReason): Promise<BackupFile> {
    return this.exclusive(() => this.backup(reason));
  }

  /**
   * Runs `work` when no backup is in progress, and holds off backups until it is done: restore
   * runs this way.
   */
  exclusive<T>(work: () => Promise<T>): Promise<T> {
    const run = this.queue.then(work, work);
    this.queue = run.catch(() => undefined);
    return run;
  }

  /** After the database was swapped (restore): its changes so far are in a backup. */
  reset(): void {
    this.backedUpToken = this.changeToken();
    this.lastBackupAt = Date.now();
  }

  /** Whether a timed backup is due, and if so starts it (one tick at a time). */
  tick(): void {
    if (this.stopped || !this.ctx.db.open || this.ctx.db.readonly) return;
    let minutes: number;
    try {
      minutes = readSettings(this.ctx.db).backupIntervalMinutes;
    } catch {
      return; // Busy or closing: the next tick looks again.
    }
    if (minutes === 0) return;
    if (Date.now() - this.lastBackupAt < minutes * this.minuteMs) return;
    if (this.changeToken() === this.backedUpToken) return;
    // Counted from now, so a backup that fails (a full disk) is retried a full interval later.
    this.lastBackupAt = Date.now();
    void this.exclusive(() => this.backup('auto')).catch((error: unknown) =>
      this.failed(error, 'The automatic backup'),
    );
  }

  private async backupIfChangedSinceNewest(): Promise<BackupFile | null> {
    const newest = listBackupFiles(this.ctx.projectPath)[0];
    if (newest && backupFingerprint(newest.path) === contentFingerprint(this.ctx.db)) return null;
    return this.backup('open');
  }

  private async backup(reason: BackupReason): Promise<BackupFile> {
    // Taken before: a change made while the pages are copied is then backed up next time too.
    const token = this.changeToken();
    const keep = readSettings(this.ctx.db).backupsKept;
    const file = await createBackup(this.ctx.db, this.ctx.projectPath, { reason, keep });
    this.lastBackupAt = Date.now();
    this.backedUpToken = token;
    this.lastError = null;
    return file;
  }

  private failed(error: unknown, what: string): void {
    if (this.stopped) return; // The project closed under it: nothing to report.
    this.lastError = error as GlossError;
    this.log(`${what} of ${this.ctx.projectPath} failed: ${(error as Error)?.message ?? error}`);
  }

  /**
   * Changes since the connection opened: this connection's own writes (total_changes) and other
   * processes' commits (data_version changes when another connection commits).
   */
  private changeToken(): string {
    const db = this.ctx.db;
    const own = db.prepare('SELECT total_changes()').pluck().get() as number;
    const others = db.pragma('data_version', { simple: true }) as number;
    return `${own}:${others}`;
  }
}
