import { useRef, useSyncExternalStore } from 'react';
import { useApp } from '../app-context';
import '../notes.css';
import type { ReaderSession } from '../reader-session';
import { RelationStore, relationStoreFor, relationStoreOf } from '../relations-store';
import type { RelationItem } from '../relations-store';
import { TrashIcon } from './icons';
import { TagSwatch } from './TagSwatch';

/** Makes (once) the relation store of the reader's session; children find it from the session. */
export function useReaderRelations(session: ReaderSession): RelationStore {
  const { api, reportError } = useApp();
  return relationStoreFor(session, () => new RelationStore(api, session, reportError));
}

const NONE: readonly RelationItem[] = [];
const noSubscription = () => () => undefined;

/** The relations of one annotation, re-rendering only when they change. */
export function useRelationItems(
  session: ReaderSession,
  annotationId: string,
): readonly RelationItem[] {
  const store = relationStoreOf(session);
  return useSyncExternalStore(store?.subscribe ?? noSubscription, () =>
    store ? store.itemsFor(annotationId) : NONE,
  );
}

const ARROWS: Record<RelationItem['direction'], string> = { out: '→', in: '←', both: '↔' };

/** The shortcut that opens the relation picker on the active annotation. */
export const RELATION_SHORTCUT = 'Alt+R';

/**
 * The relations of the active annotation, on both ends ("supports → ‘…’", "contradicted by ←
 * ‘…’"), each one a button that goes to the other span (in this document or another) and one
 * that deletes it; "Add relation…" opens the picker (the mouse twin of Alt+R).
 */
export function RelationsSection({
  session,
  annotationId,
  documentId,
  onChoose,
}: {
  session: ReaderSession;
  annotationId: string;
  documentId: string;
  /** Makes an annotation of this document the active one. */
  onChoose: (id: string) => void;
}) {
  const store = relationStoreOf(session);
  const { openAnnotation } = useApp();
  const items = useRelationItems(session, annotationId);
  const listRef = useRef<HTMLUListElement>(null);
  const addRef = useRef<HTMLButtonElement>(null);
  if (!store) return null;

  function goTo(item: RelationItem) {
    if (item.other.documentId === documentId) {
      onChoose(item.other.annotationId);
      return;
    }
    openAnnotation(item.other.documentId, item.other.annotationId);
  }

  function remove(item: RelationItem, index: number) {
    // Focus moves to the next relation (or the previous one, or "Add relation…").
    const buttons = listRef.current?.querySelectorAll<HTMLElement>('.relation-go');
    const next = buttons?.[index + 1] ?? buttons?.[index - 1] ?? addRef.current;
    void store!.remove(item.relation.id).then(
      () => next?.focus(),
      () => undefined,
    );
  }

  return (
    <section className="card-relations" aria-label="Relations">
      <div className="card-relations-head">
        <h3 className="field-label">Relations</h3>
        <button
          ref={addRef}
          type="button"
          className="button button-small button-ghost"
          title={`Relate this annotation to another (${RELATION_SHORTCUT})`}
          onClick={() => store.openPicker(annotationId)}
        >
          Add relation…
        </button>
      </div>
      {items.length === 0 ? (
        <p className="card-relations-none">
          None. Press <kbd>{RELATION_SHORTCUT}</kbd> to relate it to another annotation.
        </p>
      ) : (
        <ul ref={listRef} className="relation-list">
          {items.map((item, index) => (
            <RelationRow
              key={item.relation.id}
              item={item}
              elsewhere={item.other.documentId !== documentId}
              onGo={() => goTo(item)}
              onDelete={() => remove(item, index)}
            />
          ))}
        </ul>
      )}
    </section>
  );
}

function RelationRow({
  item,
  elsewhere,
  onGo,
  onDelete,
}: {
  item: RelationItem;
  elsewhere: boolean;
  onGo: () => void;
  onDelete: () => void;
}) {
  const { tagById } = useApp();
  const tag = tagById.get(item.other.tagId);
  const quote = shorten(item.other.exact, 90);
  const where = elsewhere ? ` in “${shorten(item.other.documentTitle, 60)}”` : '';
  const description = `${item.label} “${quote}”${where}`;
  return (
    <li className={`relation-row relation-${item.direction}`}>
      <button
        type="button"
        className="relation-go"
        aria-label={`${description}. Go to it.`}
        title={elsewhere ? `Open “${item.other.documentTitle}” at this span` : 'Go to this span'}
        onClick={onGo}
      >
        <span className="relation-label">
          <span aria-hidden="true">{ARROWS[item.direction]}</span> {item.label}
        </span>
        <span className="relation-quote">
          <TagSwatch color={tag?.color ?? '#888888'} />‘{quote}’
        </span>
        {elsewhere && (
          <span className="relation-doc">in {shorten(item.other.documentTitle, 60)}</span>
        )}
      </button>
      <button
        type="button"
        className="icon-button relation-delete"
        aria-label={`Delete relation: ${description}`}
        title="Delete this relation"
        onClick={onDelete}
      >
        <TrashIcon />
      </button>
    </li>
  );
}

/**
 * One line per relation under an inactive card's quote (at most two, then "+N more"), so both
 * ends of a relation show it without being opened.
 */
export function RelationSummary({
  session,
  annotationId,
}: {
  session: ReaderSession;
  annotationId: string;
}) {
  const items = useRelationItems(session, annotationId);
  if (items.length === 0) return null;
  const shown = items.slice(0, 2);
  return (
    <span className="card-relation-summary">
      {shown.map((item) => (
        <span key={item.relation.id} className="card-relation-line">
          <span aria-hidden="true">{ARROWS[item.direction]}</span> {item.label} ‘
          {shorten(item.other.exact, 48)}’
        </span>
      ))}
      {items.length > shown.length && (
        <span className="card-relation-line">+{items.length - shown.length} more</span>
      )}
    </span>
  );
}

/** Whitespace folded and cut to `max` code points, never half an emoji. */
export function shorten(text: string, max: number): string {
  const chars = Array.from(text.replace(/\s+/g, ' ').trim());
  return chars.length <= max ? chars.join('') : `${chars.slice(0, max - 1).join('')}…`;
}
