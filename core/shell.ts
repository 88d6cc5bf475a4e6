import type { ExchangeExportReport, ExchangeFormatName } from './api-exchange';
import type { ImportOptions, ImportOutcome } from './domain';

/** Commands the desktop app's menu (and its accelerators) sends to the window. */
export type MenuCommand =
  | 'import'
  | 'import-folder'
  | 'export'
  | 'undo'
  | 'redo'
  // Issue 6: File → Restore from Backup…
  | 'restore-backup'
  // Issue 5: File → Import Annotations… / Save a Copy of the Project…
  | 'import-annotations'
  | 'save-copy';

/** What the desktop export asks the main process for: exportProject's arguments. */
export interface DesktopExportRequest {
  format: ExchangeFormatName;
  documentId?: string;
  tagIds?: string[];
  jobId?: string;
}

export interface DesktopExportResult {
  path: string;
  byteSize: number;
  report: ExchangeExportReport;
}

/**
 * What only the desktop shell can do (native dialogs, the application menu). The Electron preload
 * exposes it as `window.glossShell`; in browser mode it is absent and the renderer uses a file
 * input, drag-and-drop and a download link instead.
 */
export interface DesktopShell {
  /**
   * Shows the native open dialog for files (default) or a folder, imports what was chosen with
   * the given options (folders recursively); null when the user cancels.
   */
  importWithDialog(
    kind?: 'files' | 'folder',
    options?: ImportOptions,
  ): Promise<ImportOutcome[] | null>;
  /** Shows the native save dialog and writes the export; the path written, or null if cancelled. */
  saveExport(fileName: string, content: string): Promise<string | null>;
  /**
   * Asks where to save, then streams the export straight to that file (any size, zips too);
   * null when the user cancels. Optional: older shells only have saveExport.
   */
  exportWithDialog?(request: DesktopExportRequest): Promise<DesktopExportResult | null>;
  /** Asks where, then writes a copy of the whole project there; the path, or null. */
  saveCopyWithDialog?(): Promise<string | null>;
  /** Subscribes to menu commands; returns the unsubscribe function. */
  onMenuCommand(listener: (command: MenuCommand) => void): () => void;
  /**
   * Offers to open an http(s) link in the system browser: the main process checks the address
   * and asks the user first. True when it was opened. Optional: a shell without it (a test
   * double, an older preload) simply cannot open links.
   */
  openLink?(url: string): Promise<boolean>;
}

/**
 * The loopback HTTP protocol of browser mode, shared by the server and the renderer's client.
 * Request: POST `${API_PATH_PREFIX}<method>` with a JSON body of the arguments and the header
 * `Authorization: Bearer <token>`. Response: `{ ok: true, result }` or, with a 4xx/5xx status,
 * `{ ok: false, error: { code, message, details? } }`. The token reaches the page in the URL
 * fragment (`#token=…`), which browsers never send to a server.
 */
export const API_PATH_PREFIX = '/api/';
export const TOKEN_FRAGMENT_KEY = 'token';
