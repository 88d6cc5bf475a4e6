import type { Id, Memo } from '../core/domain';
import type { Database } from './connection';
import { statement } from './statements';

interface MemoRow {
  id: string;
  document_id: string | null;
  body: string;
  author: string;
  created_at: string;
  updated_at: string;
  deleted_at: string | null;
}

const COLUMNS = 'id, document_id, body, author, created_at, updated_at, deleted_at';

export function insertMemo(db: Database, memo: Memo): void {
  statement(
    db,
    `INSERT INTO memos (id, document_id, body, author, created_at, updated_at)
     VALUES (@id, @documentId, @body, @author, @createdAt, @updatedAt)`,
  ).run({ ...memo });
}

/** A memo, live or deleted, or undefined if it never existed. */
export function findMemo(
  db: Database,
  id: Id,
): { memo: Memo; deletedAt: string | null } | undefined {
  const row = statement<MemoRow>(db, `SELECT ${COLUMNS} FROM memos WHERE id = ?`).get(id);
  return row && { memo: toMemo(row), deletedAt: row.deleted_at };
}

/** The live memos of a document, or of the project when `documentId` is null; oldest first. */
export function listLiveMemos(db: Database, documentId: Id | null): Memo[] {
  const rows =
    documentId === null
      ? statement<MemoRow>(
          db,
          `SELECT ${COLUMNS} FROM memos WHERE document_id IS NULL AND deleted_at IS NULL
           ORDER BY created_at, id`,
        ).all()
      : statement<MemoRow>(
          db,
          `SELECT ${COLUMNS} FROM memos WHERE document_id = ? AND deleted_at IS NULL
           ORDER BY created_at, id`,
        ).all(documentId);
  return rows.map(toMemo);
}

export function updateMemoBody(db: Database, id: Id, body: string, at: string): void {
  statement(db, 'UPDATE memos SET body = ?, updated_at = ? WHERE id = ?').run(body, at, id);
}

export function setMemoDeleted(db: Database, id: Id, deletedAt: string | null, at: string): void {
  statement(db, 'UPDATE memos SET deleted_at = ?, updated_at = ? WHERE id = ?').run(
    deletedAt,
    at,
    id,
  );
}

function toMemo(row: MemoRow): Memo {
  return {
    id: row.id,
    documentId: row.document_id,
    body: row.body,
    author: row.author,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}
