/**
 * What the codebook handlers share: a snapshot of the live codebook (tags and attribute
 * definitions) to reason about lineages, the checks every change makes (hotkeys, sibling names,
 * attribute keys), and moving annotations between tags with their values carried by key.
 */
import { applicableAttributes, carryValues } from '../core/attributes';
import { hotkeyProblem, hotkeyTakenMessage, normalName, subtreeIds } from '../core/codebook-rules';
import type { AttributeDef, Id, Tag } from '../core/domain';
import { GlossError } from '../core/errors';
import { listAttributeDefs, writeAnnotationModel } from '../db/attributes';
import type { TaggedValues } from '../db/attributes';
import { findTag, findTagByHotkey, listChildTags, listTags, renumberTags } from '../db/tags';
import type { Database } from '../db/connection';

/** The live codebook at one moment. */
export class CodebookState {
  readonly tagById: ReadonlyMap<Id, Tag>;

  constructor(
    readonly tags: readonly Tag[],
    readonly defs: readonly AttributeDef[],
  ) {
    this.tagById = new Map(tags.map((t) => [t.id, t]));
  }

  static read(db: Database): CodebookState {
    return new CodebookState(listTags(db), listAttributeDefs(db));
  }

  /** The attributes an annotation with this tag carries (ancestors' first). */
  applicable(tagId: Id): AttributeDef[] {
    return applicableAttributes(tagId, this.tagById, this.defs);
  }

  /** A tag and its descendants. */
  subtree(tagId: Id): Id[] {
    return subtreeIds(tagId, this.tags);
  }

  /** Whether `candidate` is `tagId` itself or one of its descendants. */
  isInSubtree(tagId: Id, candidate: Id): boolean {
    return this.subtree(tagId).includes(candidate);
  }

  /** The tag's ancestors and itself. */
  lineage(tagId: Id): Id[] {
    const ids: Id[] = [];
    for (let tag = this.tagById.get(tagId); tag && !ids.includes(tag.id);) {
      ids.unshift(tag.id);
      tag = tag.parentId === null ? undefined : this.tagById.get(tag.parentId);
    }
    return ids;
  }

  ownDefs(tagId: Id): AttributeDef[] {
    return this.defs.filter((d) => d.tagId === tagId);
  }
}

/** The live tag, or not_found. */
export function requireLiveTag(db: Database, id: Id): Tag {
  const tag = findTag(db, id);
  if (!tag)
    throw new GlossError('not_found', `There is no tag ${id} (it may have been deleted).`, { id });
  return tag;
}

/** Refuses a key that cannot be a hotkey, or one another live tag already has. */
export function checkHotkey(db: Database, hotkey: string, selfId: Id | null): void {
  const problem = hotkeyProblem(hotkey);
  if (problem) throw new GlossError('invalid_argument', problem, { path: ['hotkey'] });
  const holder = findTagByHotkey(db, hotkey);
  if (holder && holder.id !== selfId) {
    throw new GlossError('conflict', hotkeyTakenMessage(hotkey, holder), {
      path: ['hotkey'],
      tagId: holder.id,
    });
  }
}

/** Refuses a name that a live sibling (other than `selfId`) already has. */
export function checkSiblingName(
  db: Database,
  parentId: Id | null,
  name: string,
  selfId: Id | null,
): void {
  const clash = siblingNamed(db, parentId, name, selfId);
  if (clash) {
    const parent = parentId === null ? undefined : findTag(db, parentId);
    const where = parent ? `"${parent.name}" already has a sub-tag` : 'There is already a tag';
    throw new GlossError('conflict', `${where} named "${clash.name}".`, {
      path: ['name'],
      tagId: clash.id,
    });
  }
}

export function siblingNamed(
  db: Database,
  parentId: Id | null,
  name: string,
  selfId: Id | null,
): Tag | undefined {
  const wanted = normalName(name);
  return listChildTags(db, parentId).find((t) => t.id !== selfId && normalName(t.name) === wanted);
}

/**
 * The attribute keys that would clash if the tags of `subtree` sat under the lineage `lineage`
 * (ancestors' keys are shared with every descendant, so a key must be unique along each path).
 * Returns the first clash as a message, or null.
 */
export function keyClash(
  state: CodebookState,
  subtree: readonly Id[],
  lineage: readonly Id[],
): string | null {
  const above = new Map<string, Id>();
  for (const tagId of lineage) for (const def of state.ownDefs(tagId)) above.set(def.key, tagId);
  for (const tagId of subtree) {
    for (const def of state.ownDefs(tagId)) {
      const holder = above.get(def.key);
      if (holder !== undefined && holder !== tagId) {
        const a = state.tagById.get(tagId)?.name ?? 'a sub-tag';
        const b = state.tagById.get(holder)?.name ?? 'the new parent';
        return `"${a}" and "${b}" both have an attribute "${def.key}"; rename one of them first.`;
      }
    }
  }
  return null;
}

/**
 * Puts a tag at `index` among the live children of `parentId` (clamped; the tag must already
 * have that parent) and renumbers them 0, 1, 2…
 */
export function placeAmongSiblings(
  db: Database,
  tagId: Id,
  parentId: Id | null,
  index: number,
  at: string,
): void {
  const others = listChildTags(db, parentId)
    .map((t) => t.id)
    .filter((id) => id !== tagId);
  const clamped = Math.max(0, Math.min(index, others.length));
  others.splice(clamped, 0, tagId);
  renumberTags(db, others, at);
}

/** Renumbers the live children of a tag after one of them left. */
export function closeGap(db: Database, parentId: Id | null, at: string): void {
  renumberTags(
    db,
    listChildTags(db, parentId).map((t) => t.id),
    at,
  );
}

/**
 * Moves annotations to a new tag (or keeps theirs, `newTagId` undefined, when only their tag's
 * lineage changed), carrying values by key from the attributes they had (`before`) to the ones
 * they now have (`after`). Returns how many values were carried.
 */
export function moveAnnotations(
  db: Database,
  annotations: readonly TaggedValues[],
  before: CodebookState,
  after: CodebookState,
  newTagId: Id | undefined,
  at: string,
): number {
  let carriedCount = 0;
  for (const annotation of annotations) {
    const target = newTagId ?? annotation.tagId;
    const { values, carried } = carryValues(
      annotation.attributes,
      before.applicable(annotation.tagId),
      after.applicable(target),
    );
    carriedCount += carried.length;
    if (target === annotation.tagId && carried.length === 0) continue;
    writeAnnotationModel(
      db,
      annotation.id,
      {
        tagId: target,
        ...(carried.length ? { attributes: values } : {}),
      },
      at,
    );
  }
  return carriedCount;
}
