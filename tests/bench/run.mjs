#!/usr/bin/env node
/**
 * `npm run bench`: how fast the reader opens a long, heavily annotated article, against the floor
 * of the same browser painting the same text as plain paragraphs in the same run, and how fast a
 * tag key becomes a painted highlight. It prints figures and writes out/bench/results.json; it
 * does not judge them (the aims are printed beside them). It exits non-zero only when a
 * measurement itself breaks.
 *
 * Options: --runs N (measured openings of each kind, default 5, after one warm-up each),
 * --tags N (measured tag presses, default 20, after 2 warm-ups), --profile (also trace one
 * opening and a few tags and print where the renderer's time goes; see profile.mjs).
 */
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { chromium } from 'playwright-core';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from '../../scripts/chromium.mjs';
import { generateArticle } from './generate.mjs';
import { measureImportThroughput, printImportThroughput } from './import-throughput.mjs';
import { measureExport, printExport } from './export.mjs';
import { measureFloor, measureOpen, measureTagging } from './measure.mjs';
import { createBenchProject } from './project.mjs';
import { startServer } from './server.mjs';
import { ms, round, summarise } from './stats.mjs';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const RESULTS = path.join(ROOT, 'out/bench/results.json');
const AIM_RATIO = 2;
const AIM_FRAME_MS = 16;
const OPEN_WARMUP = 1;
const TAG_WARMUP = 2;

function options() {
  const { values } = parseArgs({
    options: {
      runs: { type: 'string', default: '5' },
      tags: { type: 'string', default: '20' },
      profile: { type: 'boolean', default: false },
    },
  });
  const runs = Number(values.runs);
  const tags = Number(values.tags);
  if (!(Number.isInteger(runs) && runs > 0 && Number.isInteger(tags) && tags > 0)) {
    throw new Error('--runs and --tags take a whole number above 0.');
  }
  return { runs, tags, profile: values.profile };
}

const log = (line) => process.stderr.write(`bench: ${line}\n`);

/** Alternates floor and reader runs, so that a slow patch of the machine hits both alike. */
async function measureOpenings(browser, target, runs) {
  const floor = [];
  const reader = [];
  for (let i = 0; i < runs + OPEN_WARMUP; i++) {
    const warm = i < OPEN_WARMUP;
    const f = await measureFloor(browser, target);
    const r = await measureOpen(browser, target);
    log(
      `${warm ? 'warm-up' : `run ${i - OPEN_WARMUP + 1}/${runs}`}: ` +
        `floor ${ms(f.paintedMs)}, reader ${ms(r.paintedMs)}`,
    );
    if (warm) continue;
    floor.push(f);
    reader.push(r);
  }
  return { floor, reader };
}

/** Summaries of some fields over several runs (runs where a field is null are left out). */
function summariseFields(runs, fields) {
  return Object.fromEntries(
    fields.map((field) => {
      const values = runs.map((r) => r[field]).filter((v) => v !== null);
      return [field, values.length ? summarise(values) : null];
    }),
  );
}

/** One row of the opening table: a label, then one cell per marker, in fixed-width columns. */
const row = (label, ...cells) =>
  `  ${label.padEnd(28)}${cells.map((c) => c.padEnd(30)).join('')}`.trimEnd();
const cell = (s) => `${ms(s.median)} (${ms(s.min)}–${ms(s.max)})`;

/** Prints the figures and returns them as results.json holds them. */
function report({ article, project, floorRuns, readerRuns, tagRuns }) {
  const floor = summariseFields(floorRuns, ['paintedMs', 'rafRafMs', 'fetchMs', 'renderMs']);
  const reader = summariseFields(readerRuns, [
    'paintedMs',
    'rafRafMs',
    'apiDoneMs',
    'completeMs',
    'probeCheckMs',
    'longTaskMs',
    'longestTaskMs',
  ]);
  const tag = summariseFields(tagRuns, [
    'paintedMs',
    'rafRafMs',
    'inDomMs',
    'storedPaintedMs',
    'eventTimingMs',
  ]);
  const ratio = {
    painted: reader.paintedMs.median / floor.paintedMs.median,
    rafRaf: reader.rafRafMs.median / floor.rafRafMs.median,
  };
  // Event Timing reports only events of 16 ms or more: the others met the aim.
  const underFrame = tagRuns.filter((t) => t.eventTimingMs === null).length;
  const eventTiming = tag.eventTimingMs
    ? `median of the reported ${ms(tag.eventTimingMs.median)}, max ${ms(tag.eventTimingMs.max)}`
    : 'none reported';
  const { importMs, annotateMs, perSecond } = project.populate;
  const lines = [
    '',
    `reader open: ${(article.bytes / 1e6).toFixed(2)} MB, ${project.annotations} annotations ` +
      `(${project.overlapping} overlapping), ${article.paragraphs} paragraphs`,
    `  median (min–max) of ${floorRuns.length} runs; the document's fetch is included in both`,
    row('', 'painted', '2×rAF'),
    row('floor (plain paragraphs):', cell(floor.paintedMs), cell(floor.rafRafMs)),
    row('Gloss reader:', cell(reader.paintedMs), cell(reader.rafRafMs)),
    row(
      `ratio (aim ≤ ${AIM_RATIO}×):`,
      `${ratio.painted.toFixed(2)}×`,
      `${ratio.rafRaf.toFixed(2)}×`,
    ),
    `  floor: fetch ${ms(floor.fetchMs.median)}, then build, style, layout and paint ` +
      `${ms(floor.renderMs.median)}`,
    `  reader: API answered at ${ms(reader.apiDoneMs.median)}, every highlight in the DOM at ` +
      `${ms(reader.completeMs.median)}; long tasks ${ms(reader.longTaskMs.median)}, ` +
      `longest ${ms(reader.longestTaskMs.median)}; the probe's own counting ` +
      `${ms(reader.probeCheckMs.median)}`,
    `tag key → new highlight painted (${tagRuns.length} places; aim ≤ ${AIM_FRAME_MS} ms):`,
    `  painted:  median ${ms(tag.paintedMs.median)}, p95 ${ms(tag.paintedMs.p95)}, ` +
      `max ${ms(tag.paintedMs.max)}   (in the DOM after ${ms(tag.inDomMs.median)})`,
    `  2×rAF:    median ${ms(tag.rafRafMs.median)}, p95 ${ms(tag.rafRafMs.p95)}`,
    `  Event Timing of the keydown (to presentation): ${underFrame} of ${tagRuns.length} ` +
      `under 16 ms; ${eventTiming}`,
    `  with the service's answer swapped in: median ${ms(tag.storedPaintedMs.median)}, ` +
      `p95 ${ms(tag.storedPaintedMs.p95)}`,
    `populate: ${project.annotations} annotations in ${(annotateMs / 1000).toFixed(1)} s ` +
      `(${Math.round(perSecond)}/s, one createAnnotation call each); import ${ms(importMs)}`,
    '',
  ];
  process.stdout.write(lines.join('\n'));
  return {
    document: {
      bytes: article.bytes,
      paragraphs: article.paragraphs,
      annotations: project.annotations,
      overlapping: project.overlapping,
    },
    open: {
      fetchIncluded: true,
      aimRatio: AIM_RATIO,
      ratio: {
        painted: Math.round(ratio.painted * 100) / 100,
        rafRaf: Math.round(ratio.rafRaf * 100) / 100,
      },
      floor,
      reader,
      floorRuns,
      readerRuns,
    },
    tag: { aimMs: AIM_FRAME_MS, eventTimingUnder16: underFrame, ...tag, runs: tagRuns },
    populate: {
      annotations: project.annotations,
      importMs: round(importMs),
      annotateMs: round(annotateMs),
      perSecond: Math.round(perSecond),
    },
  };
}

/** What a run holds open; `release` frees it once, on success, failure or a signal alike. */
const held = { dir: null, server: null, browser: null, interrupted: false };
let releasing = null;
function release() {
  releasing ??= (async () => {
    await held.browser?.close().catch(() => {});
    await held.server?.stop().catch(() => {});
    if (held.dir) await rm(held.dir, { recursive: true, force: true });
  })();
  return releasing;
}
for (const signal of ['SIGINT', 'SIGTERM']) {
  process.once(signal, () => {
    log(`${signal}: cleaning up`);
    held.interrupted = true;
    void release().finally(() => process.exit(130));
  });
}

async function main() {
  let runs, tagCount, profile;
  try {
    ({ runs, tags: tagCount, profile } = options());
  } catch (error) {
    log(error.message);
    return 2;
  }
  const loadBefore = os.loadavg()[0];
  held.dir = await mkdtemp(path.join(os.tmpdir(), 'gloss-bench-'));
  try {
    const generated = generateArticle();
    const article = {
      ...generated,
      bytes: Buffer.byteLength(generated.text),
      paragraphs: generated.text.split('\n').filter((line) => line.trim() !== '').length,
    };
    log(`populating a project with ${generated.spans.length} annotations…`);
    const project = await createBenchProject(held.dir, article);
    held.server = await startServer(project.projectPath, held.dir);
    held.browser = await chromium.launch({
      executablePath: CHROMIUM_PATH,
      args: CHROMIUM_ARGS,
      // Our own handler closes the browser, the server and the temporary folder, in that order.
      handleSIGINT: false,
      handleSIGTERM: false,
    });
    const browser = held.browser;
    const target = {
      server: held.server,
      documentId: project.documentId,
      annotations: project.annotations,
    };
    const { floor, reader } = await measureOpenings(browser, target, runs);
    log(`tagging ${tagCount} places…`);
    const tagRuns = await measureTagging(browser, target, {
      count: tagCount,
      warmup: TAG_WARMUP,
    });
    const results = report({ article, project, floorRuns: floor, readerRuns: reader, tagRuns });
    // The machine's load says how far to trust the figures: other work shares its cores.
    const meta = {
      date: new Date().toISOString(),
      browser: browser.version(),
      cpus: os.cpus().length,
      loadAverage: { before: loadBefore, after: os.loadavg()[0] },
    };
    process.stdout.write(
      `machine: ${meta.cpus} cores, load average ${loadBefore.toFixed(1)} before, ` +
        `${meta.loadAverage.after.toFixed(1)} after (other work on it adds noise)\n`,
    );
    log('importing a generated HTML article and PDF report…');
    results.importThroughput = await measureImportThroughput({ runs: 3 });
    printImportThroughput(results.importThroughput);
    log('exporting 100,000 annotations to JSONL, W3C and doccano…');
    results.export = await measureExport({ runs: 3 });
    printExport(results.export);
    if (profile) {
      const { profileReader } = await import('./profile.mjs');
      results.profile = await profileReader(browser, target, held.dir);
    }
    await mkdir(path.dirname(RESULTS), { recursive: true });
    await writeFile(RESULTS, `${JSON.stringify({ ...meta, ...results }, null, 2)}\n`);
    log(`figures written to ${path.relative(ROOT, RESULTS)}`);
    return 0;
  } catch (error) {
    // Interrupted: the browser was closed under the measurement, which is not its failure.
    if (held.interrupted) return 130;
    process.stderr.write(`bench: the measurement failed: ${error?.stack ?? error}\n`);
    if (held.server) process.stderr.write(`bench: the web server said:\n${held.server.output()}\n`);
    return 1;
  } finally {
    await release();
  }
}

process.exitCode = await main();
