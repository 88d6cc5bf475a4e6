import { nodeBundleOptions } from '../../../scripts/bundle-options.mjs';
import { spawn } from 'node:child_process';
import { existsSync, statSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { createServer, type Server } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import * as esbuild from 'esbuild';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

// `npm run web` as a process: its own bundle (built here, so this test does not depend on a
// prior `npm run build`), its argument handling, and its orderly shutdown on SIGTERM.
const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
// Inside the repository, so the bundle resolves better-sqlite3 from its node_modules.
const BUNDLE_DIR = path.join(ROOT, 'out', '.test', `web-main-${process.pid}`, 'node');
const WEB = path.join(BUNDLE_DIR, 'web.mjs');

let tmp: string;

beforeAll(async () => {
  tmp = await mkdtemp(path.join(os.tmpdir(), 'gloss-web-main-'));
  await esbuild.build({
    absWorkingDir: ROOT,
    entryPoints: { web: 'service/web-main.ts', 'service-worker': 'service/worker-entry.ts' },
    outdir: BUNDLE_DIR,
    outExtension: { '.js': '.mjs' },
    ...nodeBundleOptions,
    logLevel: 'error',
  });
}, 60_000);

afterAll(async () => {
  await rm(path.dirname(BUNDLE_DIR), { recursive: true, force: true });
  await rm(tmp, { recursive: true, force: true });
});

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

function run(args: string[]): Promise<Run> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [WEB, ...args], { cwd: tmp });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

describe('npm run web', () => {
  it('prints its usage for --help and exits 0', async () => {
    const { code, stdout } = await run(['--help']);
    expect(code).toBe(0);
    expect(stdout).toContain('Usage: npm run web -- [--project FILE] [--port N] [--no-open]');
  });

  it.each([
    [['--port', 'eighty'], '--port must be a whole number'],
    [['--port', '70000'], '--port must be a whole number'],
    [['--port', ''], '--port must be a whole number'],
    [['--bogus'], "Unknown option '--bogus'"],
    [['stray.gloss'], 'stray.gloss'],
    [['--project'], "Option '--project <value>' argument missing"],
  ])('refuses %j with a clear message and exit code 2', async (args, message) => {
    const { code, stderr } = await run(args);
    expect(code).toBe(2);
    expect(stderr).toContain(message);
    expect(stderr).toContain('Usage:');
  });

  it('serves a project with a fresh token, and checkpoints it on SIGTERM', async () => {
    const projectPath = path.join(tmp, 'case.gloss');
    const child = spawn(process.execPath, [WEB, '--project', projectPath, '--no-open'], {
      cwd: tmp,
    });
    let stdout = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk));
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk));
    const exited = new Promise<number | null>((resolve) => child.on('close', resolve));

    const url = await new Promise<URL>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`no URL in:\n${stdout}${stderr}`)), 15_000);
      child.stdout.on('data', () => {
        const match = /Gloss is running at (\S+)/.exec(stdout);
        if (match) {
          clearTimeout(timer);
          resolve(new URL(match[1]!));
        }
      });
    });
    expect(url.origin).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(url.hash).toMatch(/^#token=[0-9a-f]{64}$/);
    expect(stdout).toContain(`Project: ${projectPath}`);

    const response = await fetch(`${url.origin}/api/getProjectInfo`, {
      method: 'POST',
      headers: {
        Authorization: `Bearer ${url.hash.slice('#token='.length)}`,
        'Content-Type': 'application/json',
      },
      body: '{}',
    });
    expect(await response.json()).toMatchObject({ ok: true, result: { projectPath } });

    child.kill('SIGTERM');
    expect(await exited).toBe(0);
    expect(existsSync(projectPath)).toBe(true);
    // Closing the database last checkpoints the WAL: nothing is left outside the project file.
    const wal = `${projectPath}-wal`;
    expect(existsSync(wal) ? statSync(wal).size : 0).toBe(0);
  });

  it('says so and exits 1 when the port is taken', async () => {
    const blocker: Server = createServer();
    await new Promise<void>((resolve) => blocker.listen(0, '127.0.0.1', resolve));
    const port = (blocker.address() as { port: number }).port;
    try {
      const projectPath = path.join(tmp, 'busy.gloss');
      const { code, stderr } = await run([
        '--project',
        projectPath,
        '--port',
        String(port),
        '--no-open',
      ]);
      expect(code).toBe(1);
      expect(stderr).toContain(`cannot listen on port ${port}`);
    } finally {
      blocker.close();
    }
  });
});
