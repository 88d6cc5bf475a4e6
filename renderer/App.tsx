import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import type { AttributeDef, Tag } from '../core/domain';
import { GlossError } from '../core/errors';
import { AppContext, errorMessage } from './app-context';
import type { AppServices, Notice, SaveStatus } from './app-context';
import { CodebookDialog } from './components/CodebookDialog';
import { DropOverlay } from './components/DropOverlay';
import { EntitiesView } from './components/EntitiesView';
import { ExportDialog } from './components/ExportDialog';
import { ImportLayer } from './components/ImportLayer';
import { ImportProgress } from './components/ImportProgress';
import { LibraryView } from './components/LibraryView';
import { NoTokenScreen } from './components/NoTokenScreen';
import { Notices } from './components/Notices';
import { ReaderView } from './components/ReaderView';
import { SEARCH_SHORTCUT, SearchView, useSearchShortcut } from './components/SearchView';
import { RecoveryScreen } from './components/RecoveryScreen';
import { RestoreDialog, takeRestoredNotice } from './components/RestoreDialog';
import { StatusBar } from './components/StatusBar';
import { isCommand, PASTE_SHORTCUT, useFileDrop, useLatest } from './hooks';
import { useImportController } from './import-controller';
import { projectHistory } from './project-history';
import { orderTags } from './tags';
import { applyTheme, rememberTheme, storedTheme, systemTheme } from './theme';
import type { Theme } from './theme';
import { forgetToken } from './transport';
import type { Connection } from './transport';

type Route =
  | { view: 'library' }
  | { view: 'reader'; documentId: string; focusId?: string }
  | { view: 'entities'; entityId: string | null };

/** The key under which a history entry remembers the open document. */
const HISTORY_KEY = 'glossDocument';
/** … the annotation to choose when the document opens (from an entity's mentions). */
const FOCUS_KEY = 'glossFocus';
/** … that the entities view is open, and on which entity ('' for none). */
const ENTITIES_KEY = 'glossEntities';

function entitiesInHistory(): string | null {
  const state = history.state as Record<string, unknown> | null;
  const id = state?.[ENTITIES_KEY];
  return typeof id === 'string' ? id : null;
}

function readerInHistory(): string | null {
  const state = history.state as Record<string, unknown> | null;
  const id = state?.[HISTORY_KEY];
  return typeof id === 'string' ? id : null;
}

function routeFromHistory(): Route {
  const entityId = entitiesInHistory();
  if (entityId !== null) return { view: 'entities', entityId: entityId || null };
  const documentId = readerInHistory();
  const focus = (history.state as Record<string, unknown> | null)?.[FOCUS_KEY];
  if (!documentId) return { view: 'library' };
  return typeof focus === 'string'
    ? { view: 'reader', documentId, focusId: focus }
    : { view: 'reader', documentId };
}

/** Methods of the codebook area: a history step that calls one changes the tags or attributes. */
const CODEBOOK_CALL = /Tag$|Tags$|AttributeDef$/;

/** How long an information notice stays; errors stay until dismissed. */
const INFO_NOTICE_MS = 7000;

/**
 * The app shell: loads the codebook, routes between the library and the reader, and owns what
 * every view shares — the status line, notices, theme, import (picker, native dialog,
 * drag-and-drop) and the export dialog.
 */
export function App({ connection }: { connection: Connection }) {
  const { api, shell } = connection;
  const [tags, setTags] = useState<Tag[] | null>(null);
  const [tagsError, setTagsError] = useState<unknown>(null);
  const [route, setRoute] = useState<Route>(routeFromHistory);
  const [theme, setTheme] = useState<Theme>(() => storedTheme() ?? systemTheme());
  const [status, setStatus] = useState<SaveStatus>({ kind: 'idle' });
  const [notices, setNotices] = useState<Notice[]>([]);
  const [exportScope, setExportScope] = useState<{ documentId: string | null } | null>(null);
  const [libraryVersion, setLibraryVersion] = useState(0);
  const [attributeDefs, setAttributeDefs] = useState<AttributeDef[]>([]);
  const [codebookOpen, setCodebookOpen] = useState(false);
  const [restoreOpen, setRestoreOpen] = useState(false);
  const pendingWrites = useRef(0);
  const nextNoticeId = useRef(1);

  const loadTags = useCallback(() => {
    setTagsError(null);
    api.listTags({}).then(
      (list) => setTags(orderTags(list)),
      (error: unknown) => setTagsError(error ?? new Error('unknown error')),
    );
  }, [api]);
  useEffect(loadTags, [loadTags]);

  // The codebook: tags and attribute definitions read together, after any change to them.
  const reloadTags = useCallback(async () => {
    const [list, defs] = await Promise.all([api.listTags({}), api.listAttributeDefs({})]);
    setTags(orderTags(list));
    setAttributeDefs(defs);
  }, [api]);
  useEffect(() => {
    api.listAttributeDefs({}).then(setAttributeDefs, () => undefined);
  }, [api]);
  useEffect(
    // A codebook step done, undone or redone (in the codebook dialog or elsewhere) reloads it.
    () =>
      projectHistory(api).onApplied((effect) => {
        if (effect.calls.some((call) => CODEBOOK_CALL.test(call.method))) {
          reloadTags().catch(() => undefined);
        }
      }),
    [api, reloadTags],
  );
  const openCodebook = useCallback(() => setCodebookOpen(true), []);
  // Search (Ctrl+Shift+F): the project's quotes, notes, memos and titles.
  const [searchOpen, setSearchOpen] = useState(false);
  const openSearch = useCallback(() => setSearchOpen(true), []);
  useSearchShortcut(openSearch);
  useEffect(() => {
    // Ctrl/Cmd+Shift+K: the codebook, from the library, the reader or the entities view.
    const onKey = (event: KeyboardEvent) => {
      if (!isCommand(event) || !event.shiftKey || event.key.toLowerCase() !== 'k') return;
      if (document.querySelector('dialog[open]')) return;
      event.preventDefault();
      setCodebookOpen(true);
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);

  useEffect(() => applyTheme(theme), [theme]);
  useEffect(() => {
    // Follow the system's theme until the user picks one.
    const query = window.matchMedia?.('(prefers-color-scheme: dark)');
    const follow = () => {
      if (!storedTheme()) setTheme(systemTheme());
    };
    query?.addEventListener('change', follow);
    return () => query?.removeEventListener('change', follow);
  }, []);

  const dismiss = useCallback((id: number) => {
    setNotices((list) => list.filter((n) => n.id !== id));
  }, []);

  const notify = useCallback(
    (notice: Omit<Notice, 'id'>) => {
      const id = nextNoticeId.current++;
      setNotices((list) => [...list.slice(-4), { ...notice, id }]);
      if (notice.kind === 'info') setTimeout(() => dismiss(id), INFO_NOTICE_MS);
    },
    [dismiss],
  );

  const reportError = useCallback(
    (error: unknown, context: string) => {
      notify({ kind: 'error', title: `${context}: ${errorMessage(error)}` });
    },
    [notify],
  );

  const save = useCallback(
    async <T,>(write: () => Promise<T>, done = 'Saved'): Promise<T> => {
      pendingWrites.current++;
      setStatus({ kind: 'saving' });
      try {
        const result = await write();
        pendingWrites.current--;
        if (pendingWrites.current === 0) setStatus({ kind: 'saved', message: done });
        return result;
      } catch (error) {
        pendingWrites.current--;
        setStatus({ kind: 'error', message: errorMessage(error) });
        reportError(error, 'Could not save');
        throw error;
      }
    },
    [reportError],
  );

  const openExport = useCallback((documentId: string | null) => setExportScope({ documentId }), []);
  const openRestore = useCallback(() => setRestoreOpen(true), []);

  useEffect(() => {
    // After a restore the app reloads on the restored project; say what happened.
    const restored = takeRestoredNotice();
    if (restored) notify({ kind: 'info', title: restored });
  }, [notify]);

  const toggleTheme = useCallback(() => {
    setTheme((current) => {
      const next = current === 'dark' ? 'light' : 'dark';
      rememberTheme(next);
      return next;
    });
  }, []);

  const routeRef = useLatest(route);

  // Opening a document pushes a history entry, so Back (the browser's, a mouse's back button,
  // Alt+←) returns to the library, and a reload reopens the document. A new version of the open
  // document replaces its entry instead: Back should not return to the superseded one.
  const openDocument = useCallback((documentId: string, replace = false) => {
    const entry = { [HISTORY_KEY]: documentId };
    if (replace && readerInHistory()) history.replaceState(entry, '');
    else history.pushState(entry, '');
    setRoute({ view: 'reader', documentId });
  }, []);

  const openAnnotation = useCallback((documentId: string, annotationId: string) => {
    history.pushState({ [HISTORY_KEY]: documentId, [FOCUS_KEY]: annotationId }, '');
    setRoute({ view: 'reader', documentId, focusId: annotationId });
  }, []);

  // The entities view is a history entry too: Back returns to where it was opened from. Moving
  // between entities inside it replaces the entry, so Back leaves the view in one step.
  const openEntities = useCallback((entityId?: string | null) => {
    const entry = { [ENTITIES_KEY]: entityId ?? '' };
    if (entitiesInHistory() !== null) history.replaceState(entry, '');
    else history.pushState(entry, '');
    setRoute({ view: 'entities', entityId: entityId ?? null });
  }, []);

  const libraryChanged = useCallback(() => setLibraryVersion((v) => v + 1), []);
  const imports = useImportController({
    api,
    shell,
    save,
    notify,
    reportError,
    onImported: libraryChanged,
    openDocument,
  });
  const { startImport, startFolderImport, openPaste, options: importOptions } = imports;
  const setImportOptions = imports.setOptions;
  const dragging = useFileDrop(imports.importDropped);

  const backToLibrary = useCallback(() => {
    if (readerInHistory() || entitiesInHistory() !== null) history.back();
    else setRoute({ view: 'library' });
  }, []);
  useEffect(() => {
    const onPop = () => setRoute(routeFromHistory());
    window.addEventListener('popstate', onPop);
    return () => window.removeEventListener('popstate', onPop);
  }, []);

  useEffect(() => {
    if (!shell) return;
    return shell.onMenuCommand((command) => {
      if (command === 'import') startImport();
      if (command === 'import-folder') startFolderImport();
      const current = routeRef.current;
      if (command === 'export') openExport(current.view === 'reader' ? current.documentId : null);
      if (command === 'restore-backup') openRestore();
    });
  }, [shell, startImport, startFolderImport, openExport, openRestore, routeRef]);

  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (event.altKey && event.key === 'ArrowLeft' && routeRef.current.view !== 'library') {
        event.preventDefault();
        backToLibrary();
      } else if (
        isCommand(event) &&
        event.shiftKey &&
        event.key.toLowerCase() === 'e' &&
        !document.querySelector('dialog[open]')
      ) {
        // Ctrl/Cmd+Shift+E: the entities view, and back out of it.
        event.preventDefault();
        if (routeRef.current.view === 'entities') backToLibrary();
        else openEntities(null);
      } else if (!shell && isCommand(event) && event.key.toLowerCase() === 'o') {
        // Browser mode only: on desktop the application menu owns Ctrl+O.
        event.preventDefault();
        startImport();
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [shell, startImport, routeRef, backToLibrary, openEntities]);

  // Its own memo: the article view depends on it and must not be rebuilt when the theme changes.
  const tagById = useMemo(() => new Map((tags ?? []).map((t) => [t.id, t])), [tags]);

  const services = useMemo<AppServices | null>(() => {
    if (!tags) return null;
    return {
      api,
      shell,
      tags,
      tagById,
      attributeDefs,
      reloadTags,
      openCodebook,
      theme,
      toggleTheme,
      save,
      reportError,
      notify,
      startImport,
      startFolderImport,
      openPaste,
      importOptions,
      setImportOptions,
      openExport,
      openRestore,
      openDocument,
      openAnnotation,
      openEntities,
      openSearch,
      libraryVersion,
      refreshLibrary: libraryChanged,
    };
  }, [
    api,
    shell,
    tags,
    tagById,
    attributeDefs,
    reloadTags,
    openCodebook,
    theme,
    toggleTheme,
    save,
    reportError,
    notify,
    startImport,
    startFolderImport,
    openPaste,
    importOptions,
    setImportOptions,
    openExport,
    openRestore,
    openDocument,
    openAnnotation,
    openEntities,
    openSearch,
    libraryVersion,
    libraryChanged,
  ]);

  if (!services) {
    if (tagsError instanceof GlossError && tagsError.code === 'unauthorized') {
      // A token from an earlier run of the server (kept by this tab): it is of no more use.
      forgetToken();
      return <NoTokenScreen expired />;
    }
    if (tagsError instanceof GlossError && tagsError.code === 'damaged') {
      // The project file is damaged: say what happened and offer its newest good backup.
      return <RecoveryScreen api={api} error={tagsError} />;
    }
    return (
      <main className="splash">
        <h1 className="splash-title">Gloss</h1>
        {tagsError ? (
          <div role="alert" className="splash-error">
            <p>Gloss could not load the project: {errorMessage(tagsError)}</p>
            <button type="button" className="button" onClick={loadTags}>
              Try again
            </button>
          </div>
        ) : (
          <p className="splash-text">Loading…</p>
        )}
      </main>
    );
  }

  return (
    <AppContext.Provider value={services}>
      <div className="app">
        {route.view === 'library' ? (
          <LibraryView onOpen={openDocument} />
        ) : route.view === 'entities' ? (
          <EntitiesView entityId={route.entityId} onBack={backToLibrary} />
        ) : (
          <ReaderView
            key={`${route.documentId}:${route.focusId ?? ''}`}
            documentId={route.documentId}
            focusAnnotationId={route.focusId}
            onBack={backToLibrary}
          />
        )}
        <StatusBar status={status}>
          {route.view === 'entities' ? (
            <>
              <kbd>/</kbd> filter · <kbd>↑</kbd>
              <kbd>↓</kbd> choose · <kbd>Ctrl</kbd>+<kbd>Z</kbd> undo · <kbd>Alt</kbd>+<kbd>←</kbd>{' '}
              back
            </>
          ) : route.view === 'library' ? (
            <>
              <kbd>/</kbd> filter · <kbd>Enter</kbd> open · <kbd>{PASTE_SHORTCUT}</kbd> paste as new
              document · <kbd>{SEARCH_SHORTCUT}</kbd> search · drop files or folders anywhere to
              import
            </>
          ) : (
            <>
              Select text, then{' '}
              {services.tags
                .filter((t) => t.hotkey && t.parentId === null)
                .map((t) => (
                  <kbd key={t.id} title={t.name}>
                    {t.hotkey!.toUpperCase()}
                  </kbd>
                ))}{' '}
              to tag · <kbd>Enter</kbd> annotation at caret · <kbd>N</kbd> note · <kbd>Alt</kbd>+
              <kbd>R</kbd> relate · <kbd>Alt</kbd>+<kbd>A</kbd> all occurrences ·{' '}
              <kbd>{SEARCH_SHORTCUT}</kbd> search · <kbd>Alt</kbd>+<kbd>←</kbd> library
            </>
          )}
        </StatusBar>
      </div>
      <Notices notices={notices} onDismiss={dismiss}>
        {imports.run && imports.progressShown && <ImportProgress run={imports.run} />}
      </Notices>
      {exportScope && (
        <ExportDialog
          open
          documentId={exportScope.documentId}
          onClose={() => setExportScope(null)}
        />
      )}
      {codebookOpen && <CodebookDialog onClose={() => setCodebookOpen(false)} />}
      {searchOpen && (
        <SearchView
          onClose={() => setSearchOpen(false)}
          currentDocumentId={route.view === 'reader' ? route.documentId : null}
          openLibrary={backToLibrary}
        />
      )}
      {restoreOpen && <RestoreDialog open onClose={() => setRestoreOpen(false)} />}
      {dragging && <DropOverlay />}
      <ImportLayer imports={imports} openDocument={openDocument} />
    </AppContext.Provider>
  );
}
