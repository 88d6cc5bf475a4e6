import type { GlossApi } from '../core/api';
import type { Annotation, Tag } from '../core/domain';
import { removeAnnotation, sortAnnotations, upsertAnnotation } from './annotation-list';
import type { ArticleView, ArticleCallbacks } from './editor/article-view';
import { UndoHistory } from './undo';
import type { UndoEffect } from './undo';

/** What the reader's React components render from. Replaced, never mutated, on every change. */
export interface ReaderSnapshot {
  annotations: readonly Annotation[];
  activeId: string | null;
  hasSelection: boolean;
  canUndo: boolean;
  canRedo: boolean;
}

export interface ReaderDeps {
  api: GlossApi;
  documentId: string;
  tags: readonly Tag[];
  /** Runs a write with status reporting; rejects (after reporting) when it fails. */
  save<T>(write: () => Promise<T>): Promise<T>;
  /** Called when the user asks to edit the active annotation's note from the article (N). */
  focusNote(): void;
  /** Tells the user something that is not an error (e.g. "select some text first"). */
  hint(message: string): void;
  /** Takes a tag out of the panel's filter, so that a span just given that tag shows. */
  revealTag(tagId: string): void;
}

let pendingCounter = 0;

/**
 * One open document's annotation session: the list the panel shows, the decorations the article
 * draws, and the undo history, kept in step. Every user action goes through here: it changes the
 * article at once (a new highlight is drawn before the service answers), writes through the API
 * in one ordered queue, then settles the list and the history with what the service returned —
 * or rolls the article back and leaves the error to the status line.
 */
export class ReaderSession {
  readonly history: UndoHistory;
  readonly callbacks: ArticleCallbacks;
  private article: ArticleView | null = null;
  private snapshot: ReaderSnapshot;
  private readonly listeners = new Set<() => void>();
  private readonly hotkeys: Map<string, Tag>;

  constructor(
    private readonly deps: ReaderDeps,
    initial: readonly Annotation[],
  ) {
    // Undo and redo steps are writes like any other: through save(), so they report status.
    this.history = new UndoHistory({
      deleteAnnotation: (args) => deps.save(() => deps.api.deleteAnnotation(args)),
      restoreAnnotation: (args) => deps.save(() => deps.api.restoreAnnotation(args)),
      updateAnnotation: (args) => deps.save(() => deps.api.updateAnnotation(args)),
    });
    this.hotkeys = new Map(
      deps.tags.filter((t) => t.hotkey).map((t) => [t.hotkey!.toLowerCase(), t]),
    );
    this.snapshot = {
      annotations: sortAnnotations(initial),
      activeId: null,
      hasSelection: false,
      canUndo: false,
      canRedo: false,
    };
    this.history.subscribe(() =>
      this.set({ canUndo: this.history.canUndo, canRedo: this.history.canRedo }),
    );
    this.callbacks = {
      onHotkey: (key) => this.onHotkey(key),
      onSelectionChange: (hasSelection) => this.set({ hasSelection }),
      onAnnotationChosen: (id) => this.choose(id, { reveal: false }),
    };
  }

  // --- React glue (useSyncExternalStore) ---

  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  getSnapshot = (): ReaderSnapshot => this.snapshot;

  /** Connects the article view; it must have been built from `annotations` of the snapshot. */
  attach(article: ArticleView): void {
    this.article = article;
  }

  detach(): void {
    this.article = null;
  }

  // --- Actions ---

  /** Tags the article's selection; false when there was nothing to tag. */
  tagSelection(tag: Tag): boolean {
    const article = this.article;
    const span = article?.selectionSpan();
    if (!article || !span) {
      this.deps.hint('Select some text first, then tag it.');
      return false;
    }
    const pending = { id: `pending-${++pendingCounter}`, tagId: tag.id, ...span };
    article.add([pending], { pending: true, collapseSelection: true });
    const { api, documentId } = this.deps;
    void this.history
      .enqueue(async () => {
        const created = await this.deps.save(() =>
          api.createAnnotation({ documentId, tagId: tag.id, ...span }),
        );
        this.article?.update(pending, created, { activate: true });
        this.deps.revealTag(tag.id);
        this.history.record({ kind: 'create', annotation: created });
        this.set({
          annotations: upsertAnnotation(this.snapshot.annotations, created),
          activeId: created.id,
        });
      })
      .catch(() => this.article?.remove([pending]));
    return true;
  }

  /** Makes an annotation the active one (null: none); `reveal` scrolls to it and flashes it. */
  choose(id: string | null, options: { reveal: boolean }): void {
    const annotation = id ? this.find(id) : undefined;
    this.article?.activate(annotation ?? null, { reveal: options.reveal });
    this.set({ activeId: annotation?.id ?? null });
  }

  setTag(id: string, tagId: string): void {
    void this.write(async () => {
      const before = this.find(id);
      if (!before || before.tagId === tagId) return;
      const updated = await this.deps.save(() => this.deps.api.updateAnnotation({ id, tagId }));
      this.applyUpdate(before, updated);
      this.deps.revealTag(tagId);
      this.history.record({
        kind: 'update',
        id,
        before: { tagId: before.tagId },
        after: { tagId },
      });
    });
  }

  /** Saves a note; saves with the same `mergeKey` (one editing session) undo as one step. */
  saveNote(id: string, note: string, mergeKey: string): Promise<void> {
    return this.write(async () => {
      const before = this.find(id);
      if (!before || before.note === note) return;
      const updated = await this.deps.save(() => this.deps.api.updateAnnotation({ id, note }));
      this.applyUpdate(before, updated);
      this.history.record({
        kind: 'update',
        id,
        before: { note: before.note },
        after: { note },
        mergeKey,
      });
    });
  }

  remove(id: string): void {
    void this.write(async () => {
      const before = this.find(id);
      if (!before) return;
      const deleted = await this.deps.save(() => this.deps.api.deleteAnnotation({ id }));
      this.history.record({ kind: 'delete', annotation: { ...before, ...deleted } });
      this.applyEffect({ change: 'removed', annotation: before });
    });
  }

  undo(): void {
    // A failed step stays on its stack and save() has reported why: nothing else to do.
    this.history.undo((effect) => this.applyEffect(effect)).catch(() => undefined);
  }

  redo(): void {
    this.history.redo((effect) => this.applyEffect(effect)).catch(() => undefined);
  }

  // --- Internals ---

  private onHotkey(key: string): boolean {
    const tag = this.hotkeys.get(key);
    if (tag) {
      this.tagSelection(tag);
      return true;
    }
    if (key === 'n' && this.snapshot.activeId) {
      this.deps.focusNote();
      return true;
    }
    return false;
  }

  /**
   * Runs a write in the history's queue. It reads the current annotation inside the queue, so an
   * undo still on its way cannot leave it looking at a stale copy. A failure was reported by
   * save(), and nothing was changed locally before the service answered.
   */
  private write(run: () => Promise<void>): Promise<void> {
    return this.history.enqueue(run).catch(() => undefined);
  }

  private applyEffect(effect: Pick<UndoEffect, 'change' | 'annotation'>): void {
    const { annotation } = effect;
    const current = this.find(annotation.id);
    if (effect.change === 'removed') {
      if (current) this.article?.remove([current]);
      const activeId = this.snapshot.activeId === annotation.id ? null : this.snapshot.activeId;
      this.set({
        annotations: removeAnnotation(this.snapshot.annotations, annotation.id),
        activeId,
      });
      return;
    }
    if (effect.change === 'restored') {
      this.article?.add([annotation]);
      this.set({ annotations: upsertAnnotation(this.snapshot.annotations, annotation) });
    } else if (current) {
      this.applyUpdate(current, annotation);
    }
    this.choose(annotation.id, { reveal: true });
  }

  private applyUpdate(before: Annotation, after: Annotation): void {
    if (before.tagId !== after.tagId) this.article?.update(before, after);
    this.set({ annotations: upsertAnnotation(this.snapshot.annotations, after) });
  }

  private find(id: string): Annotation | undefined {
    return this.snapshot.annotations.find((a) => a.id === id);
  }

  private set(patch: Partial<ReaderSnapshot>): void {
    this.snapshot = { ...this.snapshot, ...patch };
    for (const listener of this.listeners) listener();
  }
}
