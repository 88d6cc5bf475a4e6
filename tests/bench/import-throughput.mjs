/**
 * Import throughput: how fast a long web page and a long PDF go through `importFiles` (detection,
 * extraction, checks, one transaction with the kept original), against the floor of storing the
 * same extracted text straight into a fresh SQLite table with the same pragmas, in the same run.
 *
 * `measureImportThroughput()` returns, for each source (html, pdf): its size, the median seconds
 * of `runs` imports (each into a fresh project, so none is a duplicate) and of `runs` floor
 * inserts, MB/s for both, and `ratio` = import time / floor time (how many times the bare write
 * the whole import costs). Both MB/s figures count the same bytes, the extracted text's UTF-8, so
 * they compare; `sourceMBps` is the import's rate in bytes of the file read. Run it alone with
 * `node tests/bench/import-throughput.mjs [--runs N]`.
 */
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import * as esbuild from 'esbuild';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const require = createRequire(path.join(ROOT, 'package.json'));
const Sqlite = require('better-sqlite3');

const MB = 1024 * 1024;

// The same banner as scripts/build.mjs: CommonJS dependencies inside an ESM bundle may still call
// require() for Node built-ins.
const REQUIRE_BANNER =
  "import { createRequire as __benchCreateRequire } from 'node:module';\n" +
  'const require = __benchCreateRequire(import.meta.url);';

/**
 * Bundles service/service.ts into `dir` and imports it, better-sqlite3 and jsdom left external
 * and pointed at by absolute URL (the bundle lives outside node_modules' lookup path).
 * @param {string} dir
 */
async function loadService(dir) {
  const sqlitePath = require.resolve('better-sqlite3');
  const outfile = path.join(dir, 'service.import-bench.mjs');
  await esbuild.build({
    entryPoints: [path.join(ROOT, 'service/service.ts')],
    absWorkingDir: ROOT,
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    outfile,
    banner: { js: REQUIRE_BANNER },
    logLevel: 'error',
    plugins: [
      {
        name: 'external-sqlite',
        setup(build) {
          build.onResolve({ filter: /^better-sqlite3$/ }, () => ({
            path: pathToFileURL(sqlitePath).href,
            external: true,
          }));
          // jsdom reads its own files relative to __dirname, which an ESM bundle does not have.
          build.onResolve({ filter: /^jsdom$/ }, () => ({
            path: pathToFileURL(require.resolve('jsdom')).href,
            external: true,
          }));
        },
      },
    ],
  });
  return import(pathToFileURL(outfile).href);
}

/** Deterministic pseudo-random numbers, so every run measures the same document. */
function random(seed) {
  let state = seed >>> 0;
  return () => {
    state = (state * 1664525 + 1013904223) >>> 0;
    return state / 2 ** 32;
  };
}

const LATIN = [
  'the',
  'minister',
  'said',
  'talks',
  'had',
  'failed',
  'after',
  'three',
  'days',
  'of',
  'meetings',
  'critics',
  'called',
  'it',
  'a',
  'farce',
  'delegation',
  'returned',
  'home',
  'observers',
  'noted',
  'agenda',
  'published',
  'before',
  'began',
  'sources',
  'confirmed',
];
const CYRILLIC = [
  'президент',
  'заявил',
  'что',
  'переговоры',
  'провалились',
  'критики',
  'назвали',
  'это',
  'фарсом',
  'делегация',
  'вернулась',
  'домой',
];

function sentence(next, words) {
  const length = 8 + Math.floor(next() * 14);
  const picked = Array.from({ length }, () => words[Math.floor(next() * words.length)]);
  const text = picked.join(' ');
  return `${text[0].toUpperCase()}${text.slice(1)}.`;
}

/** A saved news page of about `bytes` bytes: navigation, an article of paragraphs, a footer. */
export function generateHtml(bytes = 5 * MB) {
  const next = random(7);
  const parts = [
    '<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>Talks fail | Bench News</title>',
    '<meta name="author" content="Bench Reporter"></head><body>',
    '<nav><a href="/">Home</a> <a href="/world">World</a> <a href="/about">About</a></nav>',
    '<article><h1>Talks fail</h1>',
  ];
  let size = parts.join('').length;
  let n = 0;
  while (size < bytes) {
    const words = n % 5 === 4 ? CYRILLIC : LATIN;
    const body = Array.from({ length: 4 }, () => sentence(next, words)).join(' ');
    const paragraph =
      n % 40 === 0
        ? `<h2>Section ${n / 40 + 1}</h2><p>${body}</p>`
        : n % 7 === 0
          ? `<p>${body} <a href="https://example.org/${n}">Source</a> <em>${sentence(next, LATIN)}</em></p>`
          : `<p>${body}</p>`;
    parts.push(paragraph);
    size += Buffer.byteLength(paragraph);
    n++;
  }
  parts.push('</article><footer>© Bench News</footer></body></html>');
  return new TextEncoder().encode(parts.join(''));
}

/** A multi-page PDF with a text layer of about `bytes` bytes (pdf-lib, Helvetica, Latin text). */
export async function generatePdf(bytes = 2.5 * MB) {
  const { PDFDocument, StandardFonts } = await import('pdf-lib');
  const next = random(11);
  const pdf = await PDFDocument.create();
  pdf.setTitle('Bench report');
  const font = await pdf.embedFont(StandardFonts.Helvetica);
  // A page of 48 lines comes to about 2.3 KB in pdf-lib's output.
  const pages = Math.max(1, Math.round(bytes / 2300));
  for (let p = 0; p < pages; p++) {
    const page = pdf.addPage([595, 842]);
    page.drawText(`Page ${p + 1}`, { x: 56, y: 800, size: 14, font });
    for (let line = 0; line < 48; line++) {
      const text = sentence(next, LATIN).slice(0, 90);
      page.drawText(text, { x: 56, y: 770 - line * 15, size: 10, font });
    }
  }
  return pdf.save();
}

function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = sorted.length >> 1;
  return sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
}

/** Inserts `text` into a fresh table of a fresh database, as the floor; returns seconds. */
function floorInsert(dir, text, run) {
  const db = new Sqlite(path.join(dir, `floor-${run}.sqlite`));
  try {
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = FULL');
    db.exec('CREATE TABLE texts (id TEXT PRIMARY KEY NOT NULL, text TEXT NOT NULL) STRICT');
    const insert = db.prepare('INSERT INTO texts (id, text) VALUES (?, ?)');
    const started = performance.now();
    db.transaction(() => insert.run(`floor-${run}`, text))();
    return (performance.now() - started) / 1000;
  } finally {
    db.close();
  }
}

/** Imports `bytes` as `name` into a fresh project `runs` times; the text and the seconds. */
async function measureOne(openService, dir, name, bytes, runs) {
  const data = Buffer.from(bytes).toString('base64');
  const seconds = [];
  const floors = [];
  let text = '';
  // One warm-up first: the readers (jsdom, pdf.js) load on their first use.
  for (let run = -1; run < runs; run++) {
    const service = openService({
      projectPath: path.join(dir, `${name}-${run}.gloss`),
      author: 'bench',
      appVersion: 'bench',
    });
    try {
      const started = performance.now();
      const [outcome] = await service.api.importFiles({ files: [{ name, data }] });
      const elapsed = (performance.now() - started) / 1000;
      if (outcome?.status !== 'imported') {
        throw new Error(`${name} was not imported: ${outcome?.error ?? outcome?.status}`);
      }
      text = (await service.api.getDocument({ id: outcome.document.id })).text;
      if (run >= 0) seconds.push(elapsed);
    } finally {
      service.close();
    }
    if (run >= 0) floors.push(floorInsert(dir, text, `${name}-${run}`));
  }
  const sourceBytes = bytes.byteLength;
  const textBytes = Buffer.byteLength(text);
  const importSeconds = median(seconds);
  const floorSeconds = median(floors);
  const round = (value, digits = 2) => Number(value.toFixed(digits));
  return {
    sourceMB: round(sourceBytes / MB),
    textMB: round(textBytes / MB),
    importSeconds: round(importSeconds, 3),
    floorSeconds: round(floorSeconds, 4),
    sourceMBps: round(sourceBytes / MB / importSeconds),
    importMBps: round(textBytes / MB / importSeconds),
    floorMBps: round(textBytes / MB / floorSeconds),
    ratio: round(importSeconds / floorSeconds, 1),
  };
}

/**
 * Measures import throughput for a generated ~5 MB HTML article and a ~2.5 MB multi-page PDF.
 * @param {{ runs?: number, htmlBytes?: number, pdfBytes?: number }} [options]
 * @returns {Promise<{ runs: number, html: object, pdf: object }>}
 */
export async function measureImportThroughput(options = {}) {
  const runs = options.runs ?? 3;
  // Inside the repository (its gitignored .tmp/), so the bundle finds node_modules for its externals.
  await mkdir(path.join(ROOT, '.tmp'), { recursive: true });
  const work = await mkdtemp(path.join(ROOT, '.tmp', 'import-bench-'));
  try {
    const { openService } = await loadService(work);
    const html = await measureOne(
      openService,
      work,
      'article.html',
      generateHtml(options.htmlBytes),
      runs,
    );
    const pdf = await measureOne(
      openService,
      work,
      'report.pdf',
      await generatePdf(options.pdfBytes),
      runs,
    );
    return { runs, html, pdf };
  } finally {
    await rm(work, { recursive: true, force: true });
  }
}

/** Prints the figures of measureImportThroughput, one line per format. */
export function printImportThroughput(result, write = (line) => process.stdout.write(line)) {
  for (const kind of ['html', 'pdf']) {
    const r = result[kind];
    write(
      `import ${kind}: ${r.sourceMB} MB file, ${r.textMB} MB text — ${r.importSeconds} s ` +
        `(${r.sourceMBps} MB/s of file, ${r.importMBps} MB/s of text); floor ${r.floorSeconds} s ` +
        `(${r.floorMBps} MB/s); ratio ${r.ratio}× the floor\n`,
    );
  }
}

// Run directly: print the figures.
if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const { values } = parseArgs({ options: { runs: { type: 'string' } } });
  printImportThroughput(
    await measureImportThroughput({ runs: values.runs ? Number(values.runs) : 3 }),
  );
}
