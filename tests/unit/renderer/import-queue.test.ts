import { describe, expect, it } from 'vitest';
import type { DocumentSummary, ImportOptions, ImportOutcome } from '../../../core/domain';
import { GlossError } from '../../../core/errors';
import { ImportRun } from '../../../renderer/import-queue';
import type { ImportJob } from '../../../renderer/import-queue';

function summary(title: string): DocumentSummary {
  return {
    id: `id-${title}`,
    title,
    format: 'txt',
    sourcePath: null,
    sha256: '0'.repeat(64),
    importedAt: '2025-01-01T00:00:00Z',
    length: 10,
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

/**
 * Jobs that finish only when the test lets them, recording the order they started in and the
 * options they were given: enough to watch a run step by step.
 */
function controlledJobs(names: string[]) {
  const started: string[] = [];
  const options: ImportOptions[] = [];
  const release = new Map<string, (outcome: ImportOutcome[] | Error) => void>();
  const jobs: ImportJob[] = names.map((name) => ({
    name,
    run: (given) =>
      new Promise<ImportOutcome[]>((resolve, reject) => {
        started.push(name);
        options.push(given);
        release.set(name, (result) => (result instanceof Error ? reject(result) : resolve(result)));
      }),
  }));
  const finish = async (name: string, result?: ImportOutcome[] | Error) => {
    // Let the run reach the job before releasing it.
    for (let i = 0; i < 20 && !release.has(name); i++) await Promise.resolve();
    release.get(name)!(result ?? [{ name, status: 'imported', document: summary(name) }]);
    await new Promise((resolve) => setTimeout(resolve, 0));
  };
  return { jobs, started, options, finish };
}

describe('ImportRun', () => {
  it('imports one file at a time, in order, and reports each outcome', async () => {
    const { jobs, started, finish } = controlledJobs(['a.txt', 'b.txt', 'c.txt']);
    const run = new ImportRun(jobs, {}, []);
    const done = run.run();
    await finish('a.txt');
    expect(started).toEqual(['a.txt', 'b.txt']);
    expect(run.getSnapshot()).toMatchObject({ done: 1, total: 3, current: 'b.txt' });
    await finish('b.txt');
    await finish('c.txt');
    const state = await done;
    expect(state.status).toBe('done');
    expect(state.current).toBeNull();
    expect(state.results.map((r) => r.outcome.name)).toEqual(['a.txt', 'b.txt', 'c.txt']);
    expect(state.cancelled).toEqual([]);
  });

  it('stops after the current file on cancel: what is imported stays, the rest is cancelled', async () => {
    const names = Array.from({ length: 30 }, (_, i) => `file-${i + 1}.txt`);
    const { jobs, started, finish } = controlledJobs(names);
    const run = new ImportRun(jobs, {}, []);
    const done = run.run();
    await finish('file-1.txt');
    run.cancel();
    expect(run.getSnapshot().status).toBe('cancelling');
    await finish('file-2.txt'); // the file being imported when Cancel was pressed completes
    const state = await done;
    expect(state.status).toBe('cancelled');
    expect(started).toEqual(['file-1.txt', 'file-2.txt']);
    expect(state.results).toHaveLength(2);
    expect(state.cancelled.map((j) => j.name)).toEqual(names.slice(2));
  });

  it('takes more jobs while running, with the options chosen when they were added', async () => {
    const first = controlledJobs(['a.txt']);
    const second = controlledJobs(['b.html']);
    const run = new ImportRun(first.jobs, {}, []);
    const done = run.run();
    expect(
      run.add(second.jobs, { htmlMode: 'whole-page' }, [{ path: 'x/.git/', reason: 'hidden' }]),
    ).toBe(true);
    expect(run.getSnapshot().total).toBe(2);
    await first.finish('a.txt');
    await second.finish('b.html');
    const state = await done;
    expect(second.options).toEqual([{ htmlMode: 'whole-page' }]);
    expect(state.skipped).toEqual([{ path: 'x/.git/', reason: 'hidden' }]);
    expect(state.results.map((r) => r.options)).toEqual([{}, { htmlMode: 'whole-page' }]);
  });

  it('refuses new jobs once cancelling, so the caller starts another run', async () => {
    const { jobs, finish } = controlledJobs(['a.txt', 'b.txt']);
    const run = new ImportRun(jobs, {}, []);
    const done = run.run();
    run.cancel();
    expect(run.add(controlledJobs(['c.txt']).jobs, {}, [])).toBe(false);
    await finish('a.txt');
    expect((await done).cancelled.map((j) => j.name)).toEqual(['b.txt']);
  });

  it('turns a call that throws into that file’s failure and goes on', async () => {
    const { jobs, finish } = controlledJobs(['a.txt', 'b.txt']);
    const run = new ImportRun(jobs, {}, []);
    const done = run.run();
    await finish('a.txt', new GlossError('internal', 'Cannot reach the Gloss server.'));
    await finish('b.txt');
    const { results } = await done;
    expect(results.map((r) => r.outcome)).toEqual([
      { name: 'a.txt', status: 'failed', error: 'Cannot reach the Gloss server.' },
      expect.objectContaining({ name: 'b.txt', status: 'imported' }),
    ]);
  });

  it('keeps the job with each result, so a duplicate can be sent again', async () => {
    const { jobs, finish } = controlledJobs(['again.txt']);
    const run = new ImportRun(jobs, { encoding: 'koi8-r' }, []);
    const done = run.run();
    await finish('again.txt', [
      { name: 'again.txt', status: 'duplicate', existing: summary('Earlier') },
    ]);
    const [result] = (await done).results;
    expect(result!.job).toBe(jobs[0]);
    expect(result!.options).toEqual({ encoding: 'koi8-r' });
  });

  it('publishes a new snapshot on every change and none after unsubscribing', async () => {
    const { jobs, finish } = controlledJobs(['a.txt']);
    const run = new ImportRun(jobs, {}, []);
    const seen: unknown[] = [];
    const unsubscribe = run.subscribe(() => seen.push(run.getSnapshot()));
    const before = run.getSnapshot();
    const done = run.run();
    await finish('a.txt');
    await done;
    expect(seen.length).toBeGreaterThanOrEqual(3); // current set, result added, finished
    expect(new Set(seen).size).toBe(seen.length);
    expect(before.status).toBe('running'); // an old snapshot is never changed in place
    unsubscribe();
    run.cancel();
    expect(seen.length).toBeLessThan(10);
  });

  it('finishes at once when there is nothing to send (only skipped files)', async () => {
    const run = new ImportRun([], {}, [{ path: 'a/logo.png', reason: 'not-a-document' }]);
    const state = await run.run();
    expect(state).toMatchObject({ status: 'done', total: 0, done: 0, results: [] });
  });
});
