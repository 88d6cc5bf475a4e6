import type { ImportOutcome } from '../core/domain';
import type { Notice } from './app-context';
import type { ImportResult, ImportRunState, SkipReason, SkippedFile } from './import-queue';

/** Lines listed in one notice before the rest is summed up as "…and N more". */
const MAX_ITEMS = 12;

/**
 * The notices that report a quick import: one for what was imported, one alert for what failed,
 * each failure naming its file and the reason. (Longer or eventful imports get the results
 * dialog instead; see `wantsResultsDialog`.)
 */
export function summariseImport(outcomes: readonly ImportOutcome[]): Omit<Notice, 'id'>[] {
  const notices: Omit<Notice, 'id'>[] = [];
  const imported = outcomes.filter((o) => o.status === 'imported');
  const failed = outcomes.filter((o) => o.status === 'failed');
  if (imported.length) {
    notices.push({
      kind: 'info',
      title: `Imported ${plural(imported.length, 'article')}`,
      items: cap(imported.map((o) => o.document.title)),
    });
  }
  if (failed.length) {
    notices.push({
      kind: 'error',
      title: `${plural(failed.length, 'file')} could not be imported`,
      items: cap(failed.map(failureText)),
    });
  }
  return notices;
}

/** "name: reason", unless the service's reason names the file already (never say it twice). */
export function failureText(outcome: { name: string; error: string }): string {
  return outcome.error.includes(outcome.name) ? outcome.error : `${outcome.name}: ${outcome.error}`;
}

/** The reason alone, for lists that show the name beside it: "a.pdf: damaged" gives "damaged". */
export function reasonText(outcome: { name: string; error: string }): string {
  const prefix = `${outcome.name}: `;
  return outcome.error.startsWith(prefix) ? outcome.error.slice(prefix.length) : outcome.error;
}

type Outcome<S extends ImportOutcome['status']> = Extract<ImportOutcome, { status: S }>;

/** A run's results sorted into what the results dialog lists. */
export interface RunSummary {
  imported: (ImportResult & { outcome: Outcome<'imported'> })[];
  duplicates: (ImportResult & { outcome: Outcome<'duplicate'> })[];
  failed: (ImportResult & { outcome: Outcome<'failed'> })[];
  /** Names of the files never sent because the run was cancelled. */
  cancelled: string[];
  skipped: readonly SkippedFile[];
}

export function summariseRun(
  state: Pick<ImportRunState, 'results' | 'cancelled' | 'skipped'>,
): RunSummary {
  const summary: RunSummary = {
    imported: [],
    duplicates: [],
    failed: [],
    cancelled: state.cancelled.map((job) => job.path ?? job.name),
    skipped: state.skipped,
  };
  for (const result of state.results) {
    const { outcome } = result;
    if (outcome.status === 'imported') summary.imported.push({ ...result, outcome });
    else if (outcome.status === 'duplicate') summary.duplicates.push({ ...result, outcome });
    else summary.failed.push({ ...result, outcome });
  }
  return summary;
}

/** One line for the whole run, e.g. "27 imported · 1 already in the library · 1 failed". */
export function headline(summary: RunSummary): string {
  const parts: string[] = [];
  if (summary.imported.length) parts.push(`${summary.imported.length} imported`);
  if (summary.duplicates.length) {
    parts.push(`${summary.duplicates.length} already in the library`);
  }
  if (summary.failed.length) parts.push(`${summary.failed.length} failed`);
  if (summary.cancelled.length) parts.push(`${summary.cancelled.length} cancelled`);
  if (summary.skipped.length) parts.push(`${summary.skipped.length} skipped`);
  return parts.length ? parts.join(' · ') : 'Nothing was imported';
}

/**
 * Whether a finished run needs the results dialog, or its notices tell the whole story. The
 * dialog is for what a notice cannot hold: something to act on (duplicates), a list to read
 * through (files cancelled or left out of a folder) or more results than a notice lists. A few
 * files stay notices — the import feels instant and nothing blocks the window — and failures
 * are then an alert that stays until dismissed, so they are always seen. Deliberately not
 * timing-based: the same import always reports the same way.
 */
export function wantsResultsDialog(summary: RunSummary): boolean {
  return (
    summary.duplicates.length > 0 ||
    summary.cancelled.length > 0 ||
    summary.skipped.length > 0 ||
    summary.imported.length > MAX_ITEMS ||
    summary.failed.length > MAX_ITEMS
  );
}

const SKIP_REASONS: Record<SkipReason, string> = {
  hidden: 'hidden',
  'page-assets': 'images and styles of a saved web page',
  'not-a-document': 'not a document Gloss reads',
  unreadable: 'could not be read',
};

/** Why a file was skipped, in words. */
export function skipReasonText(reason: SkipReason): string {
  return SKIP_REASONS[reason];
}

export function plural(n: number, noun: string): string {
  return `${n} ${noun}${n === 1 ? '' : 's'}`;
}

function cap(items: string[]): string[] {
  if (items.length <= MAX_ITEMS) return items;
  return [...items.slice(0, MAX_ITEMS - 1), `…and ${items.length - MAX_ITEMS + 1} more`];
}
