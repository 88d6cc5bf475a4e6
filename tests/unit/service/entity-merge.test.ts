import { readFileSync } from 'node:fs';
import Sqlite from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { ENTITY_TAG_ID } from '../../../core/codebook';
import type { GlossApi } from '../../../core/api';
import { SAMPLE, importText, openTestService, rejectionOf } from './helpers';

const sample = () => readFileSync(SAMPLE, 'utf8');

function spanOf(text: string, phrase: string, nth = 0): { start: number; end: number } {
  let at = -1;
  for (let i = 0; i <= nth; i++) at = text.indexOf(phrase, at + 1);
  if (at < 0) throw new Error(`"${phrase}" is not in the text`);
  const start = Array.from(text.slice(0, at)).length;
  return { start, end: start + Array.from(phrase).length };
}

/** The sample with "Ceyhun Mammadov" and "Jeyhun Mammadov" each tagged and linked to its own record. */
async function twoRecordsOfOnePerson(api: GlossApi) {
  const text = sample();
  const documentId = await importText(api, 'sample.txt', text);
  const ceyhun = await api.createEntity({
    name: 'Ceyhun Mammadov',
    kind: 'person',
    aliases: ['Ceyhun'],
  });
  const jeyhun = await api.createEntity({
    name: 'Jeyhun Mammadov',
    kind: 'person',
    aliases: ['ceyhun'],
  });
  const [first, second] = await api.createAnnotations({
    annotations: [
      { documentId, tagId: ENTITY_TAG_ID, ...spanOf(text, 'Ceyhun Mammadov'), entityId: ceyhun.id },
      { documentId, tagId: ENTITY_TAG_ID, ...spanOf(text, 'Jeyhun Mammadov'), entityId: jeyhun.id },
    ],
  });
  return { documentId, ceyhun, jeyhun, first: first!, second: second! };
}

describe('merging entities', () => {
  it('moves names and mentions to the target and retires the source', async () => {
    const { api } = openTestService();
    const { documentId, ceyhun, jeyhun, first, second } = await twoRecordsOfOnePerson(api);
    const merged = await api.mergeEntities({ sourceId: ceyhun.id, targetId: jeyhun.id });
    expect(merged.target).toMatchObject({
      name: 'Jeyhun Mammadov',
      // "Ceyhun" stays behind: the target already has that name, in other case.
      aliases: ['Ceyhun Mammadov', 'ceyhun'],
      mentionCount: 2,
    });
    expect(merged.moved.annotationIds).toEqual([first.id]);
    expect(merged.moved.aliasIds).toHaveLength(1);
    const details = await api.getEntity({ id: jeyhun.id });
    expect(details.mentions.map((m) => m.annotationId).sort()).toEqual(
      [first.id, second.id].sort(),
    );
    expect(await api.getEntity({ id: ceyhun.id })).toMatchObject({
      mergedInto: jeyhun.id,
      deletedAt: expect.any(String),
      mentions: [],
    });
    expect((await api.listEntities({})).map((e) => e.name)).toEqual(['Jeyhun Mammadov']);
    expect((await api.listAnnotations({ documentId })).map((a) => a.entityId)).toEqual([
      jeyhun.id,
      jeyhun.id,
    ]);
    // A merged record cannot be used any more, and says where it went.
    const link = api.updateEntity({ id: ceyhun.id, name: 'x' });
    expect(await rejectionOf(link)).toMatchObject({
      code: 'not_found',
      message: expect.stringContaining('merged into “Jeyhun Mammadov”'),
    });
  });

  it('is undone by restoring the source with what moved', async () => {
    const { api } = openTestService();
    const { documentId, ceyhun, jeyhun, first, second } = await twoRecordsOfOnePerson(api);
    const before = await api.listEntities({});
    const { moved } = await api.mergeEntities({ sourceId: ceyhun.id, targetId: jeyhun.id });
    await api.restoreEntity({ id: ceyhun.id, moved });
    const after = await api.listEntities({});
    expect(after.map(({ updatedAt: _u, ...e }) => e)).toEqual(
      before.map(({ updatedAt: _u, ...e }) => e),
    );
    const links = Object.fromEntries(
      (await api.listAnnotations({ documentId })).map((a) => [a.id, a.entityId]),
    );
    expect(links).toEqual({ [first.id]: ceyhun.id, [second.id]: jeyhun.id });
    // And redone with the same moves.
    await api.mergeEntities({ sourceId: ceyhun.id, targetId: jeyhun.id, moved });
    expect((await api.getEntity({ id: jeyhun.id })).mentions).toHaveLength(2);
  });

  it('rewrites entity-typed attribute values that name the source', async () => {
    const { api, projectPath } = openTestService();
    const { ceyhun, jeyhun, first } = await twoRecordsOfOnePerson(api);
    // Whatever the attribute editor does, values are stored as JSON keyed by attribute id.
    const attributedTo = '00000000-0000-7000-8000-000000000104';
    const db = new Sqlite(projectPath);
    db.prepare('UPDATE annotations SET attributes_json = ? WHERE id = ?').run(
      JSON.stringify({ [attributedTo]: ceyhun.id }),
      first.id,
    );
    db.close();
    const { moved } = await api.mergeEntities({ sourceId: ceyhun.id, targetId: jeyhun.id });
    expect(moved.attributeRefs).toEqual([{ annotationId: first.id, attributeId: attributedTo }]);
    const read = () => {
      const reader = new Sqlite(projectPath, { readonly: true });
      const row = reader
        .prepare('SELECT attributes_json FROM annotations WHERE id = ?')
        .get(first.id);
      reader.close();
      return JSON.parse((row as { attributes_json: string }).attributes_json) as object;
    };
    expect(read()).toEqual({ [attributedTo]: jeyhun.id });
    await api.restoreEntity({ id: ceyhun.id, moved });
    expect(read()).toEqual({ [attributedTo]: ceyhun.id });
  });

  it('refuses to merge a record into itself or into a deleted one', async () => {
    const { api } = openTestService();
    const { ceyhun, jeyhun } = await twoRecordsOfOnePerson(api);
    expect(
      (await rejectionOf(api.mergeEntities({ sourceId: ceyhun.id, targetId: ceyhun.id }))).code,
    ).toBe('invalid_argument');
    await api.deleteEntity({ id: jeyhun.id });
    expect(
      (await rejectionOf(api.mergeEntities({ sourceId: ceyhun.id, targetId: jeyhun.id }))).code,
    ).toBe('not_found');
  });
});

describe('splitting an entity', () => {
  it('moves the chosen mentions and aliases to a new record, and undoes and redoes', async () => {
    const { api } = openTestService();
    const text = sample();
    const documentId = await importText(api, 'sample.txt', text);
    // One record wrongly holds two people who share a surname.
    const mammadov = await api.createEntity({
      name: 'Mammadov',
      kind: 'person',
      aliases: ['Rovshan Mammadov', 'Jeyhun Mammadov'],
    });
    const created = await api.createAnnotations({
      annotations: [
        {
          documentId,
          tagId: ENTITY_TAG_ID,
          ...spanOf(text, 'Rovshan Mammadov'),
          entityId: mammadov.id,
        },
        {
          documentId,
          tagId: ENTITY_TAG_ID,
          ...spanOf(text, 'Jeyhun Mammadov'),
          entityId: mammadov.id,
        },
      ],
    });
    const [rovshan, jeyhun] = created.map((a) => a.id) as [string, string];
    const split = await api.splitEntity({
      id: mammadov.id,
      name: 'Jeyhun Mammadov',
      aliases: ['Ceyhun Mammadov'],
      annotationIds: [jeyhun],
    });
    expect(split.created).toMatchObject({
      name: 'Jeyhun Mammadov',
      kind: 'person',
      aliases: ['Ceyhun Mammadov'],
      mentionCount: 1,
    });
    expect(split.source).toMatchObject({ aliases: ['Rovshan Mammadov'], mentionCount: 1 });
    expect(split.moved.annotationIds).toEqual([jeyhun]);

    // Undo: merge back exactly what moved.
    await api.mergeEntities({
      sourceId: split.created.id,
      targetId: mammadov.id,
      moved: split.moved,
    });
    expect(await api.getEntity({ id: mammadov.id })).toMatchObject({
      aliases: ['Rovshan Mammadov', 'Jeyhun Mammadov'],
      mentionCount: 2,
    });
    expect((await api.listEntities({})).map((e) => e.name)).toEqual(['Mammadov']);

    // Redo: the same new record comes back with the same mentions.
    await api.restoreEntity({ id: split.created.id, moved: split.moved });
    const links = Object.fromEntries(
      (await api.listAnnotations({ documentId })).map((a) => [a.id, a.entityId]),
    );
    expect(links).toEqual({ [rovshan]: mammadov.id, [jeyhun]: split.created.id });
  });

  it('refuses annotations that are not mentions of the entity', async () => {
    const { api } = openTestService();
    const { ceyhun, second } = await twoRecordsOfOnePerson(api);
    const split = api.splitEntity({ id: ceyhun.id, name: 'Someone', annotationIds: [second.id] });
    expect(await rejectionOf(split)).toMatchObject({
      code: 'invalid_argument',
      message: expect.stringContaining('not mentions of “Ceyhun Mammadov”'),
    });
  });
});
