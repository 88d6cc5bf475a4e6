import type { HistoryCall, HistoryEntry } from '../core/domain';
import { GlossError } from '../core/errors';
import { historyStepProblem } from '../core/history-rules';

/**
 * One undoable step: the API calls that redo it and the calls that undo it, each run in order
 * through the normal (validated) API. Steps are plain data, so they can be stored and replayed
 * after the document is closed and opened again.
 */
export interface UndoStep {
  label: string;
  undo: HistoryCall[];
  redo: HistoryCall[];
  /**
   * Consecutive steps with the same key merge into one (the first step's undo, the last one's
   * redo), so that a note saved several times while it is being typed undoes in one go. Only
   * for steps whose redo calls write whole values, so that the last redo alone is enough.
   */
  mergeKey?: string;
  /** The stored history entry's id, once it has been persisted. */
  entryId?: string;
}

/** Calls, or calls computed from the results of the calls that ran (a new id, say). */
export type CallsFrom = HistoryCall[] | ((results: unknown[]) => HistoryCall[]);

/** An action to perform and record as one step (see UndoHistory.perform). */
export interface PerformStep {
  label: string;
  /** The calls that do the action, run in order. */
  redo: HistoryCall[];
  /** The calls that reverse it, usually computed from what `redo` returned. */
  undo: CallsFrom;
  /**
   * The calls that redo the action later, when they differ from `redo`: a create is redone by
   * restoring the same id (so later steps that name it still work), not by creating another.
   */
  replay?: CallsFrom;
  mergeKey?: string;
}

/** What one undo or redo did, so the caller can bring its view up to date. */
export interface UndoEffect {
  direction: 'undo' | 'redo';
  step: UndoStep;
  /** The calls that ran and what each returned, in order. */
  calls: readonly HistoryCall[];
  results: readonly unknown[];
}

/** Where steps are kept across sessions; every method may fail (the step then stays in memory). */
export interface UndoStore {
  /** Stores a new step (dropping stored steps that were undone); `replaces` is a merged step. */
  record(step: UndoStep, replaces: string | undefined): Promise<string>;
  setUndone(entryId: string, undone: boolean): Promise<void>;
}

export interface UndoHistoryOptions {
  /** Runs one call through the API. */
  run(call: HistoryCall): Promise<unknown>;
  store?: UndoStore;
  /** How many steps are kept in memory (the service caps what it stores too). */
  limit?: number;
}

/** Steps as they were stored: those done, oldest first, then those undone, next to redo first. */
export function stepsFromEntries(entries: readonly HistoryEntry[]): {
  done: UndoStep[];
  undone: UndoStep[];
} {
  const done: UndoStep[] = [];
  const undone: UndoStep[] = [];
  for (const entry of entries) {
    const step: UndoStep = {
      label: entry.label,
      undo: entry.undo,
      redo: entry.redo,
      entryId: entry.id,
    };
    (entry.undone ? undone : done).push(step);
  }
  // The stack pops from the end: the first undone entry (oldest) is the next to redo.
  undone.reverse();
  return { done, undone };
}

/**
 * An undo/redo history of API steps. Every write (steps here, and the caller's own through
 * `enqueue`) runs in one queue, so a burst of Ctrl+Z presses, or an undo pressed while a create
 * is still on its way, happens in order. A step whose call fails stays where it was, so it can
 * be tried again.
 */
export class UndoHistory {
  private done: UndoStep[] = [];
  private undone: UndoStep[] = [];
  private queue: Promise<unknown> = Promise.resolve();
  private readonly listeners = new Set<() => void>();
  private readonly limit: number;

  constructor(private readonly options: UndoHistoryOptions) {
    this.limit = options.limit ?? 500;
  }

  get canUndo(): boolean {
    return this.done.length > 0;
  }

  get canRedo(): boolean {
    return this.undone.length > 0;
  }

  /** What Ctrl+Z would undo, for a menu's or a button's title. */
  get nextUndoLabel(): string | null {
    return this.done[this.done.length - 1]?.label ?? null;
  }

  get nextRedoLabel(): string | null {
    return this.undone[this.undone.length - 1]?.label ?? null;
  }

  /** Replaces the stacks with steps loaded from the store (see stepsFromEntries). */
  load(steps: { done: UndoStep[]; undone: UndoStep[] }): void {
    this.done = steps.done.slice(-this.limit);
    this.undone = steps.undone.slice(-this.limit);
    this.changed();
  }

  /**
   * Records an action the user just did; clears what could be redone. Call it from inside the
   * write passed to `enqueue`, so that it lands in order with undo and redo steps; the returned
   * promise settles when the step is stored (it never rejects: a step that could not be stored
   * still undoes in this session).
   */
  async record(step: UndoStep): Promise<void> {
    const top = this.done[this.done.length - 1];
    const merge =
      step.mergeKey !== undefined && top?.mergeKey === step.mergeKey && this.undone.length === 0;
    const stored: UndoStep = merge ? { ...step, undo: top!.undo } : { ...step };
    if (merge) this.done[this.done.length - 1] = stored;
    else {
      this.done.push(stored);
      if (this.done.length > this.limit) this.done.shift();
    }
    this.undone = [];
    this.changed();
    const store = this.options.store;
    if (!store) return;
    try {
      stored.entryId = await store.record(stored, merge ? top!.entryId : undefined);
    } catch {
      // Reported by the store; the step still undoes while the document stays open.
    }
  }

  /**
   * Performs an action in the queue: runs `redo` in order, records the step (undo and replay
   * computed from the results), and stores it; `apply` then runs, still in the queue, with the
   * results. Rejects, recording nothing, when a call fails.
   */
  perform(
    step: PerformStep,
    apply?: (results: unknown[]) => void | Promise<void>,
  ): Promise<unknown[]> {
    return this.enqueue(async () => {
      // The first run may be large (an edited text); only what is stored is size-capped.
      for (const call of step.redo) assertReplayable({ undo: [], redo: [{ ...call, args: null }] });
      const results = await this.runCalls(step.redo);
      const computed: UndoStep = {
        label: step.label,
        undo: typeof step.undo === 'function' ? step.undo(results) : step.undo,
        redo:
          step.replay === undefined
            ? step.redo
            : typeof step.replay === 'function'
              ? step.replay(results)
              : step.replay,
        ...(step.mergeKey !== undefined ? { mergeKey: step.mergeKey } : {}),
      };
      assertReplayable(computed);
      await this.record(computed);
      await apply?.(results);
      return results;
    });
  }

  /** Runs a write after every write queued before it. */
  enqueue<T>(write: () => Promise<T>): Promise<T> {
    const result = this.queue.then(write);
    // The queue goes on after a failure; the caller gets the failure from `result`.
    this.queue = result.catch(() => undefined);
    return result;
  }

  /**
   * Undoes the last step; null when there was nothing to undo. `apply` runs inside the queue
   * with what the step did, so the caller's view is up to date before the next write starts.
   */
  undo(apply?: (effect: UndoEffect) => void | Promise<void>): Promise<UndoEffect | null> {
    return this.enqueue(() => this.step('undo', apply));
  }

  /** Redoes the last undone step; null when there was nothing to redo. */
  redo(apply?: (effect: UndoEffect) => void | Promise<void>): Promise<UndoEffect | null> {
    return this.enqueue(() => this.step('redo', apply));
  }

  /** Runs calls in order; the results of those that ran so far go with a failure. */
  async runCalls(calls: readonly HistoryCall[]): Promise<unknown[]> {
    const results: unknown[] = [];
    for (const call of calls) results.push(await this.options.run(call));
    return results;
  }

  clear(): void {
    this.done = [];
    this.undone = [];
    this.changed();
  }

  /** Calls `listener` whenever canUndo or canRedo may have changed; returns the unsubscribe. */
  subscribe(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  private async step(
    direction: 'undo' | 'redo',
    apply?: (effect: UndoEffect) => void | Promise<void>,
  ): Promise<UndoEffect | null> {
    const [from, to] = direction === 'undo' ? [this.done, this.undone] : [this.undone, this.done];
    const step = from.pop();
    if (!step) return null;
    this.changed();
    const calls = direction === 'undo' ? step.undo : step.redo;
    let results: unknown[];
    try {
      results = await this.runCalls(calls);
    } catch (error) {
      from.push(step);
      this.changed();
      throw error;
    }
    to.push(step);
    this.changed();
    // Stored before the view is told: a view that reloads (another version of the document)
    // must find the history as it now is.
    if (step.entryId && this.options.store) {
      await this.options.store.setUndone(step.entryId, direction === 'undo').catch(() => undefined);
    }
    const effect: UndoEffect = { direction, step, calls, results };
    await apply?.(effect);
    return effect;
  }

  private changed(): void {
    for (const listener of this.listeners) listener();
  }
}

/** A step that calls a method history may not replay is a bug in the caller: refuse it. */
function assertReplayable(step: { undo: readonly HistoryCall[]; redo: readonly HistoryCall[] }) {
  const problem = historyStepProblem(step);
  if (problem) throw new GlossError('invalid_argument', `Cannot record this step: ${problem}.`);
}
