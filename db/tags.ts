import type { Id, Tag } from '../core/domain';
import type { Database } from './connection';
import { statement } from './statements';

interface TagRow {
  id: string;
  parent_id: string | null;
  name: string;
  color: string;
  hotkey: string | null;
  description: string;
  position: number;
}

const TAG_COLUMNS = 'id, parent_id, name, color, hotkey, description, position';

/** Live tags: the roots first, then sub-tags; each group by position, then name. */
export function listTags(db: Database): Tag[] {
  return statement<TagRow>(
    db,
    `SELECT ${TAG_COLUMNS} FROM tags WHERE deleted_at IS NULL
     ORDER BY parent_id IS NOT NULL, position, name, id`,
  )
    .all()
    .map(toTag);
}

/** The live tag with this id, or undefined. */
export function findTag(db: Database, id: Id): Tag | undefined {
  const row = statement<TagRow>(
    db,
    `SELECT ${TAG_COLUMNS} FROM tags WHERE id = ? AND deleted_at IS NULL`,
  ).get(id);
  return row && toTag(row);
}

/** Names of all tags, deleted ones included, for exports of annotations made before a deletion. */
export function tagNamesById(db: Database): Map<Id, string> {
  const rows = statement<{ id: string; name: string }>(db, 'SELECT id, name FROM tags').all();
  return new Map(rows.map((row) => [row.id, row.name]));
}

function toTag(row: TagRow): Tag {
  return {
    id: row.id,
    parentId: row.parent_id,
    name: row.name,
    color: row.color,
    hotkey: row.hotkey,
    description: row.description,
    position: row.position,
  };
}
