import { Fragment, Slice } from 'prosemirror-model';
import type { Node as PmNode } from 'prosemirror-model';
import { Plugin, PluginKey, Selection, TextSelection } from 'prosemirror-state';
import type { EditorState, Transaction } from 'prosemirror-state';
import type { EditorView } from 'prosemirror-view';
import type { Block } from '../../core/domain';
import type { PositionMap, Span } from './positions';
import { articleSchema as schema } from './schema';
import { serializeArticle } from './serialize-doc';

/**
 * "Edit text" mode: the article, read-only otherwise (read-only.ts), takes typing, deletion,
 * Enter and plain-text paste, for fixing OCR errors or trimming boilerplate. Annotation
 * decorations follow every edit through the transactions' mappings (annotation-plugin.ts); the
 * same mappings, kept here from the moment editing began, say where each stored annotation now
 * lies when the edit is saved. Nothing is written until then: a new version of the document
 * is made by the service (editDocumentText), and cancelling puts the article back as it was.
 */

export const editModeKey = new PluginKey<boolean>('editMode');

/** Whether the article is in edit mode. */
export function isEditing(state: EditorState): boolean {
  return editModeKey.getState(state) === true;
}

/** A transaction that turns edit mode on or off. */
export function setEditing(tr: Transaction, editing: boolean): Transaction {
  return tr.setMeta(editModeKey, editing).setMeta('addToHistory', false);
}

/** What the edit mode asks of its owner (the keys that save and cancel). */
export interface EditModeCallbacks {
  onSave(): void;
  onCancel(): void;
}

/** The plugin that holds the mode and, while it is on, the editing keys. */
export function editModePlugin(callbacks: EditModeCallbacks): Plugin<boolean> {
  return new Plugin<boolean>({
    key: editModeKey,
    state: {
      init: () => false,
      apply: (tr, value) => {
        const meta = tr.getMeta(editModeKey) as boolean | undefined;
        return meta === undefined ? value : meta;
      },
    },
    props: {
      handleKeyDown: (view, event) => {
        if (!isEditing(view.state)) return false;
        return handleEditingKey(view, event, callbacks);
      },
      handlePaste: (view, event) => {
        if (!isEditing(view.state)) return false;
        // Plain text only: pasted HTML would bring in whatever markup the source had.
        const text = event.clipboardData?.getData('text/plain') ?? '';
        view.dispatch(view.state.tr.replaceSelection(plainTextSlice(text)).scrollIntoView());
        return true;
      },
    },
  });
}

function handleEditingKey(view: EditorView, event: KeyboardEvent, callbacks: EditModeCallbacks) {
  const command = event.ctrlKey || event.metaKey;
  if (event.key === 'Escape') {
    callbacks.onCancel();
    return true;
  }
  if (event.key === 'Enter' && command) {
    callbacks.onSave();
    return true;
  }
  if (command || event.altKey) return false;
  const { state } = view;
  const tr = editingTransaction(state, event.key, event.shiftKey);
  if (!tr) return false;
  view.dispatch(tr.scrollIntoView());
  return true;
}

/**
 * The edit that a key makes, or null when the browser's own handling is right. Deletion and
 * Enter are done here rather than left to the browser, so that blocks join and split the way
 * the article's schema expects (and across the sections it groups blocks in).
 */
export function editingTransaction(
  state: EditorState,
  key: string,
  shift = false,
): Transaction | null {
  const { selection } = state;
  const { $from, empty } = selection;
  if (key === 'Enter') {
    const tr = state.tr.deleteSelection();
    if (shift) return tr.replaceSelectionWith(schema.nodes.hard_break!.create());
    const $pos = tr.selection.$from;
    const parent = $pos.parent;
    // A heading ends at Enter: the next line is a paragraph. Other blocks continue as they are.
    const after =
      parent.type.name === 'heading' && $pos.parentOffset === parent.content.size
        ? [{ type: schema.nodes.paragraph! }]
        : undefined;
    return tr.split($pos.pos, 1, after);
  }
  if (key !== 'Backspace' && key !== 'Delete') return null;
  if (!empty) return state.tr.deleteSelection();
  const backward = key === 'Backspace';
  const atEdge = backward
    ? $from.parentOffset === 0
    : $from.parentOffset === $from.parent.content.size;
  if (atEdge) {
    // Join with the previous (next) textblock, wherever its section is.
    const edge = backward ? $from.before() : $from.after();
    const other = Selection.findFrom(state.doc.resolve(edge), backward ? -1 : 1, true);
    if (!other) return null;
    return backward
      ? state.tr.delete(other.from, $from.pos)
      : state.tr.delete($from.pos, other.from);
  }
  const size = characterSize(state.doc, $from.pos, backward);
  return backward
    ? state.tr.delete($from.pos - size, $from.pos)
    : state.tr.delete($from.pos, $from.pos + size);
}

/** 2 for an emoji or another astral character (a surrogate pair), else 1. */
function characterSize(doc: PmNode, pos: number, backward: boolean): number {
  const around = backward
    ? doc.textBetween(Math.max(0, pos - 2), pos, '\n', '\n')
    : doc.textBetween(pos, Math.min(doc.content.size, pos + 2), '\n', '\n');
  if (around.length < 2) return 1;
  const code = backward ? around.charCodeAt(0) : around.charCodeAt(1);
  const isPair = backward ? code >= 0xd800 && code <= 0xdbff : code >= 0xdc00 && code <= 0xdfff;
  return isPair ? 2 : 1;
}

/** Pasted text as inline content: newlines become line breaks. */
function plainTextSlice(text: string) {
  const lines = text.replace(/\r\n?/g, '\n').split('\n');
  const nodes: PmNode[] = [];
  lines.forEach((line, i) => {
    if (i > 0) nodes.push(schema.nodes.hard_break!.create());
    if (line) nodes.push(schema.text(line));
  });
  return new Slice(Fragment.from(nodes), 0, 0);
}

/** A stored annotation the edit must place: its id and span before the edit. */
export interface EditedAnnotation extends Span {
  id: string;
}

/** The result of an edit, ready for editDocumentText. */
export interface TextEditResult {
  text: string;
  blocks: Block[];
  /** The new spans of the annotations that survived; one whose text is all gone is left out. */
  annotations: { id: string; start: number; end: number }[];
}

interface Snapshot {
  state: EditorState;
  maps: readonly Transaction['mapping']['maps'][number][];
}

/** Edits typed within this time of each other undo together. */
const GROUP_MS = 600;

/**
 * One editing session of the article: the state it began from (for Cancel), the mappings of
 * every edit since (to place annotations on Save), and a small undo/redo history of its own.
 */
export class TextEditSession {
  private readonly start: Snapshot;
  private maps: Snapshot['maps'] = [];
  private undone: Snapshot[] = [];
  private done: Snapshot[] = [];
  private lastEdit = 0;

  constructor(
    state: EditorState,
    private readonly original: PositionMap,
  ) {
    this.start = { state, maps: [] };
  }

  /** The state the editing began from, for Cancel. */
  get initialState(): EditorState {
    return this.start.state;
  }

  get canUndo(): boolean {
    return this.done.length > 0;
  }

  get canRedo(): boolean {
    return this.undone.length > 0;
  }

  /** Records a transaction about to be applied to `before`. */
  track(before: EditorState, tr: Transaction): void {
    if (!tr.docChanged) return;
    const now = Date.now();
    if (now - this.lastEdit > GROUP_MS || this.done.length === 0) {
      this.done.push({ state: before, maps: this.maps });
    }
    this.lastEdit = now;
    this.undone = [];
    this.maps = [...this.maps, ...tr.mapping.maps];
  }

  /** The state to show after undoing the last group of edits, or null. */
  undo(current: EditorState): EditorState | null {
    const snapshot = this.done.pop();
    if (!snapshot) return null;
    this.undone.push({ state: current, maps: this.maps });
    this.maps = snapshot.maps;
    this.lastEdit = 0;
    return keepMode(snapshot.state);
  }

  redo(current: EditorState): EditorState | null {
    const snapshot = this.undone.pop();
    if (!snapshot) return null;
    this.done.push({ state: current, maps: this.maps });
    this.maps = snapshot.maps;
    this.lastEdit = 0;
    return keepMode(snapshot.state);
  }

  /** Whether the text differs from what it was when editing began. */
  differs(current: EditorState): boolean {
    return !current.doc.eq(this.start.state.doc);
  }

  /** Where `pos` of the document as it was lies now; null if the text around it was deleted. */
  mapPos(pos: number, assoc: 1 | -1): number {
    let mapped = pos;
    for (const map of this.maps) mapped = map.map(mapped, assoc);
    return mapped;
  }

  /** Serialises the edited document and places the annotations in it. */
  result(current: EditorState, annotations: readonly EditedAnnotation[]): TextEditResult {
    const pages = this.originalPages();
    const serialized = serializeArticle(current.doc, (contentStart) => {
      let page: number | undefined;
      for (const p of pages) if (p.at <= contentStart) page = p.page;
      return page;
    });
    const placed: TextEditResult['annotations'] = [];
    for (const annotation of annotations) {
      const range = this.original.spanToRange(annotation);
      if (!range) continue;
      const from = this.mapPos(range.from, 1);
      const to = this.mapPos(range.to, -1);
      if (from >= to) continue;
      const start = serialized.offsetAt(from, 'start');
      const end = serialized.offsetAt(to, 'end');
      if (start < end) placed.push({ id: annotation.id, start, end });
    }
    return { text: serialized.text, blocks: serialized.blocks, annotations: placed };
  }

  /** Where each original block with a page now starts, in document order. */
  private originalPages(): { at: number; page: number }[] {
    const result: { at: number; page: number }[] = [];
    for (const block of this.original.blocks) {
      if (!block.page) continue;
      const start = this.original.toPos(block.start, 'start');
      result.push({ at: this.mapPos(start, -1), page: block.page });
    }
    return result.sort((a, b) => a.at - b.at);
  }
}

/** A snapshot taken while editing stays in edit mode when it is restored. */
function keepMode(state: EditorState): EditorState {
  return isEditing(state) ? state : state.apply(setEditing(state.tr, true));
}

/** Puts the caret at the start of the article (used when editing begins with no caret). */
export function caretAtStart(state: EditorState): Transaction {
  return state.tr.setSelection(TextSelection.atStart(state.doc));
}
