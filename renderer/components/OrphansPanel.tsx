import { useEffect, useId, useState } from 'react';
import type { Orphan } from '../../core/domain';
import { errorMessage, useApp } from '../app-context';
import type { ReaderSession } from '../reader-session';
import '../editing.css';
import { TagSwatch } from './TagSwatch';

const REASONS: Record<Orphan['reason'], string> = {
  deleted_text: 'its text was deleted by an edit',
  not_found: 'its text is not in the re-imported document',
  ambiguous: 'its text occurs more than once in the re-imported document',
  weak: 'a short match in changed context, not trusted',
};

/**
 * The orphans of the open document: annotations left on an older version because an edit
 * deleted their text or a re-import could not find it. Never dropped silently: each is listed
 * with its quote, tag and note, to be re-attached to a selection in the article or deleted.
 * Hidden when there are none; read again after every step of the reader's history.
 */
export function OrphansPanel({
  session,
  documentId,
  revision,
}: {
  session: ReaderSession;
  documentId: string;
  revision: number;
}) {
  const { api, tagById } = useApp();
  const [orphans, setOrphans] = useState<Orphan[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [open, setOpen] = useState(true);
  const listId = useId();

  useEffect(() => {
    let cancelled = false;
    api.listOrphans({ documentId }).then(
      (list) => {
        if (cancelled) return;
        setOrphans(list);
        setError(null);
      },
      (e: unknown) => !cancelled && setError(errorMessage(e)),
    );
    return () => {
      cancelled = true;
    };
  }, [api, documentId, revision]);

  if (error) {
    return (
      <p className="orphans-error" role="alert">
        Could not list the orphaned annotations: {error}
      </p>
    );
  }
  if (!orphans || orphans.length === 0) return null;
  const count = orphans.length;
  return (
    <section className="orphans" aria-label="Orphaned annotations">
      <button
        type="button"
        className="orphans-toggle"
        aria-expanded={open}
        aria-controls={listId}
        onClick={() => setOpen((o) => !o)}
      >
        <span className="orphans-badge" aria-hidden="true">
          {count}
        </span>
        <span className="orphans-title">
          {count === 1 ? '1 orphaned annotation' : `${count} orphaned annotations`}
        </span>
        <span className="orphans-hint">
          — select the text it belongs to, then re-attach it; or delete it
        </span>
      </button>
      {open && (
        <ul id={listId} className="orphans-list">
          {orphans.map(({ annotation, reason }) => {
            const tag = tagById.get(annotation.tagId);
            return (
              <li key={annotation.id} className="orphan" aria-label={`Orphan: ${annotation.exact}`}>
                <div className="orphan-head">
                  <TagSwatch color={tag?.color ?? '#888888'} />
                  <span className="orphan-tag">{tag?.name ?? 'Unknown tag'}</span>
                  <span className="orphan-reason">{REASONS[reason]}</span>
                </div>
                <blockquote className="orphan-quote">{annotation.exact}</blockquote>
                {annotation.note && <p className="orphan-note">{annotation.note}</p>}
                <div className="orphan-actions">
                  <button
                    type="button"
                    className="button button-small"
                    // Keep the article's selection: it is what the orphan is re-attached to.
                    onMouseDown={(event) => event.preventDefault()}
                    onClick={() => session.reattachOrphan(annotation.id)}
                  >
                    Re-attach to selection
                  </button>
                  <button
                    type="button"
                    className="button button-small button-danger-ghost"
                    onClick={() => session.deleteOrphan(annotation.id)}
                  >
                    Delete
                  </button>
                </div>
              </li>
            );
          })}
        </ul>
      )}
    </section>
  );
}
