import { useEffect, useId, useRef, useState } from 'react';
import type { KeyboardEvent as ReactKeyboardEvent, ReactNode } from 'react';

/** One choice of a PickList. */
export interface PickOption {
  key: string;
  /** Read by assistive technology (the visible content may be richer). */
  label: string;
  content: ReactNode;
}

/** Options under a heading; a group without options is not shown. */
export interface PickGroup {
  heading: string | null;
  options: readonly PickOption[];
  /** Shown instead of the options when there are none (e.g. "Searching…"). */
  empty?: ReactNode;
}

/**
 * A text field that filters a list, as a combobox: type to filter, ↑/↓ to move, Enter (or a
 * click) to choose. The focus stays in the field; the highlighted option is announced through
 * aria-activedescendant. Used by the relation picker for types and for target annotations.
 */
export function PickList({
  label,
  placeholder,
  query,
  onQuery,
  groups,
  onPick,
  onKeyDown,
  status,
}: {
  label: string;
  placeholder: string;
  query: string;
  onQuery: (query: string) => void;
  groups: readonly PickGroup[];
  onPick: (key: string) => void;
  /** Keys the list does not handle (Backspace on an empty field, say). */
  onKeyDown?: (event: ReactKeyboardEvent<HTMLInputElement>) => void;
  /** A line under the list for counts and progress, announced politely. */
  status?: ReactNode;
}) {
  const id = useId();
  const options = groups.flatMap((g) => g.options);
  const [active, setActive] = useState(0);
  const inputRef = useRef<HTMLInputElement>(null);
  const keys = options.map((o) => o.key).join('\u0000');

  // A list that replaces another (the next step of a picker) takes the focus from it.
  useEffect(() => inputRef.current?.focus(), []);

  // A new list (the filter changed) starts from its first option.
  useEffect(() => setActive(0), [keys]);
  const current = options[Math.min(active, options.length - 1)];

  useEffect(() => {
    if (!current) return;
    document.getElementById(optionId(id, current.key))?.scrollIntoView({ block: 'nearest' });
  }, [id, current]);

  function onKey(event: ReactKeyboardEvent<HTMLInputElement>) {
    const last = options.length - 1;
    if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
      event.preventDefault();
      if (last < 0) return;
      const step = event.key === 'ArrowDown' ? 1 : -1;
      setActive((i) => (Math.min(i, last) + step + last + 1) % (last + 1));
    } else if (event.key === 'PageDown' || event.key === 'PageUp') {
      event.preventDefault();
      setActive((i) => Math.max(0, Math.min(last, i + (event.key === 'PageDown' ? 8 : -8))));
    } else if (event.key === 'Enter') {
      event.preventDefault();
      if (current) onPick(current.key);
    } else {
      onKeyDown?.(event);
    }
  }

  return (
    <div className="pick">
      <input
        ref={inputRef}
        type="text"
        className="input pick-input"
        role="combobox"
        aria-label={label}
        aria-expanded="true"
        aria-controls={`${id}-list`}
        aria-autocomplete="list"
        aria-activedescendant={current ? optionId(id, current.key) : undefined}
        placeholder={placeholder}
        value={query}
        autoComplete="off"
        spellCheck={false}
        data-autofocus
        onChange={(event) => onQuery(event.target.value)}
        onKeyDown={onKey}
      />
      <div id={`${id}-list`} className="pick-list" role="listbox" aria-label={label}>
        {groups.map((group, g) =>
          group.options.length === 0 && !group.empty ? null : (
            <div
              key={group.heading ?? g}
              role="group"
              aria-label={group.heading ?? undefined}
              className="pick-group"
            >
              {group.heading && (
                <div className="pick-heading" aria-hidden="true">
                  {group.heading}
                </div>
              )}
              {group.options.length === 0 && <div className="pick-empty">{group.empty}</div>}
              {group.options.map((option) => {
                const selected = option.key === current?.key;
                return (
                  <div
                    key={option.key}
                    id={optionId(id, option.key)}
                    role="option"
                    aria-selected={selected}
                    aria-label={option.label}
                    className={selected ? 'pick-option pick-option-active' : 'pick-option'}
                    // Keep the focus in the field: a click chooses without moving it.
                    onMouseDown={(event) => event.preventDefault()}
                    onMouseMove={() => !selected && setActive(options.indexOf(option))}
                    onClick={() => onPick(option.key)}
                  >
                    {option.content}
                  </div>
                );
              })}
            </div>
          ),
        )}
      </div>
      <p className="pick-status" role="status">
        {status}
      </p>
    </div>
  );
}

function optionId(listId: string, key: string): string {
  return `${listId}-o-${key.replace(/[^A-Za-z0-9_-]/g, '_')}`;
}
