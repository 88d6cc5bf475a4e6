import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import type { DocumentSummary } from '../../core/domain';
import { foldForSearch } from '../../core/fold';
import { errorMessage, useApp } from '../app-context';
import { filteredListKeys } from '../filtered-list-keys';
import { useRevealRequests } from '../reveal-intent';
import { IS_MAC, isCommand, isTypingTarget, PASTE_SHORTCUT } from '../hooks';
import { ConfirmDialog } from './Dialog';
import { DocumentRow } from './DocumentRow';
import { DocumentIcon, ExportIcon, ImportIcon, SearchIcon } from './icons';
import { describeImportOptions, ImportMenu } from './ImportMenu';
import { MemosPanel, useMemosShortcut } from './MemosPanel';
import { SearchButton } from './SearchView';
import { ThemeToggle } from './ThemeToggle';

/**
 * The library: every document of the project with its annotation counts, a title filter,
 * import (files, folders, a paste; with options) and export, and deletion behind a confirmation.
 */
export function LibraryView({ onOpen }: { onOpen: (documentId: string) => void }) {
  const app = useApp();
  const { api, save, notify, startImport, openPaste, openExport, libraryVersion } = app;
  const { openEntities } = app;
  const { importOptions, setImportOptions } = app;
  const [documents, setDocuments] = useState<DocumentSummary[] | null>(null);
  const [loadError, setLoadError] = useState<string | null>(null);
  const [filter, setFilter] = useState('');
  const [projectName, setProjectName] = useState<string | null>(null);
  const [readOnly, setReadOnly] = useState(false);
  const [toDelete, setToDelete] = useState<DocumentSummary | null>(null);
  const filterRef = useRef<HTMLInputElement>(null);
  // The project's memos (Ctrl+Shift+M), and a search hit in one of them.
  const [memos, setMemos] = useState<{ focusId: string | null } | null>(null);
  useMemosShortcut(() => setMemos((open) => (open ? null : { focusId: null })));
  useRevealRequests(null, (request) => {
    if (request.memoId) setMemos({ focusId: request.memoId });
  });
  const listRef = useRef<HTMLUListElement>(null);

  const load = useCallback(() => {
    api.listDocuments({}).then(
      (list) => {
        setDocuments([...list].sort((a, b) => b.importedAt.localeCompare(a.importedAt)));
        setLoadError(null);
      },
      (error: unknown) => setLoadError(errorMessage(error)),
    );
  }, [api]);
  useEffect(load, [load, libraryVersion]);

  useEffect(() => {
    api.getProjectInfo({}).then(
      (info) => {
        setProjectName(info.projectPath.split(/[\\/]/).pop() || null);
        setReadOnly(info.readOnly === true);
      },
      () => setProjectName(null), // Only a label: the library works without it.
    );
  }, [api]);

  useEffect(() => {
    // "/" or Ctrl+F jumps to the filter, as in mail clients and code hosts.
    const onKey = (event: KeyboardEvent) => {
      const slash = event.key === '/' && !event.ctrlKey && !event.metaKey && !event.altKey;
      // (Ctrl/Cmd+Shift+F is the project search, not the title filter.)
      const find = isCommand(event) && !event.shiftKey && event.key.toLowerCase() === 'f';
      // Ctrl/Cmd+Shift+V: paste as a new document (in a text field it keeps its own meaning).
      const paste = isCommand(event) && event.shiftKey && event.key.toLowerCase() === 'v';
      if ((slash && !isTypingTarget(event.target)) || find) {
        event.preventDefault();
        filterRef.current?.focus();
        filterRef.current?.select();
      } else if (
        paste &&
        !isTypingTarget(event.target) &&
        !document.querySelector('dialog[open]')
      ) {
        event.preventDefault();
        openPaste();
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [openPaste]);

  const visible = useMemo(() => {
    // Folded like the service's search: "zurich" finds "Zürich", "ё" finds "е".
    const needle = foldForSearch(filter.trim());
    if (!documents || !needle) return documents ?? [];
    return documents.filter((d) => foldForSearch(d.title).includes(needle));
  }, [documents, filter]);

  async function confirmDelete(doc: DocumentSummary) {
    setToDelete(null);
    try {
      await save(() => api.deleteDocument({ id: doc.id }));
      notify({ kind: 'info', title: `Deleted “${doc.title}”` });
      setDocuments((list) => list?.filter((d) => d.id !== doc.id) ?? null);
      filterRef.current?.focus();
    } catch {
      // save() already reported it.
    }
  }

  const { onFilterKey, onListKey } = filteredListKeys({
    filterRef,
    listRef,
    rowSelector: '.doc-open',
    filter,
    clearFilter: () => setFilter(''),
    openFirst: () => {
      if (visible[0]) onOpen(visible[0].id);
    },
  });

  const count = documents?.length ?? 0;
  const optionsSet = describeImportOptions(importOptions);
  return (
    <>
      <header className="topbar">
        <div className="brand">
          <span className="brand-mark" aria-hidden="true" />
          <span className="brand-name">Gloss</span>
          {projectName && <span className="brand-project">{projectName}</span>}
          {readOnly && (
            <span
              className="brand-readonly"
              title="This project is on a read-only disk or folder: you can read it, not change it."
            >
              Read-only
            </span>
          )}
        </div>
        <div className="search-field">
          <SearchIcon />
          <input
            ref={filterRef}
            type="search"
            className="search-input"
            aria-label="Filter documents"
            placeholder="Filter by title"
            value={filter}
            onChange={(event) => setFilter(event.target.value)}
            onKeyDown={onFilterKey}
          />
          <kbd className="search-kbd" aria-hidden="true">
            /
          </kbd>
        </div>
        <div className="topbar-actions">
          <div className="import-split">
            <button type="button" className="button button-primary" onClick={startImport}>
              <ImportIcon />
              Import
            </button>
            <ImportMenu />
          </div>
          <button
            type="button"
            className="button"
            onClick={() => openExport(null)}
            disabled={count === 0}
          >
            <ExportIcon />
            Export…
          </button>
          <button
            type="button"
            className="button"
            title={`Entities: the registry of people, organisations, places (${IS_MAC ? '⇧⌘E' : 'Ctrl+Shift+E'})`}
            onClick={() => openEntities()}
          >
            Entities
          </button>
          <button
            type="button"
            className="button"
            title={`Codebook: tags, hotkeys and attributes (${IS_MAC ? '⇧⌘K' : 'Ctrl+Shift+K'})`}
            onClick={() => app.openCodebook()}
          >
            Codebook
          </button>
          <button
            type="button"
            className="button"
            aria-pressed={memos !== null}
            title={`Project memos: the case, its questions, what is left to do (${IS_MAC ? '⇧⌘M' : 'Ctrl+Shift+M'})`}
            onClick={() => setMemos((open) => (open ? null : { focusId: null }))}
          >
            Memos
          </button>
          <SearchButton />
          <button
            type="button"
            className="button"
            title="Restore from backup: the project's backups, and backing up now"
            onClick={app.openRestore}
          >
            Backups…
          </button>
          <ThemeToggle />
        </div>
      </header>
      <main className="library" aria-labelledby="library-heading">
        <div className="library-inner">
          <div className="library-heading-row">
            <h1 id="library-heading" className="library-heading">
              Library
            </h1>
            {documents && documents.length > 0 && (
              <span className="library-count">
                {filter.trim() ? `${visible.length} of ${count}` : count}{' '}
                {count === 1 ? 'document' : 'documents'}
              </span>
            )}
            {optionsSet.length > 0 && (
              <span className="next-import">
                Next imports: {optionsSet.join(' · ')}
                <button
                  type="button"
                  className="button button-small button-ghost"
                  onClick={() => setImportOptions({})}
                >
                  Reset import options
                </button>
              </span>
            )}
          </div>
          {loadError && (
            <div role="alert" className="inline-error">
              Could not load the library: {loadError}{' '}
              <button type="button" className="button button-small" onClick={load}>
                Try again
              </button>
            </div>
          )}
          {documents === null && !loadError && <p className="muted">Loading…</p>}
          {documents !== null && documents.length === 0 && <EmptyLibrary />}
          {documents !== null && documents.length > 0 && visible.length === 0 && (
            <p className="muted library-nomatch">No documents match “{filter.trim()}”.</p>
          )}
          {visible.length > 0 && (
            <ul ref={listRef} className="doc-list" aria-label="Documents" onKeyDown={onListKey}>
              {visible.map((doc) => (
                <DocumentRow key={doc.id} document={doc} onOpen={onOpen} onDelete={setToDelete} />
              ))}
            </ul>
          )}
        </div>
      </main>
      {memos && (
        <MemosPanel
          scope={{ kind: 'project' }}
          focusMemoId={memos.focusId}
          onClose={() => setMemos(null)}
        />
      )}
      <ConfirmDialog
        open={toDelete !== null}
        title="Delete document?"
        message={
          toDelete && (
            <>
              “{toDelete.title}” and its annotations will be removed from this project. Exports you
              already made are not affected.
            </>
          )
        }
        confirmLabel="Delete"
        onConfirm={() => toDelete && void confirmDelete(toDelete)}
        onCancel={() => setToDelete(null)}
      />
    </>
  );
}

function EmptyLibrary() {
  return (
    <div className="empty-state">
      <div className="empty-state-icon">
        <DocumentIcon />
      </div>
      <h2 className="empty-state-title">Your library is empty</h2>
      <p>
        Import articles to start reading closely: web pages (HTML, MHTML), Word, PDF, EPUB, Markdown
        or plain text.
      </p>
      <p className="muted">
        Use <strong>Import</strong> at the top, drop files or whole folders anywhere in this window,
        or paste an article with <kbd>{PASTE_SHORTCUT}</kbd>. Then select a passage and tag it as a
        claim, an entity or an opinion.
      </p>
    </div>
  );
}
