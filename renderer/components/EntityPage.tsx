/**
 * One entity's page: its details (editable), what to do with the record (merge, split, delete),
 * and every mention of it across the project, each of which opens its document at the span.
 */
import { useEffect, useState } from 'react';
import type { EntityDetails } from '../../core/api-entities';
import type { Entity } from '../../core/domain';
import { historyCall } from '../../core/history-rules';
import { errorMessage, useApp } from '../app-context';
import type { PerformStep } from '../undo';
import { EntityForm } from './EntityForm';
import { EntityMentions } from './EntityMentions';
import { EntityMergeDialog } from './EntityMergeDialog';
import { KIND_LABELS } from './entity-labels';
import {
  deleteEntityStep,
  mergeEntitiesStep,
  splitEntityStep,
  updateEntityStep,
} from './entity-steps';
import { TrashIcon } from './icons';

export type PerformProjectStep = (step: PerformStep, done?: string) => Promise<unknown[]>;

export function EntityPage({
  entityId,
  version,
  perform,
  onChanged,
}: {
  entityId: string;
  /** Goes up whenever the registry may have changed (a step done, undone or redone). */
  version: number;
  perform: PerformProjectStep;
  onChanged: () => void;
}) {
  const { api, openEntities, notify } = useApp();
  const [details, setDetails] = useState<EntityDetails | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [merging, setMerging] = useState(false);
  const [mergedIntoName, setMergedIntoName] = useState<string | null>(null);

  useEffect(() => {
    let cancelled = false;
    api.getEntity({ id: entityId }).then(
      (found) => {
        if (cancelled) return;
        setDetails(found);
        setError(null);
      },
      (e: unknown) => !cancelled && setError(errorMessage(e)),
    );
    return () => {
      cancelled = true;
    };
  }, [api, entityId, version]);

  const mergedInto = details?.mergedInto ?? null;
  useEffect(() => {
    if (!mergedInto) return;
    let cancelled = false;
    api.listEntities({ ids: [mergedInto], includeDeleted: true }).then(
      ([target]) => !cancelled && setMergedIntoName(target?.name ?? null),
      () => undefined,
    );
    return () => {
      cancelled = true;
    };
  }, [api, mergedInto]);

  if (error) {
    return (
      <p role="alert" className="inline-error entity-page-message">
        Could not open the entity: {error}
      </p>
    );
  }
  if (!details) return <p className="muted entity-page-message">Loading…</p>;
  const entity: Entity = details;
  const live = details.deletedAt === null;

  async function run(step: PerformStep, done: string) {
    try {
      const results = await perform(step, done);
      onChanged();
      return results;
    } catch {
      return null; // perform() reported it.
    }
  }

  async function merge(source: Entity, target: Entity) {
    setMerging(false);
    const results = await run(mergeEntitiesStep(source, target), `Merged into “${target.name}”`);
    if (results && source.id === entity.id) openEntities(target.id);
  }

  async function split(name: string, annotationIds: string[], aliases: string[]) {
    const results = await run(
      splitEntityStep(
        { id: entity.id, name, kind: entity.kind, aliases, annotationIds },
        entity.name,
      ),
      `Split off “${name}”`,
    );
    if (results) {
      notify({
        kind: 'info',
        title: `${annotationIds.length} ${annotationIds.length === 1 ? 'mention' : 'mentions'} moved to the new entity “${name}”.`,
      });
    }
    return results !== null;
  }

  return (
    <article className="entity-page" aria-labelledby="entity-page-title">
      <header className="entity-page-header">
        <h2 id="entity-page-title" className="entity-page-title">
          {entity.name}
        </h2>
        <span className="entity-badge">{KIND_LABELS[entity.kind]}</span>
        <span className="muted">
          {entity.mentionCount} {entity.mentionCount === 1 ? 'mention' : 'mentions'}
        </span>
        {live && (
          <div className="entity-page-actions">
            <button type="button" className="button button-small" onClick={() => setMerging(true)}>
              Merge…
            </button>
            <button
              type="button"
              className="button button-small button-danger-ghost"
              onClick={() => void run(deleteEntityStep(entity), `Deleted “${entity.name}”`)}
            >
              <TrashIcon />
              Delete entity
            </button>
          </div>
        )}
      </header>
      {!live && (
        <div className="entity-banner" role="status">
          {mergedInto ? (
            <>
              Merged into “{mergedIntoName ?? '…'}”. Its names and mentions are there now.{' '}
              <button
                type="button"
                className="button button-small"
                onClick={() => openEntities(mergedInto)}
              >
                Open “{mergedIntoName ?? 'the entity'}”
              </button>
            </>
          ) : (
            <>
              This entity was deleted. Its mentions keep their link until it is restored.{' '}
              <button
                type="button"
                className="button button-small"
                onClick={() =>
                  void run(
                    {
                      label: `Restore entity “${entity.name}”`,
                      redo: [historyCall('restoreEntity', { id: entity.id })],
                      undo: [historyCall('deleteEntity', { id: entity.id })],
                    },
                    `Restored “${entity.name}”`,
                  )
                }
              >
                Restore
              </button>
            </>
          )}
        </div>
      )}
      {live && (
        <EntityForm
          key={entity.updatedAt}
          entity={entity}
          onSave={async (patch) => {
            await run(updateEntityStep(entity, patch), 'Saved');
          }}
        />
      )}
      <EntityMentions details={details} canSplit={live} onSplit={split} />
      {merging && (
        <EntityMergeDialog entity={entity} onCancel={() => setMerging(false)} onMerge={merge} />
      )}
    </article>
  );
}
