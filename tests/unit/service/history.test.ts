import { describe, expect, it } from 'vitest';
import type { GlossApi } from '../../../core/api';
import type { HistoryCall } from '../../../core/domain';
import { HISTORY_LIMITS, isReplayableMethod } from '../../../core/history-rules';
import { CLAIM, importText, openTestService, rejectionOf } from './helpers';

const ANNOTATION = '01900000-0000-7000-8000-000000000001';
const del = (id = ANNOTATION): HistoryCall => ({ method: 'deleteAnnotation', args: { id } });
const restore = (id = ANNOTATION): HistoryCall => ({ method: 'restoreAnnotation', args: { id } });

async function record(api: GlossApi, documentId: string | null, label: string) {
  return api.recordHistory({ documentId, label, undo: [del()], redo: [restore()] });
}

describe('isReplayableMethod', () => {
  it('allows the mutations of records and nothing that touches files, backups or the history', () => {
    for (const method of ['createAnnotation', 'updateAnnotation', 'restoreAnnotation']) {
      expect(isReplayableMethod(method), method).toBe(true);
    }
    for (const method of [
      'importFiles',
      'importPaths',
      'exportAnnotations',
      'reimportDocument',
      'updateSettings',
      'deleteDocument',
      'recordHistory',
      'setHistoryUndone',
      'listAnnotations',
      'getDocument',
      'noSuchMethod',
      'toString',
    ]) {
      expect(isReplayableMethod(method), method).toBe(false);
    }
  });
});

describe('the stored history', () => {
  it('lists a document’s steps oldest first, with their calls and undone flags', async () => {
    const { api } = openTestService();
    const doc = await importText(api, 'a.txt', 'Some words.');
    const first = await record(api, doc, 'Tag as Claim');
    const second = await record(api, doc, 'Edit note');
    await api.setHistoryUndone({ id: second.id, undone: true });
    const list = await api.listHistory({ documentId: doc });
    expect(list.map((e) => [e.label, e.undone])).toEqual([
      ['Tag as Claim', false],
      ['Edit note', true],
    ]);
    expect(list[0]).toMatchObject({
      id: first.id,
      documentId: doc,
      undo: [del()],
      redo: [restore()],
    });
    // The project's history is separate.
    expect(await api.listHistory({ documentId: null })).toEqual([]);
  });

  it('drops the undone steps when a new one is recorded, as editors do', async () => {
    const { api } = openTestService();
    const doc = await importText(api, 'a.txt', 'Some words.');
    await record(api, doc, 'one');
    const two = await record(api, doc, 'two');
    await api.setHistoryUndone({ id: two.id, undone: true });
    await record(api, doc, 'three');
    expect((await api.listHistory({ documentId: doc })).map((e) => e.label)).toEqual([
      'one',
      'three',
    ]);
  });

  it('replaces a merged step', async () => {
    const { api } = openTestService();
    const one = await record(api, null, 'Edit note');
    await api.recordHistory({
      documentId: null,
      label: 'Edit note',
      undo: [del()],
      redo: [restore()],
      replaces: one.id,
    });
    expect((await api.listHistory({ documentId: null })).length).toBe(1);
  });

  it('keeps at most the newest steps per document', async () => {
    const { api } = openTestService();
    const doc = await importText(api, 'a.txt', 'Some words.');
    for (let i = 0; i < HISTORY_LIMITS.stepsPerDocument + 3; i++) await record(api, doc, `${i}`);
    const list = await api.listHistory({ documentId: doc });
    expect(list.length).toBe(HISTORY_LIMITS.stepsPerDocument);
    expect(list[0]!.label).toBe('3');
    expect((await api.listHistory({ documentId: doc, limit: 2 })).map((e) => e.label)).toEqual([
      `${HISTORY_LIMITS.stepsPerDocument + 1}`,
      `${HISTORY_LIMITS.stepsPerDocument + 2}`,
    ]);
  });

  it('refuses calls a history may not replay, invalid arguments and oversized steps', async () => {
    const { api } = openTestService();
    const longNote = {
      method: 'updateAnnotation',
      args: { id: ANNOTATION, note: 'x'.repeat(99_000) },
    };
    const refused: [string, HistoryCall[]][] = [
      ['importPaths', [{ method: 'importPaths', args: { paths: ['/etc'] } }]],
      ['exportAnnotations', [{ method: 'exportAnnotations', args: { format: 'csv' } }]],
      ['must be a UUID', [{ method: 'deleteAnnotation', args: { id: '../x' } }]],
      ['undo', Array.from({ length: HISTORY_LIMITS.callsPerStep + 1 }, () => del())],
      ['characters', Array.from({ length: 3 }, () => longNote)],
    ];
    for (const [message, undo] of refused) {
      const error = await rejectionOf(
        api.recordHistory({ documentId: null, label: 'x', undo, redo: [] }),
      );
      expect(error.code, message).toBe('invalid_argument');
      expect(error.message).toContain(message);
    }
    expect(await api.listHistory({ documentId: null })).toEqual([]);
  });

  it('spans the versions of a document: an edit keeps the history before it', async () => {
    const { api } = openTestService();
    const doc = await importText(api, 'a.txt', 'Some words here.');
    const a = await api.createAnnotation({ documentId: doc, tagId: CLAIM, start: 0, end: 4 });
    await api.recordHistory({
      documentId: doc,
      label: 'Tag as Claim',
      undo: [del(a.id)],
      redo: [restore(a.id)],
    });
    const { document } = await api.editDocumentText({
      id: doc,
      text: 'Some words there.',
      blocks: [{ kind: 'paragraph', start: 0, end: 17 }],
    });
    await api.recordHistory({
      documentId: document.id,
      label: 'Edit text',
      undo: [{ method: 'revertDocumentEdit', args: { id: document.id } }],
      redo: [{ method: 'reapplyDocumentEdit', args: { id: document.id } }],
    });
    expect((await api.listHistory({ documentId: document.id })).map((e) => e.label)).toEqual([
      'Tag as Claim',
      'Edit text',
    ]);
    // After the revert, the old version finds the same history (the edit step to redo).
    await api.revertDocumentEdit({ id: document.id });
    expect((await api.listHistory({ documentId: doc })).map((e) => e.label)).toEqual([
      'Tag as Claim',
      'Edit text',
    ]);
  });
});
