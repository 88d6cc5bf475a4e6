/**
 * The short crash series of `npm test`: 25 SIGKILLs of a child process running the real service
 * (annotations, batches, imports of large files, re-imports, a migration, backups when they
 * exist), each followed by the checks of tests/crash/check.ts. The full 200-kill series is
 * `npm run crash-test`. A failure prints the seed: GLOSS_CRASH_SEED=<seed> repeats its choices.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bundleCrashHarness } from '../../crash/bundle.mjs';
import { formatSeries } from '../../crash/report';
import { runCrashSeries } from '../../crash/series';

const KILLS = 25;

let bundle: Awaited<ReturnType<typeof bundleCrashHarness>>;
let workDir: string;

beforeAll(async () => {
  bundle = await bundleCrashHarness();
  workDir = mkdtempSync(path.join(os.tmpdir(), 'gloss-crash-'));
});

afterAll(() => {
  if (bundle) rmSync(bundle.dir, { recursive: true, force: true });
  if (workDir) rmSync(workDir, { recursive: true, force: true });
});

describe('a project killed at random moments', () => {
  it(`keeps every acknowledged change and no half operation through ${KILLS} SIGKILLs`, async () => {
    const seed = Number(process.env.GLOSS_CRASH_SEED) || Math.floor(Math.random() * 2 ** 31);
    const result = await runCrashSeries({
      childFile: bundle.child,
      workDir,
      kills: KILLS,
      seed,
      // Smaller than the full series, so the 25 rounds fit in well under a minute.
      migrationDocuments: 5_000,
      largeBytes: 1_000_000,
      roundsPerProject: 10,
    });
    const report = formatSeries(result);
    console.log(report);
    expect(result.problems, report).toEqual([]);
    expect(result.kills).toBe(KILLS);
    // The kills must land inside the operations, not only between them.
    expect(result.byKind.work.midOperation + result.byKind.large.midOperation).toBeGreaterThan(0);
  }, 240_000);
});
