#!/usr/bin/env node
// `node scripts/electronegativity.mjs`: runs Doyensec's Electronegativity over the desktop app,
// both as it ships (out/electron/*.cjs and out/renderer/, built by scripts/build.mjs) and as it is
// written (electron/*.ts, where its checks can read the BrowserWindow options). Prints every
// finding and exits 1 when one of HIGH severity is not suppressed. tests/unit/electron/
// electronegativity.test.ts runs the same scan inside `npm test`.
//
// Suppressions, each with its reason in the code:
//   - inline, on the line of the finding: `// eng-disable CHECK_ID: why this is safe`. The reason
//     after the colon is required (this script refuses an annotation without one). Findings in
//     the bundles are traced back to their source line through the bundle's source map, so the
//     annotation in electron/*.ts covers the same code in out/electron/main.cjs.
//   - global checks, which no line annotation reaches: EXCLUDED_CHECKS below.
import {
  copyFileSync,
  cpSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  readdirSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = path.dirname(path.dirname(fileURLToPath(import.meta.url)));

/** Checks not run at all, and why. The tool names them by class (CSPGlobalCheck) to exclude them. */
export const EXCLUDED_CHECK_CLASSES = {
  CSP_GLOBAL_CHECK: 'CSPGlobalCheck',
  AVAILABLE_SECURITY_FIXES_GLOBAL_CHECK: 'AvailableSecurityFixesGlobalCheck',
};
export const EXCLUDED_CHECKS = {
  CSP_GLOBAL_CHECK:
    'The CSP reaches every page as a response header of the app:// handler ' +
    '(electron/app-protocol.ts sends core/security.ts SECURITY_HEADERS), which this check cannot ' +
    'see: it looks for a <meta> tag or a webRequest hook. tests/unit/electron/csp.test.ts runs the ' +
    'same CSP evaluator over that policy instead.',
  AVAILABLE_SECURITY_FIXES_GLOBAL_CHECK:
    'It compares the Electron version with the list of releases it downloads: the result depends ' +
    'on the network and the day, not on our code (offline it finds nothing). Electron is pinned ' +
    'in package.json and upgraded deliberately.',
};

/** An inline suppression: `eng-disable` followed by check ids, a colon and the reason. */
const ANNOTATION = /eng-disable[ \t]+([\w \t,]+?)\s*(?::\s*(.*?))?\s*(?:\*\/)?$/;
const MIN_REASON_LENGTH = 20;

const BUILT_FILES = [
  'out/electron/main.cjs',
  'out/electron/preload.cjs',
  'out/renderer/index.html',
];

/**
 * Waits a little for the built files: a build running at the same moment (it empties out/
 * first) must not make the scan fail, while a tree that was never built still fails quickly.
 */
async function waitForBuild(root) {
  for (let attempt = 0; ; attempt++) {
    const missing = BUILT_FILES.filter((file) => !existsSync(path.join(root, file)));
    if (missing.length === 0) return;
    if (attempt >= 20)
      throw new Error(`${missing.join(', ')} missing: run \`npm run build\` first`);
    await new Promise((resolve) => setTimeout(resolve, 1000));
  }
}

/** Copies what is scanned into a folder of its own (the tool reads .js, .ts and .html only). */
function stage(root) {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'gloss-electronegativity-'));
  const built = path.join(dir, 'built');
  mkdirSync(built);
  copyFileSync(path.join(root, 'out/electron/main.cjs'), path.join(built, 'main.js'));
  copyFileSync(path.join(root, 'out/electron/preload.cjs'), path.join(built, 'preload.js'));
  cpSync(path.join(root, 'out/renderer'), path.join(built, 'renderer'), { recursive: true });
  cpSync(path.join(root, 'electron'), path.join(dir, 'src', 'electron'), { recursive: true });
  // The tool reads the Electron version from package.json (its version-dependent defaults).
  const manifest = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8'));
  writeFileSync(
    path.join(dir, 'package.json'),
    JSON.stringify({
      name: manifest.name,
      version: manifest.version,
      main: 'built/main.js',
      devDependencies: { electron: manifest.devDependencies.electron },
    }),
  );
  return dir;
}

/** Where a staged file came from, for the report and for finding its annotations. */
const BUNDLES = {
  'built/main.js': 'out/electron/main.cjs',
  'built/preload.js': 'out/electron/preload.cjs',
};

const BASE64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';

/** Decodes one source-map segment (base64 VLQ) into its numbers. */
function decodeSegment(segment) {
  const values = [];
  let value = 0;
  let shift = 0;
  for (const char of segment) {
    const digit = BASE64.indexOf(char);
    value += (digit & 31) << shift;
    if (digit & 32) {
      shift += 5;
    } else {
      values.push(value & 1 ? -(value >>> 1) : value >>> 1);
      value = 0;
      shift = 0;
    }
  }
  return values;
}

/** The original file and 1-based line of a 1-based line and 0-based column of a bundle. */
export function originalPosition(mapFile, line, column) {
  const map = JSON.parse(readFileSync(mapFile, 'utf8'));
  const lines = map.mappings.split(';');
  let source = 0;
  let originalLine = 0;
  let found = null;
  for (let index = 0; index < lines.length && index < line; index++) {
    let generatedColumn = 0;
    for (const segment of lines[index].split(',')) {
      if (!segment) continue;
      const [columnDelta, sourceDelta, lineDelta] = decodeSegment(segment);
      generatedColumn += columnDelta;
      if (sourceDelta === undefined) continue;
      source += sourceDelta;
      originalLine += lineDelta;
      if (index === line - 1 && generatedColumn <= column) {
        found = { source: map.sources[source], line: originalLine + 1 };
      }
    }
  }
  if (!found) return null;
  return { file: path.resolve(path.dirname(mapFile), found.source), line: found.line };
}

/** The check ids and reason of the annotation on `line` of `file`, if any. */
function annotationAt(file, line) {
  if (!existsSync(file)) return null;
  const text = readFileSync(file, 'utf8').split('\n')[line - 1] ?? '';
  const match = ANNOTATION.exec(text);
  if (!match) return null;
  return { ids: match[1].trim().split(/[\s,]+/), reason: (match[2] ?? '').trim() };
}

/** Every `eng-disable` annotation in electron/, and those without a real reason. */
export function listAnnotations(root = ROOT) {
  const annotations = [];
  const dir = path.join(root, 'electron');
  for (const name of readdirSync(dir).filter((n) => /\.(ts|js|html)$/.test(n))) {
    readFileSync(path.join(dir, name), 'utf8')
      .split('\n')
      .forEach((text, index) => {
        if (!text.includes('eng-disable')) return;
        const match = ANNOTATION.exec(text);
        annotations.push({
          file: `electron/${name}`,
          line: index + 1,
          ids: match ? match[1].trim().split(/[\s,]+/) : [],
          reason: match?.[2]?.trim() ?? '',
        });
      });
  }
  const unexplained = annotations.filter((a) => a.reason.length < MIN_REASON_LENGTH);
  return { annotations, unexplained };
}

function runTool(input) {
  const require = createRequire(import.meta.url);
  const run = require('@doyensec/electronegativity');
  const manifest = JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8'));
  return run({
    input,
    isRelative: true,
    electronVersionOverride: manifest.devDependencies.electron,
    excludeFromScan: Object.keys(EXCLUDED_CHECKS).map((id) => EXCLUDED_CHECK_CLASSES[id]),
  });
}

/**
 * Runs the scan. Findings the tool reports in a bundle whose source line carries an annotation
 * for that check are moved to `suppressed`, with the annotation's reason.
 */
export async function scanElectronApp(root = ROOT) {
  await waitForBuild(root);
  const input = stage(root);
  try {
    const result = await runTool(input);
    const findings = [];
    const suppressed = [];
    for (const issue of result.issues) {
      const finding = {
        id: issue.id,
        severity: issue.severity.name,
        confidence: issue.confidence.name,
        file: BUNDLES[issue.file] ?? issue.file.replace(/^src\//, ''),
        line: issue.location.line,
        column: issue.location.column,
        sample: (issue.sample ?? '').slice(0, 160),
        description: issue.description,
      };
      const bundle = BUNDLES[issue.file];
      const origin = bundle
        ? originalPosition(path.join(root, `${bundle}.map`), finding.line, finding.column)
        : null;
      const annotation = origin ? annotationAt(origin.file, origin.line) : null;
      if (origin) finding.source = `${path.relative(root, origin.file)}:${origin.line}`;
      if (annotation?.ids.includes(issue.id) && annotation.reason.length >= MIN_REASON_LENGTH) {
        suppressed.push({ ...finding, reason: annotation.reason });
      } else {
        findings.push(finding);
      }
    }
    const bySeverity = {};
    for (const finding of findings)
      bySeverity[finding.severity] = (bySeverity[finding.severity] ?? 0) + 1;
    return {
      checks: { global: result.globalChecks, atomic: result.atomicChecks },
      parseErrors: result.errors.filter((error) => !error.tolerable),
      findings,
      suppressed,
      bySeverity,
      ...listAnnotations(root),
    };
  } finally {
    rmSync(input, { recursive: true, force: true });
  }
}

/** The report printed by the command line (and by the test when it fails). */
export function formatScan(scan) {
  const lines = [
    `electronegativity: ${scan.checks.global} global and ${scan.checks.atomic} atomic checks; ` +
      `${scan.findings.length} finding(s) ${JSON.stringify(scan.bySeverity)}, ` +
      `${scan.annotations.length} inline suppression(s), ${Object.keys(EXCLUDED_CHECKS).length} excluded check(s)`,
  ];
  for (const f of scan.findings) {
    lines.push(
      `  ${f.severity.padEnd(13)} ${f.id} ${f.file}:${f.line}${f.source ? ` (${f.source})` : ''}  ${f.sample}`,
    );
  }
  for (const a of scan.annotations)
    lines.push(`  suppressed    ${a.ids.join(' ')} ${a.file}:${a.line}: ${a.reason}`);
  for (const [id, reason] of Object.entries(EXCLUDED_CHECKS))
    lines.push(`  excluded      ${id}: ${reason}`);
  for (const a of scan.unexplained)
    lines.push(`  NO REASON     eng-disable at ${a.file}:${a.line}`);
  for (const e of scan.parseErrors) lines.push(`  PARSE ERROR   ${e.file}: ${e.message}`);
  return lines.join('\n');
}

/** True when the scan may pass: no HIGH finding, no unexplained suppression, no parse error. */
export function scanPasses(scan) {
  return (
    scan.findings.every((f) => f.severity !== 'HIGH') &&
    scan.unexplained.length === 0 &&
    scan.parseErrors.length === 0
  );
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const scan = await scanElectronApp();
  process.stdout.write(`${formatScan(scan)}\n`);
  process.exitCode = scanPasses(scan) ? 0 : 1;
}
