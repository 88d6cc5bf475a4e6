/**
 * The undo history kept in the project file: one row per step, its undo and redo calls as JSON.
 * A document's history spans all its versions (an edit of its text or a re-import makes a new
 * document row), so it is read and written per *lineage*: the set of versions linked by
 * `version_of`. Rows are never deleted (triggers refuse): a dropped step gets `deleted_at`.
 */
import type { HistoryCall, HistoryEntry, Id } from '../core/domain';
import type { Database } from './connection';
import { statement } from './statements';

interface HistoryRow {
  id: string;
  document_id: string | null;
  label: string;
  undo_json: string;
  redo_json: string;
  undone: number;
  created_at: string;
}

const COLUMNS = 'id, document_id, label, undo_json, redo_json, undone, created_at';

/**
 * Every version of document `id`: its ancestors through `version_of` and all their descendants,
 * deleted versions included (an undone edit leaves its version deleted, and its steps must
 * still be found to redo it).
 */
export function documentLineage(db: Database, id: Id): Id[] {
  const rows = statement<{ id: string }>(
    db,
    `WITH RECURSIVE
       up(id, version_of, depth) AS (
         SELECT id, version_of, 0 FROM documents WHERE id = @id
         UNION ALL
         SELECT d.id, d.version_of, up.depth + 1 FROM documents d JOIN up ON d.id = up.version_of
         WHERE up.depth < 10000
       ),
       root(id) AS (SELECT id FROM up ORDER BY depth DESC LIMIT 1),
       down(id, depth) AS (
         SELECT id, 0 FROM root
         UNION
         SELECT d.id, down.depth + 1 FROM documents d JOIN down ON d.version_of = down.id
         WHERE down.depth < 10000
       )
     SELECT DISTINCT id FROM down`,
  ).all({ id });
  return rows.map((row) => row.id);
}

/** Which rows a history query covers: the project's (null) or a lineage's. */
function scope(db: Database, documentId: Id | null): { where: string; ids: Id[] } {
  if (documentId === null) return { where: 'document_id IS NULL', ids: [] };
  const ids = documentLineage(db, documentId);
  // A document that does not exist still has a (empty) history of its own id.
  const list = ids.length ? ids : [documentId];
  return { where: `document_id IN (${list.map(() => '?').join(', ')})`, ids: list };
}

/** The live steps of a history, oldest first; `limit` keeps the newest ones. */
export function listHistoryEntries(
  db: Database,
  documentId: Id | null,
  limit: number,
): HistoryEntry[] {
  const { where, ids } = scope(db, documentId);
  // Not cached: the number of placeholders depends on the lineage (a handful of versions).
  const rows = db
    .prepare<unknown[], HistoryRow>(
      `SELECT * FROM (
         SELECT ${COLUMNS} FROM history WHERE ${where} AND deleted_at IS NULL
         ORDER BY created_at DESC, id DESC LIMIT ?
       ) ORDER BY created_at, id`,
    )
    .all(...ids, limit);
  return rows.map(toEntry);
}

/** Soft-deletes the steps of a history that are undone (a new step makes them unreachable). */
export function dropUndoneEntries(db: Database, documentId: Id | null, at: string): number {
  const { where, ids } = scope(db, documentId);
  return db
    .prepare(
      `UPDATE history SET deleted_at = ?, updated_at = ?
       WHERE ${where} AND undone = 1 AND deleted_at IS NULL`,
    )
    .run(at, at, ...ids).changes;
}

/** Soft-deletes every step of a history but the newest `keep`. */
export function trimHistory(db: Database, documentId: Id | null, keep: number, at: string): number {
  const { where, ids } = scope(db, documentId);
  return db
    .prepare(
      `UPDATE history SET deleted_at = ?, updated_at = ?
       WHERE ${where} AND deleted_at IS NULL AND id NOT IN (
         SELECT id FROM history WHERE ${where} AND deleted_at IS NULL
         ORDER BY created_at DESC, id DESC LIMIT ?
       )`,
    )
    .run(at, at, ...ids, ...ids, keep).changes;
}

/** Soft-deletes every step of a history (e.g. after a re-import, whose ids no longer match). */
export function dropHistory(db: Database, documentId: Id, at: string): number {
  const { where, ids } = scope(db, documentId);
  return db
    .prepare(
      `UPDATE history SET deleted_at = ?, updated_at = ? WHERE ${where} AND deleted_at IS NULL`,
    )
    .run(at, at, ...ids).changes;
}

export interface NewHistoryEntry {
  id: Id;
  documentId: Id | null;
  label: string;
  undo: HistoryCall[];
  redo: HistoryCall[];
  createdAt: string;
  createdBy: string;
}

export function insertHistoryEntry(db: Database, entry: NewHistoryEntry): void {
  statement(
    db,
    `INSERT INTO history (id, document_id, label, undo_json, redo_json, undone, created_by,
       created_at, updated_at)
     VALUES (@id, @documentId, @label, @undoJson, @redoJson, 0, @createdBy, @createdAt,
       @createdAt)`,
  ).run({
    id: entry.id,
    documentId: entry.documentId,
    label: entry.label,
    undoJson: JSON.stringify(entry.undo),
    redoJson: JSON.stringify(entry.redo),
    createdBy: entry.createdBy,
    createdAt: entry.createdAt,
  });
}

/** The live step with this id, or undefined. */
export function findHistoryEntry(db: Database, id: Id): HistoryEntry | undefined {
  const row = statement<HistoryRow>(
    db,
    `SELECT ${COLUMNS} FROM history WHERE id = ? AND deleted_at IS NULL`,
  ).get(id);
  return row && toEntry(row);
}

export function setHistoryEntryUndone(db: Database, id: Id, undone: boolean, at: string): void {
  statement(db, 'UPDATE history SET undone = ?, updated_at = ? WHERE id = ?').run(
    undone ? 1 : 0,
    at,
    id,
  );
}

export function softDeleteHistoryEntry(db: Database, id: Id, at: string): void {
  statement(
    db,
    'UPDATE history SET deleted_at = ?, updated_at = ? WHERE id = ? AND deleted_at IS NULL',
  ).run(at, at, id);
}

function toEntry(row: HistoryRow): HistoryEntry {
  return {
    id: row.id,
    documentId: row.document_id,
    label: row.label,
    undo: parseCalls(row.undo_json),
    redo: parseCalls(row.redo_json),
    undone: row.undone === 1,
    createdAt: row.created_at,
  };
}

/** Stored calls; a damaged value reads as no calls rather than breaking the whole history. */
function parseCalls(json: string): HistoryCall[] {
  try {
    const value: unknown = JSON.parse(json);
    if (!Array.isArray(value)) return [];
    return value.filter(
      (call): call is HistoryCall =>
        typeof call === 'object' && call !== null && typeof call.method === 'string',
    );
  } catch {
    return [];
  }
}
