/**
 * The first half of attaching an imported file: its codebook and entities mapped onto the
 * project's. Each file row is matched by id, then by meaning (a tag by its name under the same
 * parent, an attribute by its key on the tag or an ancestor, a relation type by key, an entity by
 * its folded name or alias), and created only when nothing matches. Runs inside the caller's
 * transaction.
 */
import type { ImportAnnotationsReport } from '../core/api-exchange';
import { ATTRIBUTE_KEY_PATTERN, attributeKeyFromName } from '../core/attributes';
import { hotkeyProblem, sameName } from '../core/codebook-rules';
import type { AttributeDef, Entity, Id, Tag } from '../core/domain';
import { ENTITY_KINDS } from '../core/domain';
import { nameKey } from '../core/names';
import { allLiveAliasRows, insertAlias, insertEntity } from '../db/entities';
import { statement } from '../db/statements';
import type { ExchangeBundle } from '../formats/exchange/model';
import type { ServiceContext } from './context';
import { newId, now } from './context';

/** File ids → project ids. */
export interface CodebookMapping {
  tags: Map<Id, Id>;
  /** Attribute definitions, with the project's definition (its type decides how values map). */
  attributes: Map<Id, ProjectAttribute>;
  relationTypes: Map<Id, Id>;
  entities: Map<Id, Id>;
}

export type ProjectAttribute = Pick<AttributeDef, 'id' | 'name' | 'type' | 'choices'>;

interface AttributeRow {
  id: string;
  name: string;
  type: AttributeDef['type'];
  choices_json: string;
}

function toProjectAttribute(row: AttributeRow): ProjectAttribute {
  let choices: AttributeDef['choices'] = [];
  try {
    const parsed: unknown = JSON.parse(row.choices_json);
    if (Array.isArray(parsed)) choices = parsed as AttributeDef['choices'];
  } catch {
    // A damaged list reads as no choices: values are then refused and reported, not lost.
  }
  return { id: row.id, name: row.name, type: row.type, choices };
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/** The file's id when it is a UUID no row of `table` has ever used, else a new one. */
export function freshId(ctx: ServiceContext, table: string, fileId: string): Id {
  const usable =
    UUID.test(fileId) &&
    statement(ctx.db, `SELECT 1 FROM ${table} WHERE id = ?`).get(fileId) === undefined;
  return usable ? fileId : newId();
}

export function attachCodebook(
  ctx: ServiceContext,
  bundle: ExchangeBundle,
  report: ImportAnnotationsReport,
): CodebookMapping {
  const tags = attachTags(ctx, bundle.codebook.tags, report);
  return {
    tags,
    attributes: attachAttributes(ctx, bundle, tags, report),
    relationTypes: attachRelationTypes(ctx, bundle, report),
    entities: attachEntities(ctx, bundle.entities, report),
  };
}

interface ProjectTag {
  id: string;
  parent_id: string | null;
  name: string;
}

function projectTags(ctx: ServiceContext): ProjectTag[] {
  return statement<ProjectTag>(
    ctx.db,
    'SELECT id, parent_id, name FROM tags WHERE deleted_at IS NULL',
  ).all();
}

/** The file's tags, parents first (a tag whose parent is not in the file counts as a root). */
function parentsFirst(tags: readonly Tag[]): Tag[] {
  const ids = new Set(tags.map((t) => t.id));
  const out: Tag[] = [];
  const placed = new Set<Id>();
  let pending = [...tags];
  while (pending.length > 0) {
    const next = pending.filter((t) => {
      const ready = t.parentId === null || !ids.has(t.parentId) || placed.has(t.parentId);
      if (ready) {
        out.push(t);
        placed.add(t.id);
      }
      return !ready;
    });
    // A cycle in the file: place the rest as roots rather than loop.
    if (next.length === pending.length) {
      out.push(...next.map((t) => ({ ...t, parentId: null })));
      break;
    }
    pending = next;
  }
  return out;
}

function attachTags(
  ctx: ServiceContext,
  fileTags: readonly Tag[],
  report: ImportAnnotationsReport,
): Map<Id, Id> {
  const mapping = new Map<Id, Id>();
  const live = projectTags(ctx);
  const byId = new Map(live.map((t) => [t.id, t]));
  const pathOf = (id: Id | null): string => {
    const names: string[] = [];
    for (let tag = byId.get(id ?? ''); tag; tag = byId.get(tag.parent_id ?? '')) {
      names.unshift(tag.name);
      if (names.length > 50) break;
    }
    return names.join(' / ');
  };
  for (const tag of parentsFirst(fileTags)) {
    if (byId.has(tag.id)) {
      mapping.set(tag.id, tag.id);
      continue;
    }
    const parent = tag.parentId === null ? null : (mapping.get(tag.parentId) ?? null);
    const same = live.find((t) => t.parent_id === parent && sameName(t.name, tag.name));
    if (same) {
      mapping.set(tag.id, same.id);
      continue;
    }
    const id = freshId(ctx, 'tags', tag.id);
    const hotkeyFree =
      tag.hotkey !== null &&
      hotkeyProblem(tag.hotkey) === null &&
      statement(ctx.db, 'SELECT 1 FROM tags WHERE hotkey = ? AND deleted_at IS NULL').get(
        tag.hotkey,
      ) === undefined;
    const position = statement<{ p: number }>(
      ctx.db,
      `SELECT coalesce(max(position), -1) + 1 AS p FROM tags
       WHERE deleted_at IS NULL AND parent_id IS ?`,
    ).get(parent)!.p;
    statement(
      ctx.db,
      `INSERT INTO tags (id, parent_id, name, color, hotkey, description, position, created_by,
         created_at, updated_at)
       VALUES (@id, @parent, @name, @color, @hotkey, @description, @position, @author, @at, @at)`,
    ).run({
      id,
      parent,
      name: tag.name.trim() || 'Unnamed tag',
      color: /^#[0-9a-fA-F]{6}$/.test(tag.color) ? tag.color.toLowerCase() : '#888888',
      hotkey: hotkeyFree ? tag.hotkey : null,
      description: tag.description,
      position,
      author: ctx.author,
      at: now(),
    });
    const row = { id, parent_id: parent, name: tag.name.trim() || 'Unnamed tag' };
    live.push(row);
    byId.set(id, row);
    mapping.set(tag.id, id);
    report.tagsCreated.push(pathOf(id));
  }
  return mapping;
}

function attachAttributes(
  ctx: ServiceContext,
  bundle: ExchangeBundle,
  tags: Map<Id, Id>,
  report: ImportAnnotationsReport,
): CodebookMapping['attributes'] {
  const mapping: CodebookMapping['attributes'] = new Map();
  const parentOf = new Map(projectTags(ctx).map((t) => [t.id, t.parent_id]));
  const byId = statement<AttributeRow>(
    ctx.db,
    'SELECT id, name, type, choices_json FROM attribute_defs WHERE id = ? AND deleted_at IS NULL',
  );
  const byKey = statement<AttributeRow>(
    ctx.db,
    `SELECT id, name, type, choices_json FROM attribute_defs
     WHERE tag_id = ? AND key = ? AND deleted_at IS NULL`,
  );
  const keyOf = (def: AttributeDef) =>
    ATTRIBUTE_KEY_PATTERN.test(def.key) ? def.key : attributeKeyFromName(def.key || def.name);
  for (const def of bundle.codebook.attributeDefs) {
    const existing = byId.get(def.id);
    if (existing) {
      mapping.set(def.id, toProjectAttribute(existing));
      continue;
    }
    const tagId = tags.get(def.tagId) ?? (parentOf.has(def.tagId) ? def.tagId : undefined);
    if (!tagId) {
      report.skipped.push({
        what: `attribute "${def.name || def.key}"`,
        id: def.id,
        reason: 'its tag is neither in the file nor in the project',
      });
      continue;
    }
    // The key on the tag or an ancestor: a tag's annotations carry its ancestors' attributes.
    let found: AttributeRow | undefined;
    for (let at: Id | null = tagId, hops = 0; at && !found && hops < 50; hops++) {
      found = byKey.get(at, keyOf(def));
      at = parentOf.get(at) ?? null;
    }
    if (found) {
      mapping.set(def.id, toProjectAttribute(found));
      continue;
    }
    const id = freshId(ctx, 'attribute_defs', def.id);
    const position = statement<{ p: number }>(
      ctx.db,
      `SELECT coalesce(max(position), -1) + 1 AS p FROM attribute_defs
       WHERE tag_id = ? AND deleted_at IS NULL`,
    ).get(tagId)!.p;
    statement(
      ctx.db,
      `INSERT INTO attribute_defs (id, tag_id, key, name, type, choices_json, description,
         position, created_by, created_at, updated_at)
       VALUES (@id, @tagId, @key, @name, @type, @choices, @description, @position, @author,
         @at, @at)`,
    ).run({
      id,
      tagId,
      key: keyOf(def),
      name: def.name || def.key,
      type: def.type,
      choices: JSON.stringify(def.choices),
      description: def.description,
      position,
      author: ctx.author,
      at: now(),
    });
    mapping.set(def.id, { id, name: def.name || def.key, type: def.type, choices: def.choices });
    report.attributesCreated.push(def.name || def.key);
  }
  return mapping;
}

function attachRelationTypes(
  ctx: ServiceContext,
  bundle: ExchangeBundle,
  report: ImportAnnotationsReport,
): Map<Id, Id> {
  const mapping = new Map<Id, Id>();
  const find = statement<{ id: string }>(
    ctx.db,
    'SELECT id FROM relation_types WHERE (id = @id OR key = @key) AND deleted_at IS NULL',
  );
  for (const type of bundle.codebook.relationTypes) {
    const existing = find.get({ id: type.id, key: type.key });
    if (existing) {
      mapping.set(type.id, existing.id);
      continue;
    }
    const id = freshId(ctx, 'relation_types', type.id);
    const position = statement<{ p: number }>(
      ctx.db,
      `SELECT coalesce(max(position), -1) + 1 AS p FROM relation_types WHERE deleted_at IS NULL`,
    ).get()!.p;
    statement(
      ctx.db,
      `INSERT INTO relation_types (id, key, name, inverse_name, symmetric, built_in, position,
         created_by, created_at, updated_at)
       VALUES (@id, @key, @name, @inverseName, @symmetric, 0, @position, @author, @at, @at)`,
    ).run({
      id,
      key: type.key,
      name: type.name || type.key,
      inverseName: type.inverseName || type.name || type.key,
      symmetric: type.symmetric ? 1 : 0,
      position,
      author: ctx.author,
      at: now(),
    });
    mapping.set(type.id, id);
    report.relationTypesCreated.push(type.name || type.key);
  }
  return mapping;
}

function attachEntities(
  ctx: ServiceContext,
  fileEntities: readonly Entity[],
  report: ImportAnnotationsReport,
): Map<Id, Id> {
  const mapping = new Map<Id, Id>();
  if (fileEntities.length === 0) return mapping;
  const live = statement<{ id: string; merged_into: string | null }>(
    ctx.db,
    'SELECT id, merged_into FROM entities WHERE deleted_at IS NULL',
  ).all();
  const mergedInto = new Map(live.map((e) => [e.id, e.merged_into]));
  // Every name of every entity (display name and aliases) by its folded key (core/names.ts).
  const byKey = new Map<string, Id>();
  for (const row of allLiveAliasRows(ctx.db)) {
    if (!byKey.has(row.normalized)) byKey.set(row.normalized, row.entityId);
  }
  /** A merged record's links go to the record it was merged into. */
  const resolveMerged = (id: Id): Id => {
    let current = id;
    for (let hops = 0; hops < 50; hops++) {
      const next = mergedInto.get(current);
      if (!next || !mergedInto.has(next)) break;
      current = next;
    }
    return current;
  };
  for (const entity of fileEntities) {
    if (mergedInto.has(entity.id)) {
      mapping.set(entity.id, resolveMerged(entity.id));
      continue;
    }
    const match = [entity.name, ...entity.aliases]
      .map((name) => byKey.get(nameKey(name)))
      .find((id) => id !== undefined);
    if (match) {
      mapping.set(entity.id, resolveMerged(match));
      continue;
    }
    const id = freshId(ctx, 'entities', entity.id);
    const at = now();
    insertEntity(
      ctx.db,
      {
        id,
        name: entity.name,
        kind: (ENTITY_KINDS as readonly string[]).includes(entity.kind) ? entity.kind : 'other',
        description: entity.description,
        externalIds: entity.externalIds ?? {},
      },
      ctx.author,
      at,
    );
    // The display name is one of the entity's names too, as the registry keeps them.
    for (const name of new Set([entity.name, ...entity.aliases].filter((n) => n.trim()))) {
      const normalized = nameKey(name);
      insertAlias(ctx.db, { id: newId(), entityId: id, alias: name, normalized }, ctx.author, at);
      if (!byKey.has(normalized)) byKey.set(normalized, id);
    }
    mergedInto.set(id, null);
    mapping.set(entity.id, id);
    report.entitiesCreated.push(entity.name);
  }
  return mapping;
}
