import type BetterSqlite3 from 'better-sqlite3';
import { ROOT_TAGS } from '../../core/codebook';
import type { Migration } from './types';

/**
 * Marks a file as a Gloss project (SQLite's `application_id`, bytes 68–71 of the header), so that
 * Gloss can tell its own files from other SQLite databases: "Glss" in ASCII.
 */
export const GLOSS_APPLICATION_ID = 0x476c7373;

/** The same UTC format as `Date.prototype.toISOString`, for column defaults. */
const NOW = "(strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))";

/**
 * The first schema: documents, the tag codebook with its three built-in roots, annotations.
 *
 * Rules every table follows (DESIGN.md §6), so that projects can later be merged and synced:
 * STRICT; a TEXT UUIDv7 primary key, never AUTOINCREMENT; a DEFAULT on every NOT NULL column
 * other than the key; who/when columns; `deleted_at` instead of DELETE (triggers refuse DELETE);
 * and a document's content never changes after import (a trigger refuses it), because every
 * annotation's offsets point into it.
 */
export const initialSchema: Migration = {
  version: 1,
  name: 'initial',
  up(db: BetterSqlite3.Database): void {
    db.pragma(`application_id = ${GLOSS_APPLICATION_ID}`);
    db.exec(`
      -- The large columns (text, blocks_json) come last: SQLite reads a row's columns in order,
      -- so listing documents never walks the overflow pages that hold a long article.
      CREATE TABLE documents (
        id          TEXT PRIMARY KEY NOT NULL,
        title       TEXT NOT NULL DEFAULT '',
        format      TEXT NOT NULL DEFAULT 'txt',
        source_path TEXT,
        sha256      TEXT NOT NULL DEFAULT '',
        byte_size   INTEGER NOT NULL DEFAULT 0 CHECK (byte_size >= 0),
        -- Length of text in code points, stored so that listing never loads the text.
        length      INTEGER NOT NULL DEFAULT 0 CHECK (length >= 0),
        imported_at TEXT NOT NULL DEFAULT ${NOW},
        imported_by TEXT NOT NULL DEFAULT '',
        deleted_at  TEXT,
        text        TEXT NOT NULL DEFAULT '',
        blocks_json TEXT NOT NULL DEFAULT '[]'
      ) STRICT;

      CREATE TABLE tags (
        id          TEXT PRIMARY KEY NOT NULL,
        parent_id   TEXT REFERENCES tags (id),
        name        TEXT NOT NULL DEFAULT '',
        color       TEXT NOT NULL DEFAULT '#888888'
                    CHECK (color GLOB '#[0-9a-fA-F][0-9a-fA-F][0-9a-fA-F][0-9a-fA-F][0-9a-fA-F][0-9a-fA-F]'),
        hotkey      TEXT CHECK (hotkey IS NULL OR length(hotkey) = 1),
        description TEXT NOT NULL DEFAULT '',
        position    INTEGER NOT NULL DEFAULT 0,
        created_by  TEXT NOT NULL DEFAULT '',
        created_at  TEXT NOT NULL DEFAULT ${NOW},
        updated_at  TEXT NOT NULL DEFAULT ${NOW},
        deleted_at  TEXT
      ) STRICT;

      -- One key tags a selection, so two live tags cannot share it.
      CREATE UNIQUE INDEX tags_live_hotkey ON tags (hotkey)
        WHERE hotkey IS NOT NULL AND deleted_at IS NULL;
      CREATE INDEX tags_by_parent ON tags (parent_id);

      CREATE TABLE annotations (
        id          TEXT PRIMARY KEY NOT NULL,
        document_id TEXT NOT NULL DEFAULT '' REFERENCES documents (id),
        tag_id      TEXT NOT NULL DEFAULT '' REFERENCES tags (id),
        -- Code-point offsets into documents.text, end-exclusive.
        start       INTEGER NOT NULL DEFAULT 0,
        "end"       INTEGER NOT NULL DEFAULT 1,
        exact       TEXT NOT NULL DEFAULT '',
        prefix      TEXT NOT NULL DEFAULT '',
        suffix      TEXT NOT NULL DEFAULT '',
        note        TEXT NOT NULL DEFAULT '',
        author      TEXT NOT NULL DEFAULT '',
        created_at  TEXT NOT NULL DEFAULT ${NOW},
        updated_at  TEXT NOT NULL DEFAULT ${NOW},
        deleted_at  TEXT,
        CHECK (start >= 0 AND start < "end")
      ) STRICT;

      -- Loading a document's annotations in text order is the hot read.
      CREATE INDEX annotations_by_document ON annotations (document_id, start);
      -- Foreign-key checks on tags and per-tag counts.
      CREATE INDEX annotations_by_tag ON annotations (tag_id);

      CREATE TRIGGER documents_content_immutable
        BEFORE UPDATE OF id, format, sha256, byte_size, length, imported_at, imported_by, text,
          blocks_json ON documents
        BEGIN SELECT RAISE(ABORT, 'a document''s content never changes after import'); END;
    `);
    for (const table of ['documents', 'tags', 'annotations']) {
      db.exec(`
        CREATE TRIGGER ${table}_never_deleted BEFORE DELETE ON ${table}
          BEGIN SELECT RAISE(ABORT, 'rows are soft-deleted: set deleted_at'); END;
      `);
    }
    const insertTag = db.prepare(
      `INSERT INTO tags (id, parent_id, name, color, hotkey, description, position)
       VALUES (@id, @parentId, @name, @color, @hotkey, @description, @position)`,
    );
    for (const tag of ROOT_TAGS) insertTag.run({ ...tag });
  },
};
