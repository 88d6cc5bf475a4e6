import { useCallback, useEffect, useId, useState } from 'react';
import type { FormEvent } from 'react';
import { RELIABILITY_CHOICES } from '../../core/codebook';
import type {
  DocumentDetails,
  DocumentSummary,
  GlossDocument,
  ReliabilityGrade,
} from '../../core/domain';
import { errorMessage, useApp } from '../app-context';
import { languageLabel, publishedLabel } from '../document-info';
import { performProjectStep } from '../project-history';
import type { ReaderSession } from '../reader-session';

/** The label of the step that edits details: the reader reads the document again after it. */
export const DETAILS_STEP_LABEL = 'Edit document details';

type Fields = { title: string } & Omit<DocumentDetails, 'outletReliability'> & {
    outletReliability: ReliabilityGrade | '';
  };

const FIELDS: { key: Exclude<keyof Fields, 'outletReliability'>; label: string; hint: string }[] = [
  { key: 'title', label: 'Title', hint: '' },
  { key: 'author', label: 'Author', hint: 'Who wrote it' },
  { key: 'outlet', label: 'Outlet', hint: 'Newspaper, channel, site or account' },
  { key: 'publishedAt', label: 'Published', hint: 'YYYY-MM-DD (or YYYY-MM, YYYY)' },
  { key: 'url', label: 'URL', hint: 'https://…' },
  { key: 'language', label: 'Language', hint: 'A language tag: uk, ru, en-GB…' },
];

function fieldsOf(doc: DocumentSummary): Fields {
  const details = doc.details ?? {
    author: '',
    outlet: '',
    publishedAt: '',
    url: '',
    language: '',
    outletReliability: null,
  };
  return { title: doc.title, ...details, outletReliability: details.outletReliability ?? '' };
}

/**
 * The document's citation, editable: title, author, outlet, date, URL, language and how
 * reliable the outlet is (the Admiralty grades A–F). Saving is one undoable step (in the
 * reader's history when a session is given, else the project's); the service checks every field
 * and its refusal is shown beside the form.
 */
export function DocumentDetailsForm({
  doc,
  session,
  onSaved,
}: {
  doc: DocumentSummary;
  session?: ReaderSession;
  onSaved?: (summary: DocumentSummary) => void;
}) {
  const { api } = useApp();
  const id = useId();
  const [saved, setSaved] = useState<Fields>(() => fieldsOf(doc));
  const [draft, setDraft] = useState<Fields>(saved);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [done, setDone] = useState(false);

  const changed = (Object.keys(draft) as (keyof Fields)[]).filter(
    (key) => draft[key].trim() !== saved[key].trim(),
  );

  async function save(event: FormEvent) {
    event.preventDefault();
    if (changed.length === 0 || busy) return;
    const redo: Record<string, unknown> = { id: doc.id };
    const undo: Record<string, unknown> = { id: doc.id };
    for (const key of changed) {
      const wire = (value: string) =>
        key === 'outletReliability' ? (value === '' ? null : value) : value.trim();
      redo[key] = wire(draft[key]);
      undo[key] = wire(saved[key]);
    }
    const step = {
      label: DETAILS_STEP_LABEL,
      redo: [{ method: 'updateDocumentDetails', args: redo }],
      undo: [{ method: 'updateDocumentDetails', args: undo }],
    };
    setBusy(true);
    setError(null);
    try {
      const [summary] = session ? await session.perform(step) : await performProjectStep(api, step);
      const next = fieldsOf(summary as DocumentSummary);
      setSaved(next);
      setDraft(next);
      setDone(true);
      onSaved?.(summary as DocumentSummary);
    } catch (e) {
      setError(errorMessage(e));
    } finally {
      setBusy(false);
    }
  }

  const set = (key: keyof Fields, value: string) => {
    setDraft((current) => ({ ...current, [key]: value }));
    setDone(false);
  };

  return (
    <form className="details-form" onSubmit={(event) => void save(event)} aria-label="Citation">
      {FIELDS.map(({ key, label, hint }) => (
        <div key={key} className="details-field">
          <label htmlFor={`${id}-${key}`} className="details-field-label">
            {label}
          </label>
          <input
            id={`${id}-${key}`}
            className="input"
            type={key === 'url' ? 'url' : 'text'}
            value={draft[key]}
            placeholder={hint}
            spellCheck={key === 'title'}
            aria-describedby={
              key === 'publishedAt' || key === 'language' ? `${id}-${key}-shown` : undefined
            }
            data-autofocus={key === 'title' ? true : undefined}
            onChange={(event) => set(key, event.target.value)}
          />
          {key === 'publishedAt' && draft.publishedAt.trim() && (
            <span id={`${id}-${key}-shown`} className="details-field-shown">
              {publishedLabel(draft.publishedAt.trim())}
            </span>
          )}
          {key === 'language' && draft.language.trim() && (
            <span id={`${id}-${key}-shown`} className="details-field-shown">
              {languageLabel(draft.language.trim())}
            </span>
          )}
        </div>
      ))}
      <div className="details-field">
        <label htmlFor={`${id}-reliability`} className="details-field-label">
          Outlet reliability
        </label>
        <select
          id={`${id}-reliability`}
          className="select"
          value={draft.outletReliability}
          onChange={(event) => set('outletReliability', event.target.value)}
        >
          <option value="">Not rated</option>
          {RELIABILITY_CHOICES.map((choice) => (
            <option key={choice.value} value={choice.value}>
              {choice.label}
            </option>
          ))}
        </select>
      </div>
      <div className="details-form-actions">
        <span className="details-form-status" role="status">
          {busy ? 'Saving…' : done && changed.length === 0 ? 'Saved.' : ''}
        </span>
        {changed.length > 0 && (
          <button type="button" className="button" onClick={() => setDraft(saved)}>
            Revert
          </button>
        )}
        <button
          type="submit"
          className="button button-primary"
          disabled={busy || changed.length === 0}
        >
          Save details
        </button>
      </div>
      {error && (
        <p className="form-error" role="alert">
          Could not save the details: {error}
        </p>
      )}
    </form>
  );
}

/**
 * The open document as the reader shows it: its title and details follow an edit in the details
 * dialog (`apply`), and its undo or redo (read again when such a step was done or undone).
 */
export function useShownDocument(
  doc: GlossDocument,
  session: ReaderSession,
): [GlossDocument, (summary: DocumentSummary) => void] {
  const { api } = useApp();
  const [shown, setShown] = useState(doc);
  const apply = useCallback(
    (summary: DocumentSummary) =>
      setShown((current) => ({ ...current, title: summary.title, details: summary.details })),
    [],
  );
  useEffect(() => {
    let revision = session.getSnapshot().revision;
    return session.subscribe(() => {
      const snapshot = session.getSnapshot();
      if (snapshot.revision === revision) return;
      revision = snapshot.revision;
      // The step just undone is next to redo, the one just redone next to undo.
      if (snapshot.undoLabel === DETAILS_STEP_LABEL || snapshot.redoLabel === DETAILS_STEP_LABEL) {
        api.getDocument({ id: doc.id }).then(apply, () => undefined);
      }
    });
  }, [api, session, doc.id, apply]);
  return [shown, apply];
}
