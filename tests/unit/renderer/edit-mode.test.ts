import { EditorState, TextSelection } from 'prosemirror-state';
import type { Transaction } from 'prosemirror-state';
import { describe, expect, it } from 'vitest';
import type { Block } from '../../../core/domain';
import { annotationKey, annotationPlugin } from '../../../renderer/editor/annotation-plugin';
import { buildArticleDoc } from '../../../renderer/editor/build-doc';
import {
  editingTransaction,
  editModePlugin,
  isEditing,
  setEditing,
  TextEditSession,
} from '../../../renderer/editor/edit-mode';
import { BLOCKS_PER_SECTION, PositionMap } from '../../../renderer/editor/positions';
import { readOnlyPlugin } from '../../../renderer/editor/read-only';
import { serializeArticle } from '../../../renderer/editor/serialize-doc';

/** Code-point span of the first occurrence of `s` in `text`. */
function spanOf(text: string, s: string) {
  const at = text.indexOf(s);
  if (at < 0) throw new Error(`"${s}" is not in the text`);
  return { start: [...text.slice(0, at)].length, end: [...text.slice(0, at + s.length)].length };
}

/** One paragraph block per line. */
function lines(text: string): Block[] {
  const blocks: Block[] = [];
  let at = 0;
  for (const line of text.split('\n')) {
    const start = [...text.slice(0, at)].length;
    blocks.push({ kind: 'paragraph', start, end: start + [...line].length });
    at += line.length + 1;
  }
  return blocks;
}

// Emoji, CJK and Cyrillic before and inside the spans: code points and UTF-16 units differ.
const TEXT = [
  'Рапорт 😀: the ministr said the talks failed.',
  'Kyiv 基辅 disagreed 🇺🇦 with the report.',
  'Subscribe now for only $1 a month!',
].join('\n');

function setup(text = TEXT, blocks = lines(text)) {
  const map = new PositionMap(text, blocks);
  const claim = { id: 'claim', tagId: 't', ...spanOf(text, 'the talks failed') };
  const place = { id: 'place', tagId: 't', ...spanOf(text, 'Kyiv 基辅') };
  const pitch = { id: 'pitch', tagId: 't', ...spanOf(text, 'Subscribe now') };
  const markups = [claim, place, pitch].map((a) => ({
    id: a.id,
    tagId: a.tagId,
    ...map.spanToRange(a)!,
    color: '#336699',
    label: 'Claim',
  }));
  let state = EditorState.create({
    doc: buildArticleDoc(map),
    plugins: [
      annotationPlugin(markups),
      readOnlyPlugin(),
      editModePlugin({ onSave: () => undefined, onCancel: () => undefined }),
    ],
  });
  state = state.apply(setEditing(state.tr, true));
  const session = new TextEditSession(state, map);
  const apply = (tr: Transaction | null) => {
    if (!tr) throw new Error('no transaction');
    session.track(state, tr);
    state = state.apply(tr);
  };
  const caretAt = (codePoint: number) =>
    apply(state.tr.setSelection(TextSelection.create(state.doc, map.toPos(codePoint, 'start'))));
  return {
    map,
    session,
    annotations: [claim, place, pitch],
    apply,
    caretAt,
    get state() {
      return state;
    },
    set state(s) {
      state = s;
    },
  };
}

/** Where the plugin draws an annotation, as text. */
function drawnText(state: EditorState, id: string): string | null {
  const set = annotationKey.getState(state)!.decorations;
  const [deco] = set.find(undefined, undefined, (spec: { id: string }) => spec.id === id);
  return deco ? state.doc.textBetween(deco.from, deco.to, '\n', '\n') : null;
}

describe('edit mode', () => {
  it('lets edits through only while it is on', () => {
    const map = new PositionMap(TEXT, lines(TEXT));
    const state = EditorState.create({
      doc: buildArticleDoc(map),
      plugins: [readOnlyPlugin(), editModePlugin({ onSave() {}, onCancel() {} })],
    });
    expect(isEditing(state)).toBe(false);
    expect(state.apply(state.tr.insertText('x', 2)).doc.eq(state.doc)).toBe(true);
    const editing = state.apply(setEditing(state.tr, true));
    expect(isEditing(editing)).toBe(true);
    expect(editing.apply(editing.tr.insertText('x', 2)).doc.textContent).toMatch(/^xР/);
  });

  it('maps annotations through a typo fix and a deleted paragraph, and orphans the deleted one', () => {
    const t = setup();
    // Fix "ministr": the caret after it, type an "e".
    const typo = spanOf(TEXT, 'ministr');
    t.caretAt(typo.end - 1);
    t.apply(t.state.tr.insertText('e'));
    // Delete the last paragraph with the keyboard: select it, Backspace, Backspace (join).
    const pitchLine = spanOf(TEXT, 'Subscribe now for only $1 a month!');
    // Positions of the text as it was, mapped through the fix made since.
    const from = t.session.mapPos(t.map.toPos(pitchLine.start, 'start'), 1);
    const to = t.session.mapPos(t.map.toPos(pitchLine.end, 'end'), -1);
    t.apply(t.state.tr.setSelection(TextSelection.create(t.state.doc, from, to)));
    t.apply(editingTransaction(t.state, 'Backspace'));
    t.apply(editingTransaction(t.state, 'Backspace'));

    // Live: the decorations followed; the deleted one is gone.
    expect(drawnText(t.state, 'claim')).toBe('the talks failed');
    expect(drawnText(t.state, 'place')).toBe('Kyiv 基辅');
    expect(drawnText(t.state, 'pitch')).toBeNull();

    const result = t.session.result(t.state, t.annotations);
    const expected = TEXT.replace('ministr', 'minister').split('\n').slice(0, 2).join('\n');
    expect(result.text).toBe(expected);
    expect(result.blocks).toEqual(lines(expected));
    expect(result.annotations).toEqual([
      { id: 'claim', ...spanOf(expected, 'the talks failed') },
      { id: 'place', ...spanOf(expected, 'Kyiv 基辅') },
    ]);
  });

  it('splits a paragraph with Enter, joins it back with Delete, and deletes an emoji whole', () => {
    const t = setup();
    const at = spanOf(TEXT, 'said').start;
    t.caretAt(at);
    t.apply(editingTransaction(t.state, 'Enter'));
    let result = t.session.result(t.state, t.annotations);
    expect(result.text.split('\n')[0]).toBe('Рапорт 😀: the ministr ');
    expect(result.blocks.length).toBe(4);
    expect(result.annotations.find((a) => a.id === 'claim')).toEqual({
      id: 'claim',
      ...spanOf(result.text, 'the talks failed'),
    });

    // Backspace at the start of the new paragraph joins the two again.
    t.apply(editingTransaction(t.state, 'Backspace'));
    expect(serializeArticle(t.state.doc).text).toBe(TEXT);

    // Backspace after the emoji removes both of its UTF-16 units.
    t.caretAt(spanOf(TEXT, '😀').end);
    t.apply(editingTransaction(t.state, 'Backspace'));
    result = t.session.result(t.state, t.annotations);
    expect(result.text.startsWith('Рапорт : the')).toBe(true);
    expect(result.annotations.map((a) => a.id)).toEqual(['claim', 'place', 'pitch']);
  });

  it('undoes and redoes its own edits, annotations and mapping included', () => {
    const t = setup();
    const original = t.state;
    t.caretAt(0);
    t.apply(t.state.tr.insertText('Новое. '));
    expect(t.session.differs(t.state)).toBe(true);
    const undone = t.session.undo(t.state)!;
    expect(isEditing(undone)).toBe(true);
    expect(undone.doc.eq(original.doc)).toBe(true);
    t.state = undone;
    expect(t.session.result(t.state, t.annotations).annotations[0]).toEqual({
      id: 'claim',
      ...spanOf(TEXT, 'the talks failed'),
    });
    t.state = t.session.redo(t.state)!;
    const text = 'Новое. ' + TEXT;
    expect(t.session.result(t.state, t.annotations).annotations[0]).toEqual({
      id: 'claim',
      ...spanOf(text, 'the talks failed'),
    });
  });

  it('pastes plain text only, newlines as line breaks', () => {
    const t = setup();
    t.caretAt(0);
    // What the plugin's paste handler does with text/plain "A\nB".
    const view = { state: t.state, dispatch: (next: Transaction) => t.apply(next) };
    const paste = editModePlugin({ onSave() {}, onCancel() {} }).props.handlePaste!;
    const event = { clipboardData: { getData: () => 'A\r\nB' } } as unknown as ClipboardEvent;
    expect(paste.call(null as never, view as never, event, null as never)).toBe(true);
    const result = t.session.result(t.state, t.annotations);
    expect(result.text.startsWith('A\nBРапорт')).toBe(true);
    // A line break stays inside its block: still three blocks.
    expect(result.blocks.length).toBe(3);
  });
});

describe('serializeArticle', () => {
  it('is the inverse of buildArticleDoc: text, blocks, marks and levels across sections', () => {
    const parts: string[] = [];
    const blocks: Block[] = [];
    let cp = 0;
    const add = (line: string, block: Omit<Block, 'start' | 'end'>) => {
      if (parts.length) cp += 1;
      const start = cp;
      cp += [...line].length;
      parts.push(line);
      blocks.push({ ...block, start, end: cp } as Block);
    };
    add('Заголовок 🇺🇦', { kind: 'heading', level: 1 });
    for (let i = 0; i < BLOCKS_PER_SECTION + 5; i++)
      add(`Параграф ${i} 😀 text`, { kind: 'paragraph' });
    add('one', { kind: 'bullet_item', level: 2 });
    add('first', { kind: 'ordered_item', level: 1 });
    add('quoted\nsecond line', { kind: 'blockquote' });
    add('let x = 1;', { kind: 'code' });
    const text = parts.join('\n');
    const linked = spanOf(text, 'Параграф 3');
    // Overlapping the link; "Параграф 3 " comes before "Параграф 13 ".
    const bold = spanOf(text, '3 😀 text');
    const third = blocks.find((b) => b.start === linked.start)!;
    third.marks = [
      { kind: 'link', start: linked.start, end: linked.end, href: 'https://example.org/' },
      { kind: 'strong', start: bold.start, end: bold.end },
    ];
    const doc = buildArticleDoc(new PositionMap(text, blocks));
    const serialized = serializeArticle(doc);
    expect(serialized.text).toBe(text);
    expect(serialized.blocks).toEqual(blocks);
  });
});
