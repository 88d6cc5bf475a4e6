import { useSyncExternalStore } from 'react';
import type { ImportRun } from '../import-queue';

/**
 * The progress of a long import: a panel in the notice area (not a modal, so the analyst can
 * keep reading while 500 files go in), with a real `<progress>`, "N of M files", the file being
 * imported and Cancel, which stops after that file and keeps what is already imported.
 */
export function ImportProgress({ run }: { run: ImportRun }) {
  const state = useSyncExternalStore(run.subscribe, run.getSnapshot);
  const cancelling = state.status === 'cancelling';
  const failed = state.results.filter((r) => r.outcome.status === 'failed').length;
  return (
    <section className="import-progress" aria-label="Import progress">
      <div className="import-progress-head">
        <span className="import-progress-title">
          {cancelling ? 'Stopping the import…' : 'Importing'}
        </span>
        <span className="import-progress-count">
          {state.done} of {state.total} {state.total === 1 ? 'file' : 'files'}
        </span>
      </div>
      <progress
        className="import-progress-bar"
        aria-label="Import progress"
        max={Math.max(1, state.total)}
        value={state.done}
      />
      <div className="import-progress-foot">
        <p className="import-progress-file" title={state.current ?? undefined}>
          {state.current ?? '\u00a0'}
        </p>
        {failed > 0 && <span className="import-progress-failed">{failed} failed</span>}
        <button
          type="button"
          className="button button-small"
          onClick={() => run.cancel()}
          disabled={cancelling}
          title="Stop after the file being imported now; what is imported stays"
        >
          {cancelling ? 'Cancelling…' : 'Cancel import'}
        </button>
      </div>
    </section>
  );
}
