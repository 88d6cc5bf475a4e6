import { useEffect, useId, useRef, useState } from 'react';
import type { FormEvent } from 'react';
import { MAX_RELATION_TYPE_NAME } from '../../core/api-notes';
import type { RelationType } from '../../core/domain';
import { errorMessage } from '../app-context';
import { TrashIcon } from './icons';

/**
 * A relation type of the analyst's own: its name read from the source ("quotes"), and either
 * its name read the other way ("quoted by") or "reads the same both ways" ("echoes"). Below,
 * the analyst's existing types, each of which can be deleted while no relation uses it.
 */
export function NewRelationTypeForm({
  types,
  onCreate,
  onDelete,
  onCancel,
}: {
  types: readonly RelationType[];
  onCreate: (args: { name: string; inverseName?: string; symmetric: boolean }) => Promise<void>;
  onDelete: (id: string) => Promise<void>;
  onCancel: () => void;
}) {
  const id = useId();
  const [name, setName] = useState('');
  const [inverseName, setInverseName] = useState('');
  const [symmetric, setSymmetric] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const nameRef = useRef<HTMLInputElement>(null);
  useEffect(() => nameRef.current?.focus(), []);

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (!name.trim()) {
      setError('Give the relation a name.');
      return;
    }
    setBusy(true);
    setError(null);
    try {
      await onCreate({
        name: name.trim(),
        symmetric,
        ...(symmetric || !inverseName.trim() ? {} : { inverseName: inverseName.trim() }),
      });
    } catch (e) {
      setError(errorMessage(e));
      setBusy(false);
    }
  }

  return (
    <form className="relation-type-form" onSubmit={(event) => void submit(event)}>
      <div className="field-stack">
        <label className="field-label" htmlFor={`${id}-name`}>
          Name, read from this annotation
        </label>
        <input
          ref={nameRef}
          id={`${id}-name`}
          className="input"
          value={name}
          maxLength={MAX_RELATION_TYPE_NAME}
          placeholder="e.g. quotes, denies, is an example of"
          data-autofocus
          onChange={(event) => setName(event.target.value)}
        />
      </div>
      <label className="check">
        <input
          type="checkbox"
          checked={symmetric}
          onChange={(event) => setSymmetric(event.target.checked)}
        />
        <span>Reads the same both ways (like “contradicts”)</span>
      </label>
      <div className="field-stack">
        <label className="field-label" htmlFor={`${id}-inverse`}>
          Name, read from the other annotation
        </label>
        <input
          id={`${id}-inverse`}
          className="input"
          value={symmetric ? name : inverseName}
          maxLength={MAX_RELATION_TYPE_NAME}
          disabled={symmetric}
          placeholder="e.g. quoted by (the same name if left empty)"
          onChange={(event) => setInverseName(event.target.value)}
        />
      </div>
      {error && (
        <p className="form-error" role="alert">
          {error}
        </p>
      )}
      <div className="relation-type-actions">
        <button type="button" className="button" onClick={onCancel}>
          Back
        </button>
        <button type="submit" className="button button-primary" disabled={busy}>
          Create type
        </button>
      </div>
      <OwnTypes types={types.filter((t) => !t.builtIn)} onDelete={onDelete} />
    </form>
  );
}

/** The analyst's own relation types, with a delete button each (built-in ones are fixed). */
function OwnTypes({
  types,
  onDelete,
}: {
  types: readonly RelationType[];
  onDelete: (id: string) => Promise<void>;
}) {
  const [error, setError] = useState<string | null>(null);
  if (types.length === 0) return null;
  return (
    <section className="own-types" aria-label="Your relation types">
      <h3 className="field-label">Your relation types</h3>
      <ul className="own-type-list">
        {types.map((type) => (
          <li key={type.id} className="own-type">
            <span>
              {type.name}
              {!type.symmetric && type.inverseName !== type.name && (
                <span className="muted"> / {type.inverseName}</span>
              )}
            </span>
            <button
              type="button"
              className="icon-button"
              aria-label={`Delete relation type ${type.name}`}
              title="Delete this type (only while no relation uses it)"
              onClick={() => {
                setError(null);
                onDelete(type.id).catch((e: unknown) => setError(errorMessage(e)));
              }}
            >
              <TrashIcon />
            </button>
          </li>
        ))}
      </ul>
      {error && (
        <p className="form-error" role="alert">
          {error}
        </p>
      )}
    </section>
  );
}
