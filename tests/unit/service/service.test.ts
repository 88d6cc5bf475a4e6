import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DEFAULT_SUBTAGS, ROOT_TAGS } from '../../../core/codebook';
import { LATEST_SCHEMA_VERSION } from '../../../db/migrations';
import { openService } from '../../../service/service';
import {
  CLAIM,
  ENTITY,
  OPINION,
  SAMPLE,
  base64,
  importText,
  makeTempDir,
  openTestService,
  rejectionOf,
  snapshot,
} from './helpers';

const UUID_V7 = /^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;
const ISO = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/;

describe('the service', () => {
  it('describes its project', async () => {
    const { api, projectPath } = openTestService();
    expect(await api.getProjectInfo({})).toEqual({
      projectPath,
      schemaVersion: LATEST_SCHEMA_VERSION,
      appVersion: '9.9.9',
      author: 'analyst',
    });
    const tags = await api.listTags({});
    expect(tags.slice(0, 3)).toEqual(ROOT_TAGS);
    expect(new Set(tags.slice(3))).toEqual(new Set(DEFAULT_SUBTAGS));
  });

  it('imports a batch in which one bad file fails alone and the rest arrive', async () => {
    const { api, projectPath } = openTestService();
    const outcomes = await api.importFiles({
      files: [
        { name: 'one.txt', data: base64('First article.\nBody.'), path: '/cases/one.txt' },
        { name: 'scan.txt', data: Buffer.from([0x25, 0, 0x50]).toString('base64') },
        { name: 'report.pdf', data: base64('%PDF-1.7') },
        { name: 'empty.md', data: '' },
        { name: 'two.md', data: base64('# Second\n\nText *here*.') },
      ],
    });
    expect(outcomes.map((o) => [o.name, o.status])).toEqual([
      ['one.txt', 'imported'],
      ['scan.txt', 'failed'],
      ['report.pdf', 'failed'],
      ['empty.md', 'failed'],
      ['two.md', 'imported'],
    ]);
    expect(outcomes[2]).toMatchObject({ name: 'report.pdf', error: /^report\.pdf: / });
    expect(outcomes[3]).toMatchObject({
      error: 'empty.md: the file is empty — there is no text to read',
    });
    const imported = outcomes.flatMap((o) => (o.status === 'imported' ? [o.document] : []));
    expect(imported[0]).toMatchObject({
      title: 'First article.',
      format: 'txt',
      sourcePath: '/cases/one.txt',
      length: 20,
      counts: {},
    });
    expect(imported[1]).toMatchObject({ title: 'Second', format: 'md', sourcePath: null });
    expect(imported.every((d) => UUID_V7.test(d.id) && ISO.test(d.importedAt))).toBe(true);
    const listed = await api.listDocuments({});
    expect(listed.map((d) => d.title)).toEqual(['Second', 'First article.']);
    expect(snapshot(projectPath)).not.toMatch(/scan\.txt|report\.pdf|empty\.md/);
  });

  it('annotates the sample article with code-point offsets, quote and context', async () => {
    const { api } = openTestService();
    const text = readFileSync(SAMPLE, 'utf8');
    const documentId = await importText(api, 'azerbaijanis-in-ukraine.txt', text);
    const doc = await api.getDocument({ id: documentId });
    expect(doc.text).toBe(text);
    expect(doc.blocks).toHaveLength(text.split('\n').filter((l) => l.trim()).length);

    const phrase = '‘delicate balancing act.’';
    const codePoints = Array.from(text);
    const start = Array.from(text.slice(0, text.indexOf(phrase))).length;
    const end = start + Array.from(phrase).length;
    const annotation = await api.createAnnotation({
      documentId,
      tagId: OPINION,
      start,
      end,
      note: 'Caspian Policy Centre',
    });
    expect(annotation).toEqual({
      id: expect.stringMatching(UUID_V7),
      documentId,
      tagId: OPINION,
      start,
      end,
      exact: phrase,
      prefix: codePoints.slice(start - 32, start).join(''),
      suffix: codePoints.slice(end, end + 32).join(''),
      note: 'Caspian Policy Centre',
      author: 'analyst',
      createdAt: expect.stringMatching(ISO),
      updatedAt: annotation.createdAt,
      attributes: {},
      entityId: null,
    });
    expect(annotation.prefix).toMatch(/initially seen as a $/);
    expect(await api.listAnnotations({ documentId })).toEqual([annotation]);
    const [summary] = await api.listDocuments({ query: 'KAVKAZ files' });
    expect(summary?.counts).toEqual({ [OPINION]: 1 });
  });

  it('lists annotations in text order, enclosing spans before the spans inside them', async () => {
    const { api } = openTestService();
    const documentId = await importText(api, 'a.txt', 'President Aliyev said the war is over.');
    const make = (tagId: string, start: number, end: number) =>
      api.createAnnotation({ documentId, tagId, start, end });
    const entity = await make(ENTITY, 10, 16);
    const claim = await make(CLAIM, 0, 38);
    const person = await make(ENTITY, 0, 16);
    const opinion = await make(OPINION, 22, 37);
    const order = (await api.listAnnotations({ documentId })).map((a) => a.id);
    expect(order).toEqual([claim.id, person.id, entity.id, opinion.id]);
  });

  it('deletes and restores an annotation, as undo and redo do', async () => {
    const { api } = openTestService();
    const documentId = await importText(api, 'a.txt', 'A claim worth checking.');
    const created = await api.createAnnotation({ documentId, tagId: CLAIM, start: 2, end: 7 });
    const counts = async () => (await api.getDocument({ id: documentId })).counts;

    const deleted = await api.deleteAnnotation({ id: created.id });
    expect(deleted).toMatchObject({ id: created.id, exact: 'claim', createdAt: created.createdAt });
    expect(await api.listAnnotations({ documentId })).toEqual([]);
    expect(await counts()).toEqual({});
    // Deleting twice is harmless; editing a deleted annotation is not allowed.
    expect(await api.deleteAnnotation({ id: created.id })).toEqual(deleted);
    expect(await rejectionOf(api.updateAnnotation({ id: created.id, note: 'x' }))).toMatchObject({
      code: 'not_found',
      message: `Annotation ${created.id} was deleted.`,
    });

    const restored = await api.restoreAnnotation({ id: created.id });
    expect(restored).toMatchObject({ id: created.id, start: 2, end: 7, tagId: CLAIM, note: '' });
    expect(await api.listAnnotations({ documentId })).toEqual([restored]);
    expect(await counts()).toEqual({ [CLAIM]: 1 });
    expect(await api.restoreAnnotation({ id: created.id })).toEqual(restored);
  });

  it('changes the tag and the note of an annotation, keeping when it was created', async () => {
    const { api } = openTestService();
    const documentId = await importText(api, 'a.txt', 'Ceyhun Mammadov fought.');
    const created = await api.createAnnotation({ documentId, tagId: CLAIM, start: 0, end: 15 });
    const retagged = await api.updateAnnotation({ id: created.id, tagId: ENTITY });
    expect(retagged).toMatchObject({ tagId: ENTITY, note: '', createdAt: created.createdAt });
    const noted = await api.updateAnnotation({ id: created.id, note: 'also "Jeyhun"' });
    expect(noted).toMatchObject({ tagId: ENTITY, note: 'also "Jeyhun"', exact: 'Ceyhun Mammadov' });
    expect(noted.updatedAt >= created.updatedAt).toBe(true);
    expect(await api.listAnnotations({ documentId })).toEqual([noted]);
  });

  it('soft-deletes a document: it leaves lists and exports, and cannot be annotated', async () => {
    const { api, projectPath } = openTestService();
    const kept = await importText(api, 'kept.txt', 'Kept text.');
    const gone = await importText(api, 'gone.txt', 'Gone text.');
    const annotation = await api.createAnnotation({
      documentId: gone,
      tagId: CLAIM,
      start: 0,
      end: 4,
    });
    await api.deleteAnnotation({ id: annotation.id });
    expect(await api.deleteDocument({ id: gone })).toEqual({ id: gone });

    expect((await api.listDocuments({})).map((d) => d.id)).toEqual([kept]);
    expect((await rejectionOf(api.getDocument({ id: gone }))).code).toBe('not_found');
    expect((await rejectionOf(api.listAnnotations({ documentId: gone }))).code).toBe('not_found');
    const create = api.createAnnotation({ documentId: gone, tagId: CLAIM, start: 0, end: 1 });
    expect((await rejectionOf(create)).code).toBe('not_found');
    expect((await rejectionOf(api.restoreAnnotation({ id: annotation.id }))).code).toBe(
      'not_found',
    );
    expect((await api.exportAnnotations({ format: 'jsonl' })).documentCount).toBe(1);
    // The row itself stays: deletions are recorded, never erased.
    expect(snapshot(projectPath)).toContain('Gone text.');
  });

  it('exports one document or all of them as JSONL and CSV', async () => {
    const { api } = openTestService();
    const first = await importText(api, 'first.txt', 'Баку 😀 said yes.');
    const second = await importText(api, 'second.txt', 'Kyiv said no.');
    await api.createAnnotation({ documentId: first, tagId: ENTITY, start: 0, end: 4 });
    await api.createAnnotation({ documentId: first, tagId: CLAIM, start: 0, end: 15 });
    await api.createAnnotation({ documentId: second, tagId: ENTITY, start: 0, end: 4 });

    const one = await api.exportAnnotations({ format: 'jsonl', documentId: first });
    expect(one).toMatchObject({
      format: 'jsonl',
      fileName: 'gloss-Баку-said-yes.jsonl',
      mimeType: expect.stringMatching(/jsonl/),
      documentCount: 1,
      annotationCount: 2,
    });
    expect(JSON.parse(one.content).label).toEqual([
      [0, 4, 'Entity'],
      [0, 15, 'Claim'],
    ]);

    const all = await api.exportAnnotations({ format: 'csv' });
    expect(all).toMatchObject({
      fileName: 'gloss-export.csv',
      mimeType: 'text/csv; charset=utf-8',
      documentCount: 2,
      annotationCount: 3,
    });
    expect(all.content.split('\r\n').filter(Boolean)).toHaveLength(4);
  });

  it('keeps everything when the project is closed and opened again', async () => {
    const projectPath = join(makeTempDir(), 'kept.gloss');
    const first = openService({ projectPath, author: 'a', appVersion: '1' });
    const documentId = await importText(first.api, 'a.txt', 'Persisted.');
    const made = await first.api.createAnnotation({ documentId, tagId: CLAIM, start: 0, end: 9 });
    first.close();
    await expect(first.api.listTags({})).rejects.toMatchObject({ code: 'internal' });

    const second = openService({ projectPath, author: 'b', appVersion: '1' });
    expect(await second.api.listAnnotations({ documentId })).toEqual([made]);
    second.close();
  });

  it('refuses to create a project when told it must exist', () => {
    const projectPath = join(makeTempDir(), 'typo.gloss');
    expect(() =>
      openService({ projectPath, author: 'a', appVersion: '1', mustExist: true }),
    ).toThrow(`There is no Gloss project at ${projectPath}.`);
  });
});
