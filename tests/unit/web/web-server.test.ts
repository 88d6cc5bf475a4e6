import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { connect } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROOT_TAGS } from '../../../core/codebook';
import type { DocumentSummary, ImportOutcome } from '../../../core/domain';
import { openService, type GlossService } from '../../../service/service';
import { CONTENT_SECURITY_POLICY } from '../../../core/security';
import { startWebServer, type WebServer } from '../../../service/web-server';
import { apiHeaders, rawRequest, type RawResponse } from './http';

const BODY_LIMIT = 64 * 1024;
const ARTICLE =
  'Baku, 3 March.\n\nThe minister said the talks had failed. Critics called it a farce.\n';

let dir: string;
let service: GlossService;
let server: WebServer;

beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'gloss-web-'));
  const staticDir = path.join(dir, 'static');
  await mkdir(path.join(staticDir, 'assets'), { recursive: true });
  await writeFile(path.join(staticDir, 'index.html'), '<!doctype html><title>Gloss</title>');
  await writeFile(path.join(staticDir, 'assets', 'app.js'), 'console.log("ui");');
  await writeFile(path.join(staticDir, 'assets', 'app.css'), 'body{}');
  // Beside the served folder, where a traversal would find it.
  await writeFile(path.join(dir, 'secret.txt'), 'TOP SECRET');
  service = openService({
    projectPath: path.join(dir, 'project.gloss'),
    author: 'tester',
    appVersion: '0.0.0-test',
  });
  server = await startWebServer({ api: service.api, staticDir, maxBodyBytes: BODY_LIMIT });
});

afterAll(async () => {
  await server?.close();
  service?.close();
  await rm(dir, { recursive: true, force: true });
});

function callApi(method: string, body: unknown, headers?: Record<string, string>) {
  return rawRequest({
    port: server.port,
    method: 'POST',
    path: `/api/${method}`,
    headers: { ...apiHeaders(server.token, server.port), ...headers },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
}

function json(response: RawResponse): { ok: boolean; result?: unknown; error?: { code: string } } {
  return JSON.parse(response.body);
}

async function documentCount(): Promise<number> {
  return (await service.api.listDocuments({})).length;
}

const importArgs = (name: string) => ({
  files: [{ name, data: Buffer.from(ARTICLE).toString('base64') }],
});

describe('the API over loopback HTTP', () => {
  it('round-trips a call: import, then list and tag what was imported', async () => {
    const imported = await callApi('importFiles', importArgs('talks.txt'));
    expect(imported.status).toBe(200);
    const [outcome] = json(imported).result as ImportOutcome[];
    if (outcome?.status !== 'imported') throw new Error(`not imported: ${imported.body}`);

    const listed = json(await callApi('listDocuments', {})).result as DocumentSummary[];
    expect(listed.map((d) => d.id)).toContain(outcome.document.id);
    const annotated = await callApi('createAnnotation', {
      documentId: outcome.document.id,
      tagId: ROOT_TAGS[0]!.id,
      start: 16,
      end: 54,
    });
    expect(annotated.status).toBe(200);
    expect(json(annotated).result).toMatchObject({
      exact: 'The minister said the talks had failed',
    });
  });

  it('answers with the error shape and a status that matches its code', async () => {
    const invalid = await callApi('getDocument', { id: 'not-a-uuid' });
    expect(invalid.status).toBe(400);
    expect(json(invalid)).toMatchObject({ ok: false, error: { code: 'invalid_argument' } });

    const missing = await callApi('getDocument', { id: '01890000-0000-7000-8000-000000000000' });
    expect(missing.status).toBe(404);
    expect(json(missing).error?.code).toBe('not_found');
  });

  it('refuses a missing or wrong token with 401, and writes nothing', async () => {
    const before = await documentCount();
    const noToken = await callApi('importFiles', importArgs('a.txt'), { Authorization: '' });
    const wrongToken = await callApi('importFiles', importArgs('b.txt'), {
      Authorization: `Bearer ${'0'.repeat(64)}`,
    });
    const prefixOfToken = await callApi('importFiles', importArgs('c.txt'), {
      Authorization: `Bearer ${server.token.slice(0, 32)}`,
    });
    const notBearer = await callApi('importFiles', importArgs('d.txt'), {
      Authorization: `Basic ${server.token}`,
    });
    for (const response of [noToken, wrongToken, prefixOfToken, notBearer]) {
      expect(response.status).toBe(401);
      expect(json(response).error?.code).toBe('unauthorized');
    }
    expect(await documentCount()).toBe(before);
  });

  it('refuses a Host that is not ours with 403 (DNS rebinding)', async () => {
    for (const host of ['evil.example', `evil.example:${server.port}`, '127.0.0.1:1']) {
      // A rebound page is same-origin with its own name, so its Origin matches its Host.
      const response = await callApi(
        'getProjectInfo',
        {},
        { Host: host, Origin: `http://${host}` },
      );
      expect(response.status, host).toBe(403);
      const noOrigin = await callApi('getProjectInfo', {}, { Host: host, Origin: '' });
      expect(noOrigin.status, host).toBe(403);
    }
    // Without any Host, Node itself already answers 400.
    const noHost = await callApi('getProjectInfo', {}, { Host: '', Origin: '' });
    expect([400, 403]).toContain(noHost.status);
    const viaLocalhost = await callApi(
      'getProjectInfo',
      {},
      {
        Host: `localhost:${server.port}`,
        Origin: `http://localhost:${server.port}`,
      },
    );
    expect(viaLocalhost.status).toBe(200);
  });

  it('refuses a foreign Origin with 403, and writes nothing', async () => {
    const before = await documentCount();
    for (const origin of ['http://evil.example', 'null', `http://localhost:${server.port}`]) {
      const response = await callApi('importFiles', importArgs('x.txt'), { Origin: origin });
      expect(response.status, origin).toBe(403);
    }
    expect(await documentCount()).toBe(before);
  });

  it('refuses an oversized body with 413, declared or streamed, and writes nothing', async () => {
    const before = await documentCount();
    const declared = await callApi('importFiles', 'x'.repeat(BODY_LIMIT + 1));
    expect(declared.status).toBe(413);
    expect(json(declared).error?.code).toBe('too_large');

    const chunk = Buffer.alloc(16 * 1024, 'a');
    const streamed = await rawRequest({
      port: server.port,
      method: 'POST',
      path: '/api/importFiles',
      headers: apiHeaders(server.token, server.port),
      body: Array.from({ length: 8 }, () => chunk),
    });
    expect(streamed.status).toBe(413);
    expect(await documentCount()).toBe(before);
  });

  it('refuses the path methods: a web page never makes the service read local files', async () => {
    // The secret file beside the served folder is exactly what a hostile page would ask for.
    const secret = path.join(dir, 'secret.txt');
    const before = await documentCount();
    for (const [method, args] of [
      ['importPaths', { paths: [secret] }],
      ['expandPaths', { paths: [dir] }],
    ] as const) {
      const response = await callApi(method, args);
      expect(response.status).toBe(403);
      expect(json(response)).toMatchObject({
        ok: false,
        error: {
          code: 'unauthorized',
          message: expect.stringMatching(new RegExp(`^${method} is not available in browser mode`)),
        },
      });
      expect(response.body).not.toContain('TOP SECRET');
      expect(response.body).not.toContain('secret.txt');
    }
    expect(await documentCount()).toBe(before);
    // The same service answers them through its own API (the CLI's and the dialog's door).
    const listed = await service.api.expandPaths({ paths: [secret] });
    expect(listed.files.map((f) => f.name)).toEqual(['secret.txt']);
  });

  it('answers an unknown method with 404, and other verbs with 405', async () => {
    for (const method of ['dropDatabase', '', 'constructor', '__proto__', 'listDocuments/x']) {
      const response = await callApi(method, {});
      expect(response.status, method).toBe(404);
      expect(json(response).error?.code).toBe('not_found');
    }
    const get = await rawRequest({ port: server.port, path: '/api/listDocuments' });
    expect(get.status).toBe(405);
    expect(get.headers.allow).toBe('POST');
  });

  it('wants JSON: another content type is 415, a malformed body 400', async () => {
    const text = await callApi('listDocuments', '{}', { 'Content-Type': 'text/plain' });
    expect(text.status).toBe(415);
    const form = await callApi('listDocuments', 'a=1', {
      'Content-Type': 'application/x-www-form-urlencoded',
    });
    expect(form.status).toBe(415);
    const broken = await callApi('listDocuments', '{"query": ');
    expect(broken.status).toBe(400);
    expect(json(broken).error?.code).toBe('invalid_argument');
    const charset = await callApi('listDocuments', '{}', {
      'Content-Type': 'application/json; charset=utf-8',
    });
    expect(charset.status).toBe(200);
  });

  it('sends the security headers and no-store on every answer', async () => {
    const ok = await callApi('getProjectInfo', {});
    const refused = await callApi('getProjectInfo', {}, { Authorization: '' });
    for (const response of [ok, refused]) {
      expect(response.headers['content-security-policy']).toBe(CONTENT_SECURITY_POLICY);
      expect(response.headers['x-content-type-options']).toBe('nosniff');
      expect(response.headers['referrer-policy']).toBe('no-referrer');
      expect(response.headers['cross-origin-opener-policy']).toBe('same-origin');
      expect(response.headers['cache-control']).toBe('no-store');
    }
    expect(CONTENT_SECURITY_POLICY).toContain("script-src 'self';");
    expect(CONTENT_SECURITY_POLICY).toContain("frame-ancestors 'none'");
  });
});

describe('the static files of the UI', () => {
  const get = (urlPath: string, method = 'GET') =>
    rawRequest({ port: server.port, path: urlPath, method });

  it('serves index.html for / and assets with their MIME types and the CSP', async () => {
    const index = await get('/');
    expect(index.status).toBe(200);
    expect(index.body).toContain('<title>Gloss</title>');
    expect(index.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(index.headers['content-security-policy']).toBe(CONTENT_SECURITY_POLICY);
    expect(index.headers['x-content-type-options']).toBe('nosniff');
    expect((await get('/assets/app.js')).headers['content-type']).toMatch(/^text\/javascript/);
    expect((await get('/assets/app.css')).headers['content-type']).toMatch(/^text\/css/);
    const head = await get('/assets/app.js', 'HEAD');
    expect(head.status).toBe(200);
    expect(head.body).toBe('');
  });

  it('answers 404 for what is not there and 405 for other verbs', async () => {
    expect((await get('/nothing.js')).status).toBe(404);
    expect((await get('/assets')).status).toBe(404);
    expect((await get('/', 'POST')).status).toBe(405);
    expect((await get('/', 'DELETE')).status).toBe(405);
  });

  it('never serves a file outside its folder', async () => {
    const attempts = [
      '/../secret.txt',
      '/assets/../../secret.txt',
      '/%2e%2e/secret.txt',
      '/%2E%2E%2Fsecret.txt',
      '/..%2fsecret.txt',
      '/..%5csecret.txt',
      '/%2e%2e/%2e%2e/package.json',
      '/../../../../../../etc/passwd',
      '/%00index.html',
      '/%E0%A4%A',
    ];
    for (const attempt of attempts) {
      const response = await get(attempt);
      expect([400, 403, 404], attempt).toContain(response.status);
      expect(response.body).not.toContain('TOP SECRET');
      expect(response.body).not.toContain('root:');
    }
  });
});

describe('the listening socket', () => {
  it('is bound to 127.0.0.1 only, with a fresh 32-byte token per run', async () => {
    expect(server.url).toBe(`http://127.0.0.1:${server.port}/`);
    expect(server.token).toMatch(/^[0-9a-f]{64}$/);
    const other = await startWebServer({ api: service.api, staticDir: dir });
    try {
      expect(other.token).not.toBe(server.token);
    } finally {
      await other.close();
    }
    // Every other address of this machine, loopback ones included, must refuse the connection.
    const addresses = ['127.0.0.2', '::1'];
    for (const list of Object.values(os.networkInterfaces())) {
      for (const entry of list ?? [])
        if (entry.address !== '127.0.0.1') addresses.push(entry.address);
    }
    for (const address of new Set(addresses)) {
      await expect(canConnect(address, server.port), address).resolves.toBe(false);
    }
    await expect(canConnect('127.0.0.1', server.port)).resolves.toBe(true);
  });
});

function canConnect(address: string, port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect({ host: address, port, timeout: 2000 });
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
    socket.once('timeout', () => {
      socket.destroy();
      resolve(false);
    });
  });
}
