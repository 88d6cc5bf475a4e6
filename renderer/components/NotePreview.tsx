import '../memos.css';
import { markdownToPlainText, renderMarkdownInline, renderMarkdownLite } from '../markdown-lite';

/** Whether a note uses any formatting worth showing rendered beside its raw text. */
const FORMATTED = /[*_]\S|\[[^\]]+\]\(|https?:\/\/|^\s*(?:[-*+]|\d{1,9}[.)])\s/m;

/**
 * An annotation's note as formatted text (the memos' small Markdown), under the note field of
 * the active card, only when the note has formatting — plain notes are already readable there.
 */
export function NotePreview({ note }: { note: string }) {
  if (!note.trim() || !FORMATTED.test(note)) return null;
  return (
    <div className="md note-preview" aria-label="Note, formatted">
      {renderMarkdownLite(note)}
    </div>
  );
}

/**
 * The note of an inactive card, on one or two lines: formatted, but without links, because the
 * card is a button and a link cannot sit inside one.
 */
export function NoteLine({ note }: { note: string }) {
  return (
    <span className="card-note" title={markdownToPlainText(note).slice(0, 500)}>
      {renderMarkdownInline(note, { links: false })}
    </span>
  );
}
