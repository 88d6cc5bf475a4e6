import type { ReactNode } from 'react';
import type { SaveStatus } from '../app-context';

/**
 * The status line at the foot of the window. Every write reports here — "Saving…", then
 * "Saved", or what went wrong — because there is no Save button to reassure the analyst.
 */
export function StatusBar({ status, children }: { status: SaveStatus; children?: ReactNode }) {
  return (
    <footer className="statusbar">
      <div className="statusbar-hints">{children}</div>
      <div
        className={`statusbar-save statusbar-${status.kind}`}
        role="status"
        aria-label="Save status"
      >
        {status.kind === 'saving' && 'Saving…'}
        {status.kind === 'saved' && status.message}
        {status.kind === 'error' && `Not saved: ${status.message}`}
      </div>
    </footer>
  );
}
