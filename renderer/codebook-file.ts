/**
 * Reading a codebook file the analyst picked, and putting an import's report into words. The
 * service checks the file's whole shape again; this only turns the common mistakes (not JSON,
 * another kind of file, a newer version) into a sentence before anything is sent.
 */
import type { CodebookImportReport } from '../core/api-codebook';
import { CODEBOOK_FORMAT, CODEBOOK_FORMAT_VERSION } from '../core/codebook-rules';
import type { CodebookFile } from '../core/codebook-rules';

export function parseCodebookFile(
  text: string,
  fileName: string,
): { ok: true; codebook: CodebookFile } | { ok: false; message: string } {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return { ok: false, message: `${fileName} is not a JSON file.` };
  }
  const file = value as Partial<CodebookFile> | null;
  if (typeof file !== 'object' || file === null || file.format !== CODEBOOK_FORMAT) {
    return {
      ok: false,
      message: `${fileName} is not a Gloss codebook (its "format" is not "${CODEBOOK_FORMAT}").`,
    };
  }
  if (file.version !== CODEBOOK_FORMAT_VERSION) {
    return {
      ok: false,
      message: `${fileName} is a codebook of version ${String(file.version)}; this Gloss reads version ${CODEBOOK_FORMAT_VERSION}.`,
    };
  }
  if (!Array.isArray(file.tags)) return { ok: false, message: `${fileName} lists no tags.` };
  return { ok: true, codebook: file as CodebookFile };
}

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;

/** The report of an import, one line per fact, then one per change and warning. */
export function reportLines(report: CodebookImportReport, undoable: boolean): string[] {
  const matched = report.tagsMatchedById + report.tagsMatchedByPath;
  const lines = [
    `${plural(matched, 'tag')} matched (${report.tagsMatchedById} by id, ${report.tagsMatchedByPath} by name), ${report.tagsCreated} created, ${report.tagsUpdated} updated; ${plural(report.attributesCreated, 'attribute')} created, ${report.attributesUpdated} updated.`,
    ...report.changes.map(
      (c) => `${c.action === 'created' ? 'Created' : 'Updated'} ${c.kind} ${c.path}`,
    ),
    ...report.warnings.map((w) => `Not applied: ${w}`),
  ];
  if (report.changes.length === 0)
    lines.push('Nothing to change: the project already has this codebook.');
  else lines.push(undoable ? 'Ctrl+Z undoes the import.' : 'The import is too large to be undone.');
  return lines;
}
