import type { GlossApi } from '../core/api';
import type { Annotation } from '../core/domain';

/** The fields of an annotation that an update can change. */
export interface AnnotationPatch {
  tagId?: string;
  note?: string;
}

/** One undoable annotation action, with what is needed to reverse and replay it. */
export type UndoCommand =
  | { kind: 'create'; annotation: Annotation }
  | { kind: 'delete'; annotation: Annotation }
  | {
      kind: 'update';
      id: string;
      before: AnnotationPatch;
      after: AnnotationPatch;
      /**
       * Consecutive updates with the same key merge into one step, so that a note saved several
       * times while it is being typed undoes in one go.
       */
      mergeKey?: string;
    };

/** What one undo or redo step did, so the caller can update the decorations and the panel. */
export interface UndoEffect {
  change: 'removed' | 'restored' | 'updated';
  annotation: Annotation;
  command: UndoCommand;
}

/** The API methods undo and redo need. */
export type UndoApi = Pick<GlossApi, 'deleteAnnotation' | 'restoreAnnotation' | 'updateAnnotation'>;

/**
 * The undo/redo history of one document's annotation actions. Each step is a call to the API:
 * undoing a create deletes, redoing it restores the same id; undoing a delete restores; undoing
 * an update writes the previous values back.
 *
 * Every write (steps here, and the caller's own through `enqueue`) runs in one queue, so a burst
 * of Ctrl+Z presses, or an undo pressed while a create is still on its way, happens in order. A
 * step whose call fails stays where it was, so it can be tried again.
 */
export class UndoHistory {
  private done: UndoCommand[] = [];
  private undone: UndoCommand[] = [];
  private queue: Promise<unknown> = Promise.resolve();
  private readonly listeners = new Set<() => void>();

  constructor(
    private readonly api: UndoApi,
    private readonly limit = 500,
  ) {}

  get canUndo(): boolean {
    return this.done.length > 0;
  }

  get canRedo(): boolean {
    return this.undone.length > 0;
  }

  /**
   * Records an action the user just did; clears what could be redone. Call it from inside the
   * write passed to `enqueue`, so that it lands in order with undo and redo steps.
   */
  record(command: UndoCommand): void {
    const top = this.done[this.done.length - 1];
    if (
      command.kind === 'update' &&
      command.mergeKey !== undefined &&
      top?.kind === 'update' &&
      top.id === command.id &&
      top.mergeKey === command.mergeKey
    ) {
      this.done[this.done.length - 1] = { ...top, after: { ...top.after, ...command.after } };
    } else {
      this.done.push(command);
      if (this.done.length > this.limit) this.done.shift();
    }
    this.undone = [];
    this.changed();
  }

  /** Runs a write after every write queued before it. */
  enqueue<T>(write: () => Promise<T>): Promise<T> {
    const result = this.queue.then(write);
    // The queue goes on after a failure; the caller gets the failure from `result`.
    this.queue = result.catch(() => undefined);
    return result;
  }

  /**
   * Undoes the last action; null when there was nothing to undo. `apply` runs inside the queue
   * with what the step did, so the caller's view is up to date before the next write starts.
   */
  undo(apply?: (effect: UndoEffect) => void): Promise<UndoEffect | null> {
    return this.enqueue(() => this.step(this.done, this.undone, 'undo', apply));
  }

  /** Redoes the last undone action; null when there was nothing to redo. */
  redo(apply?: (effect: UndoEffect) => void): Promise<UndoEffect | null> {
    return this.enqueue(() => this.step(this.undone, this.done, 'redo', apply));
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
    from: UndoCommand[],
    to: UndoCommand[],
    direction: 'undo' | 'redo',
    apply?: (effect: UndoEffect) => void,
  ): Promise<UndoEffect | null> {
    const command = from.pop();
    if (!command) return null;
    this.changed();
    let effect: UndoEffect;
    try {
      effect = await this.perform(command, direction);
      to.push(command);
    } catch (error) {
      from.push(command);
      this.changed();
      throw error;
    }
    this.changed();
    apply?.(effect);
    return effect;
  }

  private async perform(command: UndoCommand, direction: 'undo' | 'redo'): Promise<UndoEffect> {
    const undo = direction === 'undo';
    switch (command.kind) {
      case 'create':
      case 'delete': {
        const { id } = command.annotation;
        // Undoing a create, or redoing a delete, removes; the other two bring the same id back.
        const remove = (command.kind === 'create') === undo;
        const annotation = remove
          ? await this.api.deleteAnnotation({ id })
          : await this.api.restoreAnnotation({ id });
        return { change: remove ? 'removed' : 'restored', annotation, command };
      }
      case 'update': {
        const patch = undo ? command.before : command.after;
        const annotation = await this.api.updateAnnotation({ id: command.id, ...patch });
        return { change: 'updated', annotation, command };
      }
    }
  }

  private changed(): void {
    for (const listener of this.listeners) listener();
  }
}
