/**
 * Removing tags from the codebook and bringing them back. A delete and a merge are the same
 * operation with a different home for the sub-tags: the tag's annotations go to another tag (its
 * values carried by key), its sub-tags move (up to its parent on a delete, under the target on a
 * merge), its own attributes are deleted with it. Nothing is lost: the rows are soft-deleted and
 * every value stays on its annotation, so restoreTag (undo) puts everything back.
 */
import type { ApiArgs } from '../core/api';
import type { TagRemoval } from '../core/api-codebook';
import type { Id, Tag } from '../core/domain';
import { GlossError } from '../core/errors';
import {
  annotationsWithTags,
  findAttributeDef,
  setAttributeDefDeleted,
  tagUsage,
} from '../db/attributes';
import {
  findStoredTag,
  findTag,
  findTagByHotkey,
  listChildTags,
  setTagDeleted,
  writeTag,
} from '../db/tags';
import {
  closeGap,
  CodebookState,
  keyClash,
  moveAnnotations,
  placeAmongSiblings,
  requireLiveTag,
  siblingNamed,
} from './codebook-state';
import type { ServiceContext } from './context';
import { now } from './context';

/**
 * Deletes a sub-tag. Its live annotations must go somewhere (`reassignTo`); its sub-tags take
 * its place under its parent.
 */
export function deleteTag(ctx: ServiceContext, args: ApiArgs['deleteTag']): TagRemoval {
  const tag = requireRemovable(ctx, args.id);
  const annotations = annotationsWithTags(ctx.db, [tag.id]);
  const { live } = tagUsage(ctx.db, tag.id);
  let target: Tag | null = null;
  if (args.reassignTo !== undefined) {
    target = requireLiveTag(ctx.db, args.reassignTo);
    if (target.id === tag.id) {
      throw new GlossError(
        'invalid_argument',
        `"${tag.name}" cannot give its annotations to itself.`,
      );
    }
  } else if (live > 0) {
    throw new GlossError(
      'invalid_argument',
      `"${tag.name}" has ${live} annotation${live === 1 ? '' : 's'}: choose the tag they go to.`,
      { path: ['reassignTo'], annotations: live },
    );
  }
  return removeTag(ctx, tag, target, tag.parentId, target ? annotations : []);
}

/** Merges one tag into another: its annotations and sub-tags go to the target. */
export function mergeTags(ctx: ServiceContext, args: ApiArgs['mergeTags']): TagRemoval {
  const source = requireRemovable(ctx, args.sourceId);
  const target = requireLiveTag(ctx.db, args.targetId);
  if (target.id === source.id) {
    throw new GlossError('invalid_argument', 'Choose two different tags to merge.');
  }
  const state = CodebookState.read(ctx.db);
  if (state.isInSubtree(source.id, target.id)) {
    throw new GlossError(
      'invalid_argument',
      `"${source.name}" cannot be merged into its own sub-tag "${target.name}"; merge the sub-tag into it instead.`,
    );
  }
  for (const child of listChildTags(ctx.db, source.id)) {
    const clash = siblingNamed(ctx.db, target.id, child.name, child.id);
    if (clash) {
      throw new GlossError(
        'conflict',
        `Both "${source.name}" and "${target.name}" have a sub-tag "${child.name}": merge or rename those first.`,
      );
    }
  }
  // The sub-tags' own attributes meet the target's lineage (the source's own ones go away).
  const children = state.tags
    .filter((t) => t.parentId === source.id)
    .flatMap((t) => state.subtree(t.id));
  const clash = keyClash(state, children, state.lineage(target.id));
  if (clash) throw new GlossError('conflict', `Cannot merge "${source.name}": ${clash}`);
  const annotations = annotationsWithTags(ctx.db, [source.id]);
  return removeTag(ctx, source, target, target.id, annotations);
}

/**
 * Brings back a tag removed by deleteTag or mergeTags (or created, for a redo): undeleted at its
 * old place, with the attributes, sub-tags and annotations the removal reported. Annotations
 * come back only from `annotationsFrom` (where the removal sent them), so one retagged since
 * stays where the analyst put it. A hotkey taken meanwhile is not taken back.
 */
export function restoreTag(ctx: ServiceContext, args: ApiArgs['restoreTag']): Tag {
  const stored = findStoredTag(ctx.db, args.id);
  if (!stored) throw new GlossError('not_found', `There is no tag ${args.id}.`, { id: args.id });
  const at = now();
  const before = CodebookState.read(ctx.db);
  let tag = stored.tag;
  if (stored.deletedAt !== null) {
    if (tag.parentId !== null && !findTag(ctx.db, tag.parentId)) {
      throw new GlossError(
        'conflict',
        `Cannot bring back "${tag.name}": its parent tag was deleted.`,
      );
    }
    const holder = tag.hotkey ? findTagByHotkey(ctx.db, tag.hotkey) : undefined;
    tag = {
      ...tag,
      name: freeName(ctx, tag),
      hotkey: holder ? null : tag.hotkey,
    };
    writeTag(ctx.db, tag, at);
    setTagDeleted(ctx.db, tag.id, null, at);
    placeAmongSiblings(ctx.db, tag.id, tag.parentId, stored.tag.position, at);
  }
  for (const attributeId of args.attributeIds ?? []) {
    const def = findAttributeDef(ctx.db, attributeId);
    if (def?.deletedAt && def.def.tagId === tag.id)
      setAttributeDefDeleted(ctx.db, attributeId, null, at);
  }
  const movedChildren: Id[] = [];
  for (const { id, position } of args.children ?? []) {
    const child = findTag(ctx.db, id);
    if (!child) continue;
    const oldParent = child.parentId;
    if (oldParent !== tag.id) writeTag(ctx.db, { ...child, parentId: tag.id }, at);
    placeAmongSiblings(ctx.db, child.id, tag.id, position, at);
    if (oldParent !== tag.id) closeGap(ctx.db, oldParent, at);
    movedChildren.push(...before.subtree(child.id));
  }
  const after = CodebookState.read(ctx.db);
  moveAnnotations(ctx.db, annotationsWithTags(ctx.db, movedChildren), before, after, undefined, at);
  const wanted = new Set(args.annotationIds ?? []);
  if (wanted.size && args.annotationsFrom) {
    const back = annotationsWithTags(ctx.db, [args.annotationsFrom]).filter((a) =>
      wanted.has(a.id),
    );
    moveAnnotations(ctx.db, back, before, after, tag.id, at);
  }
  return findTag(ctx.db, tag.id)!;
}

/** The live sub-tag to delete or merge; the roots are refused. */
function requireRemovable(ctx: ServiceContext, id: Id): Tag {
  const tag = requireLiveTag(ctx.db, id);
  if (tag.parentId === null) {
    throw new GlossError(
      'invalid_argument',
      `"${tag.name}" is a root of the codebook and cannot be deleted or merged.`,
    );
  }
  return tag;
}

/**
 * The common part of delete and merge: sub-tags to `childrenTo` (in the removed tag's place when
 * that is its parent, else last), annotations to `target` with values carried, attributes and
 * the tag soft-deleted.
 */
function removeTag(
  ctx: ServiceContext,
  tag: Tag,
  target: Tag | null,
  childrenTo: Id | null,
  annotations: ReturnType<typeof annotationsWithTags>,
): TagRemoval {
  const at = now();
  const moved = target ? tagUsage(ctx.db, tag.id).live : 0;
  const before = CodebookState.read(ctx.db);
  const ownDefs = before.ownDefs(tag.id);
  for (const def of ownDefs) setAttributeDefDeleted(ctx.db, def.id, at, at);

  const children = listChildTags(ctx.db, tag.id);
  const index =
    childrenTo === tag.parentId ? tag.position : listChildTags(ctx.db, childrenTo).length;
  children.forEach((child, offset) => {
    writeTag(ctx.db, { ...child, parentId: childrenTo }, at);
    placeAmongSiblings(ctx.db, child.id, childrenTo, index + offset + 1, at);
  });
  setTagDeleted(ctx.db, tag.id, at, at);
  closeGap(ctx.db, tag.parentId, at);
  if (childrenTo !== tag.parentId) closeGap(ctx.db, childrenTo, at);

  const after = CodebookState.read(ctx.db);
  const descendants = children.flatMap((child) => before.subtree(child.id));
  let carried = moveAnnotations(
    ctx.db,
    annotationsWithTags(ctx.db, descendants),
    before,
    after,
    undefined,
    at,
  );
  if (target) carried += moveAnnotations(ctx.db, annotations, before, after, target.id, at);
  return {
    tag,
    reassignedTo: target && annotations.length ? target.id : null,
    attributeIds: ownDefs.map((d) => d.id),
    children: children.map((c) => ({ id: c.id, position: c.position })),
    annotationIds: annotations.map((a) => a.id),
    annotationsMoved: moved,
    valuesCarried: carried,
  };
}

/** The tag's name, or "Name (2)"… when a sibling took it while it was deleted. */
function freeName(ctx: ServiceContext, tag: Tag): string {
  let name = tag.name;
  for (let n = 2; siblingNamed(ctx.db, tag.parentId, name, tag.id); n++)
    name = `${tag.name} (${n})`;
  return name;
}
