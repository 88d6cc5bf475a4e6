/**
 * The W3C Web Annotation test suite's MUST checks, run as its harness runs them: every assertion
 * listed in `annotations/annotationMusts.test` is a draft-04 JSON schema (referring to the
 * suite's `definitions/`), and a conforming annotation validates against each of them.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import Ajv from 'ajv-draft-04';
import type { ValidateFunction } from 'ajv';
import { SHARED_DIR } from '../../shared-files';

export const W3C_TESTS_DIR = join(SHARED_DIR, 'schemas/w3c-web-annotation-tests');

const readJson = (path: string): Record<string, unknown> =>
  JSON.parse(readFileSync(path, 'utf8')) as Record<string, unknown>;

/** RFC 3339 date-time, as the suite's `format: date-time` means it. */
const DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/i;
/** An absolute IRI: a scheme, a colon, no spaces (RFC 3986 §3). */
const URI = /^[a-z][a-z0-9+.-]*:[^\s]*$/i;

export interface MustAssertion {
  file: string;
  title: string;
  validate: ValidateFunction;
}

/** The assertions of annotationMusts.test, compiled. */
export function loadMustAssertions(): MustAssertion[] {
  const ajv = new Ajv({ allErrors: true, strict: false });
  ajv.addFormat('date-time', DATE_TIME);
  ajv.addFormat('uri', URI);
  const definitions = join(W3C_TESTS_DIR, 'definitions');
  for (const file of readdirSync(definitions).filter((f) => f.endsWith('.json'))) {
    ajv.addSchema(readJson(join(definitions, file)));
  }
  const test = readJson(join(W3C_TESTS_DIR, 'annotations/annotationMusts.test'));
  return (test.assertions as string[]).map((file) => {
    const schema = readJson(join(W3C_TESTS_DIR, file));
    if (schema.expectedResult !== 'valid' || schema.assertionType !== 'must') {
      throw new Error(`${file}: expected a MUST assertion that conforming annotations satisfy`);
    }
    return { file, title: String(schema.title), validate: ajv.compile(schema) };
  });
}

/** The assertions an annotation fails, with the validator's messages. */
export function failedMusts(assertions: readonly MustAssertion[], annotation: unknown): string[] {
  return assertions
    .filter((a) => !a.validate(annotation))
    .map((a) => `${a.file}: ${JSON.stringify(a.validate.errors?.slice(0, 2))}`);
}

/** Every annotation of a collection export: the first page's and those of @included pages. */
export function annotationsOf(collection: Record<string, unknown>): Record<string, unknown>[] {
  const pages = [collection.first, ...((collection['@included'] as unknown[]) ?? [])].filter(
    Boolean,
  ) as { items: Record<string, unknown>[] }[];
  return pages.flatMap((page) => page.items);
}
