import type { Node as PmNode } from 'prosemirror-model';
import { Plugin, PluginKey } from 'prosemirror-state';
import type { EditorState, Transaction } from 'prosemirror-state';
import { Decoration, DecorationSet } from 'prosemirror-view';

/** What the plugin needs to draw one annotation: where, and how it looks. */
export interface AnnotationMarkup {
  id: string;
  tagId: string;
  /** ProseMirror range; the caller converts from code points (positions.ts). */
  from: number;
  to: number;
  /** The tag's colour, #rrggbb. */
  color: string;
  /** The tag's name, shown when hovering. */
  label: string;
  /** Drawn but not yet confirmed by the service. */
  pending?: boolean;
}

/** Where to look for an annotation: its range makes the lookup O(log n) instead of a scan. */
export interface AnnotationRef {
  id: string;
  from?: number;
  to?: number;
}

/** The changes a transaction can ask of the plugin, as meta under `annotationKey`. */
export type AnnotationAction =
  | { type: 'add'; annotations: AnnotationMarkup[] }
  | { type: 'remove'; annotations: AnnotationRef[] }
  | {
      type: 'update';
      annotation: AnnotationRef;
      patch: Partial<Pick<AnnotationMarkup, 'id' | 'tagId' | 'color' | 'label' | 'pending'>>;
    }
  | { type: 'activate'; annotation: AnnotationRef | null; flash?: boolean };

/** The active (selected) annotation, drawn with an outline; `flash` runs a short animation. */
export interface ActiveAnnotation {
  id: string;
  from: number;
  to: number;
  flash: boolean;
}

export interface AnnotationPluginState {
  decorations: DecorationSet;
  active: ActiveAnnotation | null;
}

/** What each decoration carries in its spec. */
interface AnnotationSpec {
  id: string;
  /** Underline row, so that overlapping annotations show one underline each. */
  lane: number;
  markup: AnnotationMarkup;
}

export const annotationKey = new PluginKey<AnnotationPluginState>('annotations');

/** Lanes beyond this one are drawn on it: the line height has room for four underlines. */
export const MAX_VISIBLE_LANE = 3;

const COLOR = /^#[0-9a-f]{6}$/i;

/**
 * Annotations as decorations (DESIGN.md §5). The set is built once from the stored annotations
 * and from then on changed only incrementally — one add, remove or update per action — and mapped
 * through each transaction's mapping, after the pattern of ProseMirror's collab comment plugin.
 * Rebuilding the set on every change is what makes other annotators slow on long documents.
 */
export function annotationPlugin(initial: readonly AnnotationMarkup[]): Plugin {
  return new Plugin<AnnotationPluginState>({
    key: annotationKey,
    state: {
      init: (_, state) => ({ decorations: buildInitial(state.doc, initial), active: null }),
      apply: (tr, value) => applyTransaction(tr, value),
    },
    props: {
      decorations: (state) => annotationKey.getState(state)?.decorations,
    },
  });
}

/** Attaches one action, or several applied in order, to a transaction. */
export function withAnnotationAction(
  tr: Transaction,
  action: AnnotationAction | AnnotationAction[],
): Transaction {
  return tr.setMeta(annotationKey, action);
}

/** Annotation ids covering a position, outermost (earliest, longest) first. */
export function annotationsAt(state: EditorState, pos: number): string[] {
  const set = annotationKey.getState(state)?.decorations;
  if (!set) return [];
  return set
    .find(pos, pos)
    .filter((d) => d.from <= pos && d.to >= pos)
    .sort((a, b) => a.from - b.from || b.to - a.to)
    .map((d) => (d.spec as AnnotationSpec).id);
}

/** The drawn range and lane of an annotation, or null if it is not drawn. */
export function findAnnotation(
  state: EditorState,
  ref: AnnotationRef,
): { from: number; to: number; lane: number; markup: AnnotationMarkup } | null {
  const set = annotationKey.getState(state)?.decorations;
  const deco = set && findDecoration(set, ref);
  if (!deco) return null;
  const spec = deco.spec as AnnotationSpec;
  return { from: deco.from, to: deco.to, lane: spec.lane, markup: spec.markup };
}

function applyTransaction(tr: Transaction, value: AnnotationPluginState): AnnotationPluginState {
  let { decorations, active } = value;
  if (tr.docChanged) {
    decorations = decorations.map(tr.mapping, tr.doc);
    if (active) {
      const from = tr.mapping.map(active.from, 1);
      const to = tr.mapping.map(active.to, -1);
      active = from < to ? { ...active, from, to } : null;
    }
  }
  const meta = tr.getMeta(annotationKey) as AnnotationAction | AnnotationAction[] | undefined;
  for (const action of meta === undefined ? [] : Array.isArray(meta) ? meta : [meta]) {
    ({ decorations, active } = reduce({ decorations, active }, action, tr.doc));
  }
  return decorations === value.decorations && active === value.active
    ? value
    : { decorations, active };
}

function reduce(
  state: AnnotationPluginState,
  action: AnnotationAction,
  doc: PmNode,
): AnnotationPluginState {
  let { decorations, active } = state;
  switch (action.type) {
    case 'add':
      for (const markup of action.annotations) {
        // Adding an id that is already drawn is a no-op (the hint is exact for a new one).
        if (markup.from >= markup.to || isDrawnAt(decorations, markup)) continue;
        const lane = freeLane(decorations, markup.from, markup.to);
        const isActive = active?.id === markup.id;
        decorations = decorations.add(doc, [
          decorationFor(markup, lane, isActive, isActive && active!.flash),
        ]);
      }
      return { decorations, active };
    case 'remove': {
      const found = action.annotations.map((ref) => findDecoration(decorations, ref));
      const gone = found.filter((d): d is Decoration => d !== null);
      if (gone.length) decorations = decorations.remove(gone);
      if (active && action.annotations.some((ref) => ref.id === active!.id)) active = null;
      return { decorations, active };
    }
    case 'update': {
      const old = findDecoration(decorations, action.annotation);
      if (!old) return state;
      const spec = old.spec as AnnotationSpec;
      const markup = { ...spec.markup, ...action.patch, from: old.from, to: old.to };
      if (active?.id === spec.id && markup.id !== spec.id) active = { ...active, id: markup.id };
      const isActive = active?.id === markup.id;
      decorations = decorations
        .remove([old])
        .add(doc, [decorationFor(markup, spec.lane, isActive, isActive && active!.flash)]);
      return { decorations, active };
    }
    case 'activate': {
      // Restyle only the two decorations whose state changes: the old and the new active one.
      const previous = active;
      const next = action.annotation && findDecoration(decorations, action.annotation);
      active = next
        ? {
            id: (next.spec as AnnotationSpec).id,
            from: next.from,
            to: next.to,
            flash: !!action.flash,
          }
        : null;
      if (previous) decorations = restyle(decorations, doc, previous, false, false);
      if (active) decorations = restyle(decorations, doc, active, true, active.flash);
      return { decorations, active };
    }
  }
}

/** Builds the initial set in one pass, assigning lanes with a sweep instead of a lookup each. */
function buildInitial(doc: PmNode, annotations: readonly AnnotationMarkup[]): DecorationSet {
  const sorted = annotations
    .filter((a) => a.from < a.to && a.from >= 0 && a.to <= doc.content.size)
    .sort((a, b) => a.from - b.from || b.to - a.to);
  // laneEnds[k] is where the last annotation given lane k ends. Taking annotations by start, the
  // lowest lane whose last annotation has ended is the lowest lane no overlapping one uses.
  const laneEnds: number[] = [];
  const decorations = sorted.map((markup) => {
    let lane = laneEnds.findIndex((end) => end <= markup.from);
    if (lane === -1) lane = laneEnds.length;
    laneEnds[lane] = markup.to;
    return decorationFor(markup, lane, false, false);
  });
  return DecorationSet.create(doc, decorations);
}

/** The lowest lane that no annotation overlapping [from, to) uses. */
function freeLane(set: DecorationSet, from: number, to: number): number {
  const used = new Set<number>();
  for (const d of set.find(from, to)) {
    // find() also returns decorations that merely touch the range; those do not overlap.
    if (d.from < to && d.to > from) used.add((d.spec as AnnotationSpec).lane);
  }
  let lane = 0;
  while (used.has(lane)) lane++;
  return lane;
}

function findDecoration(set: DecorationSet, ref: AnnotationRef): Decoration | null {
  const match = (spec: AnnotationSpec) => spec.id === ref.id;
  const hinted = ref.from !== undefined && ref.to !== undefined;
  // The hint may be stale (e.g. a range computed before the document changed): fall back to a scan.
  const found =
    (hinted ? set.find(ref.from, ref.to, match)[0] : undefined) ??
    set.find(undefined, undefined, match)[0];
  return found ?? null;
}

function isDrawnAt(set: DecorationSet, markup: AnnotationMarkup): boolean {
  return (
    set.find(markup.from, markup.to, (spec: AnnotationSpec) => spec.id === markup.id).length > 0
  );
}

function restyle(
  set: DecorationSet,
  doc: PmNode,
  ref: AnnotationRef,
  active: boolean,
  flash: boolean,
): DecorationSet {
  const old = findDecoration(set, ref);
  if (!old) return set;
  const spec = old.spec as AnnotationSpec;
  const markup = { ...spec.markup, from: old.from, to: old.to };
  return set.remove([old]).add(doc, [decorationFor(markup, spec.lane, active, flash)]);
}

function decorationFor(
  markup: AnnotationMarkup,
  lane: number,
  active: boolean,
  flash: boolean,
): Decoration {
  const classes = ['gl-ann'];
  if (markup.pending) classes.push('gl-ann-pending');
  if (active) classes.push('gl-ann-active');
  if (flash) classes.push('gl-ann-flash');
  const color = COLOR.test(markup.color) ? markup.color : '#888888';
  const spec: AnnotationSpec = { id: markup.id, lane, markup };
  return Decoration.inline(
    markup.from,
    markup.to,
    {
      // Its own element per annotation: without nodeName, ProseMirror merges the attributes of
      // overlapping decorations into one span and nested annotations could not be told apart.
      nodeName: 'span',
      class: classes.join(' '),
      'data-annotation-id': markup.id,
      'data-tag-id': markup.tagId,
      'data-label': markup.label,
      style: `--ann-color:${color};--ann-lane:${Math.min(lane, MAX_VISIBLE_LANE)}`,
    },
    spec,
  );
}
