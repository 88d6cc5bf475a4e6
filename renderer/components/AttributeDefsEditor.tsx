/**
 * A tag's attribute definitions in the codebook dialog: those it inherits (read-only, named with
 * the tag they come from) and its own, which can be added, edited, reordered and deleted. Choices
 * are typed one per line, "value = label" ("A = Completely reliable").
 */
import { useId, useState } from 'react';
import { ATTRIBUTE_TYPES } from '../../core/domain';
import type { AttributeChoice, AttributeDef, AttributeType, Tag } from '../../core/domain';
import { errorMessage, useApp } from '../app-context';
import {
  createAttributeDef,
  deleteAttributeDef,
  moveAttributeDef,
  updateAttributeDef,
} from '../codebook-actions';

export const TYPE_LABELS: Record<AttributeType, string> = {
  text: 'Text',
  long_text: 'Long text',
  number: 'Number',
  date: 'Date',
  choice: 'Choice',
  multi_choice: 'Multiple choice',
  boolean: 'Yes / no',
  entity: 'Entity',
  annotation: 'Annotation',
};

type Run = <T>(action: () => Promise<T>, done?: string) => Promise<T | undefined>;

export function AttributeDefsEditor({ tag, run }: { tag: Tag; run: Run }) {
  const { api, tagById, attributeDefs } = useApp();
  const [editing, setEditing] = useState<AttributeDef | 'new' | null>(null);
  const own = attributeDefs
    .filter((d) => d.tagId === tag.id)
    .sort((a, b) => a.position - b.position);
  const inherited: { from: Tag; defs: AttributeDef[] }[] = [];
  for (let parent = tag.parentId ? tagById.get(tag.parentId) : undefined; parent;) {
    const defs = attributeDefs.filter((d) => d.tagId === parent!.id);
    if (defs.length) inherited.unshift({ from: parent, defs });
    parent = parent.parentId ? tagById.get(parent.parentId) : undefined;
    if (inherited.length > 32) break; // A damaged (cyclic) codebook must not loop.
  }

  return (
    <section className="cb-attrs" aria-label={`Attributes of ${tag.name}`}>
      <h4 className="cb-subheading">Attributes</h4>
      {inherited.map(({ from, defs }) => (
        <p key={from.id} className="cb-inherited muted">
          From {from.name}: {defs.map((d) => d.name).join(', ')}
        </p>
      ))}
      {own.length === 0 && <p className="muted cb-empty">No attributes of its own.</p>}
      <ul className="cb-attr-list">
        {own.map((def, index) =>
          editing !== 'new' && editing?.id === def.id ? (
            <li key={def.id}>
              <AttributeForm
                tag={tag}
                initial={def}
                onCancel={() => setEditing(null)}
                onSaved={() => setEditing(null)}
                run={run}
              />
            </li>
          ) : (
            <li key={def.id} className="cb-attr">
              <span className="cb-attr-name">{def.name}</span>
              <span className="cb-attr-type">{TYPE_LABELS[def.type]}</span>
              <code className="cb-attr-key">{def.key}</code>
              <span className="cb-attr-actions">
                <button
                  type="button"
                  className="button button-small"
                  onClick={() => setEditing(def)}
                  aria-label={`Edit ${def.name}`}
                >
                  Edit
                </button>
                <button
                  type="button"
                  className="icon-button"
                  aria-label={`Move ${def.name} up`}
                  disabled={index === 0}
                  onClick={() => void run(() => moveAttributeDef(api, def, index - 1), 'Reordered')}
                >
                  ↑
                </button>
                <button
                  type="button"
                  className="icon-button"
                  aria-label={`Move ${def.name} down`}
                  disabled={index === own.length - 1}
                  onClick={() => void run(() => moveAttributeDef(api, def, index + 1), 'Reordered')}
                >
                  ↓
                </button>
                <button
                  type="button"
                  className="button button-small button-danger-ghost"
                  aria-label={`Delete ${def.name}`}
                  onClick={() =>
                    void run(
                      () => deleteAttributeDef(api, def),
                      `Deleted “${def.name}”; values already given are kept (Ctrl+Z brings it back).`,
                    )
                  }
                >
                  Delete
                </button>
              </span>
            </li>
          ),
        )}
      </ul>
      {editing === 'new' ? (
        <AttributeForm
          tag={tag}
          onCancel={() => setEditing(null)}
          onSaved={() => setEditing(null)}
          run={run}
        />
      ) : (
        <button type="button" className="button button-small" onClick={() => setEditing('new')}>
          Add attribute…
        </button>
      )}
    </section>
  );
}

function AttributeForm({
  tag,
  initial,
  onCancel,
  onSaved,
  run,
}: {
  tag: Tag;
  initial?: AttributeDef;
  onCancel(): void;
  onSaved(): void;
  run: Run;
}) {
  const { api } = useApp();
  const id = useId();
  const [name, setName] = useState(initial?.name ?? '');
  const [type, setType] = useState<AttributeType>(initial?.type ?? 'text');
  const [key, setKey] = useState(initial?.key ?? '');
  const [choices, setChoices] = useState(formatChoices(initial?.choices ?? []));
  const [description, setDescription] = useState(initial?.description ?? '');
  const [error, setError] = useState<string | null>(null);
  const hasChoices = type === 'choice' || type === 'multi_choice';

  async function submit() {
    if (!name.trim()) return setError('Give the attribute a name.');
    const parsed = hasChoices ? parseChoices(choices) : [];
    if (hasChoices && parsed.length === 0)
      return setError('List at least one choice, one per line.');
    try {
      if (initial) {
        await updateAttributeDef(api, initial, {
          name: name.trim(),
          description,
          ...(key && key !== initial.key ? { key } : {}),
          ...(type !== initial.type ? { type } : {}),
          ...(hasChoices ? { choices: parsed } : {}),
        });
      } else {
        await createAttributeDef(api, {
          tagId: tag.id,
          name: name.trim(),
          type,
          choices: parsed,
          description,
          ...(key ? { key } : {}),
        });
      }
      await run(async () => undefined, initial ? 'Attribute saved' : `Added “${name.trim()}”`);
      onSaved();
    } catch (e) {
      setError(errorMessage(e));
    }
  }

  return (
    <form
      className="cb-attr-form"
      aria-label={initial ? `Edit attribute ${initial.name}` : 'New attribute'}
      onSubmit={(event) => {
        event.preventDefault();
        void submit();
      }}
      onKeyDown={(event) => {
        if (event.key === 'Escape') {
          event.preventDefault();
          event.stopPropagation();
          onCancel();
        }
      }}
    >
      <label className="field-label" htmlFor={`${id}-name`}>
        Name
      </label>
      <input
        id={`${id}-name`}
        className="input"
        value={name}
        autoFocus
        onChange={(e) => setName(e.target.value)}
      />
      <label className="field-label" htmlFor={`${id}-type`}>
        Type
      </label>
      <select
        id={`${id}-type`}
        className="select"
        value={type}
        onChange={(e) => setType(e.target.value as AttributeType)}
      >
        {ATTRIBUTE_TYPES.map((t) => (
          <option key={t} value={t}>
            {TYPE_LABELS[t]}
          </option>
        ))}
      </select>
      <label className="field-label" htmlFor={`${id}-key`}>
        Key
      </label>
      <input
        id={`${id}-key`}
        className="input cb-mono"
        value={key}
        placeholder="made from the name"
        onChange={(e) => setKey(e.target.value.toLowerCase())}
      />
      {hasChoices && (
        <>
          <label className="field-label" htmlFor={`${id}-choices`}>
            Choices
          </label>
          <textarea
            id={`${id}-choices`}
            className="textarea cb-mono"
            rows={4}
            value={choices}
            placeholder={'A = Completely reliable\nB = Usually reliable'}
            onChange={(e) => setChoices(e.target.value)}
          />
        </>
      )}
      <label className="field-label" htmlFor={`${id}-description`}>
        Description
      </label>
      <input
        id={`${id}-description`}
        className="input"
        value={description}
        onChange={(e) => setDescription(e.target.value)}
      />
      {error && (
        <p role="alert" className="form-error cb-form-error">
          {error}
        </p>
      )}
      <div className="cb-form-actions">
        <button type="button" className="button button-small" onClick={onCancel}>
          Cancel
        </button>
        <button type="submit" className="button button-small button-primary">
          {initial ? 'Save attribute' : 'Add attribute'}
        </button>
      </div>
    </form>
  );
}

function formatChoices(choices: readonly AttributeChoice[]): string {
  return choices
    .map((c) => (c.label && c.label !== c.value ? `${c.value} = ${c.label}` : c.value))
    .join('\n');
}

/** "value = label" per line; a line without "=" is its own label. Blank lines are skipped. */
export function parseChoices(text: string): AttributeChoice[] {
  return text
    .split('\n')
    .map((line) => line.trim())
    .filter(Boolean)
    .map((line) => {
      const at = line.indexOf('=');
      if (at < 0) return { value: line, label: line };
      const value = line.slice(0, at).trim();
      const label = line.slice(at + 1).trim();
      return { value, label: label || value };
    })
    .filter((c) => c.value !== '');
}
