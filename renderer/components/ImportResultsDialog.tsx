import { useId, useMemo, useRef, useState } from 'react';
import type { ReactNode } from 'react';
import type { ImportOutcome } from '../../core/domain';
import { reasonOf } from '../import-queue';
import type { ImportResult, ImportRunState } from '../import-queue';
import { failureText, headline, reasonText, skipReasonText, summariseRun } from '../import-summary';
import { Dialog } from './Dialog';

/** Lists longer than this start folded, so failures and duplicates stay in view. */
const FOLD_AFTER = 8;

type Retry = { status: 'running' } | { status: 'done'; outcome: ImportOutcome };

/**
 * What an import did, file by file: what failed and why, what was already in the library (each
 * with "Import as new version"), what was imported, cancelled or left out of a folder.
 */
export function ImportResultsDialog({
  results,
  onClose,
  importAsNewVersion,
}: {
  results: ImportRunState;
  onClose: () => void;
  importAsNewVersion: (result: ImportResult) => Promise<ImportOutcome[]>;
}) {
  const summary = useMemo(() => summariseRun(results), [results]);
  const [retries, setRetries] = useState<ReadonlyMap<ImportResult, Retry>>(() => new Map());
  const headlineId = useId();
  const closeRef = useRef<HTMLButtonElement>(null);

  async function retry(result: ImportResult) {
    // The button goes away with the click: keep the focus in the dialog, on Close.
    closeRef.current?.focus();
    setRetries((map) => new Map(map).set(result, { status: 'running' }));
    let outcome: ImportOutcome;
    try {
      [outcome = result.outcome] = await importAsNewVersion(result);
    } catch (error) {
      outcome = { name: result.outcome.name, status: 'failed', error: reasonOf(error) };
    }
    setRetries((map) => new Map(map).set(result, { status: 'done', outcome }));
  }

  const waiting = summary.duplicates.filter((d) => d.job && !retries.has(d));
  return (
    <Dialog
      open
      title="Import results"
      onClose={onClose}
      className="dialog-results"
      describedBy={headlineId}
    >
      <p id={headlineId} className="results-headline">
        {headline(summary)}
      </p>
      <div className="results-body">
        {summary.failed.length > 0 && (
          <ResultSection title="Could not be imported" count={summary.failed.length} tone="danger">
            {summary.failed.map((r, i) => (
              <li key={i} className="result-row">
                <span className="result-name">{shownName(r)}</span>
                <span className="result-reason">{reasonText(r.outcome)}</span>
              </li>
            ))}
          </ResultSection>
        )}
        {summary.duplicates.length > 0 && (
          <ResultSection
            title="Already in the library"
            count={summary.duplicates.length}
            action={
              waiting.length > 1 && (
                <button
                  type="button"
                  className="button button-small"
                  onClick={() => waiting.forEach((d) => void retry(d))}
                >
                  Import all {waiting.length} as new versions
                </button>
              )
            }
          >
            {summary.duplicates.map((r, i) => (
              <li key={i} className="result-row">
                <span className="result-name">{shownName(r)}</span>
                <span className="result-reason">
                  <DuplicateState retry={retries.get(r)} existing={r.outcome.existing} />
                </span>
                {r.job && !retries.has(r) && (
                  <button
                    type="button"
                    className="button button-small result-action"
                    aria-label={`Import ${r.outcome.name} as new version`}
                    onClick={() => void retry(r)}
                  >
                    Import as new version
                  </button>
                )}
              </li>
            ))}
          </ResultSection>
        )}
        {summary.imported.length > 0 && (
          <ResultSection title="Imported" count={summary.imported.length} tone="ok">
            {summary.imported.map((r, i) => (
              <li key={i} className="result-row">
                <span className="doc-format">{r.outcome.document.format.toUpperCase()}</span>
                <span className="result-title">{r.outcome.document.title}</span>
                {r.outcome.document.title !== r.outcome.name && (
                  <span className="result-file">{r.outcome.name}</span>
                )}
              </li>
            ))}
          </ResultSection>
        )}
        {summary.cancelled.length > 0 && (
          <ResultSection title="Not imported: cancelled" count={summary.cancelled.length}>
            {summary.cancelled.map((name, i) => (
              <li key={i} className="result-row">
                <span className="result-title">{name}</span>
              </li>
            ))}
          </ResultSection>
        )}
        {summary.skipped.length > 0 && (
          <ResultSection title="Skipped in folders" count={summary.skipped.length}>
            {summary.skipped.map((s, i) => (
              <li key={i} className="result-row">
                <span className="result-name">{s.path}</span>
                <span className="result-reason">{skipReasonText(s.reason)}</span>
              </li>
            ))}
          </ResultSection>
        )}
      </div>
      <div className="dialog-actions">
        <button
          ref={closeRef}
          type="button"
          className="button button-primary"
          onClick={onClose}
          data-autofocus
        >
          Close
        </button>
      </div>
    </Dialog>
  );
}

/** A file as the results name it: its place in the folder when it came from one. */
function shownName(result: ImportResult): string {
  return result.job?.path ?? result.outcome.name;
}

/** A duplicate's line: what it matched, then what "Import as new version" did. */
function DuplicateState({
  retry,
  existing,
}: {
  retry: Retry | undefined;
  existing: { title: string };
}) {
  if (!retry) return <>Same content as “{existing.title}”</>;
  if (retry.status === 'running') return <span className="muted">Importing…</span>;
  const { outcome } = retry;
  if (outcome.status === 'imported') {
    return <span className="result-ok">Imported as a new version</span>;
  }
  if (outcome.status === 'failed')
    return <span className="result-failed">{failureText(outcome)}</span>;
  return <>Same content as “{existing.title}”</>;
}

/**
 * One group of the results: a heading with its count, and the list. Long lists of routine
 * results (imported, cancelled, skipped) start folded in a `<details>`.
 */
function ResultSection({
  title,
  count,
  tone,
  action,
  children,
}: {
  title: string;
  count: number;
  tone?: 'danger' | 'ok';
  action?: ReactNode;
  children: ReactNode;
}) {
  const headingId = useId();
  const foldable = tone !== 'danger' && count > FOLD_AFTER && !action;
  const heading = (
    <span className={`results-heading ${tone ? `results-heading-${tone}` : ''}`}>
      {title} <span className="results-count">{count}</span>
    </span>
  );
  const list = (
    <ul className="results-list" aria-labelledby={headingId}>
      {children}
    </ul>
  );
  if (foldable) {
    return (
      <details className="results-section">
        <summary id={headingId}>{heading}</summary>
        {list}
      </details>
    );
  }
  return (
    <section className="results-section" aria-labelledby={headingId}>
      <div className="results-section-head">
        <h3 id={headingId} className="results-title">
          {heading}
        </h3>
        {action}
      </div>
      {list}
    </section>
  );
}
