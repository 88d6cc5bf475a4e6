import { useCallback, useEffect, useId, useRef, useState } from 'react';
import type { KeyboardEvent as ReactKeyboardEvent } from 'react';
import type { Memo } from '../../core/domain';
import { historyCall } from '../../core/history-rules';
import { errorMessage, useApp } from '../app-context';
import { isCommand, IS_MAC, useLatest } from '../hooks';
import { markdownToPlainText, renderMarkdownLite } from '../markdown-lite';
import '../memos.css';
import { performProjectStep, projectHistory, useProjectUndoShortcuts } from '../project-history';
import type { ReaderSession } from '../reader-session';
import type { PerformStep } from '../undo';
import { CloseIcon, TrashIcon } from './icons';

/** Whose memos: the open document's (undone with its history) or the project's. */
export type MemoScope = { kind: 'document'; session: ReaderSession } | { kind: 'project' };

const SAVE_KEY = IS_MAC ? '⌘Enter' : 'Ctrl+Enter';
const dateTimeFormat = new Intl.DateTimeFormat(undefined, {
  dateStyle: 'medium',
  timeStyle: 'short',
});

/**
 * Memos: the analyst's notes on a document (in the reader) or on the whole case (from the
 * library), in a small Markdown — **bold**, *italic*, lists, [links](https://…) — shown
 * formatted. Adding, editing and deleting are undoable steps, and searchable (Ctrl+Shift+F).
 */
export function MemosPanel({
  scope,
  onClose,
  focusMemoId,
}: {
  scope: MemoScope;
  onClose: () => void;
  /** A memo to bring into view (a search hit). */
  focusMemoId?: string | null;
}) {
  const { api, reportError } = useApp();
  const documentId = scope.kind === 'document' ? scope.session.documentId : null;
  const [memos, setMemos] = useState<Memo[] | null>(null);
  const [editing, setEditing] = useState<string | null>(null);
  const headingId = useId();
  const panelRef = useRef<HTMLElement>(null);
  // Project memos undo with Ctrl+Z from the panel (a document's undo with the reader's history).
  useProjectUndoShortcuts(api, scope.kind === 'project', {
    target: () => panelRef.current,
    onError: (error) => reportError(error, 'Could not undo'),
  });

  // Read while rendering, before the new memo's field takes the focus.
  const [opener] = useState(() => document.activeElement as HTMLElement | null);
  useEffect(() => {
    // Closing hands the focus back to where it was when the panel opened (the article, the
    // Memos button) instead of dropping it on the page, where no shortcut of the reader works.
    return () => {
      const active = document.activeElement;
      if ((!active || active === document.body) && opener?.isConnected) opener.focus();
    };
  }, [opener]);

  const load = useCallback(() => {
    api.listMemos({ documentId }).then(setMemos, (error: unknown) => {
      setMemos((current) => current ?? []);
      reportError(error, 'Could not load the memos');
    });
  }, [api, documentId, reportError]);
  useEffect(load, [load]);

  // Any step, undone or redone, may have changed the memos: read them again.
  const session = scope.kind === 'document' ? scope.session : null;
  useEffect(() => {
    if (session) {
      let revision = session.getSnapshot().revision;
      return session.subscribe(() => {
        const next = session.getSnapshot().revision;
        if (next !== revision) load();
        revision = next;
      });
    }
    return projectHistory(api).onApplied((effect) => {
      if (effect.calls.some((call) => /Memo$/.test(call.method))) load();
    });
  }, [api, session, load]);

  useEffect(() => {
    if (!focusMemoId || !memos) return;
    const element = document.getElementById(memoElementId(focusMemoId));
    element?.scrollIntoView({ block: 'nearest' });
    element?.focus();
  }, [focusMemoId, memos]);

  const perform = (step: PerformStep) =>
    session ? session.perform(step) : performProjectStep(api, step);

  async function add(body: string): Promise<void> {
    const idOf = (results: unknown[]) => (results[0] as Memo).id;
    const [created] = await perform({
      label: 'Add memo',
      redo: [historyCall('createMemo', { documentId, body })],
      undo: (results) => [historyCall('deleteMemo', { id: idOf(results) })],
      replay: (results) => [historyCall('restoreMemo', { id: idOf(results) })],
    });
    setMemos((list) => [...(list ?? []), created as Memo]);
  }

  async function update(memo: Memo, body: string): Promise<void> {
    if (body === memo.body) return;
    const [updated] = await perform({
      label: 'Edit memo',
      redo: [historyCall('updateMemo', { id: memo.id, body })],
      undo: [historyCall('updateMemo', { id: memo.id, body: memo.body })],
    });
    setMemos((list) => list?.map((m) => (m.id === memo.id ? (updated as Memo) : m)) ?? null);
  }

  async function remove(memo: Memo): Promise<void> {
    await perform({
      label: 'Delete memo',
      redo: [historyCall('deleteMemo', { id: memo.id })],
      undo: [historyCall('restoreMemo', { id: memo.id })],
    });
    setMemos((list) => list?.filter((m) => m.id !== memo.id) ?? null);
    // The panel keeps the focus, outside any text field, so that Ctrl+Z undoes the deletion.
    panelRef.current?.focus();
  }

  const title = documentId ? 'Document memos' : 'Project memos';
  return (
    <aside
      ref={panelRef}
      className="memos-panel"
      aria-labelledby={headingId}
      tabIndex={-1}
      onKeyDown={(event) => {
        if (event.key === 'Escape' && !event.defaultPrevented) {
          event.preventDefault();
          onClose();
        }
      }}
    >
      <div className="memos-header">
        <h2 id={headingId} className="panel-title memos-title">
          {title} <span className="panel-count">{memos?.length ?? 0}</span>
        </h2>
        <button
          type="button"
          className="icon-button"
          aria-label={`Close ${title.toLowerCase()}`}
          title="Close (Esc)"
          onClick={onClose}
        >
          <CloseIcon />
        </button>
      </div>
      <div className="memos-scroll">
        {memos === null ? (
          <p className="muted memos-empty">Loading…</p>
        ) : memos.length === 0 ? (
          <p className="muted memos-empty">
            {documentId
              ? 'No memo on this document yet: what it is, how far to trust it, what to check.'
              : 'No project memo yet: the case, its questions, what is left to do.'}
          </p>
        ) : (
          <ol className="memo-list">
            {memos.map((memo) => (
              <li key={memo.id}>
                {editing === memo.id ? (
                  <MemoEditor
                    label="Edit memo"
                    initial={memo.body}
                    submitLabel="Save"
                    onSubmit={async (body) => {
                      await update(memo, body);
                      setEditing(null);
                    }}
                    onCancel={() => setEditing(null)}
                  />
                ) : (
                  <MemoView
                    memo={memo}
                    highlighted={memo.id === focusMemoId}
                    onEdit={() => setEditing(memo.id)}
                    onDelete={() => void remove(memo).catch(() => undefined)}
                  />
                )}
              </li>
            ))}
          </ol>
        )}
        <div className="memo-new">
          <MemoEditor
            label={documentId ? 'New memo on this document' : 'New project memo'}
            initial=""
            submitLabel="Add memo"
            clearOnSubmit
            autoFocus={!focusMemoId}
            onSubmit={add}
          />
        </div>
      </div>
    </aside>
  );
}

function MemoView({
  memo,
  highlighted,
  onEdit,
  onDelete,
}: {
  memo: Memo;
  highlighted: boolean;
  onEdit: () => void;
  onDelete: () => void;
}) {
  const edited = new Date(memo.updatedAt);
  const summary = markdownToPlainText(memo.body).slice(0, 60);
  return (
    <article
      id={memoElementId(memo.id)}
      className={highlighted ? 'memo memo-highlighted' : 'memo'}
      tabIndex={-1}
      aria-label={`Memo: ${summary}`}
    >
      <div className="memo-body md">{renderMarkdownLite(memo.body)}</div>
      <footer className="memo-footer">
        <span className="memo-meta">
          {memo.author && `${memo.author} · `}
          {Number.isNaN(edited.getTime()) ? memo.updatedAt : dateTimeFormat.format(edited)}
        </span>
        <button
          type="button"
          className="button button-small button-ghost"
          aria-label={`Edit memo: ${summary}`}
          onClick={onEdit}
        >
          Edit
        </button>
        <button
          type="button"
          className="icon-button"
          aria-label={`Delete memo: ${summary}`}
          title="Delete memo (undo with Ctrl+Z)"
          onClick={onDelete}
        >
          <TrashIcon />
        </button>
      </footer>
    </article>
  );
}

/** A memo being written: Markdown in a text field, its formatted preview below. */
function MemoEditor({
  label,
  initial,
  submitLabel,
  onSubmit,
  onCancel,
  clearOnSubmit,
  autoFocus = true,
}: {
  label: string;
  initial: string;
  submitLabel: string;
  onSubmit: (body: string) => Promise<void>;
  onCancel?: () => void;
  clearOnSubmit?: boolean;
  autoFocus?: boolean;
}) {
  const id = useId();
  const [draft, setDraft] = useState(initial);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const areaRef = useRef<HTMLTextAreaElement>(null);

  useEffect(() => {
    if (autoFocus) areaRef.current?.focus();
  }, [autoFocus]);

  async function submit() {
    const body = draft.trim();
    if (!body || busy) return;
    setBusy(true);
    setError(null);
    try {
      await onSubmit(body);
      if (clearOnSubmit) setDraft('');
    } catch (e) {
      setError(errorMessage(e));
    } finally {
      setBusy(false);
    }
  }

  function onKeyDown(event: ReactKeyboardEvent<HTMLTextAreaElement>) {
    if (event.key === 'Enter' && isCommand(event.nativeEvent)) {
      event.preventDefault();
      void submit();
    } else if (event.key === 'Escape' && onCancel) {
      event.preventDefault();
      onCancel();
    }
  }

  return (
    <div className="memo-editor">
      <label htmlFor={id} className="field-label">
        {label}
      </label>
      <textarea
        ref={areaRef}
        id={id}
        className="textarea memo-textarea"
        rows={4}
        value={draft}
        aria-describedby={`${id}-help`}
        placeholder="**bold**, *italic*, - lists, [links](https://…)"
        onChange={(event) => setDraft(event.target.value)}
        onKeyDown={onKeyDown}
      />
      {draft.trim() && (
        <div className="memo-preview md" aria-label="Preview">
          {renderMarkdownLite(draft)}
        </div>
      )}
      <div className="memo-editor-actions">
        <span id={`${id}-help`} className="memo-help">
          <kbd>{SAVE_KEY}</kbd> {submitLabel.toLowerCase()}
          {onCancel && (
            <>
              {' '}
              · <kbd>Esc</kbd> cancel
            </>
          )}
        </span>
        {onCancel && (
          <button type="button" className="button button-small" onClick={onCancel}>
            Cancel
          </button>
        )}
        <button
          type="button"
          className="button button-small button-primary"
          disabled={busy || !draft.trim()}
          onClick={() => void submit()}
        >
          {submitLabel}
        </button>
      </div>
      {error && (
        <p className="form-error" role="alert">
          {error}
        </p>
      )}
    </div>
  );
}

function memoElementId(id: string): string {
  return `memo-${id}`;
}

/** Ctrl/Cmd+Shift+M shows or hides the memos (outside dialogs). */
export function useMemosShortcut(toggle: () => void) {
  const toggleRef = useLatest(toggle);
  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (!isCommand(event) || !event.shiftKey || event.key.toLowerCase() !== 'm') return;
      if (document.querySelector('dialog[open]')) return;
      event.preventDefault();
      toggleRef.current();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [toggleRef]);
}
