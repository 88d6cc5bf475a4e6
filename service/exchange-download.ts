/**
 * Browser mode's download route (GET /download/<id>): streams an export or a project copy that
 * was too large to travel in an API reply, from the temporary file the service prepared, then
 * removes it. The web server checks Host and the token before it gets here; the id (128 random
 * bits, handed out by exportProject or prepareProjectCopyDownload) is good for one fetch.
 */
import { createReadStream } from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { dirname } from 'node:path';
import { pipeline } from 'node:stream/promises';
import type { GlossApi } from '../core/api';
import { GlossError } from '../core/errors';
import { SECURITY_HEADERS } from '../core/security';
import { removeDownloadDir } from './exchange-files';

export async function sendDownload(
  api: GlossApi,
  id: string,
  req: IncomingMessage,
  res: ServerResponse,
): Promise<void> {
  if (req.method !== 'GET') {
    res.setHeader('Allow', 'GET');
    return sendJsonError(res, 405, 'Downloads are fetched with GET.');
  }
  if (!/^[0-9a-f]{32}$/.test(id)) return sendJsonError(res, 404, 'There is no such download.');
  let file;
  try {
    // Called directly, not through the API door: takeDownload names a local path.
    file = await api.takeDownload({ id });
  } catch (error) {
    const message = error instanceof GlossError ? error.message : 'The download failed.';
    return sendJsonError(res, 404, message);
  }
  try {
    res.writeHead(200, {
      ...SECURITY_HEADERS,
      'Content-Type': file.mimeType,
      'Content-Length': file.byteSize,
      'Content-Disposition': contentDisposition(file.fileName),
      'Cache-Control': 'no-store',
    });
    await pipeline(createReadStream(file.path), res);
  } finally {
    await removeDownloadDir(dirname(file.path));
  }
}

/** `attachment` with an ASCII fallback and the UTF-8 name (RFC 6266), never a header injection. */
export function contentDisposition(fileName: string): string {
  const ascii = fileName.replace(/[^\x20-\x7e]|["\\]/g, '_');
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(fileName)}`;
}

function sendJsonError(res: ServerResponse, status: number, message: string): void {
  const code = status === 404 ? 'not_found' : 'invalid_argument';
  const body = JSON.stringify({ ok: false, error: { code, message } });
  res.writeHead(status, {
    ...SECURITY_HEADERS,
    'Content-Type': 'application/json; charset=utf-8',
    'Content-Length': Buffer.byteLength(body),
    'Cache-Control': 'no-store',
  });
  res.end(body);
}
