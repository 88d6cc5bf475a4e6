/**
 * Playwright fixtures for browser mode: every test gets its own `npm run web` server (the real
 * bundle, out/node/web.mjs) on a fresh project in a temporary folder, and it is stopped after.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { test as base } from '@playwright/test';
import type { ApiArgs, ApiMethod, ApiResults } from '../../core/api';
import { GlossError, isGlossErrorShape } from '../../core/errors';
import { API_PATH_PREFIX } from '../../core/shell';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const WEB_BUNDLE = path.join(ROOT, 'out/node/web.mjs');
const START_TIMEOUT_MS = 20_000;
const STOP_TIMEOUT_MS = 10_000;

/** A running browser-mode server. */
export interface GlossServer {
  /** The URL to open, token included: http://127.0.0.1:PORT/#token=… */
  url: string;
  /** http://127.0.0.1:PORT */
  origin: string;
  token: string;
  /** The project file this server opened (in a temporary folder). */
  projectPath: string;
  /** Calls the API over HTTP as the page would (for setting up and checking state). */
  call<M extends ApiMethod>(method: M, args: ApiArgs[M]): Promise<ApiResults[M]>;
}

export const test = base.extend<{ gloss: GlossServer }>({
  // Playwright reads the fixture's parameter list, so the empty pattern is required.
  // eslint-disable-next-line no-empty-pattern
  gloss: async ({}, use, testInfo) => {
    if (!existsSync(WEB_BUNDLE)) {
      throw new Error(`${WEB_BUNDLE} is missing: run \`npm run build\` first.`);
    }
    const dir = await mkdtemp(path.join(os.tmpdir(), 'gloss-e2e-'));
    const projectPath = path.join(dir, 'project.gloss');
    const child = spawn(
      process.execPath,
      [WEB_BUNDLE, '--project', projectPath, '--port', '0', '--no-open'],
      { cwd: dir, stdio: ['ignore', 'pipe', 'pipe'] },
    );
    const output: string[] = [];
    child.stdout!.on('data', (chunk: Buffer) => output.push(chunk.toString()));
    child.stderr!.on('data', (chunk: Buffer) => output.push(chunk.toString()));
    try {
      const url = await waitForUrl(child, output);
      const parsed = new URL(url);
      const token = new URLSearchParams(parsed.hash.slice(1)).get('token') ?? '';
      await use({
        url,
        origin: parsed.origin,
        token,
        projectPath,
        call: (method, args) => callApi(parsed.origin, token, method, args),
      });
    } finally {
      await stop(child);
      if (testInfo.status !== testInfo.expectedStatus) {
        await testInfo.attach('web server output', {
          body: output.join(''),
          contentType: 'text/plain',
        });
      }
      await rm(dir, { recursive: true, force: true });
    }
  },
});

export { expect } from '@playwright/test';

/** Waits for the line `Gloss is running at URL` that web.mjs prints once it listens. */
function waitForUrl(child: ChildProcess, output: string[]): Promise<string> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => fail('did not start in time'), START_TIMEOUT_MS);
    const onData = (): void => {
      const match = /Gloss is running at (\S+)/.exec(output.join(''));
      if (match) {
        cleanup();
        resolve(match[1]!);
      }
    };
    const onExit = (code: number | null): void => fail(`exited with code ${code}`);
    const fail = (why: string): void => {
      cleanup();
      reject(new Error(`The web server ${why}. Its output:\n${output.join('')}`));
    };
    const cleanup = (): void => {
      clearTimeout(timer);
      child.stdout!.off('data', onData);
      child.off('exit', onExit);
    };
    child.stdout!.on('data', onData);
    child.once('exit', onExit);
  });
}

/** SIGTERM (an orderly shutdown that checkpoints SQLite), then SIGKILL if it hangs. */
async function stop(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), STOP_TIMEOUT_MS);
  await exited;
  clearTimeout(timer);
}

async function callApi<M extends ApiMethod>(
  origin: string,
  token: string,
  method: M,
  args: ApiArgs[M],
): Promise<ApiResults[M]> {
  const response = await fetch(`${origin}${API_PATH_PREFIX}${method}`, {
    method: 'POST',
    headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' },
    body: JSON.stringify(args),
  });
  const reply = (await response.json()) as { ok: boolean; result?: unknown; error?: unknown };
  if (reply.ok) return reply.result as ApiResults[M];
  if (isGlossErrorShape(reply.error)) throw GlossError.fromShape(reply.error);
  throw new Error(`${method} failed with HTTP ${response.status}`);
}
