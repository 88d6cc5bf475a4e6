/**
 * One input per attribute type, compact enough for the side panel, each fully usable with the
 * keyboard. Every field reports a finished value through `onChange` (null: no value); text
 * fields report on Enter or when they lose the focus, choices at once.
 */
import { useEffect, useRef, useState } from 'react';
import type { KeyboardEvent as ReactKeyboardEvent } from 'react';
import { checkAttributeValue } from '../../core/attributes';
import type { AttributeDef, AttributeValue } from '../../core/domain';
import { isCommand } from '../hooks';

export interface FieldProps {
  def: AttributeDef;
  value: AttributeValue | undefined;
  /** The field's id, for its label. */
  id: string;
  onChange(value: AttributeValue | null): void;
}

/** Choices short enough (A–F, 1–6) to show as a row of keys rather than a menu. */
export function isQuickChoice(def: AttributeDef): boolean {
  return (
    def.type === 'choice' &&
    def.choices.length > 0 &&
    def.choices.length <= 8 &&
    def.choices.every((c) => Array.from(c.value).length <= 2)
  );
}

/**
 * A row of keys (radio group): Tab into it, then type a choice's value ("B", "2") or use the
 * arrows; Delete or Backspace clears. The chosen value's label is written beside it.
 */
export function QuickChoice({ def, value, id, onChange }: FieldProps) {
  const selected = typeof value === 'string' ? value : null;
  const refs = useRef<(HTMLButtonElement | null)[]>([]);
  const index = def.choices.findIndex((c) => c.value === selected);
  const focusable = index >= 0 ? index : 0;

  function choose(i: number) {
    const choice = def.choices[i];
    if (!choice) return;
    refs.current[i]?.focus();
    if (choice.value !== selected) onChange(choice.value);
  }

  function onKeyDown(event: ReactKeyboardEvent) {
    if (event.ctrlKey || event.metaKey || event.altKey) return;
    const current = refs.current.findIndex((el) => el === document.activeElement);
    const at = current >= 0 ? current : focusable;
    const n = def.choices.length;
    let handled = true;
    if (event.key === 'ArrowRight' || event.key === 'ArrowDown') choose((at + 1) % n);
    else if (event.key === 'ArrowLeft' || event.key === 'ArrowUp') choose((at - 1 + n) % n);
    else if (event.key === 'Home') choose(0);
    else if (event.key === 'End') choose(n - 1);
    else if (event.key === 'Delete' || event.key === 'Backspace') {
      if (selected !== null) onChange(null);
    } else if (event.key.length === 1) {
      const typed = event.key.toLowerCase();
      const match = def.choices.findIndex((c) => c.value.toLowerCase().startsWith(typed));
      if (match >= 0) choose(match);
      else handled = false;
    } else handled = false;
    if (handled) {
      event.preventDefault();
      event.stopPropagation();
    }
  }

  const label = index >= 0 ? def.choices[index]!.label : '';
  const description = label.replace(/^\S+\s*[—-]\s*/, '');
  return (
    <div className="attr-quick">
      <div
        role="radiogroup"
        id={id}
        aria-labelledby={`${id}-label`}
        className="attr-keys"
        onKeyDown={onKeyDown}
      >
        {def.choices.map((choice, i) => (
          <button
            key={choice.value}
            ref={(el) => {
              refs.current[i] = el;
            }}
            type="button"
            role="radio"
            aria-checked={choice.value === selected}
            aria-label={choice.label}
            title={choice.label}
            tabIndex={i === focusable ? 0 : -1}
            className="attr-key"
            onClick={() => (choice.value === selected ? onChange(null) : choose(i))}
          >
            {choice.value}
          </button>
        ))}
      </div>
      {description && <span className="attr-quick-label">{description}</span>}
    </div>
  );
}

/** A single choice from a menu, with "—" for none. */
export function ChoiceSelect({ def, value, id, onChange }: FieldProps) {
  return (
    <select
      id={id}
      className="select attr-select"
      value={typeof value === 'string' ? value : ''}
      onChange={(event) => onChange(event.target.value === '' ? null : event.target.value)}
    >
      <option value="">—</option>
      {def.choices.map((c) => (
        <option key={c.value} value={c.value}>
          {c.label}
        </option>
      ))}
      {typeof value === 'string' && value && !def.choices.some((c) => c.value === value) && (
        // A value whose choice was removed from the codebook stays visible until changed.
        <option value={value}>{value} (no longer a choice)</option>
      )}
    </select>
  );
}

/** Several choices: one toggle each (Space toggles, Tab moves on). */
export function MultiChoice({ def, value, id, onChange }: FieldProps) {
  const picked = Array.isArray(value) ? value : [];
  const toggle = (choice: string) => {
    const next = picked.includes(choice) ? picked.filter((v) => v !== choice) : [...picked, choice];
    onChange(next.length ? def.choices.map((c) => c.value).filter((v) => next.includes(v)) : null);
  };
  return (
    <div role="group" id={id} aria-labelledby={`${id}-label`} className="attr-multi">
      {def.choices.map((c) => (
        <button
          key={c.value}
          type="button"
          className="attr-toggle"
          aria-pressed={picked.includes(c.value)}
          onClick={() => toggle(c.value)}
        >
          {c.label}
        </button>
      ))}
    </div>
  );
}

export function BooleanField({ def, value, id, onChange }: FieldProps) {
  return (
    <input
      id={id}
      type="checkbox"
      className="attr-check"
      checked={value === true}
      title={def.description || def.name}
      onChange={(event) => onChange(event.target.checked)}
    />
  );
}

/**
 * Text, long text, number or date typed into a field: saved on Enter (Ctrl+Enter in long text),
 * on leaving the field; Escape puts the stored value back. An invalid value (a date such as
 * "24.02.2022") is explained under the field and not saved.
 */
export function TypedField({ def, value, id, onChange }: FieldProps) {
  const stored = value === undefined ? '' : String(value);
  const [draft, setDraft] = useState(stored);
  const [error, setError] = useState<string | null>(null);
  const editing = useRef(false);

  useEffect(() => {
    // Follow the stored value (an undo, say) unless the user is typing.
    if (!editing.current) setDraft(stored);
  }, [stored]);

  function commit() {
    editing.current = false;
    if (draft === stored) return setError(null);
    const raw: unknown = def.type === 'number' ? parseNumber(draft) : draft;
    if (raw === undefined) return setError(`"${def.name}" takes a number, e.g. 12 or 3.5.`);
    const check = checkAttributeValue(def, raw);
    if (!check.ok) return setError(check.message);
    setError(null);
    onChange(check.value);
  }

  function onKeyDown(event: ReactKeyboardEvent<HTMLInputElement | HTMLTextAreaElement>) {
    const long = def.type === 'long_text';
    if (event.key === 'Enter' && (!long || isCommand(event.nativeEvent))) {
      event.preventDefault();
      commit();
    } else if (event.key === 'Escape' && draft !== stored) {
      // Only the field's own Escape: a second one reaches the dialog or the reader.
      event.preventDefault();
      event.stopPropagation();
      editing.current = false;
      setDraft(stored);
      setError(null);
    }
  }

  const common = {
    id,
    value: draft,
    'aria-invalid': error ? true : undefined,
    'aria-describedby': error ? `${id}-error` : undefined,
    onChange: (event: { target: { value: string } }) => {
      editing.current = true;
      setDraft(event.target.value);
    },
    onBlur: commit,
    onKeyDown,
  };
  return (
    <div className="attr-typed">
      {def.type === 'long_text' ? (
        <textarea {...common} className="textarea attr-textarea" rows={2} />
      ) : (
        <input
          {...common}
          className="input attr-input"
          inputMode={def.type === 'number' ? 'decimal' : undefined}
          placeholder={placeholder(def)}
          spellCheck={def.type === 'text'}
        />
      )}
      {error && (
        <span id={`${id}-error`} role="alert" className="attr-error">
          {error}
        </span>
      )}
    </div>
  );
}

function placeholder(def: AttributeDef): string | undefined {
  if (def.type === 'date') return 'YYYY, YYYY-MM or YYYY-MM-DD';
  if (def.type === 'number') return '0';
  return undefined;
}

/** A number as typed (a comma as decimal mark too); '' is no value; undefined if not a number. */
function parseNumber(text: string): number | null | undefined {
  const trimmed = text.trim().replace(',', '.');
  if (trimmed === '') return null;
  const number = Number(trimmed);
  return Number.isFinite(number) ? number : undefined;
}
