/**
 * How the Node side is bundled (esbuild options), shared by scripts/build.mjs and by the tests
 * that bundle an entry themselves, so a test exercises exactly what ships.
 */

// Left out of the bundles and loaded from node_modules at run time: better-sqlite3 is a native
// module; jsdom reads its own files relative to __dirname, which a bundle does not have.
export const nodeExternals = ['better-sqlite3', 'jsdom'];

// Node bundles are ESM; a few CommonJS dependencies still call require() for built-ins, which
// esbuild's ESM output can only honour when a real `require` is in scope.
const requireBanner =
  "import { createRequire as __glossCreateRequire } from 'node:module';\n" +
  'const require = __glossCreateRequire(import.meta.url);';

/** esbuild options for an ESM bundle that runs in Node 20 (CLI, web server, service worker). */
export const nodeBundleOptions = {
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  external: nodeExternals,
  banner: { js: requireBanner },
};
