/**
 * The selected tag's own settings in the codebook dialog: name, colour, hotkey, description,
 * then its attributes. Each field saves when it is finished (Enter, leaving it, a key pressed in
 * the hotkey field), as one undoable step; a refusal (a hotkey in use) is written under it.
 */
import { useEffect, useId, useRef, useState } from 'react';
import type { KeyboardEvent as ReactKeyboardEvent } from 'react';
import { hotkeyProblem, hotkeyTakenMessage } from '../../core/codebook-rules';
import type { Tag } from '../../core/domain';
import { errorMessage, useApp } from '../app-context';
import { updateTag } from '../codebook-actions';
import { tagPathLabel } from '../tags';
import { AttributeDefsEditor } from './AttributeDefsEditor';

/** Colours that stay apart from each other and read on both themes. */
const PALETTE = [
  '#e6a700',
  '#d9682b',
  '#c2459a',
  '#8a5cd0',
  '#2f7fd8',
  '#1b9e9e',
  '#4a8f3c',
  '#8f8a2a',
  '#5b7390',
  '#a0522d',
];

type Run = <T>(action: () => Promise<T>, done?: string) => Promise<T | undefined>;

export function TagDetails({ tag, run }: { tag: Tag; run: Run }) {
  const { api, tags, tagById } = useApp();
  const id = useId();
  const [errors, setErrors] = useState<Partial<Record<'name' | 'hotkey' | 'color', string>>>({});

  // Field errors belong to the tag they were made on.
  useEffect(() => setErrors({}), [tag.id]);

  async function save(field: 'name' | 'color' | 'hotkey' | 'description', patch: Partial<Tag>) {
    try {
      await updateTag(api, tag, patch);
      setErrors((e) => ({ ...e, [field]: undefined }));
      await run(async () => undefined, 'Saved');
    } catch (error) {
      setErrors((e) => ({ ...e, [field]: errorMessage(error) }));
    }
  }

  function onHotkeyKey(event: ReactKeyboardEvent<HTMLInputElement>) {
    if (event.key === 'Tab' || event.key === 'Escape') return;
    if (event.ctrlKey || event.metaKey || event.altKey) return;
    event.preventDefault();
    if (event.key === 'Backspace' || event.key === 'Delete') {
      if (tag.hotkey) void save('hotkey', { hotkey: null });
      return;
    }
    if (event.key.length !== 1) return;
    const key = event.key.toLowerCase();
    if (key === tag.hotkey) return;
    // Said at once, before asking the service (which checks again).
    const problem = hotkeyProblem(key);
    const holder = tags.find((t) => t.hotkey === key && t.id !== tag.id);
    if (problem || holder) {
      setErrors((e) => ({ ...e, hotkey: problem ?? hotkeyTakenMessage(key, holder!) }));
      return;
    }
    void save('hotkey', { hotkey: key });
  }

  const chosen = PALETTE.indexOf(tag.color.toLowerCase());
  const paletteStop = chosen >= 0 ? chosen : 0;

  function onColourKey(event: ReactKeyboardEvent<HTMLDivElement>) {
    const step = { ArrowRight: 1, ArrowDown: 1, ArrowLeft: -1, ArrowUp: -1 }[event.key];
    if (!step) return;
    const swatches = Array.from(event.currentTarget.querySelectorAll<HTMLElement>('.cb-colour'));
    const at = swatches.indexOf(document.activeElement as HTMLElement);
    if (at < 0) return;
    event.preventDefault();
    // Moving does not save: a colour is a step of the history, made only when chosen.
    swatches[(at + step + swatches.length) % swatches.length]?.focus();
  }

  return (
    <section className="cb-details" aria-labelledby={`${id}-heading`}>
      <h3 id={`${id}-heading`} className="cb-heading">
        {tagPathLabel(tag, tagById)}
      </h3>
      <div className="cb-fields">
        <label className="field-label" htmlFor={`${id}-name`}>
          Name
        </label>
        <CommitInput
          id={`${id}-name`}
          value={tag.name}
          error={errors.name}
          onCommit={(name) => name.trim() && void save('name', { name })}
          dataRole="tag-name"
        />
        <span className="field-label" id={`${id}-colour`}>
          Colour
        </span>
        <div
          className="cb-colours"
          role="radiogroup"
          aria-labelledby={`${id}-colour`}
          onKeyDown={onColourKey}
        >
          {PALETTE.map((color, i) => (
            <button
              key={color}
              type="button"
              role="radio"
              aria-checked={tag.color.toLowerCase() === color}
              aria-label={color}
              // One stop in the Tab order for the whole palette (the chosen colour, else the
              // first); the arrows move between them and Space or Enter chooses.
              tabIndex={i === paletteStop ? 0 : -1}
              className="cb-colour"
              style={{ background: color }}
              onClick={() => void save('color', { color })}
            />
          ))}
          <CommitInput
            id={`${id}-hex`}
            label="Colour as #rrggbb"
            value={tag.color}
            error={errors.color}
            className="cb-hex"
            onCommit={(color) => {
              const hex = color.trim().toLowerCase();
              if (/^#[0-9a-f]{6}$/.test(hex)) void save('color', { color: hex });
              else
                setErrors((e) => ({ ...e, color: 'A colour is written #rrggbb, e.g. #2f7fd8.' }));
            }}
          />
        </div>
        <label className="field-label" htmlFor={`${id}-hotkey`}>
          Hotkey
        </label>
        <div className="cb-hotkey">
          <input
            id={`${id}-hotkey`}
            className="input cb-hotkey-input"
            value={tag.hotkey ? tag.hotkey.toUpperCase() : ''}
            placeholder="—"
            readOnly
            aria-describedby={`${id}-hotkey-hint${errors.hotkey ? ` ${id}-hotkey-error` : ''}`}
            aria-invalid={errors.hotkey ? true : undefined}
            onKeyDown={onHotkeyKey}
          />
          <span id={`${id}-hotkey-hint`} className="muted cb-hint">
            Press a letter or digit; Delete removes it. N is kept for notes.
          </span>
          {errors.hotkey && (
            <span id={`${id}-hotkey-error`} role="alert" className="attr-error">
              {errors.hotkey}
            </span>
          )}
        </div>
        <label className="field-label" htmlFor={`${id}-description`}>
          Description
        </label>
        <CommitInput
          id={`${id}-description`}
          value={tag.description}
          multiline
          onCommit={(description) => void save('description', { description })}
        />
      </div>
      <AttributeDefsEditor tag={tag} run={run} />
    </section>
  );
}

/** An input that reports its value on Enter (Ctrl+Enter when multiline) or on blur. */
export function CommitInput({
  id,
  value,
  onCommit,
  error,
  label,
  multiline,
  className,
  dataRole,
}: {
  id: string;
  value: string;
  onCommit(value: string): void;
  error?: string;
  label?: string;
  multiline?: boolean;
  className?: string;
  dataRole?: string;
}) {
  const [draft, setDraft] = useState(value);
  const dirty = useRef(false);
  useEffect(() => {
    dirty.current = false;
    setDraft(value);
  }, [value]);

  const commit = () => {
    if (!dirty.current) return;
    dirty.current = false;
    if (draft !== value) onCommit(draft);
  };
  const common = {
    id,
    value: draft,
    'aria-label': label,
    'aria-invalid': error ? true : undefined,
    'aria-describedby': error ? `${id}-error` : undefined,
    'data-role': dataRole,
    onChange: (event: { target: { value: string } }) => {
      dirty.current = true;
      setDraft(event.target.value);
    },
    onBlur: commit,
    onKeyDown: (event: ReactKeyboardEvent) => {
      if (event.key === 'Enter' && (!multiline || event.ctrlKey || event.metaKey)) {
        event.preventDefault();
        commit();
      } else if (event.key === 'Escape' && draft !== value) {
        event.preventDefault();
        event.stopPropagation();
        dirty.current = false;
        setDraft(value);
      }
    },
  };
  return (
    <div className={`cb-input ${className ?? ''}`}>
      {multiline ? (
        <textarea {...common} className="textarea" rows={2} />
      ) : (
        <input {...common} className="input" />
      )}
      {error && (
        <span id={`${id}-error`} role="alert" className="attr-error">
          {error}
        </span>
      )}
    </div>
  );
}
