import type { Tag } from '../../core/domain';
import { IS_MAC } from '../hooks';
import { BackIcon, ExportIcon, InfoIcon, RedoIcon, UndoIcon } from './icons';
import { SearchButton } from './SearchView';
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
  /** Opens the entities view (Ctrl+Shift+E). */
  onEntities?(): void;
  /** Whether the document's memos are shown, and their toggle (Ctrl+Shift+M). */
  memosOpen?: boolean;
  onMemos?(): void;
  /** Opens the codebook manager (Ctrl+Shift+K). */
  onCodebook?(): void;
  /** "Edit text" mode (F2): off, or on with its Save and Cancel. */
  textEdit?: {
    editing: boolean;
    changed: boolean;
    saving: boolean;
    onEdit(): void;
    onSave(): void;
    onCancel(): void;
  };
}

const MOD = IS_MAC ? '⌘' : 'Ctrl+';

/** The accessible name of a tag's button, e.g. "Tag as Claim (C)". */
export function tagButtonLabel(tag: Tag): string {
  return tag.hotkey ? `Tag as ${tag.name} (${tag.hotkey.toUpperCase()})` : `Tag as ${tag.name}`;
}

/** A sub-tag in the toolbar's menu: indented by depth, with its key, e.g. "  Person (P)". */
function subTagLabel(tag: Tag, tags: readonly Tag[]): string {
  let depth = 0;
  for (let p = tag.parentId; p !== null && depth < 16; depth++) {
    p = tags.find((t) => t.id === p)?.parentId ?? null;
  }
  const key = tag.hotkey ? ` (${tag.hotkey.toUpperCase()})` : '';
  return `${'\u2003'.repeat(Math.max(0, depth - 1))}${tag.name}${key}`;
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
  // The roots get a button; sub-tags (any depth, many with hotkeys) a menu beside them, so a
  // large codebook never pushes the other tools off the bar.
  const toolbarTags = tools?.tags.filter((t) => t.parentId === null) ?? [];
  const subTags = tools?.tags.filter((t) => t.parentId !== null) ?? [];
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
          {tools.textEdit && <TextEditButtons {...tools.textEdit} />}
          {/* While the text is edited nothing can be tagged: Save and Cancel take the place of
              the tag buttons, and the title keeps its room. */}
          {!tools.textEdit?.editing && (
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
                  disabled={!tools.hasSelection || !!tools.textEdit?.editing}
                  // Keep the focus (and so the visible selection) in the article.
                  onMouseDown={(event) => event.preventDefault()}
                  onClick={() => tools.onTag(tag)}
                >
                  <TagSwatch color={tag.color} />
                  {tag.name}
                  {tag.hotkey && <kbd>{tag.hotkey.toUpperCase()}</kbd>}
                </button>
              ))}
              {subTags.length > 0 && (
                <select
                  className="select tag-more"
                  aria-label="Tag as a sub-tag"
                  title={
                    tools.hasSelection
                      ? 'Tag the selection as a sub-tag (or press its key)'
                      : 'Select text in the article first'
                  }
                  value=""
                  disabled={!tools.hasSelection || !!tools.textEdit?.editing}
                  onChange={(event) => {
                    const tag = subTags.find((t) => t.id === event.target.value);
                    if (tag) tools.onTag(tag);
                  }}
                >
                  <option value="">Sub-tag…</option>
                  {subTags.map((tag) => (
                    <option key={tag.id} value={tag.id}>
                      {subTagLabel(tag, tools.tags)}
                    </option>
                  ))}
                </select>
              )}
            </div>
          )}
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
          {tools.onMemos && (
            <button
              type="button"
              className="button"
              aria-pressed={!!tools.memosOpen}
              title={`Memos on this document (${MOD}Shift+M)`}
              onClick={tools.onMemos}
            >
              Memos
            </button>
          )}
          {tools.onCodebook && (
            <button
              type="button"
              className="button"
              title={`Codebook: tags, hotkeys and attributes (${MOD}Shift+K)`}
              onClick={tools.onCodebook}
            >
              Codebook
            </button>
          )}
          {tools.onEntities && (
            <button
              type="button"
              className="button"
              title={`Entities: the registry of people, organisations, places (${MOD}Shift+E)`}
              onClick={tools.onEntities}
            >
              Entities
            </button>
          )}
          <button type="button" className="button" onClick={tools.onExport}>
            <ExportIcon />
            Export…
          </button>
        </div>
      )}
      <div className="topbar-actions">
        <SearchButton />
        <ThemeToggle />
      </div>
    </header>
  );
}

/** "Edit text" (F2); while editing, Save (Ctrl+Enter) and Cancel (Esc) instead. */
function TextEditButtons({
  editing,
  changed,
  saving,
  onEdit,
  onSave,
  onCancel,
}: NonNullable<ReaderTools['textEdit']>) {
  if (!editing) {
    return (
      <button
        type="button"
        className="button"
        title="Edit the text: fix OCR errors, trim boilerplate (F2)"
        onClick={onEdit}
      >
        Edit text
        <kbd>F2</kbd>
      </button>
    );
  }
  return (
    <div className="toolbar-group" role="group" aria-label="Text edit">
      <button
        type="button"
        className="button button-primary"
        title={`Save the edited text as a new version (${MOD}Enter)`}
        disabled={saving || !changed}
        onMouseDown={(event) => event.preventDefault()}
        onClick={onSave}
      >
        {saving ? 'Saving…' : 'Save text'}
      </button>
      <button
        type="button"
        className="button"
        title="Cancel the edit (Esc)"
        disabled={saving}
        onMouseDown={(event) => event.preventDefault()}
        onClick={onCancel}
      >
        Cancel edit
      </button>
    </div>
  );
}
