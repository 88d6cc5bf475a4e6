import { useId, useState } from 'react';
import type { ClipboardEvent, DragEvent } from 'react';
import type { DocumentSummary, ImportOutcome } from '../../core/domain';
import { errorMessage, useApp } from '../app-context';
import { IS_MAC } from '../hooks';
import { EMPTY_PASTE, importTextArgs, pastedFrom, pasteProblem } from '../paste';
import type { PastedContent } from '../paste';
import { Dialog } from './Dialog';

const numberFormat = new Intl.NumberFormat();

/**
 * Paste as new document: a paste target that keeps the clipboard's HTML as a string for the
 * service and shows only its plain text (the pasted HTML is never rendered), an optional title,
 * then `importText`. The new document opens once imported.
 */
export function PasteDialog({
  onClose,
  onImported,
  onOpenExisting,
}: {
  onClose: () => void;
  onImported: (outcome: ImportOutcome) => void;
  onOpenExisting: (documentId: string) => void;
}) {
  const { api } = useApp();
  const [content, setContent] = useState<PastedContent>(EMPTY_PASTE);
  const [edited, setEdited] = useState(false);
  const [title, setTitle] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [existing, setExisting] = useState<DocumentSummary | null>(null);
  const hintId = useId();
  const titleId = useId();

  function take(data: DataTransfer) {
    setContent(pastedFrom(data));
    setEdited(false);
    setError(null);
    setExisting(null);
  }

  function onPaste(event: ClipboardEvent<HTMLTextAreaElement>) {
    // The browser would insert the text itself; we keep both flavours and show the plain one.
    event.preventDefault();
    take(event.clipboardData);
  }

  function onDrop(event: DragEvent<HTMLTextAreaElement>) {
    if (!event.dataTransfer.types.includes('text/plain')) return;
    event.preventDefault();
    event.stopPropagation();
    take(event.dataTransfer);
  }

  async function submit() {
    const problem = pasteProblem(content);
    if (problem) {
      setError(problem);
      return;
    }
    setBusy(true);
    setError(null);
    setExisting(null);
    try {
      const outcome = await api.importText(importTextArgs(content, title));
      if (outcome.status === 'imported') {
        onImported(outcome);
        onClose();
      } else if (outcome.status === 'duplicate') {
        setExisting(outcome.existing);
      } else {
        setError(outcome.error);
      }
    } catch (e) {
      setError(errorMessage(e));
    } finally {
      setBusy(false);
    }
  }

  const chars = Array.from(content.text).length;
  const shortcut = IS_MAC ? '⌘V' : 'Ctrl+V';
  return (
    <Dialog open title="Paste as new document" onClose={onClose} className="dialog-paste">
      <form
        onSubmit={(event) => {
          event.preventDefault();
          if (!busy) void submit();
        }}
      >
        <textarea
          className="textarea paste-target"
          aria-label="Paste here"
          aria-describedby={hintId}
          placeholder={`Press ${shortcut} to paste an article, or type it`}
          value={content.text}
          spellCheck={false}
          data-autofocus
          onPaste={onPaste}
          onDrop={onDrop}
          onChange={(event) => {
            // Typing changes the text: the clipboard's formatting no longer matches it.
            setContent({ text: event.target.value, html: null });
            setEdited(content.html !== null || edited);
          }}
          onKeyDown={(event) => {
            if (event.key === 'Enter' && (event.ctrlKey || event.metaKey) && !busy) {
              event.preventDefault();
              void submit();
            }
          }}
        />
        <p id={hintId} className="paste-hint">
          {content.text || content.html ? (
            <>
              {numberFormat.format(chars)} characters ·{' '}
              {content.html
                ? 'formatted text: headings, lists and safe links are kept'
                : edited
                  ? 'edited by hand: imported as plain text'
                  : 'plain text'}
            </>
          ) : (
            'Only the text is shown here. Formatting is cleaned by Gloss before it is kept.'
          )}
        </p>
        <div className="field-stack paste-title">
          <label className="field-label" htmlFor={titleId}>
            Title
          </label>
          <input
            id={titleId}
            className="input"
            value={title}
            placeholder="Optional: taken from the text when empty"
            maxLength={1024}
            onChange={(event) => setTitle(event.target.value)}
          />
        </div>
        {error && (
          <p className="form-error" role="alert">
            {error}
          </p>
        )}
        {existing && (
          <div className="form-note" role="status">
            <span>This text is already in the library as “{existing.title}”.</span>
            <button
              type="button"
              className="button button-small"
              onClick={() => {
                onClose();
                onOpenExisting(existing.id);
              }}
            >
              Open the existing document
            </button>
          </div>
        )}
        <div className="dialog-actions">
          <button type="button" className="button" onClick={onClose}>
            Cancel
          </button>
          <button type="submit" className="button button-primary" disabled={busy}>
            {busy ? 'Importing…' : 'Import'}
          </button>
        </div>
      </form>
    </Dialog>
  );
}
