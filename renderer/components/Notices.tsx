import type { ReactNode } from 'react';
import type { Notice } from '../app-context';
import { CloseIcon } from './icons';

/**
 * The notice area: results of imports and exports, and errors. Errors are alerts (read out at
 * once, kept until dismissed); information is a polite status that fades by itself. `children`
 * (an import's progress) sit at the bottom of the stack, under the newest notice.
 */
export function Notices({
  notices,
  onDismiss,
  children,
}: {
  notices: readonly Notice[];
  onDismiss: (id: number) => void;
  children?: ReactNode;
}) {
  return (
    <div className="notices">
      {notices.map((notice) => (
        <div
          key={notice.id}
          className={`notice notice-${notice.kind}`}
          role={notice.kind === 'error' ? 'alert' : 'status'}
        >
          <div className="notice-text">
            <p className="notice-title">{notice.title}</p>
            {notice.items && notice.items.length > 0 && (
              <ul className="notice-items">
                {notice.items.map((item, i) => (
                  <li key={i}>{item}</li>
                ))}
              </ul>
            )}
          </div>
          <button
            type="button"
            className="icon-button notice-close"
            aria-label="Dismiss notice"
            title="Dismiss"
            onClick={() => onDismiss(notice.id)}
          >
            <CloseIcon />
          </button>
        </div>
      ))}
      {children}
    </div>
  );
}
