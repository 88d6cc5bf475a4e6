import { useCallback, useEffect, useMemo, useRef, useState, useSyncExternalStore } from 'react';
import type { Annotation, GlossDocument, HistoryEntry, Tag } from '../../core/domain';
import { errorMessage, useApp } from '../app-context';
import type { DescribeTag } from '../editor/article-view';
import { IS_MAC, isCommand, isTypingTarget } from '../hooks';
import { projectHistory } from '../project-history';
import { ReaderSession } from '../reader-session';
import { useRevealRequests } from '../reveal-intent';
import { AnnotationPanel } from './AnnotationPanel';
import { ArticlePane } from './ArticlePane';
import { ConfirmDialog } from './Dialog';
import { DocumentDetailsDialog } from './DocumentDetailsDialog';
import { useShownDocument } from './DocumentDetailsForm';
import { MemosPanel, useMemosShortcut } from './MemosPanel';
import { OrphansPanel } from './OrphansPanel';
import { ReaderOccurrences } from './ReaderOccurrences';
import { ReaderTopBar } from './ReaderTopBar';
import { RelationPickerHost } from './RelationPicker';
import { useReaderRelations } from './RelationsSection';

/** Two triggers of the same undo within this time (the key and the menu) count once. */
const DUPLICATE_COMMAND_MS = 250;

/** The reader of one document: loads it with its annotations, then shows the `Reader`. */
export function ReaderView({
  documentId,
  onBack,
  focusAnnotationId,
}: {
  documentId: string;
  onBack: () => void;
  /** An annotation to choose and scroll to once the document is open (from an entity page). */
  focusAnnotationId?: string;
}) {
  const { api } = useApp();
  const [loaded, setLoaded] = useState<{
    doc: GlossDocument;
    annotations: Annotation[];
    history: HistoryEntry[];
  } | null>(null);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    let cancelled = false;
    Promise.all([
      api.getDocument({ id: documentId }),
      api.listAnnotations({ documentId }),
      // The undo history survives closing the document; without it, undo starts empty.
      api.listHistory({ documentId }).catch(() => []),
    ]).then(
      ([doc, annotations, history]) => !cancelled && setLoaded({ doc, annotations, history }),
      (e: unknown) => !cancelled && setError(errorMessage(e)),
    );
    return () => {
      cancelled = true;
    };
  }, [api, documentId]);

  if (!loaded) {
    return (
      <>
        <ReaderTopBar title={error ? 'Document not available' : 'Loading…'} onBack={onBack} />
        <main className="reader-message">
          {error ? (
            <p role="alert" className="inline-error">
              Could not open the document: {error}
            </p>
          ) : (
            <p className="muted">Loading…</p>
          )}
        </main>
      </>
    );
  }
  // Keyed by the document: another version (a saved or undone text edit) is a new session.
  return (
    <Reader
      key={loaded.doc.id}
      doc={loaded.doc}
      initial={loaded.annotations}
      history={loaded.history}
      onBack={onBack}
      focusAnnotationId={focusAnnotationId}
    />
  );
}

function Reader({
  doc,
  initial,
  history,
  onBack,
  focusAnnotationId,
}: {
  doc: GlossDocument;
  initial: Annotation[];
  history: HistoryEntry[];
  onBack: () => void;
  focusAnnotationId?: string;
}) {
  const {
    api,
    shell,
    tags,
    tagById,
    save,
    notify,
    openExport,
    openDocument,
    openEntities,
    openCodebook,
  } = useApp();
  const [hiddenTags, setHiddenTags] = useState<ReadonlySet<string>>(() => new Set());
  const [detailsOpen, setDetailsOpen] = useState(false);

  // One session per opened document; `initial` and the services do not change while it is open.
  const [session] = useState(
    () =>
      new ReaderSession(
        {
          api,
          documentId: doc.id,
          tags,
          save,
          focusNote: () => document.getElementById('annotation-note')?.focus(),
          hint: (message) => notify({ kind: 'info', title: message }),
          revealTag: (tagId) =>
            setHiddenTags((hidden) => {
              if (!hidden.has(tagId)) return hidden;
              const next = new Set(hidden);
              next.delete(tagId);
              return next;
            }),
          openVersion: (id) => openDocument(id, true),
        },
        initial,
        history,
      ),
  );
  const snapshot = useSyncExternalStore(session.subscribe, session.getSnapshot);
  // Relations (listed on the cards, marked in the article), memos, and the editable title.
  useReaderRelations(session);
  const [memos, setMemos] = useState<{ focusId: string | null } | null>(null);
  const [shown, applyDetails] = useShownDocument(doc, session);
  // A search hit (or a relation) in this document: reveal the span, or open the memos.
  useRevealRequests(doc.id, (request) => {
    if (request.annotationId) session.choose(request.annotationId, { reveal: true });
    if (request.memoId) setMemos({ focusId: request.memoId });
  });
  useMemosShortcut(() => setMemos((open) => (open ? null : { focusId: null })));

  const describe = useCallback<DescribeTag>(
    (tagId) => {
      const tag = tagById.get(tagId);
      return tag ? { name: tag.name, color: tag.color } : { name: 'Unknown tag', color: '#888888' };
    },
    [tagById],
  );

  useUndoShortcuts(session, shell);
  useCodebookChanges(session, tags);

  // Opened at an annotation (a mention on an entity page): choose it and scroll to it. An effect
  // runs after the article pane's layout effect has attached the article to the session.
  useEffect(() => {
    if (focusAnnotationId) session.choose(focusAnnotationId, { reveal: true });
  }, [session, focusAnnotationId]);
  useTextEditShortcut(session, snapshot.editing && snapshot.textChanged);

  useEffect(() => {
    // The window's title (and the task bar's) names the open document.
    document.title = `${shown.title} — Gloss`;
    return () => {
      document.title = 'Gloss';
    };
  }, [shown.title]);

  const visibleAnnotations = useMemo(
    () => snapshot.annotations.filter((a) => !hiddenTags.has(a.tagId)),
    [snapshot.annotations, hiddenTags],
  );

  const toggleTag = useCallback((tagId: string) => {
    setHiddenTags((current) => {
      const next = new Set(current);
      if (!next.delete(tagId)) next.add(tagId);
      return next;
    });
  }, []);

  return (
    <>
      <ReaderTopBar
        title={shown.title}
        // An unsaved text edit is not left behind without asking.
        onBack={() => (snapshot.textChanged ? session.cancelTextEdit() : onBack())}
        tools={{
          tags,
          hasSelection: snapshot.hasSelection,
          // While the text is edited, undo and redo are the text's own (always offered).
          canUndo: snapshot.editing || snapshot.canUndo,
          canRedo: snapshot.editing || snapshot.canRedo,
          onTag: (tag) => session.tagSelection(tag),
          onUndo: () => session.undo(),
          onRedo: () => session.redo(),
          onExport: () => openExport(doc.id),
          onDetails: () => setDetailsOpen(true),
          memosOpen: memos !== null,
          onMemos: () => setMemos((open) => (open ? null : { focusId: null })),
          onEntities: () => openEntities(),
          onCodebook: openCodebook,
          textEdit: {
            editing: snapshot.editing,
            changed: snapshot.textChanged,
            saving: snapshot.savingText,
            onEdit: () => session.startTextEdit(),
            onSave: () => void session.saveTextEdit(),
            onCancel: () => session.cancelTextEdit(),
          },
        }}
      />
      <div className="reader">
        <ArticlePane
          doc={doc}
          session={session}
          describe={describe}
          hiddenTags={hiddenTags}
          banner={
            <>
              {snapshot.editing && <EditBanner />}
              <OrphansPanel session={session} documentId={doc.id} revision={snapshot.revision} />
            </>
          }
        />
        <AnnotationPanel
          annotations={visibleAnnotations}
          total={snapshot.annotations}
          activeId={snapshot.activeId}
          hiddenTags={hiddenTags}
          onToggleTag={toggleTag}
          session={session}
        />
      </div>
      <ConfirmDialog
        open={snapshot.confirmingDiscard}
        title="Discard your changes to the text?"
        message="The text goes back to how it was before you began editing. Nothing was saved."
        confirmLabel="Discard changes"
        onConfirm={() => session.cancelTextEdit({ discard: true })}
        onCancel={() => session.keepEditing()}
      />
      <ReaderOccurrences session={session} />
      {detailsOpen && (
        <DocumentDetailsDialog
          doc={shown}
          session={session}
          onSaved={applyDetails}
          onClose={() => setDetailsOpen(false)}
          onOpenVersion={(id) => openDocument(id, true)}
        />
      )}
      <RelationPickerHost session={session} />
      {memos && (
        <MemosPanel
          scope={{ kind: 'document', session }}
          focusMemoId={memos.focusId}
          onClose={() => setMemos(null)}
        />
      )}
    </>
  );
}

/** What edit mode is and how it ends, in a strip above the article while it is on. */
function EditBanner() {
  return (
    <div className="edit-banner" role="status">
      <strong>Editing the text.</strong>
      <span>
        Highlights follow your edits; annotations whose text you delete are kept as orphans.{' '}
        <kbd>{IS_MAC ? '⌘' : 'Ctrl+'}Enter</kbd> saves a new version, <kbd>Esc</kbd> cancels.
      </span>
    </div>
  );
}

/**
 * F2 starts editing the text (outside text fields and dialogs); while an edit is unsaved,
 * closing or reloading the page asks first.
 */
function useTextEditShortcut(session: ReaderSession, unsaved: boolean) {
  useEffect(() => {
    if (!unsaved) return;
    const onBeforeUnload = (event: BeforeUnloadEvent) => event.preventDefault();
    window.addEventListener('beforeunload', onBeforeUnload);
    return () => window.removeEventListener('beforeunload', onBeforeUnload);
  }, [unsaved]);
  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (event.key !== 'F2' || event.ctrlKey || event.metaKey || event.altKey) return;
      if (isTypingTarget(event.target) || document.querySelector('dialog[open]')) return;
      event.preventDefault();
      session.startTextEdit();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [session]);
}

/**
 * Keeps the session in step with the codebook: new hotkeys tag at once, recoloured tags redraw,
 * and after a merge, delete, move or undo of one in the codebook (which moves annotations and
 * carries values) the document's annotations are read again.
 */
function useCodebookChanges(session: ReaderSession, tags: readonly Tag[]) {
  const { api } = useApp();
  useEffect(() => session.updateTags(tags), [session, tags]);
  useEffect(
    () =>
      projectHistory(api).onApplied((effect) => {
        if (effect.calls.some((call) => MOVES_ANNOTATIONS.has(call.method))) {
          session.refresh().catch(() => undefined);
        }
      }),
    [api, session],
  );
}

/** Codebook methods after which annotations may have another tag or more values. */
const MOVES_ANNOTATIONS = new Set(['mergeTags', 'deleteTag', 'restoreTag', 'moveTag']);

/**
 * Ctrl/Cmd+Z undoes; Ctrl/Cmd+Shift+Z and Ctrl+Y redo; the desktop menu's Undo and Redo do the
 * same. In text fields (the note) the keys keep their native meaning.
 */
function useUndoShortcuts(session: ReaderSession, shell: ReturnType<typeof useApp>['shell']) {
  const last = useRef({ at: 0, source: '' });
  useEffect(() => {
    // A menu accelerator and the page can both see one key press: run it once.
    const run = (command: 'undo' | 'redo', source: string) => {
      const now = performance.now();
      if (last.current.source !== source && now - last.current.at < DUPLICATE_COMMAND_MS) return;
      last.current = { at: now, source };
      if (command === 'undo') session.undo();
      else session.redo();
    };
    const onKey = (event: KeyboardEvent) => {
      if (isTypingTarget(event.target) || !isCommand(event)) return;
      if (document.querySelector('dialog[open]')) return; // Not behind a modal dialog.
      const key = event.key.toLowerCase();
      if (key === 'z' || (key === 'y' && !event.shiftKey)) {
        event.preventDefault();
        run(key === 'z' && !event.shiftKey ? 'undo' : 'redo', 'key');
      }
    };
    window.addEventListener('keydown', onKey);
    const unsubscribe = shell?.onMenuCommand((command) => {
      if (command !== 'undo' && command !== 'redo') return;
      // The menu's accelerator also fires in the note field, where it means the text's own undo.
      if (isTypingTarget(document.activeElement)) document.execCommand(command);
      else run(command, 'menu');
    });
    return () => {
      window.removeEventListener('keydown', onKey);
      unsubscribe?.();
    };
  }, [session, shell]);
}
