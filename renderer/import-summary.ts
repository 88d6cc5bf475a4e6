import type { ImportOutcome } from '../core/domain';
import type { Notice } from './app-context';

/** Lines listed in one notice before the rest is summed up as "…and N more". */
const MAX_ITEMS = 12;

/**
 * The notices that report an import: one for what was imported, one alert for what failed,
 * each failure naming its file and the reason.
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
      // The service's reason usually names the file already; never say the name twice.
      items: cap(failed.map((o) => (o.error.includes(o.name) ? o.error : `${o.name}: ${o.error}`))),
    });
  }
  return notices;
}

function plural(n: number, noun: string): string {
  return `${n} ${noun}${n === 1 ? '' : 's'}`;
}

function cap(items: string[]): string[] {
  if (items.length <= MAX_ITEMS) return items;
  return [...items.slice(0, MAX_ITEMS - 1), `…and ${items.length - MAX_ITEMS + 1} more`];
}
