import { memo, useEffect, useRef, useState } from 'react';
import type { KeyboardEvent as ReactKeyboardEvent } from 'react';
import type { Annotation } from '../../core/domain';
import { useApp } from '../app-context';
import { isCommand } from '../hooks';
import type { ReaderSession } from '../reader-session';
import { AttributeEditor, AttributeSummary } from './AttributeEditor';
import { TrashIcon } from './icons';
import { NoteLine, NotePreview } from './NotePreview';
import { RelationsSection, RelationSummary } from './RelationsSection';
import { TagSwatch } from './TagSwatch';

/** A note is saved this long after the last keystroke (and at once on blur or Ctrl+Enter). */
const NOTE_DEBOUNCE_MS = 700;

/** The longest quote a card shows, in characters (the CSS clamps it to three lines too). */
const QUOTE_CHARS = 240;

/**
 * One annotation in the side panel: its tag, quote and note. The active card also shows its
 * editor — tag, note and delete — so that there is only ever one "Note" field on the page.
 */
export const AnnotationCard = memo(function AnnotationCard({
  id,
  annotation: a,
  active,
  onChoose,
  session,
  posInSet,
  setSize,
}: {
  id: string;
  annotation: Annotation;
  active: boolean;
  onChoose: (id: string) => void;
  session: ReaderSession;
  /** The card's position in the whole list, from 1, and the list's length (the panel renders
   * only part of a long list, so assistive technology is told these outright). */
  posInSet: number;
  setSize: number;
}) {
  const { tags, tagById } = useApp();
  const tag = tagById.get(a.tagId);
  const itemRef = useRef<HTMLLIElement>(null);
  const quote = truncate(a.exact.replace(/\s+/g, ' ').trim(), QUOTE_CHARS);
  const tagName = tag?.name ?? 'Unknown tag';

  function remove() {
    // Focus moves on to the neighbouring card, so the keyboard user is not dropped to the top.
    const item = itemRef.current;
    const neighbour = item && (neighbourCard(item, 'next') ?? neighbourCard(item, 'previous'));
    session.remove(a.id);
    neighbour?.focus();
  }

  return (
    <li
      ref={itemRef}
      id={id}
      className={active ? 'card card-active' : 'card'}
      data-annotation-id={a.id}
      aria-posinset={posInSet}
      aria-setsize={setSize}
    >
      <button
        type="button"
        className="card-main"
        aria-current={active ? 'true' : undefined}
        aria-label={`${tagName}: ${truncate(quote, 80)}`}
        onClick={() => onChoose(a.id)}
      >
        <span className="card-tag">
          <TagSwatch color={tag?.color ?? '#888888'} />
          {tagName}
          <AttributeSummary annotation={a} />
        </span>
        <span className="card-quote">{quote}</span>
        {a.note && !active && <NoteLine note={truncate(a.note, 160)} />}
        {!active && <RelationSummary session={session} annotationId={a.id} />}
      </button>
      {active && (
        <div className="card-editor">
          <div className="field-row">
            <label htmlFor="annotation-tag" className="field-label">
              Tag
            </label>
            <select
              id="annotation-tag"
              className="select"
              value={a.tagId}
              onChange={(event) => session.setTag(a.id, event.target.value)}
            >
              {tags.map((t) => (
                <option key={t.id} value={t.id}>
                  {t.parentId ? `\u2003${t.name}` : t.name}
                </option>
              ))}
            </select>
          </div>
          <AttributeEditor annotation={a} session={session} />
          <NoteEditor annotation={a} session={session} />
          <NotePreview note={a.note} />
          <RelationsSection
            session={session}
            annotationId={a.id}
            documentId={a.documentId}
            onChoose={onChoose}
          />
          <div className="card-actions">
            <button
              type="button"
              className="button button-small button-danger-ghost"
              onClick={remove}
            >
              <TrashIcon />
              Delete annotation
            </button>
          </div>
        </div>
      )}
    </li>
  );
});

/**
 * The note of the active annotation. Saved on blur, on Ctrl/Cmd+Enter, and a moment after typing
 * stops; the saves of one editing session undo as a single step.
 */
function NoteEditor({ annotation, session }: { annotation: Annotation; session: ReaderSession }) {
  const [draft, setDraft] = useState(annotation.note);
  const draftRef = useRef(draft);
  const dirty = useRef(false);
  const editSession = useRef(newEditSession());
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  const commitRef = useRef<() => void>(() => undefined);

  commitRef.current = () => {
    clearTimeout(timer.current);
    if (!dirty.current) return;
    dirty.current = false;
    void session.saveNote(annotation.id, draftRef.current, editSession.current);
  };

  useEffect(() => {
    // Follow the stored note (after an undo, say) unless the user is in the middle of typing.
    if (!dirty.current) {
      draftRef.current = annotation.note;
      setDraft(annotation.note);
    }
  }, [annotation.note]);

  // Leaving the card (another one becomes active) saves what was typed.
  useEffect(() => () => commitRef.current(), []);

  function onKeyDown(event: ReactKeyboardEvent<HTMLTextAreaElement>) {
    if (event.key === 'Enter' && isCommand(event.nativeEvent)) {
      event.preventDefault();
      commitRef.current();
    }
  }

  return (
    <div className="field-stack">
      <label htmlFor="annotation-note" className="field-label">
        Note
      </label>
      <textarea
        id="annotation-note"
        className="textarea"
        rows={3}
        value={draft}
        placeholder="Why this matters, who said it, how credible…"
        onChange={(event) => {
          draftRef.current = event.target.value;
          setDraft(event.target.value);
          dirty.current = true;
          clearTimeout(timer.current);
          timer.current = setTimeout(() => commitRef.current(), NOTE_DEBOUNCE_MS);
        }}
        onBlur={() => {
          commitRef.current();
          editSession.current = newEditSession();
        }}
        onKeyDown={onKeyDown}
      />
    </div>
  );
}

let editSessions = 0;
function newEditSession(): string {
  return `note-${++editSessions}`;
}

/** The main button of the nearest rendered card before or after `item` (spacers skipped). */
function neighbourCard(item: HTMLElement, direction: 'next' | 'previous'): HTMLElement | null {
  let sibling = direction === 'next' ? item.nextElementSibling : item.previousElementSibling;
  while (sibling) {
    const main = sibling.querySelector<HTMLElement>('.card-main');
    if (main) return main;
    sibling = direction === 'next' ? sibling.nextElementSibling : sibling.previousElementSibling;
  }
  return null;
}

/** Shortens text to at most `max` characters (code points, never half an emoji), with "…". */
function truncate(text: string, max: number): string {
  const chars = Array.from(text);
  return chars.length <= max ? text : `${chars.slice(0, max - 1).join('')}…`;
}
