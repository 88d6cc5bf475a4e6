/**
 * The undoable steps the entity views record (renderer/components/entity-steps.ts), run against
 * the real service the way the undo history runs them: do, undo, redo (replay), undo again —
 * and after each, the project is as it should be.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { GlossApi } from '../../../core/api';
import { ENTITY_TAG_ID } from '../../../core/codebook';
import type { HistoryCall } from '../../../core/domain';
import {
  acceptOccurrencesStep,
  createEntityStep,
  deleteEntityStep,
  mergeEntitiesStep,
  splitEntityStep,
  updateEntityStep,
} from '../../../renderer/components/entity-steps';
import type { PerformStep } from '../../../renderer/undo';
import { SAMPLE, importText, openTestService } from './helpers';

async function run(api: GlossApi, calls: readonly HistoryCall[]): Promise<unknown[]> {
  const results: unknown[] = [];
  for (const call of calls) {
    const method = api[call.method as keyof GlossApi] as (args: unknown) => Promise<unknown>;
    results.push(await method(call.args));
  }
  return results;
}

/** Does a step, and returns how to undo and redo it as the history would store them. */
async function perform(api: GlossApi, step: PerformStep) {
  const results = await run(api, step.redo);
  const undo = typeof step.undo === 'function' ? step.undo(results) : step.undo;
  const replay =
    step.replay === undefined
      ? step.redo
      : typeof step.replay === 'function'
        ? step.replay(results)
        : step.replay;
  return { results, undo: () => run(api, undo), redo: () => run(api, replay) };
}

const names = async (api: GlossApi) => (await api.listEntities({})).map((e) => e.name);

describe('entity steps', () => {
  it('create: undo deletes the record, redo brings the same one back', async () => {
    const { api } = openTestService();
    const step = await perform(api, createEntityStep({ name: 'Kyiv', kind: 'location' }));
    const id = (step.results[0] as { id: string }).id;
    await step.undo();
    expect(await names(api)).toEqual([]);
    await step.redo();
    expect((await api.listEntities({})).map((e) => e.id)).toEqual([id]);
  });

  it('update: undo writes back only the fields that changed', async () => {
    const { api } = openTestService();
    const kyiv = await api.createEntity({
      name: 'Kiev',
      kind: 'location',
      description: 'Capital.',
    });
    const step = await perform(api, updateEntityStep(kyiv, { name: 'Kyiv', aliases: ['Kiev'] }));
    expect(await api.getEntity({ id: kyiv.id })).toMatchObject({ name: 'Kyiv', aliases: ['Kiev'] });
    await step.undo();
    expect(await api.getEntity({ id: kyiv.id })).toMatchObject({
      name: 'Kiev',
      aliases: [],
      description: 'Capital.',
    });
    await step.redo();
    expect(await names(api)).toEqual(['Kyiv']);
  });

  it('delete: undo restores', async () => {
    const { api } = openTestService();
    const kyiv = await api.createEntity({ name: 'Kyiv' });
    const step = await perform(api, deleteEntityStep(kyiv));
    expect(await names(api)).toEqual([]);
    await step.undo();
    expect(await names(api)).toEqual(['Kyiv']);
  });

  it('merge and split: undo and redo move exactly the same mentions', async () => {
    const { api } = openTestService();
    const text = readFileSync(SAMPLE, 'utf8');
    const documentId = await importText(api, 'sample.txt', text);
    const at = (phrase: string) => {
      const start = Array.from(text.slice(0, text.indexOf(phrase))).length;
      return { start, end: start + Array.from(phrase).length };
    };
    const ceyhun = await api.createEntity({ name: 'Ceyhun Mammadov', kind: 'person' });
    const jeyhun = await api.createEntity({ name: 'Jeyhun Mammadov', kind: 'person' });
    const [first, second] = await api.createAnnotations({
      annotations: [
        { documentId, tagId: ENTITY_TAG_ID, ...at('Ceyhun Mammadov'), entityId: ceyhun.id },
        { documentId, tagId: ENTITY_TAG_ID, ...at('Jeyhun Mammadov'), entityId: jeyhun.id },
      ],
    });
    const links = async () =>
      Object.fromEntries(
        (await api.listAnnotations({ documentId })).map((a) => [a.id, a.entityId]),
      );
    const separate = { [first!.id]: ceyhun.id, [second!.id]: jeyhun.id };
    const together = { [first!.id]: jeyhun.id, [second!.id]: jeyhun.id };

    const merge = await perform(api, mergeEntitiesStep(ceyhun, jeyhun));
    expect(await links()).toEqual(together);
    await merge.undo();
    expect(await links()).toEqual(separate);
    expect(await names(api)).toEqual(['Ceyhun Mammadov', 'Jeyhun Mammadov']);
    await merge.redo();
    expect(await links()).toEqual(together);

    const split = await perform(
      api,
      splitEntityStep(
        { id: jeyhun.id, name: 'Ceyhun Mammadov', annotationIds: [first!.id] },
        'Jeyhun Mammadov',
      ),
    );
    const createdId = (split.results[0] as { created: { id: string } }).created.id;
    expect(await links()).toEqual({ [first!.id]: createdId, [second!.id]: jeyhun.id });
    await split.undo();
    expect(await links()).toEqual(together);
    await split.redo();
    expect(await links()).toEqual({ [first!.id]: createdId, [second!.id]: jeyhun.id });
  });

  it('accepting occurrences: undo removes the batch, redo restores the same annotations', async () => {
    const { api } = openTestService();
    const documentId = await importText(api, 'one.txt', 'Kyiv and Kyiv and Kyiv.');
    const step = await perform(
      api,
      acceptOccurrencesStep(
        [
          { documentId, tagId: ENTITY_TAG_ID, start: 9, end: 13 },
          { documentId, tagId: ENTITY_TAG_ID, start: 18, end: 22 },
        ],
        'Tag 2 occurrences',
      ),
    );
    const ids = (step.results[0] as { id: string }[]).map((a) => a.id);
    await step.undo();
    expect(await api.listAnnotations({ documentId })).toEqual([]);
    await step.redo();
    expect((await api.listAnnotations({ documentId })).map((a) => a.id)).toEqual(ids);
  });
});
