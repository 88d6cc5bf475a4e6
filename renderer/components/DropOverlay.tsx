import { ImportIcon } from './icons';

/** Shown while files or folders are dragged over the window: all of it is the drop target. */
export function DropOverlay() {
  return (
    <div className="drop-overlay">
      <div className="drop-overlay-card">
        <ImportIcon />
        <p className="drop-overlay-title">Drop to import</p>
        <p className="drop-overlay-hint">
          Files or whole folders: web pages, Word, PDF, EPUB, Markdown and plain text
        </p>
      </div>
    </div>
  );
}
