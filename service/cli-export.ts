/**
 * `gloss export`: every exchange format, streamed to disk by the service's `exportToPath` (so a
 * project of any size is written with bounded memory, and an interrupted export leaves no half
 * file). cli.ts parses the options named here and calls `runExport`.
 */
import { createReadStream } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { StringDecoder } from 'node:string_decoder';
import type { GlossApi } from '../core/api';
import type { ExchangeExportReport, ExchangeFormatName } from '../core/api-exchange';
import { EXCHANGE_FORMAT_IDS } from '../core/api-exchange';
import type { Tag } from '../core/domain';
import { exchangeFormat } from '../formats/exchange/registry';
import { newId } from './context';
import { defaultAuthor } from './paths';
import { openService } from './service';
import { APP_VERSION } from './version';

export const EXPORT_OPTIONS = {
  project: { type: 'string', short: 'p' },
  format: { type: 'string', short: 'f' },
  document: { type: 'string', short: 'd' },
  tags: { type: 'string', short: 't' },
  out: { type: 'string', short: 'o' },
  report: { type: 'string' },
  help: { type: 'boolean', short: 'h' },
} as const;

export interface ExportValues {
  format?: string;
  document?: string;
  tags?: string;
  out?: string;
  report?: string;
}

interface Io {
  stdout: { write(text: string): unknown };
  stderr: { write(text: string): unknown; isTTY?: boolean };
  cwd: string;
}

const FORMAT_LIST = EXCHANGE_FORMAT_IDS.join(', ');
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
/** Omitted items printed on the terminal; `--report FILE` holds them all. */
const SHOWN_OMISSIONS = 20;

/** The usage mistake in the options (checked before the project is opened), or undefined. */
export function exportUsageProblem(values: ExportValues): string | undefined {
  const { format } = values;
  if (format === undefined) return `choose a format with --format (${FORMAT_LIST}).`;
  if (!(EXCHANGE_FORMAT_IDS as readonly string[]).includes(format)) {
    return `unknown format "${format}": choose one of ${FORMAT_LIST}.`;
  }
  if (values.document !== undefined && !UUID.test(values.document)) {
    return `--document needs a document id (a UUID), not "${values.document}".`;
  }
  if (values.tags !== undefined && tagNames(values.tags).length === 0) {
    return '--tags needs tag names or ids, separated by commas.';
  }
  if (values.out !== undefined && values.out.trim() === '') return '--out needs a file path.';
  if (values.report !== undefined && values.report.trim() === '')
    return '--report needs a file path.';
  if (values.out === undefined && isBinary(format)) {
    return `--format ${format} writes a zip: name the file with --out.`;
  }
  return undefined;
}

function isBinary(format: string): boolean {
  return /zip|octet/.test(exchangeFormat(format).mimeType);
}

function tagNames(list: string): string[] {
  return list
    .split(',')
    .map((name) => name.trim())
    .filter(Boolean);
}

/**
 * Exports and prints a summary (and what the format could not carry) on standard error. Exit
 * code 0 on success, 2 when a named tag does not exist; failures throw GlossError (exit 1).
 */
export async function runExport(
  values: ExportValues,
  projectPath: string,
  io: Io,
): Promise<number> {
  const format = values.format as ExchangeFormatName;
  const service = openService({
    projectPath,
    mustExist: true,
    author: defaultAuthor(),
    appVersion: APP_VERSION,
  });
  const scratch = values.out === undefined ? await mkdtemp(join(tmpdir(), 'gloss-export-')) : null;
  try {
    const { api } = service;
    let tagIds: string[] | undefined;
    if (values.tags !== undefined) {
      const resolved = resolveTags(tagNames(values.tags), await api.listTags({}));
      if ('problem' in resolved) {
        io.stderr.write(`gloss: ${resolved.problem}\nRun \`gloss help export\` for its options.\n`);
        return 2;
      }
      tagIds = resolved.ids;
    }
    const path = scratch ? join(scratch, 'export') : resolve(io.cwd, values.out!);
    const jobId = newId();
    const args = {
      format,
      path,
      jobId,
      ...(values.document ? { documentId: values.document } : {}),
      ...(tagIds ? { tagIds } : {}),
    };
    const result = await withProgress(api, jobId, io, () => api.exportToPath(args));
    if (scratch) await copyToStdout(path, io);
    const { report } = result;
    io.stderr.write(
      `Exported ${plural(report.annotationCount, 'annotation')} from ` +
        `${plural(report.documentCount, 'document')} to ${values.out ?? 'standard output'}\n`,
    );
    printOmissions(report, exchangeFormat(format).label, io, values.report);
    if (values.report !== undefined) {
      await writeFile(resolve(io.cwd, values.report), `${JSON.stringify(report, null, 2)}\n`);
    }
    return 0;
  } finally {
    service.close();
    if (scratch) await rm(scratch, { recursive: true, force: true });
  }
}

/**
 * Tags by id, name or path ("Entity/Person"), case-insensitively. A name two tags share must be
 * given as a path; an unknown one is a usage problem listing the tags there are.
 */
export function resolveTags(
  names: string[],
  tags: readonly Tag[],
): { ids: string[] } | { problem: string } {
  const byId = new Map(tags.map((t) => [t.id, t]));
  const pathOf = (tag: Tag): string => {
    const parent = tag.parentId ? byId.get(tag.parentId) : undefined;
    return parent ? `${pathOf(parent)}/${tag.name}` : tag.name;
  };
  const ids: string[] = [];
  for (const name of names) {
    if (byId.has(name)) {
      ids.push(name);
      continue;
    }
    const wanted = name.toLowerCase();
    const matches = tags.filter(
      (t) => t.name.toLowerCase() === wanted || pathOf(t).toLowerCase() === wanted,
    );
    if (matches.length === 1) ids.push(matches[0]!.id);
    else if (matches.length > 1) {
      return {
        problem: `the tag name "${name}" is ambiguous: write ${matches.map((t) => `"${pathOf(t)}"`).join(' or ')}.`,
      };
    } else {
      const known = tags.map(pathOf).sort().join(', ');
      return { problem: `there is no tag "${name}" in this project (tags: ${known}).` };
    }
  }
  return { ids };
}

/** Runs the export, showing how far it is on a terminal (the export runs in this thread). */
async function withProgress<T>(
  api: GlossApi,
  jobId: string,
  io: Io,
  work: () => Promise<T>,
): Promise<T> {
  if (io.stderr.isTTY !== true) return work();
  const timer = setInterval(() => {
    void api.exportProgress({ jobId }).then(({ done, total }) => {
      if (total > 0)
        io.stderr.write(
          `\rExporting… ${done.toLocaleString('en')} of ${total.toLocaleString('en')} annotations`,
        );
    });
  }, 250);
  try {
    return await work();
  } finally {
    clearInterval(timer);
    io.stderr.write('\r\x1b[K');
  }
}

/** Streams a finished text export to standard output, never splitting a UTF-8 character. */
async function copyToStdout(path: string, io: Io): Promise<void> {
  const decoder = new StringDecoder('utf8');
  for await (const chunk of createReadStream(path)) io.stdout.write(decoder.write(chunk as Buffer));
  const rest = decoder.end();
  if (rest) io.stdout.write(rest);
}

function printOmissions(
  report: ExchangeExportReport,
  label: string,
  io: Io,
  reportFile: string | undefined,
) {
  if (report.omitted.length === 0) return;
  io.stderr.write(`Not carried by ${label}:\n`);
  for (const item of report.omitted.slice(0, SHOWN_OMISSIONS)) {
    const id = item.id === '*' ? '' : ` ${item.id}`;
    io.stderr.write(`  ${item.what}${id}: ${item.reason.replace(/\s+/g, ' ')}\n`);
  }
  const more = report.omitted.length - SHOWN_OMISSIONS;
  if (more > 0) {
    io.stderr.write(
      `  … and ${more} more${reportFile === undefined ? ' (--report FILE lists them all)' : ` (all in ${reportFile})`}\n`,
    );
  }
}

function plural(count: number, noun: string): string {
  return `${count.toLocaleString('en')} ${noun}${count === 1 ? '' : 's'}`;
}
