import type BetterSqlite3 from 'better-sqlite3';
import { GlossError } from '../../core/errors';
import { initialSchema } from './001-initial';
import { provenanceSchema } from './002-provenance';
import { analystModelSchema } from './003-analyst-model';
import { searchSchema } from './004-search';
import type { Migration } from './types';

export type { Migration } from './types';

/**
 * Every schema step, oldest first; versions are 1, 2, 3… with no gaps. Add a step as a new file
 * `NNN-name.ts` and append it here. A released step never changes: a project on an analyst's
 * laptop already ran it.
 */
export const MIGRATIONS: readonly Migration[] = [
  initialSchema,
  provenanceSchema,
  analystModelSchema,
  searchSchema,
];

/** The schema version this build writes and the newest it can read. */
export const LATEST_SCHEMA_VERSION = MIGRATIONS.length;

/** The schema version recorded in the file (`PRAGMA user_version`); 0 for a new database. */
export function readSchemaVersion(db: BetterSqlite3.Database): number {
  return db.pragma('user_version', { simple: true }) as number;
}

/** The message for a project made by a newer Gloss, shared by every place that refuses one. */
export function schemaTooNewError(
  found: number,
  supported: number = LATEST_SCHEMA_VERSION,
  /** The Gloss release the project says it needs (see app-versions.ts), when it says. */
  neededAppVersion?: string,
): GlossError {
  const update = neededAppVersion
    ? `Install Gloss ${neededAppVersion} or newer to open it`
    : 'Update Gloss to open it';
  return new GlossError(
    'schema_too_new',
    `This project was written by a newer Gloss (schema ${found}); this version reads up to ` +
      `${supported}. ${update}; the file was left untouched.`,
    neededAppVersion ? { found, supported, neededAppVersion } : { found, supported },
  );
}

/**
 * Brings the schema up to `target` (the latest by default): every pending step in ONE
 * transaction, so a failure leaves the file at its old version, never half-migrated. The version
 * is re-read inside the write transaction in case another process migrated in the meantime.
 * Returns the versions before and after. Tests pass a lower `target` to check one step at a time
 * (migrate to N-1, insert, migrate to N, assert), and their own `steps` to test the runner.
 */
export function migrate(
  db: BetterSqlite3.Database,
  target: number = LATEST_SCHEMA_VERSION,
  steps: readonly Migration[] = MIGRATIONS,
): { from: number; to: number } {
  const latest = steps.at(-1)?.version ?? 0;
  if (!Number.isInteger(target) || target < 0 || target > latest) {
    throw new RangeError(`migrate: no schema version ${target}`);
  }
  const run = db.transaction(() => {
    const from = readSchemaVersion(db);
    if (from > latest) throw schemaTooNewError(from, latest);
    for (const step of steps) {
      if (step.version > from && step.version <= target) step.up(db);
    }
    if (target > from) db.pragma(`user_version = ${target}`);
    return { from, to: Math.max(from, target) };
  });
  // IMMEDIATE takes the write lock up front, so two processes cannot both start migrating.
  return run.immediate();
}
