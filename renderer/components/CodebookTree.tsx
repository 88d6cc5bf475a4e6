/**
 * The codebook as a tree (WAI-ARIA tree pattern): ↑/↓ move, ←/→ collapse, expand or go to the
 * parent or first child, Home/End; Alt+↑/↓ reorder among siblings, Alt+←/→ move out of the parent
 * or into the sibling above; Insert adds a sub-tag, F2 renames, Delete deletes, Ctrl+M merges.
 */
import { useEffect, useRef } from 'react';
import type { KeyboardEvent as ReactKeyboardEvent } from 'react';
import type { Tag } from '../../core/domain';
import { isCommand } from '../hooks';
import { childTags } from '../tags';
import { TagSwatch } from './TagSwatch';

export interface TreeCommands {
  select(id: string): void;
  toggle(id: string, expand?: boolean): void;
  /** Reorder: -1 up, +1 down among siblings. */
  reorder(tag: Tag, delta: -1 | 1): void;
  /** Out of the parent (after it), or into the sibling above (last). */
  outdent(tag: Tag): void;
  indent(tag: Tag): void;
  create(parent: Tag): void;
  rename(tag: Tag): void;
  remove(tag: Tag): void;
  merge(tag: Tag): void;
}

export function CodebookTree({
  tags,
  selectedId,
  collapsed,
  commands,
}: {
  tags: readonly Tag[];
  selectedId: string;
  collapsed: ReadonlySet<string>;
  commands: TreeCommands;
}) {
  const treeRef = useRef<HTMLUListElement>(null);
  // The rows as shown (collapsed branches skipped), for ↑/↓, Home and End.
  const visible: Tag[] = [];
  const walk = (parentId: string | null) => {
    for (const tag of childTags(tags, parentId)) {
      visible.push(tag);
      if (!collapsed.has(tag.id)) walk(tag.id);
    }
  };
  walk(null);

  useEffect(() => {
    // Keep the selected row in view and focused when the tree has the focus (after a reorder).
    const tree = treeRef.current;
    const row = tree?.querySelector<HTMLElement>(`[data-tag-id="${CSS.escape(selectedId)}"]`);
    row?.scrollIntoView({ block: 'nearest' });
    if (tree?.contains(document.activeElement) && document.activeElement !== row) row?.focus();
  }, [selectedId, tags]);

  function onKeyDown(event: ReactKeyboardEvent, tag: Tag) {
    const index = visible.findIndex((t) => t.id === tag.id);
    const hasChildren = tags.some((t) => t.parentId === tag.id);
    const go = (target: Tag | undefined) => target && focusRow(target.id);
    let handled = true;
    if (event.altKey && !event.ctrlKey && !event.metaKey) {
      if (event.key === 'ArrowUp') commands.reorder(tag, -1);
      else if (event.key === 'ArrowDown') commands.reorder(tag, 1);
      else if (event.key === 'ArrowLeft') commands.outdent(tag);
      else if (event.key === 'ArrowRight') commands.indent(tag);
      else handled = false;
    } else if (isCommand(event.nativeEvent) && event.key.toLowerCase() === 'm') {
      commands.merge(tag);
    } else if (event.ctrlKey || event.metaKey || event.altKey) {
      handled = false;
    } else if (event.key === 'ArrowDown') go(visible[index + 1]);
    else if (event.key === 'ArrowUp') go(visible[index - 1]);
    else if (event.key === 'Home') go(visible[0]);
    else if (event.key === 'End') go(visible[visible.length - 1]);
    else if (event.key === 'ArrowRight') {
      if (hasChildren && collapsed.has(tag.id)) commands.toggle(tag.id, true);
      else go(childTags(tags, tag.id)[0]);
    } else if (event.key === 'ArrowLeft') {
      if (hasChildren && !collapsed.has(tag.id)) commands.toggle(tag.id, false);
      else go(tags.find((t) => t.id === tag.parentId));
    } else if (event.key === 'Insert' || event.key === '+') commands.create(tag);
    else if (event.key === 'F2' || event.key === 'Enter') commands.rename(tag);
    else if (event.key === 'Delete') commands.remove(tag);
    else handled = false;
    if (handled) {
      event.preventDefault();
      event.stopPropagation();
    }
  }

  function focusRow(id: string) {
    commands.select(id);
    treeRef.current?.querySelector<HTMLElement>(`[data-tag-id="${CSS.escape(id)}"]`)?.focus();
  }

  const renderLevel = (parentId: string | null, level: number) =>
    childTags(tags, parentId).map((tag) => {
      const children = childTags(tags, tag.id);
      const open = !collapsed.has(tag.id);
      const selected = tag.id === selectedId;
      return (
        <li
          key={tag.id}
          role="treeitem"
          aria-level={level}
          aria-selected={selected}
          aria-expanded={children.length ? open : undefined}
          aria-label={tag.hotkey ? `${tag.name} (${tag.hotkey.toUpperCase()})` : tag.name}
          data-tag-id={tag.id}
          tabIndex={selected ? 0 : -1}
          // The dialog opens with the focus on the tree, where ↑↓, Insert and F2 work at once.
          data-autofocus={selected ? true : undefined}
          className="cb-item"
          onKeyDown={(event) => {
            if (event.target === event.currentTarget) onKeyDown(event, tag);
          }}
          onClick={(event) => {
            event.stopPropagation();
            focusRow(tag.id);
          }}
        >
          <div
            className={selected ? 'cb-row cb-row-selected' : 'cb-row'}
            style={{ paddingLeft: 6 + (level - 1) * 16 }}
          >
            <span
              className="cb-twisty"
              aria-hidden="true"
              onClick={(event) => {
                event.stopPropagation();
                if (children.length) commands.toggle(tag.id);
              }}
            >
              {children.length ? (open ? '▾' : '▸') : ''}
            </span>
            <TagSwatch color={tag.color} />
            <span className="cb-name">{tag.name}</span>
            {tag.hotkey && <kbd className="cb-kbd">{tag.hotkey.toUpperCase()}</kbd>}
          </div>
          {children.length > 0 && open && (
            <ul role="group" className="cb-group">
              {renderLevel(tag.id, level + 1)}
            </ul>
          )}
        </li>
      );
    });

  return (
    <ul ref={treeRef} role="tree" aria-label="Tags" className="cb-tree">
      {renderLevel(null, 1)}
    </ul>
  );
}
