import { memo, useCallback, useEffect, useMemo, useRef } from 'react';
import type { Annotation } from '../../core/domain';
import { useApp } from '../app-context';
import type { ReaderSession } from '../reader-session';
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
  const listRef = useRef<HTMLOListElement>(null);

  const counts = useMemo(() => {
    const byTag = new Map<string, number>();
    for (const a of total) byTag.set(a.tagId, (byTag.get(a.tagId) ?? 0) + 1);
    return byTag;
  }, [total]);

  // Tags that have a filter chip: the roots always, a sub-tag once it is used.
  const filterTags = tags.filter((t) => t.parentId === null || counts.has(t.id));

  useEffect(() => {
    // Keep the active card in view when it was chosen in the article.
    if (!activeId) return;
    const card = document.getElementById(cardId(activeId));
    card?.scrollIntoView({ block: 'nearest' });
  }, [activeId]);

  const choose = useCallback((id: string) => session.choose(id, { reveal: true }), [session]);

  const shown = annotations.length;
  return (
    <aside className="panel" aria-label="Annotations">
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
        <ol ref={listRef} className="panel-list">
          {annotations.map((a) => (
            <AnnotationCard
              key={a.id}
              id={cardId(a.id)}
              annotation={a}
              active={a.id === activeId}
              onChoose={choose}
              session={session}
            />
          ))}
        </ol>
      )}
    </aside>
  );
});

function cardId(annotationId: string): string {
  return `annotation-card-${annotationId}`;
}
