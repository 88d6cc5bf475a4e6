#!/usr/bin/env node
// The `gloss` command. The CLI itself is TypeScript, bundled by `npm run build` into
// out/node/cli.mjs; this file only finds it, so that a fresh checkout explains what to do.
import { existsSync } from 'node:fs';

const cli = new URL('../out/node/cli.mjs', import.meta.url);
if (!existsSync(cli)) {
  process.stderr.write('Gloss is not built yet: run `npm run build`\n');
  process.exit(1);
}
await import(cli.href);
