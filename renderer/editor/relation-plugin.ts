import type { Node as PmNode } from 'prosemirror-model';
import { Plugin, PluginKey } from 'prosemirror-state';
import type { EditorState, Transaction } from 'prosemirror-state';
import { Decoration, DecorationSet } from 'prosemirror-view';

/**
 * A span related to the active annotation, as the article marks it while that annotation is
 * active: where (a ProseMirror range) and what the relation says, read from the active one.
 */
export interface RelationMark {
  /** The related annotation. */
  id: string;
  from: number;
  to: number;
  /** e.g. "contradicts", "supported by"; several relations to one span are joined. */
  labels: string[];
  /** The active annotation is the relation's source (out), its target (in), or either (both). */
  direction: 'out' | 'in' | 'both';
}

/** The whole set of marks: a transaction with this meta replaces them (none: clears). */
export interface RelationMarksMeta {
  marks: readonly RelationMark[];
}

export const relationKey = new PluginKey<DecorationSet>('relation-marks');

/**
 * Marks the spans related to the active annotation (DESIGN.md §5: decorations, not marks). It is
 * separate from the annotation plugin: the set is small (one annotation's relations), replaced
 * as a whole when the active annotation or its relations change, and mapped through edits.
 */
export function relationPlugin(): Plugin<DecorationSet> {
  return new Plugin<DecorationSet>({
    key: relationKey,
    state: {
      init: () => DecorationSet.empty,
      apply: (tr, set) => applyTransaction(tr, set),
    },
    props: {
      decorations: (state) => relationKey.getState(state),
    },
  });
}

/** The marks drawn now, in document order (for tests and the view). */
export function relationMarks(state: EditorState): RelationMark[] {
  const set = relationKey.getState(state);
  if (!set) return [];
  return set
    .find(undefined, undefined, (spec: { mark?: RelationMark }) => spec.mark !== undefined)
    .filter((d) => d.from < d.to)
    .map((d) => ({ ...(d.spec as { mark: RelationMark }).mark, from: d.from, to: d.to }));
}

function applyTransaction(tr: Transaction, set: DecorationSet): DecorationSet {
  let next = tr.docChanged ? set.map(tr.mapping, tr.doc) : set;
  const meta = tr.getMeta(relationKey) as RelationMarksMeta | undefined;
  if (meta) next = build(tr.doc, meta.marks);
  return next;
}

function build(doc: PmNode, marks: readonly RelationMark[]): DecorationSet {
  const size = doc.content.size;
  const decorations: Decoration[] = [];
  for (const mark of marks) {
    if (mark.from < 0 || mark.to > size || mark.from >= mark.to) continue;
    const label = mark.labels.join(' · ');
    decorations.push(
      // Its own element, so it nests with the annotation spans instead of merging into them.
      Decoration.inline(
        mark.from,
        mark.to,
        {
          nodeName: 'span',
          class: `gl-rel gl-rel-${mark.direction}`,
          'data-related-id': mark.id,
          'data-relation': label,
        },
        { mark },
      ),
      // A small label before the span says how it relates; it is not part of the text, so it
      // is hidden from selection and from screen readers (the panel lists relations in words).
      Decoration.widget(mark.from, () => relationBadge(label, mark.direction), {
        side: -1,
        ignoreSelection: true,
        key: `rel-${mark.id}-${mark.direction}-${label}`,
      }),
    );
  }
  return DecorationSet.create(doc, decorations);
}

const ARROWS: Record<RelationMark['direction'], string> = { out: '→', in: '←', both: '↔' };

function relationBadge(label: string, direction: RelationMark['direction']): HTMLElement {
  const badge = document.createElement('span');
  badge.className = `gl-rel-badge gl-rel-badge-${direction}`;
  badge.setAttribute('aria-hidden', 'true');
  badge.contentEditable = 'false';
  badge.textContent = `${ARROWS[direction]} ${label}`;
  return badge;
}
