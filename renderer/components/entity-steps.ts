/**
 * The undoable steps of the entity registry and of tag-all-occurrences, as plain data: which API
 * calls do an action, which undo it and which redo it later. Kept apart from the views so that
 * each pairing can be checked against the real service.
 */
import type { ApiArgs } from '../../core/api';
import type { MergeResult, SplitResult } from '../../core/api-entities';
import type { Annotation, Entity } from '../../core/domain';
import { historyCall } from '../../core/history-rules';
import type { PerformStep } from '../undo';

/** Creating an entity; redone by restoring the same record, so later steps that name it work. */
export function createEntityStep(args: ApiArgs['createEntity']): PerformStep {
  const idOf = (results: unknown[]) => (results[0] as Entity).id;
  return {
    label: `Create entity “${args.name.trim()}”`,
    redo: [historyCall('createEntity', args)],
    undo: (results) => [historyCall('deleteEntity', { id: idOf(results) })],
    replay: (results) => [historyCall('restoreEntity', { id: idOf(results) })],
  };
}

/** Editing an entity: the fields changed, and their values before. */
export function updateEntityStep(
  before: Entity,
  patch: Omit<ApiArgs['updateEntity'], 'id'>,
): PerformStep {
  const previous: Omit<ApiArgs['updateEntity'], 'id'> = {};
  if (patch.name !== undefined) previous.name = before.name;
  if (patch.kind !== undefined) previous.kind = before.kind;
  if (patch.aliases !== undefined) previous.aliases = before.aliases;
  if (patch.description !== undefined) previous.description = before.description;
  if (patch.externalIds !== undefined) previous.externalIds = before.externalIds;
  return {
    label: `Edit entity “${before.name}”`,
    redo: [historyCall('updateEntity', { id: before.id, ...patch })],
    undo: [historyCall('updateEntity', { id: before.id, ...previous })],
  };
}

export function deleteEntityStep(entity: Entity): PerformStep {
  return {
    label: `Delete entity “${entity.name}”`,
    redo: [historyCall('deleteEntity', { id: entity.id })],
    undo: [historyCall('restoreEntity', { id: entity.id })],
  };
}

/** Merging `source` into `target`; undone by restoring the source with exactly what moved. */
export function mergeEntitiesStep(source: Entity, target: Entity): PerformStep {
  const movedOf = (results: unknown[]) => (results[0] as MergeResult).moved;
  return {
    label: `Merge “${source.name}” into “${target.name}”`,
    redo: [historyCall('mergeEntities', { sourceId: source.id, targetId: target.id })],
    undo: (results) => [historyCall('restoreEntity', { id: source.id, moved: movedOf(results) })],
    replay: (results) => [
      historyCall('mergeEntities', {
        sourceId: source.id,
        targetId: target.id,
        moved: movedOf(results),
      }),
    ],
  };
}

/** Splitting mentions off into a new entity; undone by merging back exactly what moved. */
export function splitEntityStep(args: ApiArgs['splitEntity'], sourceName: string): PerformStep {
  const resultOf = (results: unknown[]) => results[0] as SplitResult;
  return {
    label: `Split “${args.name.trim()}” off “${sourceName}”`,
    redo: [historyCall('splitEntity', args)],
    undo: (results) => {
      const { created, moved } = resultOf(results);
      return [historyCall('mergeEntities', { sourceId: created.id, targetId: args.id, moved })];
    },
    replay: (results) => {
      const { created, moved } = resultOf(results);
      return [historyCall('restoreEntity', { id: created.id, moved })];
    },
  };
}

/** Tagging accepted occurrences in one batch; redone by restoring the same annotations. */
export function acceptOccurrencesStep(
  annotations: ApiArgs['createAnnotations']['annotations'],
  label: string,
): PerformStep {
  const idsOf = (results: unknown[]) => (results[0] as Annotation[]).map((a) => a.id);
  return {
    label,
    redo: [historyCall('createAnnotations', { annotations })],
    undo: (results) => [historyCall('deleteAnnotations', { ids: idsOf(results) })],
    replay: (results) => [historyCall('restoreAnnotations', { ids: idsOf(results) })],
  };
}
