import type { ImportOptions, ImportOutcome } from '../core/domain';

/**
 * One file waiting to be imported: its name for the progress line, and how to send it when its
 * turn comes. Jobs read their file only in `run`, so a batch of 500 files never holds more than
 * one file's bytes in memory.
 */
export interface ImportJob {
  /** The file's name, as progress and results show it. */
  name: string;
  /** Where the file was found, relative to the folder dropped or chosen; absent for lone files. */
  path?: string;
  /**
   * Imports the file with these options and resolves with the service's outcomes (one per file).
   * May reject when the call itself fails: the file then counts as failed with that reason.
   */
  run(options: ImportOptions): Promise<ImportOutcome[]>;
}

/** Why a file found in a folder was left out without being sent. */
export type SkipReason = 'hidden' | 'page-assets' | 'not-a-document' | 'unreadable';

export interface SkippedFile {
  /** The path inside the folder that was dropped or chosen. */
  path: string;
  reason: SkipReason;
}

/** One outcome of a run, with the job and options that produced it (to send it again). */
export interface ImportResult {
  outcome: ImportOutcome;
  /** Absent when the import ran elsewhere (the desktop's native dialog). */
  job?: ImportJob;
  options: ImportOptions;
}

export type ImportRunStatus = 'running' | 'cancelling' | 'done' | 'cancelled';

/** What a run looks like at one moment: an immutable value, replaced on every change. */
export interface ImportRunState {
  status: ImportRunStatus;
  /** Jobs queued so far (a drop during a run adds to it). */
  total: number;
  /** Jobs finished, whatever their outcome. */
  done: number;
  /** The file being imported now; null between files and at the end. */
  current: string | null;
  results: readonly ImportResult[];
  /** Jobs never sent because the run was cancelled. */
  cancelled: readonly ImportJob[];
  /** Files left out of folders before the run (hidden files, web-page assets, not documents). */
  skipped: readonly SkippedFile[];
}

/**
 * A sequential import: one job at a time, so Cancel takes effect after the file being imported
 * now, and everything already imported stays. More jobs may be added while it runs.
 * Observable in the shape React's `useSyncExternalStore` wants.
 */
export class ImportRun {
  private readonly queue: { job: ImportJob; options: ImportOptions }[] = [];
  private readonly listeners = new Set<() => void>();
  private state: ImportRunState;

  constructor(jobs: readonly ImportJob[], options: ImportOptions, skipped: readonly SkippedFile[]) {
    this.queue = jobs.map((job) => ({ job, options }));
    this.state = {
      status: 'running',
      total: jobs.length,
      done: 0,
      current: null,
      results: [],
      cancelled: [],
      skipped,
    };
  }

  /**
   * Queues more jobs behind the current ones. Returns false once the run is finishing or
   * finished (after a cancel, say): the caller then starts a new run.
   */
  add(
    jobs: readonly ImportJob[],
    options: ImportOptions,
    skipped: readonly SkippedFile[],
  ): boolean {
    if (this.state.status !== 'running') return false;
    this.queue.push(...jobs.map((job) => ({ job, options })));
    this.update({
      total: this.state.total + jobs.length,
      skipped: [...this.state.skipped, ...skipped],
    });
    return true;
  }

  /** Stops after the current file; what was imported stays, the rest is reported as cancelled. */
  cancel(): void {
    if (this.state.status === 'running') this.update({ status: 'cancelling' });
  }

  /** Runs the queue to its end (or to a cancel) and resolves with the final state. */
  async run(): Promise<ImportRunState> {
    for (let next = this.queue.shift(); next; next = this.queue.shift()) {
      if (this.state.status === 'cancelling') {
        this.queue.unshift(next);
        break;
      }
      const { job, options } = next;
      this.update({ current: job.name });
      const outcomes = await runJob(job, options);
      this.update({
        done: this.state.done + 1,
        results: [...this.state.results, ...outcomes.map((outcome) => ({ outcome, job, options }))],
      });
    }
    const cancelled = this.queue.splice(0).map((q) => q.job);
    this.update({
      status: this.state.status === 'cancelling' ? 'cancelled' : 'done',
      current: null,
      cancelled,
    });
    return this.state;
  }

  getSnapshot = (): ImportRunState => this.state;

  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  private update(change: Partial<ImportRunState>): void {
    this.state = { ...this.state, ...change };
    for (const listener of this.listeners) listener();
  }
}

/** Runs one job; a rejected call becomes that file's failure, so the run goes on. */
export async function runJob(job: ImportJob, options: ImportOptions): Promise<ImportOutcome[]> {
  try {
    const outcomes = await job.run(options);
    if (outcomes.length) return outcomes;
    return [{ name: job.name, status: 'failed', error: 'the service returned no result' }];
  } catch (error) {
    return [{ name: job.name, status: 'failed', error: reasonOf(error) }];
  }
}

/** The message of any thrown value (GlossError's message is written for the analyst). */
export function reasonOf(error: unknown): string {
  if (error instanceof Error && error.message) return error.message;
  return String(error);
}
