import { ImportIcon } from './icons';

/** Shown while files are dragged over the window: the whole window is the drop target. */
export function DropOverlay() {
  return (
    <div className="drop-overlay">
      <div className="drop-overlay-card">
        <ImportIcon />
        <p className="drop-overlay-title">Drop to import</p>
        <p className="drop-overlay-hint">Plain text (.txt) and Markdown (.md) articles</p>
      </div>
    </div>
  );
}
