import { describe, expect, it } from 'vitest';
import { DEFAULT_SUBTAGS } from '../../../core/codebook';
import { CODEBOOK_FORMAT, CODEBOOK_FORMAT_VERSION } from '../../../core/codebook-rules';
import {
  createAttributeDef,
  createTag,
  importCodebook,
  moveTag,
  removeTag,
  updateTag,
} from '../../../renderer/codebook-actions';
import { parseCodebookFile, reportLines } from '../../../renderer/codebook-file';
import { projectHistory } from '../../../renderer/project-history';
import { CLAIM, importText, openTestService } from '../service/helpers';

const STATISTIC = DEFAULT_SUBTAGS.find((t) => t.name === 'Statistic')!;
const QUOTE = DEFAULT_SUBTAGS.find((t) => t.name === 'Quote')!;

describe('codebook edits as undoable project steps', () => {
  it('undoes and redoes a merge, a new tag and an edit, in order', async () => {
    const { api } = openTestService();
    const documentId = await importText(api, 'a.txt', 'Officials said 40 people left.');
    await api.createAnnotation({
      documentId,
      tagId: STATISTIC.id,
      start: 15,
      end: 24,
    });
    const history = projectHistory(api);
    const tagOf = async () => (await api.listAnnotations({ documentId }))[0]?.tagId;

    await removeTag(api, STATISTIC, { mergeInto: QUOTE.id }, true);
    expect(await tagOf()).toBe(QUOTE.id);
    const rumour = await createTag(api, { parentId: CLAIM, name: 'Rumour', hotkey: 'u' });
    await updateTag(api, rumour, { name: 'Hearsay' });
    await createAttributeDef(api, {
      tagId: rumour.id,
      name: 'Spread by',
      type: 'text',
      choices: [],
      description: '',
    });

    await history.undo(); // the attribute
    await history.undo(); // the rename
    expect((await api.listTags({})).find((t) => t.id === rumour.id)?.name).toBe('Rumour');
    await history.undo(); // the new tag
    expect((await api.listTags({})).some((t) => t.id === rumour.id)).toBe(false);
    await history.undo(); // the merge
    expect(await tagOf()).toBe(STATISTIC.id);
    expect((await api.listTags({})).some((t) => t.id === STATISTIC.id)).toBe(true);

    await history.redo();
    expect(await tagOf()).toBe(QUOTE.id);
    await history.redo();
    // Redone by bringing back the same tag, so the rename after it still applies.
    await history.redo();
    expect((await api.listTags({})).find((t) => t.id === rumour.id)).toMatchObject({
      name: 'Hearsay',
      hotkey: 'u',
    });
  });

  it('moves a tag back to its old place on undo', async () => {
    const { api } = openTestService();
    await moveTag(api, QUOTE, CLAIM, 3);
    const order = async () =>
      (await api.listTags({}))
        .filter((t) => t.parentId === CLAIM)
        .sort((a, b) => a.position - b.position)
        .map((t) => t.name);
    expect(await order()).toEqual(['Statistic', 'Event report', 'Prediction', 'Quote']);
    await projectHistory(api).undo();
    expect(await order()).toEqual(['Statistic', 'Quote', 'Event report', 'Prediction']);
  });

  it('imports a codebook as one step that undoes every change', async () => {
    const { api } = openTestService();
    const file = await api.exportCodebook({});
    file.tags[0]!.color = '#123456';
    file.tags[0]!.children.push({
      id: '01900000-0000-7000-8000-0000000000c9',
      name: 'Rumour',
      color: '#aa5500',
      hotkey: null,
      description: '',
      attributes: [],
      children: [],
    });
    const { report, undoable } = await importCodebook(api, file);
    expect(undoable).toBe(true);
    expect(reportLines(report, undoable)).toEqual([
      '12 tags matched (12 by id, 0 by name), 1 created, 1 updated; 0 attributes created, 0 updated.',
      'Updated tag Claim',
      'Created tag Claim › Rumour',
      'Ctrl+Z undoes the import.',
    ]);
    await projectHistory(api).undo();
    const tags = await api.listTags({});
    expect(tags.find((t) => t.id === CLAIM)?.color).toBe('#e6a700');
    expect(tags.some((t) => t.name === 'Rumour')).toBe(false);
    await projectHistory(api).redo();
    expect((await api.listTags({})).some((t) => t.name === 'Rumour')).toBe(true);
  });
});

describe('reading a codebook file', () => {
  it('says what is wrong with a file that is not one', () => {
    expect(parseCodebookFile('{', 'a.json')).toEqual({
      ok: false,
      message: 'a.json is not a JSON file.',
    });
    expect(
      parseCodebookFile('{"format":"gloss-codebook","version":7,"tags":[]}', 'b.json'),
    ).toEqual({
      ok: false,
      message: 'b.json is a codebook of version 7; this Gloss reads version 1.',
    });
    const good = {
      format: CODEBOOK_FORMAT,
      version: CODEBOOK_FORMAT_VERSION,
      exportedAt: '',
      tags: [],
    };
    expect(parseCodebookFile(JSON.stringify(good), 'c.json')).toEqual({ ok: true, codebook: good });
  });
});
