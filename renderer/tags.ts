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
