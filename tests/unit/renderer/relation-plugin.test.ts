import { EditorState } from 'prosemirror-state';
import { describe, expect, it, vi } from 'vitest';
import { blocksFromPlainText } from '../../../core/blocks';
import { BUILTIN_RELATION_TYPES, ROOT_TAGS } from '../../../core/codebook';
import { buildArticleDoc } from '../../../renderer/editor/build-doc';
import { PositionMap } from '../../../renderer/editor/positions';
import {
  relationKey,
  relationMarks,
  relationPlugin,
} from '../../../renderer/editor/relation-plugin';
import type { RelationMark } from '../../../renderer/editor/relation-plugin';
import { ReaderSession } from '../../../renderer/reader-session';
import { RelationStore } from '../../../renderer/relations-store';
import { importText, openTestService } from '../service/helpers';

const TEXT = '🌻 Київ said one thing.\nAZTV said another. 中文 too.';
const map = new PositionMap(TEXT, blocksFromPlainText(TEXT));
const doc = buildArticleDoc(map);
const CLAIM = ROOT_TAGS[0]!.id;
const type = (key: string) => BUILTIN_RELATION_TYPES.find((t) => t.key === key)!.id;

/** The code-point span of the first occurrence of `needle`. */
function span(needle: string): { start: number; end: number } {
  const start = Array.from(TEXT.slice(0, TEXT.indexOf(needle))).length;
  return { start, end: start + Array.from(needle).length };
}

function mark(id: string, needle: string, labels: string[]): RelationMark {
  return { id, ...map.spanToRange(span(needle))!, labels, direction: 'out' };
}

describe('the relation plugin', () => {
  it('draws the marks it is given, replaces them, and clears them', () => {
    let state = EditorState.create({ doc, plugins: [relationPlugin()] });
    expect(relationMarks(state)).toEqual([]);
    const marks = [mark('a', 'Київ', ['contradicts']), mark('b', 'AZTV', ['supports'])];
    state = state.apply(state.tr.setMeta(relationKey, { marks }));
    expect(relationMarks(state).map((m) => [m.id, doc.textBetween(m.from, m.to)])).toEqual([
      ['a', 'Київ'],
      ['b', 'AZTV'],
    ]);
    state = state.apply(state.tr.setMeta(relationKey, { marks: [marks[1]!] }));
    expect(relationMarks(state).map((m) => m.id)).toEqual(['b']);
    state = state.apply(state.tr.setMeta(relationKey, { marks: [] }));
    expect(relationMarks(state)).toEqual([]);
  });

  it('keeps its marks on their text through an edit before them', () => {
    let state = EditorState.create({ doc, plugins: [relationPlugin()] });
    state = state.apply(state.tr.setMeta(relationKey, { marks: [mark('b', 'AZTV', ['x'])] }));
    state = state.apply(state.tr.insertText('Breaking: ', 1));
    const [moved] = relationMarks(state);
    expect(state.doc.textBetween(moved!.from, moved!.to)).toBe('AZTV');
  });

  it('skips a mark outside the document', () => {
    let state = EditorState.create({ doc, plugins: [relationPlugin()] });
    const outside = { id: 'x', from: 1, to: 10_000, labels: [], direction: 'in' as const };
    state = state.apply(state.tr.setMeta(relationKey, { marks: [outside] }));
    expect(relationMarks(state)).toEqual([]);
  });
});

describe('the relation store of a reader', () => {
  async function reader() {
    const { api } = openTestService();
    const documentId = await importText(api, 'doc.txt', TEXT);
    const a = await api.createAnnotation({ documentId, tagId: CLAIM, ...span('Київ') });
    const b = await api.createAnnotation({ documentId, tagId: CLAIM, ...span('AZTV') });
    const session = new ReaderSession(
      {
        api,
        documentId,
        tags: ROOT_TAGS,
        save: (write) => write(),
        focusNote: () => undefined,
        hint: () => undefined,
        revealTag: () => undefined,
      },
      [a, b],
    );
    const errors: unknown[] = [];
    const store = new RelationStore(api, session, (error) => errors.push(error));
    // Subscribing starts following the session (and loads).
    store.subscribe(() => undefined);
    await vi.waitFor(() => expect(store.getSnapshot().loaded).toBe(true));
    return { api, session, store, a, b, errors };
  }

  it('lists a new relation on both ends, read from each', async () => {
    const { store, a, b, errors } = await reader();
    await store.create(a.id, b.id, { typeId: type('supports'), direction: 'in' });
    // "in": the other annotation (b) supports this one (a).
    expect(store.itemsFor(a.id).map((i) => [i.label, i.direction, i.other.exact])).toEqual([
      ['supported by', 'in', 'AZTV'],
    ]);
    expect(store.itemsFor(b.id).map((i) => [i.label, i.direction, i.other.exact])).toEqual([
      ['supports', 'out', 'Київ'],
    ]);
    // The marks for the article: b's span while a is active.
    const marks = store.marksFor({ map }, a.id);
    expect(marks).toEqual([
      { id: b.id, ...map.spanToRange(span('AZTV'))!, labels: ['supported by'], direction: 'in' },
    ]);
    expect(errors).toEqual([]);
  });

  it('undoes and redoes a relation through the reader history, keeping its id', async () => {
    const { store, session, a, b } = await reader();
    await store.create(a.id, b.id, { typeId: type('contradicts'), direction: 'out' });
    const [item] = store.itemsFor(a.id);
    expect(item).toMatchObject({ label: 'contradicts', direction: 'both' });
    session.undo();
    await vi.waitFor(() => expect(store.itemsFor(a.id)).toEqual([]));
    session.redo();
    await vi.waitFor(() =>
      expect(store.itemsFor(b.id).map((i) => i.relation.id)).toEqual([item!.relation.id]),
    );
    await store.remove(item!.relation.id);
    expect(store.itemsFor(a.id)).toEqual([]);
    session.undo();
    await vi.waitFor(() => expect(store.itemsFor(a.id)).toHaveLength(1));
  });

  it('keeps a card’s list the same object while its relations do not change', async () => {
    const { api, store, a, b } = await reader();
    await store.create(a.id, b.id, { typeId: type('same_as'), direction: 'out' });
    const before = store.itemsFor(a.id);
    await store.load();
    expect(store.itemsFor(a.id)).toBe(before);
    await api.updateRelation({ id: before[0]!.relation.id, note: 'changed' });
    await store.load();
    expect(store.itemsFor(a.id)).not.toBe(before);
  });
});
