/**
 * `gloss codebook export|import`: a project's codebook as a JSON file (docs/codebook-format.md)
 * from the command line, e.g. to give a team the same tags before they start. cli.ts parses the
 * options named here and calls the runner, which opens the project itself.
 */
import { readFileSync, renameSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { GlossError } from '../core/errors';
import { withService } from './cli-service';

export const CODEBOOK_OPTIONS = {
  project: { type: 'string', short: 'p' },
  out: { type: 'string', short: 'o' },
  help: { type: 'boolean', short: 'h' },
} as const;

interface Io {
  stdout: { write(text: string): unknown };
  stderr: { write(text: string): unknown };
  cwd: string;
}

/** Why the arguments cannot run, or undefined: `export` takes no file, `import` one. */
export function codebookUsageProblem(positionals: readonly string[]): string | undefined {
  const [action, ...files] = positionals;
  if (action === 'export') {
    return files.length
      ? '`gloss codebook export` writes to --out FILE (or standard output).'
      : undefined;
  }
  if (action === 'import')
    return files.length === 1 ? undefined : 'name one codebook file to import.';
  return action === undefined
    ? 'say `export` or `import`.'
    : `unknown action "${action}": say export or import.`;
}

/** Runs `export` (to `out`, or standard output) or `import FILE`; prints what was done. */
export async function runCodebook(
  positionals: readonly string[],
  out: string | undefined,
  projectPath: string,
  io: Io,
): Promise<number> {
  const [action, file] = positionals;
  if (action === 'export') {
    const codebook = await withService({ projectPath, mustExist: true }, (api) =>
      api.exportCodebook({}),
    );
    const content = `${JSON.stringify(codebook, null, 2)}\n`;
    if (out === undefined) io.stdout.write(content);
    else {
      const path = resolve(io.cwd, out);
      // Written beside the target and renamed: an interrupted run never leaves half a file.
      const partial = `${path}.partial`;
      writeFileSync(partial, content);
      renameSync(partial, path);
    }
    io.stderr.write(`Exported the codebook to ${out ?? 'standard output'}\n`);
    return 0;
  }
  const path = resolve(io.cwd, file!);
  let parsed: unknown;
  try {
    parsed = JSON.parse(readFileSync(path, 'utf8'));
  } catch (error) {
    const why =
      (error as NodeJS.ErrnoException).code === 'ENOENT'
        ? 'there is no such file'
        : 'it is not JSON';
    throw new GlossError('invalid_argument', `Cannot read ${path}: ${why}.`);
  }
  const report = await withService({ projectPath, mustExist: false }, (api) =>
    api.importCodebook({ codebook: parsed as never }),
  );
  io.stdout.write(
    `Tags: ${report.tagsMatchedById} matched by id, ${report.tagsMatchedByPath} by name, ` +
      `${report.tagsCreated} created, ${report.tagsUpdated} updated. ` +
      `Attributes: ${report.attributesCreated} created, ${report.attributesUpdated} updated.\n`,
  );
  for (const change of report.changes) {
    io.stdout.write(`  ${change.action} ${change.kind} ${change.path}\n`);
  }
  for (const warning of report.warnings) io.stderr.write(`  not applied: ${warning}\n`);
  return 0;
}
