/**
 * The app://gloss/ scheme the UI is served from. A custom, privileged scheme instead of file://
 * gives the page a real origin (so the CSP's 'self' means only our files, and file:// pages
 * cannot read the disk through it) and lets every response carry the same security headers as
 * browser mode.
 */
import { readFile } from 'node:fs/promises';
import { protocol } from 'electron';
import { SECURITY_HEADERS } from '../core/security';
import { mimeTypeOf, resolveStaticPath } from '../service/static-files';
import { APP_HOST, APP_SCHEME } from './app-origin';

export { APP_HOST, APP_INDEX_URL, APP_ORIGIN, APP_SCHEME } from './app-origin';

/**
 * Must run before the app is ready. `standard` and `secure` give the scheme an origin, relative
 * URLs and a secure context (ES modules, fetch); nothing here bypasses the CSP.
 */
export function registerAppScheme(): void {
  protocol.registerSchemesAsPrivileged([
    {
      scheme: APP_SCHEME,
      privileges: { standard: true, secure: true, supportFetchAPI: true, codeCache: true },
    },
  ]);
}

/** Serves files from `rendererDir` only, GET/HEAD only, on host "gloss" only. */
export function handleAppScheme(rendererDir: string): void {
  protocol.handle(APP_SCHEME, async (request) => {
    const url = new URL(request.url);
    if (url.host !== APP_HOST) return textResponse(404, 'Not found.');
    if (request.method !== 'GET' && request.method !== 'HEAD') {
      return textResponse(405, 'Method not allowed.');
    }
    const file = resolveStaticPath(rendererDir, url.pathname);
    if (file === 'bad_request') return textResponse(400, 'Bad request.');
    if (file === 'outside') return textResponse(403, 'Forbidden.');
    let body: Buffer;
    try {
      body = await readFile(file);
    } catch {
      return textResponse(404, 'Not found.');
    }
    return new Response(request.method === 'HEAD' ? null : new Uint8Array(body), {
      status: 200,
      headers: { ...SECURITY_HEADERS, 'Content-Type': mimeTypeOf(file) },
    });
  });
}

function textResponse(status: number, message: string): Response {
  return new Response(message, {
    status,
    headers: { ...SECURITY_HEADERS, 'Content-Type': 'text/plain; charset=utf-8' },
  });
}
