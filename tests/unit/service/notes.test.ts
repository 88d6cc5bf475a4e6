import { describe, expect, it } from 'vitest';
import { blocksFromPlainText } from '../../../core/blocks';
import { BUILTIN_RELATION_TYPES } from '../../../core/codebook';
import type { GlossApi } from '../../../core/api';
import { CLAIM, importText, openTestService, rejectionOf, UNKNOWN_ID } from './helpers';

const TEXT = 'Rovshan Mammadov said AZTV is free. Jeyhun Mammadov said it is not. 🌻 Київ стоїть.';
const [, , , SUPPORTS, CONTRADICTS] = BUILTIN_RELATION_TYPES.map((t) => t.id) as string[];

/** A project with one document and three claims on it. */
async function project(): Promise<{ api: GlossApi; doc: string; a: string; b: string; c: string }> {
  const { api } = openTestService();
  const doc = await importText(api, 'aztv.txt', TEXT);
  const tag = async (needle: string) => {
    // Offsets are code points: the sunflower before "Київ" is one, not two.
    const at = Array.from(TEXT.slice(0, TEXT.indexOf(needle))).length;
    const created = await api.createAnnotation({
      documentId: doc,
      tagId: CLAIM,
      start: at,
      end: at + Array.from(needle).length,
    });
    return created.id;
  };
  return {
    api,
    doc,
    a: await tag('AZTV is free'),
    b: await tag('it is not'),
    c: await tag('Київ стоїть'),
  };
}

describe('relation types', () => {
  it('lists the built-in types first, and adds, renames and deletes the analyst’s own', async () => {
    const { api } = openTestService();
    const builtIn = await api.listRelationTypes({});
    expect(builtIn.map((t) => t.key)).toEqual(BUILTIN_RELATION_TYPES.map((t) => t.key));

    const quotes = await api.createRelationType({ name: 'Цитує', inverseName: 'quoted by' });
    expect(quotes).toMatchObject({ name: 'Цитує', inverseName: 'quoted by', builtIn: false });
    expect(quotes.key).toMatch(/^[a-z0-9_]+$/);
    const echoes = await api.createRelationType({ name: 'echoes', symmetric: true });
    expect(echoes.inverseName).toBe('echoes');
    expect((await api.listRelationTypes({})).at(-1)?.id).toBe(echoes.id);

    expect(await rejectionOf(api.createRelationType({ name: 'ECHOES' }))).toMatchObject({
      code: 'conflict',
    });
    const renamed = await api.updateRelationType({ id: quotes.id, name: 'quotes' });
    expect(renamed).toMatchObject({ name: 'quotes', inverseName: 'quoted by' });

    await api.deleteRelationType({ id: echoes.id });
    expect((await api.listRelationTypes({})).map((t) => t.id)).not.toContain(echoes.id);
    await api.restoreRelationType({ id: echoes.id });
    expect((await api.listRelationTypes({})).map((t) => t.id)).toContain(echoes.id);
  });

  it('refuses to delete a built-in type, or one in use; built-ins can only be renamed', async () => {
    const { api, a, b } = await project();
    expect(await rejectionOf(api.deleteRelationType({ id: CONTRADICTS! }))).toMatchObject({
      code: 'conflict',
      message: expect.stringMatching(/built-in/),
    });
    expect(
      await rejectionOf(api.updateRelationType({ id: CONTRADICTS!, symmetric: false })),
    ).toMatchObject({ code: 'conflict' });
    const renamed = await api.updateRelationType({ id: SUPPORTS!, name: 'підтримує' });
    expect(renamed).toMatchObject({
      name: 'підтримує',
      inverseName: 'supported by',
      builtIn: true,
    });

    const mine = await api.createRelationType({ name: 'cites' });
    await api.createRelation({ typeId: mine.id, sourceId: a, targetId: b });
    expect(await rejectionOf(api.deleteRelationType({ id: mine.id }))).toMatchObject({
      code: 'conflict',
      message: expect.stringMatching(/1 pair/),
    });
  });
});

describe('relations', () => {
  it('links two annotations and lists the link from either end, with both quotes', async () => {
    const { api, doc, a, b } = await project();
    const relation = await api.createRelation({
      typeId: CONTRADICTS!,
      sourceId: a,
      targetId: b,
      note: 'They disagree',
    });
    expect(relation).toMatchObject({
      typeId: CONTRADICTS,
      note: 'They disagree',
      author: 'analyst',
      source: { annotationId: a, documentId: doc, exact: 'AZTV is free', documentTitle: TEXT },
      target: { annotationId: b, exact: 'it is not' },
    });
    expect(await api.listRelations({ documentId: doc })).toEqual([relation]);
  });

  it('shows a relation to another document with that document’s title and quote', async () => {
    const { api, doc, a } = await project();
    const other = await importText(api, 'other.txt', 'Independent sources confirm it.');
    const there = await api.createAnnotation({
      documentId: other,
      tagId: CLAIM,
      start: 0,
      end: 19,
    });
    await api.createRelation({ typeId: SUPPORTS!, sourceId: there.id, targetId: a });
    const [fromHere] = await api.listRelations({ documentId: doc });
    expect(fromHere?.source).toMatchObject({
      documentId: other,
      // A plain-text document is named by its first line.
      documentTitle: 'Independent sources confirm it.',
      exact: 'Independent sources',
    });
    expect(await api.listRelations({ documentId: other })).toHaveLength(1);
  });

  it('refuses self-links, duplicates (both ways for symmetric types) and dead ends', async () => {
    const { api, a, b } = await project();
    expect(
      await rejectionOf(api.createRelation({ typeId: SUPPORTS!, sourceId: a, targetId: a })),
    ).toMatchObject({ code: 'invalid_argument', message: expect.stringMatching(/itself/) });

    await api.createRelation({ typeId: CONTRADICTS!, sourceId: a, targetId: b });
    expect(
      await rejectionOf(api.createRelation({ typeId: CONTRADICTS!, sourceId: b, targetId: a })),
    ).toMatchObject({ code: 'conflict', message: expect.stringMatching(/already linked/) });

    // "supports" reads one way: a supports b and b supports a are two different statements.
    await api.createRelation({ typeId: SUPPORTS!, sourceId: a, targetId: b });
    await api.createRelation({ typeId: SUPPORTS!, sourceId: b, targetId: a });
    expect(
      await rejectionOf(api.createRelation({ typeId: SUPPORTS!, sourceId: a, targetId: b })),
    ).toMatchObject({ code: 'conflict' });

    expect(
      await rejectionOf(
        api.createRelation({ typeId: SUPPORTS!, sourceId: a, targetId: UNKNOWN_ID }),
      ),
    ).toMatchObject({ code: 'not_found' });
    expect(
      await rejectionOf(api.createRelation({ typeId: UNKNOWN_ID, sourceId: a, targetId: b })),
    ).toMatchObject({ code: 'not_found' });
  });

  it('hides a relation while an end is deleted, and shows it again when the end returns', async () => {
    const { api, doc, a, b } = await project();
    await api.createRelation({ typeId: CONTRADICTS!, sourceId: a, targetId: b });
    await api.deleteAnnotation({ id: b });
    expect(await api.listRelations({ documentId: doc })).toEqual([]);
    await api.restoreAnnotation({ id: b });
    expect(await api.listRelations({ documentId: doc })).toHaveLength(1);
  });

  it('changes type and note, deletes and restores, refusing a restore that would duplicate', async () => {
    const { api, doc, a, b } = await project();
    const first = await api.createRelation({ typeId: SUPPORTS!, sourceId: a, targetId: b });
    const changed = await api.updateRelation({ id: first.id, typeId: CONTRADICTS!, note: 'no' });
    expect(changed).toMatchObject({ typeId: CONTRADICTS, note: 'no' });

    const deleted = await api.deleteRelation({ id: first.id });
    expect(deleted.id).toBe(first.id);
    expect(await api.listRelations({ documentId: doc })).toEqual([]);
    // Deleting twice is harmless (a retried request).
    await api.deleteRelation({ id: first.id });

    const again = await api.createRelation({ typeId: CONTRADICTS!, sourceId: b, targetId: a });
    expect(await rejectionOf(api.restoreRelation({ id: first.id }))).toMatchObject({
      code: 'conflict',
    });
    await api.deleteRelation({ id: again.id });
    await api.restoreRelation({ id: first.id });
    expect((await api.listRelations({ documentId: doc })).map((r) => r.id)).toEqual([first.id]);
  });
});

describe('new versions of a document', () => {
  it('keep its relations and memos when a re-import moves the annotations', async () => {
    const { api, doc, a, b } = await project();
    const relation = await api.createRelation({ typeId: SUPPORTS!, sourceId: a, targetId: b });
    const memo = await api.createMemo({ documentId: doc, body: 'Check the figure' });
    const { document: next, moved } = await api.reimportDocument({
      id: doc,
      options: { encoding: 'utf-8' },
    });
    expect(moved).toBe(3);
    const [carried] = await api.listRelations({ documentId: next.id });
    expect(carried).toMatchObject({
      id: relation.id,
      source: { documentId: next.id, exact: 'AZTV is free' },
      target: { documentId: next.id, exact: 'it is not' },
    });
    expect(await api.listMemos({ documentId: next.id })).toEqual([
      expect.objectContaining({ id: memo.id, documentId: next.id }),
    ]);
  });
});

describe('edits of the text', () => {
  it('carry relations and memos to the new version, and back when undone and redone', async () => {
    const { api, doc, a, b } = await project();
    const relation = await api.createRelation({ typeId: CONTRADICTS!, sourceId: a, targetId: b });
    const memo = await api.createMemo({ documentId: doc, body: 'memo' });
    const text = `${TEXT} Added.`;
    const { document: edited } = await api.editDocumentText({
      id: doc,
      text,
      blocks: blocksFromPlainText(text),
    });
    const ends = async (documentId: string) =>
      (await api.listRelations({ documentId })).map((r) => [
        r.id,
        r.source.documentId,
        r.target.documentId,
      ]);
    const memosOn = async (documentId: string) =>
      (await api.listMemos({ documentId })).map((m) => m.id);
    expect(await ends(edited.id)).toEqual([[relation.id, edited.id, edited.id]]);
    expect(await memosOn(edited.id)).toEqual([memo.id]);

    await api.revertDocumentEdit({ id: edited.id });
    expect(await ends(doc)).toEqual([[relation.id, doc, doc]]);
    expect(await memosOn(doc)).toEqual([memo.id]);

    await api.reapplyDocumentEdit({ id: edited.id });
    expect(await ends(edited.id)).toEqual([[relation.id, edited.id, edited.id]]);
    expect(await memosOn(edited.id)).toEqual([memo.id]);
  });
});

describe('memos', () => {
  it('keeps memos per document and for the project, and deletes and restores them', async () => {
    const { api, doc } = await project();
    const onDoc = await api.createMemo({
      documentId: doc,
      body: '**Key** claim: see [source](https://example.org)',
    });
    const onProject = await api.createMemo({ documentId: null, body: 'Case overview' });
    expect(await api.listMemos({ documentId: doc })).toEqual([onDoc]);
    expect(await api.listMemos({ documentId: null })).toEqual([onProject]);

    const edited = await api.updateMemo({ id: onDoc.id, body: 'Rewritten' });
    expect(edited).toMatchObject({ id: onDoc.id, body: 'Rewritten', documentId: doc });

    await api.deleteMemo({ id: onDoc.id });
    expect(await api.listMemos({ documentId: doc })).toEqual([]);
    expect(await rejectionOf(api.updateMemo({ id: onDoc.id, body: 'x' }))).toMatchObject({
      code: 'not_found',
    });
    await api.restoreMemo({ id: onDoc.id });
    expect(await api.listMemos({ documentId: doc })).toHaveLength(1);

    expect(await rejectionOf(api.createMemo({ documentId: UNKNOWN_ID, body: 'x' }))).toMatchObject({
      code: 'not_found',
    });
  });
});

describe('document details', () => {
  it('changes the title and details, keeping what was not given', async () => {
    const { api, doc } = await project();
    const updated = await api.updateDocumentDetails({
      id: doc,
      title: '  AZTV statements  ',
      author: 'Rovshan Mammadov',
      outlet: 'Meydan TV',
      publishedAt: '2024-03-01',
      url: 'https://example.org/aztv',
      language: 'az-Latn',
      outletReliability: 'B',
    });
    expect(updated.title).toBe('AZTV statements');
    expect(updated.details).toEqual({
      author: 'Rovshan Mammadov',
      outlet: 'Meydan TV',
      publishedAt: '2024-03-01',
      url: 'https://example.org/aztv',
      language: 'az-Latn',
      outletReliability: 'B',
    });
    const partly = await api.updateDocumentDetails({ id: doc, outlet: 'OC Media' });
    expect(partly.details).toMatchObject({ author: 'Rovshan Mammadov', outletReliability: 'B' });
    const cleared = await api.updateDocumentDetails({ id: doc, outletReliability: null });
    expect(cleared.details.outletReliability).toBeNull();
    expect((await api.getDocument({ id: doc })).details.outlet).toBe('OC Media');
    expect((await api.listDocuments({}))[0]?.title).toBe('AZTV statements');
  });

  it('refuses addresses other than http(s), malformed languages and dates, an empty title', async () => {
    const { api, doc } = await project();
    const refused = (args: Parameters<GlossApi['updateDocumentDetails']>[0]) =>
      rejectionOf(api.updateDocumentDetails(args));
    expect(await refused({ id: doc, url: 'javascript:alert(1)' })).toMatchObject({
      code: 'invalid_argument',
      message: expect.stringMatching(/http/),
    });
    expect(await refused({ id: doc, url: 'file:///etc/passwd' })).toMatchObject({
      code: 'invalid_argument',
    });
    expect(await refused({ id: doc, language: 'English!' })).toMatchObject({
      code: 'invalid_argument',
    });
    expect(await refused({ id: doc, publishedAt: 'yesterday' })).toMatchObject({
      code: 'invalid_argument',
    });
    expect(await refused({ id: doc, title: '   ' })).toMatchObject({ code: 'invalid_argument' });
    expect(await refused({ id: doc, outletReliability: 'G' as unknown as 'A' })).toMatchObject({
      code: 'invalid_argument',
    });
    expect(await refused({ id: UNKNOWN_ID, outlet: 'x' })).toMatchObject({ code: 'not_found' });
  });
});
