/** The `gloss` command's entry point, bundled to out/node/cli.mjs and started by bin/gloss.mjs. */
import { runCli } from './cli';

// `gloss export … | head` closes the pipe early; that is the reader's choice, not an error.
process.stdout.on('error', (error: NodeJS.ErrnoException) => {
  if (error.code === 'EPIPE') process.exit(0);
  throw error;
});

void runCli(process.argv.slice(2), {
  stdout: process.stdout,
  stderr: process.stderr,
  cwd: process.cwd(),
}).then((code) => {
  // exitCode rather than exit(): Node then finishes writing a large export to a pipe first.
  process.exitCode = code;
});
