import type { Id } from '../core/domain';
import type { Database } from './connection';
import { statement } from './statements';

/** Keeps the bytes a document was imported from, so it can be re-extracted later. */
export function insertOriginal(
  db: Database,
  original: {
    documentId: Id;
    sha256: string;
    bytes: Uint8Array;
    createdAt: string;
    createdBy: string;
  },
): void {
  statement(
    db,
    `INSERT INTO document_originals (document_id, sha256, byte_size, created_at, created_by, bytes)
     VALUES (@documentId, @sha256, @byteSize, @createdAt, @createdBy, @bytes)`,
  ).run({
    documentId: original.documentId,
    sha256: original.sha256,
    byteSize: original.bytes.byteLength,
    createdAt: original.createdAt,
    createdBy: original.createdBy,
    bytes: Buffer.from(original.bytes.buffer, original.bytes.byteOffset, original.bytes.byteLength),
  });
}

/** Whether some document's original with these bytes is kept (without reading them). */
export function hasOriginal(db: Database, sha256: string): boolean {
  return (
    statement(db, 'SELECT 1 FROM document_originals WHERE sha256 = ? LIMIT 1').get(sha256) !==
    undefined
  );
}

/**
 * The kept bytes whose hash is `sha256`, or undefined. Originals are found by content, not by
 * document: every version of a document made from the same bytes shares one copy.
 */
export function readOriginal(db: Database, sha256: string): Buffer | undefined {
  return statement<Buffer>(db, 'SELECT bytes FROM document_originals WHERE sha256 = ? LIMIT 1')
    .pluck()
    .get(sha256);
}
