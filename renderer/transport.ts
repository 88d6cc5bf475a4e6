import { apiFromCall } from '../core/api-client';
import type { ApiArgs, ApiMethod, ApiResults, GlossApi } from '../core/api';
import { GlossError, isGlossErrorShape } from '../core/errors';
import { API_PATH_PREFIX, TOKEN_FRAGMENT_KEY } from '../core/shell';
import type { DesktopShell } from '../core/shell';

/** How the renderer reaches the service, whichever door it came through (DESIGN.md §1). */
export interface Connection {
  api: GlossApi;
  /** Native dialogs and menu commands; null in browser mode. */
  shell: DesktopShell | null;
  mode: 'desktop' | 'browser';
}

/** Where browser mode keeps its token, so that a reload of the tab keeps working. */
export const TOKEN_STORAGE_KEY = 'gloss.token';

/** The globals the Electron preload exposes (absent in browser mode). */
interface PreloadGlobals {
  gloss?: GlossApi;
  glossShell?: DesktopShell;
}

/**
 * Connects to the service: through the Electron preload when it exposed `window.gloss`, else
 * over loopback HTTP with the token from the URL fragment (or from this tab's session storage).
 * Returns null in browser mode when there is no token at all.
 */
export function connect(win: Window = window): Connection | null {
  const globals = win as unknown as PreloadGlobals;
  if (globals.gloss) {
    const shell = globals.glossShell;
    return {
      api: preloadApi(globals.gloss),
      shell: shell ? preloadShell(shell) : null,
      mode: 'desktop',
    };
  }
  const token = takeToken(win);
  if (!token) return null;
  return { api: httpApi(token, win.fetch.bind(win)), shell: null, mode: 'browser' };
}

/**
 * The preload's API with its errors made real. Across contextBridge an Error loses everything but
 * its message, so the preload rejects with a plain GlossErrorShape; this rebuilds the GlossError
 * (with its code) that the rest of the renderer expects.
 */
export function preloadApi(preload: GlossApi): GlossApi {
  return apiFromCall(async (method, args) => {
    const call = preload[method] as (a: typeof args) => Promise<ApiResults[typeof method]>;
    return rethrown(() => call(args));
  });
}

function preloadShell(shell: DesktopShell): DesktopShell {
  return {
    importWithDialog: (kind, options) => rethrown(() => shell.importWithDialog(kind, options)),
    saveExport: (fileName, content) => rethrown(() => shell.saveExport(fileName, content)),
    onMenuCommand: (listener) => shell.onMenuCommand(listener),
    // Optional in the contract: passed on only when this preload has them.
    ...(shell.exportWithDialog && {
      exportWithDialog: (request) => rethrown(() => shell.exportWithDialog!(request)),
    }),
    ...(shell.saveCopyWithDialog && {
      saveCopyWithDialog: () => rethrown(() => shell.saveCopyWithDialog!()),
    }),
    ...(shell.openLink && { openLink: (url) => rethrown(() => shell.openLink!(url)) }),
  };
}

async function rethrown<T>(call: () => Promise<T>): Promise<T> {
  try {
    return await call();
  } catch (error) {
    throw isGlossErrorShape(error) && !(error instanceof GlossError)
      ? GlossError.fromShape(error)
      : error;
  }
}

/**
 * Reads the token from `#token=…`, keeps it in session storage and removes it from the address
 * bar (so it is not left in history, bookmarks or a screenshot). Falls back to the stored token.
 */
export function takeToken(win: Window): string | null {
  const fragment = new URLSearchParams(win.location.hash.replace(/^#/, ''));
  const fromUrl = fragment.get(TOKEN_FRAGMENT_KEY);
  if (fromUrl) {
    try {
      win.sessionStorage.setItem(TOKEN_STORAGE_KEY, fromUrl);
    } catch {
      // Storage can be disabled; the token still works for this page load.
    }
    fragment.delete(TOKEN_FRAGMENT_KEY);
    const rest = fragment.toString();
    const { pathname, search } = win.location;
    win.history.replaceState(
      win.history.state,
      '',
      `${pathname}${search}${rest ? `#${rest}` : ''}`,
    );
    return fromUrl;
  }
  try {
    return win.sessionStorage.getItem(TOKEN_STORAGE_KEY);
  } catch {
    return null;
  }
}

/** Drops the stored token, e.g. once the server said it is not valid any more. */
export function forgetToken(win: Window = window): void {
  try {
    win.sessionStorage.removeItem(TOKEN_STORAGE_KEY);
  } catch {
    // Nothing stored, nothing to forget.
  }
}

/** A GlossApi over the loopback HTTP protocol of core/shell.ts. */
export function httpApi(token: string, fetchFn: typeof fetch): GlossApi {
  const call = async <M extends ApiMethod>(method: M, args: ApiArgs[M]): Promise<ApiResults[M]> => {
    let response: Response;
    try {
      response = await fetchFn(`${API_PATH_PREFIX}${method}`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${token}` },
        body: JSON.stringify(args ?? {}),
      });
    } catch {
      throw new GlossError(
        'internal',
        'Cannot reach the Gloss server. Is `npm run web` still running? Restart it and open the URL it prints.',
      );
    }
    let body: unknown;
    try {
      body = await response.json();
    } catch {
      throw new GlossError(
        'internal',
        `The server sent an unreadable reply (HTTP ${response.status}).`,
      );
    }
    const reply = body as { ok?: boolean; result?: unknown; error?: unknown };
    if (response.ok && reply.ok === true) return reply.result as ApiResults[M];
    if (isGlossErrorShape(reply.error)) throw GlossError.fromShape(reply.error);
    throw new GlossError('internal', `The server refused the request (HTTP ${response.status}).`);
  };
  return apiFromCall(call);
}
