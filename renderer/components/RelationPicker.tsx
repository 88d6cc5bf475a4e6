import { useEffect, useMemo, useState, useSyncExternalStore } from 'react';
import type { KeyboardEvent as ReactKeyboardEvent } from 'react';
import type { SearchHit } from '../../core/api-notes';
import type { Annotation } from '../../core/domain';
import { foldForSearch } from '../../core/fold';
import { errorMessage, useApp } from '../app-context';
import { isTypingTarget } from '../hooks';
import type { ReaderSession } from '../reader-session';
import { relationStoreOf } from '../relations-store';
import type { RelationChoice, RelationStore } from '../relations-store';
import { Dialog } from './Dialog';
import type { PickGroup, PickOption } from './PickList';
import { PickList } from './PickList';
import { RELATION_SHORTCUT, shorten } from './RelationsSection';
import { NewRelationTypeForm } from './NewRelationTypeForm';
import { Snippet } from './SearchView';
import { TagSwatch } from './TagSwatch';

/** Local annotations listed at most, and project hits asked for. */
const MAX_LOCAL = 80;
const MAX_REMOTE = 30;
/** Typing pauses this long before the project is searched. */
const SEARCH_DELAY_MS = 200;
const NEW_TYPE = 'new-type';

/**
 * Opens the relation picker: Alt+R on the active annotation (the keyboard way), or "Add
 * relation…" on its card (store.openPicker). Rendered once by the reader.
 */
export function RelationPickerHost({ session }: { session: ReaderSession }) {
  const store = relationStoreOf(session);
  const { notify } = useApp();
  const snapshot = useSyncExternalStore(
    store?.subscribe ?? (() => () => undefined),
    () => store?.getSnapshot() ?? null,
  );

  useEffect(() => {
    if (!store) return;
    const onKey = (event: KeyboardEvent) => {
      // The physical key, so that macOS's Option+R (which types "®") works too.
      if (!event.altKey || event.ctrlKey || event.metaKey || event.code !== 'KeyR') return;
      if (isTypingTarget(event.target) || document.querySelector('dialog[open]')) return;
      event.preventDefault();
      const active = session.getSnapshot().activeId;
      if (active) store.openPicker(active);
      else {
        notify({
          kind: 'info',
          title: `Choose an annotation first (click it, or Enter at the caret), then ${RELATION_SHORTCUT}.`,
        });
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [store, session, notify]);

  const source = snapshot?.pickerFor
    ? session.getSnapshot().annotations.find((a) => a.id === snapshot.pickerFor)
    : undefined;
  if (!store || !source) return null;
  return (
    <RelationPicker
      key={source.id}
      store={store}
      session={session}
      source={source}
      onClose={() => store.closePicker()}
    />
  );
}

type Step = { kind: 'type' } | { kind: 'new-type' } | { kind: 'target'; choice: RelationChoice };

/**
 * Relates one annotation to another in two steps, both by typing: the relation (each type both
 * ways round: "supports", "supported by"), then the other annotation, found among this
 * document's annotations or, by full-text search, anywhere in the project.
 */
function RelationPicker({
  store,
  session,
  source,
  onClose,
}: {
  store: RelationStore;
  session: ReaderSession;
  source: Annotation;
  onClose: () => void;
}) {
  const { types } = useSyncExternalStore(store.subscribe, store.getSnapshot);
  const [step, setStep] = useState<Step>({ kind: 'type' });
  const [query, setQuery] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  function goTo(next: Step) {
    setStep(next);
    setQuery('');
    setError(null);
  }

  const choiceLabel = (choice: RelationChoice) => {
    const type = types.find((t) => t.id === choice.typeId);
    if (!type) return 'related to';
    return choice.direction === 'out' ? type.name : type.inverseName;
  };

  async function relate(otherId: string, choice: RelationChoice) {
    setBusy(true);
    setError(null);
    try {
      await store.create(source.id, otherId, choice);
      onClose();
    } catch (e) {
      setError(errorMessage(e));
      setBusy(false);
    }
  }

  const quote = shorten(source.exact, 90);
  return (
    <Dialog open title="Relate annotation" onClose={onClose} className="dialog-relate">
      <p className="relate-source">
        <span className="relate-quote">‘{quote}’</span>
        {step.kind === 'target' && (
          <span className="relate-how"> {choiceLabel(step.choice)} …</span>
        )}
      </p>
      {step.kind === 'type' && (
        <TypeStep
          store={store}
          query={query}
          onQuery={setQuery}
          onPick={(key) => {
            if (key === NEW_TYPE) return goTo({ kind: 'new-type' });
            const [typeId, direction] = key.split(':') as [string, RelationChoice['direction']];
            goTo({ kind: 'target', choice: { typeId, direction } });
          }}
        />
      )}
      {step.kind === 'new-type' && (
        <NewRelationTypeForm
          types={types}
          onDelete={(id) => store.deleteType(id)}
          onCancel={() => goTo({ kind: 'type' })}
          onCreate={async (args) => {
            const type = await store.createType(args);
            goTo({ kind: 'target', choice: { typeId: type.id, direction: 'out' } });
          }}
        />
      )}
      {step.kind === 'target' && (
        <TargetStep
          session={session}
          source={source}
          query={query}
          onQuery={setQuery}
          disabled={busy}
          onBack={() => goTo({ kind: 'type' })}
          onPick={(otherId) => void relate(otherId, step.choice)}
        />
      )}
      {error && (
        <p className="form-error" role="alert">
          {error}
        </p>
      )}
      <div className="dialog-actions">
        {step.kind === 'target' && (
          <button type="button" className="button" onClick={() => goTo({ kind: 'type' })}>
            Back
          </button>
        )}
        <button type="button" className="button" onClick={onClose}>
          Cancel
        </button>
      </div>
    </Dialog>
  );
}

/** Step 1: the relation, typed to filter; each directed type offers both readings. */
function TypeStep({
  store,
  query,
  onQuery,
  onPick,
}: {
  store: RelationStore;
  query: string;
  onQuery: (query: string) => void;
  onPick: (key: string) => void;
}) {
  const { types } = useSyncExternalStore(store.subscribe, store.getSnapshot);
  const needle = foldForSearch(query.trim());
  const options: PickOption[] = [];
  for (const type of types) {
    const readings: [RelationChoice['direction'], string, string][] = [
      ['out', type.name, type.symmetric ? '↔' : '→'],
    ];
    if (!type.symmetric) readings.push(['in', type.inverseName, '←']);
    for (const [direction, name, arrow] of readings) {
      if (needle && !foldForSearch(name).includes(needle)) continue;
      options.push({
        key: `${type.id}:${direction}`,
        label: name,
        content: (
          <span className="pick-type">
            <span className="pick-arrow" aria-hidden="true">
              {arrow}
            </span>
            {name}
            {!type.builtIn && <span className="pick-hint">your type</span>}
          </span>
        ),
      });
    }
  }
  options.push({
    key: NEW_TYPE,
    label: 'New relation type…',
    content: <span className="pick-new">+ New relation type…</span>,
  });
  return (
    <PickList
      label="Relation type"
      placeholder="Type to filter: supports, contradicts…"
      query={query}
      onQuery={onQuery}
      groups={[{ heading: null, options }]}
      onPick={onPick}
    />
  );
}

/** Step 2: the other annotation, from this document (filtered) or the project (searched). */
function TargetStep({
  session,
  source,
  query,
  onQuery,
  disabled,
  onBack,
  onPick,
}: {
  session: ReaderSession;
  source: Annotation;
  query: string;
  onQuery: (query: string) => void;
  disabled: boolean;
  onBack: () => void;
  onPick: (annotationId: string) => void;
}) {
  const { tagById } = useApp();
  const { annotations } = useSyncExternalStore(session.subscribe, session.getSnapshot);
  const remote = useProjectSearch(query, source.documentId);

  const local = useMemo(() => {
    const words = foldForSearch(query).split(/\s+/).filter(Boolean);
    const found: Annotation[] = [];
    for (const a of annotations) {
      if (a.id === source.id) continue;
      const haystack = foldForSearch(`${a.exact} ${a.note} ${tagById.get(a.tagId)?.name ?? ''}`);
      if (words.every((w) => haystack.includes(w))) found.push(a);
      if (found.length >= MAX_LOCAL) break;
    }
    return found;
  }, [annotations, query, source.id, tagById]);

  const localOptions: PickOption[] = local.map((a) => {
    const tag = tagById.get(a.tagId);
    const quote = shorten(a.exact, 140);
    return {
      key: a.id,
      label: `${tag?.name ?? 'Annotation'}: ${quote}`,
      content: (
        <span className="pick-annotation">
          <TagSwatch color={tag?.color ?? '#888888'} />
          <span className="pick-quote">{quote}</span>
        </span>
      ),
    };
  });
  const remoteOptions: PickOption[] = (remote.hits ?? []).map((hit) => ({
    key: hit.id,
    label: `${hit.snippet.text} — in ${hit.documentTitle ?? 'another document'}`,
    content: (
      <span className="pick-annotation">
        <TagSwatch color={tagById.get(hit.annotation?.tagId ?? '')?.color ?? '#888888'} />
        <span className="pick-quote">
          <Snippet snippet={hit.snippet} />
        </span>
        <span className="pick-doc">in {shorten(hit.documentTitle ?? '', 50)}</span>
      </span>
    ),
  }));
  const groups: PickGroup[] = [
    { heading: 'In this document', options: localOptions, empty: 'No annotation here matches.' },
    {
      heading: 'Elsewhere in the project',
      options: remoteOptions,
      empty:
        query.trim().length < 2
          ? 'Type a word to search the other documents.'
          : remote.hits === null
            ? 'Searching…'
            : 'No annotation elsewhere matches.',
    },
  ];
  function onKeyDown(event: ReactKeyboardEvent<HTMLInputElement>) {
    if (event.key === 'Backspace' && query === '') {
      event.preventDefault();
      onBack();
    }
  }

  return (
    <PickList
      label="Related annotation"
      placeholder="Type to find an annotation: a word of its quote, note or tag"
      query={query}
      onQuery={onQuery}
      groups={groups}
      onPick={(key) => !disabled && onPick(key)}
      onKeyDown={onKeyDown}
      status={disabled ? 'Saving…' : undefined}
    />
  );
}

/** Annotations of other documents matching `query`, by full-text search (null while asking). */
function useProjectSearch(query: string, documentId: string): { hits: SearchHit[] | null } {
  const { api } = useApp();
  const [result, setResult] = useState<{ query: string; hits: SearchHit[] } | null>(null);
  const trimmed = query.trim();
  useEffect(() => {
    if (trimmed.length < 2) return;
    let cancelled = false;
    const timer = setTimeout(() => {
      api.search({ query: trimmed, limit: MAX_REMOTE }).then(
        ({ hits }) => {
          if (cancelled) return;
          const elsewhere = hits.filter(
            (h) => h.kind === 'annotation' && h.documentId !== documentId,
          );
          setResult({ query: trimmed, hits: elsewhere });
        },
        () => !cancelled && setResult({ query: trimmed, hits: [] }),
      );
    }, SEARCH_DELAY_MS);
    return () => {
      cancelled = true;
      clearTimeout(timer);
    };
  }, [api, trimmed, documentId]);
  if (trimmed.length < 2) return { hits: [] };
  return { hits: result?.query === trimmed ? result.hits : null };
}
