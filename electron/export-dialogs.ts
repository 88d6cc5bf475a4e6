/**
 * Exports and project copies on the desktop: the user picks the file in the native save dialog,
 * then the main process has the service stream to it (exportToPath, saveProjectCopy). The window
 * may not call those path methods itself (service/doors.ts); here the path comes from the dialog,
 * never from the page, and the rest of the request is checked with the API's own schema.
 */
import path from 'node:path';
import { app, dialog, type BrowserWindow } from 'electron';
import { validateArgs, type GlossApi } from '../core/api';
import type { DesktopExportResult } from '../core/shell';
import { EXPORT_EXTENSIONS } from './export-extensions';

/** Asks where to save the export described by `request`, then writes it there; null if cancelled. */
export async function exportWithDialog(
  api: GlossApi,
  window: BrowserWindow,
  request: unknown,
  projectPath: string,
): Promise<DesktopExportResult | null> {
  // The same checks as exportProject: a known format, UUIDs, no unknown fields.
  const args = validateArgs('exportProject', request);
  const extension = EXPORT_EXTENSIONS[args.format];
  const suggested = `${path.basename(projectPath, path.extname(projectPath)) || 'gloss'}-export`;
  const choice = await dialog.showSaveDialog(window, {
    title: 'Export annotations',
    defaultPath: path.join(app.getPath('documents'), `${suggested}.${extension}`),
    filters: [{ name: extension.toUpperCase(), extensions: [extension] }],
  });
  if (choice.canceled || !choice.filePath) return null;
  const written = await api.exportToPath({ ...args, path: choice.filePath });
  return { path: written.path, byteSize: written.byteSize, report: written.report };
}

/** Asks where to save a copy of the whole project, then writes it (backup API); null if cancelled. */
export async function saveCopyWithDialog(
  api: GlossApi,
  window: BrowserWindow,
  projectPath: string,
): Promise<string | null> {
  const extension = path.extname(projectPath) || '.gloss';
  const name = `${path.basename(projectPath, extension)}-copy${extension}`;
  const choice = await dialog.showSaveDialog(window, {
    title: 'Save a copy of the project',
    defaultPath: path.join(app.getPath('documents'), name),
    filters: [{ name: 'Gloss project', extensions: [extension.slice(1)] }],
  });
  if (choice.canceled || !choice.filePath) return null;
  return (await api.saveProjectCopy({ path: choice.filePath })).path;
}
