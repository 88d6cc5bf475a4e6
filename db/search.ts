import type { SearchField, SearchHit } from '../core/api-notes';
import type { Id } from '../core/domain';
import type { Database } from './connection';
import { findMatches, makeSnippet, matchQueryOf } from './search-text';
import type { SearchTerm } from './search-text';
import { statement } from './statements';

/** What a hit's item looks like in its own table. */
interface ItemRow {
  document_id: string | null;
  title: string | null;
  main: string;
  extra: string;
  more: string;
  tag_id?: string;
  start?: number;
  end?: number;
}

const FIELDS: Record<SearchHit['kind'], readonly [SearchField, SearchField, SearchField]> = {
  annotation: ['quote', 'note', 'note'],
  memo: ['memo', 'memo', 'memo'],
  document: ['title', 'author', 'outlet'],
};

/**
 * Live items matching the terms (search-text.ts parseQuery), best first, at most `limit`, and
 * whether there were more. FTS5 ranks on its own (ORDER BY rank … LIMIT keeps a bounded sort);
 * each candidate is then looked up, and kept if it and its document are live: soft-deleted items
 * leave the index, but the items of a deleted document stay in it.
 */
export function searchIndex(
  db: Database,
  terms: readonly SearchTerm[],
  limit: number,
): { hits: SearchHit[]; more: boolean } {
  const matchQuery = matchQueryOf(terms);
  const ranked = statement<{ kind: SearchHit['kind']; item_id: string }>(
    db,
    `SELECT r.kind, r.item_id
     FROM (SELECT rowid FROM search_text WHERE search_text MATCH @query
           ORDER BY rank LIMIT @take OFFSET @skip) s
     JOIN search_rows r ON r.row_id = s.rowid`,
  );
  const hits: SearchHit[] = [];
  // A page a little larger than asked, so that a few items of deleted documents cost no second
  // round; a project with many deleted documents pages on.
  const take = limit + 1 + Math.ceil(limit / 4);
  for (let skip = 0; ; skip += take) {
    const page = ranked.all({ query: matchQuery, take, skip });
    for (const row of page) {
      const item = findLiveItem(db, row.kind, row.item_id);
      if (!item) continue;
      if (hits.length === limit) return { hits, more: true };
      hits.push(toHit(row, item, terms));
    }
    if (page.length < take) return { hits, more: false };
  }
}

/** The item with what a hit shows of it, if it and its document are live. */
function findLiveItem(db: Database, kind: SearchHit['kind'], id: Id): ItemRow | undefined {
  switch (kind) {
    case 'annotation':
      return statement<ItemRow>(
        db,
        `SELECT a.document_id, d.title, a.exact AS main, a.note AS extra, '' AS more,
           a.tag_id, a.start, a."end"
         FROM annotations a JOIN documents d ON d.id = a.document_id
         WHERE a.id = ? AND a.deleted_at IS NULL AND d.deleted_at IS NULL`,
      ).get(id);
    case 'memo':
      return statement<ItemRow>(
        db,
        `SELECT m.document_id, d.title, m.body AS main, '' AS extra, '' AS more
         FROM memos m LEFT JOIN documents d ON d.id = m.document_id
         WHERE m.id = ? AND m.deleted_at IS NULL
           AND (m.document_id IS NULL OR d.deleted_at IS NULL)`,
      ).get(id);
    case 'document':
      return statement<ItemRow>(
        db,
        `SELECT doc.id AS document_id, doc.title, doc.title AS main,
           coalesce(dd.author, '') AS extra, coalesce(dd.outlet, '') AS more
         FROM documents doc LEFT JOIN document_details dd ON dd.document_id = doc.id
         WHERE doc.id = ? AND doc.deleted_at IS NULL`,
      ).get(id);
  }
}

function toHit(
  row: { kind: SearchHit['kind']; item_id: string },
  item: ItemRow,
  terms: readonly SearchTerm[],
): SearchHit {
  // The first field that matches gives the snippet: a quote before its note, a title before
  // its author.
  const texts = [item.main, item.extra, item.more];
  let column = 0;
  let matches = findMatches(texts[0]!, terms);
  for (let i = 1; i < texts.length && matches.length === 0; i++) {
    const found = findMatches(texts[i]!, terms);
    if (found.length) [column, matches] = [i, found];
  }
  const hit: SearchHit = {
    kind: row.kind,
    id: row.item_id,
    documentId: item.document_id,
    documentTitle: item.title,
    field: FIELDS[row.kind][column]!,
    snippet: makeSnippet(texts[column]!, matches),
  };
  if (row.kind === 'annotation') {
    hit.annotation = { tagId: item.tag_id!, start: item.start!, end: item.end! };
  }
  return hit;
}
