/**
 * The codebook manager (Ctrl+Shift+K, from the library and the reader): the tree of tags on the
 * left, the selected tag's settings and attributes on the right. Every change is saved at once
 * as a step of the project history, so Ctrl+Z here undoes it (even after a restart); the app's
 * tags reload after each one. Codebooks are exported and imported as JSON files.
 */
import { useCallback, useEffect, useId, useRef, useState } from 'react';
import type { Tag } from '../../core/domain';
import { errorMessage, useApp } from '../app-context';
import { createTag, importCodebook, moveTag, removeTag } from '../codebook-actions';
import { downloadText } from '../files';
import { IS_MAC } from '../hooks';
import { projectHistory, useProjectUndoShortcuts } from '../project-history';
import { childTags } from '../tags';
import '../codebook.css';
import { CodebookTree } from './CodebookTree';
import type { TreeCommands } from './CodebookTree';
import { Dialog } from './Dialog';
import { parseCodebookFile, reportLines } from '../codebook-file';
import { TagDetails } from './TagDetails';
import { TagRemovalDialog } from './TagRemovalDialog';
import type { RemovalChoice } from './TagRemovalDialog';

const MOD = IS_MAC ? '⌘' : 'Ctrl+';

export function CodebookDialog({ onClose }: { onClose(): void }) {
  const { api, shell, tags, tagById, reloadTags } = useApp();
  const id = useId();
  const bodyRef = useRef<HTMLDivElement>(null);
  const fileRef = useRef<HTMLInputElement>(null);
  const [selectedId, setSelectedId] = useState(tags[0]?.id ?? '');
  const [collapsed, setCollapsed] = useState<ReadonlySet<string>>(() => new Set());
  const [status, setStatus] = useState<string>('');
  const [error, setError] = useState<string | null>(null);
  const [removal, setRemoval] = useState<{ tag: Tag; mode: 'merge' | 'delete' } | null>(null);
  const [report, setReport] = useState<string[] | null>(null);
  const history = useProjectUndoShortcuts(api, true, {
    target: () => bodyRef.current,
    onError: (e) => setError(errorMessage(e)),
  });
  const selected = tagById.get(selectedId) ?? tags[0];

  /** Runs a change; reloads the tags, then says `done` (or the error) in the dialog. */
  const run = useCallback(
    async <T,>(action: () => Promise<T>, done = 'Saved'): Promise<T | undefined> => {
      setError(null);
      try {
        const result = await action();
        await reloadTags();
        setStatus(done);
        return result;
      } catch (e) {
        setError(errorMessage(e));
        return undefined;
      }
    },
    [reloadTags],
  );

  const focusName = () =>
    requestAnimationFrame(() => {
      const input = bodyRef.current?.querySelector<HTMLInputElement>('[data-role="tag-name"]');
      input?.focus();
      input?.select();
    });
  // A tag just created gets the caret in its name once its details are shown: a frame is not
  // enough, React may not have rendered them yet (and the focus would land in the old ones).
  const nameToFocus = useRef<string | null>(null);
  useEffect(() => {
    if (!selected || nameToFocus.current !== selected.id) return;
    nameToFocus.current = null;
    const input = bodyRef.current?.querySelector<HTMLInputElement>('[data-role="tag-name"]');
    input?.focus();
    input?.select();
  }, [selected]);

  const commands: TreeCommands = {
    select: setSelectedId,
    toggle: (tagId, expand) =>
      setCollapsed((current) => {
        const next = new Set(current);
        const open = expand ?? next.has(tagId);
        if (open) next.delete(tagId);
        else next.add(tagId);
        return next;
      }),
    reorder: (tag, delta) => {
      const siblings = childTags(tags, tag.parentId);
      const index = siblings.findIndex((t) => t.id === tag.id);
      const to = index + delta;
      if (to < 0 || to >= siblings.length) return;
      void run(
        () => moveTag(api, tag, tag.parentId, to),
        `Moved “${tag.name}” ${delta < 0 ? 'up' : 'down'}`,
      );
    },
    outdent: (tag) => {
      const parent = tag.parentId ? tagById.get(tag.parentId) : undefined;
      if (!parent || parent.parentId === null) {
        return setError(
          `“${tag.name}” stays under ${parent ? parent.name : 'the roots'}: a sub-tag sits under Claim, Entity or Opinion.`,
        );
      }
      void run(
        () => moveTag(api, tag, parent.parentId, parent.position + 1),
        `Moved “${tag.name}” out of “${parent.name}”`,
      );
    },
    indent: (tag) => {
      const siblings = childTags(tags, tag.parentId);
      const above = siblings[siblings.findIndex((t) => t.id === tag.id) - 1];
      if (!above || tag.parentId === null) return;
      const last = childTags(tags, above.id).length;
      setCollapsed((current) => new Set([...current].filter((x) => x !== above.id)));
      void run(() => moveTag(api, tag, above.id, last), `Moved “${tag.name}” into “${above.name}”`);
    },
    create: (parent) => {
      const names = new Set(childTags(tags, parent.id).map((t) => t.name.toLowerCase()));
      let name = 'New tag';
      for (let n = 2; names.has(name.toLowerCase()); n++) name = `New tag ${n}`;
      setCollapsed((current) => new Set([...current].filter((x) => x !== parent.id)));
      void run(
        () => createTag(api, { parentId: parent.id, name }),
        `Added “${name}” under “${parent.name}”: type its name`,
      ).then((created) => {
        if (!created) return;
        nameToFocus.current = created.id;
        setSelectedId(created.id);
      });
    },
    rename: () => focusName(),
    remove: (tag) => {
      if (tag.parentId === null)
        return setError(`“${tag.name}” is a root of the codebook and cannot be deleted.`);
      setRemoval({ tag, mode: 'delete' });
    },
    merge: (tag) => {
      if (tag.parentId === null)
        return setError(`“${tag.name}” is a root of the codebook and cannot be merged.`);
      setRemoval({ tag, mode: 'merge' });
    },
  };

  function confirmRemoval(tag: Tag, choice: RemovalChoice) {
    setRemoval(null);
    const how =
      choice.mode === 'merge' ? { mergeInto: choice.targetId } : { deleteTo: choice.targetId };
    const target = choice.targetId ? tagById.get(choice.targetId) : undefined;
    void run(
      () => removeTag(api, tag, how, choice.undoable),
      choice.mode === 'merge'
        ? `Merged “${tag.name}” into “${target?.name}”`
        : `Deleted “${tag.name}”${target ? `; its annotations are now “${target.name}”` : ''}`,
    ).then((done) => {
      if (!done) return;
      setSelectedId(choice.mode === 'merge' && target ? target.id : (tag.parentId ?? tags[0]!.id));
      requestAnimationFrame(() =>
        bodyRef.current?.querySelector<HTMLElement>('[role="treeitem"][tabindex="0"]')?.focus(),
      );
    });
  }

  async function exportFile() {
    const file = await run(() => api.exportCodebook({}), 'Codebook exported');
    if (!file) return;
    const name = `gloss-codebook-${file.exportedAt.slice(0, 10)}.json`;
    const content = `${JSON.stringify(file, null, 2)}\n`;
    try {
      if (shell) {
        const where = await shell.saveExport(name, content);
        if (where) setStatus(`Codebook saved to ${where}`);
      } else downloadText(name, content, 'application/json');
    } catch (e) {
      setError(errorMessage(e));
    }
  }

  async function importFile(file: File) {
    setError(null);
    setReport(null);
    const parsed = parseCodebookFile(await file.text(), file.name);
    if (!parsed.ok) return setError(parsed.message);
    const result = await run(() => importCodebook(api, parsed.codebook), `Imported ${file.name}`);
    if (result) setReport(reportLines(result.report, result.undoable));
  }

  return (
    <Dialog
      open
      title="Codebook"
      onClose={onClose}
      className="cb-dialog"
      describedBy={`${id}-hint`}
    >
      <div ref={bodyRef} className="cb-body">
        <div className="cb-toolbar" role="toolbar" aria-label="Codebook">
          <button
            type="button"
            className="button button-small"
            onClick={() => selected && commands.create(selected)}
            title="New sub-tag of the selected tag (Insert)"
          >
            New sub-tag
          </button>
          <button
            type="button"
            className="button button-small"
            disabled={!selected?.parentId}
            onClick={() => selected && commands.merge(selected)}
            title={`Merge the selected tag into another (${MOD}M)`}
          >
            Merge into…
          </button>
          <button
            type="button"
            className="button button-small button-danger-ghost"
            disabled={!selected?.parentId}
            onClick={() => selected && commands.remove(selected)}
            title="Delete the selected tag (Delete)"
          >
            Delete…
          </button>
          <span className="cb-toolbar-gap" />
          <button
            type="button"
            className="button button-small"
            disabled={!history.canUndo}
            onClick={() => void projectUndo(api, 'undo', run)}
            title={history.undoLabel ? `Undo ${history.undoLabel} (${MOD}Z)` : `Undo (${MOD}Z)`}
          >
            Undo
          </button>
          <button
            type="button"
            className="button button-small"
            disabled={!history.canRedo}
            onClick={() => void projectUndo(api, 'redo', run)}
            title={history.redoLabel ? `Redo ${history.redoLabel}` : 'Redo'}
          >
            Redo
          </button>
          <span className="cb-toolbar-gap" />
          <button type="button" className="button button-small" onClick={() => void exportFile()}>
            Export JSON
          </button>
          <button
            type="button"
            className="button button-small"
            onClick={() => fileRef.current?.click()}
          >
            Import JSON…
          </button>
          <input
            ref={fileRef}
            type="file"
            accept=".json,application/json"
            className="visually-hidden"
            tabIndex={-1}
            aria-label="Codebook file to import"
            onChange={(event) => {
              const file = event.target.files?.[0];
              event.target.value = '';
              if (file) void importFile(file);
            }}
          />
        </div>
        <div className="cb-columns">
          <CodebookTree
            tags={tags}
            selectedId={selected?.id ?? ''}
            collapsed={collapsed}
            commands={commands}
          />
          {selected && <TagDetails key={selected.id} tag={selected} run={run} />}
        </div>
        {error && (
          <p role="alert" className="form-error cb-error">
            {error}
          </p>
        )}
        {report && (
          <div className="cb-report" role="region" aria-label="Import report">
            <ul>
              {report.map((line) => (
                <li key={line}>{line}</li>
              ))}
            </ul>
          </div>
        )}
        <div className="cb-footer">
          <p id={`${id}-hint`} className="muted cb-hint">
            ↑↓ move · Alt+↑↓ reorder · Alt+←→ out of / into · Insert new · F2 rename · Delete delete
            · {MOD}M merge · {MOD}Z undo
          </p>
          <span role="status" className="cb-status">
            {status}
          </span>
          <button type="button" className="button" onClick={onClose}>
            Close
          </button>
        </div>
      </div>
      {removal && (
        <TagRemovalDialog
          tag={removal.tag}
          mode={removal.mode}
          onCancel={() => setRemoval(null)}
          onConfirm={(choice) => confirmRemoval(removal.tag, choice)}
        />
      )}
    </Dialog>
  );
}

/** Undo or redo of the project history from the toolbar's buttons, reloading the tags. */
function projectUndo(
  api: ReturnType<typeof useApp>['api'],
  direction: 'undo' | 'redo',
  run: <T>(action: () => Promise<T>, done?: string) => Promise<T | undefined>,
) {
  const history = projectHistory(api);
  return run(
    () => (direction === 'undo' ? history.undo() : history.redo()),
    direction === 'undo' ? 'Undone' : 'Redone',
  );
}
