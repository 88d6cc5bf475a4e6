/**
 * `gloss import-annotations` and `gloss save-copy`: exchange from the command line. cli.ts parses
 * the options named here and calls the runners, which open the project themselves.
 */
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import type { ImportAnnotationsReport } from '../core/api-exchange';
import { EXCHANGE_FORMAT_IDS } from '../core/api-exchange';
import { GlossError } from '../core/errors';
import { plural, withService } from './cli-service';

export const IMPORT_ANNOTATIONS_OPTIONS = {
  project: { type: 'string', short: 'p' },
  format: { type: 'string', short: 'f' },
  help: { type: 'boolean', short: 'h' },
} as const;

export const SAVE_COPY_OPTIONS = {
  project: { type: 'string', short: 'p' },
  force: { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
} as const;

/** The formats `--format` accepts (the readable ones). */
export const IMPORT_FORMAT_IDS = ['w3c', 'qdpx', 'qdc', 'brat', 'doccano', 'labelstudio'] as const;

interface Io {
  stdout: { write(text: string): unknown };
  stderr: { write(text: string): unknown };
  cwd: string;
}

/** The usage mistake in `--format`, or undefined. */
export function importFormatProblem(format: string | undefined): string | undefined {
  if (format === undefined) return undefined;
  if (!(EXCHANGE_FORMAT_IDS as readonly string[]).includes(format)) {
    return `unknown format "${format}": choose one of ${IMPORT_FORMAT_IDS.join(', ')}.`;
  }
  return undefined;
}

/**
 * Imports one exchange file into the project and prints the report. Exit code 0 when everything
 * the file held is in the project (added now or before), 1 when anything was left out.
 */
export async function runImportAnnotations(
  file: string,
  format: string | undefined,
  projectPath: string,
  io: Io,
): Promise<number> {
  const path = resolve(io.cwd, file);
  if (!existsSync(path)) throw new GlossError('not_found', `There is no file ${path}.`);
  const report = await withService({ projectPath, mustExist: false }, (api) =>
    api.importAnnotationsFromPath({
      path,
      ...(format ? { format: format as (typeof EXCHANGE_FORMAT_IDS)[number] } : {}),
    }),
  );
  io.stdout.write(formatImportReport(report));
  io.stderr.write(
    `Imported ${plural(report.annotationsAdded, 'annotation')} from ${file} (${report.format}) ` +
      `into ${projectPath}` +
      (report.skipped.length
        ? `; ${plural(report.skipped.length, 'item')} not imported.\n`
        : '.\n'),
  );
  return report.skipped.length > 0 ? 1 : 0;
}

/** The report as lines a person reads: documents, what was created, what was left out. */
export function formatImportReport(report: ImportAnnotationsReport): string {
  const lines: string[] = [];
  const status = {
    'matched-hash': 'matched (same file)',
    'matched-text': 'matched (same text)',
    created: 'created',
    reanchored: 'found by quote in',
    unanchored: 'NOT FOUND',
  } as const;
  for (const doc of report.documents) {
    const where = doc.documentId ? ` ${doc.documentId} "${doc.projectTitle}"` : '';
    const present = doc.annotationsAlreadyPresent
      ? `, ${doc.annotationsAlreadyPresent} already there`
      : '';
    lines.push(
      `document  "${doc.title}": ${status[doc.status]}${where}; ` +
        `${plural(doc.annotationsAdded, 'annotation')} added${present}`,
    );
  }
  lines.push(
    `added     ${plural(report.annotationsAdded, 'annotation')}, ` +
      `${plural(report.relationsAdded, 'relation')}, ${plural(report.memosAdded, 'memo')}` +
      (report.annotationsAlreadyPresent
        ? ` (${report.annotationsAlreadyPresent} annotations were already in the project)`
        : ''),
  );
  const created: [string, string[]][] = [
    ['tag', report.tagsCreated],
    ['attribute', report.attributesCreated],
    ['entity', report.entitiesCreated],
    ['relation type', report.relationTypesCreated],
  ];
  for (const [what, names] of created) {
    if (names.length) lines.push(`new ${what.padEnd(6)} ${names.map((n) => `"${n}"`).join(', ')}`);
  }
  for (const item of report.skipped) lines.push(`skipped   ${item.what}: ${item.reason}`);
  for (const warning of report.warnings) lines.push(`note      ${warning}`);
  return `${lines.join('\n')}\n`;
}

/** Saves a consistent copy of the project (SQLite backup API) to `file`. */
export async function runSaveCopy(
  file: string,
  force: boolean,
  projectPath: string,
  io: Io,
): Promise<number> {
  const target = resolve(io.cwd, file);
  if (existsSync(target) && !force) {
    throw new GlossError(
      'conflict',
      `${target} already exists; choose another name, or add --force to replace it.`,
    );
  }
  const copy = await withService({ projectPath, mustExist: true }, (api) =>
    api.saveProjectCopy({ path: target }),
  );
  io.stdout.write(`${copy.path}\n`);
  io.stderr.write(
    `Saved a copy of ${projectPath} (${(copy.byteSize / (1024 * 1024)).toFixed(1)} MB). ` +
      `Open it anywhere with --project ${copy.path}\n`,
  );
  return 0;
}
