/**
 * Browser mode's guards, one at a time and as a real attack combines them (web-server.test.ts
 * has the basics): a cross-site form post, DNS rebinding with every spelling of a host name, the
 * JSON-only rule on its own, the download route, and connections from another machine. Every
 * test here was seen to fail with its guard removed from service/web-server.ts.
 */
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { connect } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openService, type GlossService } from '../../../service/service';
import { isLoopbackAddress, startWebServer, type WebServer } from '../../../service/web-server';
import { apiHeaders, rawRequest } from './http';

let dir: string;
let service: GlossService;
let server: WebServer;

const ARTICLE = Buffer.from('The minister said the talks had failed.\n').toString('base64');
const importBody = (name: string): string => JSON.stringify({ files: [{ name, data: ARTICLE }] });

beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'gloss-web-guards-'));
  const staticDir = path.join(dir, 'static');
  await mkdir(staticDir, { recursive: true });
  await writeFile(path.join(staticDir, 'index.html'), '<!doctype html><title>Gloss</title>');
  service = openService({
    projectPath: path.join(dir, 'project.gloss'),
    author: 'tester',
    appVersion: '0.0.0-test',
  });
  server = await startWebServer({ api: service.api, staticDir, maxBodyBytes: 64 * 1024 });
});

afterAll(async () => {
  await server?.close();
  service?.close();
  await rm(dir, { recursive: true, force: true });
});

async function documentCount(): Promise<number> {
  return (await service.api.listDocuments({})).length;
}

function post(headers: Record<string, string>, body: string, method = 'importFiles') {
  return rawRequest({ port: server.port, method: 'POST', path: `/api/${method}`, headers, body });
}

describe('a cross-site form post', () => {
  // What an <form method=post enctype=…> on another site sends: its Origin, a "simple" content
  // type, no Authorization header (a page cannot add one without a CORS preflight).
  const contentTypes = [
    'text/plain',
    'application/x-www-form-urlencoded',
    'multipart/form-data; boundary=x',
  ];

  it('is refused whatever its content type, and writes nothing', async () => {
    const before = await documentCount();
    for (const contentType of contentTypes) {
      const response = await post(
        { Origin: 'https://evil.example', 'Content-Type': contentType },
        importBody('form.txt'),
      );
      expect(response.status, contentType).toBe(403);
      expect(JSON.parse(response.body).error.code).toBe('unauthorized');
    }
    expect(await documentCount()).toBe(before);
  });

  it('is refused by the JSON rule alone, even with our Origin and the token', async () => {
    const before = await documentCount();
    for (const contentType of contentTypes) {
      const response = await post(
        { ...apiHeaders(server.token, server.port), 'Content-Type': contentType },
        importBody('simple.txt'),
      );
      expect(response.status, contentType).toBe(415);
    }
    expect(await documentCount()).toBe(before);
  });

  it('is refused by the Origin rule alone, even as JSON with the token', async () => {
    const before = await documentCount();
    // Another program on this machine (another port), a page without a port, a sandboxed frame.
    for (const origin of [
      'http://127.0.0.1:1',
      'http://127.0.0.1',
      `https://127.0.0.1:${server.port}`,
      `http://127.0.0.1:${server.port}.evil.example`,
      'null',
    ]) {
      const response = await post(
        { ...apiHeaders(server.token, server.port), Origin: origin },
        importBody('origin.txt'),
      );
      expect(response.status, origin).toBe(403);
    }
    expect(await documentCount()).toBe(before);
  });

  it('is refused by the token rule alone, even as JSON from our Origin', async () => {
    const before = await documentCount();
    const headers = apiHeaders(server.token, server.port);
    for (const authorization of [
      '',
      'Bearer',
      `Bearer  ${server.token}x`,
      `bearer ${server.token.toUpperCase()}`,
    ]) {
      const response = await post(
        { ...headers, Authorization: authorization },
        importBody('t.txt'),
      );
      expect(response.status, authorization).toBe(401);
    }
    expect(await documentCount()).toBe(before);
  });
});

describe('DNS rebinding', () => {
  // A page of evil.example whose name now resolves to 127.0.0.1 is same-origin with itself: it
  // sends its own Host (and Origin). Every other spelling of this machine is refused too: only
  // the exact names the UI is served under are ours.
  const foreignHosts = (port: number): string[] => [
    `evil.example:${port}`,
    'evil.example',
    '127.0.0.1',
    `127.0.0.1:${port}.`,
    `localhost.:${port}`,
    `127.1:${port}`,
    `2130706433:${port}`,
    `0.0.0.0:${port}`,
    `[::1]:${port}`,
    `127.0.0.1:${port}@evil.example`,
    `evil.example:${port}, 127.0.0.1:${port}`,
  ];

  it('is refused on the API, with or without a matching Origin, and writes nothing', async () => {
    const before = await documentCount();
    for (const host of foreignHosts(server.port)) {
      for (const origin of [`http://${host}`, '']) {
        const response = await post(
          { ...apiHeaders(server.token, server.port), Host: host, Origin: origin },
          importBody('rebound.txt'),
        );
        expect(response.status, `${host} ${origin}`).toBe(403);
      }
    }
    expect(await documentCount()).toBe(before);
  });

  it('is refused on the UI files and on downloads too', async () => {
    for (const host of foreignHosts(server.port)) {
      const page = await rawRequest({ port: server.port, path: '/', headers: { Host: host } });
      expect(page.status, host).toBe(403);
      expect(page.body).not.toContain('<title>Gloss</title>');
      const download = await rawRequest({
        port: server.port,
        path: `/download/${'0'.repeat(32)}`,
        headers: { Host: host, Authorization: `Bearer ${server.token}` },
      });
      expect(download.status, host).toBe(403);
    }
  });
});

describe('the download route', () => {
  it('wants the token, and names files only by their random id', async () => {
    const id = 'a'.repeat(32);
    const noToken = await rawRequest({ port: server.port, path: `/download/${id}` });
    expect(noToken.status).toBe(401);
    for (const attempt of [id, '..%2F..%2Fetc%2Fpasswd', '../../etc/passwd', `${id}/../x`, '%00']) {
      const response = await rawRequest({
        port: server.port,
        path: `/download/${attempt}`,
        headers: { Authorization: `Bearer ${server.token}` },
      });
      expect([400, 404], attempt).toContain(response.status);
      expect(response.body).not.toContain('root:');
    }
  });
});

describe('connections from another machine', () => {
  it('tells loopback addresses from the others', () => {
    for (const address of [
      '127.0.0.1',
      '127.0.0.2',
      '127.255.255.254',
      '::1',
      '::ffff:127.0.0.1',
    ]) {
      expect(isLoopbackAddress(address), address).toBe(true);
    }
    for (const address of [
      '192.0.2.2',
      '10.0.0.1',
      '::ffff:10.0.0.1',
      'fe80::1',
      '::',
      '0.0.0.0',
      '1127.0.0.1',
      undefined,
    ]) {
      expect(isLoopbackAddress(address), String(address)).toBe(false);
    }
  });

  it('are closed unanswered even if the server listened on every interface', async () => {
    const external = Object.values(os.networkInterfaces())
      .flat()
      .find((entry) => entry && entry.family === 'IPv4' && !entry.internal)?.address;
    if (!external) {
      console.log('[web] no non-loopback IPv4 interface here: only the address rule was tested');
      return;
    }
    // Forced past the type, as a careless change might: the connection rule must still hold.
    const wide = await startWebServer({
      api: service.api,
      staticDir: path.join(dir, 'static'),
      host: '0.0.0.0' as '127.0.0.1',
    });
    try {
      const headers = { Host: `127.0.0.1:${wide.port}` };
      await expect(
        rawRequest({ port: wide.port, path: '/', address: external, headers }),
        `a request from ${external}`,
      ).rejects.toThrow();
      const local = await rawRequest({ port: wide.port, path: '/', headers });
      expect(local.status).toBe(200);
    } finally {
      await wide.close();
    }
  });
});

// Keeps the raw socket import honest: a bare TCP client sees the connection closed at once.
describe('a raw connection from outside', () => {
  it('gets no bytes back', async () => {
    const external = Object.values(os.networkInterfaces())
      .flat()
      .find((entry) => entry && entry.family === 'IPv4' && !entry.internal)?.address;
    if (!external) return;
    const wide = await startWebServer({
      api: service.api,
      staticDir: path.join(dir, 'static'),
      host: '0.0.0.0' as '127.0.0.1',
    });
    try {
      const received = await new Promise<string>((resolve) => {
        const socket = connect({ host: external, port: wide.port });
        let data = '';
        socket.on('connect', () =>
          socket.write(`GET / HTTP/1.1\r\nHost: 127.0.0.1:${wide.port}\r\n\r\n`),
        );
        socket.on('data', (chunk) => (data += chunk.toString()));
        socket.on('close', () => resolve(data));
        socket.on('error', () => resolve(data));
        socket.setTimeout(3000, () => socket.destroy());
      });
      expect(received).toBe('');
    } finally {
      await wide.close();
    }
  });
});
