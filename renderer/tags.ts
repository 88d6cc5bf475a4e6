import type { Tag } from '../core/domain';

/**
 * The codebook in reading order: each root by position, its sub-tags (by position) right after
 * it, depth first — the order of the toolbar, the filters and the tag menu. A tag whose parent is
 * missing is treated as a root, so no tag is ever left out.
 */
export function orderTags(tags: readonly Tag[]): Tag[] {
  const ids = new Set(tags.map((t) => t.id));
  const children = new Map<string | null, Tag[]>();
  for (const tag of tags) {
    const parent = tag.parentId !== null && ids.has(tag.parentId) ? tag.parentId : null;
    children.set(parent, [...(children.get(parent) ?? []), tag]);
  }
  const ordered: Tag[] = [];
  const seen = new Set<string>();
  const visit = (parent: string | null) => {
    const list = [...(children.get(parent) ?? [])].sort(
      (a, b) => a.position - b.position || a.name.localeCompare(b.name),
    );
    for (const tag of list) {
      if (seen.has(tag.id)) continue; // A cycle in a damaged codebook must not loop forever.
      seen.add(tag.id);
      ordered.push(tag);
      visit(tag.id);
    }
  };
  visit(null);
  return ordered;
}

/** How deep a tag sits: 0 for a root, 1 for its sub-tags… (a broken chain stops counting). */
export function tagDepth(tag: Tag, tagById: ReadonlyMap<string, Tag>): number {
  let depth = 0;
  const seen = new Set<string>([tag.id]);
  for (let parent = tag.parentId; parent !== null;) {
    const next = tagById.get(parent);
    if (!next || seen.has(next.id)) break;
    seen.add(next.id);
    depth++;
    parent = next.parentId;
  }
  return depth;
}

/** The live children of a tag (null: the roots), in codebook order. */
export function childTags(tags: readonly Tag[], parentId: string | null): Tag[] {
  return tags
    .filter((t) => t.parentId === parentId)
    .sort((a, b) => a.position - b.position || a.name.localeCompare(b.name));
}

/** "Claim › Quote": the tag's path from its root, for menus and messages. */
export function tagPathLabel(tag: Tag, tagById: ReadonlyMap<string, Tag>): string {
  const names = [tag.name];
  const seen = new Set<string>([tag.id]);
  for (let parent = tag.parentId; parent !== null;) {
    const next = tagById.get(parent);
    if (!next || seen.has(next.id)) break;
    seen.add(next.id);
    names.unshift(next.name);
    parent = next.parentId;
  }
  return names.join(' › ');
}

/** The root a tag descends from (itself for a root). */
export function rootOf(tag: Tag, tagById: ReadonlyMap<string, Tag>): Tag {
  let root = tag;
  const seen = new Set<string>([tag.id]);
  while (root.parentId !== null) {
    const parent = tagById.get(root.parentId);
    if (!parent || seen.has(parent.id)) break;
    seen.add(parent.id);
    root = parent;
  }
  return root;
}

/** Map from lower-case hotkey to its tag: what a key press in the reader tags with. */
export function hotkeyMap(tags: readonly Tag[]): Map<string, Tag> {
  return new Map(tags.filter((t) => t.hotkey).map((t) => [t.hotkey!.toLowerCase(), t]));
}
