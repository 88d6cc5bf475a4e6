import Sqlite from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import type { GlossApi } from '../../../core/api';
import {
  BUILTIN_ATTRIBUTE_IDS as A,
  DEFAULT_ATTRIBUTES,
  DEFAULT_SUBTAGS,
} from '../../../core/codebook';
import { CODEBOOK_FORMAT, CODEBOOK_FORMAT_VERSION } from '../../../core/codebook-rules';
import type { CodebookFile } from '../../../core/codebook-rules';
import {
  CLAIM,
  ENTITY,
  OPINION,
  UNKNOWN_ID,
  importText,
  openTestService,
  rejectionOf,
} from './helpers';

const QUOTE = DEFAULT_SUBTAGS.find((t) => t.name === 'Quote')!;
const PERSON = DEFAULT_SUBTAGS.find((t) => t.name === 'Person')!;
const TEXT = 'Рошан Мамедов 🇦🇿 said the embassy is “closed”.';

/** A canonical entity, written the way the entity registry writes one. */
function addEntity(projectPath: string, id: string, name: string, deleted = false): string {
  const db = new Sqlite(projectPath);
  try {
    db.prepare('INSERT INTO entities (id, name, kind, deleted_at) VALUES (?, ?, ?, ?)').run(
      id,
      name,
      'person',
      deleted ? '2025-01-01T00:00:00.000Z' : null,
    );
  } finally {
    db.close();
  }
  return id;
}

const ENTITY_A = '01900000-0000-7000-8000-00000000e001';
const ENTITY_GONE = '01900000-0000-7000-8000-00000000e002';

async function claimOn(api: GlossApi) {
  const documentId = await importText(api, 'a.txt', TEXT);
  const claim = await api.createAnnotation({ documentId, tagId: QUOTE.id, start: 0, end: 46 });
  return { documentId, claim };
}

describe('attribute definitions', () => {
  it('lists the default attributes of a new project', async () => {
    const { api } = openTestService();
    expect(await api.listAttributeDefs({})).toEqual(DEFAULT_ATTRIBUTES);
  });

  it('creates typed attributes with keys made from their names, unique along each path', async () => {
    const { api } = openTestService();
    const place = await api.createAttributeDef({
      tagId: QUOTE.id,
      name: 'Place said',
      type: 'text',
    });
    expect(place).toMatchObject({
      tagId: QUOTE.id,
      key: 'place_said',
      type: 'text',
      choices: [],
      position: 0,
    });
    // "kind" is the Claim's: a Quote (which carries it) cannot have another, nor can Claim reuse a sub-tag's.
    expect(
      await rejectionOf(
        api.createAttributeDef({ tagId: QUOTE.id, name: 'Kind', key: 'kind', type: 'text' }),
      ),
    ).toMatchObject({
      code: 'conflict',
      message: expect.stringContaining('"Kind" of "Claim"'),
    });
    expect(
      await rejectionOf(
        api.createAttributeDef({ tagId: CLAIM, name: 'Place', key: 'place_said', type: 'text' }),
      ),
    ).toMatchObject({ code: 'conflict' });
    // A derived key that is taken gets a number instead of a refusal.
    const second = await api.createAttributeDef({
      tagId: QUOTE.id,
      name: 'Place said!',
      type: 'date',
    });
    expect(second.key).toBe('place_said_2');
    // Another branch may use the same key.
    expect((await api.createAttributeDef({ tagId: OPINION, name: 'Kind', type: 'text' })).key).toBe(
      'kind',
    );
  });

  it('needs choices for a choice, refuses them otherwise, and refuses repeated values', async () => {
    const { api } = openTestService();
    expect(
      await rejectionOf(api.createAttributeDef({ tagId: QUOTE.id, name: 'Tone', type: 'choice' })),
    ).toMatchObject({ message: '"Tone" needs at least one choice, none empty.' });
    expect(
      await rejectionOf(
        api.createAttributeDef({
          tagId: QUOTE.id,
          name: 'N',
          type: 'number',
          choices: [{ value: '1', label: '' }],
        }),
      ),
    ).toMatchObject({ code: 'invalid_argument' });
    expect(
      await rejectionOf(
        api.createAttributeDef({
          tagId: QUOTE.id,
          name: 'Tone',
          type: 'multi_choice',
          choices: [
            { value: 'calm', label: '' },
            { value: 'calm', label: 'Calm' },
          ],
        }),
      ),
    ).toMatchObject({ message: '"Tone" offers the choice "calm" twice.' });
    const tone = await api.createAttributeDef({
      tagId: QUOTE.id,
      name: 'Tone',
      type: 'multi_choice',
      choices: [{ value: 'calm', label: '' }],
    });
    expect(tone.choices).toEqual([{ value: 'calm', label: 'calm' }]);
  });

  it('changes a type only between the text types', async () => {
    const { api } = openTestService();
    const source = await api.createAttributeDef({ tagId: QUOTE.id, name: 'Source', type: 'text' });
    expect((await api.updateAttributeDef({ id: source.id, type: 'long_text' })).type).toBe(
      'long_text',
    );
    expect(
      await rejectionOf(api.updateAttributeDef({ id: A.reliability, type: 'number' })),
    ).toMatchObject({
      code: 'invalid_argument',
      message: expect.stringContaining('cannot change from a single choice to a number'),
    });
    const renamed = await api.updateAttributeDef({
      id: A.stance,
      name: 'Position',
      choices: [
        { value: 'for', label: 'For' },
        { value: 'against', label: 'Against' },
      ],
    });
    expect(renamed).toMatchObject({
      name: 'Position',
      key: 'stance',
      choices: [
        { value: 'for', label: 'For' },
        { value: 'against', label: 'Against' },
      ],
    });
  });

  it('reorders, deletes and restores an attribute; values outlive its deletion', async () => {
    const { api } = openTestService();
    const { documentId, claim } = await claimOn(api);
    await api.moveAttributeDef({ id: A.credibility, position: 0 });
    const order = (await api.listAttributeDefs({}))
      .filter((d) => d.tagId === CLAIM)
      .map((d) => d.key);
    expect(order).toEqual(['credibility', 'kind', 'reliability', 'attributed_to', 'date']);
    await api.updateAnnotation({ id: claim.id, attributes: { [A.claimDate]: '2022-02-24' } });
    await api.deleteAttributeDef({ id: A.claimDate });
    expect(
      await rejectionOf(
        api.updateAnnotation({ id: claim.id, attributes: { [A.claimDate]: '2023' } }),
      ),
    ).toMatchObject({
      code: 'invalid_argument',
      message: expect.stringContaining('does not apply to "Quote"'),
    });
    expect((await api.listAnnotations({ documentId }))[0]?.attributes).toEqual({
      [A.claimDate]: '2022-02-24',
    });
    await api.restoreAttributeDef({ id: A.claimDate });
    expect((await api.listAttributeDefs({})).find((d) => d.id === A.claimDate)?.position).toBe(4);
  });
});

describe('attribute values on annotations', () => {
  it('creates an annotation with checked values and an entity link', async () => {
    const { api, projectPath } = openTestService();
    addEntity(projectPath, ENTITY_A, 'Rovshan Mammadov');
    const documentId = await importText(api, 'a.txt', TEXT);
    const claim = await api.createAnnotation({
      documentId,
      tagId: QUOTE.id,
      start: 0,
      end: 13,
      attributes: {
        [A.reliability]: 'B',
        [A.credibility]: '2',
        [A.attributedTo]: ENTITY_A,
        [A.claimKind]: '',
      },
    });
    expect(claim.attributes).toEqual({
      [A.reliability]: 'B',
      [A.credibility]: '2',
      [A.attributedTo]: ENTITY_A,
    });
    const mention = await api.createAnnotation({
      documentId,
      tagId: PERSON.id,
      start: 0,
      end: 13,
      entityId: ENTITY_A,
    });
    expect(mention.entityId).toBe(ENTITY_A);
    expect(await api.listAnnotations({ documentId })).toEqual([claim, mention]);
  });

  it('refuses bad values with a message that names the attribute and what it takes', async () => {
    const { api, projectPath } = openTestService();
    addEntity(projectPath, ENTITY_GONE, 'Deleted', true);
    const { claim } = await claimOn(api);
    const refuse = (attributes: Record<string, unknown>) =>
      rejectionOf(api.updateAnnotation({ id: claim.id, attributes: attributes as never }));
    expect(await refuse({ [A.reliability]: 'G' })).toMatchObject({
      code: 'invalid_argument',
      message: '"Source reliability" must be one of A, B, C, D, E, F (got "G").',
    });
    expect(await refuse({ [A.claimDate]: '2023-02-30' })).toMatchObject({
      message: expect.stringContaining('YYYY-MM-DD'),
    });
    expect(await refuse({ [A.attributedTo]: ENTITY_GONE })).toMatchObject({
      message: '"Attributed to" refers to an entity that does not exist (or was deleted).',
    });
    expect(await refuse({ [A.stance]: 'negative' })).toMatchObject({
      message: expect.stringContaining('does not apply to "Quote"'),
    });
    expect(await refuse({ [UNKNOWN_ID]: 'x' })).toMatchObject({ code: 'invalid_argument' });
    expect(
      await rejectionOf(api.updateAnnotation({ id: claim.id, entityId: ENTITY_GONE })),
    ).toMatchObject({
      code: 'not_found',
      message: expect.stringContaining('no entity'),
    });
    // Nothing was written by the refused calls.
    expect((await api.listAnnotations({ documentId: claim.documentId }))[0]).toEqual(claim);
  });

  it('patches values: listed ones set, null removes, others kept; entityId null clears', async () => {
    const { api, projectPath } = openTestService();
    addEntity(projectPath, ENTITY_A, 'Rovshan Mammadov');
    const { claim } = await claimOn(api);
    await api.updateAnnotation({
      id: claim.id,
      attributes: { [A.reliability]: 'B', [A.credibility]: '2' },
    });
    const patched = await api.updateAnnotation({
      id: claim.id,
      attributes: { [A.reliability]: null, [A.claimDate]: '2022' },
      entityId: ENTITY_A,
    });
    expect(patched.attributes).toEqual({ [A.credibility]: '2', [A.claimDate]: '2022' });
    expect(patched.entityId).toBe(ENTITY_A);
    expect((await api.updateAnnotation({ id: claim.id, entityId: null })).entityId).toBeNull();
    const other = await api.createAnnotation({
      documentId: claim.documentId,
      tagId: OPINION,
      start: 14,
      end: 18,
    });
    const linked = await api.updateAnnotation({
      id: other.id,
      attributes: { [A.holder]: ENTITY_A },
    });
    expect(linked.attributes).toEqual({ [A.holder]: ENTITY_A });
  });

  it('keeps every value when retagged and shows only what the new tag carries', async () => {
    const { api } = openTestService();
    const { claim } = await claimOn(api);
    await api.updateAnnotation({ id: claim.id, attributes: { [A.reliability]: 'C' } });
    const asEntity = await api.updateAnnotation({ id: claim.id, tagId: ENTITY });
    expect(asEntity.attributes).toEqual({ [A.reliability]: 'C' });
    const back = await api.updateAnnotation({ id: claim.id, tagId: QUOTE.id, note: 'back' });
    expect(back).toMatchObject({
      tagId: QUOTE.id,
      note: 'back',
      attributes: { [A.reliability]: 'C' },
    });
  });
});

describe('codebook files', () => {
  it('exports the tree with attributes, and imports it into another project by id', async () => {
    const one = openTestService();
    const rumour = await one.api.createTag({
      parentId: CLAIM,
      name: 'Rumour',
      hotkey: 'u',
      color: '#aa5500',
    });
    const spread = await one.api.createAttributeDef({
      tagId: rumour.id,
      name: 'Spread by',
      type: 'multi_choice',
      choices: [{ value: 'telegram', label: 'Telegram' }],
    });
    const file = await one.api.exportCodebook({});
    expect(file).toMatchObject({ format: CODEBOOK_FORMAT, version: CODEBOOK_FORMAT_VERSION });
    expect(file.tags.map((t) => t.name)).toEqual(['Claim', 'Entity', 'Opinion']);
    const claim = file.tags[0]!;
    expect(claim.attributes.map((a) => a.key)).toEqual([
      'kind',
      'reliability',
      'credibility',
      'attributed_to',
      'date',
    ]);
    expect(claim.children.at(-1)).toMatchObject({
      id: rumour.id,
      name: 'Rumour',
      hotkey: 'u',
      attributes: [{ id: spread.id, key: 'spread_by', type: 'multi_choice' }],
      children: [],
    });

    const two = openTestService();
    const report = await two.api.importCodebook({ codebook: JSON.parse(JSON.stringify(file)) });
    expect(report).toMatchObject({
      tagsMatchedById: 12,
      tagsCreated: 1,
      tagsUpdated: 0,
      attributesCreated: 1,
      warnings: [],
    });
    expect(report.changes.map((c) => [c.kind, c.action, c.path])).toEqual([
      ['tag', 'created', 'Claim › Rumour'],
      ['attribute', 'created', 'Claim › Rumour › Spread by'],
    ]);
    expect(await two.api.listTags({})).toEqual(await one.api.listTags({}));
    expect(await two.api.listAttributeDefs({})).toEqual(await one.api.listAttributeDefs({}));
    // The same file again changes nothing.
    expect((await two.api.importCodebook({ codebook: file })).changes).toEqual([]);
  });

  it('matches unknown ids by name path, adds choices, and reports what it left alone', async () => {
    const { api } = openTestService();
    const codebook: CodebookFile = {
      format: CODEBOOK_FORMAT,
      version: CODEBOOK_FORMAT_VERSION,
      exportedAt: '',
      tags: [
        {
          id: '01900000-0000-7000-8000-0000000000c1',
          name: 'claim',
          color: '#112233',
          hotkey: null,
          description: 'Checkable assertions',
          attributes: [
            {
              id: '01900000-0000-7000-8000-0000000000a1',
              key: 'stance',
              name: 'Stance',
              type: 'choice',
              choices: [{ value: 'pro', label: 'Pro' }],
              description: '',
            },
            {
              id: '01900000-0000-7000-8000-0000000000a2',
              key: 'reliability',
              name: 'Reliability',
              type: 'choice',
              choices: [{ value: 'G', label: 'G — Made up' }],
              description: '',
            },
          ],
          children: [
            {
              id: '01900000-0000-7000-8000-0000000000c2',
              name: 'Quote',
              color: '#445566',
              hotkey: 'o',
              description: '',
              attributes: [],
              children: [],
            },
          ],
        },
        {
          id: '01900000-0000-7000-8000-0000000000c3',
          name: 'Topic',
          color: '#445566',
          hotkey: null,
          description: '',
          attributes: [],
          children: [],
        },
      ],
    };
    const report = await api.importCodebook({ codebook });
    expect(report).toMatchObject({
      tagsMatchedById: 0,
      tagsMatchedByPath: 2,
      tagsUpdated: 2,
      tagsCreated: 0,
    });
    expect(report.warnings).toEqual([
      'claim › Quote: hotkey O not used; "Opinion" has it.',
      'Topic: not one of the roots (Claim, Entity, Opinion); skipped with its sub-tags.',
    ]);
    const claim = (await api.listTags({})).find((t) => t.id === CLAIM);
    expect(claim).toMatchObject({ name: 'claim', color: '#112233', hotkey: 'c' });
    const reliability = (await api.listAttributeDefs({})).find((d) => d.id === A.reliability)!;
    expect(reliability.name).toBe('Reliability');
    expect(reliability.choices.map((c) => c.value)).toEqual(['G', 'A', 'B', 'C', 'D', 'E', 'F']);
    expect(report.changes.find((c) => c.kind === 'attribute' && c.action === 'created')?.path).toBe(
      'claim › Stance',
    );
  });

  it('refuses a file of another format or version before touching anything', async () => {
    const { api } = openTestService();
    const bad = { format: CODEBOOK_FORMAT, version: 2, exportedAt: '', tags: [] };
    expect(await rejectionOf(api.importCodebook({ codebook: bad as never }))).toMatchObject({
      code: 'invalid_argument',
      message: expect.stringContaining('codebook.version'),
    });
  });
});
