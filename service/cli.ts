import { existsSync } from 'node:fs';
import { isAbsolute, relative, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { LIMITS } from '../core/api';
import type { DocumentFormat, ImportOptions, ImportOutcome } from '../core/domain';
import { GlossError } from '../core/errors';
import { isKnownEncoding } from '../formats/decode';
import { extensionOf, FORMAT_NAMES, IMPORT_EXTENSIONS } from '../formats/detect';
import { CODEBOOK_OPTIONS, codebookUsageProblem, runCodebook } from './cli-codebook';
import { CLI_HELP } from './cli-help';
import { EXPORT_OPTIONS, exportUsageProblem, runExport } from './cli-export';
import { recoveryHint, RESTORE_OPTIONS, restoreRequestOf, runRestore } from './cli-restore';
import {
  IMPORT_ANNOTATIONS_OPTIONS,
  importFormatProblem,
  runImportAnnotations,
  runSaveCopy,
  SAVE_COPY_OPTIONS,
} from './cli-exchange';
import type { CliCommand } from './cli-help';
import { plural, withService } from './cli-service';
import { defaultProjectPath } from './paths';
import { APP_VERSION } from './version';

/** Where the CLI reads and writes: the process's streams and folder, or a test's. */
export interface CliIo {
  stdout: { write(text: string): unknown };
  /** Progress lines ("[3/12] report.pdf") are written only when this is a terminal. */
  stderr: { write(text: string): unknown; isTTY?: boolean };
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
      // A damaged project: say how to restore its newest backup.
      const hint = recoveryHint(error);
      if (hint) io.stderr.write(hint);
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
    case 'settings':
      return settingsCommand(rest, io);
    case 'restore':
      return restoreCommand(rest, io);
    case 'import-annotations':
      return importAnnotationsCommand(rest, io);
    case 'save-copy':
      return saveCopyCommand(rest, io);
    case 'codebook':
      return codebookCommand(rest, io);
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
  if (
    topic !== 'import' &&
    topic !== 'export' &&
    topic !== 'settings' &&
    topic !== 'restore' &&
    topic !== 'import-annotations' &&
    topic !== 'save-copy' &&
    topic !== 'codebook'
  ) {
    throw new UsageError(`there is no command "${topic}" to explain.`);
  }
  io.stdout.write(CLI_HELP[topic]);
  return EXIT.ok;
}

async function importCommand(args: string[], io: CliIo): Promise<number> {
  const { values, positionals } = parse('import', args, {
    project: { type: 'string', short: 'p' },
    'whole-page': { type: 'boolean', short: 'w' },
    encoding: { type: 'string', short: 'e' },
    'new-version': { type: 'boolean' },
    help: { type: 'boolean', short: 'h' },
  });
  if (values.help) {
    io.stdout.write(CLI_HELP.import);
    return EXIT.ok;
  }
  if (positionals.length === 0) {
    throw new UsageError('name at least one file or folder to import.', 'import');
  }
  const options = importOptionsOf(values);
  const projectPath = projectPathOf(values.project, io, 'import');
  const tally = { imported: 0, duplicate: 0, failed: 0 };
  const shown = (path: string) => displayPath(path, io.cwd);
  await withService({ projectPath, mustExist: false }, async (api) => {
    const paths = positionals.map((arg) => resolve(io.cwd, arg));
    // A named path that is not there is a failure; what a folder walk leaves out is not.
    const present = paths.filter((path) => {
      if (existsSync(path)) return true;
      tally.failed += 1;
      io.stdout.write(`failed   ${shown(path)}: no such file or folder\n`);
      return false;
    });
    const files: { path: string; name: string }[] = [];
    // A shell glob can name more paths than one call takes.
    for (let at = 0; at < present.length; at += LIMITS.maxFilesPerCall) {
      const expanded = await api.expandPaths({
        paths: present.slice(at, at + LIMITS.maxFilesPerCall),
      });
      files.push(...expanded.files);
      for (const line of expanded.skipped) io.stderr.write(`skipped  ${shownSkip(line, io.cwd)}\n`);
    }
    const progress = io.stderr.isTTY === true;
    for (const [i, file] of files.entries()) {
      if (progress) io.stderr.write(`[${i + 1}/${files.length}] ${file.name}\n`);
      const [outcome] = await api.importPaths({ paths: [file.path], options });
      tally[outcome?.status ?? 'failed'] += 1;
      io.stdout.write(`${reportLine(shown(file.path), outcome)}\n`);
    }
  });
  const extra = [
    tally.duplicate > 0 ? `${plural(tally.duplicate, 'duplicate')} skipped` : '',
    tally.failed > 0 ? `${plural(tally.failed, 'file')} failed` : '',
  ].filter(Boolean);
  io.stderr.write(
    `Imported ${plural(tally.imported, 'file')} into ${projectPath}` +
      (extra.length > 0 ? `; ${extra.join('; ')}.\n` : '.\n'),
  );
  return tally.failed > 0 ? EXIT.failed : EXIT.ok;
}

/** The import options of the command line, checked before anything is read. */
function importOptionsOf(values: {
  'whole-page'?: boolean;
  encoding?: string;
  'new-version'?: boolean;
}): ImportOptions {
  const options: ImportOptions = {};
  if (values['whole-page']) options.htmlMode = 'whole-page';
  if (values['new-version']) options.onDuplicate = 'new-version';
  if (values.encoding !== undefined) {
    if (!isKnownEncoding(values.encoding)) {
      throw new UsageError(
        `unknown encoding "${values.encoding}": use a name such as utf-8, windows-1251 or koi8-r.`,
        'import',
      );
    }
    options.encoding = values.encoding;
  }
  return options;
}

/** One line per file on standard output: what became of it. */
function reportLine(shown: string, outcome: ImportOutcome | undefined): string {
  switch (outcome?.status) {
    case 'imported': {
      const { id, title, format } = outcome.document;
      const note = mislabelled(outcome.name, format);
      return `imported ${shown} as ${id} "${title}"${note}`;
    }
    case 'duplicate': {
      const { id, title } = outcome.existing;
      return `duplicate ${shown} of ${id} "${title}" (not imported again; --new-version imports it)`;
    }
    case 'failed':
      return `failed   ${outcome.error}`;
    default:
      return `failed   ${shown}: not imported`;
  }
}

/** " (a PDF, named .docx)" when a file was read as something other than its name says. */
function mislabelled(name: string, format: DocumentFormat): string {
  const named = IMPORT_EXTENSIONS[extensionOf(name)];
  if (named === undefined || named === format) return '';
  return ` (${FORMAT_NAMES[format]}, named ${extensionOf(name)})`;
}

/** A path relative to the working folder when it is inside it, else absolute. */
function displayPath(path: string, cwd: string): string {
  const relativePath = relative(cwd, path);
  return relativePath && !relativePath.startsWith('..') && !isAbsolute(relativePath)
    ? relativePath
    : path;
}

function shownSkip(line: string, cwd: string): string {
  const colon = line.lastIndexOf(': ');
  return colon < 0 ? line : `${displayPath(line.slice(0, colon), cwd)}${line.slice(colon)}`;
}

/** Exports in any exchange format (service/cli-export.ts). */
async function exportCommand(args: string[], io: CliIo): Promise<number> {
  const { values } = parse('export', args, EXPORT_OPTIONS, false);
  if (values.help) {
    io.stdout.write(CLI_HELP.export);
    return EXIT.ok;
  }
  const problem = exportUsageProblem(values);
  if (problem) throw new UsageError(problem, 'export');
  const projectPath = projectPathOf(values.project, io, 'export');
  return runExport(values, projectPath, io);
}

/** Lists a project's backups or restores one (service/cli-restore.ts). */
async function restoreCommand(args: string[], io: CliIo): Promise<number> {
  const { values } = parse('restore', args, RESTORE_OPTIONS, false);
  if (values.help) {
    io.stdout.write(CLI_HELP.restore);
    return EXIT.ok;
  }
  const request = restoreRequestOf(values);
  if (typeof request === 'string') throw new UsageError(request, 'restore');
  return runRestore(request, projectPathOf(values.project, io, 'restore'), io);
}

/** Imports a W3C, REFI-QDA, brat, doccano or Label Studio file (service/cli-exchange.ts). */
async function importAnnotationsCommand(args: string[], io: CliIo): Promise<number> {
  const { values, positionals } = parse('import-annotations', args, IMPORT_ANNOTATIONS_OPTIONS);
  if (values.help) {
    io.stdout.write(CLI_HELP['import-annotations']);
    return EXIT.ok;
  }
  if (positionals.length !== 1) {
    throw new UsageError('name one file of annotations to import.', 'import-annotations');
  }
  const problem = importFormatProblem(values.format);
  if (problem) throw new UsageError(problem, 'import-annotations');
  const projectPath = projectPathOf(values.project, io, 'import-annotations');
  return runImportAnnotations(positionals[0]!, values.format, projectPath, io);
}

/** Saves a copy of the whole project as one file (service/cli-exchange.ts). */
async function saveCopyCommand(args: string[], io: CliIo): Promise<number> {
  const { values, positionals } = parse('save-copy', args, SAVE_COPY_OPTIONS);
  if (values.help) {
    io.stdout.write(CLI_HELP['save-copy']);
    return EXIT.ok;
  }
  if (positionals.length !== 1 || positionals[0]!.trim() === '') {
    throw new UsageError('name the file to save the copy to.', 'save-copy');
  }
  const projectPath = projectPathOf(values.project, io, 'save-copy');
  return runSaveCopy(positionals[0]!, values.force === true, projectPath, io);
}

/** Exports or imports the codebook as JSON (service/cli-codebook.ts). */
async function codebookCommand(args: string[], io: CliIo): Promise<number> {
  const { values, positionals } = parse('codebook', args, CODEBOOK_OPTIONS);
  if (values.help) {
    io.stdout.write(CLI_HELP.codebook);
    return EXIT.ok;
  }
  const problem = codebookUsageProblem(positionals);
  if (problem) throw new UsageError(problem, 'codebook');
  if (values.out !== undefined && values.out.trim() === '') {
    throw new UsageError('--out needs a file path.', 'codebook');
  }
  return runCodebook(positionals, values.out, projectPathOf(values.project, io, 'codebook'), io);
}

const MB = 1024 * 1024;

/** Shows the project's import limits and changes those given (sizes in MB, text in characters). */
async function settingsCommand(args: string[], io: CliIo): Promise<number> {
  const { values } = parse(
    'settings',
    args,
    {
      project: { type: 'string', short: 'p' },
      'max-import-mb': { type: 'string' },
      'max-text-chars': { type: 'string' },
      'keep-original-mb': { type: 'string' },
      'backup-every-min': { type: 'string' },
      'keep-backups': { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
    false,
  );
  if (values.help) {
    io.stdout.write(CLI_HELP.settings);
    return EXIT.ok;
  }
  const number = (option: string, value: string | undefined, scale: number) => {
    if (value === undefined) return undefined;
    const parsed = Number(value);
    if (value.trim() === '' || !Number.isFinite(parsed) || parsed < 0) {
      throw new UsageError(`--${option} needs a number, not "${value}".`, 'settings');
    }
    return Math.round(parsed * scale);
  };
  const changes = {
    maxImportBytes: number('max-import-mb', values['max-import-mb'], MB),
    maxTextChars: number('max-text-chars', values['max-text-chars'], 1),
    keepOriginalBytes: number('keep-original-mb', values['keep-original-mb'], MB),
    backupIntervalMinutes: number('backup-every-min', values['backup-every-min'], 1),
    backupsKept: number('keep-backups', values['keep-backups'], 1),
  };
  const changing = Object.values(changes).some((value) => value !== undefined);
  const projectPath = projectPathOf(values.project, io, 'settings');
  const settings = await withService({ projectPath, mustExist: !changing }, (api) =>
    changing
      ? api.updateSettings(
          Object.fromEntries(Object.entries(changes).filter(([, v]) => v !== undefined)),
        )
      : api.getSettings({}),
  );
  const mb = (bytes: number) => `${Number((bytes / MB).toFixed(2))} MB`;
  io.stdout.write(
    `max-import-mb     ${mb(settings.maxImportBytes)}\n` +
      `max-text-chars    ${settings.maxTextChars}\n` +
      `keep-original-mb  ${mb(settings.keepOriginalBytes)}\n` +
      `backup-every-min  ${settings.backupIntervalMinutes}\n` +
      `keep-backups      ${settings.backupsKept}\n`,
  );
  return EXIT.ok;
}

type OptionSpec = Record<string, { type: 'string' | 'boolean'; short?: string }>;

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
