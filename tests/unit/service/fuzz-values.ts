/**
 * Argument generators for the API fuzz test (fuzz.test.ts). Arguments are built from each
 * method's own schema (through zod's JSON Schema export, so a method added later is covered the
 * day it lands) and then damaged: wrong types, huge and hostile strings, unknown and prototype
 * keys, path traversal, NUL bytes, lone surrogates, numbers out of range. Some arguments are
 * left whole, so the calls also reach the handlers, not only the validator.
 */
import path from 'node:path';
import { XSS_PAYLOADS } from '../../xss/payloads';

// The crash harness's PRNG: the same sequence for the same seed, so a failing seed repeats.
export { makeRandom as seededRandom, type Random } from '../../crash/random';
import type { Random } from '../../crash/random';

/** A JSON Schema node, as z.toJSONSchema writes it (only what the generator reads). */
export interface SchemaNode {
  type?: string | string[];
  properties?: Record<string, SchemaNode>;
  required?: string[];
  additionalProperties?: SchemaNode | boolean;
  propertyNames?: SchemaNode;
  items?: SchemaNode;
  anyOf?: SchemaNode[];
  oneOf?: SchemaNode[];
  enum?: unknown[];
  const?: unknown;
  minLength?: number;
  maxLength?: number;
  pattern?: string;
  minimum?: number;
  maximum?: number;
  exclusiveMinimum?: number;
  minItems?: number;
  maxItems?: number;
}

export interface GenerateContext {
  random: Random;
  /** Ids that exist in the project (documents, tags, annotations, entities…). */
  ids: readonly string[];
  /** A name no real file has: every path the fuzzer invents carries it, to be found if written. */
  marker: string;
  /**
   * For the methods that read or write the paths they are given: where the paths must stay.
   * Absolute paths go inside this folder; relative ones resolve from the working directory,
   * which the test moves deep inside it.
   */
  confinePathsTo: string | null;
}

const UUID_PATTERN = '^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$';
const BASE64_PATTERN = '^[A-Za-z0-9+/]*={0,2}$';

/** Strings every text field should survive. */
export function hostileStrings(marker: string): string[] {
  return [
    '',
    ' ',
    '\u0000',
    `a\u0000b`,
    '\uD800',
    'x\uDFFFy',
    '\uFEFF\u200B\u202E',
    '😀🇦🇿 Баку 外交部',
    '../../etc/passwd',
    `../../../../../../tmp/${marker}`,
    `..\\..\\..\\windows\\${marker}`,
    `/etc/${marker}`,
    '/etc/passwd',
    `file:///etc/${marker}`,
    '\\\\?\\C:\\Windows',
    'CON',
    'nul.txt',
    '%00',
    '%2e%2e%2f',
    '__proto__',
    'constructor',
    'prototype',
    'toString',
    "'; DROP TABLE annotations; --",
    '" OR 1=1 --',
    '*',
    '%',
    '_',
    'NEAR(',
    '"unterminated',
    'a AND OR NOT',
    '${process.exit()}',
    '{{constructor.constructor("return process")()}}',
    'javascript:alert(1)',
    ...XSS_PAYLOADS.slice(0, 12).map((payload) => payload.html),
    '0',
    '-1',
    'NaN',
    'null',
    'true',
    '9'.repeat(400),
    '#fff',
    '#GGGGGG',
  ];
}

/** Values of every JSON type (and a few JSON cannot carry), for wrong-type damage. */
function wrongTypeValues(random: Random, marker: string, strings: string[]): unknown[] {
  return [
    null,
    undefined,
    true,
    false,
    0,
    -1,
    -0,
    1.5,
    Number.NaN,
    Number.POSITIVE_INFINITY,
    Number.NEGATIVE_INFINITY,
    Number.MAX_SAFE_INTEGER + 2,
    1e308,
    -1e308,
    2 ** 31,
    2 ** 53,
    [],
    [null],
    {},
    { [marker]: 1 },
    random.pick(strings),
    protoObject(),
    nested(40),
    BigInt(1) as unknown,
    Symbol('s') as unknown,
    () => 1,
    new Date(0),
  ];
}

/** An object with an own "__proto__" key, as JSON.parse makes one from a request body. */
export function protoObject(): Record<string, unknown> {
  return JSON.parse(
    '{"__proto__": {"polluted": "yes"}, "constructor": {"prototype": {"polluted": "yes"}}}',
  ) as Record<string, unknown>;
}

function nested(depth: number): unknown {
  let value: unknown = 'deep';
  for (let level = 0; level < depth; level++) value = level % 2 ? [value] : { a: value };
  return value;
}

/** A path that stays inside `ctx.confinePathsTo` whichever way it is resolved. */
function confinedPath(ctx: GenerateContext): string {
  const { random, marker } = ctx;
  const name = `${marker}-${random.int(1000)}${random.pick(['', '.txt', '.csv', '.gloss', '.json', '.zip', '/'])}`;
  const roll = random.int(6);
  if (roll === 0) return path.join(ctx.confinePathsTo!, name);
  if (roll === 1) return `${'../'.repeat(random.int(5))}${name}`;
  if (roll === 2) return `${'..\\'.repeat(random.int(5))}${name}`;
  if (roll === 3) return `./${name}\u0000.txt`;
  // A folder that exists (the test's working directory is deeper inside it).
  if (roll === 4) return path.join(ctx.confinePathsTo!, 'sandbox');
  return name;
}

/**
 * The hostile strings a call may get. For methods whose paths are confined, absolute paths are
 * left out: a path method writes where its (CLI) caller says by design, so "/etc/…" there would
 * test the operating system, not Gloss. Relative traversal stays: it resolves inside the folder.
 */
function hostile(ctx: Pick<GenerateContext, 'marker' | 'confinePathsTo'>): string[] {
  const all = hostileStrings(ctx.marker);
  return ctx.confinePathsTo ? all.filter((s) => !path.isAbsolute(s)) : all;
}

function isPathField(key: string | undefined): boolean {
  return key === 'path' || key === 'paths';
}

/** A value the schema accepts (mostly), built from what the project holds. */
export function validValue(node: SchemaNode, ctx: GenerateContext, key?: string): unknown {
  const { random } = ctx;
  if (node.const !== undefined) return node.const;
  if (node.enum) return random.pick(node.enum);
  const options = node.anyOf ?? node.oneOf;
  if (options) return validValue(random.pick(options), ctx, key);
  const type = Array.isArray(node.type) ? random.pick(node.type) : node.type;
  switch (type) {
    case 'object':
      return validObject(node, ctx);
    case 'array': {
      const min = node.minItems ?? 0;
      const max = Math.min(node.maxItems ?? 4, min + 3);
      return Array.from({ length: min + random.int(max - min + 1) }, () =>
        validValue(node.items ?? {}, ctx, key),
      );
    }
    case 'string':
      return validString(node, ctx, key);
    case 'integer':
    case 'number': {
      const min = node.minimum ?? node.exclusiveMinimum ?? 0;
      const max = Math.min(node.maximum ?? min + 1000, min + 1000);
      const value = min + random.int(Math.max(1, max - min + 1));
      return type === 'number' && random.chance(0.3) ? value + 0.5 : value;
    }
    case 'boolean':
      return random.chance(0.5);
    case 'null':
      return null;
    default:
      return random.pick(['x', 1, true, null]);
  }
}

function validObject(node: SchemaNode, ctx: GenerateContext): Record<string, unknown> {
  const { random } = ctx;
  const result: Record<string, unknown> = {};
  const required = new Set(node.required ?? []);
  for (const [name, child] of Object.entries(node.properties ?? {})) {
    if (required.has(name) || random.chance(0.5)) result[name] = validValue(child, ctx, name);
  }
  if (typeof node.additionalProperties === 'object' && random.chance(0.7)) {
    const keyNode = node.propertyNames ?? { type: 'string', maxLength: 20 };
    for (let n = random.int(3); n > 0; n--) {
      result[String(validValue(keyNode, ctx))] = validValue(node.additionalProperties, ctx);
    }
  }
  return result;
}

function validString(node: SchemaNode, ctx: GenerateContext, key?: string): string {
  const { random } = ctx;
  if (ctx.confinePathsTo && isPathField(key)) return confinedPath(ctx);
  if (node.pattern === UUID_PATTERN) {
    return ctx.ids.length > 0 && random.chance(0.85)
      ? random.pick(ctx.ids)
      : '01900000-0000-7000-8000-000000000000';
  }
  if (node.pattern === BASE64_PATTERN) {
    const content = random.pick([
      'Plain text with 😀 and Кавказ.',
      `<html><body><h1>T</h1>${random.pick(XSS_PAYLOADS).html}<p>text</p></body></html>`,
      '%PDF-1.4 broken',
      'PK\u0003\u0004 not really a zip',
      '{"@context": "http://www.w3.org/ns/anno.jsonld"}',
    ]);
    return Buffer.from(content, 'utf8').toString('base64');
  }
  const max = Math.min(node.maxLength ?? 40, 60);
  const min = node.minLength ?? 0;
  const candidates = [
    ...hostile(ctx),
    'en',
    'A',
    '2024-01-31',
    'https://example.org/a',
    'utf-8',
    'claim',
  ].filter((s) => s.length >= min && s.length <= max && matches(node.pattern, s));
  if (candidates.length > 0 && random.chance(0.8)) return random.pick(candidates);
  const letters = 'abcdefghijklmnopqrstuvwxyz';
  const length = min + random.int(Math.max(1, Math.min(max, min + 12) - min + 1));
  return Array.from({ length }, () => random.pick([...letters])).join('');
}

function matches(pattern: string | undefined, value: string): boolean {
  if (!pattern) return true;
  try {
    return new RegExp(pattern, 'u').test(value);
  } catch {
    return false;
  }
}

/** One damaged copy of `value`: somewhere inside it, something is wrong. */
export function damage(value: unknown, node: SchemaNode, ctx: GenerateContext, depth = 0): unknown {
  const { random } = ctx;
  const isObject = value !== null && typeof value === 'object' && !Array.isArray(value);
  // Go down into a child most of the time, so damage lands at every depth.
  if (isObject && depth < 6 && random.chance(0.6)) {
    const record = { ...(value as Record<string, unknown>) };
    const keys = Object.keys(record);
    if (keys.length > 0) {
      const key = random.pick(keys);
      const child =
        node.properties?.[key] ??
        (typeof node.additionalProperties === 'object' ? node.additionalProperties : {});
      record[key] = damage(record[key], child, ctx, depth + 1);
      return record;
    }
  }
  if (Array.isArray(value) && value.length > 0 && depth < 6 && random.chance(0.6)) {
    const copy = [...value];
    const at = random.int(copy.length);
    copy[at] = damage(copy[at], node.items ?? {}, ctx, depth + 1);
    return copy;
  }
  return replacement(value, node, ctx);
}

function replacement(value: unknown, node: SchemaNode, ctx: GenerateContext): unknown {
  const { random, marker } = ctx;
  switch (random.int(9)) {
    case 0:
      return random.pick(wrongTypeValues(random, marker, hostile(ctx)));
    case 1:
      // Longer than allowed (or simply huge where the limit is generous).
      return 'x'.repeat(Math.min((node.maxLength ?? 1000) + 1, 1_200_000));
    case 2:
      return random.pick(hostile(ctx));
    case 3: {
      // An unknown field, or a prototype key, beside the real ones.
      const base =
        value !== null && typeof value === 'object' && !Array.isArray(value) ? value : {};
      return random.chance(0.5)
        ? { ...base, [random.pick(['extra', marker, 'isAdmin', '$where'])]: 1 }
        : Object.assign(protoObject(), base);
    }
    case 4:
      return typeof value === 'number'
        ? random.pick([-value - 1, value + 0.25, (node.maximum ?? 1e9) + 1, -1, Number.NaN])
        : random.pick([-1, 1e21, 0.5]);
    case 5:
      return Array.from({ length: (node.maxItems ?? 50) + 1 }, () => random.pick([1, 'a', null]));
    case 6:
      return undefined;
    case 7:
      return nested(20 + random.int(200));
    default:
      return random.pick([
        '01900000-0000-7000-8000-00000000000G',
        'not-an-id',
        random.pick(ctx.ids.length ? ctx.ids : ['x']).toUpperCase(),
      ]);
  }
}

/** Arguments that ignore the schema altogether. */
export function junkArguments(ctx: GenerateContext): unknown {
  const { random, marker } = ctx;
  return random.pick([
    undefined,
    null,
    0,
    'string',
    [],
    [{}],
    { [marker]: true },
    protoObject(),
    nested(100),
    random.pick(hostileStrings(marker)),
    { query: { $gt: '' } },
    Object.fromEntries(Array.from({ length: 500 }, (_, i) => [`k${i}`, i])),
  ]);
}
