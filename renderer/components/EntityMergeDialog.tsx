/**
 * Merging two records of one real entity: pick the other record (search by any spelling), choose
 * which one stays, confirm. The other one's names and mentions move to the one that stays.
 */
import { useEffect, useId, useState } from 'react';
import type { EntityListItem } from '../../core/api-entities';
import type { Entity } from '../../core/domain';
import { errorMessage, useApp } from '../app-context';
import { Dialog } from './Dialog';
import { KIND_LABELS } from './entity-labels';

export function EntityMergeDialog({
  entity,
  onMerge,
  onCancel,
}: {
  entity: Entity;
  onMerge: (source: Entity, target: Entity) => void;
  onCancel: () => void;
}) {
  const { api } = useApp();
  const [query, setQuery] = useState('');
  const [found, setFound] = useState<EntityListItem[]>([]);
  const [otherId, setOtherId] = useState<string | null>(null);
  const [keepThis, setKeepThis] = useState(true);
  const [error, setError] = useState<string | null>(null);
  const ids = useId();

  useEffect(() => {
    let cancelled = false;
    const timer = setTimeout(() => {
      // With nothing typed, the records that sound like this one come first.
      const search = query.trim()
        ? api.listEntities({ query: query.trim() })
        : api
            .suggestEntities({ text: entity.name, limit: 20 })
            .then((s) => s.map((x) => ({ ...x.entity, deleted: false, mergedInto: null })));
      search.then(
        (list) => {
          if (cancelled) return;
          setFound(list.filter((e) => e.id !== entity.id).slice(0, 30));
          setError(null);
        },
        (e: unknown) => !cancelled && setError(errorMessage(e)),
      );
    }, 100);
    return () => {
      cancelled = true;
      clearTimeout(timer);
    };
  }, [api, query, entity.id, entity.name]);

  const other = found.find((e) => e.id === otherId) ?? null;
  const [source, target] = other ? (keepThis ? [other, entity] : [entity, other]) : [null, null];

  return (
    <Dialog
      open
      title={`Merge “${entity.name}” with another entity`}
      onClose={onCancel}
      className="dialog-wide"
    >
      <label className="field-stack">
        <span className="field-label">Find the other record</span>
        <input
          className="input"
          type="search"
          data-autofocus
          placeholder="Any spelling"
          value={query}
          onChange={(event) => setQuery(event.target.value)}
        />
      </label>
      <fieldset className="field-group entity-merge-choices">
        <legend>The other record</legend>
        {found.length === 0 && (
          <p className="muted">{query.trim() ? 'No other entity matches.' : 'Type a name.'}</p>
        )}
        {found.map((e) => (
          <label key={e.id} className="choice">
            <input
              type="radio"
              name={`${ids}-other`}
              checked={otherId === e.id}
              onChange={() => setOtherId(e.id)}
            />
            <span className="choice-label">{e.name}</span>
            <span className="choice-hint">
              {KIND_LABELS[e.kind]} · {e.mentionCount}{' '}
              {e.mentionCount === 1 ? 'mention' : 'mentions'}
            </span>
          </label>
        ))}
      </fieldset>
      {other && (
        <fieldset className="field-group">
          <legend>Which record stays</legend>
          <label className="choice">
            <input
              type="radio"
              name={`${ids}-keep`}
              checked={keepThis}
              onChange={() => setKeepThis(true)}
            />
            <span className="choice-label">{entity.name}</span>
            <span className="choice-hint">this one</span>
          </label>
          <label className="choice">
            <input
              type="radio"
              name={`${ids}-keep`}
              checked={!keepThis}
              onChange={() => setKeepThis(false)}
            />
            <span className="choice-label">{other.name}</span>
            <span className="choice-hint">the other</span>
          </label>
        </fieldset>
      )}
      {source && target && (
        <p className="dialog-message">
          “{source.name}” and its {source.mentionCount}{' '}
          {source.mentionCount === 1 ? 'mention' : 'mentions'} will become part of “{target.name}”;
          its names become aliases. Undo (Ctrl+Z) separates them again.
        </p>
      )}
      {error && (
        <p role="alert" className="form-error">
          {error}
        </p>
      )}
      <div className="dialog-actions">
        <button type="button" className="button" onClick={onCancel}>
          Cancel
        </button>
        <button
          type="button"
          className="button button-primary"
          disabled={!source || !target}
          onClick={() => source && target && onMerge(source, target)}
        >
          Merge
        </button>
      </div>
    </Dialog>
  );
}
