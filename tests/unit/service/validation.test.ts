import { beforeEach, describe, expect, it } from 'vitest';
import type { ApiMethod, GlossApi } from '../../../core/api';
import { API_METHODS } from '../../../core/api';
import {
  CLAIM,
  UNKNOWN_ID,
  base64,
  importText,
  openTestService,
  rejectionOf,
  snapshot,
} from './helpers';

/** Calls a method with arguments of any shape, as a door would pass them on. */
const call = (api: GlossApi, method: ApiMethod, args: unknown) =>
  (api[method] as (args: unknown) => Promise<unknown>)(args);

describe('argument validation', () => {
  let api: GlossApi;
  let projectPath: string;
  let documentId: string;
  let annotationId: string;
  let before: string;

  beforeEach(async () => {
    ({ api, projectPath } = openTestService());
    documentId = await importText(api, 'short.txt', 'Ten chars.'); // 10 code points
    annotationId = (await api.createAnnotation({ documentId, tagId: CLAIM, start: 0, end: 3 })).id;
    before = snapshot(projectPath);
  });

  /** Valid arguments for each method, to which each test adds one mistake. */
  const valid = (): Record<ApiMethod, Record<string, unknown>> => ({
    getProjectInfo: {},
    listDocuments: { query: 'x' },
    getDocument: { id: documentId },
    deleteDocument: { id: documentId },
    importFiles: { files: [{ name: 'a.txt', data: base64('hello') }] },
    importPaths: { paths: ['/nowhere/a.txt'], options: { encoding: 'koi8-r' } },
    expandPaths: { paths: ['/nowhere'] },
    importText: { text: 'pasted', title: 't' },
    reimportDocument: { id: documentId, options: { encoding: 'windows-1251' } },
    getSettings: {},
    updateSettings: { maxTextChars: 5000 },
    listTags: {},
    listAnnotations: { documentId },
    createAnnotation: { documentId, tagId: CLAIM, start: 0, end: 2, note: '' },
    updateAnnotation: { id: annotationId, note: 'n' },
    deleteAnnotation: { id: annotationId },
    restoreAnnotation: { id: annotationId },
    exportAnnotations: { format: 'csv' },
    // codebook (core/api-codebook.ts)
    createTag: { parentId: CLAIM, name: 'Rumour', hotkey: 'u' },
    updateTag: { id: CLAIM, name: 'Claims' },
    moveTag: { id: CLAIM, parentId: null, position: 1 },
    deleteTag: { id: UNKNOWN_ID, reassignTo: CLAIM },
    getTagUsage: { id: CLAIM },
    mergeTags: { sourceId: UNKNOWN_ID, targetId: CLAIM },
    restoreTag: { id: UNKNOWN_ID, annotationIds: [annotationId], annotationsFrom: CLAIM },
    listAttributeDefs: {},
    createAttributeDef: { tagId: CLAIM, name: 'Source', type: 'text' },
    updateAttributeDef: { id: UNKNOWN_ID, name: 'Source' },
    moveAttributeDef: { id: UNKNOWN_ID, position: 0 },
    deleteAttributeDef: { id: UNKNOWN_ID },
    restoreAttributeDef: { id: UNKNOWN_ID },
    exportCodebook: {},
    importCodebook: {
      codebook: { format: 'gloss-codebook', version: 1, exportedAt: '', tags: [] },
    },
    // entities (core/api-entities.ts)
    listEntities: { query: 'Kyiv', kind: 'location' },
    getEntity: { id: UNKNOWN_ID },
    createEntity: { name: 'Jeyhun Mammadov', kind: 'person', aliases: ['Ceyhun Mammadov'] },
    updateEntity: { id: UNKNOWN_ID, name: 'Jeyhun Mammadov' },
    deleteEntity: { id: UNKNOWN_ID },
    restoreEntity: { id: UNKNOWN_ID },
    suggestEntities: { text: 'Ceyhun', limit: 5 },
    mergeEntities: { sourceId: UNKNOWN_ID, targetId: CLAIM },
    splitEntity: { id: UNKNOWN_ID, name: 'Other', annotationIds: [annotationId] },
    createAnnotations: { annotations: [{ documentId, tagId: CLAIM, start: 4, end: 9 }] },
    deleteAnnotations: { ids: [annotationId] },
    restoreAnnotations: { ids: [annotationId] },
    findOccurrences: { documentId, text: 'Ten', tagId: CLAIM, scope: 'document' },
    // notes (core/api-notes.ts)
    listRelationTypes: {},
    createRelationType: { name: 'quotes', inverseName: 'quoted by' },
    updateRelationType: { id: UNKNOWN_ID, name: 'cites' },
    deleteRelationType: { id: UNKNOWN_ID },
    restoreRelationType: { id: UNKNOWN_ID },
    listRelations: { documentId },
    createRelation: { typeId: UNKNOWN_ID, sourceId: annotationId, targetId: UNKNOWN_ID },
    updateRelation: { id: UNKNOWN_ID, note: 'n' },
    deleteRelation: { id: UNKNOWN_ID },
    restoreRelation: { id: UNKNOWN_ID },
    listMemos: { documentId: null },
    createMemo: { documentId, body: '**memo**' },
    updateMemo: { id: UNKNOWN_ID, body: 'b' },
    deleteMemo: { id: UNKNOWN_ID },
    restoreMemo: { id: UNKNOWN_ID },
    search: { query: 'ten', limit: 5 },
    updateDocumentDetails: { id: documentId, outlet: 'Meydan TV', outletReliability: 'B' },
    // editing (core/api-editing.ts)
    recordHistory: {
      documentId,
      label: 'Tag as Claim',
      undo: [{ method: 'deleteAnnotation', args: { id: annotationId } }],
      redo: [{ method: 'restoreAnnotation', args: { id: annotationId } }],
    },
    listHistory: { documentId, limit: 10 },
    setHistoryUndone: { id: UNKNOWN_ID, undone: true },
    editDocumentText: {
      id: documentId,
      text: 'Ten chars!',
      blocks: [{ kind: 'paragraph', start: 0, end: 10 }],
      annotations: [{ id: annotationId, start: 0, end: 3 }],
    },
    revertDocumentEdit: { id: UNKNOWN_ID },
    reapplyDocumentEdit: { id: UNKNOWN_ID },
    listOrphans: { documentId },
    reattachOrphan: { id: annotationId, documentId, start: 0, end: 3 },
    restoreOrphan: { id: annotationId },
    // exchange (core/api-exchange.ts)
    exportProject: { format: 'w3c', documentId },
    exportToPath: { format: 'brat', path: '/nowhere/export.zip' },
    exportProgress: { jobId: UNKNOWN_ID },
    importAnnotations: { fileName: 'a.jsonld', data: base64('{}') },
    importAnnotationsFromPath: { path: '/nowhere/a.jsonld' },
    saveProjectCopy: { path: '/nowhere/copy.gloss' },
    prepareProjectCopyDownload: {},
    takeDownload: { id: '0123456789abcdef0123456789abcdef' },
    // safety (issue 6)
    listBackups: {},
    createBackup: {},
    restoreBackup: { name: 'backup-2025-01-31T09-15-02-123Z-manual.gloss' },
    startEmptyProject: {},
  });

  async function expectRefused(method: ApiMethod, args: unknown, message: RegExp | string) {
    const error = await rejectionOf(call(api, method, args));
    expect(error).toMatchObject({ name: 'GlossError', code: 'invalid_argument' });
    expect(error.message).toMatch(message);
    expect(snapshot(projectPath), `${method} wrote nothing`).toBe(before);
  }

  it.each(API_METHODS)('%s rejects an unknown field and writes nothing', async (method) => {
    await expectRefused(method, { ...valid()[method], sneaky: true }, /sneaky|unrecognized/i);
  });

  it.each(API_METHODS)('%s rejects arguments that are not an object', async (method) => {
    await expectRefused(method, 'a string', new RegExp(`^${method}: `));
    await expectRefused(method, [1, 2], new RegExp(`^${method}: `));
  });

  it.each([
    ['listDocuments', { query: 42 }],
    ['getDocument', { id: 42 }],
    ['deleteDocument', {}],
    ['importFiles', { files: 'a.txt' }],
    ['importFiles', { files: [] }],
    ['importFiles', { files: [{ name: '', data: '' }] }],
    ['importFiles', { files: [{ name: 'a.txt', data: 'not base64!' }] }],
    ['listAnnotations', { documentId: null }],
    ['createAnnotation', { documentId: 'x', tagId: CLAIM, start: 0, end: 1 }],
    ['createAnnotation', { documentId: UNKNOWN_ID, tagId: CLAIM, start: '0', end: 1 }],
    ['createAnnotation', { documentId: UNKNOWN_ID, tagId: CLAIM, start: 1.5, end: 2 }],
    ['createAnnotation', { documentId: UNKNOWN_ID, tagId: CLAIM, start: -1, end: 2 }],
    ['createAnnotation', { documentId: UNKNOWN_ID, tagId: CLAIM, start: 0, end: 1, note: 7 }],
    ['updateAnnotation', { id: UNKNOWN_ID }],
    ['updateAnnotation', { id: UNKNOWN_ID, tagId: 'claim' }],
    ['deleteAnnotation', { id: '0190ABCD-0000-7000-8000-00000000000A' }],
    ['restoreAnnotation', { id: `${UNKNOWN_ID}0` }],
    ['exportAnnotations', { format: 'xlsx' }],
    ['exportAnnotations', { format: 'csv', documentId: 'all' }],
    ['importPaths', { paths: [] }],
    ['importPaths', { paths: [''] }],
    ['importPaths', { paths: ['/a'], options: { encoding: 'utf 8; rm -rf' } }],
    ['importPaths', { paths: ['/a'], options: { htmlMode: 'everything' } }],
    ['importFiles', { files: [{ name: 'a.txt', data: '' }], options: { onDuplicate: 'replace' } }],
    ['expandPaths', { paths: 'a' }],
    ['importText', {}],
    ['importText', { text: ' \n ', html: '' }],
    ['reimportDocument', { id: 'doc' }],
    ['updateSettings', { maxImportBytes: 10 }],
    ['updateSettings', { keepOriginalBytes: -1 }],
    ['updateSettings', { maxTextChars: 1.5 }],
    ['updateSettings', { theme: 'dark' }],
    ['createTag', { parentId: CLAIM, name: '   ' }],
    ['createTag', { parentId: CLAIM, name: 'Rumour', hotkey: 'ctrl+r' }],
    ['createTag', { parentId: CLAIM, name: 'Rumour', color: 'red' }],
    ['updateTag', { id: CLAIM, name: 'x'.repeat(121) }],
    ['moveTag', { id: CLAIM, parentId: null, position: -1 }],
    ['createAttributeDef', { tagId: CLAIM, name: 'Colour', type: 'colour' }],
    ['createAttributeDef', { tagId: CLAIM, name: 'Source', type: 'text', key: 'Source Key' }],
    ['updateAnnotation', { id: UNKNOWN_ID, attributes: { reliability: 'B' } }],
    ['importCodebook', { codebook: { format: 'qdpx', version: 1, tags: [] } }],
    ['createRelationType', { name: ' ' }],
    ['createRelation', { typeId: UNKNOWN_ID, sourceId: UNKNOWN_ID, targetId: UNKNOWN_ID }],
    ['updateRelation', { id: UNKNOWN_ID }],
    ['listMemos', {}],
    ['search', { query: 'x', limit: 1000 }],
    ['updateDocumentDetails', { id: UNKNOWN_ID, url: 'javascript:alert(1)' }],
    ['updateDocumentDetails', { id: UNKNOWN_ID, outletReliability: 'G' }],
    ['updateDocumentDetails', { id: UNKNOWN_ID, language: 'not a tag' }],
    [
      'recordHistory',
      { documentId: null, label: 'x', undo: [], redo: [{ method: 'importPaths' }] },
    ],
    [
      'recordHistory',
      { documentId: null, label: 'x', undo: [{ method: 'deleteDocument' }], redo: [] },
    ],
    ['listHistory', { documentId: null, limit: 501 }],
    [
      'editDocumentText',
      { id: UNKNOWN_ID, text: 'a', blocks: [{ kind: 'table', start: 0, end: 1 }] },
    ],
    ['reattachOrphan', { id: UNKNOWN_ID, documentId: UNKNOWN_ID, start: 3, end: 3 }],
  ] as const)('%s rejects %j and writes nothing', async (method, args) => {
    await expectRefused(method, args, new RegExp(`^${method}: `));
  });

  it('createAnnotation rejects start >= end', async () => {
    const base = { documentId, tagId: CLAIM };
    await expectRefused(
      'createAnnotation',
      { ...base, start: 4, end: 4 },
      /start must be before end/,
    );
    await expectRefused(
      'createAnnotation',
      { ...base, start: 5, end: 4 },
      /start must be before end/,
    );
  });

  it('createAnnotation rejects an end past the end of the document (in code points)', async () => {
    await expectRefused(
      'createAnnotation',
      { documentId, tagId: CLAIM, start: 8, end: 11 },
      'createAnnotation: end 11 is past the end of the document (10 characters)',
    );
    const emoji = await importText(api, 'emoji.txt', '😀😀😀'); // 3 code points, 6 UTF-16 units
    before = snapshot(projectPath);
    await expectRefused(
      'createAnnotation',
      { documentId: emoji, tagId: CLAIM, start: 0, end: 4 },
      /past the end/,
    );
    await expect(
      api.createAnnotation({ documentId: emoji, tagId: CLAIM, start: 2, end: 3 }),
    ).resolves.toMatchObject({ exact: '😀' });
  });

  it.each([
    ['getDocument', { id: UNKNOWN_ID }],
    ['deleteDocument', { id: UNKNOWN_ID }],
    ['listAnnotations', { documentId: UNKNOWN_ID }],
    ['createAnnotation', { documentId: UNKNOWN_ID, tagId: CLAIM, start: 0, end: 1 }],
    ['updateAnnotation', { id: UNKNOWN_ID, note: 'x' }],
    ['deleteAnnotation', { id: UNKNOWN_ID }],
    ['restoreAnnotation', { id: UNKNOWN_ID }],
    ['exportAnnotations', { format: 'jsonl', documentId: UNKNOWN_ID }],
    ['reimportDocument', { id: UNKNOWN_ID }],
  ] as const)(
    '%s answers not_found for an id that names nothing, writing nothing',
    async (method, args) => {
      const error = await rejectionOf(call(api, method, args));
      expect(error).toMatchObject({ code: 'not_found' });
      expect(error.message).toContain(UNKNOWN_ID);
      expect(snapshot(projectPath)).toBe(before);
    },
  );

  it('refuses a tag that does not exist, for create and update', async () => {
    const create = await rejectionOf(
      api.createAnnotation({ documentId, tagId: UNKNOWN_ID, start: 0, end: 1 }),
    );
    const update = await rejectionOf(api.updateAnnotation({ id: annotationId, tagId: UNKNOWN_ID }));
    expect([create.code, update.code]).toEqual(['not_found', 'not_found']);
    expect(create.message).toBe(`There is no tag ${UNKNOWN_ID} (it may have been deleted).`);
    expect(snapshot(projectPath)).toBe(before);
  });
});
