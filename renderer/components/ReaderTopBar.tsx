import type { Tag } from '../../core/domain';
import { IS_MAC } from '../hooks';
import { BackIcon, ExportIcon, InfoIcon, RedoIcon, UndoIcon } from './icons';
import { TagSwatch } from './TagSwatch';
import { ThemeToggle } from './ThemeToggle';

/** The reader's tools; absent while the document is loading. */
export interface ReaderTools {
  tags: readonly Tag[];
  hasSelection: boolean;
  canUndo: boolean;
  canRedo: boolean;
  onTag(tag: Tag): void;
  onUndo(): void;
  onRedo(): void;
  onExport(): void;
  /** Opens the document's details (source, encoding, hash) and "Re-import as…". */
  onDetails(): void;
}

const MOD = IS_MAC ? '⌘' : 'Ctrl+';

/** The accessible name of a tag's button, e.g. "Tag as Claim (C)". */
export function tagButtonLabel(tag: Tag): string {
  return tag.hotkey ? `Tag as ${tag.name} (${tag.hotkey.toUpperCase()})` : `Tag as ${tag.name}`;
}

/**
 * The reader's top bar: back to the library, the document's title, one button per tag (the
 * mouse twin of the hotkeys), undo/redo, export and the theme switch.
 */
export function ReaderTopBar({
  title,
  onBack,
  tools,
}: {
  title: string;
  onBack: () => void;
  tools?: ReaderTools;
}) {
  // Root tags and tags with a hotkey get a button; the rest are reachable from the panel.
  const toolbarTags = tools?.tags.filter((t) => t.parentId === null || t.hotkey) ?? [];
  return (
    <header className="topbar topbar-reader">
      <button
        type="button"
        className="button button-ghost back-button"
        onClick={onBack}
        title="Back to the library (Alt+←)"
      >
        <BackIcon />
        Library
      </button>
      <h1 className="doc-title" title={title}>
        {title}
      </h1>
      {tools && (
        <div className="toolbar">
          <div className="toolbar-group" role="group" aria-label="Tag the selection">
            {toolbarTags.map((tag) => (
              <button
                key={tag.id}
                type="button"
                className="button tag-button"
                aria-label={tagButtonLabel(tag)}
                title={
                  tools.hasSelection ? tagButtonLabel(tag) : 'Select text in the article first'
                }
                disabled={!tools.hasSelection}
                // Keep the focus (and so the visible selection) in the article.
                onMouseDown={(event) => event.preventDefault()}
                onClick={() => tools.onTag(tag)}
              >
                <TagSwatch color={tag.color} />
                {tag.name}
                {tag.hotkey && <kbd>{tag.hotkey.toUpperCase()}</kbd>}
              </button>
            ))}
          </div>
          <div className="toolbar-group" role="group" aria-label="History">
            <button
              type="button"
              className="icon-button"
              aria-label="Undo"
              title={`Undo (${MOD}Z)`}
              disabled={!tools.canUndo}
              onMouseDown={(event) => event.preventDefault()}
              onClick={tools.onUndo}
            >
              <UndoIcon />
            </button>
            <button
              type="button"
              className="icon-button"
              aria-label="Redo"
              title={`Redo (${MOD}Shift+Z)`}
              disabled={!tools.canRedo}
              onMouseDown={(event) => event.preventDefault()}
              onClick={tools.onRedo}
            >
              <RedoIcon />
            </button>
          </div>
          <button
            type="button"
            className="icon-button"
            aria-label="Document details"
            title="Document details: source, encoding, SHA-256, re-import"
            onClick={tools.onDetails}
          >
            <InfoIcon />
          </button>
          <button type="button" className="button" onClick={tools.onExport}>
            <ExportIcon />
            Export…
          </button>
        </div>
      )}
      <div className="topbar-actions">
        <ThemeToggle />
      </div>
    </header>
  );
}
