import type BetterSqlite3 from 'better-sqlite3';
import type { Migration } from './types';

/** The same UTC format as `Date.prototype.toISOString`, for the carried rows' updated_at. */
const NOW = "strftime('%Y-%m-%dT%H:%M:%fZ', 'now')";

/**
 * What the index stores for a text: the text with "ё" folded to "е" (Russian writes either, and
 * unicode61's remove_diacritics folds Latin letters only). The query is folded the same way
 * (db/search-text.ts).
 */
export function searchFoldSql(expression: string): string {
  return `replace(replace(${expression}, 'ё', 'е'), 'Ё', 'Е')`;
}

const fold = searchFoldSql;

/** Re-indexes one document's title, author and outlet (or drops it when it is deleted). */
function refreshDocument(idExpression: string): string {
  return `
    DELETE FROM search_text WHERE rowid =
      (SELECT row_id FROM search_rows WHERE item_id = ${idExpression} AND kind = 'document');
    INSERT INTO search_text (rowid, main, extra, more)
      SELECT r.row_id, ${fold('doc.title')}, ${fold("coalesce(d.author, '')")},
             ${fold("coalesce(d.outlet, '')")}
      FROM documents doc
      JOIN search_rows r ON r.item_id = doc.id AND r.kind = 'document'
      LEFT JOIN document_details d ON d.document_id = doc.id
      WHERE doc.id = ${idExpression} AND doc.deleted_at IS NULL;`;
}

/** Gives an item its fixed row in the index (once: a restored item keeps its row). */
function claimRow(kind: string, idExpression: string): string {
  return `
    INSERT INTO search_rows (kind, item_id)
      SELECT '${kind}', ${idExpression}
      WHERE NOT EXISTS
        (SELECT 1 FROM search_rows WHERE item_id = ${idExpression} AND kind = '${kind}');`;
}

/**
 * Schema 4: full-text search (issue 4, point 6) and notes that follow new versions.
 *
 * - search_text: an FTS5 index (unicode61 with remove_diacritics 2: case and Latin accents
 *   ignored, no English-only stemming on Cyrillic) of annotation quotes (`main`) and notes
 *   (`extra`), memo bodies (`main`), and document titles (`main`), authors (`extra`) and outlets
 *   (`more`). Live rows only: triggers add, re-index, drop (soft delete) and re-add (restore).
 * - search_rows: the index's row number of each item, fixed for the item's lifetime. It is an
 *   INTEGER key, unlike every other table, because it is derived data: rebuilt from the tables
 *   it indexes, never merged or synced, and FTS5 rows are addressed by integer.
 *
 * And two carry-overs, as triggers so that every path that makes a new version (re-import, a
 * text edit, re-attaching an orphan, undoing and redoing them) keeps the analyst's notes:
 * - an annotation copied onto a new version (`previous_id`) takes over the relations of the one
 *   it was copied from; restoring an older copy (undoing an edit) takes them back;
 * - a new version of a document (`version_of`) takes over its memos, likewise.
 */
export const searchSchema: Migration = {
  version: 4,
  name: 'search',
  up(db: BetterSqlite3.Database): void {
    db.exec(`
      CREATE TABLE search_rows (
        row_id   INTEGER PRIMARY KEY,
        kind     TEXT NOT NULL DEFAULT 'annotation'
                 CHECK (kind IN ('annotation', 'memo', 'document')),
        item_id  TEXT NOT NULL DEFAULT ''
      ) STRICT;
      CREATE UNIQUE INDEX search_rows_by_item ON search_rows (item_id, kind);

      CREATE VIRTUAL TABLE search_text USING fts5(
        main, extra, more,
        tokenize = 'unicode61 remove_diacritics 2'
      );

      -- Annotations: the quote and the note.
      CREATE TRIGGER annotations_search_insert AFTER INSERT ON annotations BEGIN
        ${claimRow('annotation', 'new.id')}
        INSERT INTO search_text (rowid, main, extra)
          SELECT row_id, ${fold('new.exact')}, ${fold('new.note')} FROM search_rows
          WHERE item_id = new.id AND kind = 'annotation' AND new.deleted_at IS NULL;
      END;
      CREATE TRIGGER annotations_search_update AFTER UPDATE OF exact, note, deleted_at
        ON annotations
        WHEN old.exact IS NOT new.exact OR old.note IS NOT new.note
          OR old.deleted_at IS NOT new.deleted_at
      BEGIN
        DELETE FROM search_text WHERE rowid =
          (SELECT row_id FROM search_rows WHERE item_id = new.id AND kind = 'annotation');
        INSERT INTO search_text (rowid, main, extra)
          SELECT row_id, ${fold('new.exact')}, ${fold('new.note')} FROM search_rows
          WHERE item_id = new.id AND kind = 'annotation' AND new.deleted_at IS NULL;
      END;

      -- Memos: the body.
      CREATE TRIGGER memos_search_insert AFTER INSERT ON memos BEGIN
        ${claimRow('memo', 'new.id')}
        INSERT INTO search_text (rowid, main)
          SELECT row_id, ${fold('new.body')} FROM search_rows
          WHERE item_id = new.id AND kind = 'memo' AND new.deleted_at IS NULL;
      END;
      CREATE TRIGGER memos_search_update AFTER UPDATE OF body, deleted_at ON memos
        WHEN old.body IS NOT new.body OR old.deleted_at IS NOT new.deleted_at
      BEGIN
        DELETE FROM search_text WHERE rowid =
          (SELECT row_id FROM search_rows WHERE item_id = new.id AND kind = 'memo');
        INSERT INTO search_text (rowid, main)
          SELECT row_id, ${fold('new.body')} FROM search_rows
          WHERE item_id = new.id AND kind = 'memo' AND new.deleted_at IS NULL;
      END;

      -- Documents: the title, and the author and outlet from the details.
      CREATE TRIGGER documents_search_insert AFTER INSERT ON documents BEGIN
        ${claimRow('document', 'new.id')}
        ${refreshDocument('new.id')}
      END;
      CREATE TRIGGER documents_search_update AFTER UPDATE OF title, deleted_at ON documents
        WHEN old.title IS NOT new.title OR old.deleted_at IS NOT new.deleted_at
      BEGIN
        ${refreshDocument('new.id')}
      END;
      CREATE TRIGGER document_details_search_insert AFTER INSERT ON document_details BEGIN
        ${refreshDocument('new.document_id')}
      END;
      CREATE TRIGGER document_details_search_update AFTER UPDATE OF author, outlet
        ON document_details
        WHEN old.author IS NOT new.author OR old.outlet IS NOT new.outlet
      BEGIN
        ${refreshDocument('new.document_id')}
      END;

      -- Relations follow an annotation onto its new version, and back when the old one returns.
      -- A relation that would link an annotation to itself stays where it is.
      CREATE TRIGGER annotations_carry_relations AFTER INSERT ON annotations
        WHEN new.previous_id IS NOT NULL
      BEGIN
        UPDATE relations SET source_id = new.id, updated_at = ${NOW}
          WHERE source_id = new.previous_id AND target_id <> new.id;
        UPDATE relations SET target_id = new.id, updated_at = ${NOW}
          WHERE target_id = new.previous_id AND source_id <> new.id;
      END;
      CREATE TRIGGER annotations_restore_relations AFTER UPDATE OF deleted_at ON annotations
        WHEN old.deleted_at IS NOT NULL AND new.deleted_at IS NULL
      BEGIN
        UPDATE relations SET source_id = new.id, updated_at = ${NOW}
          WHERE target_id <> new.id AND (source_id = new.previous_id
            OR (SELECT previous_id FROM annotations WHERE id = relations.source_id) = new.id);
        UPDATE relations SET target_id = new.id, updated_at = ${NOW}
          WHERE source_id <> new.id AND (target_id = new.previous_id
            OR (SELECT previous_id FROM annotations WHERE id = relations.target_id) = new.id);
      END;

      -- Memos follow a document onto its new version, and back when the old one returns.
      CREATE TRIGGER documents_carry_memos AFTER INSERT ON documents
        WHEN new.version_of IS NOT NULL
      BEGIN
        UPDATE memos SET document_id = new.id, updated_at = ${NOW}
          WHERE document_id = new.version_of;
      END;
      CREATE TRIGGER documents_restore_memos AFTER UPDATE OF deleted_at ON documents
        WHEN old.deleted_at IS NOT NULL AND new.deleted_at IS NULL
      BEGIN
        UPDATE memos SET document_id = new.id, updated_at = ${NOW}
          WHERE document_id = new.version_of
            OR document_id IN (SELECT id FROM documents WHERE version_of = new.id);
      END;
    `);
    backfill(db);
  },
};

/** Indexes what the project already holds: every item gets its row, live ones their text. */
function backfill(db: BetterSqlite3.Database): void {
  db.exec(`
    INSERT INTO search_rows (kind, item_id)
      SELECT 'document', id FROM documents ORDER BY id;
    INSERT INTO search_rows (kind, item_id)
      SELECT 'annotation', id FROM annotations ORDER BY id;
    INSERT INTO search_rows (kind, item_id)
      SELECT 'memo', id FROM memos ORDER BY id;

    INSERT INTO search_text (rowid, main, extra, more)
      SELECT r.row_id, ${fold('doc.title')}, ${fold("coalesce(d.author, '')")},
             ${fold("coalesce(d.outlet, '')")}
      FROM documents doc
      JOIN search_rows r ON r.item_id = doc.id AND r.kind = 'document'
      LEFT JOIN document_details d ON d.document_id = doc.id
      WHERE doc.deleted_at IS NULL;
    INSERT INTO search_text (rowid, main, extra)
      SELECT r.row_id, ${fold('a.exact')}, ${fold('a.note')}
      FROM annotations a JOIN search_rows r ON r.item_id = a.id AND r.kind = 'annotation'
      WHERE a.deleted_at IS NULL;
    INSERT INTO search_text (rowid, main)
      SELECT r.row_id, ${fold('m.body')}
      FROM memos m JOIN search_rows r ON r.item_id = m.id AND r.kind = 'memo'
      WHERE m.deleted_at IS NULL;
  `);
}
