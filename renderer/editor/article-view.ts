import { EditorState, TextSelection } from 'prosemirror-state';
import type { Plugin } from 'prosemirror-state';
import { EditorView } from 'prosemirror-view';
import type { GlossDocument } from '../../core/domain';
import {
  annotationPlugin,
  annotationsAt,
  annotationKey,
  findAnnotation,
  withAnnotationAction,
} from './annotation-plugin';
import type { AnnotationAction, AnnotationMarkup, AnnotationRef } from './annotation-plugin';
import { isOpenLinkClick, openExternalLink } from '../external-link';
import { buildArticleDoc } from './build-doc';
import { PositionMap } from './positions';
import type { Span } from './positions';
import { readOnlyPlugin } from './read-only';
import { editModePlugin, isEditing, setEditing, TextEditSession } from './edit-mode';
import type { EditedAnnotation, TextEditResult } from './edit-mode';

/** An annotation as the article needs it: where (code points) and which tag. */
export interface SpanAnnotation extends Span {
  id: string;
  tagId: string;
}

/** How the article learns what a tag looks like. */
export type DescribeTag = (tagId: string) => { name: string; color: string };

/** What the article tells its owner. */
export interface ArticleCallbacks {
  /** A key without modifiers was pressed; return true if it was a tag hotkey that was handled. */
  onHotkey(key: string): boolean;
  /** The selection became empty or non-empty. */
  onSelectionChange(hasSelection: boolean): void;
  /** An annotation was clicked, or chosen with Enter at the caret; null when cleared (Escape). */
  onAnnotationChosen(id: string | null): void;
  /** In "Edit text" mode: the text changed (or changed back), or a save / cancel key was pressed. */
  onTextEdit?(event: 'changed' | 'save' | 'cancel'): void;
}

/** How long a flashed annotation keeps its flash class (the CSS animation is shorter). */
const FLASH_MS = 1400;

/**
 * The article view: a ProseMirror EditorView over one document, read-only, with its annotation
 * decorations. The React side talks to it only through these methods, with code-point spans;
 * every conversion to positions happens here through the document's PositionMap.
 */
export class ArticleView {
  readonly map: PositionMap;
  private readonly view: EditorView;
  private flashTimer: ReturnType<typeof setTimeout> | undefined;
  private hadSelection = false;
  private textEdit: TextEditSession | null = null;

  constructor(
    mount: HTMLElement,
    document: GlossDocument,
    annotations: readonly SpanAnnotation[],
    private readonly describe: DescribeTag,
    private readonly callbacks: ArticleCallbacks,
  ) {
    this.map = new PositionMap(document.text, document.blocks);
    const doc = buildArticleDoc(this.map);
    const initial = annotations.flatMap((a) => this.markup(a));
    const state = EditorState.create({
      doc,
      plugins: [
        annotationPlugin(initial),
        readOnlyPlugin(),
        editModePlugin({
          onSave: () => callbacks.onTextEdit?.('save'),
          onCancel: () => callbacks.onTextEdit?.('cancel'),
        }),
      ],
    });
    this.view = new EditorView(mount, {
      state,
      attributes: (state) => ({
        class: isEditing(state) ? 'gl-article gl-article-editing' : 'gl-article',
        role: 'textbox',
        'aria-readonly': isEditing(state) ? 'false' : 'true',
        'aria-multiline': 'true',
        'aria-label': `Article: ${document.title}`,
        spellcheck: isEditing(state) ? 'true' : 'false',
      }),
      dispatchTransaction: (tr) => this.dispatch(tr),
      handleKeyDown: (view, event) => this.handleKeyDown(view, event),
      handleClick: (view, pos, event) => this.handleClick(view, pos, event),
      handleDOMEvents: {
        // Links never navigate inside the app (DESIGN.md §7); their URL shows as a tooltip.
        // Ctrl+click (Cmd+click) offers to open one in the browser, after a confirmation.
        click: (_view, event) => {
          const link = (event.target as Element | null)?.closest?.('a');
          if (!link) return false;
          event.preventDefault();
          if (!isOpenLinkClick(event)) return false;
          void openExternalLink(link.getAttribute('href') ?? '');
          return true;
        },
      },
    });
  }

  /** The selection as a span with surrounding whitespace trimmed, or null if there is none. */
  selectionSpan(): Span | null {
    const { from, to } = this.currentSelection();
    return from === to ? null : this.map.trimmedSpan({ from, to });
  }

  /**
   * The selection as the user sees it. ProseMirror reads the DOM selection on `selectionchange`,
   * which the browser fires a moment later: a hotkey pressed right after shift+arrow (as fast as
   * a test types) would otherwise tag the selection as it was one keystroke earlier.
   */
  private currentSelection(): { from: number; to: number } {
    const dom = this.view.dom;
    const selection = dom.ownerDocument.getSelection();
    const { anchorNode, focusNode } = selection ?? {};
    if (
      selection &&
      anchorNode &&
      focusNode &&
      dom.contains(anchorNode) &&
      dom.contains(focusNode)
    ) {
      try {
        const anchor = this.view.posAtDOM(anchorNode, selection.anchorOffset);
        const head = this.view.posAtDOM(focusNode, selection.focusOffset);
        return { from: Math.min(anchor, head), to: Math.max(anchor, head) };
      } catch {
        // A DOM position ProseMirror cannot map: fall back to its own selection.
      }
    }
    const { from, to } = this.view.state.selection;
    return { from, to };
  }

  /** Collapses the selection to its end, e.g. once it has been tagged. */
  collapseSelection(): void {
    const { state } = this.view;
    const to = this.currentSelection().to;
    this.view.dispatch(state.tr.setSelection(TextSelection.create(state.doc, to)));
  }

  /**
   * Draws annotations; those of which nothing is shown (e.g. only whitespace) are skipped. With
   * `collapseSelection`, the selection collapses to its end in the same transaction, so a new
   * highlight costs one redraw.
   */
  add(
    annotations: readonly SpanAnnotation[],
    options: { pending?: boolean; collapseSelection?: boolean } = {},
  ): void {
    const markups = annotations.flatMap((a) => this.markup(a, options.pending));
    const tr = withAnnotationAction(this.view.state.tr, { type: 'add', annotations: markups });
    if (options.collapseSelection) {
      tr.setSelection(TextSelection.create(tr.doc, this.currentSelection().to));
    }
    if (markups.length || options.collapseSelection) this.view.dispatch(tr);
  }

  remove(annotations: readonly SpanAnnotation[]): void {
    this.act({ type: 'remove', annotations: annotations.map((a) => this.ref(a)) });
  }

  /**
   * Redraws one annotation after its tag (or, for a pending one, its id) changed; with
   * `activate`, also makes it the active one, in the same redraw.
   */
  update(
    previous: SpanAnnotation,
    next: SpanAnnotation,
    options: { pending?: boolean; activate?: boolean } = {},
  ): void {
    const tag = this.describe(next.tagId);
    const actions: AnnotationAction[] = [
      {
        type: 'update',
        annotation: this.ref(previous),
        patch: {
          id: next.id,
          tagId: next.tagId,
          color: tag.color,
          label: tag.name,
          pending: !!options.pending,
        },
      },
    ];
    if (options.activate) actions.push({ type: 'activate', annotation: this.ref(next) });
    this.act(actions);
  }

  /** Marks one annotation as the active one; optionally scrolls to it and flashes it. */
  activate(annotation: SpanAnnotation | null, options: { reveal?: boolean } = {}): void {
    clearTimeout(this.flashTimer);
    const ref = annotation && this.ref(annotation);
    this.act({ type: 'activate', annotation: ref, flash: !!options.reveal });
    if (!ref || !options.reveal) return;
    this.scrollToAnnotation(ref.id);
    this.flashTimer = setTimeout(() => {
      const active = annotationKey.getState(this.view.state)?.active;
      if (active?.id === ref.id && active.flash) this.act({ type: 'activate', annotation: ref });
    }, FLASH_MS);
  }

  /** Whether an annotation is drawn (false when it lies entirely in text that is not shown). */
  isDrawn(annotation: SpanAnnotation): boolean {
    return findAnnotation(this.view.state, this.ref(annotation)) !== null;
  }

  /**
   * Adds a plugin that another feature owns (the relation marks of relation-plugin.ts) to the
   * live editor, and returns how to send it meta: a transaction carrying `meta` for the plugin.
   */
  addPlugin(plugin: Plugin): (meta: unknown) => void {
    const { state } = this.view;
    this.view.updateState(state.reconfigure({ plugins: [...state.plugins, plugin] }));
    return (meta) => this.view.dispatch(this.view.state.tr.setMeta(plugin, meta));
  }

  focus(): void {
    this.view.focus();
  }

  destroy(): void {
    clearTimeout(this.flashTimer);
    this.view.destroy();
  }

  /**
   * Scrolls the article so that an annotation sits mid-screen. Blocks far from the viewport are
   * not laid out (content-visibility in article.css) and take their real height only once shown,
   * so one jump can land short: measure again on the next frames and correct until it settles.
   */
  private scrollToAnnotation(id: string, attempt = 0): void {
    const element = this.view.dom.querySelector(`[data-annotation-id="${CSS.escape(id)}"]`);
    const scroller = element && scrollParent(this.view.dom);
    if (!element || !scroller) return;
    const box = element.getBoundingClientRect();
    const frame = scroller.getBoundingClientRect();
    const offset = box.top + box.height / 2 - (frame.top + frame.height / 2);
    if (Math.abs(offset) < 8 || attempt >= 8) return;
    scroller.scrollTop += offset;
    requestAnimationFrame(() => this.scrollToAnnotation(id, attempt + 1));
  }

  private markup(a: SpanAnnotation, pending?: boolean): AnnotationMarkup[] {
    const range = this.map.spanToRange(a);
    if (!range) return [];
    const tag = this.describe(a.tagId);
    return [{ id: a.id, tagId: a.tagId, ...range, color: tag.color, label: tag.name, pending }];
  }

  private ref(a: SpanAnnotation): AnnotationRef {
    const range = this.map.spanToRange(a);
    return range ? { id: a.id, ...range } : { id: a.id };
  }

  private act(action: AnnotationAction | AnnotationAction[]): void {
    this.view.dispatch(withAnnotationAction(this.view.state.tr, action));
  }

  // --- "Edit text" mode (edit-mode.ts) ---

  get editing(): boolean {
    return this.textEdit !== null;
  }

  /** Makes the article editable; the stored annotations keep following the text. */
  startEditing(): void {
    if (this.textEdit) return;
    const state = this.view.state.apply(setEditing(this.view.state.tr, true));
    this.textEdit = new TextEditSession(state, this.map);
    this.view.updateState(state);
    this.view.focus();
  }

  /** Ends edit mode; with `revert`, the article shows the text as it was before editing. */
  stopEditing(options: { revert: boolean }): void {
    const edit = this.textEdit;
    if (!edit) return;
    this.textEdit = null;
    const base = options.revert ? edit.initialState : this.view.state;
    this.view.updateState(base.apply(setEditing(base.tr, false)));
  }

  /** Whether the text differs from what it was when editing began. */
  get textChanged(): boolean {
    return !!this.textEdit?.differs(this.view.state);
  }

  /** The edited text and blocks, and where `annotations` (as stored) now lie in them. */
  textEditResult(annotations: readonly EditedAnnotation[]): TextEditResult | null {
    return this.textEdit?.result(this.view.state, annotations) ?? null;
  }

  /** Undoes (or redoes) the last group of text edits; false when there was none. */
  textHistory(direction: 'undo' | 'redo'): boolean {
    const edit = this.textEdit;
    const next = edit && (direction === 'undo' ? edit.undo : edit.redo).call(edit, this.view.state);
    if (!next) return false;
    this.view.updateState(next);
    this.callbacks.onTextEdit?.('changed');
    return true;
  }

  private dispatch(tr: Parameters<EditorView['dispatch']>[0]): void {
    if (this.textEdit && tr.docChanged) this.textEdit.track(this.view.state, tr);
    const state = this.view.state.apply(tr);
    this.view.updateState(state);
    if (this.textEdit && tr.docChanged) this.callbacks.onTextEdit?.('changed');
    const hasSelection = !state.selection.empty;
    if (hasSelection !== this.hadSelection) {
      this.hadSelection = hasSelection;
      this.callbacks.onSelectionChange(hasSelection);
    }
  }

  private handleKeyDown(view: EditorView, event: KeyboardEvent): boolean {
    // While editing, keys type: no tag hotkeys (edit-mode.ts handles the editing keys).
    if (this.textEdit) return false;
    if (event.ctrlKey || event.metaKey || event.altKey) return false;
    if (event.key === 'Escape') {
      this.callbacks.onAnnotationChosen(null);
      if (!view.state.selection.empty) this.collapseSelection();
      return true;
    }
    // The caret as the browser has it (see currentSelection): an arrow key pressed just before
    // may not have reached ProseMirror's state yet.
    const caret = event.key === 'Enter' ? this.currentSelection() : null;
    if (caret && caret.from === caret.to) {
      // Enter at the caret chooses the innermost annotation there: the keyboard twin of a click.
      const ids = annotationsAt(view.state, caret.from);
      const innermost = ids[ids.length - 1];
      if (innermost) this.callbacks.onAnnotationChosen(innermost);
      return true;
    }
    if (event.key.length === 1) return this.callbacks.onHotkey(event.key.toLowerCase());
    return false;
  }

  private handleClick(view: EditorView, pos: number, event: MouseEvent): boolean {
    // ProseMirror calls this only for a click, never at the end of a drag-selection. Nested
    // annotations are nested spans in no particular order: choose the shortest one under the
    // pointer, so a click on an entity inside a claim chooses the entity.
    let best: { id: string; length: number } | null = null;
    let element = (event.target as Element | null)?.closest?.('[data-annotation-id]') ?? null;
    while (element && view.dom.contains(element)) {
      const id = element.getAttribute('data-annotation-id') ?? '';
      const drawn = findAnnotation(view.state, { id, from: pos, to: pos });
      const length = drawn ? drawn.to - drawn.from : Infinity;
      if (!id.startsWith('pending-') && (!best || length < best.length)) best = { id, length };
      element = element.parentElement?.closest('[data-annotation-id]') ?? null;
    }
    if (!best) return false;
    // Choosing redraws the view at once. A click whose mouseup comes in the same instant as its
    // mousedown (a touchpad tap) reaches here before ProseMirror has read the browser's new
    // caret, and that redraw would put the old selection back: set the caret from the click first.
    if (!event.shiftKey && !event.ctrlKey && !event.metaKey) {
      view.dispatch(view.state.tr.setSelection(TextSelection.create(view.state.doc, pos)));
    }
    this.callbacks.onAnnotationChosen(best.id);
    return false;
  }
}

/** The nearest ancestor that scrolls vertically. */
function scrollParent(element: HTMLElement): HTMLElement | null {
  for (let node = element.parentElement; node; node = node.parentElement) {
    const { overflowY } = getComputedStyle(node);
    if (overflowY === 'auto' || overflowY === 'scroll') return node;
  }
  return document.scrollingElement as HTMLElement | null;
}
