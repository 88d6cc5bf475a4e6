/**
 * The editable details of an entity: name, kind, aliases (one per line), description and
 * external ids. Nothing is written until Save (or Ctrl+Enter); Esc puts the stored values back.
 */
import { useId, useMemo, useState } from 'react';
import type { KeyboardEvent as ReactKeyboardEvent } from 'react';
import type { ApiArgs } from '../../core/api';
import { EXTERNAL_ID_FORMATS } from '../../core/api-entities';
import type { Entity, EntityKind } from '../../core/domain';
import { isCommand } from '../hooks';
import { externalIdUrl, KNOWN_EXTERNAL_IDS } from './entity-labels';
import { KindOptions } from './KindOptions';

type Patch = Omit<ApiArgs['updateEntity'], 'id'>;

interface ExternalRow {
  key: string;
  value: string;
}

export function EntityForm({
  entity,
  onSave,
}: {
  entity: Entity;
  onSave: (patch: Patch) => Promise<void>;
}) {
  const [name, setName] = useState(entity.name);
  const [kind, setKind] = useState<EntityKind>(entity.kind);
  const [aliases, setAliases] = useState(entity.aliases.join('\n'));
  const [description, setDescription] = useState(entity.description);
  const [external, setExternal] = useState<ExternalRow[]>(() =>
    Object.entries(entity.externalIds).map(([key, value]) => ({ key, value })),
  );
  const [busy, setBusy] = useState(false);
  const ids = useId();
  const keysList = `${ids}-keys`;

  const externalProblems = useMemo(() => external.map(externalProblem), [external]);
  const patch = useMemo((): Patch => {
    const changes: Patch = {};
    if (name.trim() !== entity.name) changes.name = name.trim();
    if (kind !== entity.kind) changes.kind = kind;
    const aliasList = aliases
      .split('\n')
      .map((a) => a.trim())
      .filter(Boolean);
    if (aliasList.join('\n') !== entity.aliases.join('\n')) changes.aliases = aliasList;
    if (description !== entity.description) changes.description = description;
    const externalIds = Object.fromEntries(
      external
        .filter((r) => r.key.trim() && r.value.trim())
        .map((r) => [r.key.trim(), r.value.trim()]),
    );
    if (JSON.stringify(externalIds) !== JSON.stringify(entity.externalIds))
      changes.externalIds = externalIds;
    return changes;
  }, [name, kind, aliases, description, external, entity]);

  const dirty = Object.keys(patch).length > 0;
  const invalid = !name.trim() || externalProblems.some(Boolean);

  function revert() {
    setName(entity.name);
    setKind(entity.kind);
    setAliases(entity.aliases.join('\n'));
    setDescription(entity.description);
    setExternal(Object.entries(entity.externalIds).map(([key, value]) => ({ key, value })));
  }

  async function submit() {
    if (!dirty || invalid || busy) return;
    setBusy(true);
    try {
      await onSave(patch);
    } finally {
      setBusy(false);
    }
  }

  function onKeyDown(event: ReactKeyboardEvent) {
    if (event.key === 'Enter' && isCommand(event.nativeEvent)) {
      event.preventDefault();
      void submit();
    } else if (event.key === 'Escape' && dirty) {
      event.preventDefault();
      revert();
    }
  }

  const setRow = (i: number, row: Partial<ExternalRow>) =>
    setExternal((rows) => rows.map((r, j) => (j === i ? { ...r, ...row } : r)));

  return (
    <form
      className="entity-form"
      aria-label="Entity details"
      onSubmit={(event) => {
        event.preventDefault();
        void submit();
      }}
      onKeyDown={onKeyDown}
    >
      <div className="entity-form-grid">
        <label className="field-stack">
          <span className="field-label">Name</span>
          <input className="input" value={name} onChange={(e) => setName(e.target.value)} />
        </label>
        <label className="field-stack">
          <span className="field-label">Kind</span>
          <select
            className="select"
            value={kind}
            onChange={(e) => setKind(e.target.value as EntityKind)}
          >
            <KindOptions />
          </select>
        </label>
      </div>
      <label className="field-stack">
        <span className="field-label">Aliases — other spellings and names, one per line</span>
        <textarea
          className="textarea"
          rows={Math.min(8, Math.max(2, entity.aliases.length + 1))}
          value={aliases}
          onChange={(e) => setAliases(e.target.value)}
        />
      </label>
      <label className="field-stack">
        <span className="field-label">Description</span>
        <textarea
          className="textarea"
          rows={2}
          value={description}
          onChange={(e) => setDescription(e.target.value)}
        />
      </label>
      <fieldset className="entity-external">
        <legend className="field-label">External ids</legend>
        <datalist id={keysList}>
          {KNOWN_EXTERNAL_IDS.map((k) => (
            <option key={k.key} value={k.key} />
          ))}
        </datalist>
        {external.map((row, i) => {
          const url = externalIdUrl(row.key.trim(), row.value.trim());
          const problem = externalProblems[i];
          return (
            <div key={i} className="entity-external-row">
              <input
                className="input"
                aria-label={`Registry of external id ${i + 1}`}
                placeholder="wikidata"
                list={keysList}
                value={row.key}
                onChange={(e) => setRow(i, { key: e.target.value.toLowerCase() })}
              />
              <input
                className="input"
                aria-label={`External id ${i + 1}${row.key ? ` (${row.key})` : ''}`}
                aria-invalid={problem ? true : undefined}
                placeholder={EXTERNAL_ID_FORMATS[row.key.trim()]?.example ?? 'Identifier'}
                value={row.value}
                onChange={(e) => setRow(i, { value: e.target.value })}
              />
              {url && !problem ? (
                <a
                  className="entity-external-link"
                  href={url}
                  target="_blank"
                  rel="noreferrer noopener"
                >
                  View
                </a>
              ) : (
                <span />
              )}
              <button
                type="button"
                className="icon-button"
                aria-label={`Remove external id ${i + 1}`}
                onClick={() => setExternal((rows) => rows.filter((_, j) => j !== i))}
              >
                ×
              </button>
              {problem && (
                <p className="entity-field-error" role="alert">
                  {problem}
                </p>
              )}
            </div>
          );
        })}
        <button
          type="button"
          className="button button-small button-ghost"
          onClick={() =>
            setExternal((rows) => [
              ...rows,
              { key: rows.some((r) => r.key === 'wikidata') ? '' : 'wikidata', value: '' },
            ])
          }
        >
          Add external id
        </button>
      </fieldset>
      <div className="entity-form-actions">
        <span className="muted">
          {dirty ? 'Unsaved changes · Ctrl+Enter saves · Esc reverts' : ''}
        </span>
        <button type="button" className="button" disabled={!dirty || busy} onClick={revert}>
          Revert
        </button>
        <button
          type="submit"
          className="button button-primary"
          disabled={!dirty || invalid || busy}
        >
          Save changes
        </button>
      </div>
    </form>
  );
}

/** What is wrong with an external id row, or null. Empty rows are simply left out. */
function externalProblem(row: ExternalRow): string | null {
  const key = row.key.trim();
  const value = row.value.trim();
  if (!key && !value) return null;
  if (!key) return 'Name the registry, e.g. wikidata.';
  if (!/^[a-z][a-z0-9_]{0,39}$/.test(key))
    return 'A registry name is lower-case letters, digits and _.';
  if (!value) return `Type the ${key} id.`;
  const format = EXTERNAL_ID_FORMATS[key];
  if (format && !format.pattern.test(value)) return `A ${key} id looks like ${format.example}.`;
  return null;
}
