/**
 * What no page in Gloss may do, whatever text it shows: navigate away, open windows, embed
 * webviews, download files or ask for permissions. Imported articles are hostile input
 * (DESIGN.md §7); these guards hold even if one of them ever manages to run script.
 */
import { app, session, type BrowserWindow, type WebContents } from 'electron';
import { confirmAndOpenExternal } from './external-links';

/** Installs the guards on every web contents the app creates, and denies all permissions. */
export function installGuards(getWindow: () => BrowserWindow | null): void {
  const defaultSession = session.defaultSession;
  // Camera, microphone, notifications, geolocation, clipboard reads, MIDI, HID, serial, USB…
  // Gloss needs none of them, so none is ever granted or even asked for.
  defaultSession.setPermissionRequestHandler((_contents, _permission, callback) => callback(false));
  defaultSession.setPermissionCheckHandler(() => false);
  defaultSession.setDevicePermissionHandler(() => false);
  defaultSession.setDisplayMediaRequestHandler((_request, callback) => callback({}));
  // Exports are saved through the native save dialog (ipc.ts), never as a page's download.
  defaultSession.on('will-download', (event) => event.preventDefault());

  app.on('web-contents-created', (_event, contents) => guardContents(contents, getWindow));
}

function guardContents(contents: WebContents, getWindow: () => BrowserWindow | null): void {
  // In-page (#fragment) navigation fires neither event; everything else would leave the app.
  // Links are opened on purpose through OPEN_LINK_CHANNEL, never by navigating.
  contents.on('will-navigate', (event) => event.preventDefault());
  contents.on('will-frame-navigate', (event) => event.preventDefault());
  contents.on('will-redirect', (event) => event.preventDefault());
  contents.on('will-attach-webview', (event) => event.preventDefault());
  // A link with target="_blank" (a memo's or an entity's link) asks here: no window is ever
  // created; an http(s) address is offered to the browser after the user confirms it.
  contents.setWindowOpenHandler(({ url }) => {
    void confirmAndOpenExternal(url, getWindow());
    return { action: 'deny' };
  });
}
