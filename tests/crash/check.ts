/**
 * What must hold after every kill, read straight from the file with better-sqlite3 (the same
 * SQLite the service uses, so a hot WAL is recovered exactly as the app would recover it):
 *   - the file is sound: integrity_check is "ok" and no foreign key points nowhere;
 *   - the schema version matches the tables (a migration is all or nothing);
 *   - every acknowledged operation is there;
 *   - no multi-row operation is half there: a document without its details row or its kept
 *     original, a re-import whose new version exists while the old one is still live, a batch of
 *     which only some rows were written, more new rows than the one operation in flight can explain.
 */
import Sqlite from 'better-sqlite3';
import type { ChildEvent } from './spawn';

/** What the harness was told so far about one project, and what it saw at the last check. */
export interface Ledger {
  annotations: Map<string, { documentId: string; start: number; end: number }>;
  /** Annotations the child meant to delete (whether or not the delete was acknowledged). */
  deleteIntents: Set<string>;
  ackedDeletes: Set<string>;
  batches: string[][];
  documents: Map<string, string>;
  /** New versions made by acknowledged re-imports: the annotations on them were moved there. */
  reimported: Set<string>;
  /** Row ids present at the last check: a new round's new rows are measured against them. */
  knownAnnotations: Set<string>;
  knownDocuments: Set<string>;
}

export function newLedger(): Ledger {
  return {
    annotations: new Map(),
    deleteIntents: new Set(),
    ackedDeletes: new Set(),
    batches: [],
    documents: new Map(),
    reimported: new Set(),
    knownAnnotations: new Set(),
    knownDocuments: new Set(),
  };
}

/** Tables schema 3 adds: at schema 2 none may exist, from schema 3 on all must. */
const SCHEMA_3_TABLES = [
  'attribute_defs',
  'entities',
  'entity_aliases',
  'relation_types',
  'relations',
  'memos',
  'document_details',
  'history',
];

/** Records a round's acknowledgements; returns the operation that was in flight at the kill. */
export function recordRound(ledger: Ledger, events: ChildEvent[]): ChildEvent | null {
  let inFlight: ChildEvent | null = null;
  for (const event of events) {
    if (event.t === 'intent') {
      inFlight = event;
      if (event.op === 'delete') ledger.deleteIntents.add(String(event.id));
      if (event.op === 'batch-delete') {
        for (const id of event.ids as string[]) ledger.deleteIntents.add(String(id));
      }
    } else if (event.t === 'ack') {
      inFlight = null;
      if (event.op === 'annotation') {
        ledger.annotations.set(String(event.id), {
          documentId: String(event.documentId),
          start: Number(event.start),
          end: Number(event.end),
        });
      } else if (event.op === 'batch') {
        ledger.batches.push((event.ids as string[]).map(String));
      } else if (event.op === 'delete') {
        ledger.ackedDeletes.add(String(event.id));
      } else if (event.op === 'batch-delete') {
        for (const id of event.ids as string[]) ledger.ackedDeletes.add(String(id));
      } else if (event.op === 'import') {
        ledger.documents.set(String(event.documentId), String(event.sha256));
      } else if (event.op === 'reimport') {
        ledger.documents.set(String(event.documentId), '');
        ledger.reimported.add(String(event.documentId));
      }
    }
  }
  return inFlight;
}

interface AnnotationRow {
  id: string;
  document_id: string;
  start: number;
  end: number;
  deleted_at: string | null;
  previous_id: string | null;
}

interface DocumentRow {
  id: string;
  sha256: string;
  byte_size: number;
  deleted_at: string | null;
  version_of: string | null;
}

/** The structural checks every file must pass, acknowledged or not; the problems found. */
export function checkStructure(db: Sqlite.Database): string[] {
  const problems: string[] = [];
  const integrity = db.pragma('integrity_check', { simple: false }) as {
    integrity_check: string;
  }[];
  const verdict = integrity.map((row) => row.integrity_check).join('; ');
  if (verdict !== 'ok') problems.push(`integrity_check: ${verdict.slice(0, 500)}`);
  const dangling = db.pragma('foreign_key_check') as unknown[];
  if (dangling.length > 0) problems.push(`foreign_key_check: ${JSON.stringify(dangling[0])}`);

  const version = db.pragma('user_version', { simple: true }) as number;
  const tables = new Set(
    db.prepare("SELECT name FROM sqlite_schema WHERE type = 'table'").pluck().all() as string[],
  );
  const present = SCHEMA_3_TABLES.filter((table) => tables.has(table));
  if (version === 2 && present.length > 0) {
    problems.push(
      `schema 2 with schema-3 tables (${present.join(', ')}): a half-applied migration`,
    );
  }
  if (version >= 3 && present.length !== SCHEMA_3_TABLES.length) {
    problems.push(`schema ${version} without all of its tables (has ${present.join(', ')})`);
  }
  if (version < 2) problems.push(`unexpected schema version ${version}`);
  if (version < 3) return problems;

  const withoutDetails = db
    .prepare(
      `SELECT count(*) FROM documents
       WHERE id NOT IN (SELECT document_id FROM document_details)`,
    )
    .pluck()
    .get() as number;
  if (withoutDetails > 0) problems.push(`${withoutDetails} document(s) without a details row`);

  const keep = Number(
    db.prepare("SELECT value FROM settings WHERE key = 'keepOriginalBytes'").pluck().get() ?? 0,
  );
  const withoutOriginal = db
    .prepare(
      `SELECT count(*) FROM documents
       WHERE byte_size > 0 AND byte_size <= ?
         AND sha256 NOT IN (SELECT sha256 FROM document_originals)`,
    )
    .pluck()
    .get(keep) as number;
  if (withoutOriginal > 0) problems.push(`${withoutOriginal} document(s) without their original`);

  const documents = new Map(
    (
      db
        .prepare('SELECT id, sha256, byte_size, deleted_at, version_of FROM documents')
        .all() as DocumentRow[]
    ).map((row) => [row.id, row]),
  );
  const liveOn = db.prepare(
    'SELECT count(*) FROM annotations WHERE document_id = ? AND deleted_at IS NULL',
  );
  for (const doc of documents.values()) {
    if (!doc.version_of) continue;
    // The harness re-imports identical text, so every annotation moves and the old version is
    // retired in the same transaction as the new one appears.
    const old = documents.get(doc.version_of);
    if (old && old.deleted_at === null) {
      problems.push(`re-import half applied: ${doc.id} exists but ${old.id} is still live`);
    }
    const left = liveOn.pluck().get(doc.version_of) as number;
    if (left > 0)
      problems.push(`re-import half applied: ${left} annotation(s) left on ${doc.version_of}`);
  }
  const moved = db
    .prepare(
      `SELECT count(*) FROM annotations AS copy JOIN annotations AS old ON old.id = copy.previous_id
       WHERE old.deleted_at IS NULL`,
    )
    .pluck()
    .get() as number;
  if (moved > 0) problems.push(`${moved} moved annotation(s) whose old row is still live`);
  return problems;
}

/** Checks the acknowledged work and the rows the in-flight operation may have added. */
export function checkLedger(
  db: Sqlite.Database,
  ledger: Ledger,
  inFlight: ChildEvent | null,
): string[] {
  const problems: string[] = [];
  const rows = new Map(
    (
      db
        .prepare('SELECT id, document_id, start, "end", deleted_at, previous_id FROM annotations')
        .all() as AnnotationRow[]
    ).map((row) => [row.id, row]),
  );
  const successorOf = new Map<string, string>();
  for (const row of rows.values()) if (row.previous_id) successorOf.set(row.previous_id, row.id);

  for (const [id, acked] of ledger.annotations) {
    const row = rows.get(id);
    if (!row) {
      problems.push(`acknowledged annotation ${id} is missing`);
      continue;
    }
    if (
      row.document_id !== acked.documentId ||
      row.start !== acked.start ||
      row.end !== acked.end
    ) {
      problems.push(`acknowledged annotation ${id} changed: ${JSON.stringify(row)}`);
    }
    if (row.deleted_at && !ledger.deleteIntents.has(id) && !successorOf.has(id)) {
      problems.push(`acknowledged annotation ${id} was deleted, but nobody deleted or moved it`);
    }
  }
  for (const id of ledger.ackedDeletes) {
    if (!rows.get(id)?.deleted_at) problems.push(`acknowledged delete of ${id} is not there`);
  }
  for (const batch of ledger.batches) {
    const missing = batch.filter((id) => !rows.has(id));
    if (missing.length > 0)
      problems.push(`acknowledged batch lost ${missing.length} of ${batch.length} rows`);
  }
  const documents = new Map(
    (db.prepare('SELECT id, sha256 FROM documents').all() as { id: string; sha256: string }[]).map(
      (row) => [row.id, row.sha256],
    ),
  );
  for (const [id, sha256] of ledger.documents) {
    if (!documents.has(id)) problems.push(`acknowledged document ${id} is missing`);
    else if (sha256 && documents.get(id) !== sha256)
      problems.push(`document ${id} has other bytes`);
  }

  // A batch deletion in flight is all or nothing: its annotations are all deleted or all live.
  if (inFlight?.op === 'batch-delete') {
    const states = new Set(
      (inFlight.ids as string[]).map((id) => rows.get(id)?.deleted_at !== null),
    );
    if (states.size > 1) problems.push('a batch deletion was half applied');
  }

  // Rows nobody acknowledged: only the operation in flight at the kill may have added them.
  const acked = new Set([...ledger.annotations.keys(), ...ledger.batches.flat()]);
  const fresh = [...rows.values()].filter(
    (row) => !ledger.knownAnnotations.has(row.id) && !acked.has(row.id),
  );
  // Copies an acknowledged re-import made are acknowledged with it.
  const copies = fresh.filter(
    (row) => row.previous_id !== null && !ledger.reimported.has(row.document_id),
  );
  const created = fresh.filter((row) => row.previous_id === null);
  const op = inFlight?.op;
  if (copies.length > 0 && op !== 'reimport') {
    problems.push(`${copies.length} moved annotation(s) appeared with no re-import in flight`);
  }
  const allowed =
    op === 'annotation' ? [0, 1] : op === 'batch' ? [0, Number(inFlight?.count)] : [0];
  if (!allowed.includes(created.length)) {
    problems.push(
      `${created.length} unacknowledged annotation(s) appeared; the operation in flight ` +
        `(${op ?? 'none'}) explains ${allowed.join(' or ')}: a batch was half applied`,
    );
  }
  const freshDocuments = [...documents.keys()].filter(
    (id) => !ledger.knownDocuments.has(id) && !ledger.documents.has(id),
  );
  const documentsAllowed = op === 'import' || op === 'reimport' ? 1 : 0;
  if (freshDocuments.length > documentsAllowed) {
    problems.push(
      `${freshDocuments.length} unacknowledged document(s) appeared (in flight: ${op})`,
    );
  }
  ledger.knownAnnotations = new Set(rows.keys());
  ledger.knownDocuments = new Set(documents.keys());
  return problems;
}

/** Opens the project the way the app would after a crash (recovering a hot WAL), runs `check`. */
export function withProject<T>(
  path: string,
  check: (db: Sqlite.Database) => T,
  options: { readonly?: boolean } = {},
): T {
  const db = new Sqlite(path, { fileMustExist: true, readonly: options.readonly ?? false });
  try {
    db.pragma('busy_timeout = 5000');
    return check(db);
  } finally {
    db.close();
  }
}

/** Counts rows of a table (0 when the table does not exist yet). */
export function countRows(db: Sqlite.Database, table: string): number {
  const exists = db
    .prepare("SELECT 1 FROM sqlite_schema WHERE type = 'table' AND name = ?")
    .get(table);
  return exists ? (db.prepare(`SELECT count(*) FROM "${table}"`).pluck().get() as number) : 0;
}
