/**
 * One measurement of the export bench, alone in its own process so that its peak memory (the RSS
 * high-water mark the kernel keeps, `process.resourceUsage().maxRSS`) is its own:
 *
 *   node export-child.mjs export <bundle.mjs> <project> <format> <out>
 *     the service's `exportToPath`, streamed to <out>, as `gloss export` runs it;
 *   node export-child.mjs idle <bundle.mjs> <project>
 *     the service loaded and the project opened, nothing exported: the memory an export starts from;
 *   node export-child.mjs floor <project>
 *     the floor: the same rows (every live annotation and every document's text) read with
 *     better-sqlite3 and written with JSON.stringify to /dev/null, one line each.
 *
 * Prints one JSON line: { seconds, maxRssMB, bytes, annotations }.
 */
import { closeSync, openSync, statSync, writeSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const MB = 1024 * 1024;

function done(seconds, bytes, annotations) {
  const maxRssMB = (process.resourceUsage().maxRSS * 1024) / MB;
  process.stdout.write(`${JSON.stringify({ seconds, maxRssMB, bytes, annotations })}\n`);
}

async function exportOnce(bundle, projectPath, format, out) {
  const { openService } = await import(pathToFileURL(bundle).href);
  const service = openService({
    projectPath,
    mustExist: true,
    author: 'bench',
    appVersion: 'bench',
  });
  try {
    const start = performance.now();
    const { byteSize, report } = await service.api.exportToPath({ format, path: out });
    done((performance.now() - start) / 1000, byteSize, report.annotationCount);
  } finally {
    service.close();
  }
}

async function idle(bundle, projectPath) {
  const { openService } = await import(pathToFileURL(bundle).href);
  const service = openService({
    projectPath,
    mustExist: true,
    author: 'bench',
    appVersion: 'bench',
  });
  service.close();
  done(0, 0, 0);
}

function floor(projectPath) {
  const Sqlite = createRequire(path.join(ROOT, 'package.json'))('better-sqlite3');
  const db = new Sqlite(projectPath, { readonly: true, fileMustExist: true });
  const sink = openSync('/dev/null', 'w');
  try {
    const start = performance.now();
    let bytes = 0;
    let annotations = 0;
    for (const row of db
      .prepare('SELECT id, title, text FROM documents WHERE deleted_at IS NULL')
      .iterate()) {
      bytes += writeSync(sink, `${JSON.stringify(row)}\n`);
    }
    const rows = db.prepare(
      'SELECT * FROM annotations WHERE deleted_at IS NULL ORDER BY document_id, start',
    );
    for (const row of rows.iterate()) {
      bytes += writeSync(sink, `${JSON.stringify(row)}\n`);
      annotations += 1;
    }
    done((performance.now() - start) / 1000, bytes, annotations);
  } finally {
    closeSync(sink);
    db.close();
  }
}

const [mode, ...args] = process.argv.slice(2);
if (mode === 'export') {
  const [bundle, projectPath, format, out] = args;
  await exportOnce(bundle, projectPath, format, out);
  statSync(out);
} else if (mode === 'idle') {
  await idle(args[0], args[1]);
} else if (mode === 'floor') {
  floor(args[0]);
} else {
  process.stderr.write(
    'usage: export-child.mjs export BUNDLE PROJECT FORMAT OUT | idle BUNDLE PROJECT | floor PROJECT\n',
  );
  process.exitCode = 2;
}
