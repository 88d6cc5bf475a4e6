import { existsSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { argSchemas, LIMITS } from '../core/api';
import type { GlossApi } from '../core/api';
import { GlossError } from '../core/errors';
import { CLI_HELP } from './cli-help';
import type { CliCommand } from './cli-help';
import { defaultAuthor, defaultProjectPath } from './paths';
import { openService } from './service';
import type { GlossService } from './service';
import { APP_VERSION } from './version';

/** Where the CLI reads and writes: the process's streams and folder, or a test's. */
export interface CliIo {
  stdout: { write(text: string): unknown };
  stderr: { write(text: string): unknown };
  /** Relative paths in arguments are resolved against this folder. */
  cwd: string;
}

/** Exit codes: 0 success, 1 the work failed (in part), 2 the command line was wrong. */
export const EXIT = { ok: 0, failed: 1, usage: 2 } as const;

/** A mistake in the command line: reported with a hint, exit code 2. */
class UsageError extends Error {
  constructor(
    message: string,
    readonly command?: CliCommand,
  ) {
    super(message);
  }
}

/**
 * Runs the `gloss` command line (`argv` without the node and script paths) and returns the exit
 * code. Commands call the service directly, in this thread: a batch job has no window to keep
 * responsive.
 */
export async function runCli(argv: string[], io: CliIo): Promise<number> {
  try {
    return await runCommand(argv, io);
  } catch (error) {
    if (error instanceof UsageError) {
      const hint = error.command
        ? `Run \`gloss help ${error.command}\` for its options.`
        : 'Run `gloss --help` for the list of commands.';
      io.stderr.write(`gloss: ${error.message}\n${hint}\n`);
      return EXIT.usage;
    }
    if (error instanceof GlossError) {
      io.stderr.write(`gloss: ${error.message}\n`);
      return EXIT.failed;
    }
    io.stderr.write(`gloss: internal error: ${(error as Error)?.stack ?? String(error)}\n`);
    return EXIT.failed;
  }
}

async function runCommand(argv: string[], io: CliIo): Promise<number> {
  const [first, ...rest] = argv;
  switch (first) {
    case undefined:
      throw new UsageError('no command given.');
    case '--help':
    case '-h':
      io.stdout.write(CLI_HELP.main);
      return EXIT.ok;
    case '--version':
    case '-v':
      io.stdout.write(`gloss ${APP_VERSION}\n`);
      return EXIT.ok;
    case 'help':
      return help(rest, io);
    case 'import':
      return importCommand(rest, io);
    case 'export':
      return exportCommand(rest, io);
    default:
      throw new UsageError(`unknown command "${first}".`);
  }
}

function help(rest: string[], io: CliIo): number {
  const [topic, ...extra] = rest;
  if (extra.length > 0) throw new UsageError('`gloss help` takes at most one command name.');
  if (topic === undefined) {
    io.stdout.write(CLI_HELP.main);
    return EXIT.ok;
  }
  if (topic !== 'import' && topic !== 'export') {
    throw new UsageError(`there is no command "${topic}" to explain.`);
  }
  io.stdout.write(CLI_HELP[topic]);
  return EXIT.ok;
}

async function importCommand(args: string[], io: CliIo): Promise<number> {
  const { values, positionals } = parse('import', args, {
    project: { type: 'string', short: 'p' },
    help: { type: 'boolean', short: 'h' },
  });
  if (values.help) {
    io.stdout.write(CLI_HELP.import);
    return EXIT.ok;
  }
  if (positionals.length === 0) throw new UsageError('name at least one file to import.', 'import');
  const projectPath = projectPathOf(values.project, io, 'import');
  let imported = 0;
  await withService({ projectPath, mustExist: false }, async (api) => {
    for (const arg of positionals) {
      const report = await importOne(api, arg, io.cwd);
      if (report.imported) imported += 1;
      io.stdout.write(`${report.line}\n`);
    }
  });
  const failed = positionals.length - imported;
  io.stderr.write(
    `Imported ${plural(imported, 'file')} into ${projectPath}` +
      (failed > 0 ? `; ${plural(failed, 'file')} failed.\n` : '.\n'),
  );
  return failed > 0 ? EXIT.failed : EXIT.ok;
}

/** Imports one command-line argument; `line` reports it ("imported …" or "failed …"). */
async function importOne(
  api: GlossApi,
  arg: string,
  cwd: string,
): Promise<{ imported: boolean; line: string }> {
  const failed = (reason: string) => ({ imported: false, line: `failed   ${reason}` });
  const path = resolve(cwd, arg);
  let size: number;
  try {
    const info = statSync(path);
    if (info.isDirectory()) {
      return failed(
        `${arg}: is a folder — name the files inside it (importing a folder is not supported yet)`,
      );
    }
    size = info.size;
  } catch {
    return failed(`${arg}: no such file`);
  }
  if (size > LIMITS.maxFileBytes) {
    return failed(`${arg}: the file is larger than ${LIMITS.maxFileBytes / (1024 * 1024)} MB`);
  }
  const data = readFileSync(path).toString('base64');
  const [outcome] = await api.importFiles({ files: [{ name: basename(path), data, path }] });
  if (outcome?.status !== 'imported') return failed(outcome?.error ?? `${arg}: not imported`);
  const { id, title } = outcome.document;
  return { imported: true, line: `imported ${arg} as ${id} "${title}"` };
}

async function exportCommand(args: string[], io: CliIo): Promise<number> {
  const { values } = parse(
    'export',
    args,
    {
      project: { type: 'string', short: 'p' },
      format: { type: 'string', short: 'f' },
      document: { type: 'string', short: 'd' },
      out: { type: 'string', short: 'o' },
      help: { type: 'boolean', short: 'h' },
    },
    false,
  );
  if (values.help) {
    io.stdout.write(CLI_HELP.export);
    return EXIT.ok;
  }
  const format = values.format;
  if (format !== 'jsonl' && format !== 'csv') {
    throw new UsageError(
      format === undefined
        ? 'choose a format with --format jsonl or --format csv.'
        : `unknown format "${format}": choose jsonl or csv.`,
      'export',
    );
  }
  const documentId = values.document;
  if (documentId !== undefined && !argSchemas.getDocument.safeParse({ id: documentId }).success) {
    throw new UsageError(`--document needs a document id (a UUID), not "${documentId}".`, 'export');
  }
  if (values.out !== undefined && values.out.trim() === '') {
    throw new UsageError('--out needs a file path.', 'export');
  }
  const projectPath = projectPathOf(values.project, io, 'export');
  const result = await withService({ projectPath, mustExist: true }, (api) =>
    api.exportAnnotations(documentId === undefined ? { format } : { format, documentId }),
  );
  if (values.out === undefined) {
    io.stdout.write(result.content);
  } else {
    writeFileAtomically(resolve(io.cwd, values.out), result.content);
  }
  io.stderr.write(
    `Exported ${plural(result.annotationCount, 'annotation')} from ` +
      `${plural(result.documentCount, 'document')} to ${values.out ?? 'standard output'}\n`,
  );
  return EXIT.ok;
}

type OptionSpec = Record<string, { type: 'string' | 'boolean'; short: string }>;

function parse<T extends OptionSpec>(
  command: CliCommand,
  args: string[],
  options: T,
  allowPositionals = true,
) {
  try {
    return parseArgs({ args, options, allowPositionals, strict: true });
  } catch (error) {
    // parseArgs reports unknown options, missing values and stray arguments as TypeErrors.
    throw new UsageError((error as Error).message, command);
  }
}

function projectPathOf(value: string | undefined, io: CliIo, command: CliCommand): string {
  if (value === undefined) return defaultProjectPath();
  if (value.trim() === '') throw new UsageError('--project needs a file path.', command);
  return resolve(io.cwd, value);
}

async function withService<T>(
  options: { projectPath: string; mustExist: boolean },
  work: (api: GlossApi) => Promise<T>,
): Promise<T> {
  const service: GlossService = openService({
    ...options,
    author: defaultAuthor(),
    appVersion: APP_VERSION,
  });
  try {
    return await work(service.api);
  } finally {
    service.close();
  }
}

/** Writes next to the target and renames, so an interrupted export never leaves half a file. */
function writeFileAtomically(path: string, content: string): void {
  if (!existsSync(dirname(path))) {
    throw new GlossError('not_found', `Cannot write ${path}: its folder does not exist.`);
  }
  const temporary = join(dirname(path), `.${basename(path)}.${process.pid}.tmp`);
  try {
    writeFileSync(temporary, content);
    renameSync(temporary, path);
  } catch (error) {
    rmSync(temporary, { force: true });
    throw new GlossError('internal', `Cannot write ${path}: ${(error as Error).message}`);
  }
}

function plural(count: number, noun: string): string {
  return `${count} ${noun}${count === 1 ? '' : 's'}`;
}
