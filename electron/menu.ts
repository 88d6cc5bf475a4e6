/**
 * The application menu. Gloss's own commands (import, export, undo, redo) are not performed here:
 * the menu only tells the focused window, whose renderer owns the undo history and the export
 * choices. Standard editing roles stay native so copy and paste work in every text field.
 */
import { app, BrowserWindow, Menu, type MenuItemConstructorOptions } from 'electron';
import type { MenuCommand } from '../core/shell';
import { sendMenuCommand } from './ipc';

/**
 * Builds and installs the menu; `getWindow` is the fallback target when no window has focus.
 * Gloss's items have ids equal to their MenuCommand, so tests can find and click them.
 */
export function installAppMenu(getWindow: () => BrowserWindow | null): void {
  const send = (command: MenuCommand) => (): void => {
    const target = BrowserWindow.getFocusedWindow() ?? getWindow();
    if (target && !target.isDestroyed()) sendMenuCommand(target.webContents, command);
  };
  const isMac = process.platform === 'darwin';
  const isDev = !app.isPackaged;

  const template: MenuItemConstructorOptions[] = [
    ...(isMac ? [{ role: 'appMenu' as const }] : []),
    {
      label: '&File',
      submenu: [
        { id: 'import', label: 'Import…', accelerator: 'CmdOrCtrl+O', click: send('import') },
        // Windows and Linux dialogs pick files or folders, never both: folders get their own item.
        {
          id: 'import-folder',
          label: 'Import Folder…',
          accelerator: 'CmdOrCtrl+Shift+O',
          click: send('import-folder'),
        },
        {
          id: 'import-annotations',
          label: 'Import Annotations…',
          click: send('import-annotations'),
        },
        { id: 'export', label: 'Export…', accelerator: 'CmdOrCtrl+E', click: send('export') },
        { id: 'save-copy', label: 'Save a Copy of the Project…', click: send('save-copy') },
        { type: 'separator' },
        // Issue 6: the project's backups, and restoring one (renderer/components/RestoreDialog).
        {
          id: 'restore-backup',
          label: 'Restore from Backup…',
          click: send('restore-backup'),
        },
        { type: 'separator' },
        { label: 'Quit', accelerator: 'CmdOrCtrl+Q', click: () => app.quit() },
      ],
    },
    {
      label: '&Edit',
      submenu: [
        // Annotation undo lives in the renderer, not in the focused text field.
        { id: 'undo', label: 'Undo', accelerator: 'CmdOrCtrl+Z', click: send('undo') },
        { id: 'redo', label: 'Redo', accelerator: 'CmdOrCtrl+Shift+Z', click: send('redo') },
        { type: 'separator' },
        { role: 'cut' },
        { role: 'copy' },
        { role: 'paste' },
        { role: 'selectAll' },
      ],
    },
    {
      label: '&View',
      submenu: [
        ...(isDev
          ? [
              { role: 'reload' as const },
              { role: 'toggleDevTools' as const },
              { type: 'separator' as const },
            ]
          : []),
        { role: 'resetZoom' },
        { role: 'zoomIn' },
        { role: 'zoomOut' },
        { type: 'separator' },
        { role: 'togglefullscreen' },
      ],
    },
    { role: 'windowMenu' },
  ];
  Menu.setApplicationMenu(Menu.buildFromTemplate(template));
}
