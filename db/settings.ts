import type { ProjectSettings } from '../core/domain';
import type { Database } from './connection';
import { statement } from './statements';

/** The settings of a project nobody has changed (schema 2 stores the same values). */
export const DEFAULT_SETTINGS: Readonly<ProjectSettings> = {
  maxImportBytes: 200 * 1024 * 1024,
  maxTextChars: 50_000_000,
  keepOriginalBytes: 50 * 1024 * 1024,
  // Issue 6: defaults in code, never in a released migration (db/backup.ts).
  backupIntervalMinutes: 10,
  backupsKept: 10,
};

const KEYS = Object.keys(DEFAULT_SETTINGS) as (keyof ProjectSettings)[];

/**
 * The project's settings. A value that is missing or not a non-negative whole number (a file
 * edited by hand, a setting from a newer Gloss) reads as its default rather than failing imports.
 */
export function readSettings(db: Database): ProjectSettings {
  const rows = statement<{ key: string; value: string }>(
    db,
    'SELECT key, value FROM settings',
  ).all();
  const stored = new Map(rows.map((row) => [row.key, row.value]));
  const settings = { ...DEFAULT_SETTINGS };
  for (const key of KEYS) {
    const value = parseNumber(stored.get(key));
    if (value !== undefined) settings[key] = value;
  }
  return settings;
}

/** Stores the given settings (others keep their value), recording who changed them and when. */
export function writeSettings(
  db: Database,
  changes: Partial<ProjectSettings>,
  by: string,
  at: string,
): void {
  const upsert = statement(
    db,
    `INSERT INTO settings (key, value, updated_at, updated_by) VALUES (?, ?, ?, ?)
     ON CONFLICT (key) DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at,
       updated_by = excluded.updated_by`,
  );
  for (const key of KEYS) {
    const value = changes[key];
    if (value !== undefined) upsert.run(key, JSON.stringify(value), at, by);
  }
}

function parseNumber(json: string | undefined): number | undefined {
  if (json === undefined) return undefined;
  try {
    const value: unknown = JSON.parse(json);
    return typeof value === 'number' && Number.isSafeInteger(value) && value >= 0
      ? value
      : undefined;
  } catch {
    return undefined;
  }
}
