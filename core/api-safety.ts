/** The API's methods for backups, restore, damaged-file recovery (issue 6). */
import { z } from 'zod';

/** Why a backup was made; the restore dialog says it in words. */
export type BackupReason = 'open' | 'auto' | 'manual' | 'migration' | 'restore';

/**
 * The name of a backup file: its UTC time (so names sort by time) and its reason, e.g.
 * `backup-2025-01-31T09-15-02-123Z-open.gloss`. Restore accepts nothing else, so no other path
 * can be named through it.
 */
export const BACKUP_NAME_PATTERN =
  /^backup-(\d{4}-\d{2}-\d{2})T(\d{2})-(\d{2})-(\d{2})-(\d{3})Z-(open|auto|manual|migration|restore)\.gloss$/;

const backupName = z
  .string()
  .max(80)
  .regex(BACKUP_NAME_PATTERN, { message: 'must be the name of a backup' });

export const safetyArgSchemas = {
  /** The project's backups, newest first, with what each holds. */
  listBackups: z.object({}).strict(),
  /** Backs the project up now (kept like the automatic ones, within the project's limit). */
  createBackup: z.object({}).strict(),
  /**
   * Replaces the project with a backup (the newest good one when no name is given). The current
   * state is backed up first, so a restore can itself be undone by restoring that backup. When
   * the project is damaged, the damaged file is set aside untouched instead.
   */
  restoreBackup: z.object({ name: backupName.optional() }).strict(),
  /**
   * Only when the project is damaged: sets the damaged file aside, untouched, and starts a new,
   * empty project in its place (for a project with no backup to restore).
   */
  startEmptyProject: z.object({}).strict(),
} as const;

/** One backup, as the restore dialog lists it. */
export interface BackupInfo {
  name: string;
  /** ISO 8601 UTC. */
  createdAt: string;
  reason: BackupReason;
  sizeBytes: number;
  /** Read from the backup; null when it cannot be read. */
  documentCount: number | null;
  annotationCount: number | null;
  schemaVersion: number | null;
}

export interface BackupList {
  /** The folder the backups are in (`<project>.backups`). */
  folder: string;
  backups: BackupInfo[];
  /** Why the last automatic backup failed (a full disk, say), until one succeeds again. */
  lastError: string | null;
  /** False when the project is read-only here: nothing can be backed up or restored. */
  writable: boolean;
}

export interface RestoreResult {
  restored: BackupInfo;
  /** The backup of the state just replaced (null when that state was damaged). */
  safetyBackup: BackupInfo | null;
  /** Where a damaged project file was set aside, if it was. */
  setAside: string | null;
}

export interface SafetyResults {
  listBackups: BackupList;
  createBackup: BackupInfo;
  restoreBackup: RestoreResult;
  startEmptyProject: { projectPath: string; setAside: string | null };
}
