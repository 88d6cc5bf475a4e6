import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import type { RefObject } from 'react';
import type { GlossApi } from '../core/api';
import type { ImportOptions, ImportOutcome } from '../core/domain';
import type { DesktopShell } from '../core/shell';
import type { AppServices } from './app-context';
import { foundFile, uploadJob } from './files';
import { chooseFolderFiles, relativePathOf, walkEntries } from './folder-walk';
import type { FoundFile } from './folder-walk';
import type { Dropped } from './hooks';
import { useLatest } from './hooks';
import { ImportRun, runJob } from './import-queue';
import type { ImportJob, ImportResult, ImportRunState, SkippedFile } from './import-queue';
import { summariseImport, summariseRun, wantsResultsDialog } from './import-summary';

/** A run that ends sooner than this never shows its progress panel: one file feels instant. */
const PROGRESS_DELAY_MS = 300;
/** How often the library reloads while a long run adds documents to it. */
const LIBRARY_REFRESH_MS = 1000;

export interface ImportControllerDeps {
  api: GlossApi;
  shell: DesktopShell | null;
  save: AppServices['save'];
  notify: AppServices['notify'];
  reportError: AppServices['reportError'];
  /** Documents were added: the library reloads (at most once a second during a run). */
  onImported(): void;
  openDocument(documentId: string): void;
}

/** Everything the import UI needs: what is running, what it gave, and the actions. */
export interface ImportController {
  /** Options for the next imports (chosen in the library's "Import options"). */
  options: ImportOptions;
  setOptions(options: ImportOptions): void;
  /** The run in progress, if any, and whether it has lasted long enough to show. */
  run: ImportRun | null;
  progressShown: boolean;
  /** A finished run whose results dialog is open. */
  results: ImportRunState | null;
  closeResults(): void;
  pasteOpen: boolean;
  openPaste(): void;
  closePaste(): void;
  /** A paste became a document: report it and open it. */
  pasted(outcome: ImportOutcome): void;
  fileInput: RefObject<HTMLInputElement | null>;
  folderInput: RefObject<HTMLInputElement | null>;
  /** Import: the native dialog on desktop, the file picker in the browser. */
  startImport(): void;
  startFolderImport(): void;
  importFiles(files: readonly File[]): void;
  /** Files of a folder input (`webkitdirectory`), with their `webkitRelativePath`. */
  importFolderFiles(files: readonly File[]): void;
  importDropped(dropped: Dropped): void;
  /** Sends a duplicate's file again, as a new version of the document it matched. */
  importAsNewVersion(result: ImportResult): Promise<ImportOutcome[]>;
}

/**
 * The import controller: turns picks, drops and folders into jobs, runs them one file at a time
 * (`ImportRun`), shows progress only when a run lasts, and ends with a notice or the results
 * dialog. Lives in `App`, so an import goes on while the analyst moves between views.
 */
export function useImportController(deps: ImportControllerDeps): ImportController {
  const { api, shell, save, notify, reportError, onImported, openDocument } = deps;
  const [options, setOptions] = useState<ImportOptions>({});
  const [run, setRun] = useState<ImportRun | null>(null);
  const [progressShown, setProgressShown] = useState(false);
  const [results, setResults] = useState<ImportRunState | null>(null);
  const [pasteOpen, setPasteOpen] = useState(false);
  const fileInput = useRef<HTMLInputElement>(null);
  const folderInput = useRef<HTMLInputElement>(null);
  const current = useRef<{ run: ImportRun; finished: Promise<unknown> } | null>(null);
  const optionsRef = useLatest(options);
  const importedRef = useLatest(onImported);

  /** Reports a finished run: notices when they can say it all, else the results dialog. */
  const finish = useCallback(
    (state: ImportRunState) => {
      const summary = summariseRun(state);
      if (wantsResultsDialog(summary)) {
        // A second run ending while the first one's results are open adds to them.
        setResults((open) => (open ? mergeRuns(open, state) : state));
      } else {
        for (const notice of summariseImport(state.results.map((r) => r.outcome))) notify(notice);
      }
      if (summary.imported.length) importedRef.current();
    },
    [notify, importedRef],
  );

  const enqueue = useCallback(
    (jobs: ImportJob[], skipped: SkippedFile[]) => {
      if (!jobs.length && !skipped.length) return;
      const chosen = optionsRef.current;
      if (current.current?.run.add(jobs, chosen, skipped)) return;
      const next = new ImportRun(jobs, chosen, skipped);
      // A run being cancelled takes no more jobs: the new one starts once it has stopped.
      const before = current.current?.finished ?? Promise.resolve();
      const finished = before.then(async () => {
        current.current = { run: next, finished };
        setRun(next);
        setProgressShown(false);
        const timer = setTimeout(() => setProgressShown(true), PROGRESS_DELAY_MS);
        const stopRefresh = refreshWhileRunning(next, () => importedRef.current());
        const state = await save(() => next.run()).catch(() => next.getSnapshot());
        clearTimeout(timer);
        stopRefresh();
        if (current.current?.run === next) current.current = null;
        setRun((shownRun) => (shownRun === next ? null : shownRun));
        finish(state);
      });
      current.current = { run: next, finished };
    },
    [optionsRef, save, finish, importedRef],
  );

  const importFound = useCallback(
    (found: readonly FoundFile[], skipped: SkippedFile[]) =>
      enqueue(
        found.map((f) => uploadJob(api, f)),
        skipped,
      ),
    [api, enqueue],
  );

  const importFiles = useCallback(
    (files: readonly File[]) =>
      importFound(
        files.map((f) => foundFile(f)),
        [],
      ),
    [importFound],
  );

  const importFolderFiles = useCallback(
    (files: readonly File[]) => {
      chooseFolderFiles(files).then(
        ({ keep, skipped }) =>
          importFound(
            keep.map((f) => foundFile(f, relativePathOf(f))),
            skipped,
          ),
        (error: unknown) => reportError(error, 'Could not read the folder'),
      );
    },
    [importFound, reportError],
  );

  const importDropped = useCallback(
    (dropped: Dropped) => {
      if (!dropped.entries.length) return importFiles(dropped.files);
      walkEntries(dropped.entries).then(
        ({ files, skipped }) => importFound(files, skipped),
        (error: unknown) => reportError(error, 'Could not read what was dropped'),
      );
    },
    [importFiles, importFound, reportError],
  );

  /** The desktop's dialog imports in the main process; its outcomes are reported like a run's. */
  const importNatively = useCallback(
    (kind?: 'folder') => {
      if (!shell) return;
      const options = optionsRef.current;
      shell.importWithDialog(kind, options).then(
        (outcomes) => {
          if (!outcomes) return;
          const state: ImportRunState = {
            status: 'done',
            total: outcomes.length,
            done: outcomes.length,
            current: null,
            results: outcomes.map((outcome) => ({ outcome, options })),
            cancelled: [],
            skipped: [],
          };
          finish(state);
        },
        (error: unknown) => reportError(error, 'Import failed'),
      );
    },
    [shell, optionsRef, finish, reportError],
  );

  const startImport = useCallback(() => {
    if (shell) importNatively();
    else fileInput.current?.click();
  }, [shell, importNatively]);

  const startFolderImport = useCallback(() => {
    if (shell) importNatively('folder');
    else folderInput.current?.click();
  }, [shell, importNatively]);

  const importAsNewVersion = useCallback(
    async (result: ImportResult) => {
      if (!result.job) return [result.outcome];
      const again: ImportOptions = { ...result.options, onDuplicate: 'new-version' };
      const job = result.job;
      const outcomes = await save(() => runJob(job, again));
      if (outcomes.some((o) => o.status === 'imported')) importedRef.current();
      return outcomes;
    },
    [save, importedRef],
  );

  const pasted = useCallback(
    (outcome: ImportOutcome) => {
      if (outcome.status !== 'imported') return;
      notify({ kind: 'info', title: `Imported “${outcome.document.title}”` });
      importedRef.current();
      openDocument(outcome.document.id);
    },
    [notify, importedRef, openDocument],
  );

  // Leaving the app mid-run (closing the window) loses nothing already imported, but the
  // browser should still ask: the rest of the batch would not be imported.
  useEffect(() => {
    if (!run) return;
    const onBeforeUnload = (event: BeforeUnloadEvent) => event.preventDefault();
    window.addEventListener('beforeunload', onBeforeUnload);
    return () => window.removeEventListener('beforeunload', onBeforeUnload);
  }, [run]);

  return useMemo(
    () => ({
      options,
      setOptions,
      run,
      progressShown,
      results,
      closeResults: () => setResults(null),
      pasteOpen,
      openPaste: () => setPasteOpen(true),
      closePaste: () => setPasteOpen(false),
      pasted,
      fileInput,
      folderInput,
      startImport,
      startFolderImport,
      importFiles,
      importFolderFiles,
      importDropped,
      importAsNewVersion,
    }),
    [
      options,
      run,
      progressShown,
      results,
      pasteOpen,
      pasted,
      startImport,
      startFolderImport,
      importFiles,
      importFolderFiles,
      importDropped,
      importAsNewVersion,
    ],
  );
}

/** Reloads the library now and then while a run imports, so documents appear as they arrive. */
function refreshWhileRunning(run: ImportRun, refresh: () => void): () => void {
  let timer: ReturnType<typeof setTimeout> | null = null;
  let seen = 0;
  const unsubscribe = run.subscribe(() => {
    const { results } = run.getSnapshot();
    const added = results.slice(seen).some((r) => r.outcome.status === 'imported');
    seen = results.length;
    if (added && timer === null) {
      timer = setTimeout(() => {
        timer = null;
        refresh();
      }, LIBRARY_REFRESH_MS);
    }
  });
  return () => {
    unsubscribe();
    if (timer !== null) clearTimeout(timer);
  };
}

/** Two finished runs as one, for a results dialog that is still open when the second ends. */
function mergeRuns(a: ImportRunState, b: ImportRunState): ImportRunState {
  return {
    ...b,
    total: a.total + b.total,
    done: a.done + b.done,
    results: [...a.results, ...b.results],
    cancelled: [...a.cancelled, ...b.cancelled],
    skipped: [...a.skipped, ...b.skipped],
  };
}
