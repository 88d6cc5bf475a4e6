/**
 * `npm run web`: Gloss in browser mode. Starts the service in a worker thread, serves the built
 * renderer and the API on 127.0.0.1, and prints the URL with the per-run token in its fragment.
 *
 * Bundled to out/node/web.mjs, beside out/node/service-worker.mjs and above out/renderer/.
 */
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { TOKEN_FRAGMENT_KEY } from '../core/shell';
import { defaultAuthor, defaultProjectPath } from './paths';
import { startRecoverableService } from './recovery-api';
import { APP_VERSION } from './version';
import { startWebServer } from './web-server';
import { startServiceWorker } from './worker-client';

const USAGE = `Usage: npm run web -- [--project FILE] [--port N] [--no-open]

Serves Gloss to your browser on 127.0.0.1 only, with a new access token on every run.

Options:
  --project FILE  the project file to open or create (default: ${defaultProjectPath()})
  --port N        the port to listen on (default: 0, any free port)
  --no-open       do not open a browser; just print the address
  -h, --help      show this help
`;

interface WebOptions {
  projectPath: string;
  port: number;
  open: boolean;
}

class UsageError extends Error {}

function parseOptions(argv: string[]): WebOptions | 'help' {
  let values;
  try {
    ({ values } = parseArgs({
      args: argv,
      options: {
        project: { type: 'string' },
        port: { type: 'string' },
        'no-open': { type: 'boolean' },
        help: { type: 'boolean', short: 'h' },
      },
      strict: true,
      allowPositionals: false,
    }));
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
  if (values.help) return 'help';
  const port = values.port === undefined ? 0 : Number(values.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535 || values.port?.trim() === '') {
    throw new UsageError(`--port must be a whole number from 0 to 65535, not "${values.port}".`);
  }
  if (values.project !== undefined && values.project.trim() === '') {
    throw new UsageError('--project needs a file path.');
  }
  return {
    projectPath: values.project ?? defaultProjectPath(),
    port,
    open: !values['no-open'],
  };
}

/** Opens the URL in the user's browser; failing to is not an error, the URL is printed anyway. */
function openBrowser(url: string): void {
  const [command, args] =
    process.platform === 'darwin'
      ? ['open', [url]]
      : process.platform === 'win32'
        ? ['cmd', ['/c', 'start', '""', url]]
        : ['xdg-open', [url]];
  try {
    const child = spawn(command, args, { stdio: 'ignore', detached: true });
    child.on('error', () => {});
    child.unref();
  } catch {
    // No opener on this machine (a server, a container): the printed URL is enough.
  }
}

async function main(): Promise<number> {
  let options: WebOptions | 'help';
  try {
    options = parseOptions(process.argv.slice(2));
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    process.stderr.write(`gloss web: ${error.message}\n\n${USAGE}`);
    return 2;
  }
  if (options === 'help') {
    process.stdout.write(USAGE);
    return 0;
  }

  // A damaged project still gets a page: the recovery screen, which offers the newest backup.
  const service = await startRecoverableService(resolve(options.projectPath), () =>
    startServiceWorker(new URL('./service-worker.mjs', import.meta.url), {
      projectPath: options.projectPath,
      author: defaultAuthor(),
      appVersion: APP_VERSION,
    }),
  );
  const damaged = service.damaged();
  if (damaged) {
    process.stderr.write(
      `gloss web: ${damaged.message}\nOpen the address below to restore a backup, or run ` +
        `\`gloss restore --latest --project ${options.projectPath}\`.\n`,
    );
  }
  let server;
  try {
    server = await startWebServer({
      api: service.api,
      staticDir: fileURLToPath(new URL('../renderer/', import.meta.url)),
      port: options.port,
    });
  } catch (error) {
    await service.close();
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'EADDRINUSE' || code === 'EACCES') {
      process.stderr.write(`gloss web: cannot listen on port ${options.port} (${code}).\n`);
      return 1;
    }
    throw error;
  }

  const link = `${server.url}#${TOKEN_FRAGMENT_KEY}=${server.token}`;
  process.stdout.write(`Gloss is running at ${link}\nProject: ${options.projectPath}\n`);
  process.stdout.write('Press Ctrl+C to stop.\n');
  if (options.open) openBrowser(link);

  const running = server;
  await new Promise<void>((resolve) => {
    let stopping = false;
    const stop = (): void => {
      // A second Ctrl+C while closing means "now": skip the orderly shutdown.
      if (stopping) process.exit(130);
      stopping = true;
      resolve();
    };
    process.on('SIGINT', stop);
    process.on('SIGTERM', stop);
  });
  // The worker closes the database last, so SQLite checkpoints the WAL into the project file.
  await running.close();
  await service.close();
  return 0;
}

main().then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    process.stderr.write(`gloss web: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exitCode = 1;
  },
);
