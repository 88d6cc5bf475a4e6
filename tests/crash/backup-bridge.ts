/**
 * The backup the harness kills in the middle: the API's own `createBackup` (service/
 * safety-methods.ts over db/backup.ts), the path the "Back up now" command and the automatic
 * backups take. Where the API has no such method yet, the backup rounds are skipped with that
 * reason instead of failing.
 */
import { isApiMethod, type GlossApi } from '../../core/api';

/** Why there are no backup rounds, or null when there are. */
export function backupUnavailable(): string | null {
  return isApiMethod('createBackup') ? null : 'the API has no createBackup method yet';
}

/** Makes one backup through the API; the name of the file written. */
export async function backupOnce(api: GlossApi): Promise<string | null> {
  if (!isApiMethod('createBackup')) return null;
  const call = api.createBackup as (args: unknown) => Promise<{ name?: string } | unknown>;
  const made = await call({});
  return typeof made === 'object' && made !== null && 'name' in made ? String(made.name) : null;
}

/** Where the backups of a project go: `<project>.backups` (db/backup-files.ts). */
export function backupsFolderFor(projectPath: string): string {
  return `${projectPath}.backups`;
}
