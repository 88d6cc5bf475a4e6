#!/usr/bin/env node
// `npm test`: the whole test run, in one process CI can read.
//   1. build out/ (quietly): the end-to-end tests run the real bundles
//   2. vitest: unit tests in Node (tests/unit)
//   3. Playwright: browser mode in Debian's Chromium (tests/e2e) and the desktop app
//      (tests/electron, skipped with its reason where no Electron binary exists)
// Each runner prints its usual output; a failing step does not stop the next. Both write JSON
// reports, which are added up into the closing line CI looks for: `N passed, N failed[, N skipped]`.
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { CHROMIUM_PATH as chromiumPath } from './chromium.mjs';

const root = path.dirname(path.dirname(fileURLToPath(import.meta.url)));
const resultsDir = path.join(root, 'test-results');
const vitestReport = path.join(resultsDir, 'vitest.json');
// Must match PLAYWRIGHT_JSON_REPORT in playwright.config.ts.
const playwrightReport = path.join(resultsDir, 'playwright.json');

const totals = { passed: 0, failed: 0, skipped: 0 };
/** Failures of a whole step (a crash, a build error), each counted as one failed test. */
const stepFailures = [];
const skipNotes = [];

function run(command, args) {
  return new Promise((resolve) => {
    const child = spawn(command, args, { cwd: root, stdio: 'inherit' });
    child.on('error', (error) => {
      process.stderr.write(`test: cannot run ${command}: ${error.message}\n`);
      resolve(-1);
    });
    child.on('close', (code, signal) => resolve(signal ? `signal ${signal}` : code));
  });
}

function readJson(file) {
  try {
    return JSON.parse(readFileSync(file, 'utf8'));
  } catch {
    return null;
  }
}

function stepFailed(message) {
  stepFailures.push(message);
  totals.failed++;
}

function heading(title) {
  process.stdout.write(`\n=== ${title} ===\n`);
}

async function build() {
  heading('build');
  const code = await run(process.execPath, ['scripts/build.mjs', '--quiet']);
  if (code !== 0) stepFailed(`the build failed (exit ${code}); end-to-end tests were not run`);
  else process.stdout.write('out/ is up to date\n');
  return code === 0;
}

async function vitest() {
  heading('unit tests (vitest)');
  rmSync(vitestReport, { force: true });
  const code = await run(process.execPath, [
    'node_modules/vitest/vitest.mjs',
    'run',
    '--reporter=default',
    '--reporter=json',
    `--outputFile.json=${vitestReport}`,
    '--passWithNoTests',
  ]);
  const report = readJson(vitestReport);
  if (!report) return stepFailed(`vitest wrote no report (exit ${code})`);
  totals.passed += report.numPassedTests ?? 0;
  totals.failed += report.numFailedTests ?? 0;
  totals.skipped += (report.numPendingTests ?? 0) + (report.numTodoTests ?? 0);
  // A test file that cannot even be loaded has no failed tests but must still fail the run.
  const unloaded = (report.testResults ?? []).filter(
    (file) =>
      file.status === 'failed' &&
      !(file.assertionResults ?? []).some((test) => test.status === 'failed'),
  );
  for (const file of unloaded) stepFailed(`${path.relative(root, file.name)} could not run`);
  const counted = (report.numFailedTests ?? 0) + unloaded.length;
  if (code !== 0 && counted === 0) stepFailed(`vitest failed outside any test (exit ${code})`);
}

/** Walks Playwright's suite tree, noting why each skipped test was skipped. */
function collectSkips(suite, file) {
  for (const spec of suite.specs ?? []) {
    for (const test of spec.tests ?? []) {
      if (test.status !== 'skipped') continue;
      const reason = (test.annotations ?? []).find((a) => a.type === 'skip')?.description;
      skipNotes.push(`${file ?? suite.file} › ${spec.title}${reason ? `: ${reason}` : ''}`);
    }
  }
  for (const child of suite.suites ?? []) collectSkips(child, file ?? suite.file);
}

async function playwright() {
  heading('end-to-end tests (Playwright)');
  if (!existsSync(chromiumPath)) {
    return stepFailed(
      `Chromium is missing at ${chromiumPath}: run \`npm run setup\` (it installs Debian's ` +
        'chromium package), or point CHROMIUM_PATH at a Chromium executable',
    );
  }
  rmSync(playwrightReport, { force: true });
  const code = await run(process.execPath, ['node_modules/@playwright/test/cli.js', 'test']);
  const report = readJson(playwrightReport);
  if (!report) return stepFailed(`Playwright wrote no report (exit ${code})`);
  const stats = report.stats ?? {};
  totals.passed += (stats.expected ?? 0) + (stats.flaky ?? 0);
  totals.failed += stats.unexpected ?? 0;
  totals.skipped += stats.skipped ?? 0;
  if (stats.flaky) {
    console.log(`${stats.flaky} end-to-end test(s) passed only on their retry (flaky): see above`);
  }
  // Errors outside tests: a spec file that does not load, a broken config, a crashed worker.
  for (const error of report.errors ?? []) {
    stepFailed(`Playwright: ${(error.message ?? String(error)).split('\n')[0]}`);
  }
  for (const suite of report.suites ?? []) collectSkips(suite);
  if (code !== 0 && (stats.unexpected ?? 0) === 0 && (report.errors ?? []).length === 0) {
    stepFailed(`Playwright failed outside any test (exit ${code})`);
  }
}

mkdirSync(resultsDir, { recursive: true });
const built = await build();
await vitest();
if (built) await playwright();

process.stdout.write('\n');
for (const note of skipNotes) process.stdout.write(`skipped: ${note}\n`);
for (const failure of stepFailures) process.stdout.write(`FAILED: ${failure}\n`);
const skipped = totals.skipped > 0 ? `, ${totals.skipped} skipped` : '';
process.stdout.write(`${totals.passed} passed, ${totals.failed} failed${skipped}\n`);
process.exitCode = totals.failed > 0 ? 1 : 0;
