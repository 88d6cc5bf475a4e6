#!/usr/bin/env node
// `npm run build [-- --quiet]`: builds everything Gloss runs from into out/.
//   out/renderer/   the UI, built by Vite (vite.config.ts)
//   out/node/       web.mjs, cli.mjs, service-worker.mjs: ESM bundles for Node 20, by esbuild
//   out/electron/   main.cjs, preload.cjs: CommonJS for Electron's main process and sandboxed preload
// With --quiet it prints nothing unless something is wrong. Vite and esbuild run side by side.
import { existsSync, rmSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import * as esbuild from 'esbuild';
import { nodeBundleOptions, nodeExternals } from './bundle-options.mjs';

const root = path.dirname(path.dirname(fileURLToPath(import.meta.url)));
const quiet = process.argv.includes('--quiet');
const started = performance.now();

const nodeOptions = nodeBundleOptions;
const electronMainOptions = {
  platform: 'node',
  format: 'cjs',
  target: 'node22', // Electron 45's Node
  external: ['electron', ...nodeExternals],
};
// A sandboxed preload may require only 'electron' and a few browser-safe modules, so it is built
// for the browser: esbuild then refuses any Node built-in that slips into its imports.
const preloadOptions = {
  platform: 'browser',
  minify: true,
  format: 'cjs',
  target: 'chrome140',
  external: ['electron'],
};

const bundles = [
  { source: 'service/web-main.ts', out: 'out/node/web.mjs', options: nodeOptions },
  { source: 'service/cli-main.ts', out: 'out/node/cli.mjs', options: nodeOptions },
  { source: 'service/worker-entry.ts', out: 'out/node/service-worker.mjs', options: nodeOptions },
  { source: 'electron/main.ts', out: 'out/electron/main.cjs', options: electronMainOptions },
  { source: 'electron/preload.ts', out: 'out/electron/preload.cjs', options: preloadOptions },
];
const rendererEntry = 'renderer/index.html';

function log(message) {
  if (!quiet) process.stdout.write(`${message}\n`);
}

async function buildBundle({ source, out, options }) {
  await esbuild
    .build({
      ...options,
      absWorkingDir: root,
      entryPoints: [source],
      outfile: out,
      bundle: true,
      sourcemap: 'linked',
      sourcesContent: false,
      logLevel: quiet ? 'error' : 'warning',
    })
    .catch((error) => {
      throw Object.assign(error, { printedByEsbuild: true });
    });
  return out;
}

async function buildRenderer() {
  // Imported lazily: Vite takes a moment to load, and is not needed when only bundles are built.
  const { build } = await import('vite');
  await build({
    configFile: path.join(root, 'vite.config.ts'),
    logLevel: quiet ? 'silent' : 'warn',
  });
  return 'out/renderer/';
}

async function main() {
  const missing = [...bundles.map((b) => b.source), rendererEntry].filter(
    (source) => !existsSync(path.join(root, source)),
  );
  if (missing.length > 0) {
    for (const source of missing) process.stderr.write(`build: ${source} is missing.\n`);
    return 1;
  }
  // Stale bundles from an earlier layout must not be run or packaged by mistake.
  rmSync(path.join(root, 'out/node'), { recursive: true, force: true });
  rmSync(path.join(root, 'out/electron'), { recursive: true, force: true });

  const results = await Promise.allSettled([...bundles.map(buildBundle), buildRenderer()]);

  let failed = 0;
  for (const result of results) {
    if (result.status === 'fulfilled') {
      log(`built ${result.value}`);
    } else {
      failed++;
      // esbuild has already printed its errors with their locations; Vite's come back here.
      const error = result.reason;
      if (!error?.printedByEsbuild) process.stderr.write(`build: ${error?.message ?? error}\n`);
    }
  }
  if (failed > 0) {
    process.stderr.write(`build: ${failed} part(s) failed.\n`);
    return 1;
  }
  log(`build finished in ${Math.round(performance.now() - started)} ms`);
  return 0;
}

process.exitCode = await main();
