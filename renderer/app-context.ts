import { createContext, useContext } from 'react';
import type { GlossApi } from '../core/api';
import type { AttributeDef, ImportOptions, Tag } from '../core/domain';
import { GlossError } from '../core/errors';
import type { DesktopShell } from '../core/shell';
import type { Theme } from './theme';
import { TOKEN_STORAGE_KEY } from './transport';

/** A message in the notice area: information (role="status") or an error (role="alert"). */
export interface Notice {
  id: number;
  kind: 'info' | 'error';
  title: string;
  /** Details, one per line: e.g. each file that failed with its reason. */
  items?: string[];
}

/** The state of writes, shown in the status line. */
export type SaveStatus =
  | { kind: 'idle' }
  | { kind: 'saving' }
  | { kind: 'saved'; message: string }
  | { kind: 'error'; message: string };

/** What every view gets from the app shell. */
export interface AppServices {
  api: GlossApi;
  shell: DesktopShell | null;
  tags: readonly Tag[];
  tagById: ReadonlyMap<string, Tag>;
  /** Every live attribute definition of the codebook (core/attributes.ts says which apply). */
  attributeDefs: readonly AttributeDef[];
  /** Reads the codebook (tags and attribute definitions) again, after it changed. */
  reloadTags(): Promise<void>;
  /** Opens the codebook manager (Ctrl+Shift+K). */
  openCodebook(): void;
  theme: Theme;
  toggleTheme(): void;
  /**
   * Runs a write: the status line says "Saving…", then "Saved" (or `done`), or the error, which
   * is also raised as an alert. The returned promise still rejects, so the caller can roll back.
   */
  save<T>(write: () => Promise<T>, done?: string): Promise<T>;
  /** Shows an error that is not a write (a failed load, say) as an alert. */
  reportError(error: unknown, context: string): void;
  notify(notice: Omit<Notice, 'id'>): void;
  /** Starts an import: the native dialog on desktop, the file picker in the browser. */
  startImport(): void;
  /** Imports a folder (recursively, documents only): the folder picker. */
  startFolderImport(): void;
  /** Opens the "Paste as new document" dialog. */
  openPaste(): void;
  /** Options for the next imports, and how to change them. */
  importOptions: ImportOptions;
  setImportOptions(options: ImportOptions): void;
  /** Opens the export dialog, scoped to a document when one is given. */
  openExport(documentId: string | null): void;
  /** Opens "Restore from backup" (issue 6): the project's backups, back up now, restore. */
  openRestore(): void;
  /**
   * Opens a document in the reader. `replace` swaps the open one for it in the history (a new
   * version after a re-import), so Back does not return to the superseded version.
   */
  openDocument(documentId: string, replace?: boolean): void;
  /** Opens a document in the reader with one of its annotations chosen and scrolled to. */
  openAnnotation(documentId: string, annotationId: string): void;
  /** Opens the entities view (Ctrl+Shift+E), on one entity's page when an id is given. */
  openEntities(entityId?: string | null): void;
  /** Opens the project search (Ctrl+Shift+F). */
  openSearch(): void;
  /** Bumped after every import, so the library knows to reload. */
  libraryVersion: number;
  /** Tells the library to reload (after an import of annotations added documents). */
  refreshLibrary(): void;
}

export const AppContext = createContext<AppServices | null>(null);

/** The app services; only valid inside `<App>`. */
export function useApp(): AppServices {
  const services = useContext(AppContext);
  if (!services) throw new Error('useApp() outside <App>');
  return services;
}

/** The message to show for any thrown value. */
export function errorMessage(error: unknown): string {
  if (error instanceof GlossError) return error.message;
  if (error instanceof Error && error.message) return error.message;
  return String(error);
}

/**
 * Browser mode: saves a file the service prepared for download (a large export, a project copy)
 * from GET /download/<id>. The token goes in a header, as for the API, so the file is fetched
 * and handed to the browser's download as a blob (which Chromium keeps on disk when large).
 */
export async function downloadPrepared(downloadId: string, fileName: string): Promise<void> {
  const token = sessionStorage.getItem(TOKEN_STORAGE_KEY) ?? '';
  const response = await fetch(`/download/${encodeURIComponent(downloadId)}`, {
    headers: { Authorization: `Bearer ${token}` },
  });
  if (!response.ok) {
    const body = (await response.json().catch(() => null)) as {
      error?: { message?: string };
    } | null;
    throw new Error(body?.error?.message ?? `The download failed (HTTP ${response.status}).`);
  }
  const url = URL.createObjectURL(await response.blob());
  try {
    const link = document.createElement('a');
    link.href = url;
    link.download = fileName;
    document.body.append(link);
    link.click();
    link.remove();
  } finally {
    // Revoked after the click has started the download, not before.
    setTimeout(() => URL.revokeObjectURL(url), 60_000);
  }
}
