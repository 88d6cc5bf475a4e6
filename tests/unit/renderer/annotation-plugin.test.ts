import { EditorState, TextSelection } from 'prosemirror-state';
import type { Transaction } from 'prosemirror-state';
import { describe, expect, it } from 'vitest';
import { blocksFromPlainText } from '../../../core/blocks';
import {
  annotationKey,
  annotationPlugin,
  annotationsAt,
  findAnnotation,
  withAnnotationAction,
} from '../../../renderer/editor/annotation-plugin';
import type {
  AnnotationAction,
  AnnotationMarkup,
} from '../../../renderer/editor/annotation-plugin';
import { buildArticleDoc } from '../../../renderer/editor/build-doc';
import { PositionMap } from '../../../renderer/editor/positions';
import { readOnlyPlugin } from '../../../renderer/editor/read-only';

const TEXT =
  'Rovshan Mammadov, chairman of AZTV, called it an act of occupation.\nSecond paragraph.';
const map = new PositionMap(TEXT, blocksFromPlainText(TEXT));
const doc = buildArticleDoc(map);

/** An annotation over the first occurrence of `needle`, drawn at its ProseMirror range. */
function over(needle: string, id: string, tagId = 'claim'): AnnotationMarkup {
  const u = TEXT.indexOf(needle);
  const range = map.spanToRange({ start: u, end: u + needle.length })!;
  return { id, tagId, ...range, color: '#e6a700', label: tagId };
}

function stateWith(initial: AnnotationMarkup[], extraPlugins = false) {
  return EditorState.create({
    doc,
    plugins: extraPlugins
      ? [annotationPlugin(initial), readOnlyPlugin()]
      : [annotationPlugin(initial)],
  });
}

function act(state: EditorState, action: AnnotationAction): EditorState {
  return state.apply(withAnnotationAction(state.tr, action));
}

function drawn(state: EditorState) {
  return annotationKey
    .getState(state)!
    .decorations.find()
    .map((d) => ({ id: d.spec.id as string, from: d.from, to: d.to, lane: d.spec.lane as number }))
    .sort((a, b) => a.from - b.from || a.id.localeCompare(b.id));
}

describe('annotation plugin', () => {
  it('draws the stored annotations once, with lanes for overlaps', () => {
    const claim = over('Rovshan Mammadov, chairman of AZTV', 'claim-1');
    const person = over('Rovshan Mammadov', 'entity-1', 'entity');
    const outlet = over('AZTV', 'entity-2', 'entity');
    const later = over('occupation', 'opinion-1', 'opinion');
    const state = stateWith([later, person, claim, outlet]);
    expect(drawn(state)).toEqual([
      { id: 'claim-1', from: claim.from, to: claim.to, lane: 0 },
      { id: 'entity-1', from: person.from, to: person.to, lane: 1 },
      { id: 'entity-2', from: outlet.from, to: outlet.to, lane: 1 },
      { id: 'opinion-1', from: later.from, to: later.to, lane: 0 },
    ]);
  });

  it('gives an added annotation the lowest lane its overlaps leave free', () => {
    let state = stateWith([over('Rovshan Mammadov, chairman', 'a'), over('chairman of AZTV', 'b')]);
    expect(findAnnotation(state, { id: 'b' })!.lane).toBe(1);
    state = act(state, { type: 'add', annotations: [over('Mammadov, chairman of', 'c')] });
    expect(findAnnotation(state, { id: 'c' })!.lane).toBe(2);
    state = act(state, { type: 'add', annotations: [over('occupation', 'd')] });
    expect(findAnnotation(state, { id: 'd' })!.lane).toBe(0);
    // Touching is not overlapping.
    state = act(state, { type: 'add', annotations: [over('Rovshan', 'e')] });
    state = act(state, { type: 'add', annotations: [over(' Mammadov', 'f')] });
    expect(findAnnotation(state, { id: 'f' })!.lane).toBe(findAnnotation(state, { id: 'e' })!.lane);
  });

  it('adds, removes and updates one decoration without touching the others', () => {
    const a = over('Rovshan Mammadov', 'a');
    const b = over('AZTV', 'b');
    let state = stateWith([a, b]);
    const before = annotationKey.getState(state)!.decorations.find(b.from, b.to)[0]!.spec;

    state = act(state, { type: 'add', annotations: [over('occupation', 'c')] });
    expect(drawn(state).map((d) => d.id)).toEqual(['a', 'b', 'c']);
    // The untouched decoration is the very same one (same spec object): the set was not rebuilt.
    expect(annotationKey.getState(state)!.decorations.find(b.from, b.to)[0]!.spec).toBe(before);

    state = act(state, { type: 'remove', annotations: [{ id: 'a', from: a.from, to: a.to }] });
    expect(drawn(state).map((d) => d.id)).toEqual(['b', 'c']);

    state = act(state, {
      type: 'update',
      annotation: { id: 'b' },
      patch: { tagId: 'entity', color: '#2f7fd8', label: 'Entity' },
    });
    const updated = annotationKey.getState(state)!.decorations.find(b.from, b.to)[0]!;
    expect(updated.spec.markup.tagId).toBe('entity');
    expect(
      (updated as unknown as { type: { attrs: Record<string, string> } }).type.attrs,
    ).toMatchObject({
      'data-tag-id': 'entity',
      'data-annotation-id': 'b',
      style: '--ann-color:#2f7fd8;--ann-lane:0',
    });
  });

  it('replaces a pending id with the stored one, keeping the range and the lane', () => {
    const pending = { ...over('chairman', 'pending-1'), pending: true };
    let state = stateWith([over('Rovshan Mammadov, chairman of AZTV', 'outer')]);
    state = act(state, { type: 'add', annotations: [pending] });
    state = act(state, {
      type: 'update',
      annotation: { id: 'pending-1' },
      patch: { id: 'real', pending: false },
    });
    expect(findAnnotation(state, { id: 'pending-1' })).toBeNull();
    expect(findAnnotation(state, { id: 'real' })).toMatchObject({
      from: pending.from,
      to: pending.to,
      lane: 1,
    });
  });

  it('marks one annotation active at a time', () => {
    let state = stateWith([over('Rovshan', 'a'), over('AZTV', 'b')]);
    const classOf = (id: string) => {
      const found = annotationKey
        .getState(state)!
        .decorations.find(undefined, undefined, (s) => s.id === id)[0]!;
      return (found as unknown as { type: { attrs: { class: string } } }).type.attrs.class;
    };
    state = act(state, { type: 'activate', annotation: { id: 'a' }, flash: true });
    expect(classOf('a')).toBe('gl-ann gl-ann-active gl-ann-flash');
    state = act(state, { type: 'activate', annotation: { id: 'b' } });
    expect(classOf('a')).toBe('gl-ann');
    expect(classOf('b')).toBe('gl-ann gl-ann-active');
    expect(annotationKey.getState(state)!.active?.id).toBe('b');
    state = act(state, { type: 'remove', annotations: [{ id: 'b' }] });
    expect(annotationKey.getState(state)!.active).toBeNull();
  });

  it('maps decorations through a change of the document', () => {
    const a = over('AZTV', 'a');
    let state = stateWith([a]);
    const tr: Transaction = state.tr.insertText('NEW ', map.toPos(0, 'start'));
    state = state.apply(tr);
    expect(findAnnotation(state, { id: 'a' })).toMatchObject({ from: a.from + 4, to: a.to + 4 });
    // Deleting the annotated text removes its decoration.
    state = state.apply(state.tr.delete(a.from + 4, a.to + 4));
    expect(findAnnotation(state, { id: 'a' })).toBeNull();
  });

  it('lists the annotations at a position, outermost first', () => {
    const state = stateWith([
      over('Mammadov', 'inner'),
      over('Rovshan Mammadov, chairman', 'outer'),
    ]);
    expect(annotationsAt(state, over('Mammadov', 'x').from + 2)).toEqual(['outer', 'inner']);
  });

  it('keeps the article read-only: document changes are dropped, selections are not', () => {
    const state = stateWith([over('AZTV', 'a')], true);
    const edited = state.apply(state.tr.insertText('typed', map.toPos(3, 'start')));
    expect(edited.doc.eq(state.doc)).toBe(true);
    const selected = state.apply(state.tr.setSelection(TextSelection.create(state.doc, 5, 9)));
    expect([selected.selection.from, selected.selection.to]).toEqual([5, 9]);
  });

  it('builds 5,000 decorations and adds more incrementally, fast', () => {
    const paragraph =
      'Volunteer battalions from the post-Soviet space are engaged in the conflict. ';
    const text = Array.from({ length: 2000 }, () => paragraph.repeat(6)).join('\n');
    const bigMap = new PositionMap(text, blocksFromPlainText(text));
    const bigDoc = buildArticleDoc(bigMap);
    const markups: AnnotationMarkup[] = [];
    for (let i = 0; i < 5000; i++) {
      const start = (i * 197) % (text.length - 60);
      const range = bigMap.spanToRange({ start, end: start + 10 + (i % 40) });
      if (range) markups.push({ id: `a${i}`, tagId: 't', ...range, color: '#2f7fd8', label: 'T' });
    }
    const t0 = performance.now();
    let state = EditorState.create({ doc: bigDoc, plugins: [annotationPlugin(markups)] });
    const built = performance.now() - t0;
    const t1 = performance.now();
    for (let i = 0; i < 200; i++) {
      const start = (i * 4999) % (text.length - 60);
      const range = bigMap.spanToRange({ start, end: start + 25 })!;
      state = act(state, {
        type: 'add',
        annotations: [{ id: `n${i}`, tagId: 't', ...range, color: '#e6a700', label: 'T' }],
      });
    }
    const perAdd = (performance.now() - t1) / 200;
    expect(annotationKey.getState(state)!.decorations.find().length).toBe(markups.length + 200);
    expect(built).toBeLessThan(1500);
    expect(perAdd).toBeLessThan(8);
  });
});
