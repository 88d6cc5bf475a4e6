/**
 * The entities view (Ctrl+Shift+E): the project's registry of people, organisations, places…
 * on the left, filtered by any spelling and by kind; the chosen entity's page on the right.
 * Its actions are project steps: Ctrl+Z undoes them, also after a restart.
 */
import { useCallback, useEffect, useRef, useState } from 'react';
import type { EntityListItem } from '../../core/api-entities';
import type { EntityKind } from '../../core/domain';
import { errorMessage, useApp } from '../app-context';
import { filteredListKeys } from '../filtered-list-keys';
import { isCommand, isTypingTarget } from '../hooks';
import { performProjectStep, projectHistory, useProjectUndoShortcuts } from '../project-history';
import type { PerformStep } from '../undo';
import '../entities.css';
import '../entities-view.css';
import { EntityPage } from './EntityPage';
import { KIND_LABELS } from './entity-labels';
import { KindOptions } from './KindOptions';
import { createEntityStep } from './entity-steps';
import { BackIcon, RedoIcon, SearchIcon, UndoIcon } from './icons';
import { ThemeToggle } from './ThemeToggle';

export function EntitiesView({
  entityId,
  onBack,
}: {
  entityId: string | null;
  onBack: () => void;
}) {
  const { api, save, openEntities, shell } = useApp();
  const [entities, setEntities] = useState<EntityListItem[] | null>(null);
  const [loadError, setLoadError] = useState<string | null>(null);
  const [filter, setFilter] = useState('');
  const [kind, setKind] = useState<EntityKind | ''>('');
  const [version, setVersion] = useState(0);
  const [creating, setCreating] = useState(false);
  const filterRef = useRef<HTMLInputElement>(null);
  const listRef = useRef<HTMLUListElement>(null);
  const undo = useProjectUndoShortcuts(api, true);
  useMenuUndo(shell);

  // Reload after any project step done, undone or redone (here or in another view).
  useEffect(() => projectHistory(api).onApplied(() => setVersion((v) => v + 1)), [api]);

  useEffect(() => {
    let cancelled = false;
    const timer = setTimeout(() => {
      api.listEntities({ query: filter.trim() || undefined, kind: kind || undefined }).then(
        (list) => {
          if (cancelled) return;
          setEntities(list);
          setLoadError(null);
        },
        (error: unknown) => !cancelled && setLoadError(errorMessage(error)),
      );
    }, 100);
    return () => {
      cancelled = true;
      clearTimeout(timer);
    };
  }, [api, filter, kind, version]);

  useEffect(() => {
    document.title = 'Entities — Gloss';
    return () => {
      document.title = 'Gloss';
    };
  }, []);

  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      const slash = event.key === '/' && !event.ctrlKey && !event.metaKey && !event.altKey;
      // (Ctrl/Cmd+Shift+F is the project search, not this filter.)
      const find = isCommand(event) && !event.shiftKey && event.key.toLowerCase() === 'f';
      if ((slash && !isTypingTarget(event.target)) || find) {
        event.preventDefault();
        filterRef.current?.focus();
        filterRef.current?.select();
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);

  /** Runs a project step with status reporting; resolves to its results (rejects on failure). */
  const perform = useCallback(
    (step: PerformStep, done?: string) => save(() => performProjectStep(api, step), done),
    [api, save],
  );

  const { onFilterKey, onListKey } = filteredListKeys({
    filterRef,
    listRef,
    rowSelector: '.entity-row-open',
    filter,
    clearFilter: () => setFilter(''),
    openFirst: () => {
      if (entities?.[0]) openEntities(entities[0].id);
    },
  });

  return (
    <>
      <header className="topbar topbar-reader">
        <button
          type="button"
          className="button button-ghost back-button"
          onClick={onBack}
          title="Back (Alt+←)"
        >
          <BackIcon />
          Back
        </button>
        <h1 className="doc-title">Entities</h1>
        <div className="toolbar">
          <div className="toolbar-group" role="group" aria-label="History">
            <button
              type="button"
              className="icon-button"
              aria-label="Undo"
              title={undo.undoLabel ? `Undo ${undo.undoLabel} (Ctrl+Z)` : 'Undo (Ctrl+Z)'}
              disabled={!undo.canUndo}
              onClick={() =>
                void projectHistory(api)
                  .undo()
                  .catch(() => undefined)
              }
            >
              <UndoIcon />
            </button>
            <button
              type="button"
              className="icon-button"
              aria-label="Redo"
              title={
                undo.redoLabel ? `Redo ${undo.redoLabel} (Ctrl+Shift+Z)` : 'Redo (Ctrl+Shift+Z)'
              }
              disabled={!undo.canRedo}
              onClick={() =>
                void projectHistory(api)
                  .redo()
                  .catch(() => undefined)
              }
            >
              <RedoIcon />
            </button>
          </div>
          <button type="button" className="button button-primary" onClick={() => setCreating(true)}>
            New entity…
          </button>
        </div>
        <div className="topbar-actions">
          <ThemeToggle />
        </div>
      </header>
      <main className="entities">
        <nav className="entity-list-pane" aria-label="Entity registry">
          <div className="entity-filters">
            <div className="search-field entity-search">
              <SearchIcon />
              <input
                ref={filterRef}
                type="search"
                className="search-input"
                aria-label="Filter entities"
                placeholder="Any spelling, any script"
                value={filter}
                onChange={(event) => setFilter(event.target.value)}
                onKeyDown={onFilterKey}
              />
            </div>
            <select
              className="select entity-kind-filter"
              aria-label="Kind"
              value={kind}
              onChange={(event) => setKind(event.target.value as EntityKind | '')}
            >
              <option value="">All kinds</option>
              <KindOptions />
            </select>
          </div>
          {creating && (
            <NewEntityForm
              initialName={filter.trim()}
              onCancel={() => setCreating(false)}
              onCreate={async (name, newKind) => {
                const [created] = await perform(
                  createEntityStep({ name, kind: newKind }),
                  `Created “${name}”`,
                );
                setCreating(false);
                openEntities((created as { id: string }).id);
              }}
            />
          )}
          {loadError && (
            <p role="alert" className="inline-error">
              Could not load the entities: {loadError}
            </p>
          )}
          {entities === null && !loadError && <p className="muted entity-list-note">Loading…</p>}
          {entities?.length === 0 && (
            <p className="muted entity-list-note">
              {filter.trim() || kind
                ? 'No entity matches.'
                : 'No entities yet. Tag a name in an article as an entity and link it, or create one here.'}
            </p>
          )}
          {entities && entities.length > 0 && (
            <ul ref={listRef} className="entity-list" aria-label="Entities" onKeyDown={onListKey}>
              {entities.map((entity) => (
                <li key={entity.id} className="entity-row">
                  <button
                    type="button"
                    className="entity-row-open"
                    aria-current={entity.id === entityId ? 'page' : undefined}
                    onClick={() => openEntities(entity.id)}
                  >
                    <span className="entity-row-name">{entity.name}</span>
                    <span className="entity-row-meta">
                      {KIND_LABELS[entity.kind]} · {entity.mentionCount}{' '}
                      {entity.mentionCount === 1 ? 'mention' : 'mentions'}
                    </span>
                  </button>
                </li>
              ))}
            </ul>
          )}
        </nav>
        <section className="entity-page-pane" aria-label="Entity">
          {entityId ? (
            <EntityPage
              key={entityId}
              entityId={entityId}
              version={version}
              perform={perform}
              onChanged={() => setVersion((v) => v + 1)}
            />
          ) : (
            <div className="empty-state">
              <h2 className="empty-state-title">Canonical entities</h2>
              <p>
                One record per real person, organisation or place, with every spelling it goes by
                and every mention across the project.
              </p>
              <p className="muted">
                Choose an entity on the left, or press <kbd>/</kbd> to filter by any spelling:
                “Kiev” finds “Kyiv”, “Джейхун” finds “Jeyhun”.
              </p>
            </div>
          )}
        </section>
      </main>
    </>
  );
}

/** Two triggers of one undo within this time (the key and the desktop menu) count once. */
const DUPLICATE_COMMAND_MS = 250;

/**
 * The desktop menu's Undo and Redo act on the project history here (in a text field they keep
 * their own meaning). The menu and the key handler can both see one press: it counts once.
 */
function useMenuUndo(shell: ReturnType<typeof useApp>['shell']) {
  const { api } = useApp();
  useEffect(() => {
    if (!shell) return;
    let lastKey = 0;
    const onKey = (event: KeyboardEvent) => {
      const key = event.key.toLowerCase();
      if ((event.ctrlKey || event.metaKey) && (key === 'z' || key === 'y'))
        lastKey = performance.now();
    };
    window.addEventListener('keydown', onKey, true);
    const unsubscribe = shell.onMenuCommand((command) => {
      if (command !== 'undo' && command !== 'redo') return;
      if (isTypingTarget(document.activeElement)) {
        document.execCommand(command);
        return;
      }
      if (performance.now() - lastKey < DUPLICATE_COMMAND_MS) return;
      const history = projectHistory(api);
      void (command === 'undo' ? history.undo() : history.redo()).catch(() => undefined);
    });
    return () => {
      window.removeEventListener('keydown', onKey, true);
      unsubscribe();
    };
  }, [api, shell]);
}

function NewEntityForm({
  initialName,
  onCreate,
  onCancel,
}: {
  initialName: string;
  onCreate: (name: string, kind: EntityKind) => Promise<void>;
  onCancel: () => void;
}) {
  const [name, setName] = useState(initialName);
  const [kind, setKind] = useState<EntityKind>('person');
  const [busy, setBusy] = useState(false);
  return (
    <form
      className="entity-new"
      aria-label="New entity"
      onSubmit={(event) => {
        event.preventDefault();
        if (!name.trim() || busy) return;
        setBusy(true);
        onCreate(name.trim(), kind).catch(() => setBusy(false));
      }}
      onKeyDown={(event) => {
        if (event.key === 'Escape') {
          event.preventDefault();
          onCancel();
        }
      }}
    >
      <input
        className="input"
        aria-label="Name of the new entity"
        placeholder="Name"
        value={name}
        autoFocus
        onChange={(event) => setName(event.target.value)}
      />
      <select
        className="select"
        aria-label="Kind of the new entity"
        value={kind}
        onChange={(event) => setKind(event.target.value as EntityKind)}
      >
        <KindOptions />
      </select>
      <div className="entity-new-actions">
        <button type="button" className="button button-small" onClick={onCancel}>
          Cancel
        </button>
        <button
          type="submit"
          className="button button-small button-primary"
          disabled={!name.trim() || busy}
        >
          Create
        </button>
      </div>
    </form>
  );
}
