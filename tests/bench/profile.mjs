/**
 * `npm run bench -- --profile`: where the reader's time goes. Traces one opening and a few tag
 * presses with the Chrome DevTools Protocol — a Chromium trace (style, layout, paint, GC on the
 * page's main thread) and a V8 CPU profile (JavaScript, per function and per source module) — and
 * prints the largest items.
 *
 * The shipped renderer is minified, so its function names mean nothing. This builds the same
 * renderer once more without minification (Vite, same config, into the temporary folder) and
 * serves it to the traced page in place of out/renderer by intercepting the page's requests;
 * API calls still go to the real server. The rest of the build is the production one (React's
 * production build, same code paths), so the proportions carry over.
 */
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { LIBRARY_ITEM, TAG_BUTTON_ENABLED } from './measure.mjs';
import {
  ANNOTATION_ATTRIBUTE,
  armOpenProbe,
  armTagProbe,
  collectOpenProbe,
  collectTagProbe,
  openProbeDone,
  selectUntaggedWords,
  tagProbeDone,
} from './page-probes.mjs';
import {
  addInto,
  cpuProfileTimes,
  inputWindow,
  mimeTypeFor,
  sortedRows,
  taskTimeline,
  traceSelfTimes,
} from './profile-summary.mjs';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const TRACE_CATEGORIES = [
  'toplevel',
  'devtools.timeline',
  'disabled-by-default-devtools.timeline',
  'v8.execute',
].join(',');
const TAG_PRESSES = 5;
const TOP = 12;

/** Builds the renderer without minification into `outDir`; returns its bundle's source. */
async function buildReadableRenderer(outDir) {
  const { build } = await import('vite');
  await build({
    configFile: path.join(ROOT, 'vite.config.ts'),
    logLevel: 'silent',
    build: { outDir, emptyOutDir: true, minify: false },
  });
  const assets = path.join(outDir, 'assets');
  const name = (await readdir(assets)).find((file) => file.endsWith('.js'));
  return readFile(path.join(assets, name), 'utf8');
}

/** Serves `dir` to the page for every non-API request of the app's origin. */
async function serveFrom(context, origin, dir) {
  await context.route(`${origin}/**`, async (route) => {
    const url = new URL(route.request().url());
    if (url.pathname.startsWith('/api/')) return route.continue();
    const file = path.join(dir, url.pathname === '/' ? 'index.html' : url.pathname);
    if (!file.startsWith(dir)) return route.abort();
    try {
      const body = await readFile(file);
      return route.fulfill({ body, contentType: mimeTypeFor(file) });
    } catch {
      return route.fulfill({ status: 404, body: 'not found' });
    }
  });
}

/**
 * Records a trace and a CPU profile around `action`, which returns the measured interval's input
 * event type and length. Returns both with the interval in trace time.
 * @param {import('playwright-core').CDPSession} cdp
 * @param {() => Promise<{ eventType: string, durationMs: number }>} action
 */
async function record(cdp, action) {
  const events = [];
  const onData = ({ value }) => events.push(...value);
  cdp.on('Tracing.dataCollected', onData);
  await cdp.send('Profiler.enable');
  await cdp.send('Profiler.setSamplingInterval', { interval: 200 });
  await cdp.send('Tracing.start', { categories: TRACE_CATEGORIES, transferMode: 'ReportEvents' });
  await cdp.send('Profiler.start');
  let interval;
  let profile;
  try {
    interval = await action();
  } finally {
    ({ profile } = await cdp.send('Profiler.stop'));
    const complete = new Promise((resolve) => cdp.once('Tracing.tracingComplete', resolve));
    await cdp.send('Tracing.end');
    await complete;
    cdp.off('Tracing.dataCollected', onData);
  }
  const window = inputWindow(events, interval.eventType, interval.durationMs);
  return { events, profile, window, durationMs: interval.durationMs };
}

/** Prints the largest rows of each table, summed over `recordings` and shown per recording. */
function printTables(name, recordings, bundle) {
  const tables = {
    'main thread, self time by trace event': new Map(),
    'JavaScript self time by source module': new Map(),
    'JavaScript self time by function': new Map(),
    'JavaScript total time of renderer/ functions': new Map(),
  };
  const [trace, byModule, bySelf, byApp] = Object.values(tables);
  for (const { events, profile, window } of recordings) {
    addInto(trace, traceSelfTimes(events, window));
    const cpu = cpuProfileTimes(profile, bundle, window);
    addInto(byModule, cpu.byModule);
    addInto(bySelf, cpu.bySelf);
    addInto(byApp, cpu.byAppTotal);
  }
  const result = {};
  const n = recordings.length;
  for (const [title, map] of Object.entries(tables)) {
    const rows = sortedRows(map)
      .slice(0, TOP)
      .map(([label, ms]) => [label, Math.round((ms / n) * 10) / 10]);
    const sum = [...map.values()].reduce((a, b) => a + b, 0) / n;
    process.stdout.write(`\n${name} — ${title} (per ${name}; all rows: ${sum.toFixed(0)} ms)\n`);
    if (title.startsWith('JavaScript self')) {
      // V8's names, easily misread: these rows are not JavaScript.
      process.stdout.write(
        '  ((program): the browser outside JavaScript; (native): not in the bundle)\n',
      );
    }
    for (const [label, ms] of rows) {
      process.stdout.write(`  ${ms.toFixed(1).padStart(8)} ms  ${label}\n`);
    }
    result[title] = rows;
  }
  return result;
}

/** Prints what the main thread did, task by task, during one recording. */
function printTimeline(title, { events, profile, window }, bundle, minMs) {
  const rows = taskTimeline(events, window, { minMs, profile, bundle });
  process.stdout.write(`\n${title}: main-thread tasks of ${minMs} ms or more\n`);
  const list = (pairs) => pairs.map(([label, ms]) => `${label} ${ms.toFixed(1)}`).join(', ');
  for (const row of rows) {
    const fns = row.functions.length ? `\n${' '.repeat(24)}in ${list(row.functions)}` : '';
    process.stdout.write(
      `  at ${row.atMs.toFixed(1).padStart(7)} ms  ${row.ms.toFixed(1).padStart(6)} ms  ` +
        `${list(row.events)}${fns}\n`,
    );
  }
  return rows;
}

/**
 * Traces one opening (click to the frame that paints every highlight) and TAG_PRESSES tag presses
 * (key to the frame that paints the new highlight), prints the summaries and returns them for
 * results.json. Timings under tracing run slower than untraced ones; the proportions are what
 * count.
 * @param {import('playwright-core').Browser} browser
 * @param {import('./measure.mjs').Target} target
 * @param {string} tempDir
 */
export async function profileReader(browser, { server, annotations }, tempDir) {
  const outDir = path.join(tempDir, 'renderer-readable');
  const bundle = await buildReadableRenderer(outDir);
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  try {
    await serveFrom(context, server.origin, outDir);
    const page = await context.newPage();
    const cdp = await context.newCDPSession(page);
    await page.goto(server.url);
    const item = page.locator(LIBRARY_ITEM).first();
    await item.waitFor();
    await page.waitForTimeout(500);

    await page.evaluate(armOpenProbe, { expected: annotations, attribute: ANNOTATION_ATTRIBUTE });
    const opening = await record(cdp, async () => {
      await item.click();
      await page.waitForFunction(openProbeDone, null, { timeout: 60_000, polling: 50 });
      const { paintedMs } = await page.evaluate(collectOpenProbe);
      return { eventType: 'click', durationMs: paintedMs };
    });
    process.stdout.write(
      `\nprofile (traced, so slower): open painted after ${opening.durationMs.toFixed(0)} ms\n`,
    );
    const open = {
      tables: printTables('open', [opening], bundle),
      timeline: printTimeline('open', opening, bundle, 5),
    };
    await page.waitForTimeout(500);

    const presses = [];
    for (let i = 0; i < TAG_PRESSES; i++) {
      const args = { index: i, count: TAG_PRESSES, words: 3, attribute: ANNOTATION_ATTRIBUTE };
      if (!(await page.evaluate(selectUntaggedWords, args))) break;
      await page.locator(TAG_BUTTON_ENABLED).first().waitFor();
      await page.waitForTimeout(300);
      await page.evaluate(armTagProbe, { key: 'c', attribute: ANNOTATION_ATTRIBUTE });
      presses.push(
        await record(cdp, async () => {
          await page.keyboard.press('c');
          await page.waitForFunction(tagProbeDone, 'shown', { timeout: 15_000, polling: 50 });
          const { paintedMs } = await page.evaluate(collectTagProbe);
          return { eventType: 'keydown', durationMs: paintedMs };
        }),
      );
      // The service's answer is swapped in after the measured frame: let it land first.
      await page.waitForFunction(tagProbeDone, 'stored', { timeout: 15_000, polling: 50 });
    }
    const sorted = [...presses].sort((a, b) => a.durationMs - b.durationMs);
    const median = sorted[Math.floor(sorted.length / 2)];
    process.stdout.write(
      `\nprofile: tag presses painted after ${presses.map((p) => p.durationMs.toFixed(0)).join(', ')} ms\n`,
    );
    const tag = {
      tables: printTables('tag press', presses, bundle),
      timeline: printTimeline(
        `tag press (the median one, ${median.durationMs.toFixed(0)} ms)`,
        median,
        bundle,
        0.5,
      ),
    };
    return { open, tag };
  } finally {
    await context.close();
  }
}
