import type BetterSqlite3 from 'better-sqlite3';
import type { Migration } from './types';

/** The same UTC format as `Date.prototype.toISOString`, for column defaults. */
const NOW = "(strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))";

/**
 * Schema 2: where each document came from and how it was read (issue 3, real-world imports).
 *
 * - documents: the original file name, the importer and its version, the encoding, what the
 *   article says about itself (JSON: byline, siteName, publishedAt, canonicalUrl, language) and
 *   `version_of`, the document a re-import or a new version replaces. `ALTER TABLE … ADD COLUMN`
 *   puts them after `text` and `blocks_json`; that is fine because only getDocument reads them,
 *   and it reads the text anyway. Listing reads the leading columns only, as before. Adding
 *   columns this way rewrites no row, so migrating a large project is instant.
 * - annotations: `previous_id`, the annotation a re-anchored one was copied from, so that moving
 *   annotations to a new version keeps their history instead of rewriting it.
 * - document_originals: the bytes of the imported file (up to a size cap), so a document can be
 *   re-extracted later. Keyed by document; found by content hash, so a new version of the same
 *   bytes does not store them twice. Immutable and never deleted, like documents.
 * - settings: project settings as key → JSON value, with the defaults of this version.
 *
 * The documents trigger is rebuilt to cover the new content columns: a document never changes
 * after import (annotations point into it); its title and source path may.
 */
export const provenanceSchema: Migration = {
  version: 2,
  name: 'provenance',
  up(db: BetterSqlite3.Database): void {
    db.exec(`
      ALTER TABLE documents ADD COLUMN source_name TEXT NOT NULL DEFAULT '';
      ALTER TABLE documents ADD COLUMN importer TEXT NOT NULL DEFAULT '';
      ALTER TABLE documents ADD COLUMN importer_version TEXT NOT NULL DEFAULT '';
      ALTER TABLE documents ADD COLUMN encoding TEXT;
      ALTER TABLE documents ADD COLUMN metadata_json TEXT NOT NULL DEFAULT '{}';
      ALTER TABLE documents ADD COLUMN version_of TEXT REFERENCES documents (id);

      -- Duplicate detection looks up live documents by content hash on every import.
      CREATE INDEX documents_live_by_sha256 ON documents (sha256) WHERE deleted_at IS NULL;
      CREATE INDEX documents_by_version_of ON documents (version_of) WHERE version_of IS NOT NULL;

      DROP TRIGGER documents_content_immutable;
      CREATE TRIGGER documents_content_immutable
        BEFORE UPDATE OF id, format, sha256, byte_size, length, imported_at, imported_by, text,
          blocks_json, source_name, importer, importer_version, encoding, metadata_json,
          version_of ON documents
        BEGIN SELECT RAISE(ABORT, 'a document''s content never changes after import'); END;

      ALTER TABLE annotations ADD COLUMN previous_id TEXT REFERENCES annotations (id);

      CREATE TABLE document_originals (
        document_id TEXT PRIMARY KEY NOT NULL REFERENCES documents (id),
        sha256      TEXT NOT NULL DEFAULT '',
        byte_size   INTEGER NOT NULL DEFAULT 0 CHECK (byte_size >= 0),
        created_at  TEXT NOT NULL DEFAULT ${NOW},
        created_by  TEXT NOT NULL DEFAULT '',
        -- Last, so that reading the other columns never walks the blob's overflow pages.
        bytes       BLOB NOT NULL DEFAULT x''
      ) STRICT;
      CREATE INDEX document_originals_by_sha256 ON document_originals (sha256);
      CREATE TRIGGER document_originals_immutable BEFORE UPDATE ON document_originals
        BEGIN SELECT RAISE(ABORT, 'kept original files never change'); END;

      CREATE TABLE settings (
        key        TEXT PRIMARY KEY NOT NULL,
        -- JSON, so that later settings may hold strings or lists.
        value      TEXT NOT NULL DEFAULT 'null',
        updated_at TEXT NOT NULL DEFAULT ${NOW},
        updated_by TEXT NOT NULL DEFAULT ''
      ) STRICT;
      INSERT INTO settings (key, value) VALUES
        ('maxImportBytes', '209715200'),
        ('maxTextChars', '50000000'),
        ('keepOriginalBytes', '52428800');
    `);
    for (const table of ['document_originals', 'settings']) {
      db.exec(`
        CREATE TRIGGER ${table}_never_deleted BEFORE DELETE ON ${table}
          BEGIN SELECT RAISE(ABORT, 'rows are never deleted'); END;
      `);
    }
  },
};
