/**
 * The entity picker: links a span (or an attribute) to a canonical entity. A combobox over the
 * registry — type any spelling, in any script — with the suggestions for the span's own text
 * first, and "Create “X” as new entity" when nothing fits. Keyboard: ↓/↑ move, Enter links,
 * Esc closes (a second Esc restores the field), Tab leaves.
 */
import { useCallback, useEffect, useId, useRef, useState } from 'react';
import type { KeyboardEvent as ReactKeyboardEvent } from 'react';
import type { EntityListItem, EntitySuggestion } from '../../core/api-entities';
import type { EntityKind } from '../../core/domain';
import { foldForSearch } from '../../core/fold';
import { errorMessage, useApp } from '../app-context';
import '../entities.css';
import { KIND_LABELS, matchLabel } from './entity-labels';
import { KindOptions } from './KindOptions';

export interface EntityPickerProps {
  /** The linked entity's id, or null. */
  value: string | null;
  onChange(entityId: string | null): void;
  /** Accessible name of the field, e.g. "Attributed to". */
  label: string;
  /** Text to suggest matches for (the span's quote), if any. */
  suggestFor?: string;
  /** The kind a newly created entity gets by default. */
  kind?: EntityKind;
}

type Option =
  | { type: 'entity'; id: string; name: string; kind: EntityKind; hint: string }
  | { type: 'create'; name: string };

/** Entities listed for a typed query. */
const RESULTS = 8;
const SEARCH_DELAY_MS = 120;

export function EntityPicker({ value, onChange, label, suggestFor, kind }: EntityPickerProps) {
  const { api, save, openEntities } = useApp();
  const listId = useId();
  const inputRef = useRef<HTMLInputElement>(null);
  const [linked, setLinked] = useState<EntityListItem | null>(null);
  const [text, setText] = useState('');
  const [editing, setEditing] = useState(false);
  const [open, setOpen] = useState(false);
  const [options, setOptions] = useState<Option[]>([]);
  const [active, setActive] = useState(0);
  const [newKind, setNewKind] = useState<EntityKind>(kind ?? 'other');
  const [suggestions, setSuggestions] = useState<EntitySuggestion[]>([]);
  const [error, setError] = useState<string | null>(null);
  const request = useRef(0);

  useEffect(() => setNewKind(kind ?? 'other'), [kind]);

  // The linked entity's name (a deleted one is still named, marked as such).
  useEffect(() => {
    if (!value) {
      setLinked(null);
      return;
    }
    let cancelled = false;
    api.listEntities({ ids: [value], includeDeleted: true }).then(
      ([found]) => !cancelled && setLinked(found ?? null),
      () => !cancelled && setLinked(null),
    );
    return () => {
      cancelled = true;
    };
  }, [api, value]);

  // Suggestions for the span's text, shown before anything is typed.
  useEffect(() => {
    const phrase = suggestFor?.trim();
    if (!phrase || value) {
      setSuggestions([]);
      return;
    }
    let cancelled = false;
    api.suggestEntities({ text: phrase.slice(0, 1200), kind }).then(
      (found) => !cancelled && setSuggestions(found),
      () => !cancelled && setSuggestions([]),
    );
    return () => {
      cancelled = true;
    };
  }, [api, suggestFor, kind, value]);

  const shownName = linked ? linked.name + (linked.deleted ? ' (deleted)' : '') : '';
  const fieldText = editing ? text : shownName;

  const search = useCallback(
    (query: string) => {
      const id = ++request.current;
      const trimmed = query.trim();
      const suggested: Option[] = suggestions.map((s) => ({
        type: 'entity',
        id: s.entity.id,
        name: s.entity.name,
        kind: s.entity.kind,
        hint: matchLabel(s),
      }));
      const creatable = trimmed || (suggestFor?.trim() ?? '');
      const createOption: Option[] = creatable ? [{ type: 'create', name: creatable }] : [];
      if (!trimmed) {
        setOptions([...suggested, ...createOption]);
        setActive(0);
        return;
      }
      api.listEntities({ query: trimmed }).then(
        (found) => {
          if (id !== request.current) return;
          const results: Option[] = found.slice(0, RESULTS).map((e) => ({
            type: 'entity',
            id: e.id,
            name: e.name,
            kind: e.kind,
            hint: aliasHint(e, trimmed),
          }));
          // Creating is offered unless an entity already has exactly this name.
          const exists = found.some((e) => foldForSearch(e.name) === foldForSearch(trimmed));
          setOptions([...results, ...(exists ? [] : createOption)]);
          setActive(0);
        },
        (e: unknown) => id === request.current && setError(errorMessage(e)),
      );
    },
    [api, suggestions, suggestFor],
  );

  useEffect(() => {
    if (!open) return;
    const timer = setTimeout(() => search(editing ? text : ''), editing ? SEARCH_DELAY_MS : 0);
    return () => clearTimeout(timer);
  }, [open, editing, text, search]);

  function close(restore: boolean) {
    setOpen(false);
    request.current++;
    if (restore) setEditing(false);
  }

  async function choose(option: Option) {
    close(true);
    setError(null);
    if (option.type === 'entity') {
      if (option.id !== value) onChange(option.id);
      return;
    }
    const aliases =
      suggestFor && foldForSearch(suggestFor.trim()) !== foldForSearch(option.name)
        ? [suggestFor.trim()]
        : [];
    try {
      const created = await save(
        () => api.createEntity({ name: option.name, kind: newKind, aliases }),
        `Created “${option.name}”`,
      );
      onChange(created.id);
    } catch (e) {
      setError(errorMessage(e));
    }
  }

  function onKeyDown(event: ReactKeyboardEvent<HTMLInputElement>) {
    if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
      event.preventDefault();
      if (!open) {
        setOpen(true);
        return;
      }
      const step = event.key === 'ArrowDown' ? 1 : -1;
      setActive((i) => (options.length ? (i + step + options.length) % options.length : 0));
    } else if (event.key === 'Enter' && open && options[active]) {
      event.preventDefault();
      event.stopPropagation();
      void choose(options[active]);
    } else if (event.key === 'Escape') {
      if (open || editing) {
        // Only this field's Escape: a surrounding dialog or panel stays open.
        event.preventDefault();
        event.stopPropagation();
      }
      if (open) close(false);
      else setEditing(false);
    }
  }

  const activeId = open && options[active] ? `${listId}-${active}` : undefined;
  return (
    <div
      className="entity-picker"
      onBlur={(event) => {
        if (!event.currentTarget.contains(event.relatedTarget as Node | null)) close(true);
      }}
    >
      <div className="entity-picker-field">
        <input
          ref={inputRef}
          className="input entity-picker-input"
          role="combobox"
          aria-label={label}
          aria-expanded={open}
          aria-controls={listId}
          aria-autocomplete="list"
          aria-activedescendant={activeId}
          placeholder={
            suggestions.length
              ? 'Choose a suggestion, search or create…'
              : 'Search or create an entity…'
          }
          value={fieldText}
          spellCheck={false}
          onChange={(event) => {
            setEditing(true);
            setText(event.target.value);
            setOpen(true);
          }}
          onFocus={(event) => event.target.select()}
          onClick={() => setOpen(true)}
          onKeyDown={onKeyDown}
        />
        {linked && (
          <span className="entity-picker-kind" title={`Kind: ${KIND_LABELS[linked.kind]}`}>
            {KIND_LABELS[linked.kind]}
          </span>
        )}
        {value && (
          <>
            <button
              type="button"
              className="icon-button"
              aria-label={`Open the entity page of ${shownName || 'the linked entity'}`}
              title="Open the entity page"
              onClick={() => openEntities(value)}
            >
              ↗
            </button>
            <button
              type="button"
              className="icon-button"
              aria-label={`Unlink ${label}`}
              title="Unlink"
              onClick={() => {
                close(true);
                onChange(null);
              }}
            >
              ×
            </button>
          </>
        )}
      </div>
      {!open && !value && suggestions.length > 0 && (
        <div
          className="entity-picker-suggestions"
          role="group"
          aria-label={`Suggested for ${label}`}
        >
          {suggestions.slice(0, 3).map((s) => (
            <button
              key={s.entity.id}
              type="button"
              className="entity-chip"
              aria-label={`Link ${s.entity.name} (${matchLabel(s)})`}
              title={matchLabel(s)}
              onClick={() => {
                // The chips go once a link is made: keep the focus in the field, not lost.
                inputRef.current?.focus();
                void choose({
                  type: 'entity',
                  id: s.entity.id,
                  name: s.entity.name,
                  kind: s.entity.kind,
                  hint: '',
                });
              }}
            >
              {s.entity.name}
              <span className="entity-chip-hint">{matchLabel(s)}</span>
            </button>
          ))}
        </div>
      )}
      {open && (
        <div className="entity-picker-popup">
          <ul
            id={listId}
            role="listbox"
            aria-label={`${label}: entities`}
            className="entity-options"
          >
            {options.length === 0 && (
              <li className="entity-option-empty muted" role="presentation">
                Type a name to search the registry.
              </li>
            )}
            {options.map((option, i) => (
              <li
                key={option.type === 'entity' ? option.id : `create-${option.name}`}
                id={`${listId}-${i}`}
                role="option"
                aria-selected={i === active}
                className={i === active ? 'entity-option entity-option-active' : 'entity-option'}
                // Keep the focus in the field: the click chooses.
                onMouseDown={(event) => event.preventDefault()}
                onMouseEnter={() => setActive(i)}
                onClick={() => void choose(option)}
              >
                {option.type === 'entity' ? (
                  <>
                    <span className="entity-option-name">{option.name}</span>
                    <span className="entity-option-hint">
                      {KIND_LABELS[option.kind]}
                      {option.hint && ` · ${option.hint}`}
                    </span>
                  </>
                ) : (
                  <span className="entity-option-name">
                    Create “{option.name}” as new {KIND_LABELS[newKind].toLowerCase()}
                  </span>
                )}
              </li>
            ))}
          </ul>
          <label className="entity-picker-newkind">
            <span>Kind of a new entity</span>
            <select
              className="select"
              value={newKind}
              onChange={(event) => setNewKind(event.target.value as EntityKind)}
            >
              <KindOptions />
            </select>
          </label>
        </div>
      )}
      {error && (
        <p role="alert" className="form-error">
          {error}
        </p>
      )}
    </div>
  );
}

/** The alias a typed query matched, when it was not the entity's name. */
function aliasHint(entity: EntityListItem, query: string): string {
  const needle = foldForSearch(query);
  if (foldForSearch(entity.name).includes(needle)) return '';
  const alias = entity.aliases.find((a) => foldForSearch(a).includes(needle));
  return alias ? `also “${alias}”` : entity.mentionCount ? `${entity.mentionCount} mentions` : '';
}
