/**
 * What no page in Gloss may do, whatever text it shows: navigate away, open windows, embed
 * webviews or ask for permissions. Imported articles are hostile input (DESIGN.md §7); these
 * guards hold even if one of them ever manages to run script.
 */
import { app, dialog, session, shell, type BrowserWindow, type WebContents } from 'electron';

/** Installs the guards on every web contents the app creates, and denies all permissions. */
export function installGuards(getWindow: () => BrowserWindow | null): void {
  const denyAll = session.defaultSession;
  denyAll.setPermissionRequestHandler((_contents, _permission, callback) => callback(false));
  denyAll.setPermissionCheckHandler(() => false);
  denyAll.setDevicePermissionHandler(() => false);

  app.on('web-contents-created', (_event, contents) => guardContents(contents, getWindow));
}

function guardContents(contents: WebContents, getWindow: () => BrowserWindow | null): void {
  // In-page (#fragment) navigation does not fire will-navigate; everything else leaves the app.
  contents.on('will-navigate', (event, url) => {
    event.preventDefault();
    void offerExternal(url, getWindow());
  });
  contents.on('will-redirect', (event) => event.preventDefault());
  contents.on('will-attach-webview', (event) => event.preventDefault());
  contents.setWindowOpenHandler(({ url }) => {
    void offerExternal(url, getWindow());
    return { action: 'deny' };
  });
}

/**
 * Opens an http(s) link in the user's browser, but only after they confirm: a link in an imported
 * article may point anywhere, and analysts often must not touch a source's server by accident.
 */
async function offerExternal(url: string, window: BrowserWindow | null): Promise<void> {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return;
  }
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') return;
  const options = {
    type: 'question' as const,
    buttons: ['Open in browser', 'Cancel'],
    defaultId: 1,
    cancelId: 1,
    message: 'Open this link in your web browser?',
    detail: `${parsed.href}\n\nThe site will see your network address.`,
  };
  const { response } = window
    ? await dialog.showMessageBox(window, options)
    : await dialog.showMessageBox(options);
  if (response === 0) await shell.openExternal(parsed.href);
}
