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

/** A tag row, live or soft-deleted. */
export interface StoredTag {
  tag: Tag;
  deletedAt: string | null;
}

/** The tag with this id, live or deleted, or undefined if it never existed. */
export function findStoredTag(db: Database, id: Id): StoredTag | undefined {
  const row = statement<TagRow & { deleted_at: string | null }>(
    db,
    `SELECT ${TAG_COLUMNS}, deleted_at FROM tags WHERE id = ?`,
  ).get(id);
  return row && { tag: toTag(row), deletedAt: row.deleted_at };
}

/** The live tag that has this hotkey, or undefined. */
export function findTagByHotkey(db: Database, hotkey: string): Tag | undefined {
  const row = statement<TagRow>(
    db,
    `SELECT ${TAG_COLUMNS} FROM tags WHERE hotkey = ? AND deleted_at IS NULL`,
  ).get(hotkey);
  return row && toTag(row);
}

/** The live children of a tag (null: the roots), by position then name. */
export function listChildTags(db: Database, parentId: Id | null): Tag[] {
  return statement<TagRow>(
    db,
    `SELECT ${TAG_COLUMNS} FROM tags
     WHERE parent_id IS ? AND deleted_at IS NULL
     ORDER BY position, name, id`,
  )
    .all(parentId)
    .map(toTag);
}

export function insertTag(db: Database, tag: Tag, author: string, at: string): void {
  statement(
    db,
    `INSERT INTO tags (id, parent_id, name, color, hotkey, description, position, created_by,
       created_at, updated_at)
     VALUES (@id, @parentId, @name, @color, @hotkey, @description, @position, @author, @at, @at)`,
  ).run({ ...tag, author, at });
}

/** Writes every editable field of a tag (live or not) as given. */
export function writeTag(db: Database, tag: Tag, at: string): void {
  statement(
    db,
    `UPDATE tags SET parent_id = @parentId, name = @name, color = @color, hotkey = @hotkey,
       description = @description, position = @position, updated_at = @at
     WHERE id = @id`,
  ).run({ ...tag, at });
}

/** Soft-deletes (`deletedAt` a timestamp) or restores (null) a tag. */
export function setTagDeleted(db: Database, id: Id, deletedAt: string | null, at: string): void {
  statement(db, 'UPDATE tags SET deleted_at = ?, updated_at = ? WHERE id = ?').run(
    deletedAt,
    at,
    id,
  );
}

/** Gives live sibling tags the positions 0, 1, 2… in the order given (only rows that change). */
export function renumberTags(db: Database, orderedIds: readonly Id[], at: string): void {
  const update = statement(
    db,
    'UPDATE tags SET position = ?, updated_at = ? WHERE id = ? AND position <> ?',
  );
  orderedIds.forEach((id, position) => update.run(position, at, id, position));
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
