import type BetterSqlite3 from 'better-sqlite3';

/** A statement whose bound parameters are positional (`?`) or named (`@name`). */
export type Statement<Result> = BetterSqlite3.Statement<unknown[], Result>;

/** Statements that take longer than this are reported on stderr (Signal Desktop does the same). */
export const SLOW_STATEMENT_MS = 100;

const caches = new WeakMap<BetterSqlite3.Database, Map<string, Statement<unknown>>>();

/**
 * The prepared statement for `sql` on `db`, prepared once per connection and reused: preparing
 * costs more than running the small queries Gloss makes. `run`, `get` and `all` are timed, and a
 * slow one is logged with its SQL (never its parameters, which hold the analyst's text).
 * Modes such as `pluck()` stick to the cached statement, so one SQL text is used one way only.
 */
export function statement<Result = unknown>(
  db: BetterSqlite3.Database,
  sql: string,
): Statement<Result> {
  let cache = caches.get(db);
  if (!cache) {
    cache = new Map();
    caches.set(db, cache);
  }
  let prepared = cache.get(sql);
  if (!prepared) {
    prepared = timed(db.prepare<unknown[], unknown>(sql));
    cache.set(sql, prepared);
  }
  return prepared as Statement<Result>;
}

function timed<Result>(prepared: Statement<Result>): Statement<Result> {
  for (const method of ['run', 'get', 'all'] as const) {
    const original = prepared[method].bind(prepared) as (...params: unknown[]) => unknown;
    (prepared as unknown as Record<string, unknown>)[method] = (...params: unknown[]) => {
      const started = performance.now();
      try {
        return original(...params);
      } finally {
        const elapsed = performance.now() - started;
        if (elapsed > SLOW_STATEMENT_MS) logSlowStatement(prepared.source, elapsed);
      }
    };
  }
  return prepared;
}

function logSlowStatement(sql: string, elapsedMs: number): void {
  const oneLine = sql.replace(/\s+/g, ' ').trim();
  process.stderr.write(`[gloss db] slow statement (${Math.round(elapsedMs)} ms): ${oneLine}\n`);
}
