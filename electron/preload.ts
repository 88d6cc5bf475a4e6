/**
 * The preload bridge: the only code in the window that can talk to the main process. It exposes
 * exactly one named function per API method (`window.gloss`) and the DesktopShell
 * (`window.glossShell`), never `ipcRenderer` itself, so a page script that is tricked into running
 * can call what the UI can call, and nothing more.
 *
 * It runs sandboxed and is bundled for the browser (see scripts/build.mjs).
 */
import { contextBridge, ipcRenderer } from 'electron';
import type { GlossApi } from '../core/api';
import { API_METHOD_NAMES } from '../core/methods';
import type { ImportOutcome } from '../core/domain';
import { GlossError, isGlossErrorShape, type GlossErrorShape } from '../core/errors';
import type { DesktopExportResult, DesktopShell, MenuCommand } from '../core/shell';
import {
  API_CHANNEL_PREFIX,
  EXPORT_WITH_DIALOG_CHANNEL,
  IMPORT_WITH_DIALOG_CHANNEL,
  MENU_COMMAND_CHANNEL,
  OPEN_LINK_CHANNEL,
  SAVE_COPY_WITH_DIALOG_CHANNEL,
  SAVE_EXPORT_CHANNEL,
} from './channels';

const MENU_COMMANDS: ReadonlySet<string> = new Set<MenuCommand>([
  'import',
  'import-folder',
  'export',
  'undo',
  'redo',
  'restore-backup',
  'import-annotations',
  'save-copy',
]);

/**
 * Unwraps the main process's `{ ok, result | error }` reply. A failure rejects with a plain
 * GlossErrorShape (`{ name: 'GlossError', code, message, details? }`), not an Error instance:
 * contextBridge copies only the message of an Error, which would lose the code. The renderer
 * rebuilds its own GlossError with `GlossError.fromShape` (an instance from this world would fail
 * `instanceof` over there anyway).
 */
async function invoke<T>(channel: string, ...args: unknown[]): Promise<T> {
  const reply: unknown = await ipcRenderer.invoke(channel, ...args);
  if (typeof reply === 'object' && reply !== null && 'ok' in reply) {
    if (reply.ok === true && 'result' in reply) return reply.result as T;
    if (reply.ok === false && 'error' in reply && isGlossErrorShape(reply.error)) {
      throw bridgeable(GlossError.fromShape(reply.error));
    }
  }
  throw bridgeable(new GlossError('internal', `Unexpected reply on ${channel}.`));
}

function bridgeable(error: GlossError): GlossErrorShape & { name: 'GlossError' } {
  return { name: 'GlossError', ...error.toJSON() };
}

const api = {} as Record<string, (args: unknown) => Promise<unknown>>;
for (const method of API_METHOD_NAMES) {
  api[method] = (args: unknown) => invoke(`${API_CHANNEL_PREFIX}${method}`, args);
}

const desktopShell: DesktopShell = {
  importWithDialog: (kind, options) =>
    invoke<ImportOutcome[] | null>(IMPORT_WITH_DIALOG_CHANNEL, kind, options),
  saveExport: (fileName, content) => invoke<string | null>(SAVE_EXPORT_CHANNEL, fileName, content),
  exportWithDialog: (request) =>
    invoke<DesktopExportResult | null>(EXPORT_WITH_DIALOG_CHANNEL, request),
  saveCopyWithDialog: () => invoke<string | null>(SAVE_COPY_WITH_DIALOG_CHANNEL),
  openLink: (url) => invoke<boolean>(OPEN_LINK_CHANNEL, url),
  onMenuCommand(listener) {
    // The page gets the command only: the IPC event (and its `sender`) never leaves the preload.
    const relay = (_event: Electron.IpcRendererEvent, command: unknown): void => {
      if (typeof command === 'string' && MENU_COMMANDS.has(command)) {
        listener(command as MenuCommand);
      }
    };
    ipcRenderer.on(MENU_COMMAND_CHANNEL, relay);
    return () => {
      ipcRenderer.off(MENU_COMMAND_CHANNEL, relay);
    };
  },
};

contextBridge.exposeInMainWorld('gloss', api as GlossApi);
contextBridge.exposeInMainWorld('glossShell', desktopShell);
