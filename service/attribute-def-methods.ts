/**
 * Attribute definitions: the typed fields of a tag. A key is unique along every path of the
 * codebook (a tag's annotations carry its ancestors' attributes, so a sub-tag cannot reuse an
 * ancestor's key). Deleting a definition keeps the values annotations hold for it, hidden, so
 * restoring it (undo) shows them again.
 */
import type { ApiArgs } from '../core/api';
import { attributeKeyFromName, compatibleTypes } from '../core/attributes';
import type { AttributeChoice, AttributeDef, AttributeType, Id } from '../core/domain';
import { GlossError } from '../core/errors';
import {
  findAttributeDef,
  insertAttributeDef,
  listAttributeDefs,
  listTagAttributeDefs,
  renumberAttributeDefs,
  setAttributeDefDeleted,
  writeAttributeDef,
} from '../db/attributes';
import type { Database } from '../db/connection';
import { CodebookState, requireLiveTag } from './codebook-state';
import type { ServiceContext } from './context';
import { newId, now } from './context';
import { inTransaction } from './handlers';
import type { Handlers } from './handlers';

export function createAttributeDef(
  ctx: ServiceContext,
  args: ApiArgs['createAttributeDef'],
): AttributeDef {
  const tag = requireLiveTag(ctx.db, args.tagId);
  const state = CodebookState.read(ctx.db);
  const key = args.key ?? freeKey(state, tag.id, attributeKeyFromName(args.name));
  checkKey(state, tag.id, key, null);
  const at = now();
  const own = listTagAttributeDefs(ctx.db, tag.id);
  const def: AttributeDef = {
    id: newId(),
    tagId: tag.id,
    key,
    name: args.name.trim(),
    type: args.type,
    choices: checkChoices(args.type, args.choices ?? [], args.name),
    description: args.description ?? '',
    position: own.length,
  };
  insertAttributeDef(ctx.db, def, ctx.author, at);
  if (args.position !== undefined) place(ctx.db, def, args.position, at);
  return findAttributeDef(ctx.db, def.id)!.def;
}

/**
 * Renames an attribute, changes its key, description or choices. Its type changes only between
 * text and long text: values already given would not fit another type.
 */
export function updateAttributeDef(
  ctx: ServiceContext,
  args: ApiArgs['updateAttributeDef'],
): AttributeDef {
  const def = requireLiveDef(ctx.db, args.id);
  const next: AttributeDef = { ...def };
  if (args.name !== undefined) next.name = args.name.trim();
  if (args.description !== undefined) next.description = args.description;
  if (args.type !== undefined && args.type !== def.type) {
    if (!compatibleTypes(def.type, args.type)) {
      throw new GlossError(
        'invalid_argument',
        `"${def.name}" cannot change from ${typeName(def.type)} to ${typeName(args.type)}: the values already given would not fit. Create a new attribute instead.`,
        { path: ['type'] },
      );
    }
    next.type = args.type;
  }
  if (args.key !== undefined && args.key !== def.key) {
    checkKey(CodebookState.read(ctx.db), def.tagId, args.key, def.id);
    next.key = args.key;
  }
  if (args.choices !== undefined || args.type !== undefined) {
    next.choices = checkChoices(next.type, args.choices ?? def.choices, next.name);
  }
  writeAttributeDef(ctx.db, next, now());
  return findAttributeDef(ctx.db, def.id)!.def;
}

/** Moves an attribute to `position` among its tag's own attributes. */
export function moveAttributeDef(
  ctx: ServiceContext,
  args: ApiArgs['moveAttributeDef'],
): AttributeDef {
  const def = requireLiveDef(ctx.db, args.id);
  place(ctx.db, def, args.position, now());
  return findAttributeDef(ctx.db, def.id)!.def;
}

export function deleteAttributeDef(
  ctx: ServiceContext,
  args: ApiArgs['deleteAttributeDef'],
): AttributeDef {
  const def = requireLiveDef(ctx.db, args.id);
  const at = now();
  setAttributeDefDeleted(ctx.db, def.id, at, at);
  renumberAttributeDefs(
    ctx.db,
    listTagAttributeDefs(ctx.db, def.tagId).map((d) => d.id),
    at,
  );
  return def;
}

/** Brings a deleted attribute back at its old place; its tag must be live and its key free. */
export function restoreAttributeDef(
  ctx: ServiceContext,
  args: ApiArgs['restoreAttributeDef'],
): AttributeDef {
  const stored = findAttributeDef(ctx.db, args.id);
  if (!stored) throw new GlossError('not_found', `There is no attribute ${args.id}.`);
  if (stored.deletedAt === null) return stored.def;
  const { def } = stored;
  requireLiveTag(ctx.db, def.tagId);
  checkKey(CodebookState.read(ctx.db), def.tagId, def.key, def.id);
  const at = now();
  setAttributeDefDeleted(ctx.db, def.id, null, at);
  place(ctx.db, def, def.position, at);
  return findAttributeDef(ctx.db, def.id)!.def;
}

function requireLiveDef(db: Database, id: Id): AttributeDef {
  const stored = findAttributeDef(db, id);
  if (!stored || stored.deletedAt !== null) {
    throw new GlossError('not_found', `There is no attribute ${id} (it may have been deleted).`, {
      id,
    });
  }
  return stored.def;
}

/**
 * Refuses a key that the tag's lineage or one of its descendants already uses (other than the
 * definition `selfId`), naming the tag that has it.
 */
export function checkKey(state: CodebookState, tagId: Id, key: string, selfId: Id | null): void {
  const scope = new Set([...state.lineage(tagId), ...state.subtree(tagId)]);
  const holder = state.defs.find((d) => d.key === key && d.id !== selfId && scope.has(d.tagId));
  if (holder) {
    const tagName = state.tagById.get(holder.tagId)?.name ?? 'another tag';
    throw new GlossError(
      'conflict',
      `The key "${key}" is already used by the attribute "${holder.name}" of "${tagName}", which annotations of this tag would also carry.`,
      { path: ['key'] },
    );
  }
}

/** `base`, or `base_2`, `base_3`… the first that no attribute in the tag's scope uses. */
function freeKey(state: CodebookState, tagId: Id, base: string): string {
  const scope = new Set([...state.lineage(tagId), ...state.subtree(tagId)]);
  const used = new Set(state.defs.filter((d) => scope.has(d.tagId)).map((d) => d.key));
  let key = base;
  for (let n = 2; used.has(key); n++) key = `${base.slice(0, 60)}_${n}`;
  return key;
}

/** Choices for the choice types (at least one, values unique); none for the other types. */
function checkChoices(type: AttributeType, choices: AttributeChoice[], name: string) {
  if (type !== 'choice' && type !== 'multi_choice') {
    if (choices.length) {
      throw new GlossError(
        'invalid_argument',
        `"${name}" is ${typeName(type)}: it has no choices.`,
        {
          path: ['choices'],
        },
      );
    }
    return [];
  }
  const tidy = choices.map((c) => ({
    value: c.value.trim(),
    label: c.label.trim() || c.value.trim(),
  }));
  if (tidy.length === 0 || tidy.some((c) => c.value === '')) {
    throw new GlossError('invalid_argument', `"${name}" needs at least one choice, none empty.`, {
      path: ['choices'],
    });
  }
  const values = tidy.map((c) => c.value);
  const repeated = values.find((v, i) => values.indexOf(v) !== i);
  if (repeated !== undefined) {
    throw new GlossError('invalid_argument', `"${name}" offers the choice "${repeated}" twice.`, {
      path: ['choices'],
    });
  }
  return tidy;
}

function place(db: Database, def: AttributeDef, index: number, at: string): void {
  const others = listTagAttributeDefs(db, def.tagId)
    .map((d) => d.id)
    .filter((id) => id !== def.id);
  others.splice(Math.max(0, Math.min(index, others.length)), 0, def.id);
  renumberAttributeDefs(db, others, at);
}

const TYPE_NAMES: Record<AttributeType, string> = {
  text: 'text',
  long_text: 'long text',
  number: 'a number',
  date: 'a date',
  choice: 'a single choice',
  multi_choice: 'a multiple choice',
  boolean: 'yes/no',
  entity: 'an entity',
  annotation: 'an annotation',
};

function typeName(type: AttributeType): string {
  return TYPE_NAMES[type];
}

export const attributeDefHandlers = {
  listAttributeDefs: (ctx) => listAttributeDefs(ctx.db),
  createAttributeDef: inTransaction(createAttributeDef),
  updateAttributeDef: inTransaction(updateAttributeDef),
  moveAttributeDef: inTransaction(moveAttributeDef),
  deleteAttributeDef: inTransaction(deleteAttributeDef),
  restoreAttributeDef: inTransaction(restoreAttributeDef),
} satisfies Partial<Handlers>;
