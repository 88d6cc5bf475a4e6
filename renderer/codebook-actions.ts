/**
 * Every change to the codebook as one undoable step of the project history: the calls that do
 * it and the calls that undo it (computed from what the service returned, e.g. where a merge
 * sent the annotations). Ctrl+Z in the codebook dialog undoes them, even after a restart.
 */
import type { GlossApi } from '../core/api';
import type { CodebookImportChange, CodebookImportReport, TagRemoval } from '../core/api-codebook';
import type { CodebookFile } from '../core/codebook-rules';
import type { AttributeDef, HistoryCall, Tag } from '../core/domain';
import { historyCall, historyStepProblem } from '../core/history-rules';
import { performProjectStep, projectHistory } from './project-history';
import type { PerformStep } from './undo';

type TagPatch = Partial<Pick<Tag, 'name' | 'color' | 'hotkey' | 'description'>>;
type AttributePatch = Partial<
  Pick<AttributeDef, 'name' | 'key' | 'type' | 'choices' | 'description'>
>;

/** Annotations a removal may move and still be undoable (the stored undo step has a size cap). */
export const UNDOABLE_MOVE_LIMIT = 5000;

const first = <T>(results: unknown[]) => results[0] as T;

export function createTag(
  api: GlossApi,
  args: { parentId: string; name: string; hotkey?: string | null; position?: number },
): Promise<Tag> {
  return perform(api, {
    label: `New tag “${args.name}”`,
    redo: [historyCall('createTag', args)],
    undo: (r) => [historyCall('deleteTag', { id: first<Tag>(r).id })],
    // Redone by bringing back the same tag, so later steps that name its id still apply.
    replay: (r) => [historyCall('restoreTag', { id: first<Tag>(r).id })],
  }).then(first<Tag>);
}

export function updateTag(api: GlossApi, tag: Tag, patch: TagPatch): Promise<Tag> {
  const before: TagPatch = {};
  for (const key of Object.keys(patch) as (keyof TagPatch)[]) {
    (before as Record<string, unknown>)[key] = tag[key];
  }
  const what =
    patch.name !== undefined
      ? `Rename “${tag.name}”`
      : patch.hotkey !== undefined
        ? `Hotkey of “${tag.name}”`
        : patch.color !== undefined
          ? `Colour of “${tag.name}”`
          : `Description of “${tag.name}”`;
  return perform(api, {
    label: what,
    redo: [historyCall('updateTag', { id: tag.id, ...patch })],
    undo: [historyCall('updateTag', { id: tag.id, ...before })],
  }).then(first<Tag>);
}

/** Moves a tag to `position` under `parentId` (the same parent: a reorder). */
export function moveTag(
  api: GlossApi,
  tag: Tag,
  parentId: string | null,
  position: number,
): Promise<Tag> {
  return perform(api, {
    label: parentId === tag.parentId ? `Reorder “${tag.name}”` : `Move “${tag.name}”`,
    redo: [historyCall('moveTag', { id: tag.id, parentId, position })],
    undo: [historyCall('moveTag', { id: tag.id, parentId: tag.parentId, position: tag.position })],
  }).then(first<Tag>);
}

/** Deletes a tag (annotations to `reassignTo`) or merges it into `mergeInto`. */
export function removeTag(
  api: GlossApi,
  tag: Tag,
  how: { deleteTo?: string; mergeInto?: string },
  undoable: boolean,
): Promise<TagRemoval> {
  const redo: HistoryCall =
    how.mergeInto !== undefined
      ? historyCall('mergeTags', { sourceId: tag.id, targetId: how.mergeInto })
      : historyCall('deleteTag', {
          id: tag.id,
          ...(how.deleteTo ? { reassignTo: how.deleteTo } : {}),
        });
  if (!undoable) {
    // Too many annotations to store the way back: done directly, outside the history.
    const call = api[redo.method as 'mergeTags' | 'deleteTag'] as (a: unknown) => Promise<unknown>;
    return call(redo.args) as Promise<TagRemoval>;
  }
  return perform(api, {
    label: how.mergeInto !== undefined ? `Merge “${tag.name}”` : `Delete “${tag.name}”`,
    redo: [redo],
    undo: (r) => {
      const removal = first<TagRemoval>(r);
      return [
        historyCall('restoreTag', {
          id: removal.tag.id,
          attributeIds: removal.attributeIds,
          children: removal.children,
          ...(removal.reassignedTo
            ? { annotationIds: removal.annotationIds, annotationsFrom: removal.reassignedTo }
            : {}),
        }),
      ];
    },
  }).then(first<TagRemoval>);
}

export function createAttributeDef(
  api: GlossApi,
  args: Omit<AttributeDef, 'id' | 'key' | 'position'> & { key?: string },
): Promise<AttributeDef> {
  const { tagId, name, type, choices, description, key } = args;
  return perform(api, {
    label: `New attribute “${name}”`,
    redo: [
      historyCall('createAttributeDef', {
        tagId,
        name,
        type,
        ...(choices.length ? { choices } : {}),
        ...(description ? { description } : {}),
        ...(key ? { key } : {}),
      }),
    ],
    undo: (r) => [historyCall('deleteAttributeDef', { id: first<AttributeDef>(r).id })],
    replay: (r) => [historyCall('restoreAttributeDef', { id: first<AttributeDef>(r).id })],
  }).then(first<AttributeDef>);
}

export function updateAttributeDef(
  api: GlossApi,
  def: AttributeDef,
  patch: AttributePatch,
): Promise<AttributeDef> {
  const before: AttributePatch = {};
  for (const key of Object.keys(patch) as (keyof AttributePatch)[]) {
    (before as Record<string, unknown>)[key] = def[key];
  }
  // The type and the choices are checked together: undo writes both back when either changed.
  if (patch.type !== undefined || patch.choices !== undefined) {
    before.type = def.type;
    before.choices = def.choices;
  }
  return perform(api, {
    label: `Edit attribute “${def.name}”`,
    redo: [historyCall('updateAttributeDef', { id: def.id, ...patch })],
    undo: [historyCall('updateAttributeDef', { id: def.id, ...before })],
  }).then(first<AttributeDef>);
}

export function moveAttributeDef(
  api: GlossApi,
  def: AttributeDef,
  position: number,
): Promise<AttributeDef> {
  return perform(api, {
    label: `Reorder attribute “${def.name}”`,
    redo: [historyCall('moveAttributeDef', { id: def.id, position })],
    undo: [historyCall('moveAttributeDef', { id: def.id, position: def.position })],
  }).then(first<AttributeDef>);
}

export function deleteAttributeDef(api: GlossApi, def: AttributeDef): Promise<AttributeDef> {
  return perform(api, {
    label: `Delete attribute “${def.name}”`,
    redo: [historyCall('deleteAttributeDef', { id: def.id })],
    undo: [historyCall('restoreAttributeDef', { id: def.id })],
  }).then(first<AttributeDef>);
}

/**
 * Imports a codebook file and records it as one step whose undo reverses each change it made
 * (newest first) and whose redo replays them. An import too large to store as a step is done
 * all the same and reported as not undoable.
 */
export async function importCodebook(
  api: GlossApi,
  codebook: CodebookFile,
): Promise<{ report: CodebookImportReport; undoable: boolean }> {
  const project = projectHistory(api);
  await project.load();
  return project.history.enqueue(async () => {
    const report = await api.importCodebook({ codebook });
    if (report.changes.length === 0) return { report, undoable: true };
    const step = {
      label: 'Import codebook',
      undo: report.changes.map(undoCall).reverse(),
      redo: report.changes.map(redoCall),
    };
    if (historyStepProblem(step)) return { report, undoable: false };
    await project.history.record(step);
    return { report, undoable: true };
  });
}

const undoCall = (change: CodebookImportChange): HistoryCall => changeCall(change, 'before');
const redoCall = (change: CodebookImportChange): HistoryCall => changeCall(change, 'after');

/**
 * The call that puts one imported change's row in its state `before` the import (undo) or
 * `after` it (redo): a created row is deleted or restored, an updated one gets its fields back.
 */
function changeCall(change: CodebookImportChange, side: 'before' | 'after'): HistoryCall {
  const created = change.action === 'created';
  if (change.kind === 'tag') {
    if (created)
      return historyCall(side === 'before' ? 'deleteTag' : 'restoreTag', { id: change.id });
    const { name, color, hotkey, description } = change[side];
    return historyCall('updateTag', { id: change.id, name, color, hotkey, description });
  }
  if (created) {
    const method = side === 'before' ? 'deleteAttributeDef' : 'restoreAttributeDef';
    return historyCall(method, { id: change.id });
  }
  const { name, key, type, choices, description } = change[side];
  return historyCall('updateAttributeDef', {
    id: change.id,
    name,
    key,
    type,
    choices,
    description,
  });
}

function perform(api: GlossApi, step: PerformStep): Promise<unknown[]> {
  return performProjectStep(api, step);
}
