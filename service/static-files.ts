/**
 * Serving the built renderer's files: which file a URL path names (never one outside the root) and
 * its MIME type. Shared by browser mode's server and the Electron shell's app:// handler, which
 * must make the same decisions.
 */
import path from 'node:path';

/** MIME types of what Vite emits; anything else is served as opaque bytes. */
const MIME_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.gif': 'image/gif',
  '.webp': 'image/webp',
  '.ico': 'image/x-icon',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.ttf': 'font/ttf',
  '.txt': 'text/plain; charset=utf-8',
  '.wasm': 'application/wasm',
};

/** The MIME type of a file served to the UI, by extension. */
export function mimeTypeOf(filePath: string): string {
  return MIME_TYPES[path.extname(filePath).toLowerCase()] ?? 'application/octet-stream';
}

/**
 * Maps a URL path onto a file inside `root`, or says why it cannot. Exported for the Electron
 * shell's app:// handler, which must make the same decision.
 */
export function resolveStaticPath(
  root: string,
  pathname: string,
): string | 'bad_request' | 'outside' {
  let decoded: string;
  try {
    decoded = decodeURIComponent(pathname);
  } catch {
    return 'bad_request';
  }
  if (decoded.includes('\0')) return 'bad_request';
  const relative = decoded === '/' || decoded === '' ? 'index.html' : decoded;
  const base = path.resolve(root);
  const file = path.join(base, relative);
  return file.startsWith(base + path.sep) ? file : 'outside';
}
