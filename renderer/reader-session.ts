import type { GlossApi } from '../core/api';
import type { Annotation, HistoryCall, HistoryEntry, Tag } from '../core/domain';
import { GlossError } from '../core/errors';
import { removeAnnotation, sortAnnotations, upsertAnnotation } from './annotation-list';
import { hotkeyMap } from './tags';
import type { ArticleView, ArticleCallbacks } from './editor/article-view';
import {
  callEffects,
  deleteOrphanStep,
  deleteStep,
  editTextStep,
  noteStep,
  reattachStep,
  retagStep,
  tagStep,
} from './history-steps';
import { callApi, historyStore } from './project-history';
import { stepsFromEntries, UndoHistory } from './undo';
import type { PerformStep, UndoEffect } from './undo';

/** What the reader's React components render from. Replaced, never mutated, on every change. */
export interface ReaderSnapshot {
  annotations: readonly Annotation[];
  activeId: string | null;
  hasSelection: boolean;
  canUndo: boolean;
  canRedo: boolean;
  /** What Ctrl+Z and Ctrl+Shift+Z would do, for the buttons' titles. */
  undoLabel: string | null;
  redoLabel: string | null;
  /**
   * Goes up after every performed, undone or redone step, so that views showing what a step may
   * change (relations, entities, orphans) know to read it again.
   */
  revision: number;
  /** "Edit text" mode: on, whether the text differs from the stored one, and its save. */
  editing: boolean;
  textChanged: boolean;
  savingText: boolean;
  /** Cancel was asked with unsaved changes: the reader asks whether to discard them. */
  confirmingDiscard: boolean;
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
  /**
   * Another version of the document became the current one (an edit of its text was saved,
   * undone or redone): the reader opens it in place of this one.
   */
  openVersion?(documentId: string): void;
}

/** A step as callers of `perform` give it: see PerformStep in undo.ts. */
export type ReaderStep = PerformStep;

let pendingCounter = 0;

/** Calls that draw an annotation at a stored position. */
const PLACES_ANNOTATION = new Set([
  'createAnnotation',
  'restoreAnnotation',
  'reattachOrphan',
  'restoreOrphan',
]);

/**
 * One open document's annotation session: the list the panel shows, the decorations the article
 * draws, and the undo history, kept in step. Every user action goes through here: it changes the
 * article at once (a new highlight is drawn before the service answers), writes through the API
 * in one ordered queue, then settles the list and the history with what the service returned —
 * or rolls the article back and leaves the error to the status line.
 *
 * Every action is a step of API calls (undo.ts), stored with the document, so Ctrl+Z after the
 * document was closed and opened again still undoes the last action.
 */
export class ReaderSession {
  readonly history: UndoHistory;
  readonly callbacks: ArticleCallbacks;
  private article: ArticleView | null = null;
  private snapshot: ReaderSnapshot;
  private readonly listeners = new Set<() => void>();
  private hotkeys: Map<string, Tag>;

  constructor(
    private readonly deps: ReaderDeps,
    initial: readonly Annotation[],
    storedHistory: readonly HistoryEntry[] = [],
  ) {
    // Undo and redo steps are writes like any other: through save(), so they report status.
    this.history = new UndoHistory({
      run: (call) => deps.save(() => callApi(deps.api, call)),
      store: historyStore(deps.api, deps.documentId, deps.save),
    });
    this.history.load(stepsFromEntries(storedHistory));
    // Every tag's hotkey tags, sub-tags' too (Person: P); updateTags follows codebook changes.
    this.hotkeys = hotkeyMap(deps.tags);
    this.snapshot = {
      annotations: sortAnnotations(initial),
      activeId: null,
      hasSelection: false,
      ...this.historyState(),
      revision: 0,
      editing: false,
      textChanged: false,
      savingText: false,
      confirmingDiscard: false,
    };
    this.history.subscribe(() => this.set(this.historyState()));
    this.callbacks = {
      onHotkey: (key) => this.onHotkey(key),
      onSelectionChange: (hasSelection) => this.set({ hasSelection }),
      onAnnotationChosen: (id) => this.choose(id, { reveal: false }),
      onTextEdit: (event) => {
        if (event === 'changed') this.set({ textChanged: !!this.article?.textChanged });
        else if (event === 'save') void this.saveTextEdit();
        else this.cancelTextEdit();
      },
    };
  }

  get documentId(): string {
    return this.deps.documentId;
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

  /** Puts the keyboard focus back in the article (Escape from the side panel). */
  focusArticle(): void {
    this.article?.focus();
  }

  // --- Actions ---

  /**
   * Performs any undoable action: runs `redo` through the API in this session's write queue,
   * records the step in the document's history (undo computed from the results when it is a
   * function) and stores it. Annotations the calls return are brought up to date in the article
   * and the panel; `revision` goes up. Rejects (after save() reported it) when a call fails.
   */
  perform(step: ReaderStep): Promise<unknown[]> {
    // While the text is edited, positions in the article are not the stored ones: nothing may
    // place an annotation until the edit is saved or cancelled (notes and tags may change).
    if (this.snapshot.editing && step.redo.some((c) => PLACES_ANNOTATION.has(c.method))) {
      this.deps.hint('Save or cancel the text edit first.');
      return Promise.reject(new GlossError('conflict', 'The text is being edited.'));
    }
    return this.history.perform(step, (results) => this.applyCalls(step.redo, results));
  }

  /** Tags the article's selection; false when there was nothing to tag. */
  tagSelection(tag: Tag): boolean {
    const article = this.article;
    if (this.snapshot.editing) {
      this.deps.hint('Save or cancel the text edit first, then tag.');
      return false;
    }
    const span = article?.selectionSpan();
    if (!article || !span) {
      this.deps.hint('Select some text first, then tag it.');
      return false;
    }
    const pending = { id: `pending-${++pendingCounter}`, tagId: tag.id, ...span };
    article.add([pending], { pending: true, collapseSelection: true });
    this.history
      .perform(tagStep(this.deps.documentId, tag, span), (results) => {
        const created = results[0] as Annotation;
        this.article?.update(pending, created, { activate: true });
        this.deps.revealTag(tag.id);
        this.set({
          annotations: upsertAnnotation(this.snapshot.annotations, created),
          activeId: created.id,
          revision: this.snapshot.revision + 1,
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
    const before = this.find(id);
    if (!before || before.tagId === tagId) return;
    const name = this.deps.tags.find((t) => t.id === tagId)?.name ?? 'another tag';
    this.perform(retagStep(before, { id: tagId, name })).then(
      () => this.deps.revealTag(tagId),
      () => undefined,
    );
  }

  /** Saves a note; saves with the same `mergeKey` (one editing session) undo as one step. */
  saveNote(id: string, note: string, mergeKey: string): Promise<void> {
    // Read inside the queue: an undo on its way may change the note this step reverts to.
    return this.history
      .enqueue(async () => this.find(id))
      .then((before) => {
        if (!before || before.note === note) return;
        return this.perform(noteStep(before, note, mergeKey)).then(() => undefined);
      })
      .catch(() => undefined);
  }

  remove(id: string): void {
    if (!this.find(id)) return;
    this.perform(deleteStep(id)).catch(() => undefined);
  }

  undo(): void {
    // While the text is edited, undo is the text's own (edit-mode.ts).
    if (this.snapshot.editing) return void this.article?.textHistory('undo');
    // A failed step stays on its stack and save() has reported why: nothing else to do.
    this.history.undo((effect) => this.applyEffect(effect)).catch(() => undefined);
  }

  redo(): void {
    if (this.snapshot.editing) return void this.article?.textHistory('redo');
    this.history.redo((effect) => this.applyEffect(effect)).catch(() => undefined);
  }

  // --- "Edit text" mode ---

  /** Makes the article editable (fixing OCR errors, trimming boilerplate). */
  startTextEdit(): void {
    if (!this.article || this.snapshot.editing) return;
    this.article.startEditing();
    this.set({ editing: true, textChanged: false, confirmingDiscard: false });
  }

  /** Leaves edit mode; with unsaved changes, first asks (`discard` confirms). */
  cancelTextEdit(options: { discard?: boolean } = {}): void {
    if (!this.snapshot.editing || this.snapshot.savingText) return;
    if (this.snapshot.textChanged && !options.discard) {
      this.set({ confirmingDiscard: true });
      return;
    }
    this.article?.stopEditing({ revert: true });
    this.set({ editing: false, textChanged: false, confirmingDiscard: false });
    this.article?.focus();
  }

  /** The discard question was answered "keep editing". */
  keepEditing(): void {
    this.set({ confirmingDiscard: false });
    this.article?.focus();
  }

  /**
   * Saves the edit as a new version of the document (one undoable step): the annotations go
   * with their mapped positions; those whose text was deleted stay behind as orphans. The
   * reader then opens the new version (deps.openVersion).
   */
  async saveTextEdit(): Promise<void> {
    const article = this.article;
    if (!article || !this.snapshot.editing || this.snapshot.savingText) return;
    if (!article.textChanged) return this.cancelTextEdit();
    const edit = article.textEditResult(this.snapshot.annotations);
    if (!edit) return;
    this.set({ savingText: true, confirmingDiscard: false });
    try {
      await this.perform(editTextStep(this.deps.documentId, edit));
    } catch {
      // save() reported why; the edit stays open so nothing typed is lost.
    } finally {
      this.set({ savingText: false });
    }
  }

  // --- Orphans (annotations whose text an edit deleted, or a re-import could not find) ---

  /** Copies an orphan onto the article's selection and removes it from the orphans. */
  reattachOrphan(orphanId: string): boolean {
    const span = this.snapshot.editing ? null : this.article?.selectionSpan();
    if (!span) {
      this.deps.hint('Select the text to re-attach the annotation to, then choose Re-attach.');
      return false;
    }
    this.perform(reattachStep(orphanId, this.deps.documentId, span)).then(
      (results) => this.choose((results[0] as Annotation).id, { reveal: true }),
      () => undefined,
    );
    return true;
  }

  /** Deletes an orphan for good (undoable). */
  deleteOrphan(orphanId: string): void {
    this.perform(deleteOrphanStep(orphanId)).catch(() => undefined);
  }

  /** Reads the annotations again (after a step made elsewhere changed them) and redraws. */
  async refresh(): Promise<void> {
    const fresh = await this.deps.api.listAnnotations({ documentId: this.deps.documentId });
    this.reconcile(fresh);
  }

  /**
   * Takes the codebook as it now is (after a change in the codebook dialog): the hotkeys that
   * tag, the tag names steps are labelled with, and the colour and name of drawn highlights.
   */
  updateTags(tags: readonly Tag[]): void {
    if (tags === this.deps.tags) return;
    const before = new Map(this.deps.tags.map((t) => [t.id, t]));
    this.deps.tags = tags;
    this.hotkeys = hotkeyMap(tags);
    const restyled = new Set(
      tags
        .filter((t) => {
          const old = before.get(t.id);
          return old !== undefined && (old.color !== t.color || old.name !== t.name);
        })
        .map((t) => t.id),
    );
    if (restyled.size === 0) return;
    for (const annotation of this.snapshot.annotations) {
      if (restyled.has(annotation.tagId)) this.article?.update(annotation, annotation);
    }
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

  private async applyEffect(effect: UndoEffect): Promise<void> {
    await this.applyCalls(effect.calls, effect.results);
    // Show what the undo or redo changed, when it was one annotation of this document.
    const last = effect.results[effect.results.length - 1] as Annotation | undefined;
    const shown = last && typeof last === 'object' && last.id ? this.find(last.id) : undefined;
    if (shown) this.choose(shown.id, { reveal: true });
  }

  /**
   * Brings the article and the list up to date with what a step's calls returned. Annotation
   * calls are applied from their results; any other call may have changed annotations in ways
   * only the service knows (a merge of tags, a re-attached orphan), so the list is read again.
   */
  private async applyCalls(calls: readonly HistoryCall[], results: readonly unknown[]) {
    const effects = callEffects(calls, results, this.deps.documentId);
    for (const id of effects.removals) this.removeLocal(id);
    for (const annotation of effects.upserts) this.upsertLocal(annotation);
    if (effects.switchTo) {
      // Another version is now the document (a text edit saved, undone or redone): the reader
      // opens it and everything is read afresh there. No new revision here: the views of this
      // session would read again the relations, orphans and memos of a superseded version, and
      // the service answers that it no longer exists.
      this.deps.openVersion?.(effects.switchTo);
      return;
    }
    if (effects.reread) await this.refresh().catch(() => undefined);
    this.set({ revision: this.snapshot.revision + 1 });
  }

  /** Applies a fresh list: only the annotations that differ are redrawn. */
  private reconcile(fresh: readonly Annotation[]): void {
    const byId = new Map(fresh.map((a) => [a.id, a]));
    for (const current of this.snapshot.annotations) {
      if (!byId.has(current.id)) this.removeLocal(current.id);
    }
    for (const annotation of fresh) {
      const current = this.find(annotation.id);
      if (
        !current ||
        current.updatedAt !== annotation.updatedAt ||
        current.tagId !== annotation.tagId
      )
        this.upsertLocal(annotation);
    }
  }

  private upsertLocal(annotation: Annotation): void {
    const current = this.find(annotation.id);
    if (!current) this.article?.add([annotation]);
    else if (
      current.tagId !== annotation.tagId ||
      current.start !== annotation.start ||
      current.end !== annotation.end
    ) {
      this.article?.update(current, annotation);
    }
    this.set({ annotations: upsertAnnotation(this.snapshot.annotations, annotation) });
  }

  private removeLocal(id: string): void {
    const current = this.find(id);
    if (!current) return;
    this.article?.remove([current]);
    this.set({
      annotations: removeAnnotation(this.snapshot.annotations, id),
      activeId: this.snapshot.activeId === id ? null : this.snapshot.activeId,
    });
  }

  private historyState() {
    return {
      canUndo: this.history.canUndo,
      canRedo: this.history.canRedo,
      undoLabel: this.history.nextUndoLabel,
      redoLabel: this.history.nextRedoLabel,
    };
  }

  private find(id: string): Annotation | undefined {
    return this.snapshot.annotations.find((a) => a.id === id);
  }

  private set(patch: Partial<ReaderSnapshot>): void {
    this.snapshot = { ...this.snapshot, ...patch };
    for (const listener of this.listeners) listener();
  }
}
