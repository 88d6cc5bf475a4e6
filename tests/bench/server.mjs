/**
 * Browser mode as the user runs it: the built out/node/web.mjs as a child process on the
 * benchmark's project, on a free port, without opening a browser.
 */
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const WEB_BUNDLE = path.join(ROOT, 'out/node/web.mjs');
const START_TIMEOUT_MS = 30_000;
const STOP_TIMEOUT_MS = 10_000;

/**
 * @typedef {object} RunningServer
 * @property {string} url     the URL to open, token in its fragment
 * @property {string} origin  http://127.0.0.1:PORT
 * @property {string} token
 * @property {() => string} output  everything it printed so far (for error reports)
 * @property {() => Promise<void>} stop
 */

/**
 * Starts the server and resolves once it prints its URL.
 * @param {string} projectPath
 * @param {string} cwd  where it runs (the temporary folder, so it leaves nothing in the repo)
 * @returns {Promise<RunningServer>}
 */
export async function startServer(projectPath, cwd) {
  if (!existsSync(WEB_BUNDLE)) throw new Error(`${WEB_BUNDLE} is missing: run npm run build.`);
  const child = spawn(
    process.execPath,
    [WEB_BUNDLE, '--project', projectPath, '--port', '0', '--no-open'],
    { cwd, stdio: ['ignore', 'pipe', 'pipe'] },
  );
  const chunks = [];
  child.stdout.on('data', (chunk) => chunks.push(chunk.toString()));
  child.stderr.on('data', (chunk) => chunks.push(chunk.toString()));
  const output = () => chunks.join('');
  const stop = () => stopChild(child);
  try {
    const url = await new Promise((resolve, reject) => {
      const timer = setTimeout(() => finish(new Error('did not start in time')), START_TIMEOUT_MS);
      const onData = () => {
        const match = /Gloss is running at (\S+)/.exec(output());
        if (match) finish(null, match[1]);
      };
      const onExit = (code) => finish(new Error(`exited with code ${code}`));
      const finish = (error, value) => {
        clearTimeout(timer);
        child.stdout.off('data', onData);
        child.off('exit', onExit);
        if (error) reject(error);
        else resolve(value);
      };
      child.stdout.on('data', onData);
      child.once('exit', onExit);
    });
    const parsed = new URL(url);
    const token = new URLSearchParams(parsed.hash.slice(1)).get('token') ?? '';
    return { url, origin: parsed.origin, token, output, stop };
  } catch (error) {
    await stop();
    throw new Error(`The web server ${error.message}. Its output:\n${output()}`, { cause: error });
  }
}

/** SIGTERM (an orderly shutdown), then SIGKILL if it has not exited in time. */
async function stopChild(child) {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise((resolve) => child.once('exit', resolve));
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), STOP_TIMEOUT_MS);
  await exited;
  clearTimeout(timer);
}
