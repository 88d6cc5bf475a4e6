/**
 * Export bench (issue 5): 100,000 annotations across 20 generated documents (Cyrillic and emoji
 * in the text, a fifth of the spans overlapping, Admiralty grades on the claims, 1,000
 * relations), exported through the service's `exportToPath` — streamed to disk, as `gloss export`
 * runs it — to JSONL, W3C Web Annotation and doccano. Each export runs alone in a child process
 * (export-child.mjs), so its time and its peak memory (RSS high-water mark) are its own; each is
 * printed as a ratio to a floor measured in the same run: the same rows read with better-sqlite3
 * and written with JSON.stringify to /dev/null, also in a child.
 *
 * `measureExport()` returns { annotations, documents, floor, formats: { id: { seconds, maxRssMB,
 * bytes, ratio: { time, memory } } } } with medians of `runs` runs. Alone:
 * `node tests/bench/export.mjs [--runs N] [--annotations N]`.
 */
import { execFile } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { parseArgs, promisify } from 'node:util';
import * as esbuild from 'esbuild';
import { nodeBundleOptions, nodeExternals } from '../../scripts/bundle-options.mjs';
import { generateArticle } from './generate.mjs';
import { quantile } from './stats.mjs';

const median = (values) => quantile(values, 0.5);

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const CHILD = path.join(path.dirname(fileURLToPath(import.meta.url)), 'export-child.mjs');
const run = promisify(execFile);
const DOCUMENTS = 20;
const RELATIONS = 1000;
/** The formats measured: the two the issue names, and doccano (another streamed JSONL). */
export const EXPORT_BENCH_FORMATS = ['jsonl', 'w3c', 'doccano'];

const log = (line) => process.stderr.write(`bench: ${line}\n`);

/** Bundles the service (as the shipped Node bundles are built) into `dir`; returns its path. */
export async function bundleService(dir) {
  const require = createRequire(path.join(ROOT, 'package.json'));
  const outfile = path.join(dir, 'service.export-bench.mjs');
  const names = nodeExternals.map((name) => name.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&'));
  await esbuild.build({
    ...nodeBundleOptions,
    external: [],
    stdin: {
      contents:
        "export { openService } from './service/service';\n" +
        "export { ROOT_TAGS, BUILTIN_ATTRIBUTE_IDS, BUILTIN_RELATION_TYPES } from './core/codebook';\n",
      resolveDir: ROOT,
      loader: 'ts',
    },
    absWorkingDir: ROOT,
    outfile,
    logLevel: 'error',
    plugins: [
      {
        name: 'externals-by-path',
        setup(build) {
          build.onResolve({ filter: new RegExp(`^(${names.join('|')})$`) }, (args) => ({
            path: pathToFileURL(require.resolve(args.path)).href,
            external: true,
          }));
        },
      },
    ],
  });
  return outfile;
}

/** A project of `annotations` spans over DOCUMENTS documents, made through the real API. */
export async function populate(bundle, dir, annotations) {
  const {
    openService,
    ROOT_TAGS,
    BUILTIN_ATTRIBUTE_IDS: A,
    BUILTIN_RELATION_TYPES,
  } = await import(pathToFileURL(bundle).href);
  const projectPath = path.join(dir, 'export-bench.gloss');
  const service = openService({ projectPath, author: 'bench', appVersion: 'bench' });
  const perDocument = Math.ceil(annotations / DOCUMENTS);
  const made = [];
  try {
    for (let d = 0; d < DOCUMENTS; d++) {
      const article = generateArticle({
        targetBytes: 400_000,
        annotations: perDocument,
        seed: 1000 + d,
      });
      const [outcome] = await service.api.importFiles({
        files: [{ name: `bench-${d + 1}.txt`, data: Buffer.from(article.text).toString('base64') }],
      });
      if (outcome?.status !== 'imported') throw new Error(`document ${d + 1} did not import`);
      const spans = article.spans.map((span, i) => ({
        documentId: outcome.document.id,
        tagId: ROOT_TAGS[span.tag].id,
        start: span.start,
        end: span.end,
        // Every other claim graded, as analysts grade the ones they have checked.
        ...(span.tag === 0 && i % 2 === 0
          ? { attributes: { [A.reliability]: 'B', [A.credibility]: String(1 + (i % 6)) } }
          : {}),
      }));
      for (let at = 0; at < spans.length; at += 1000) {
        made.push(
          ...(await service.api.createAnnotations({ annotations: spans.slice(at, at + 1000) })),
        );
      }
    }
    const supports = BUILTIN_RELATION_TYPES.find((t) => t.key === 'supports').id;
    for (let i = 0; i < RELATIONS; i++) {
      const source = made[(i * 97) % made.length];
      const target = made[(i * 97 + 1) % made.length];
      await service.api.createRelation({
        typeId: supports,
        sourceId: source.id,
        targetId: target.id,
      });
    }
  } finally {
    service.close();
  }
  return { projectPath, annotations: made.length };
}

/**
 * The JavaScript heap cap of the bounded-memory run: about three times what the loaded service
 * itself holds (≈45 MB), far below the 100,000 annotations' size, so an export that kept them all
 * (or all the documents) in memory would fail it.
 */
const HEAP_CAP_MB = 128;

async function child(...args) {
  return childWith([], ...args);
}

async function childWith(nodeFlags, ...args) {
  const { stdout } = await run(process.execPath, [...nodeFlags, CHILD, ...args], {
    maxBuffer: 1024 * 1024,
  });
  return JSON.parse(stdout.trim().split('\n').pop());
}

/** Medians of several runs of one measurement. */
function summariseRuns(runs) {
  return {
    seconds: median(runs.map((r) => r.seconds)),
    maxRssMB: median(runs.map((r) => r.maxRssMB)),
    bytes: runs[0].bytes,
    annotations: runs[0].annotations,
  };
}

export async function measureExport({ runs = 3, annotations = 100_000 } = {}) {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'gloss-export-bench-'));
  try {
    const bundle = await bundleService(dir);
    log(
      `export bench: making ${annotations.toLocaleString('en')} annotations over ${DOCUMENTS} documents…`,
    );
    const populateStart = performance.now();
    const project = await populate(bundle, dir, annotations);
    const populateSeconds = (performance.now() - populateStart) / 1000;
    const floorRuns = [];
    const idleRuns = [];
    const formatRuns = Object.fromEntries(EXPORT_BENCH_FORMATS.map((f) => [f, []]));
    // Floor and exports alternate, so a slow patch of the shared machine hits them alike.
    for (let i = 0; i < runs; i++) {
      floorRuns.push(await child('floor', project.projectPath));
      idleRuns.push(await child('idle', bundle, project.projectPath));
      for (const format of EXPORT_BENCH_FORMATS) {
        const out = path.join(dir, `export-${format}-${i}.out`);
        formatRuns[format].push(await child('export', bundle, project.projectPath, format, out));
        await rm(out, { force: true });
      }
      log(`export bench: run ${i + 1}/${runs} done`);
    }
    // Once more with the heap capped: V8 collects lazily, so the RSS above counts garbage too;
    // passing under the cap shows what an export really holds stays bounded.
    const capped = {};
    for (const format of EXPORT_BENCH_FORMATS) {
      const out = path.join(dir, `export-${format}-capped.out`);
      capped[format] = await childWith(
        [`--max-old-space-size=${HEAP_CAP_MB}`],
        'export',
        bundle,
        project.projectPath,
        format,
        out,
      ).catch((error) => ({
        failed: String(error?.stderr ?? error)
          .split('\n')
          .slice(-3)
          .join(' '),
      }));
      await rm(out, { force: true });
    }
    const floor = summariseRuns(floorRuns);
    // The memory of the service loaded and the project open, before any export.
    const idleRssMB = median(idleRuns.map((r) => r.maxRssMB));
    const formats = Object.fromEntries(
      EXPORT_BENCH_FORMATS.map((format) => {
        const s = summariseRuns(formatRuns[format]);
        const ratio = { time: s.seconds / floor.seconds, memory: s.maxRssMB / floor.maxRssMB };
        return [
          format,
          { ...s, ratio, overIdleMB: s.maxRssMB - idleRssMB, capped: capped[format] },
        ];
      }),
    );
    return {
      annotations: project.annotations,
      documents: DOCUMENTS,
      relations: RELATIONS,
      runs,
      populateSeconds,
      idleRssMB,
      heapCapMB: HEAP_CAP_MB,
      floor,
      formats,
    };
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

export function printExport(results) {
  const row = (label, s, ratio) =>
    `  ${label.padEnd(26)}${`${s.seconds.toFixed(2)} s`.padEnd(11)}${`${s.maxRssMB.toFixed(0)} MB`.padEnd(10)}` +
    `${`${(s.bytes / 1024 / 1024).toFixed(1)} MB out`.padEnd(14)}${ratio ?? ''}`;
  const lines = [
    '',
    `export: ${results.annotations.toLocaleString('en')} annotations, ${results.documents} documents, ` +
      `${results.relations} relations; median of ${results.runs} runs, each in its own process`,
    `  ${''.padEnd(26)}${'time'.padEnd(11)}${'peak RSS'.padEnd(10)}${'written'.padEnd(14)}ratio to floor (time, memory)`,
    row('floor (rows → /dev/null)', results.floor),
    ...Object.entries(results.formats).map(([format, s]) =>
      row(`${format}`, s, `${s.ratio.time.toFixed(2)}×, ${s.ratio.memory.toFixed(2)}×`),
    ),
    `  the service loaded with the project open, before any export: ${results.idleRssMB.toFixed(0)} MB; ` +
      `each export's own peak above that: ${Object.entries(results.formats)
        .map(([format, s]) => `${format} ${s.overIdleMB.toFixed(0)} MB`)
        .join(', ')}`,
    `  with the JavaScript heap capped at ${results.heapCapMB} MB: ${Object.entries(results.formats)
      .map(([format, s]) =>
        s.capped.failed
          ? `${format} FAILED (${s.capped.failed})`
          : `${format} ${s.capped.seconds.toFixed(2)} s, ${s.capped.maxRssMB.toFixed(0)} MB`,
      )
      .join('; ')}`,
    `  (populating the project took ${results.populateSeconds.toFixed(1)} s)`,
    '',
  ];
  process.stdout.write(lines.join('\n'));
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const { values } = parseArgs({
    options: {
      runs: { type: 'string', default: '3' },
      annotations: { type: 'string', default: '100000' },
      json: { type: 'string' },
    },
  });
  const results = await measureExport({
    runs: Number(values.runs),
    annotations: Number(values.annotations),
  });
  printExport(results);
  if (values.json) await writeFile(values.json, `${JSON.stringify(results, null, 2)}\n`);
}
