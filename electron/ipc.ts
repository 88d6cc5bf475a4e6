/**
 * The main process end of the desktop door. Every channel checks who is calling before doing
 * anything: only the top frame of our own window, showing a page from app://gloss/, may call.
 * Arguments are validated by `dispatch` (core/api's schemas), never trusted from the renderer.
 */
import { readFile, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import {
  app,
  BrowserWindow,
  dialog,
  ipcMain,
  type IpcMainInvokeEvent,
  type WebContents,
} from 'electron';
import { API_METHODS, LIMITS, type ApiArgs, type GlossApi } from '../core/api';
import type { ImportOutcome } from '../core/domain';
import { GlossError, type GlossErrorShape } from '../core/errors';
import { dispatch } from '../service/dispatch';
import { APP_ORIGIN } from './app-protocol';
import {
  API_CHANNEL_PREFIX,
  IMPORT_WITH_DIALOG_CHANNEL,
  MENU_COMMAND_CHANNEL,
  SAVE_EXPORT_CHANNEL,
} from './channels';

/** What crosses IPC: Electron flattens thrown errors to a message, so errors travel as values. */
export type Envelope<T> = { ok: true; result: T } | { ok: false; error: GlossErrorShape };

/** Files are sent to the service in batches of about this many raw bytes. */
const IMPORT_BATCH_BYTES = 64 * 1024 * 1024;

/** True when the message comes from the top frame of `window`, showing our own UI. */
export function isTrustedSender(event: IpcMainInvokeEvent, window: BrowserWindow | null): boolean {
  const frame = event.senderFrame;
  if (!frame || frame.parent !== null) return false;
  if (!window || window.isDestroyed() || event.sender !== window.webContents) return false;
  return frame.url.startsWith(`${APP_ORIGIN}/`);
}

/** Registers one handler per API method, plus the native-dialog handlers of DesktopShell. */
export function registerIpcHandlers(api: GlossApi, getWindow: () => BrowserWindow | null): void {
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
    guarded(`${API_CHANNEL_PREFIX}${method}`, (_event, args) => dispatch(api, method, args));
  }
  guarded(IMPORT_WITH_DIALOG_CHANNEL, async (event) => ({
    ok: true,
    result: await importWithDialog(api, windowOf(event.sender)),
  }));
  guarded(SAVE_EXPORT_CHANNEL, async (event, fileName, content) => ({
    ok: true,
    result: await saveExport(windowOf(event.sender), fileName, content),
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
 * Shows the native open dialog and imports the chosen files, in selection order. A file that
 * cannot be read (or is too large) becomes a failed outcome rather than failing the others.
 */
async function importWithDialog(
  api: GlossApi,
  window: BrowserWindow,
): Promise<ImportOutcome[] | null> {
  const choice = await dialog.showOpenDialog(window, {
    title: 'Import articles',
    properties: ['openFile', 'multiSelections'],
    filters: [{ name: 'Text and Markdown', extensions: ['txt', 'md', 'markdown'] }],
  });
  if (choice.canceled || choice.filePaths.length === 0) return null;

  const outcomes: ImportOutcome[] = new Array(choice.filePaths.length);
  type File = ApiArgs['importFiles']['files'][number];
  let batch: { slot: number; file: File }[] = [];
  let batchBytes = 0;
  const flush = async (): Promise<void> => {
    if (batch.length === 0) return;
    const reply = await dispatch(api, 'importFiles', { files: batch.map((b) => b.file) });
    if (!reply.ok) throw GlossError.fromShape(reply.error);
    const results = reply.result as ImportOutcome[];
    batch.forEach((b, i) => (outcomes[b.slot] = results[i]!));
    batch = [];
    batchBytes = 0;
  };

  for (const [slot, filePath] of choice.filePaths.entries()) {
    const name = path.basename(filePath);
    let bytes: Buffer;
    try {
      const info = await stat(filePath);
      if (info.size > LIMITS.maxFileBytes) {
        const limitMb = LIMITS.maxFileBytes / 1024 / 1024;
        outcomes[slot] = { name, status: 'failed', error: `Larger than ${limitMb} MB.` };
        continue;
      }
      bytes = await readFile(filePath);
    } catch (error) {
      const why = error instanceof Error ? error.message : String(error);
      outcomes[slot] = { name, status: 'failed', error: `Cannot read the file: ${why}` };
      continue;
    }
    if (batchBytes + bytes.length > IMPORT_BATCH_BYTES || batch.length >= LIMITS.maxFilesPerCall) {
      await flush();
    }
    batch.push({ slot, file: { name, data: bytes.toString('base64'), path: filePath } });
    batchBytes += bytes.length;
  }
  await flush();
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
