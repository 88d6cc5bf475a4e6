import Sqlite from 'better-sqlite3';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { SLOW_STATEMENT_MS, statement } from '../../../db/statements';

describe('statement', () => {
  afterEach(() => vi.restoreAllMocks());

  it('prepares a statement once per connection and reuses it', () => {
    const db = new Sqlite(':memory:');
    expect(statement(db, 'SELECT 1')).toBe(statement(db, 'SELECT 1'));
    expect(statement(db, 'SELECT 1')).not.toBe(statement(new Sqlite(':memory:'), 'SELECT 1'));
  });

  it('reports a slow statement on stderr with its SQL but not its parameters', () => {
    const db = new Sqlite(':memory:');
    db.function('stall', (value: unknown) => {
      const until = performance.now() + SLOW_STATEMENT_MS + 20;
      while (performance.now() < until);
      return value;
    });
    const written: string[] = [];
    vi.spyOn(process.stderr, 'write').mockImplementation((chunk) => {
      written.push(String(chunk));
      return true;
    });
    expect(statement(db, 'SELECT stall(?)').pluck().get('secret note')).toBe('secret note');
    expect(statement(db, 'SELECT 2').pluck().get()).toBe(2);
    expect(written).toHaveLength(1);
    expect(written[0]).toMatch(/^\[gloss db\] slow statement \(\d+ ms\): SELECT stall\(\?\)\n$/);
  });
});
