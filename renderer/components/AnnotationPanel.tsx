import { memo, useCallback, useEffect, useLayoutEffect, useMemo, useRef, useState } from 'react';
import type { FocusEvent as ReactFocusEvent } from 'react';
import type { Annotation } from '../../core/domain';
import { useApp } from '../app-context';
import type { ReaderSession } from '../reader-session';
import { prefixSums, revealScrollTop, slots, visibleRange } from '../virtual-list';
import type { Slot } from '../virtual-list';
import { AnnotationCard } from './AnnotationCard';
import { TagSwatch } from './TagSwatch';

/**
 * The side panel: the document's annotations in text order, filter toggles per tag, and the
 * editor (tag, note, delete) of the active annotation. Choosing a card reveals its span in the
 * article; choosing a span in the article makes its card active here. Memoised: a change of the
 * article's selection must not re-render thousands of cards.
 */
export const AnnotationPanel = memo(function AnnotationPanel({
  annotations,
  total,
  activeId,
  hiddenTags,
  onToggleTag,
  session,
}: {
  /** The annotations that pass the tag filter. */
  annotations: readonly Annotation[];
  /** All of the document's annotations, for the counts per tag. */
  total: readonly Annotation[];
  activeId: string | null;
  hiddenTags: ReadonlySet<string>;
  onToggleTag: (tagId: string) => void;
  session: ReaderSession;
}) {
  const { tags } = useApp();

  const counts = useMemo(() => {
    const byTag = new Map<string, number>();
    for (const a of total) byTag.set(a.tagId, (byTag.get(a.tagId) ?? 0) + 1);
    return byTag;
  }, [total]);

  // Tags that have a filter chip: the roots always, a sub-tag once it is used.
  const filterTags = tags.filter((t) => t.parentId === null || counts.has(t.id));

  const choose = useCallback((id: string) => session.choose(id, { reveal: true }), [session]);

  const shown = annotations.length;
  return (
    <aside
      className="panel"
      aria-label="Annotations"
      onKeyDown={(event) => {
        // Escape that no field used (to close a list or undo its typing) returns to the article,
        // with the annotation still chosen: the way back for a keyboard user after editing it.
        if (event.key === 'Escape' && !event.defaultPrevented) {
          event.preventDefault();
          session.focusArticle();
        }
      }}
    >
      <div className="panel-header">
        <h2 className="panel-title">
          Annotations <span className="panel-count">{total.length}</span>
        </h2>
        <div className="panel-filters" role="group" aria-label="Filter by tag">
          {filterTags.map((tag) => {
            const visible = !hiddenTags.has(tag.id);
            return (
              <button
                key={tag.id}
                type="button"
                className="filter-chip"
                aria-pressed={visible}
                aria-label={`Show ${tag.name}`}
                title={visible ? `Hide ${tag.name} annotations` : `Show ${tag.name} annotations`}
                onClick={() => onToggleTag(tag.id)}
              >
                <TagSwatch color={tag.color} />
                {tag.name}
                <span className="filter-chip-count">{counts.get(tag.id) ?? 0}</span>
              </button>
            );
          })}
        </div>
      </div>
      {total.length === 0 ? (
        <div className="panel-empty">
          <p>No annotations yet.</p>
          <p className="muted">
            Select a passage in the article, then press{' '}
            {tags
              .filter((t) => t.hotkey && t.parentId === null)
              .map((t, i, all) => (
                <span key={t.id}>
                  <kbd>{t.hotkey!.toUpperCase()}</kbd> {t.name.toLowerCase()}
                  {i < all.length - 2 ? ', ' : i === all.length - 2 ? ' or ' : ''}
                </span>
              ))}
            .
          </p>
        </div>
      ) : shown === 0 ? (
        <p className="panel-empty muted">All annotations are hidden by the filter.</p>
      ) : (
        <CardList
          annotations={annotations}
          activeId={activeId}
          onChoose={choose}
          session={session}
        />
      )}
    </aside>
  );
});

/** Lists this long or longer render only the cards near the viewport. */
export const VIRTUALIZE_FROM = 100;

/** How far beyond the viewport, above and below, cards are rendered (px). */
const OVERSCAN_PX = 600;

/**
 * The cards, in text order. A short list renders every card; a long one renders only the cards
 * in (and around) the viewport, with spacers of the right height for the rest: heights are
 * estimated until a card has been rendered, then measured (a ResizeObserver follows them as they
 * grow and shrink). The active card and the focused card always stay rendered, so that the note
 * being typed keeps its focus and text whatever the scroll position.
 */
function CardList({
  annotations,
  activeId,
  onChoose,
  session,
}: {
  annotations: readonly Annotation[];
  activeId: string | null;
  onChoose: (id: string) => void;
  session: ReaderSession;
}) {
  const listRef = useRef<HTMLOListElement>(null);
  const virtual = annotations.length >= VIRTUALIZE_FROM;
  const [scrollTop, setScrollTop] = useState(0);
  const [viewportHeight, setViewportHeight] = useState(800);
  const [focusedId, setFocusedId] = useState<string | null>(null);
  // Measured heights by annotation id (they survive filtering); `measured` bumps on a change.
  const heights = useRef(new Map<string, number>());
  const [measured, setMeasured] = useState(0);
  // The card to bring into view once it has been rendered.
  const pendingReveal = useRef<string | null>(null);

  const indexById = useMemo(() => {
    const map = new Map<string, number>();
    annotations.forEach((a, i) => map.set(a.id, i));
    return map;
  }, [annotations]);

  const offsets = useMemo(() => {
    if (!virtual) return null;
    const known = heights.current;
    return prefixSums(annotations.map((a) => known.get(a.id) ?? estimateCardHeight(a)));
    // `measured` stands for the contents of `heights`.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [annotations, virtual, measured]);
  const offsetsRef = useRef(offsets);
  offsetsRef.current = offsets;

  // Follow the viewport's height and the rendered cards' heights.
  const observer = useRef<ResizeObserver | null>(null);
  useLayoutEffect(() => {
    const list = listRef.current;
    if (!virtual || !list) return;
    setViewportHeight(list.clientHeight);
    setScrollTop(list.scrollTop);
    const ro = new ResizeObserver((entries) => {
      let changed = false;
      for (const entry of entries) {
        const el = entry.target as HTMLElement;
        if (el === list) {
          setViewportHeight(list.clientHeight);
          continue;
        }
        const id = el.dataset.annotationId;
        if (!id || !el.isConnected) continue;
        const height = el.getBoundingClientRect().height;
        if (height > 0 && heights.current.get(id) !== height) {
          heights.current.set(id, height);
          changed = true;
        }
      }
      if (changed) setMeasured((m) => m + 1);
    });
    ro.observe(list);
    observer.current = ro;
    return () => {
      ro.disconnect();
      observer.current = null;
    };
  }, [virtual]);

  // Measure the cards as they are rendered, and stop following the ones scrolled out.
  const observed = useRef(new Set<Element>());
  useLayoutEffect(() => {
    const ro = observer.current;
    const list = listRef.current;
    if (!ro || !list) {
      observed.current.clear();
      return;
    }
    for (const el of observed.current) {
      if (el.parentNode !== list) {
        ro.unobserve(el);
        observed.current.delete(el);
      }
    }
    for (const el of list.querySelectorAll<HTMLElement>(':scope > li[data-annotation-id]')) {
      if (!observed.current.has(el)) {
        observed.current.add(el);
        ro.observe(el);
      }
    }
  });

  // Keep the active card in view when it was chosen in the article. A card that is not rendered
  // yet is scrolled to by its (estimated) offset first, and into view once it is rendered.
  useEffect(() => {
    if (!activeId) return;
    const card = document.getElementById(cardId(activeId));
    if (card) {
      card.scrollIntoView({ block: 'nearest' });
      return;
    }
    const list = listRef.current;
    const index = indexById.get(activeId);
    const currentOffsets = offsetsRef.current;
    if (!list || index === undefined || !currentOffsets) return;
    pendingReveal.current = activeId;
    list.scrollTop = revealScrollTop(currentOffsets, index, list.scrollTop, list.clientHeight);
    setScrollTop(list.scrollTop);
    // indexById is read at the time the active card changes.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [activeId]);

  useLayoutEffect(() => {
    const id = pendingReveal.current;
    if (!id) return;
    const card = document.getElementById(cardId(id));
    if (card) {
      pendingReveal.current = null;
      card.scrollIntoView({ block: 'nearest' });
    }
  });

  const onScroll = useCallback(() => {
    const list = listRef.current;
    if (list) setScrollTop(list.scrollTop);
  }, []);

  // The focused card stays rendered while it has the focus.
  const onFocus = useCallback((event: ReactFocusEvent<HTMLOListElement>) => {
    const item = (event.target as HTMLElement).closest<HTMLElement>('li[data-annotation-id]');
    setFocusedId(item?.dataset.annotationId ?? null);
  }, []);
  const onBlur = useCallback((event: ReactFocusEvent<HTMLOListElement>) => {
    const next = event.relatedTarget as Node | null;
    if (!next || !event.currentTarget.contains(next)) setFocusedId(null);
  }, []);

  const n = annotations.length;
  let layout: Slot[];
  if (offsets) {
    const range = visibleRange(offsets, scrollTop, viewportHeight, OVERSCAN_PX);
    const pinned: number[] = [];
    for (const id of [activeId, focusedId]) {
      const index = id === null ? undefined : indexById.get(id);
      if (index !== undefined) pinned.push(index);
    }
    layout = slots(offsets, range, pinned);
  } else {
    layout = annotations.map((_, index) => ({ type: 'row', index }));
  }

  return (
    <ol
      ref={listRef}
      className="panel-list"
      role="list"
      onScroll={virtual ? onScroll : undefined}
      onFocus={virtual ? onFocus : undefined}
      onBlur={virtual ? onBlur : undefined}
    >
      {layout.map((slot) => {
        if (slot.type === 'gap') {
          return (
            <li
              key={`gap-${slot.from}`}
              className="panel-gap"
              aria-hidden="true"
              style={{ height: slot.height }}
            />
          );
        }
        const a = annotations[slot.index]!;
        return (
          <AnnotationCard
            key={a.id}
            id={cardId(a.id)}
            annotation={a}
            active={a.id === activeId}
            onChoose={onChoose}
            session={session}
            posInSet={slot.index + 1}
            setSize={n}
          />
        );
      })}
    </ol>
  );
}

/**
 * A card's height before it has been measured: tag line and padding, the quote's lines (clamped
 * to three) at roughly 40 characters a line, and the note's (clamped to two).
 */
function estimateCardHeight(a: Annotation): number {
  const quoteLines = Math.min(3, Math.max(1, Math.ceil(a.exact.length / 40)));
  const noteLines = a.note ? Math.min(2, Math.ceil(a.note.length / 50)) : 0;
  return 42 + quoteLines * 20.3 + (noteLines ? 5 + noteLines * 16 : 0);
}

function cardId(annotationId: string): string {
  return `annotation-card-${annotationId}`;
}
