/**
 * The codebook's tags: create, edit, move and reorder. Removing tags (delete, merge, restore)
 * is in codebook-removal.ts, attribute definitions in attribute-def-methods.ts, the JSON
 * exchange in codebook-transfer.ts; this file also assembles the area's handler table.
 */
import type { ApiArgs } from '../core/api';
import type { Tag } from '../core/domain';
import { GlossError } from '../core/errors';
import { annotationsWithTags, tagUsage } from '../db/attributes';
import { findTag, insertTag, listChildTags, writeTag } from '../db/tags';
import { attributeDefHandlers } from './attribute-def-methods';
import {
  checkHotkey,
  checkSiblingName,
  closeGap,
  CodebookState,
  keyClash,
  moveAnnotations,
  placeAmongSiblings,
  requireLiveTag,
} from './codebook-state';
import { deleteTag, mergeTags, restoreTag } from './codebook-removal';
import { exportCodebook, importCodebook } from './codebook-transfer';
import type { ServiceContext } from './context';
import { newId, now } from './context';
import { inTransaction } from './handlers';
import type { Handlers } from './handlers';

/** A new sub-tag; it takes its parent's colour unless given one, and goes last by default. */
export function createTag(ctx: ServiceContext, args: ApiArgs['createTag']): Tag {
  const parent = requireLiveTag(ctx.db, args.parentId);
  const name = args.name.trim();
  checkSiblingName(ctx.db, parent.id, name, null);
  if (args.hotkey) checkHotkey(ctx.db, args.hotkey, null);
  const at = now();
  const siblings = listChildTags(ctx.db, parent.id);
  const tag: Tag = {
    id: newId(),
    parentId: parent.id,
    name,
    color: (args.color ?? parent.color).toLowerCase(),
    hotkey: args.hotkey ?? null,
    description: args.description ?? '',
    position: siblings.length,
  };
  insertTag(ctx.db, tag, ctx.author, at);
  if (args.position !== undefined) placeAmongSiblings(ctx.db, tag.id, parent.id, args.position, at);
  return findTag(ctx.db, tag.id)!;
}

/** Renames, recolours, changes the hotkey (null: none) or the description of a tag. */
export function updateTag(ctx: ServiceContext, args: ApiArgs['updateTag']): Tag {
  const tag = requireLiveTag(ctx.db, args.id);
  const next: Tag = { ...tag };
  if (args.name !== undefined) {
    next.name = args.name.trim();
    if (next.name !== tag.name) checkSiblingName(ctx.db, tag.parentId, next.name, tag.id);
  }
  if (args.color !== undefined) next.color = args.color.toLowerCase();
  if (args.hotkey !== undefined) {
    if (args.hotkey !== null) checkHotkey(ctx.db, args.hotkey, tag.id);
    next.hotkey = args.hotkey;
  }
  if (args.description !== undefined) next.description = args.description;
  writeTag(ctx.db, next, now());
  return findTag(ctx.db, tag.id)!;
}

/**
 * Moves a tag to `position` among the children of `parentId`: a reorder when the parent stays,
 * a move (with its sub-tags) otherwise. The roots stay roots and sub-tags stay under a root.
 * After a move, its annotations carry values by key onto the attributes of the new lineage.
 */
export function moveTag(ctx: ServiceContext, args: ApiArgs['moveTag']): Tag {
  const tag = requireLiveTag(ctx.db, args.id);
  const at = now();
  if (args.parentId === tag.parentId) {
    placeAmongSiblings(ctx.db, tag.id, tag.parentId, args.position, at);
    return findTag(ctx.db, tag.id)!;
  }
  if (tag.parentId === null) {
    throw new GlossError(
      'invalid_argument',
      `"${tag.name}" is a root of the codebook: it stays one.`,
    );
  }
  if (args.parentId === null) {
    throw new GlossError(
      'invalid_argument',
      `"${tag.name}" must stay under Claim, Entity or Opinion (or one of their sub-tags).`,
    );
  }
  const parent = requireLiveTag(ctx.db, args.parentId);
  const before = CodebookState.read(ctx.db);
  if (before.isInSubtree(tag.id, parent.id)) {
    throw new GlossError(
      'invalid_argument',
      `"${tag.name}" cannot move under itself or its own sub-tag.`,
    );
  }
  checkSiblingName(ctx.db, parent.id, tag.name, tag.id);
  const subtree = before.subtree(tag.id);
  const clash = keyClash(before, subtree, before.lineage(parent.id));
  if (clash) throw new GlossError('conflict', `Cannot move "${tag.name}": ${clash}`);

  const oldParent = tag.parentId;
  writeTag(ctx.db, { ...tag, parentId: parent.id, position: Number.MAX_SAFE_INTEGER }, at);
  placeAmongSiblings(ctx.db, tag.id, parent.id, args.position, at);
  closeGap(ctx.db, oldParent, at);
  const after = CodebookState.read(ctx.db);
  moveAnnotations(ctx.db, annotationsWithTags(ctx.db, subtree), before, after, undefined, at);
  return findTag(ctx.db, tag.id)!;
}

/** The handlers of core/api-codebook.ts; service.ts spreads them into the full table. */
export const codebookHandlers = {
  createTag: inTransaction(createTag),
  updateTag: inTransaction(updateTag),
  moveTag: inTransaction(moveTag),
  deleteTag: inTransaction(deleteTag),
  getTagUsage: (ctx, { id }) => {
    requireLiveTag(ctx.db, id);
    return tagUsage(ctx.db, id);
  },
  mergeTags: inTransaction(mergeTags),
  restoreTag: inTransaction(restoreTag),
  ...attributeDefHandlers,
  exportCodebook,
  importCodebook: inTransaction(importCodebook),
} satisfies Partial<Handlers>;
