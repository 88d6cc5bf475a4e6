/**
 * Browser mode's door: a loopback HTTP server that serves the built renderer and the API.
 *
 * The API is reachable only from this machine (127.0.0.1), only with the per-run token, only under
 * our own Host name (so a DNS-rebinding page cannot reach it through a name it controls) and only
 * from our own Origin (so another site in the same browser cannot post to it). Everything it
 * answers carries a strict CSP, because the renderer shows text from hostile sources.
 */
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';
import { isApiMethod, type GlossApi } from '../core/api';
import type { GlossErrorCode, GlossErrorShape } from '../core/errors';
import { SECURITY_HEADERS } from '../core/security';
import { API_PATH_PREFIX } from '../core/shell';
import { DOWNLOAD_PATH_PREFIX } from '../core/api-exchange';
import { dispatch } from './dispatch';
import { sendDownload } from './exchange-download';
import { refusalFor } from './doors';
import { mimeTypeOf, resolveStaticPath } from './static-files';

/**
 * Largest request body accepted. Imports travel as base64 (4/3 of the file), so this leaves room
 * for one file of LIMITS.maxFileBytes plus the JSON around it.
 */
export const MAX_REQUEST_BYTES = 300 * 1024 * 1024;

/** HTTP status for each error code a call can end with. */
const STATUS_BY_CODE: Record<GlossErrorCode, number> = {
  invalid_argument: 400,
  unauthorized: 401,
  not_found: 404,
  conflict: 409,
  too_large: 413,
  unsupported_format: 415,
  schema_too_new: 500,
  damaged: 500,
  disk_full: 507,
  read_only: 403,
  busy: 503,
  io_error: 500,
  internal: 500,
};

export interface WebServerOptions {
  /** The service every API call is dispatched to. */
  api: GlossApi;
  /** The built renderer (out/renderer); nothing outside it is ever served. */
  staticDir: string;
  /** Loopback only, by type: browser mode is never reachable from the network. */
  host?: '127.0.0.1';
  /** 0 (the default) lets the system choose a free port. */
  port?: number;
  /** A fixed token (tests); by default 32 random bytes in hex, new on every run. */
  token?: string;
  /** Body size cap in bytes; MAX_REQUEST_BYTES unless a test wants a small one. */
  maxBodyBytes?: number;
}

export interface WebServer {
  /** The base URL, without the token: http://127.0.0.1:PORT/ */
  url: string;
  port: number;
  token: string;
  /** Stops listening and drops open connections. */
  close(): Promise<void>;
}

/** Starts the loopback server; resolves once it listens. */
export async function startWebServer(options: WebServerOptions): Promise<WebServer> {
  const host = options.host ?? '127.0.0.1';
  const token = options.token ?? randomBytes(32).toString('hex');
  if (token.length < 32) throw new Error('The API token must be at least 32 characters.');
  const staticDir = path.resolve(options.staticDir);
  // Filled in once the port is known, before the first request can arrive.
  const allowedHosts = new Set<string>();
  const context: RequestContext = {
    api: options.api,
    staticDir,
    maxBodyBytes: options.maxBodyBytes ?? MAX_REQUEST_BYTES,
    tokenDigest: digest(token),
    allowedHosts,
  };

  const server = createServer((req, res) => {
    handleRequest(context, req, res).catch((error: unknown) => {
      process.stderr.write(`gloss web: request failed: ${String(error)}\n`);
      if (!res.headersSent) sendError(res, 500, 'internal', 'The server failed to answer.');
      else res.destroy();
    });
  });
  // Listening on 127.0.0.1 already keeps the network out; this holds even if the address ever
  // changed: a connection from anywhere but this machine is closed before a byte is read.
  server.on('connection', (socket) => {
    if (!isLoopbackAddress(socket.remoteAddress)) socket.destroy();
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen({ host, port: options.port ?? 0 }, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const { port } = server.address() as AddressInfo;
  allowedHosts.add(`127.0.0.1:${port}`).add(`localhost:${port}`);

  return {
    url: `http://${host}:${port}/`,
    port,
    token,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.close((error) => (error ? reject(error) : resolve()));
        server.closeAllConnections();
      }),
  };
}

/** 127.0.0.0/8 and ::1, also in their IPv4-mapped IPv6 form. */
export function isLoopbackAddress(address: string | undefined): boolean {
  if (!address) return false;
  const v4 = address.startsWith('::ffff:') ? address.slice('::ffff:'.length) : address;
  return /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(v4) || address === '::1';
}

interface RequestContext {
  api: GlossApi;
  staticDir: string;
  maxBodyBytes: number;
  tokenDigest: Buffer;
  allowedHosts: ReadonlySet<string>;
}

async function handleRequest(
  context: RequestContext,
  req: IncomingMessage,
  res: ServerResponse,
): Promise<void> {
  // DNS rebinding: a hostile page whose name now resolves to 127.0.0.1 still sends its own name.
  const host = (req.headers.host ?? '').toLowerCase();
  if (!context.allowedHosts.has(host)) {
    return sendError(res, 403, 'unauthorized', 'Unexpected Host header.');
  }
  const target = req.url ?? '';
  if (!target.startsWith('/')) return sendError(res, 400, 'invalid_argument', 'Bad request.');
  const pathname = target.split(/[?#]/, 1)[0] ?? '/';
  if (pathname.startsWith(API_PATH_PREFIX)) {
    return handleApi(context, host, pathname.slice(API_PATH_PREFIX.length), req, res);
  }
  if (pathname.startsWith(DOWNLOAD_PATH_PREFIX)) {
    // Large exports and project copies (issue 5): token-checked like the API.
    if (!hasToken(req.headers.authorization, context.tokenDigest)) {
      res.setHeader('WWW-Authenticate', 'Bearer');
      return sendError(res, 401, 'unauthorized', 'Missing or wrong API token.');
    }
    const id = pathname.slice(DOWNLOAD_PATH_PREFIX.length);
    return sendDownload(context.api, id, req, res);
  }
  return handleStatic(context.staticDir, pathname, req, res);
}

async function handleApi(
  context: RequestContext,
  host: string,
  method: string,
  req: IncomingMessage,
  res: ServerResponse,
): Promise<void> {
  if (req.method !== 'POST') {
    res.setHeader('Allow', 'POST');
    return sendError(res, 405, 'invalid_argument', 'The API accepts POST only.');
  }
  // Browsers send Origin with every POST; another site's page must not drive our API.
  const origin = req.headers.origin;
  if (origin !== undefined && origin !== `http://${host}`) {
    return sendError(res, 403, 'unauthorized', 'Cross-origin requests are refused.');
  }
  if (!hasToken(req.headers.authorization, context.tokenDigest)) {
    res.setHeader('WWW-Authenticate', 'Bearer');
    return sendError(res, 401, 'unauthorized', 'Missing or wrong API token.');
  }
  if (!isApiMethod(method)) {
    return sendError(res, 404, 'not_found', `Unknown API method "${method.slice(0, 100)}".`);
  }
  // Before the body is read: a refused call costs nothing and reaches nothing.
  const refused = refusalFor('web', method);
  if (refused) return sendError(res, 403, refused.code, refused.message);
  const mediaType = (req.headers['content-type'] ?? '').split(';', 1)[0]!.trim().toLowerCase();
  if (mediaType !== 'application/json') {
    return sendError(res, 415, 'unsupported_format', 'The API accepts application/json only.');
  }
  const body = await readBody(req, context.maxBodyBytes);
  if (body === 'too_large') {
    // Stop reading: closing the connection is cheaper than draining hundreds of megabytes.
    res.setHeader('Connection', 'close');
    sendError(res, 413, 'too_large', 'The request is too large.');
    res.once('finish', () => req.destroy());
    return;
  }
  let args: unknown;
  try {
    const text = body.toString('utf8');
    args = text.trim() === '' ? {} : JSON.parse(text);
  } catch {
    return sendError(res, 400, 'invalid_argument', 'The request body is not valid JSON.');
  }
  const outcome = await dispatch(context.api, method, args);
  const status = outcome.ok ? 200 : (STATUS_BY_CODE[outcome.error.code] ?? 500);
  sendJson(res, status, outcome);
}

/** Compares the bearer token in constant time (both sides hashed to the same length first). */
function hasToken(authorization: string | undefined, expected: Buffer): boolean {
  const match = /^Bearer\s+(\S+)\s*$/i.exec(authorization ?? '');
  if (!match) return false;
  return timingSafeEqual(digest(match[1]!), expected);
}

function digest(value: string): Buffer {
  return createHash('sha256').update(value, 'utf8').digest();
}

/**
 * Reads the body, giving up as soon as it exceeds `limit` (declared or actual), so an oversized
 * upload is never held in memory.
 */
function readBody(req: IncomingMessage, limit: number): Promise<Buffer | 'too_large'> {
  const declared = Number(req.headers['content-length']);
  if (Number.isFinite(declared) && declared > limit) return Promise.resolve('too_large');
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const onData = (chunk: Buffer): void => {
      size += chunk.length;
      if (size > limit) {
        cleanup();
        req.pause();
        chunks.length = 0;
        resolve('too_large');
        return;
      }
      chunks.push(chunk);
    };
    const onEnd = (): void => {
      cleanup();
      resolve(Buffer.concat(chunks, size));
    };
    const onError = (error: Error): void => {
      cleanup();
      reject(error);
    };
    // A client that hangs up mid-upload must not leave this promise (and its chunks) pending.
    const onClose = (): void => onError(new Error('The client closed the request.'));
    const cleanup = (): void => {
      req.off('data', onData);
      req.off('end', onEnd);
      req.off('error', onError);
      req.off('close', onClose);
    };
    req.on('data', onData);
    req.on('end', onEnd);
    req.on('error', onError);
    req.on('close', onClose);
  });
}

async function handleStatic(
  staticDir: string,
  pathname: string,
  req: IncomingMessage,
  res: ServerResponse,
): Promise<void> {
  if (req.method !== 'GET' && req.method !== 'HEAD') {
    res.setHeader('Allow', 'GET, HEAD');
    return sendText(res, 405, 'Method not allowed.');
  }
  const file = resolveStaticPath(staticDir, pathname);
  if (file === 'bad_request') return sendText(res, 400, 'Bad request.');
  if (file === 'outside') return sendText(res, 403, 'Forbidden.');
  const info = await stat(file).catch(() => null);
  if (!info?.isFile()) return sendText(res, 404, 'Not found.');

  res.writeHead(200, {
    ...SECURITY_HEADERS,
    'Content-Type': mimeTypeOf(file),
    'Content-Length': info.size,
    // The UI is rebuilt in place; always revalidate rather than run a stale bundle.
    'Cache-Control': 'no-cache',
  });
  if (req.method === 'HEAD') {
    res.end();
    return;
  }
  await pipeline(createReadStream(file), res);
}

function sendJson(res: ServerResponse, status: number, value: unknown): void {
  const body = JSON.stringify(value);
  res.writeHead(status, {
    ...SECURITY_HEADERS,
    'Content-Type': 'application/json; charset=utf-8',
    'Content-Length': Buffer.byteLength(body),
    'Cache-Control': 'no-store',
  });
  res.end(body);
}

function sendError(
  res: ServerResponse,
  status: number,
  code: GlossErrorCode,
  message: string,
): void {
  const error: GlossErrorShape = { code, message };
  sendJson(res, status, { ok: false, error });
}

function sendText(res: ServerResponse, status: number, message: string): void {
  res.writeHead(status, {
    ...SECURITY_HEADERS,
    'Content-Type': 'text/plain; charset=utf-8',
    'Content-Length': Buffer.byteLength(message),
    'Cache-Control': 'no-store',
  });
  res.end(message);
}
