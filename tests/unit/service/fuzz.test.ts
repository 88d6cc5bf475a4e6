/**
 * Every API method (every key of core/api.ts argSchemas, so methods added later are fuzzed from
 * the day they land) gets hundreds of random and malformed arguments, against the real service on
 * a project in a temporary folder. Each call must succeed or fail with a GlossError of a typed
 * code, never `internal`, never a crash or a hang. Afterwards the project passes integrity_check,
 * no prototype was polluted, and no file was written outside the temporary folder.
 *
 * Two doors: the service's own API (as the CLI calls it; the methods that take paths only get
 * paths that stay in the temporary folder, since the CLI may legitimately write where it is told)
 * and `dispatch` after the door's refusal check with JSON-carried arguments, as browser mode and
 * the desktop window call it (there, paths may point anywhere: the door must refuse them).
 * The seed is printed on failure; GLOSS_FUZZ_SEED=<seed> repeats the run.
 */
import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import Sqlite from 'better-sqlite3';
import { z } from 'zod';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { API_METHODS, argSchemas, type ApiMethod } from '../../../core/api';
import { GlossError, type GlossErrorCode } from '../../../core/errors';
import { dispatch } from '../../../service/dispatch';
import { PATH_METHODS, refusalFor } from '../../../service/doors';
import { openService, type GlossService } from '../../../service/service';
import {
  damage,
  junkArguments,
  seededRandom,
  validValue,
  type GenerateContext,
  type Random,
  type SchemaNode,
} from './fuzz-values';
import { CLAIM, ENTITY, base64 } from './helpers';

const SEED = Number(process.env.GLOSS_FUZZ_SEED) || Math.floor(Math.random() * 2 ** 31);
const CALLS_PER_METHOD = 150;
const DOOR_CALLS_PER_METHOD = 40;
/** A call that takes longer than this is a hang. */
const CALL_TIMEOUT_MS = 60_000;
const REPO = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');

const TYPED_CODES: readonly GlossErrorCode[] = [
  'invalid_argument',
  'not_found',
  'unsupported_format',
  'conflict',
  'too_large',
  'schema_too_new',
  'unauthorized',
];

const METHODS = Object.keys(argSchemas) as ApiMethod[];
const SCHEMAS = Object.fromEntries(
  METHODS.map((method) => [
    method,
    z.toJSONSchema(argSchemas[method] as z.ZodType, { unrepresentable: 'any', io: 'input' }),
  ]),
) as unknown as Record<ApiMethod, SchemaNode>;

let dir: string;
let projectPath: string;
let service: GlossService;
let marker: string;
let originalCwd: string;
const watched = ['/etc/passwd', '/etc/hosts'].filter((file) => existsSync(file));
const watchedTimes = new Map(watched.map((file) => [file, statSync(file).mtimeMs]));

/** Every id of every table that has an `id` column: what valid arguments are made of. */
function projectIds(): string[] {
  const db = new Sqlite(projectPath, { readonly: true });
  try {
    const tables = db
      .prepare("SELECT name FROM sqlite_schema WHERE type = 'table'")
      .pluck()
      .all() as string[];
    return tables
      .flatMap((table) => {
        const columns = db.prepare(`PRAGMA table_info("${table}")`).all() as { name: string }[];
        return columns.some((c) => c.name === 'id')
          ? (db.prepare(`SELECT id FROM "${table}" LIMIT 200`).pluck().all() as unknown[])
          : [];
      })
      .filter((id): id is string => typeof id === 'string');
  } finally {
    db.close();
  }
}

/** The project's ids, read again every few calls (reading them for every call is slow). */
let idCache: { ids: string[]; uses: number } = { ids: [], uses: Infinity };
function currentIds(): string[] {
  if (idCache.uses++ >= 25) idCache = { ids: projectIds(), uses: 0 };
  return idCache.ids;
}

function makeArgs(method: ApiMethod, random: Random, confine: boolean): unknown {
  const ctx: GenerateContext = {
    random,
    ids: currentIds(),
    marker,
    confinePathsTo: confine ? dir : null,
  };
  const schema = SCHEMAS[method];
  const roll = random.next();
  if (roll < 0.15) return junkArguments(ctx);
  const valid = validValue(schema, ctx);
  if (roll < 0.35) return valid;
  let args = valid;
  for (let n = 1 + random.int(3); n > 0; n--) args = damage(args, schema, ctx);
  return args;
}

function describeArgs(args: unknown): string {
  try {
    const text = JSON.stringify(args, (_key, value: unknown) =>
      typeof value === 'bigint' ? `${value}n` : value,
    );
    return (text ?? String(args)).slice(0, 300);
  } catch {
    return String(args).slice(0, 300);
  }
}

/** Failures grouped by method and kind of error, a couple of examples each. */
class Failures {
  private readonly groups = new Map<string, string[]>();

  add(method: string, args: unknown, error: unknown): void {
    const what =
      error instanceof GlossError
        ? `GlossError(${error.code}): ${error.message}`
        : error instanceof Error
          ? `${error.name}: ${error.message}\n${error.stack?.split('\n').slice(1, 3).join('\n')}`
          : String(error);
    const key = `${method} ${what.split(/[:\n]/, 2).join(':').slice(0, 80)}`;
    const examples = this.groups.get(key) ?? [];
    if (examples.length < 2)
      examples.push(`${method}(${describeArgs(args)}) → ${what.slice(0, 500)}`);
    this.groups.set(key, examples);
  }

  list(): string[] {
    return [...this.groups.values()].flat();
  }
}

function withTimeout<T>(promise: Promise<T>, what: string): Promise<T> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`${what} did not settle`)), CALL_TIMEOUT_MS);
    promise.then(
      (value) => {
        clearTimeout(timer);
        resolve(value);
      },
      (error: unknown) => {
        clearTimeout(timer);
        reject(error);
      },
    );
  });
}

/** What JSON over HTTP would deliver: no undefined, no functions, no BigInt, NaN as null. */
function overJson(args: unknown): unknown {
  const text = JSON.stringify(args, (_key, value: unknown) =>
    typeof value === 'bigint' ? value.toString() : value,
  );
  return text === undefined ? undefined : JSON.parse(text);
}

/** Files whose name carries the marker, anywhere a stray write could land. */
function strayFiles(): string[] {
  const found: string[] = [];
  const look = (folder: string, depth: number): void => {
    let entries: string[];
    try {
      entries = readdirSync(folder);
    } catch {
      return;
    }
    for (const entry of entries) {
      const full = path.join(folder, entry);
      if (entry.includes(marker)) found.push(full);
      if (depth > 0 && !['node_modules', '.git', 'proc', 'sys', 'dev'].includes(entry)) {
        let isFolder = false;
        try {
          isFolder = statSync(full).isDirectory();
        } catch {
          // Gone in the meantime (another test's temporary file).
        }
        if (isFolder && !full.startsWith(dir)) look(full, depth - 1);
      }
    }
  };
  for (const [folder, depth] of [
    ['/', 0],
    ['/etc', 0],
    ['/tmp', 1],
    [os.tmpdir(), 1],
    [os.homedir(), 1],
    [REPO, 2],
    [path.dirname(REPO), 0],
  ] as const) {
    look(folder, depth);
  }
  return [...new Set(found)];
}

beforeAll(async () => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'gloss-fuzz-'));
  marker = `gloss-fuzz-${SEED}`;
  projectPath = path.join(dir, 'fuzz.gloss');
  service = openService({ projectPath, author: 'fuzzer', appVersion: '0.0.0-fuzz' });
  const [first] = await service.api.importFiles({
    files: [
      { name: 'a.txt', data: base64('Кавказ 😀 claim. The minister said the talks had failed.') },
      {
        name: 'b.html',
        data: base64('<h1>Title</h1><p>One <a href="https://x.example">link</a> 外交部.</p>'),
      },
    ],
  });
  if (first?.status !== 'imported') throw new Error('seed import failed');
  const documentId = first.document.id;
  await service.api.createAnnotation({ documentId, tagId: CLAIM, start: 0, end: 6 });
  await service.api.createAnnotation({ documentId, tagId: ENTITY, start: 9, end: 14, note: 'n' });
  // Relative paths resolve here: deep enough that a few `../` still land in the temporary folder.
  originalCwd = process.cwd();
  const sandbox = path.join(dir, 'sandbox', 'a', 'b', 'c', 'd', 'e', 'f', 'g');
  mkdirSync(sandbox, { recursive: true });
  process.chdir(sandbox);
});

afterAll(() => {
  if (originalCwd) process.chdir(originalCwd);
  service?.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

describe('every API method under random and malformed arguments', () => {
  it('covers every method of the API', () => {
    expect(METHODS.length).toBe(API_METHODS.length);
    expect([...METHODS].sort()).toEqual([...API_METHODS].sort());
  });

  it('answers each call of the service door with a result or a typed GlossError', async () => {
    const random = seededRandom(SEED);
    const failures = new Failures();
    const slowest: [string, number][] = [];
    let rejected = 0;
    let succeeded = 0;
    for (const method of METHODS) {
      const confine = PATH_METHODS.includes(method);
      const call = service.api[method] as (args: unknown) => Promise<unknown>;
      const started = performance.now();
      for (let n = 0; n < CALLS_PER_METHOD; n++) {
        const args = makeArgs(method, random, confine);
        try {
          await withTimeout(
            Promise.resolve().then(() => call(args)),
            method,
          );
          succeeded++;
        } catch (error) {
          rejected++;
          const typed = error instanceof GlossError && TYPED_CODES.includes(error.code);
          if (!typed) failures.add(method, args, error);
        }
      }
      slowest.push([method, Math.round(performance.now() - started)]);
    }
    slowest.sort((a, b) => b[1] - a[1]);
    console.log(
      `fuzz seed ${SEED}: ${METHODS.length} methods, ${succeeded} calls succeeded, ` +
        `${rejected} rejected with a typed error; slowest: ${slowest
          .slice(0, 4)
          .map(([m, ms]) => `${m} ${ms} ms`)
          .join(', ')}`,
    );
    expect(failures.list(), `seed ${SEED} (GLOSS_FUZZ_SEED=${SEED} repeats it)`).toEqual([]);
  }, 300_000);

  it('answers each call through dispatch, as the browser and desktop doors make it', async () => {
    const random = seededRandom(SEED ^ 0x5bd1e995);
    const failures = new Failures();
    let refused = 0;
    for (const method of METHODS) {
      for (let n = 0; n < DOOR_CALLS_PER_METHOD; n++) {
        const args = overJson(makeArgs(method, random, false));
        const door = random.chance(0.5) ? 'web' : 'desktop';
        const refusal = refusalFor(door, method);
        if (refusal) {
          refused++;
          expect(refusal.code).toBe('unauthorized');
          continue;
        }
        const reply = await withTimeout(dispatch(service.api, method, args), method);
        if (!reply.ok && !TYPED_CODES.includes(reply.error.code)) {
          failures.add(`${door} ${method}`, args, `${reply.error.code}: ${reply.error.message}`);
        }
      }
    }
    // Names that are not methods, whatever they look like, are not_found.
    for (const name of [
      '__proto__',
      'constructor',
      'toString',
      'hasOwnProperty',
      '',
      'x'.repeat(10_000),
      null,
      42,
      {},
    ]) {
      const reply = await dispatch(service.api, name, {});
      if (reply.ok || reply.error.code !== 'not_found') {
        failures.add('dispatch', name, JSON.stringify(reply));
      }
    }
    expect(refused, 'the doors refused the path methods').toBeGreaterThan(0);
    expect(failures.list(), `seed ${SEED} (GLOSS_FUZZ_SEED=${SEED} repeats it)`).toEqual([]);
  }, 300_000);

  it('leaves a sound project, no polluted prototype and no file outside its folder', () => {
    const probe = {} as Record<string, unknown>;
    expect(probe.polluted, 'Object.prototype was polluted').toBeUndefined();
    expect(Object.prototype.hasOwnProperty.call(Object.prototype, 'polluted')).toBe(false);
    const db = new Sqlite(projectPath, { readonly: true });
    try {
      expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
      expect(db.pragma('foreign_key_check')).toEqual([]);
    } finally {
      db.close();
    }
    expect(strayFiles(), `seed ${SEED}: files written outside ${dir}`).toEqual([]);
    for (const [file, mtime] of watchedTimes) expect(statSync(file).mtimeMs, file).toBe(mtime);
  });
});
