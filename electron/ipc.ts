/**
 * The main process end of the desktop door. Every channel checks who is calling before doing
 * anything: only the top frame of our own window, showing a page from app://gloss/, may call.
 * Arguments are validated by `dispatch` (core/api's schemas), never trusted from the renderer.
 */
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import {
  app,
  BrowserWindow,
  dialog,
  ipcMain,
  type IpcMainInvokeEvent,
  type WebContents,
} from 'electron';
import { API_METHODS, LIMITS, validateArgs, type GlossApi } from '../core/api';
import type { ImportOptions, ImportOutcome } from '../core/domain';
import { GlossError, type GlossErrorShape } from '../core/errors';
import { IMPORT_EXTENSIONS } from '../formats/detect';
import { dispatch } from '../service/dispatch';
import { refusalFor } from '../service/doors';
import { isTrustedSenderFacts } from './app-origin';
import {
  API_CHANNEL_PREFIX,
  EXPORT_WITH_DIALOG_CHANNEL,
  IMPORT_WITH_DIALOG_CHANNEL,
  MENU_COMMAND_CHANNEL,
  OPEN_LINK_CHANNEL,
  SAVE_COPY_WITH_DIALOG_CHANNEL,
  SAVE_EXPORT_CHANNEL,
} from './channels';
import { exportWithDialog, saveCopyWithDialog } from './export-dialogs';
import { confirmAndOpenExternal } from './external-links';

/** What crosses IPC: Electron flattens thrown errors to a message, so errors travel as values. */
export type Envelope<T> = { ok: true; result: T } | { ok: false; error: GlossErrorShape };

/** What the import dialog picks: files, or folders whose importable files are all imported. */
export type ImportDialogKind = 'files' | 'folder';

/** The import options the window sent, validated by the API's own schema. */
function importOptionsOf(options: unknown): ImportOptions {
  if (options === undefined || options === null) return {};
  return validateArgs('importPaths', { paths: ['-'], options }).options ?? {};
}

function dialogKindOf(asked: unknown): ImportDialogKind {
  return asked === 'folder' ? 'folder' : 'files';
}

/** True when the message comes from the top frame of `window`, showing our own UI. */
export function isTrustedSender(event: IpcMainInvokeEvent, window: BrowserWindow | null): boolean {
  const frame = event.senderFrame;
  return isTrustedSenderFacts({
    frameUrl: frame?.url ?? null,
    isTopFrame: frame !== null && frame !== undefined && frame.parent === null,
    fromMainWindow: !!window && !window.isDestroyed() && event.sender === window.webContents,
  });
}

/** Registers one handler per API method, plus the native-dialog handlers of DesktopShell. */
export function registerIpcHandlers(
  api: GlossApi,
  getWindow: () => BrowserWindow | null,
  projectPath: string,
): void {
  const guarded = <T>(
    channel: string,
    handler: (event: IpcMainInvokeEvent, ...args: unknown[]) => Promise<Envelope<T>>,
  ): void => {
    ipcMain.handle(channel, async (event, ...args: unknown[]): Promise<Envelope<T>> => {
      if (!isTrustedSender(event, getWindow())) {
        return failure(new GlossError('unauthorized', 'This window may not call Gloss.'));
      }
      try {
        return await handler(event, ...args);
      } catch (error) {
        return failure(error);
      }
    });
  };

  for (const method of API_METHODS) {
    // The window may not name paths for the service to read; the dialog below does that.
    const refused = refusalFor('desktop', method);
    guarded<unknown>(`${API_CHANNEL_PREFIX}${method}`, async (_event, args) =>
      refused ? failure(refused) : dispatch(api, method, args),
    );
  }
  // (kind?, options?): the renderer asks for a files or a folder dialog and the import options
  // it shows (encoding, whole page, new version); both are checked here, not trusted.
  guarded(IMPORT_WITH_DIALOG_CHANNEL, async (event, kind, options) => ({
    ok: true,
    result: await importWithDialog(
      api,
      windowOf(event.sender),
      dialogKindOf(kind),
      importOptionsOf(options),
    ),
  }));
  guarded(SAVE_EXPORT_CHANNEL, async (event, fileName, content) => ({
    ok: true,
    result: await saveExport(windowOf(event.sender), fileName, content),
  }));
  // (request): exportProject's arguments; the file comes from the save dialog, never the page.
  guarded(EXPORT_WITH_DIALOG_CHANNEL, async (event, request) => ({
    ok: true,
    result: await exportWithDialog(api, windowOf(event.sender), request, projectPath),
  }));
  guarded(SAVE_COPY_WITH_DIALOG_CHANNEL, async (event) => ({
    ok: true,
    result: await saveCopyWithDialog(api, windowOf(event.sender), projectPath),
  }));
  // (url): a link the user chose in the article; main checks it and asks before opening it.
  guarded(OPEN_LINK_CHANNEL, async (event, url) => ({
    ok: true,
    result: await confirmAndOpenExternal(url, windowOf(event.sender)),
  }));
}

/** Sends a menu command to a window's page (see core/shell.ts MenuCommand). */
export function sendMenuCommand(contents: WebContents, command: string): void {
  contents.send(MENU_COMMAND_CHANNEL, command);
}

function windowOf(contents: WebContents): BrowserWindow {
  const window = BrowserWindow.fromWebContents(contents);
  if (!window) throw new GlossError('internal', 'The window that asked has gone.');
  return window;
}

function failure(error: unknown): Envelope<never> {
  const shape: GlossErrorShape =
    error instanceof GlossError
      ? error.toJSON()
      : { code: 'internal', message: error instanceof Error ? error.message : String(error) };
  return { ok: false, error: shape };
}

/**
 * Shows the native open dialog and imports what was chosen: files, or folders walked
 * recursively (expandPaths), one file per importPaths call so that each is read and stored on its
 * own and the taskbar shows the progress. On macOS one dialog picks files and folders alike;
 * elsewhere a dialog picks one or the other, hence `kind`. A file that cannot be read becomes a
 * failed outcome rather than failing the others.
 */
async function importWithDialog(
  api: GlossApi,
  window: BrowserWindow,
  kind: ImportDialogKind,
  options: ImportOptions,
): Promise<ImportOutcome[] | null> {
  const extensions = Object.keys(IMPORT_EXTENSIONS).map((extension) => extension.slice(1));
  const properties: Electron.OpenDialogOptions['properties'] =
    process.platform === 'darwin'
      ? ['openFile', 'openDirectory', 'multiSelections']
      : kind === 'folder'
        ? ['openDirectory', 'multiSelections']
        : ['openFile', 'multiSelections'];
  const choice = await dialog.showOpenDialog(window, {
    title: kind === 'folder' ? 'Import a folder of articles' : 'Import articles',
    properties,
    filters:
      kind === 'folder'
        ? []
        : [
            { name: 'Articles', extensions },
            { name: 'All files', extensions: ['*'] },
          ],
  });
  if (choice.canceled || choice.filePaths.length === 0) return null;

  const files: { path: string; name: string }[] = [];
  for (let at = 0; at < choice.filePaths.length; at += LIMITS.maxFilesPerCall) {
    const expanded = await api.expandPaths({
      paths: choice.filePaths.slice(at, at + LIMITS.maxFilesPerCall),
    });
    files.push(...expanded.files);
  }
  const outcomes: ImportOutcome[] = [];
  try {
    for (const [done, file] of files.entries()) {
      if (!window.isDestroyed()) window.setProgressBar(done / files.length);
      const reply = await dispatch(api, 'importPaths', { paths: [file.path], options });
      if (reply.ok) outcomes.push(...(reply.result as ImportOutcome[]));
      else outcomes.push({ name: file.name, status: 'failed', error: reply.error.message });
    }
  } finally {
    if (!window.isDestroyed()) window.setProgressBar(-1);
  }
  return outcomes;
}

/** Shows the native save dialog for an export and writes it; the path written, or null. */
async function saveExport(
  window: BrowserWindow,
  fileName: unknown,
  content: unknown,
): Promise<string | null> {
  if (typeof fileName !== 'string' || fileName.length > LIMITS.maxNameLength) {
    throw new GlossError('invalid_argument', 'saveExport: fileName must be a short string.');
  }
  if (typeof content !== 'string') {
    throw new GlossError('invalid_argument', 'saveExport: content must be a string.');
  }
  // Only a suggestion for the dialog, but still never a path: the user picks the folder.
  // eslint-disable-next-line no-control-regex
  const safeName = path.basename(fileName).replace(/[<>:"/\\|?*\u0000-\u001f]/g, '_');
  const extension = path.extname(safeName).slice(1);
  const choice = await dialog.showSaveDialog(window, {
    title: 'Export annotations',
    defaultPath: path.join(app.getPath('documents'), safeName || 'gloss-export'),
    filters: extension ? [{ name: extension.toUpperCase(), extensions: [extension] }] : [],
  });
  if (choice.canceled || !choice.filePath) return null;
  await writeFile(choice.filePath, content, 'utf8');
  return choice.filePath;
}
