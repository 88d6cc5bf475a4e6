import { useCallback, useEffect, useMemo, useRef, useState, useSyncExternalStore } from 'react';
import type { Annotation, GlossDocument } from '../../core/domain';
import { errorMessage, useApp } from '../app-context';
import type { DescribeTag } from '../editor/article-view';
import { isCommand, isTypingTarget } from '../hooks';
import { ReaderSession } from '../reader-session';
import { AnnotationPanel } from './AnnotationPanel';
import { ArticlePane } from './ArticlePane';
import { DocumentDetailsDialog } from './DocumentDetailsDialog';
import { ReaderTopBar } from './ReaderTopBar';

/** Two triggers of the same undo within this time (the key and the menu) count once. */
const DUPLICATE_COMMAND_MS = 250;

/** The reader of one document: loads it with its annotations, then shows the `Reader`. */
export function ReaderView({ documentId, onBack }: { documentId: string; onBack: () => void }) {
  const { api } = useApp();
  const [loaded, setLoaded] = useState<{ doc: GlossDocument; annotations: Annotation[] } | null>(
    null,
  );
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    let cancelled = false;
    Promise.all([api.getDocument({ id: documentId }), api.listAnnotations({ documentId })]).then(
      ([doc, annotations]) => !cancelled && setLoaded({ doc, annotations }),
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
  return <Reader doc={loaded.doc} initial={loaded.annotations} onBack={onBack} />;
}

function Reader({
  doc,
  initial,
  onBack,
}: {
  doc: GlossDocument;
  initial: Annotation[];
  onBack: () => void;
}) {
  const { api, shell, tags, tagById, save, notify, openExport, openDocument } = useApp();
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
        },
        initial,
      ),
  );
  const snapshot = useSyncExternalStore(session.subscribe, session.getSnapshot);

  const describe = useCallback<DescribeTag>(
    (tagId) => {
      const tag = tagById.get(tagId);
      return tag ? { name: tag.name, color: tag.color } : { name: 'Unknown tag', color: '#888888' };
    },
    [tagById],
  );

  useUndoShortcuts(session, shell);

  useEffect(() => {
    // The window's title (and the task bar's) names the open document.
    document.title = `${doc.title} — Gloss`;
    return () => {
      document.title = 'Gloss';
    };
  }, [doc.title]);

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
        title={doc.title}
        onBack={onBack}
        tools={{
          tags,
          hasSelection: snapshot.hasSelection,
          canUndo: snapshot.canUndo,
          canRedo: snapshot.canRedo,
          onTag: (tag) => session.tagSelection(tag),
          onUndo: () => session.undo(),
          onRedo: () => session.redo(),
          onExport: () => openExport(doc.id),
          onDetails: () => setDetailsOpen(true),
        }}
      />
      <div className="reader">
        <ArticlePane doc={doc} session={session} describe={describe} hiddenTags={hiddenTags} />
        <AnnotationPanel
          annotations={visibleAnnotations}
          total={snapshot.annotations}
          activeId={snapshot.activeId}
          hiddenTags={hiddenTags}
          onToggleTag={toggleTag}
          session={session}
        />
      </div>
      {detailsOpen && (
        <DocumentDetailsDialog
          doc={doc}
          onClose={() => setDetailsOpen(false)}
          onOpenVersion={(id) => openDocument(id, true)}
        />
      )}
    </>
  );
}

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
