import Sqlite from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { ROOT_TAGS } from '../../../core/codebook';
import { migrate } from '../../../db/migrations';
import { searchIndex } from '../../../db/search';
import {
  findMatches,
  makeSnippet,
  parseQuery,
  SNIPPET_CHARS,
  toMatchQuery,
} from '../../../db/search-text';

const CLAIM = ROOT_TAGS[0]!.id;

function freshDb(): Sqlite.Database {
  const db = new Sqlite(':memory:');
  db.pragma('foreign_keys = ON');
  return db;
}

function addDocument(
  db: Sqlite.Database,
  id: string,
  title: string,
  versionOf: string | null = null,
) {
  db.prepare(
    `INSERT INTO documents (id, title, text, length, version_of) VALUES (?, ?, 'text', 4, ?)`,
  ).run(id, title, versionOf);
}

function addAnnotation(
  db: Sqlite.Database,
  id: string,
  documentId: string,
  exact: string,
  note = '',
  previousId: string | null = null,
) {
  db.prepare(
    `INSERT INTO annotations (id, document_id, tag_id, start, "end", exact, note, previous_id)
     VALUES (?, ?, ?, 0, 1, ?, ?, ?)`,
  ).run(id, documentId, CLAIM, exact, note, previousId);
}

/** What a query finds, as "kind:id" in rank order. */
function found(db: Sqlite.Database, query: string): string[] {
  const terms = parseQuery(query);
  if (terms.length === 0) return [];
  return searchIndex(db, terms, 50).hits.map((hit) => `${hit.kind}:${hit.id}`);
}

describe('migration 4 (search)', () => {
  it('indexes what a schema-3 project already holds, live rows only', () => {
    const db = freshDb();
    migrate(db, 3);
    addDocument(db, 'd1', 'Звіт про Київ');
    db.prepare(
      "INSERT INTO document_details (document_id, author, outlet) VALUES ('d1', 'Олена Петренко', 'Le Monde')",
    ).run();
    addAnnotation(db, 'a1', 'd1', 'Rovshan Mammadov called it occupation', 'seen in Zürich');
    addAnnotation(db, 'a2', 'd1', 'deleted quote occupation');
    db.prepare("UPDATE annotations SET deleted_at = 'x' WHERE id = 'a2'").run();
    db.prepare(
      "INSERT INTO memos (id, document_id, body) VALUES ('m1', NULL, 'ещё одна заметка')",
    ).run();

    expect(migrate(db, 4)).toEqual({ from: 3, to: 4 });
    expect(found(db, 'occupation')).toEqual(['annotation:a1']);
    expect(found(db, 'zurich')).toEqual(['annotation:a1']);
    expect(found(db, 'еще заметка')).toEqual(['memo:m1']);
    expect(found(db, 'київ')).toEqual(['document:d1']);
    expect(found(db, 'петренко')).toEqual(['document:d1']);
    expect(found(db, 'monde')).toEqual(['document:d1']);
  });

  it('follows inserts, edits, soft deletes and restores through triggers', () => {
    const db = freshDb();
    migrate(db);
    addDocument(db, 'd1', 'Report');
    db.prepare("INSERT INTO document_details (document_id, outlet) VALUES ('d1', 'BBC')").run();
    expect(found(db, 'bbc')).toEqual(['document:d1']);
    addAnnotation(db, 'a1', 'd1', 'first quote', 'a naïve note');
    expect(found(db, 'naive')).toEqual(['annotation:a1']);

    db.prepare("UPDATE annotations SET note = 'changed note' WHERE id = 'a1'").run();
    expect(found(db, 'naive')).toEqual([]);
    expect(found(db, 'changed')).toEqual(['annotation:a1']);

    db.prepare("UPDATE annotations SET deleted_at = 'now' WHERE id = 'a1'").run();
    expect(found(db, 'changed')).toEqual([]);
    db.prepare("UPDATE annotations SET deleted_at = NULL WHERE id = 'a1'").run();
    expect(found(db, 'changed')).toEqual(['annotation:a1']);

    db.prepare("INSERT INTO memos (id, document_id, body) VALUES ('m1', 'd1', 'memo body')").run();
    db.prepare("UPDATE memos SET body = 'Ёжик в тумане' WHERE id = 'm1'").run();
    expect(found(db, 'ежик')).toEqual(['memo:m1']);
    expect(found(db, 'memo')).toEqual([]);

    db.prepare("UPDATE documents SET title = 'Renamed' WHERE id = 'd1'").run();
    db.prepare(
      "UPDATE document_details SET outlet = 'Kyiv Independent' WHERE document_id = 'd1'",
    ).run();
    expect(found(db, 'renamed')).toEqual(['document:d1']);
    expect(found(db, 'independent')).toEqual(['document:d1']);
    expect(found(db, 'bbc')).toEqual([]);

    // A deleted document takes its annotations and memos out of the results with it.
    db.prepare("UPDATE documents SET deleted_at = 'now' WHERE id = 'd1'").run();
    expect(found(db, 'renamed')).toEqual([]);
    expect(found(db, 'changed')).toEqual([]);
    expect(found(db, 'ежик')).toEqual([]);
  });

  it('moves relations with an annotation copied onto a new version, and back on restore', () => {
    const db = freshDb();
    migrate(db);
    addDocument(db, 'd1', 'v1');
    addAnnotation(db, 'a1', 'd1', 'one');
    addAnnotation(db, 'b1', 'd1', 'two');
    const contradicts = db
      .prepare("SELECT id FROM relation_types WHERE key = 'contradicts'")
      .pluck()
      .get() as string;
    db.prepare(
      "INSERT INTO relations (id, type_id, source_id, target_id) VALUES ('r1', ?, 'a1', 'b1')",
    ).run(contradicts);
    db.prepare("INSERT INTO memos (id, document_id, body) VALUES ('m1', 'd1', 'memo')").run();

    addDocument(db, 'd2', 'v2', 'd1');
    addAnnotation(db, 'a2', 'd2', 'one', '', 'a1');
    addAnnotation(db, 'b2', 'd2', 'two', '', 'b1');
    db.prepare("UPDATE annotations SET deleted_at = 'now' WHERE id IN ('a1', 'b1')").run();
    db.prepare("UPDATE documents SET deleted_at = 'now' WHERE id = 'd1'").run();
    const relation = db.prepare("SELECT source_id, target_id FROM relations WHERE id = 'r1'");
    const memoDocument = db.prepare("SELECT document_id FROM memos WHERE id = 'm1'").pluck();
    expect(relation.get()).toEqual({ source_id: 'a2', target_id: 'b2' });
    expect(memoDocument.get()).toBe('d2');

    // Undoing the edit brings the old version back: its annotations take their relations back.
    db.prepare("UPDATE documents SET deleted_at = NULL WHERE id = 'd1'").run();
    db.prepare("UPDATE annotations SET deleted_at = NULL WHERE id IN ('a1', 'b1')").run();
    expect(relation.get()).toEqual({ source_id: 'a1', target_id: 'b1' });
    expect(memoDocument.get()).toBe('d1');
  });
});

describe('toMatchQuery', () => {
  it('quotes every word as a prefix term and keeps quoted phrases', () => {
    expect(toMatchQuery('Rovshan  mammad')).toBe('"rovshan"* "mammad"*');
    expect(toMatchQuery('"act of occupation" aztv')).toBe('"act of occupation" "aztv"*');
  });

  it('turns FTS5 syntax into plain words and drops what cannot match', () => {
    expect(toMatchQuery('NEAR(a b) OR -x AND "unclosed')).toBe(
      '"near a"* "b"* "or"* "x"* "and"* "unclosed"',
    );
    expect(toMatchQuery('* ( ) " "')).toBeNull();
    expect(toMatchQuery('   ')).toBeNull();
  });

  it('folds ё to е as the index does', () => {
    expect(toMatchQuery('ЁЖИК ещё Zürich')).toBe('"ежик"* "еще"* "zurich"*');
  });

  it('never makes a query FTS5 refuses', () => {
    const db = freshDb();
    migrate(db);
    addDocument(db, 'd1', 'AND OR NOT (x) "quoted" col:umn');
    for (const query of ['AND', 'OR NOT', '(', 'a:b', '"', '""', '^x', 'x*', 'NEAR(', '\u0000']) {
      const terms = parseQuery(query);
      if (terms.length) expect(() => searchIndex(db, terms, 10)).not.toThrow();
    }
    expect(found(db, 'col:umn')).toEqual(['document:d1']);
  });
});

describe('snippets', () => {
  it('finds the matches again in code points, whatever the emoji, scripts and accents', () => {
    const text = '🌻 Київ, КИЇВ; 中文 Zürich café e\u0301cole ещё';
    const cut = (r: { start: number; end: number }) =>
      Array.from(text).slice(r.start, r.end).join('');
    expect(findMatches(text, parseQuery('київ zurich')).map(cut)).toEqual([
      'Київ',
      'КИЇВ',
      'Zürich',
    ]);
    expect(findMatches(text, parseQuery('caf ecole еще')).map(cut)).toEqual([
      'café',
      'e\u0301cole',
      'ещё',
    ]);
    // A phrase matches its words in a row; its last word is not a prefix.
    expect(findMatches(text, parseQuery('"zurich caf"')).map(cut)).toEqual([]);
    expect(findMatches(text, parseQuery('"zurich café"')).map(cut)).toEqual(['Zürich café']);
    expect(findMatches(text, parseQuery('zurich caf')).map(cut)).toEqual(['Zürich', 'café']);
  });

  it('keeps a short text whole, with its whitespace collapsed', () => {
    expect(makeSnippet('a  b\n\nc', [{ start: 6, end: 7 }])).toEqual({
      text: 'a b c',
      matches: [{ start: 4, end: 5 }],
    });
  });

  it('cuts a long text around the first match, at spaces, with ellipses', () => {
    const words = Array.from({ length: 100 }, (_, i) => `w${i}`);
    words[60] = 'needle';
    const text = words.join(' ');
    const start = Array.from(text).indexOf('n');
    const snippet = makeSnippet(text, [{ start, end: start + 6 }]);
    expect(snippet.text.startsWith('…w')).toBe(true);
    expect(snippet.text.endsWith('…')).toBe(true);
    expect(Array.from(snippet.text).length).toBeLessThanOrEqual(SNIPPET_CHARS + 2);
    const [m] = snippet.matches;
    expect(Array.from(snippet.text).slice(m!.start, m!.end).join('')).toBe('needle');
  });
});
