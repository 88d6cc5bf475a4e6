/**
 * The Electron main process: owns the window, the menu, the native dialogs and the routing of IPC
 * to the service. The service itself (SQLite, imports, exports) runs in a worker thread, so no
 * long operation can freeze the window.
 *
 * Bundled to out/electron/main.cjs; it finds its siblings relative to that file:
 *   out/electron/preload.cjs, out/node/service-worker.mjs, out/renderer/.
 *
 * Where Electron runs, better-sqlite3 must first be rebuilt for Electron's ABI:
 * `npx electron-builder install-app-deps`.
 */
import path from 'node:path';
import { app, BrowserWindow, dialog, nativeTheme } from 'electron';
import { apiFromCall } from '../core/api';
import { defaultAuthor } from '../service/paths';
import { APP_VERSION } from '../service/version';
import { startRecoverableService } from '../service/recovery-api';
import { startServiceWorker } from '../service/worker-client';
import { APP_INDEX_URL, handleAppScheme, registerAppScheme } from './app-protocol';
import { installGuards } from './guards';
import { registerIpcHandlers } from './ipc';
import { installAppMenu } from './menu';

const OUT_DIR = path.join(__dirname, '..');
const RENDERER_DIR = path.join(OUT_DIR, 'renderer');
const WORKER_FILE = path.join(OUT_DIR, 'node', 'service-worker.mjs');
const PRELOAD_FILE = path.join(__dirname, 'preload.cjs');
/** How long quitting waits for the worker to close the database before giving up. */
const CLOSE_TIMEOUT_MS = 10_000;

type Service = Awaited<ReturnType<typeof startServiceWorker>>;

let mainWindow: BrowserWindow | null = null;
let service: Promise<Service> | null = null;
let quitState: 'running' | 'closing' | 'closed' = 'running';

const getWindow = (): BrowserWindow | null => mainWindow;

function configurePaths(): void {
  app.setName('Gloss');
  // The same folder in development and when installed (the package name is lower-case "gloss"),
  // and the one the CLI and browser mode use by default. Tests use a throwaway folder instead.
  const userData = process.env.GLOSS_USER_DATA_DIR || path.join(app.getPath('appData'), 'Gloss');
  app.setPath('userData', userData);
}

function createWindow(): BrowserWindow {
  const window = new BrowserWindow({
    width: 1280,
    height: 840,
    minWidth: 720,
    minHeight: 480,
    title: 'Gloss',
    show: false,
    backgroundColor: nativeTheme.shouldUseDarkColors ? '#1d1f21' : '#ffffff',
    // Electron's security checklist, spelled out even where it repeats a default, so that no
    // change of default or careless edit weakens it silently. Kept as a literal here: both
    // electronegativity and tests/unit/electron/window-options.test.ts read it from this file.
    webPreferences: {
      preload: PRELOAD_FILE, // eng-disable PRELOAD_JS_CHECK: reviewed, it exposes one function per API method and the DesktopShell through contextBridge, never ipcRenderer or Node
      // The page and the preload run in separate worlds; the page sees only what the preload
      // hands over with contextBridge.
      contextIsolation: true,
      // The renderer runs in Chromium's OS sandbox; the preload gets a browser-like API only.
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      experimentalFeatures: false,
      // A middle click would open a link in a new window without a click the page can stop.
      disableBlinkFeatures: 'Auxclick',
      webviewTag: false,
      // A page that shows dialog after dialog can be stopped by the user.
      safeDialogs: true,
      navigateOnDragDrop: false,
      spellcheck: false,
      devTools: !app.isPackaged,
    },
  });
  window.once('ready-to-show', () => window.show());
  window.on('closed', () => {
    if (mainWindow === window) mainWindow = null;
  });
  void window.loadURL(APP_INDEX_URL);
  return window;
}

function focusWindow(): void {
  if (!mainWindow) return;
  if (mainWindow.isMinimized()) mainWindow.restore();
  mainWindow.show();
  mainWindow.focus();
}

async function failToStart(error: unknown): Promise<void> {
  const message = error instanceof Error ? error.message : String(error);
  dialog.showErrorBox('Gloss cannot open its project', message);
  quitState = 'closed';
  app.exit(1);
}

async function onReady(): Promise<void> {
  handleAppScheme(RENDERER_DIR);
  installGuards(getWindow);

  // The window loads while the worker opens the database; calls wait for it if they come early.
  // A damaged project still gets its window: the recovery screen offers the newest backup.
  const projectPath = path.join(app.getPath('userData'), 'default.gloss');
  const starting = startRecoverableService(projectPath, () =>
    startServiceWorker(WORKER_FILE, {
      projectPath,
      author: defaultAuthor(),
      appVersion: APP_VERSION,
    }),
  );
  service = starting;
  starting.catch(failToStart);
  const api = apiFromCall(async (method, args) => (await starting).api[method](args));

  registerIpcHandlers(api, getWindow, projectPath);
  installAppMenu(getWindow);
  mainWindow = createWindow();
}

/** Closes the worker (so SQLite checkpoints the WAL), then lets the quit go on. */
function onBeforeQuit(event: Electron.Event): void {
  if (quitState === 'closed') return;
  event.preventDefault();
  if (quitState === 'closing') return;
  quitState = 'closing';
  const closing = (service ?? Promise.resolve(null))
    .then((running) => running?.close())
    .catch((error: unknown) => process.stderr.write(`gloss: closing the service: ${error}\n`));
  const timeout = new Promise((resolve) => setTimeout(resolve, CLOSE_TIMEOUT_MS).unref());
  void Promise.race([closing, timeout]).then(() => {
    quitState = 'closed';
    app.quit();
  });
}

function main(): void {
  configurePaths();
  // A second launch hands over to the first window instead of opening the database twice.
  if (!app.requestSingleInstanceLock()) {
    app.quit();
    return;
  }
  app.enableSandbox();
  registerAppScheme();

  app.on('second-instance', focusWindow);
  app.on('before-quit', onBeforeQuit);
  app.on('window-all-closed', () => {
    if (process.platform !== 'darwin') app.quit();
  });
  app.on('activate', () => {
    if (!mainWindow && app.isReady() && quitState === 'running') mainWindow = createWindow();
  });
  app.whenReady().then(onReady).catch(failToStart);
}

main();
