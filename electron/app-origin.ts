/**
 * Where the UI comes from: app://gloss/. Kept free of Electron imports so the sender and link
 * policies can be unit-tested in plain Node.
 */
export const APP_SCHEME = 'app';
export const APP_HOST = 'gloss';
/** The origin every trusted page and IPC sender has. */
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`;
export const APP_INDEX_URL = `${APP_ORIGIN}/index.html`;

/** True for a URL of our own UI (app://gloss/…), compared as a parsed URL, not as a prefix. */
export function isAppUrl(url: string | null | undefined): boolean {
  if (typeof url !== 'string') return false;
  try {
    const parsed = new URL(url);
    return parsed.protocol === `${APP_SCHEME}:` && parsed.host === APP_HOST;
  } catch {
    return false;
  }
}

/** What the main process knows about the sender of an IPC message. */
export interface SenderFacts {
  /** The URL of the frame that sent it (null when the frame is gone). */
  frameUrl: string | null;
  /** True when that frame is the top frame of its page, not an iframe inside it. */
  isTopFrame: boolean;
  /** True when the page is the main window's own web contents. */
  fromMainWindow: boolean;
}

/**
 * Only the top frame of our own window, showing our own UI, may call the main process: not an
 * iframe (none should exist, but an article could try to smuggle one in), not another window,
 * not a page that navigated somewhere else.
 */
export function isTrustedSenderFacts(facts: SenderFacts): boolean {
  return facts.fromMainWindow && facts.isTopFrame && isAppUrl(facts.frameUrl);
}
