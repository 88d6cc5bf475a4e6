import type BetterSqlite3 from 'better-sqlite3';
import { BUILTIN_RELATION_TYPES, DEFAULT_ATTRIBUTES, DEFAULT_SUBTAGS } from '../../core/codebook';
import type { Migration } from './types';

/** The same UTC format as `Date.prototype.toISOString`, for column defaults. */
const NOW = "(strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))";

/**
 * Schema 3: the analyst's model (issue 4). Every new table follows the rules of schema 1 (STRICT,
 * UUIDv7 text keys, who/when columns, soft deletes that triggers enforce), so projects from
 * several laptops can later be merged row by row.
 *
 * - annotations: `attributes_json` (typed values keyed by attribute id; one JSON object, because
 *   values are always read and written with their annotation) and `entity_id`, the canonical
 *   entity a mention refers to (a column with an index, because the entity page lists mentions
 *   across the whole project).
 * - attribute_defs: typed fields per tag; a tag's annotations carry its own and its ancestors'.
 * - entities and entity_aliases: the registry; `normalized` is the alias folded for matching
 *   (case, accents, transliteration: core/names.ts), indexed so suggestions are a lookup.
 *   `merged_into` records where a merged record went, so old links can be followed.
 * - relation_types and relations: typed links between two annotations, across documents.
 * - memos: notes on a document or on the project (document_id NULL).
 * - document_details: the editable citation of a document (documents themselves are immutable),
 *   seeded from the metadata the importer found. One row per document.
 * - history: each document's undo/redo steps as API calls, so undo survives a restart.
 *
 * The default sub-tags, built-in attributes and relation types are inserted with fixed ids.
 */
export const analystModelSchema: Migration = {
  version: 3,
  name: 'analyst-model',
  up(db: BetterSqlite3.Database): void {
    db.exec(`
      CREATE TABLE entities (
        id                TEXT PRIMARY KEY NOT NULL,
        name              TEXT NOT NULL DEFAULT '',
        kind              TEXT NOT NULL DEFAULT 'other'
                          CHECK (kind IN ('person', 'organisation', 'location', 'event', 'media', 'other')),
        description       TEXT NOT NULL DEFAULT '',
        external_ids_json TEXT NOT NULL DEFAULT '{}',
        merged_into       TEXT REFERENCES entities (id),
        created_by        TEXT NOT NULL DEFAULT '',
        created_at        TEXT NOT NULL DEFAULT ${NOW},
        updated_at        TEXT NOT NULL DEFAULT ${NOW},
        deleted_at        TEXT
      ) STRICT;

      CREATE TABLE entity_aliases (
        id          TEXT PRIMARY KEY NOT NULL,
        entity_id   TEXT NOT NULL DEFAULT '' REFERENCES entities (id),
        alias       TEXT NOT NULL DEFAULT '',
        normalized  TEXT NOT NULL DEFAULT '',
        created_by  TEXT NOT NULL DEFAULT '',
        created_at  TEXT NOT NULL DEFAULT ${NOW},
        updated_at  TEXT NOT NULL DEFAULT ${NOW},
        deleted_at  TEXT
      ) STRICT;
      CREATE INDEX entity_aliases_by_normalized ON entity_aliases (normalized)
        WHERE deleted_at IS NULL;
      CREATE INDEX entity_aliases_by_entity ON entity_aliases (entity_id);

      ALTER TABLE annotations ADD COLUMN attributes_json TEXT NOT NULL DEFAULT '{}';
      ALTER TABLE annotations ADD COLUMN entity_id TEXT REFERENCES entities (id);
      CREATE INDEX annotations_by_entity ON annotations (entity_id) WHERE entity_id IS NOT NULL;

      CREATE TABLE attribute_defs (
        id           TEXT PRIMARY KEY NOT NULL,
        tag_id       TEXT NOT NULL DEFAULT '' REFERENCES tags (id),
        key          TEXT NOT NULL DEFAULT '',
        name         TEXT NOT NULL DEFAULT '',
        type         TEXT NOT NULL DEFAULT 'text'
                     CHECK (type IN ('text', 'long_text', 'number', 'date', 'choice',
                                     'multi_choice', 'boolean', 'entity', 'annotation')),
        choices_json TEXT NOT NULL DEFAULT '[]',
        description  TEXT NOT NULL DEFAULT '',
        position     INTEGER NOT NULL DEFAULT 0,
        created_by   TEXT NOT NULL DEFAULT '',
        created_at   TEXT NOT NULL DEFAULT ${NOW},
        updated_at   TEXT NOT NULL DEFAULT ${NOW},
        deleted_at   TEXT
      ) STRICT;
      CREATE UNIQUE INDEX attribute_defs_live_key ON attribute_defs (tag_id, key)
        WHERE deleted_at IS NULL;

      CREATE TABLE relation_types (
        id           TEXT PRIMARY KEY NOT NULL,
        key          TEXT NOT NULL DEFAULT '',
        name         TEXT NOT NULL DEFAULT '',
        inverse_name TEXT NOT NULL DEFAULT '',
        symmetric    INTEGER NOT NULL DEFAULT 0 CHECK (symmetric IN (0, 1)),
        built_in     INTEGER NOT NULL DEFAULT 0 CHECK (built_in IN (0, 1)),
        position     INTEGER NOT NULL DEFAULT 0,
        created_by   TEXT NOT NULL DEFAULT '',
        created_at   TEXT NOT NULL DEFAULT ${NOW},
        updated_at   TEXT NOT NULL DEFAULT ${NOW},
        deleted_at   TEXT
      ) STRICT;
      CREATE UNIQUE INDEX relation_types_live_key ON relation_types (key) WHERE deleted_at IS NULL;

      CREATE TABLE relations (
        id          TEXT PRIMARY KEY NOT NULL,
        type_id     TEXT NOT NULL DEFAULT '' REFERENCES relation_types (id),
        source_id   TEXT NOT NULL DEFAULT '' REFERENCES annotations (id),
        target_id   TEXT NOT NULL DEFAULT '' REFERENCES annotations (id),
        note        TEXT NOT NULL DEFAULT '',
        author      TEXT NOT NULL DEFAULT '',
        created_at  TEXT NOT NULL DEFAULT ${NOW},
        updated_at  TEXT NOT NULL DEFAULT ${NOW},
        deleted_at  TEXT,
        CHECK (source_id <> target_id)
      ) STRICT;
      CREATE INDEX relations_by_source ON relations (source_id);
      CREATE INDEX relations_by_target ON relations (target_id);

      CREATE TABLE memos (
        id          TEXT PRIMARY KEY NOT NULL,
        document_id TEXT REFERENCES documents (id),
        body        TEXT NOT NULL DEFAULT '',
        author      TEXT NOT NULL DEFAULT '',
        created_at  TEXT NOT NULL DEFAULT ${NOW},
        updated_at  TEXT NOT NULL DEFAULT ${NOW},
        deleted_at  TEXT
      ) STRICT;
      CREATE INDEX memos_by_document ON memos (document_id);

      CREATE TABLE document_details (
        document_id        TEXT PRIMARY KEY NOT NULL REFERENCES documents (id),
        author             TEXT NOT NULL DEFAULT '',
        outlet             TEXT NOT NULL DEFAULT '',
        published_at       TEXT NOT NULL DEFAULT '',
        url                TEXT NOT NULL DEFAULT '',
        language           TEXT NOT NULL DEFAULT '',
        outlet_reliability TEXT CHECK (outlet_reliability IN ('A', 'B', 'C', 'D', 'E', 'F')),
        updated_at         TEXT NOT NULL DEFAULT ${NOW},
        updated_by         TEXT NOT NULL DEFAULT ''
      ) STRICT;
      INSERT INTO document_details (document_id, author, outlet, published_at, url, language)
        SELECT id,
               coalesce(json_extract(metadata_json, '$.byline'), ''),
               coalesce(json_extract(metadata_json, '$.siteName'), ''),
               coalesce(json_extract(metadata_json, '$.publishedAt'), ''),
               coalesce(json_extract(metadata_json, '$.canonicalUrl'),
                        CASE WHEN source_path LIKE 'http://%' OR source_path LIKE 'https://%'
                             THEN source_path END, ''),
               coalesce(json_extract(metadata_json, '$.language'), '')
        FROM documents;

      CREATE TABLE history (
        id          TEXT PRIMARY KEY NOT NULL,
        document_id TEXT REFERENCES documents (id),
        label       TEXT NOT NULL DEFAULT '',
        undo_json   TEXT NOT NULL DEFAULT '[]',
        redo_json   TEXT NOT NULL DEFAULT '[]',
        undone      INTEGER NOT NULL DEFAULT 0 CHECK (undone IN (0, 1)),
        created_by  TEXT NOT NULL DEFAULT '',
        created_at  TEXT NOT NULL DEFAULT ${NOW},
        updated_at  TEXT NOT NULL DEFAULT ${NOW},
        deleted_at  TEXT
      ) STRICT;
      CREATE INDEX history_by_document ON history (document_id, id);
    `);
    for (const table of [
      'entities',
      'entity_aliases',
      'attribute_defs',
      'relation_types',
      'relations',
      'memos',
      'document_details',
      'history',
    ]) {
      db.exec(`
        CREATE TRIGGER ${table}_never_deleted BEFORE DELETE ON ${table}
          BEGIN SELECT RAISE(ABORT, 'rows are soft-deleted: set deleted_at'); END;
      `);
    }
    seedDefaults(db);
  },
};

function seedDefaults(db: BetterSqlite3.Database): void {
  // A hotkey an older project already gave to one of its own tags wins: the default goes without.
  const insertTag = db.prepare(
    `INSERT INTO tags (id, parent_id, name, color, hotkey, description, position)
     VALUES (@id, @parentId, @name, @color,
       CASE WHEN EXISTS (SELECT 1 FROM tags WHERE hotkey = @hotkey AND deleted_at IS NULL)
            THEN NULL ELSE @hotkey END,
       @description, @position)`,
  );
  for (const tag of DEFAULT_SUBTAGS) insertTag.run({ ...tag });
  const insertAttribute = db.prepare(
    `INSERT INTO attribute_defs (id, tag_id, key, name, type, choices_json, description, position)
     VALUES (@id, @tagId, @key, @name, @type, @choicesJson, @description, @position)`,
  );
  for (const def of DEFAULT_ATTRIBUTES) {
    insertAttribute.run({ ...def, choicesJson: JSON.stringify(def.choices) });
  }
  const insertRelationType = db.prepare(
    `INSERT INTO relation_types (id, key, name, inverse_name, symmetric, built_in, position)
     VALUES (@id, @key, @name, @inverseName, @symmetric, 1, @position)`,
  );
  for (const type of BUILTIN_RELATION_TYPES) {
    insertRelationType.run({ ...type, symmetric: type.symmetric ? 1 : 0 });
  }
}
