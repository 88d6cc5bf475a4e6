/**
 * The project's own undo history: actions that belong to no document (the codebook, the entity
 * registry, project memos) undo with Ctrl+Z in the views that show them — the codebook dialog,
 * the entities view — and, like a document's history, survive closing the app (stored with
 * documentId null).
 */
import { useEffect, useRef, useSyncExternalStore } from 'react';
import type { GlossApi } from '../core/api';
import type { HistoryCall } from '../core/domain';
import { GlossError } from '../core/errors';
import { isReplayableMethod } from '../core/history-rules';
import { stepsFromEntries, UndoHistory } from './undo';
import type { PerformStep, UndoEffect, UndoStore } from './undo';

/** Runs one stored call through the API; only methods a history may replay are called. */
export function callApi(api: GlossApi, call: HistoryCall): Promise<unknown> {
  if (!isReplayableMethod(call.method)) {
    return Promise.reject(
      new GlossError('invalid_argument', `An undo step may not call ${call.method}.`),
    );
  }
  const method = api[call.method] as (args: unknown) => Promise<unknown>;
  return method(call.args);
}

/** Keeps a history's steps in the project file, under a document (or the project: null). */
export function historyStore(
  api: GlossApi,
  documentId: string | null,
  save: <T>(write: () => Promise<T>) => Promise<T> = (write) => write(),
): UndoStore {
  return {
    record: async (step, replaces) => {
      const entry = await save(() =>
        api.recordHistory({
          documentId,
          label: step.label.slice(0, 200),
          undo: step.undo,
          redo: step.redo,
          ...(replaces ? { replaces } : {}),
        }),
      );
      return entry.id;
    },
    setUndone: async (entryId, undone) => {
      await save(() => api.setHistoryUndone({ id: entryId, undone }));
    },
  };
}

/** The project history of one connection, with what its views need. */
export class ProjectHistory {
  readonly history: UndoHistory;
  private loading: Promise<void> | null = null;
  private readonly appliedListeners = new Set<(effect: ProjectStepApplied) => void>();
  private snapshot = { canUndo: false, canRedo: false, undoLabel: '', redoLabel: '' };
  private readonly listeners = new Set<() => void>();

  constructor(private readonly api: GlossApi) {
    this.history = new UndoHistory({
      run: (call) => callApi(api, call),
      store: historyStore(api, null),
    });
    this.history.subscribe(() => {
      this.snapshot = {
        canUndo: this.history.canUndo,
        canRedo: this.history.canRedo,
        undoLabel: this.history.nextUndoLabel ?? '',
        redoLabel: this.history.nextRedoLabel ?? '',
      };
      for (const listener of this.listeners) listener();
    });
  }

  /** Loads the stored steps once; later calls wait for the same load. */
  load(): Promise<void> {
    this.loading ??= this.history
      .enqueue(async () => {
        const entries = await this.api.listHistory({ documentId: null });
        this.history.load(stepsFromEntries(entries));
      })
      // A history that could not be read is empty for this session; actions still work.
      .catch(() => undefined);
    return this.loading;
  }

  async perform(step: PerformStep): Promise<unknown[]> {
    await this.load();
    return this.history.perform(step, (results) =>
      this.announce({ direction: 'do', calls: step.redo, results }),
    );
  }

  /** Undoes the last project step; resolves to what it undid (null: nothing). */
  async undo(): Promise<UndoEffect | null> {
    await this.load();
    return this.history.undo((effect) => this.announce(effect));
  }

  async redo(): Promise<UndoEffect | null> {
    await this.load();
    return this.history.redo((effect) => this.announce(effect));
  }

  /** Calls `listener` after every step done, undone or redone, so views read their data again. */
  onApplied(listener: (effect: ProjectStepApplied) => void): () => void {
    this.appliedListeners.add(listener);
    return () => this.appliedListeners.delete(listener);
  }

  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  getSnapshot = () => this.snapshot;

  private announce(effect: ProjectStepApplied): void {
    for (const listener of this.appliedListeners) listener(effect);
  }
}

/** What a project step did, for views that show what it may have changed. */
export interface ProjectStepApplied {
  direction: 'do' | 'undo' | 'redo';
  calls: readonly HistoryCall[];
  results: readonly unknown[];
}

const histories = new WeakMap<GlossApi, ProjectHistory>();

/** The project history of a connection (one per API object, created on first use). */
export function projectHistory(api: GlossApi): ProjectHistory {
  let history = histories.get(api);
  if (!history) {
    history = new ProjectHistory(api);
    histories.set(api, history);
  }
  return history;
}

/**
 * Performs a project-level action (codebook, entities) as one undoable step: runs `redo` in
 * order through the API, records the step in the project history (undo computed from the
 * results when a function; `replay` as in PerformStep) and stores it. Resolves to the results.
 */
export function performProjectStep(api: GlossApi, step: PerformStep): Promise<unknown[]> {
  return projectHistory(api).perform(step);
}

/**
 * Ctrl/Cmd+Z and Ctrl/Cmd+Shift+Z (or Ctrl+Y) on the project history while `enabled`, for a view
 * without a document; text fields keep their own undo. Returns the history's state for buttons.
 */
export function useProjectUndoShortcuts(
  api: GlossApi,
  enabled: boolean,
  options: {
    /** Where to listen (default: the window). */
    target?: () => HTMLElement | Window | null;
    /** Told when an undo or redo failed (the step stays, to be tried again). */
    onError?: (error: unknown) => void;
  } = {},
) {
  const latest = useRef(options);
  latest.current = options;
  const history = projectHistory(api);
  useEffect(() => {
    if (!enabled) return;
    void history.load();
    const element = (latest.current.target ?? (() => window))();
    if (!element) return;
    const onKey = (event: Event) => {
      const key = event as KeyboardEvent;
      if (!(key.ctrlKey || key.metaKey) || key.altKey) return;
      const typing = (key.target as HTMLElement | null)?.closest?.(
        'input, textarea, select, [contenteditable="true"]',
      );
      if (typing) return;
      const name = key.key.toLowerCase();
      if (name !== 'z' && !(name === 'y' && !key.shiftKey)) return;
      key.preventDefault();
      key.stopPropagation();
      const run = name === 'z' && !key.shiftKey ? history.undo() : history.redo();
      run.catch((error: unknown) => latest.current.onError?.(error));
    };
    element.addEventListener('keydown', onKey);
    return () => element.removeEventListener('keydown', onKey);
  }, [history, enabled]);
  return useSyncExternalStore(history.subscribe, history.getSnapshot);
}
