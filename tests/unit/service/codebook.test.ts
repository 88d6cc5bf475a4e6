import { describe, expect, it } from 'vitest';
import type { GlossApi } from '../../../core/api';
import { BUILTIN_ATTRIBUTE_IDS as A, DEFAULT_SUBTAGS } from '../../../core/codebook';
import type { Tag } from '../../../core/domain';
import { CLAIM, ENTITY, OPINION, importText, openTestService, rejectionOf } from './helpers';

const subtag = (name: string) => DEFAULT_SUBTAGS.find((t) => t.name === name)!;
const QUOTE = subtag('Quote');
const STATISTIC = subtag('Statistic');
const PERSON = subtag('Person');

/** The live children of a tag, in order, by name. */
async function childNames(api: GlossApi, parentId: string): Promise<string[]> {
  const tags = await api.listTags({});
  return tags
    .filter((t) => t.parentId === parentId)
    .sort((a, b) => a.position - b.position)
    .map((t) => t.name);
}

async function tagNamed(api: GlossApi, name: string): Promise<Tag | undefined> {
  return (await api.listTags({})).find((t) => t.name === name);
}

describe('tags of the codebook', () => {
  it('creates sub-tags to any depth, in the colour of their parent unless given one', async () => {
    const { api } = openTestService();
    const official = await api.createTag({
      parentId: CLAIM,
      name: ' Official statement ',
      hotkey: 'k',
    });
    expect(official).toMatchObject({
      parentId: CLAIM,
      name: 'Official statement',
      color: '#e6a700',
      hotkey: 'k',
      description: '',
    });
    const ministry = await api.createTag({
      parentId: official.id,
      name: 'Міністерство оборони 🛡',
      color: '#336699',
      description: 'Statements of a defence ministry',
    });
    const deeper = await api.createTag({ parentId: ministry.id, name: 'Briefing' });
    expect(deeper.color).toBe('#336699');
    expect(await childNames(api, CLAIM)).toEqual([
      'Statistic',
      'Quote',
      'Event report',
      'Prediction',
      'Official statement',
    ]);
    const first = await api.createTag({ parentId: CLAIM, name: 'Denial', position: 0 });
    expect(first.position).toBe(0);
    expect((await childNames(api, CLAIM))[0]).toBe('Denial');
  });

  it('refuses a hotkey another tag has, naming that tag, and keys the reader keeps', async () => {
    const { api } = openTestService();
    expect(
      await rejectionOf(api.createTag({ parentId: CLAIM, name: 'Rumour', hotkey: 'c' })),
    ).toMatchObject({
      code: 'conflict',
      message:
        'Hotkey C is already used by the tag "Claim". Remove it there first, or choose another key.',
    });
    expect(await rejectionOf(api.updateTag({ id: QUOTE.id, hotkey: 'p' }))).toMatchObject({
      code: 'conflict',
      message: expect.stringContaining('"Person"'),
    });
    expect(
      await rejectionOf(api.createTag({ parentId: CLAIM, name: 'Rumour', hotkey: 'n' })),
    ).toMatchObject({
      code: 'invalid_argument',
      message: expect.stringMatching(/N is kept for the note/),
    });
    expect(
      await rejectionOf(api.createTag({ parentId: CLAIM, name: 'Rumour', hotkey: 'K' })),
    ).toMatchObject({
      code: 'invalid_argument',
    });
    // Freed by one tag, the key can go to another; a tag may keep its own key.
    await api.updateTag({ id: PERSON.id, hotkey: null });
    expect((await api.updateTag({ id: QUOTE.id, hotkey: 'p' })).hotkey).toBe('p');
    expect((await api.updateTag({ id: QUOTE.id, hotkey: 'p', name: 'Direct quote' })).name).toBe(
      'Direct quote',
    );
  });

  it('refuses two sub-tags of one parent with the same name, whatever the case', async () => {
    const { api } = openTestService();
    expect(await rejectionOf(api.createTag({ parentId: CLAIM, name: ' quote' }))).toMatchObject({
      code: 'conflict',
      message: '"Claim" already has a sub-tag named "Quote".',
    });
    // Under another parent the name is free.
    await api.createTag({ parentId: OPINION, name: 'Quote' });
    expect(await rejectionOf(api.updateTag({ id: STATISTIC.id, name: 'QUOTE' }))).toMatchObject({
      code: 'conflict',
    });
  });

  it('reorders siblings and moves a tag with its sub-tags under another parent', async () => {
    const { api } = openTestService();
    await api.moveTag({ id: QUOTE.id, parentId: CLAIM, position: 0 });
    expect(await childNames(api, CLAIM)).toEqual([
      'Quote',
      'Statistic',
      'Event report',
      'Prediction',
    ]);
    const direct = await api.createTag({ parentId: QUOTE.id, name: 'Direct' });
    await api.moveTag({ id: QUOTE.id, parentId: OPINION, position: 5 });
    expect(await childNames(api, CLAIM)).toEqual(['Statistic', 'Event report', 'Prediction']);
    expect(await childNames(api, OPINION)).toEqual(['Quote']);
    expect((await tagNamed(api, 'Direct'))?.parentId).toBe(QUOTE.id);
    expect(
      await rejectionOf(api.moveTag({ id: QUOTE.id, parentId: direct.id, position: 0 })),
    ).toMatchObject({
      code: 'invalid_argument',
      message: expect.stringContaining('under itself'),
    });
    expect(
      await rejectionOf(api.moveTag({ id: CLAIM, parentId: ENTITY, position: 0 })),
    ).toMatchObject({
      code: 'invalid_argument',
    });
    expect(
      await rejectionOf(api.moveTag({ id: QUOTE.id, parentId: null, position: 0 })),
    ).toMatchObject({
      code: 'invalid_argument',
    });
    // The roots reorder among themselves.
    await api.moveTag({ id: OPINION, parentId: null, position: 0 });
    expect(await childNamesOfRoots(api)).toEqual(['Opinion', 'Claim', 'Entity']);
  });
});

async function childNamesOfRoots(api: GlossApi): Promise<string[]> {
  const tags = await api.listTags({});
  return tags.filter((t) => t.parentId === null).map((t) => t.name);
}

describe('merging and deleting tags', () => {
  async function tagged(api: GlossApi) {
    const documentId = await importText(
      api,
      'a.txt',
      'Officials said 40 people left Kyiv on Friday.',
    );
    const statistic = await api.createAnnotation({
      documentId,
      tagId: STATISTIC.id,
      start: 15,
      end: 24,
      attributes: { [A.reliability]: 'B', [A.credibility]: '2' },
    });
    const quote = await api.createAnnotation({ documentId, tagId: QUOTE.id, start: 0, end: 44 });
    const gone = await api.createAnnotation({
      documentId,
      tagId: STATISTIC.id,
      start: 15,
      end: 17,
    });
    await api.deleteAnnotation({ id: gone.id });
    return { documentId, statistic, quote, gone };
  }

  it('merges a tag into another: annotations and sub-tags move, its attributes go, values stay', async () => {
    const { api } = openTestService();
    const { documentId, statistic, quote, gone } = await tagged(api);
    const unit = await api.createAttributeDef({ tagId: STATISTIC.id, name: 'Unit', type: 'text' });
    await api.updateAnnotation({ id: statistic.id, attributes: { [unit.id]: 'people' } });
    const official = await api.createTag({ parentId: STATISTIC.id, name: 'Official figure' });

    // What the merge dialog tells the analyst before it happens.
    expect(await api.getTagUsage({ id: STATISTIC.id })).toEqual({
      live: 1,
      total: 2,
      documents: 1,
    });
    const removal = await api.mergeTags({ sourceId: STATISTIC.id, targetId: QUOTE.id });
    expect(removal).toMatchObject({
      tag: { id: STATISTIC.id, name: 'Statistic' },
      reassignedTo: QUOTE.id,
      attributeIds: [unit.id],
      children: [{ id: official.id, position: 0 }],
      annotationsMoved: 1,
    });
    expect(new Set(removal.annotationIds)).toEqual(new Set([statistic.id, gone.id]));
    expect(await tagNamed(api, 'Statistic')).toBeUndefined();
    expect((await tagNamed(api, 'Official figure'))?.parentId).toBe(QUOTE.id);
    const after = await api.listAnnotations({ documentId });
    expect(after.map((a) => a.tagId)).toEqual([QUOTE.id, QUOTE.id]);
    // Claim's reliability applies to Quote too; the Unit value is kept, hidden.
    expect(after.find((a) => a.id === statistic.id)?.attributes).toEqual({
      [A.reliability]: 'B',
      [A.credibility]: '2',
      [unit.id]: 'people',
    });
    expect((await api.listAttributeDefs({})).some((d) => d.id === unit.id)).toBe(false);
    const [summary] = await api.listDocuments({});
    expect(summary?.counts).toEqual({ [QUOTE.id]: 2 });

    // Undo: everything goes back where it was.
    await api.restoreTag({
      id: STATISTIC.id,
      attributeIds: removal.attributeIds,
      children: removal.children,
      annotationIds: removal.annotationIds,
      annotationsFrom: QUOTE.id,
    });
    expect(await childNames(api, CLAIM)).toEqual([
      'Statistic',
      'Quote',
      'Event report',
      'Prediction',
    ]);
    expect((await tagNamed(api, 'Official figure'))?.parentId).toBe(STATISTIC.id);
    const restored = await api.listAnnotations({ documentId });
    expect(restored.find((a) => a.id === statistic.id)?.tagId).toBe(STATISTIC.id);
    expect(restored.find((a) => a.id === quote.id)?.tagId).toBe(QUOTE.id);
    expect((await api.restoreAnnotation({ id: gone.id })).tagId).toBe(STATISTIC.id);
    expect((await api.listAttributeDefs({})).some((d) => d.id === unit.id)).toBe(true);
  });

  it('carries values onto the attributes of a target in another branch by key', async () => {
    const { api } = openTestService();
    const { documentId, statistic } = await tagged(api);
    const reliability = await api.createAttributeDef({
      tagId: OPINION,
      name: 'Source reliability',
      key: 'reliability',
      type: 'choice',
      choices: [
        { value: 'A', label: 'A' },
        { value: 'B', label: 'B' },
      ],
    });
    const removal = await api.mergeTags({ sourceId: STATISTIC.id, targetId: OPINION });
    expect(removal.valuesCarried).toBe(1);
    const moved = (await api.listAnnotations({ documentId })).find((a) => a.id === statistic.id);
    expect(moved).toMatchObject({
      tagId: OPINION,
      attributes: { [A.reliability]: 'B', [A.credibility]: '2', [reliability.id]: 'B' },
    });
  });

  it('refuses to merge a root, into itself or into its own sub-tag', async () => {
    const { api } = openTestService();
    const child = await api.createTag({ parentId: QUOTE.id, name: 'Direct' });
    expect(await rejectionOf(api.mergeTags({ sourceId: CLAIM, targetId: ENTITY }))).toMatchObject({
      code: 'invalid_argument',
      message: '"Claim" is a root of the codebook and cannot be deleted or merged.',
    });
    expect(
      await rejectionOf(api.mergeTags({ sourceId: QUOTE.id, targetId: QUOTE.id })),
    ).toMatchObject({
      code: 'invalid_argument',
    });
    expect(
      await rejectionOf(api.mergeTags({ sourceId: QUOTE.id, targetId: child.id })),
    ).toMatchObject({
      code: 'invalid_argument',
      message: expect.stringContaining('its own sub-tag'),
    });
  });

  it('deletes a tag only once its annotations have somewhere to go; sub-tags take its place', async () => {
    const { api } = openTestService();
    const { documentId, statistic } = await tagged(api);
    const official = await api.createTag({ parentId: STATISTIC.id, name: 'Official figure' });
    expect(await rejectionOf(api.deleteTag({ id: STATISTIC.id }))).toMatchObject({
      code: 'invalid_argument',
      message: '"Statistic" has 1 annotation: choose the tag they go to.',
    });
    expect(await rejectionOf(api.deleteTag({ id: CLAIM, reassignTo: ENTITY }))).toMatchObject({
      code: 'invalid_argument',
    });
    const removal = await api.deleteTag({ id: STATISTIC.id, reassignTo: CLAIM });
    expect(removal).toMatchObject({ reassignedTo: CLAIM, annotationsMoved: 1 });
    expect(await childNames(api, CLAIM)).toEqual([
      'Official figure',
      'Quote',
      'Event report',
      'Prediction',
    ]);
    const moved = (await api.listAnnotations({ documentId })).find((a) => a.id === statistic.id);
    expect(moved?.tagId).toBe(CLAIM);
    // A tag with no annotations goes without a reassignment.
    await api.deleteTag({ id: official.id });
    expect(await childNames(api, CLAIM)).toEqual(['Quote', 'Event report', 'Prediction']);
    // Its hotkey is free again, and comes back with it only if still free.
    await api.createTag({ parentId: CLAIM, name: 'Survey', hotkey: 's' });
    await api.restoreTag({ id: STATISTIC.id, children: removal.children });
    const back = await tagNamed(api, 'Statistic');
    expect(back).toMatchObject({ parentId: CLAIM, hotkey: null, position: 0 });
    expect((await tagNamed(api, 'Official figure'))?.parentId).toBeUndefined();
  });

  it('restores a created tag (redo) and renames it if a sibling took its name meanwhile', async () => {
    const { api } = openTestService();
    const rumour = await api.createTag({ parentId: CLAIM, name: 'Rumour', hotkey: 'u' });
    await api.deleteTag({ id: rumour.id });
    await api.createTag({ parentId: CLAIM, name: 'rumour' });
    expect(await api.restoreTag({ id: rumour.id })).toMatchObject({
      name: 'Rumour (2)',
      hotkey: 'u',
    });
  });
});
