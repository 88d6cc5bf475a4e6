import { readFileSync } from 'node:fs';
import Sqlite from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { BUILTIN_ATTRIBUTE_IDS, CLAIM_TAG_ID, ENTITY_TAG_ID } from '../../../core/codebook';
import type { GlossApi } from '../../../core/api';
import { SAMPLE, importText, openTestService, rejectionOf, UNKNOWN_ID } from './helpers';

const sample = () => readFileSync(SAMPLE, 'utf8');

/** Code-point offsets of the n-th (from 0) occurrence of `phrase` in `text`. */
function spanOf(text: string, phrase: string, nth = 0): { start: number; end: number } {
  let at = -1;
  for (let i = 0; i <= nth; i++) at = text.indexOf(phrase, at + 1);
  if (at < 0) throw new Error(`"${phrase}" is not in the text`);
  const start = Array.from(text.slice(0, at)).length;
  return { start, end: start + Array.from(phrase).length };
}

async function tagEntity(api: GlossApi, documentId: string, text: string, phrase: string, nth = 0) {
  const [created] = await api.createAnnotations({
    annotations: [{ documentId, tagId: ENTITY_TAG_ID, ...spanOf(text, phrase, nth) }],
  });
  return created!;
}

describe('the entity registry', () => {
  it('creates an entity with its aliases, each spelling once', async () => {
    const { api } = openTestService();
    const entity = await api.createEntity({
      name: '  Jeyhun   Mammadov ',
      kind: 'person',
      aliases: ['Ceyhun Mammadov', 'JEYHUN MAMMADOV', 'Джейхун Мамедов', 'ceyhun mammadov', ' '],
      description: 'Secretary General of the Rada of Azerbaijanis of Ukraine.',
      externalIds: { wikidata: 'Q123456' },
    });
    expect(entity).toMatchObject({
      name: 'Jeyhun Mammadov',
      kind: 'person',
      aliases: ['Ceyhun Mammadov', 'Джейхун Мамедов'],
      externalIds: { wikidata: 'Q123456' },
      mentionCount: 0,
    });
    expect(await api.listEntities({})).toEqual([{ ...entity, deleted: false, mergedInto: null }]);
  });

  it('refuses malformed external ids, kinds and empty names', async () => {
    const { api } = openTestService();
    const bad = [
      api.createEntity({ name: 'Kyiv', externalIds: { wikidata: '42' } }),
      api.createEntity({ name: 'Kyiv', externalIds: { 'Wiki Data': 'Q42' } }),
      api.createEntity({ name: '   ' }),
      api.createEntity({ name: 'Kyiv', kind: 'city' as 'location' }),
    ];
    for (const call of bad) expect((await rejectionOf(call)).code).toBe('invalid_argument');
    expect((await rejectionOf(bad[0]!)).message).toMatch(/wikidata must look like Q42/);
  });

  it('updates name, kind, aliases, description and external ids', async () => {
    const { api } = openTestService();
    const kyiv = await api.createEntity({ name: 'Kiev', aliases: ['Kyiv'] });
    const updated = await api.updateEntity({
      id: kyiv.id,
      name: 'Kyiv',
      kind: 'location',
      aliases: ['Kiev', 'Київ'],
      description: 'Capital of Ukraine.',
      externalIds: { wikidata: 'Q1899', geonames: '703448' },
    });
    expect(updated).toMatchObject({
      name: 'Kyiv',
      kind: 'location',
      aliases: ['Kiev', 'Київ'],
      description: 'Capital of Ukraine.',
      externalIds: { wikidata: 'Q1899', geonames: '703448' },
    });
    // Only what is given changes.
    expect(await api.updateEntity({ id: kyiv.id, description: '' })).toMatchObject({
      name: 'Kyiv',
      aliases: ['Kiev', 'Київ'],
    });
  });

  it('deletes softly, keeping the links, and restores', async () => {
    const { api } = openTestService();
    const text = sample();
    const documentId = await importText(api, 'sample.txt', text);
    const person = await api.createEntity({ name: 'Jeyhun Mammadov', kind: 'person' });
    const [mention] = await api.createAnnotations({
      annotations: [
        {
          documentId,
          tagId: ENTITY_TAG_ID,
          ...spanOf(text, 'Jeyhun Mammadov'),
          entityId: person.id,
        },
      ],
    });
    await api.deleteEntity({ id: person.id });
    expect(await api.listEntities({})).toEqual([]);
    expect(await api.suggestEntities({ text: 'Jeyhun Mammadov' })).toEqual([]);
    expect((await api.listAnnotations({ documentId }))[0]!.entityId).toBe(person.id);
    // A link can still be named.
    expect(await api.listEntities({ ids: [person.id], includeDeleted: true })).toMatchObject([
      { name: 'Jeyhun Mammadov', deleted: true },
    ]);
    const linking = api.createAnnotations({
      annotations: [{ documentId, tagId: ENTITY_TAG_ID, start: 0, end: 3, entityId: person.id }],
    });
    expect(await rejectionOf(linking)).toMatchObject({ code: 'not_found' });
    expect(await api.restoreEntity({ id: person.id })).toMatchObject({ mentionCount: 1 });
    expect((await api.getEntity({ id: person.id })).mentions.map((m) => m.annotationId)).toEqual([
      mention!.id,
    ]);
  });

  it('lists by any spelling of a name, best first', async () => {
    const { api } = openTestService();
    const jeyhun = await api.createEntity({ name: 'Jeyhun Mammadov', kind: 'person' });
    const rovshan = await api.createEntity({ name: 'Rovshan Mammadov', kind: 'person' });
    const kyiv = await api.createEntity({ name: 'Kyiv', kind: 'location' });
    const names = async (query: string, kind?: 'person' | 'location') =>
      (await api.listEntities({ query, kind })).map((e) => e.id);
    expect(await names('Джейхун Мамедов')).toEqual([jeyhun.id]);
    expect(await names('mamm')).toEqual(expect.arrayContaining([jeyhun.id, rovshan.id]));
    expect(await names('Джей')).toEqual([jeyhun.id]);
    expect(await names('Kiev')).toEqual([kyiv.id]);
    expect(await names('Mammadov', 'location')).toEqual([]);
    expect(await names('')).toHaveLength(3);
  });

  it('reads an entity with its mentions and the claims attributed to it', async () => {
    const { api } = openTestService();
    const text = sample();
    const documentId = await importText(api, 'sample.txt', text);
    const rovshan = await api.createEntity({ name: 'Rovshan Mammadov', kind: 'person' });
    const mention = await tagEntity(api, documentId, text, 'Rovshan Mammadov');
    await api.updateAnnotation({ id: mention.id, entityId: rovshan.id }).catch(() => undefined);
    // Linking through createAnnotations works whatever updateAnnotation does with entityId.
    const [second] = await api.createAnnotations({
      annotations: [
        { documentId, tagId: ENTITY_TAG_ID, ...spanOf(text, 'Mammadov', 1), entityId: rovshan.id },
      ],
    });
    const [claim] = await api.createAnnotations({
      annotations: [
        {
          documentId,
          tagId: CLAIM_TAG_ID,
          ...spanOf(text, 'an act of occupation'),
          attributes: { [BUILTIN_ATTRIBUTE_IDS.attributedTo]: rovshan.id },
        },
      ],
    });
    const details = await api.getEntity({ id: rovshan.id });
    expect(details.name).toBe('Rovshan Mammadov');
    expect(details.mentions.map((m) => m.annotationId)).toContain(second!.id);
    expect(details.mentions[0]).toMatchObject({
      documentTitle: expect.any(String),
      tagId: ENTITY_TAG_ID,
    });
    const attributed = (await api.listAnnotations({ documentId })).find((a) => a.id === claim!.id)!;
    if (attributed.attributes[BUILTIN_ATTRIBUTE_IDS.attributedTo] === rovshan.id) {
      expect(details.references).toMatchObject([
        { annotationId: claim!.id, attributeId: BUILTIN_ATTRIBUTE_IDS.attributedTo },
      ]);
    }
    expect((await rejectionOf(api.getEntity({ id: UNKNOWN_ID }))).code).toBe('not_found');
  });
});

describe('suggestions', () => {
  it('rank an exact name above a transliteration above a shared surname', async () => {
    const { api } = openTestService();
    const jeyhun = await api.createEntity({
      name: 'Jeyhun Mammadov',
      kind: 'person',
      aliases: ['Ceyhun Mammadov'],
    });
    const rovshan = await api.createEntity({ name: 'Rovshan Mammadov', kind: 'person' });
    await api.createEntity({ name: 'Kyiv', kind: 'location' });

    const suggested = await api.suggestEntities({ text: 'Ceyhun Mammadov' });
    // Another person with the same surname is not a spelling of this name.
    expect(suggested.map((s) => [s.entity.id, s.match, s.matched])).toEqual([
      [jeyhun.id, 'exact', 'Ceyhun Mammadov'],
    ]);
    // A surname alone may mean either: both, below any spelling of a whole name.
    const surname = await api.suggestEntities({ text: 'Mamedov', kind: 'person' });
    expect(surname.map((s) => s.match)).toEqual(['partial', 'partial']);
    expect(surname.map((s) => s.entity.id).sort()).toEqual([jeyhun.id, rovshan.id].sort());
    expect((await api.suggestEntities({ text: 'Джейхун Мамедов' }))[0]).toMatchObject({
      entity: { id: jeyhun.id },
      match: 'skeleton',
    });
    expect((await api.suggestEntities({ text: 'Kiev' })).map((s) => s.entity.name)).toEqual([
      'Kyiv',
    ]);
    expect(await api.suggestEntities({ text: 'Luhansk' })).toEqual([]);
    expect(await api.suggestEntities({ text: '   ' })).toEqual([]);
    expect(await api.suggestEntities({ text: 'Mammadov', limit: 1 })).toHaveLength(1);
  });

  it('never link anything', async () => {
    const { api } = openTestService();
    const text = sample();
    const documentId = await importText(api, 'sample.txt', text);
    await api.createEntity({ name: 'Jeyhun Mammadov', kind: 'person' });
    await tagEntity(api, documentId, text, 'Ceyhun Mammadov');
    await api.suggestEntities({ text: 'Ceyhun Mammadov' });
    expect((await api.listAnnotations({ documentId }))[0]!.entityId).toBeNull();
  });
});

describe('the batch create', () => {
  it('makes every annotation or none', async () => {
    const { api, projectPath } = openTestService();
    const text = sample();
    const documentId = await importText(api, 'sample.txt', text);
    const failing = api.createAnnotations({
      annotations: [
        { documentId, tagId: ENTITY_TAG_ID, ...spanOf(text, 'Kyiv') },
        { documentId, tagId: ENTITY_TAG_ID, start: 10, end: 10_000_000 },
      ],
    });
    expect(await rejectionOf(failing)).toMatchObject({
      code: 'invalid_argument',
      message: expect.stringMatching(/^Annotation 2 of 2: /),
    });
    const db = new Sqlite(projectPath, { readonly: true });
    expect(db.prepare('SELECT count(*) AS n FROM annotations').get()).toEqual({ n: 0 });
    db.close();
  });

  it('deletes and restores a batch', async () => {
    const { api } = openTestService();
    const text = sample();
    const documentId = await importText(api, 'sample.txt', text);
    const created = await api.createAnnotations({
      annotations: [
        { documentId, tagId: ENTITY_TAG_ID, ...spanOf(text, 'Kyiv') },
        { documentId, tagId: ENTITY_TAG_ID, ...spanOf(text, 'Kiev') },
      ],
    });
    const ids = created.map((a) => a.id);
    await api.deleteAnnotations({ ids });
    expect(await api.listAnnotations({ documentId })).toEqual([]);
    await api.restoreAnnotations({ ids });
    expect((await api.listAnnotations({ documentId })).map((a) => a.exact)).toEqual([
      'Kyiv',
      'Kiev',
    ]);
  });
});
