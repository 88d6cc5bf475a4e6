/**
 * Tag all occurrences. After a span is tagged as an entity (or linked to one), the reader offers
 * the other places where the same text, or one of the entity's names, occurs — in this document
 * or across the project — and the analyst accepts or rejects them one by one or all at once.
 * Accepting is one undoable step. Alt+A opens the list for the active annotation at any time.
 */
import { useCallback, useEffect, useId, useRef, useState } from 'react';
import type { KeyboardEvent as ReactKeyboardEvent } from 'react';
import type { Occurrence } from '../../core/api-entities';
import { ENTITY_LIMITS } from '../../core/api-entities';
import type { Annotation } from '../../core/domain';
import { errorMessage, useApp } from '../app-context';
import type { ReaderSession } from '../reader-session';
import { acceptOccurrencesStep } from './entity-steps';

type Scope = 'document' | 'project';

/** What an occurrence search starts from: the tagged annotation. */
export interface OccurrencesRequest {
  annotation: Annotation;
  scope: Scope;
}

/** The longest text looked for as such (a claim's whole sentence is fine; a page is not). */
const MAX_PHRASE = 1200;

export function occurrenceArgs(annotation: Annotation, scope: Scope, limit?: number) {
  const text = annotation.exact.trim();
  return {
    documentId: annotation.documentId,
    tagId: annotation.tagId,
    scope,
    ...(text && Array.from(text).length <= MAX_PHRASE ? { text } : {}),
    ...(annotation.entityId ? { entityId: annotation.entityId } : {}),
    ...(limit ? { limit } : {}),
  };
}

/**
 * The list of occurrences: a panel beside the article, not a modal dialog, so the article stays
 * readable (and scrollable) while the analyst decides.
 */
export function OccurrencesDialog({
  session,
  request,
  onClose,
}: {
  session: ReaderSession;
  request: OccurrencesRequest;
  onClose: () => void;
}) {
  const { api, notify, tagById } = useApp();
  const [scope, setScope] = useState<Scope>(request.scope);
  const [found, setFound] = useState<Occurrence[] | null>(null);
  const [truncated, setTruncated] = useState(false);
  const [searched, setSearched] = useState<string[]>([]);
  const [unchecked, setUnchecked] = useState<ReadonlySet<string>>(new Set());
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const panelRef = useRef<HTMLElement>(null);
  const titleId = useId();
  const { annotation } = request;
  const tag = tagById.get(annotation.tagId);

  useEffect(() => {
    let cancelled = false;
    setFound(null);
    api.findOccurrences(occurrenceArgs(annotation, scope)).then(
      (result) => {
        if (cancelled) return;
        setFound(result.occurrences);
        setTruncated(result.truncated);
        setSearched(result.searched);
        setUnchecked(new Set());
        setError(null);
      },
      (e: unknown) => !cancelled && setError(errorMessage(e)),
    );
    return () => {
      cancelled = true;
    };
  }, [api, annotation, scope]);

  // The panel takes the focus when it opens, and gives it back to the article when it closes.
  useEffect(() => {
    const opener = document.activeElement as HTMLElement | null;
    panelRef.current?.focus();
    return () => {
      if (opener?.isConnected) opener.focus();
    };
  }, []);

  const accept = useCallback(
    async (which: Occurrence[]) => {
      if (which.length === 0 || busy) return;
      setBusy(true);
      const batch = which.slice(0, ENTITY_LIMITS.annotationsPerBatch);
      const n = batch.length;
      const label = `Tag ${n} ${n === 1 ? 'occurrence' : 'occurrences'} as ${tag?.name ?? 'tag'}`;
      try {
        await session.perform(
          acceptOccurrencesStep(
            batch.map((o) => ({
              documentId: o.documentId,
              tagId: annotation.tagId,
              start: o.start,
              end: o.end,
              ...(annotation.entityId ? { entityId: annotation.entityId } : {}),
            })),
            label,
          ),
        );
        const done = new Set(batch.map(keyOf));
        const rest = (found ?? []).filter((o) => !done.has(keyOf(o)));
        notify({ kind: 'info', title: `${label}.` });
        if (rest.length === 0) onClose();
        else setFound(rest);
      } catch {
        // The status line reported it; nothing was tagged.
      } finally {
        setBusy(false);
      }
    },
    [busy, session, annotation, tag, found, notify, onClose],
  );

  const list = found ?? [];
  const selected = list.filter((o) => !unchecked.has(keyOf(o)));

  function reject(occurrence: Occurrence) {
    setFound((current) => current?.filter((o) => keyOf(o) !== keyOf(occurrence)) ?? null);
  }

  function onKeyDown(event: ReactKeyboardEvent<HTMLElement>) {
    if (event.key === 'Escape') {
      event.preventDefault();
      event.stopPropagation();
      onClose();
    } else if (event.key === 'Enter' && (event.ctrlKey || event.metaKey)) {
      event.preventDefault();
      void accept(event.shiftKey ? list : selected);
    } else if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
      const boxes = Array.from(
        panelRef.current?.querySelectorAll<HTMLInputElement>('.occurrence-check') ?? [],
      );
      const index = boxes.indexOf(document.activeElement as HTMLInputElement);
      if (index === -1) return;
      event.preventDefault();
      boxes[
        Math.max(0, Math.min(boxes.length - 1, index + (event.key === 'ArrowDown' ? 1 : -1)))
      ]?.focus();
    } else if ((event.key === 'Delete' || event.key === 'Backspace') && isCheck(event.target)) {
      const key = (event.target as HTMLElement).dataset.key;
      const occurrence = list.find((o) => keyOf(o) === key);
      if (occurrence) {
        event.preventDefault();
        const boxes = Array.from(
          panelRef.current?.querySelectorAll<HTMLInputElement>('.occurrence-check') ?? [],
        );
        const next = boxes[boxes.indexOf(event.target as HTMLInputElement) + 1] ?? null;
        reject(occurrence);
        next?.focus();
      }
    }
  }

  return (
    <aside
      ref={panelRef}
      className="occurrences"
      role="dialog"
      aria-modal="false"
      aria-labelledby={titleId}
      tabIndex={-1}
      onKeyDown={onKeyDown}
    >
      <header className="occurrences-header">
        <h2 id={titleId} className="occurrences-title">
          Tag all occurrences
        </h2>
        <button
          type="button"
          className="icon-button"
          aria-label="Close (Esc)"
          title="Close (Esc)"
          onClick={onClose}
        >
          ×
        </button>
      </header>
      <p className="occurrences-what">
        Other places with{' '}
        {searched.length ? searched.map((s) => `“${s}”`).join(', ') : `“${annotation.exact}”`}, not
        yet tagged {tag?.name ?? ''}.
      </p>
      <div className="occurrences-scope" role="radiogroup" aria-label="Where to look">
        {(['document', 'project'] as const).map((s) => (
          <label key={s} className="occurrences-scope-option">
            <input
              type="radio"
              name={`${titleId}-scope`}
              checked={scope === s}
              onChange={() => setScope(s)}
            />
            {s === 'document' ? 'This document' : 'All documents'}
          </label>
        ))}
      </div>
      {error && (
        <p role="alert" className="form-error">
          {error}
        </p>
      )}
      {found === null && !error && <p className="muted occurrences-note">Looking…</p>}
      {found !== null && list.length === 0 && (
        <p className="muted occurrences-note">
          No other occurrences {scope === 'document' ? 'in this document' : 'in the project'}.
        </p>
      )}
      {list.length > 0 && (
        <ul className="occurrence-list" aria-label="Occurrences">
          {list.map((o) => {
            const key = keyOf(o);
            return (
              <li key={key} className="occurrence">
                <label className="occurrence-label">
                  <input
                    type="checkbox"
                    className="occurrence-check"
                    data-key={key}
                    checked={!unchecked.has(key)}
                    aria-label={`Tag “${o.exact}”: …${o.prefix.slice(-24)}${o.exact}${o.suffix.slice(0, 24)}…${scope === 'project' ? ` in ${o.documentTitle}` : ''}`}
                    onChange={() =>
                      setUnchecked((current) => {
                        const next = new Set(current);
                        if (!next.delete(key)) next.add(key);
                        return next;
                      })
                    }
                  />
                  <span className="occurrence-text">
                    {scope === 'project' && (
                      <span className="occurrence-document">{o.documentTitle}</span>
                    )}
                    <span className="mention-context">…{o.prefix.replace(/\s+/g, ' ')}</span>
                    <mark className="mention-exact">{o.exact}</mark>
                    <span className="mention-context">{o.suffix.replace(/\s+/g, ' ')}…</span>
                  </span>
                </label>
                <button
                  type="button"
                  className="button button-small button-ghost"
                  aria-label={`Reject “${o.exact}” at ${o.start}`}
                  title="Reject (Delete)"
                  onClick={() => reject(o)}
                >
                  Reject
                </button>
              </li>
            );
          })}
        </ul>
      )}
      {truncated && (
        <p className="muted occurrences-note">
          Showing the first {list.length}: accept these, then look again.
        </p>
      )}
      <footer className="occurrences-actions">
        <button type="button" className="button" onClick={onClose}>
          Reject all
        </button>
        <button
          type="button"
          className="button"
          disabled={busy || selected.length === 0}
          title="Ctrl+Enter"
          onClick={() => void accept(selected)}
        >
          Accept selected ({selected.length})
        </button>
        <button
          type="button"
          className="button button-primary"
          disabled={busy || list.length === 0}
          title="Ctrl+Shift+Enter"
          onClick={() => void accept(list)}
        >
          Accept all ({list.length})
        </button>
      </footer>
    </aside>
  );
}

function keyOf(o: Occurrence): string {
  return `${o.documentId}:${o.start}:${o.end}`;
}

function isCheck(target: EventTarget | null): boolean {
  return target instanceof HTMLInputElement && target.classList.contains('occurrence-check');
}
