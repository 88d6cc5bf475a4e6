/**
 * Asks where a tag's annotations go before it is deleted or merged, and says what will happen:
 * how many annotations in how many documents move, where its sub-tags go, that its attributes
 * are removed but the values given are kept.
 */
import { useEffect, useId, useState } from 'react';
import type { TagUsage } from '../../core/api-codebook';
import type { Tag } from '../../core/domain';
import { errorMessage, useApp } from '../app-context';
import { UNDOABLE_MOVE_LIMIT } from '../codebook-actions';
import { tagDepth } from '../tags';
import { Dialog } from './Dialog';

export interface RemovalChoice {
  mode: 'merge' | 'delete';
  /** The target of a merge, or where a deleted tag's annotations go (none when it has none). */
  targetId: string | undefined;
  undoable: boolean;
}

export function TagRemovalDialog({
  tag,
  mode,
  onCancel,
  onConfirm,
}: {
  tag: Tag;
  mode: 'merge' | 'delete';
  onCancel(): void;
  onConfirm(choice: RemovalChoice): void;
}) {
  const { api, tags, tagById } = useApp();
  const id = useId();
  const [usage, setUsage] = useState<TagUsage | null>(null);
  const [error, setError] = useState<string | null>(null);
  // Not the tag itself; for a merge, not one of its own sub-tags either.
  const excluded = new Set([tag.id]);
  if (mode === 'merge') {
    for (let grew = true; grew;) {
      grew = false;
      for (const t of tags) {
        if (t.parentId && excluded.has(t.parentId) && !excluded.has(t.id)) {
          excluded.add(t.id);
          grew = true;
        }
      }
    }
  }
  const targets = tags.filter((t) => !excluded.has(t.id));
  const [targetId, setTargetId] = useState<string>(
    mode === 'delete' && tag.parentId ? tag.parentId : (targets[0]?.id ?? ''),
  );

  useEffect(() => {
    let live = true;
    api.getTagUsage({ id: tag.id }).then(
      (u) => live && setUsage(u),
      (e: unknown) => live && setError(errorMessage(e)),
    );
    return () => {
      live = false;
    };
  }, [api, tag.id]);

  const needsTarget = mode === 'merge' || (usage?.live ?? 0) > 0;
  const undoable = (usage?.total ?? 0) <= UNDOABLE_MOVE_LIMIT;
  const children = tags.filter((t) => t.parentId === tag.id);
  const parentName = tag.parentId ? tagById.get(tag.parentId)?.name : undefined;
  const targetName = tagById.get(targetId)?.name ?? '…';
  const count = usage
    ? `${usage.live} annotation${usage.live === 1 ? '' : 's'} in ${usage.documents} document${usage.documents === 1 ? '' : 's'}`
    : 'Its annotations';

  return (
    <Dialog
      open
      title={mode === 'merge' ? `Merge “${tag.name}” into another tag` : `Delete “${tag.name}”`}
      onClose={onCancel}
      className="dialog-wide cb-removal"
      describedBy={`${id}-summary`}
    >
      <form
        onSubmit={(event) => {
          event.preventDefault();
          if (!usage) return;
          onConfirm({ mode, targetId: needsTarget ? targetId : undefined, undoable });
        }}
      >
        {needsTarget && (
          <div className="field-stack">
            <label className="field-label" htmlFor={`${id}-target`}>
              {mode === 'merge' ? 'Merge into' : 'Its annotations go to'}
            </label>
            <select
              id={`${id}-target`}
              className="select"
              value={targetId}
              data-autofocus
              onChange={(event) => setTargetId(event.target.value)}
            >
              {targets.map((t) => (
                <option key={t.id} value={t.id}>
                  {'\u2003'.repeat(tagDepth(t, tagById))}
                  {t.name}
                </option>
              ))}
            </select>
          </div>
        )}
        <ul id={`${id}-summary`} className="cb-removal-summary">
          <li>
            {usage && usage.live === 0 && mode === 'delete'
              ? 'It has no annotations.'
              : `${count} will be tagged “${targetName}”.`}
          </li>
          {children.length > 0 && (
            <li>
              Its sub-tags ({children.map((c) => c.name).join(', ')}) move under “
              {mode === 'merge' ? targetName : parentName}”.
            </li>
          )}
          <li>
            Its own attributes are removed; values already given stay with the annotations and
            return if the tag is brought back.
          </li>
          <li>
            {undoable
              ? 'Ctrl+Z in the codebook undoes it.'
              : 'It moves so many annotations that it cannot be undone.'}
          </li>
        </ul>
        {error && (
          <p role="alert" className="form-error">
            {error}
          </p>
        )}
        <div className="dialog-actions">
          <button type="button" className="button" onClick={onCancel}>
            Cancel
          </button>
          <button
            type="submit"
            className="button button-danger"
            disabled={!usage || (needsTarget && !targetId)}
            data-autofocus={!needsTarget || undefined}
          >
            {mode === 'merge' ? 'Merge' : 'Delete tag'}
          </button>
        </div>
      </form>
    </Dialog>
  );
}
