/**
 * `npm run crash-test [-- --kills N] [--seed S] [--only work,large,migrate,backup]`: the full kill series (200 kills by default),
 * run by tests/crash/run.mjs after it has bundled this file and the child. Prints the figures
 * and every problem found; exits 1 if there was any.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { formatSeries } from './report';
import { runCrashSeries, type RoundKind } from './series';

function option(name: string, fallback: number): number {
  const at = process.argv.indexOf(`--${name}`);
  const value = at >= 0 ? Number(process.argv[at + 1]) : fallback;
  if (!Number.isInteger(value) || value < 0) throw new Error(`--${name} must be a whole number`);
  return value;
}

/** `--only migrate,large`: aims a run at some kinds of rounds (e.g. to prove a check bites). */
function onlyKinds(): RoundKind[] | undefined {
  const at = process.argv.indexOf('--only');
  return at >= 0 ? (process.argv[at + 1]!.split(',') as RoundKind[]) : undefined;
}

async function main(): Promise<number> {
  const childFile = process.argv[2];
  if (!childFile)
    throw new Error('usage: main.mjs <child.mjs> [--kills N] [--seed S] [--only kinds]');
  const kills = option('kills', 200);
  const seed = option('seed', Math.floor(Math.random() * 2 ** 31));
  const workDir = mkdtempSync(path.join(os.tmpdir(), 'gloss-crash-'));
  try {
    const result = await runCrashSeries({
      childFile,
      workDir,
      kills,
      seed,
      only: onlyKinds(),
      log: (line) => process.stdout.write(`${line}\n`),
    });
    process.stdout.write(`${formatSeries(result)}\n`);
    return result.problems.length === 0 ? 0 : 1;
  } finally {
    rmSync(workDir, { recursive: true, force: true });
  }
}

main().then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    process.stderr.write(`crash-test: ${error instanceof Error ? error.stack : String(error)}\n`);
    process.exitCode = 1;
  },
);
