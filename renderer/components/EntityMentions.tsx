/**
 * Every mention of an entity across the project, document by document, each opening its
 * document at the span; and the annotations whose attributes refer to it ("attributed to").
 * "Split…" turns the list into a choice of mentions to move to a new entity.
 */
import { useMemo, useState } from 'react';
import type { EntityDetails, EntityMention } from '../../core/api-entities';
import { foldForSearch } from '../../core/fold';
import { useApp } from '../app-context';
import { TagSwatch } from './TagSwatch';

export function EntityMentions({
  details,
  canSplit,
  onSplit,
}: {
  details: EntityDetails;
  canSplit: boolean;
  onSplit: (name: string, annotationIds: string[], aliases: string[]) => Promise<boolean>;
}) {
  const [splitting, setSplitting] = useState(false);
  const [chosen, setChosen] = useState<ReadonlySet<string>>(new Set());
  const [name, setName] = useState('');
  const [busy, setBusy] = useState(false);
  const { mentions, references } = details;

  const chosenMentions = mentions.filter((m) => chosen.has(m.annotationId));
  // The spellings of the chosen mentions become the new entity's names.
  const spellings = useMemo(
    () => distinctSpellings(chosenMentions.map((m) => m.exact)),
    [chosenMentions],
  );
  const newName = name.trim() || spellings[0] || '';

  function toggle(id: string) {
    setChosen((current) => {
      const next = new Set(current);
      if (!next.delete(id)) next.add(id);
      return next;
    });
  }

  async function split() {
    if (!newName || chosen.size === 0 || busy) return;
    setBusy(true);
    const aliases = spellings.filter((s) => foldForSearch(s) !== foldForSearch(newName));
    const done = await onSplit(newName, [...chosen], aliases);
    setBusy(false);
    if (done) {
      setSplitting(false);
      setChosen(new Set());
      setName('');
    }
  }

  return (
    <section className="entity-mentions" aria-labelledby="entity-mentions-title">
      <div className="entity-section-header">
        <h3 id="entity-mentions-title" className="entity-section-title">
          Mentions <span className="panel-count">{mentions.length}</span>
        </h3>
        {canSplit && mentions.length > 1 && !splitting && (
          <button type="button" className="button button-small" onClick={() => setSplitting(true)}>
            Split…
          </button>
        )}
      </div>
      {splitting && (
        <form
          className="entity-split"
          aria-label="Split into a new entity"
          onSubmit={(event) => {
            event.preventDefault();
            void split();
          }}
          onKeyDown={(event) => {
            if (event.key === 'Escape') {
              event.preventDefault();
              setSplitting(false);
              setChosen(new Set());
            }
          }}
        >
          <p className="muted">
            Choose the mentions that are someone (or something) else; they move to a new entity.
          </p>
          <label className="field-stack">
            <span className="field-label">Name of the new entity</span>
            <input
              className="input"
              value={name}
              placeholder={spellings[0] ?? 'Choose mentions below'}
              onChange={(event) => setName(event.target.value)}
            />
          </label>
          <div className="entity-split-actions">
            <button
              type="button"
              className="button button-small"
              onClick={() => {
                setSplitting(false);
                setChosen(new Set());
              }}
            >
              Cancel
            </button>
            <button
              type="submit"
              className="button button-small button-primary"
              disabled={chosen.size === 0 || chosen.size === mentions.length || !newName || busy}
            >
              Split {chosen.size} {chosen.size === 1 ? 'mention' : 'mentions'} into “
              {newName || '…'}”
            </button>
          </div>
        </form>
      )}
      {mentions.length === 0 ? (
        <p className="muted">No span is linked to this entity yet.</p>
      ) : (
        <MentionGroups
          mentions={mentions}
          choosing={splitting}
          chosen={chosen}
          onToggle={toggle}
          label="Mentions"
        />
      )}
      {references.length > 0 && (
        <>
          <div className="entity-section-header">
            <h3 className="entity-section-title">
              Referred to by <span className="panel-count">{references.length}</span>
            </h3>
          </div>
          <MentionGroups
            mentions={references}
            label="Referred to by"
            roleOf={(m) => ('attributeName' in m ? String(m.attributeName) : '')}
          />
        </>
      )}
    </section>
  );
}

function MentionGroups({
  mentions,
  label,
  choosing = false,
  chosen,
  onToggle,
  roleOf,
}: {
  mentions: readonly EntityMention[];
  label: string;
  choosing?: boolean;
  chosen?: ReadonlySet<string>;
  onToggle?: (id: string) => void;
  roleOf?: (mention: EntityMention) => string;
}) {
  const { tagById, openAnnotation } = useApp();
  const groups = useMemo(() => {
    const byDocument = new Map<string, EntityMention[]>();
    for (const m of mentions) {
      const list = byDocument.get(m.documentId);
      if (list) list.push(m);
      else byDocument.set(m.documentId, [m]);
    }
    return [...byDocument.values()];
  }, [mentions]);

  return (
    <div className="mention-groups" role="group" aria-label={label}>
      {groups.map((group) => (
        <section key={group[0]!.documentId} className="mention-group">
          <h4 className="mention-document">{group[0]!.documentTitle}</h4>
          <ul className="mention-list">
            {group.map((m) => {
              const tag = tagById.get(m.tagId);
              const role = roleOf?.(m);
              const context = (
                <>
                  <span className="mention-context">…{tail(m.prefix)}</span>
                  <mark className="mention-exact">{m.exact}</mark>
                  <span className="mention-context">{head(m.suffix)}…</span>
                </>
              );
              return (
                <li key={`${m.annotationId}-${role ?? ''}`} className="mention">
                  {choosing ? (
                    <label className="mention-choose">
                      <input
                        type="checkbox"
                        checked={chosen?.has(m.annotationId) ?? false}
                        onChange={() => onToggle?.(m.annotationId)}
                        aria-label={`Move “${m.exact}” in ${m.documentTitle}`}
                      />
                      <span className="mention-text">{context}</span>
                    </label>
                  ) : (
                    <button
                      type="button"
                      className="mention-open"
                      aria-label={`Open “${m.exact}” in ${m.documentTitle}`}
                      onClick={() => openAnnotation(m.documentId, m.annotationId)}
                    >
                      <span className="mention-tag">
                        <TagSwatch color={tag?.color ?? '#888888'} />
                        {tag?.name ?? 'Unknown tag'}
                        {role && ` · ${role}`}
                      </span>
                      <span className="mention-text">{context}</span>
                    </button>
                  )}
                </li>
              );
            })}
          </ul>
        </section>
      ))}
    </div>
  );
}

/** Spellings in the order first seen, once each ignoring case, accents and spacing. */
function distinctSpellings(texts: readonly string[]): string[] {
  const seen = new Set<string>();
  const out: string[] = [];
  for (const text of texts) {
    const clean = text.replace(/\s+/g, ' ').trim();
    const key = foldForSearch(clean);
    if (!clean || seen.has(key)) continue;
    seen.add(key);
    out.push(clean);
  }
  return out;
}

/** The last words of a prefix, on one line. */
function tail(prefix: string): string {
  return prefix.replace(/\s+/g, ' ').replace(/^\S*\s/, '');
}

/** The first words of a suffix, on one line. */
function head(suffix: string): string {
  return suffix.replace(/\s+/g, ' ').replace(/\s\S*$/, '');
}
