import { describe, expect, it } from 'vitest';
import type { DocumentSummary, ImportOutcome } from '../../../core/domain';
import type { ImportJob, ImportRunState } from '../../../renderer/import-queue';
import {
  failureText,
  headline,
  reasonText,
  summariseImport,
  summariseRun,
  wantsResultsDialog,
} from '../../../renderer/import-summary';

function doc(title: string): DocumentSummary {
  return {
    id: `id-${title}`,
    title,
    format: 'html',
    sourcePath: null,
    sha256: 'f'.repeat(64),
    importedAt: '2025-01-01T00:00:00Z',
    length: 1,
    counts: {},
    details: {
      author: '',
      outlet: '',
      publishedAt: '',
      url: '',
      language: '',
      outletReliability: null,
    },
  };
}

const imported = (name: string): ImportOutcome => ({
  name,
  status: 'imported',
  document: doc(name),
});
const duplicate = (name: string): ImportOutcome => ({
  name,
  status: 'duplicate',
  existing: doc('Old'),
});
const failed = (name: string, error = 'damaged'): ImportOutcome => ({
  name,
  status: 'failed',
  error,
});
const job = (name: string, path?: string): ImportJob => ({ name, path, run: async () => [] });

function runState(outcomes: ImportOutcome[], extra: Partial<ImportRunState> = {}): ImportRunState {
  return {
    status: 'done',
    total: outcomes.length,
    done: outcomes.length,
    current: null,
    results: outcomes.map((outcome) => ({ outcome, options: {} })),
    cancelled: [],
    skipped: [],
    ...extra,
  };
}

describe('import results', () => {
  it('sorts a run into imported, duplicates, failed, cancelled and skipped', () => {
    const summary = summariseRun(
      runState([imported('a.html'), duplicate('b.txt'), failed('c.pdf'), imported('d.md')], {
        cancelled: [job('e.txt'), job('f.txt', 'Case/f.txt')],
        skipped: [{ path: 'Case/.git/', reason: 'hidden' }],
      }),
    );
    expect(summary.imported.map((r) => r.outcome.name)).toEqual(['a.html', 'd.md']);
    expect(summary.duplicates.map((r) => r.outcome.existing.title)).toEqual(['Old']);
    expect(summary.failed.map((r) => r.outcome.error)).toEqual(['damaged']);
    expect(summary.cancelled).toEqual(['e.txt', 'Case/f.txt']);
    expect(headline(summary)).toBe(
      '2 imported · 1 already in the library · 1 failed · 2 cancelled · 1 skipped',
    );
  });

  it('says so when nothing was imported at all', () => {
    expect(headline(summariseRun(runState([])))).toBe('Nothing was imported');
  });

  it('opens the dialog only when notices cannot say it all', () => {
    const want = (outcomes: ImportOutcome[], extra: Partial<ImportRunState> = {}) =>
      wantsResultsDialog(summariseRun(runState(outcomes, extra)));
    expect(want([imported('a')])).toBe(false);
    expect(want([imported('a'), failed('b'), failed('c')])).toBe(false);
    expect(want([failed('a')])).toBe(false);
    expect(want([imported('a'), duplicate('b')])).toBe(true);
    expect(want([imported('a')], { cancelled: [job('b')] })).toBe(true);
    expect(want([imported('a')], { skipped: [{ path: 'x.png', reason: 'not-a-document' }] })).toBe(
      true,
    );
    const many = Array.from({ length: 13 }, (_, i) => imported(`${i}.txt`));
    expect(want(many)).toBe(true);
  });

  it('names each failed file once, whether or not the service’s reason names it', () => {
    expect(failureText({ name: 'a.pdf', error: 'the file is damaged' })).toBe(
      'a.pdf: the file is damaged',
    );
    expect(failureText({ name: 'a.pdf', error: 'a.pdf: the file is damaged' })).toBe(
      'a.pdf: the file is damaged',
    );
    expect(reasonText({ name: 'a.pdf', error: 'a.pdf: the file is damaged' })).toBe(
      'the file is damaged',
    );
    expect(reasonText({ name: 'a.pdf', error: 'is a.pdf a PDF?' })).toBe('is a.pdf a PDF?');
  });

  it('reports a quick import as notices: what was imported, and an alert for what failed', () => {
    const notices = summariseImport([imported('a.txt'), failed('b.pdf'), failed('c.txt', 'empty')]);
    expect(notices).toEqual([
      { kind: 'info', title: 'Imported 1 article', items: ['a.txt'] },
      {
        kind: 'error',
        title: '2 files could not be imported',
        items: ['b.pdf: damaged', 'c.txt: empty'],
      },
    ]);
  });
});
