import { describe, expect, it } from 'vitest';
import type { Annotation } from '../../../core/domain';
import { GlossError } from '../../../core/errors';
import { UndoHistory } from '../../../renderer/undo';
import type { UndoApi } from '../../../renderer/undo';

const ID = '01890a5d-ac96-774b-bcce-b302099a8057';

function annotation(patch: Partial<Annotation> = {}): Annotation {
  return {
    id: ID,
    documentId: '01890a5d-ac96-774b-bcce-b302099a8000',
    tagId: 'claim',
    start: 0,
    end: 5,
    exact: 'Kyiv.',
    prefix: '',
    suffix: '',
    note: '',
    author: 'analyst',
    attributes: {},
    entityId: null,
    createdAt: '2025-01-01T00:00:00Z',
    updatedAt: '2025-01-01T00:00:00Z',
    ...patch,
  };
}

/** A fake API that records its calls and keeps one annotation's state. */
function fakeApi() {
  const calls: string[] = [];
  let current = annotation();
  let failNext = false;
  const fail = () => {
    if (failNext) {
      failNext = false;
      throw new GlossError('internal', 'disk full');
    }
  };
  const api: UndoApi = {
    deleteAnnotation: async ({ id }) => (fail(), calls.push(`delete ${id}`), current),
    restoreAnnotation: async ({ id }) => (fail(), calls.push(`restore ${id}`), current),
    updateAnnotation: async ({ id, tagId, note }) => {
      fail();
      calls.push(`update ${id} ${JSON.stringify({ tagId, note })}`);
      current = {
        ...current,
        ...(tagId ? { tagId } : {}),
        ...(note !== undefined ? { note } : {}),
      };
      return current;
    },
  };
  return { api, calls, failOnce: () => (failNext = true) };
}

describe('UndoHistory', () => {
  it('undoes a create by deleting and redoes it by restoring the same id', async () => {
    const { api, calls } = fakeApi();
    const history = new UndoHistory(api);
    history.record({ kind: 'create', annotation: annotation() });
    expect(await history.undo()).toMatchObject({ change: 'removed' });
    expect(await history.redo()).toMatchObject({ change: 'restored' });
    expect(calls).toEqual([`delete ${ID}`, `restore ${ID}`]);
  });

  it('undoes a delete by restoring', async () => {
    const { api, calls } = fakeApi();
    const history = new UndoHistory(api);
    history.record({ kind: 'delete', annotation: annotation() });
    expect(await history.undo()).toMatchObject({ change: 'restored' });
    expect(await history.redo()).toMatchObject({ change: 'removed' });
    expect(calls).toEqual([`restore ${ID}`, `delete ${ID}`]);
  });

  it('undoes a retag or a note by writing the previous value back', async () => {
    const { api, calls } = fakeApi();
    const history = new UndoHistory(api);
    history.record({
      kind: 'update',
      id: ID,
      before: { tagId: 'claim' },
      after: { tagId: 'opinion' },
    });
    history.record({ kind: 'update', id: ID, before: { note: '' }, after: { note: 'checked' } });
    await history.undo();
    await history.undo();
    await history.redo();
    expect(calls).toEqual([
      `update ${ID} {"note":""}`,
      `update ${ID} {"tagId":"claim"}`,
      `update ${ID} {"tagId":"opinion"}`,
    ]);
  });

  it('merges the saves of one note-editing session into one step', async () => {
    const { api, calls } = fakeApi();
    const history = new UndoHistory(api);
    history.record({
      kind: 'update',
      id: ID,
      before: { note: '' },
      after: { note: 'che' },
      mergeKey: 'k1',
    });
    history.record({
      kind: 'update',
      id: ID,
      before: { note: 'che' },
      after: { note: 'checked' },
      mergeKey: 'k1',
    });
    history.record({
      kind: 'update',
      id: ID,
      before: { note: 'checked' },
      after: { note: 'x' },
      mergeKey: 'k2',
    });
    await history.undo();
    await history.undo();
    expect(history.canUndo).toBe(false);
    expect(calls).toEqual([`update ${ID} {"note":"checked"}`, `update ${ID} {"note":""}`]);
  });

  it('clears what could be redone when a new action is recorded', async () => {
    const { api } = fakeApi();
    const history = new UndoHistory(api);
    history.record({ kind: 'create', annotation: annotation() });
    await history.undo();
    expect(history.canRedo).toBe(true);
    history.record({ kind: 'create', annotation: annotation({ id: 'other' }) });
    expect(history.canRedo).toBe(false);
    expect(await history.redo()).toBeNull();
  });

  it('keeps a step whose call failed, so it can be tried again', async () => {
    const { api, calls, failOnce } = fakeApi();
    const history = new UndoHistory(api);
    history.record({ kind: 'create', annotation: annotation() });
    failOnce();
    await expect(history.undo()).rejects.toThrow('disk full');
    expect(history.canUndo).toBe(true);
    expect(history.canRedo).toBe(false);
    await history.undo();
    expect(calls).toEqual([`delete ${ID}`]);
  });

  it('runs steps in order even when pressed faster than the API answers', async () => {
    const { api, calls } = fakeApi();
    const history = new UndoHistory(api);
    history.record({ kind: 'update', id: ID, before: { note: 'a' }, after: { note: 'b' } });
    history.record({ kind: 'update', id: ID, before: { note: 'b' }, after: { note: 'c' } });
    await Promise.all([history.undo(), history.undo(), history.redo()]);
    expect(calls).toEqual([
      `update ${ID} {"note":"b"}`,
      `update ${ID} {"note":"a"}`,
      `update ${ID} {"note":"b"}`,
    ]);
  });

  it('tells its listeners when undo or redo becomes possible', async () => {
    const { api } = fakeApi();
    const history = new UndoHistory(api);
    const seen: string[] = [];
    history.subscribe(() => seen.push(`${history.canUndo}/${history.canRedo}`));
    history.record({ kind: 'create', annotation: annotation() });
    await history.undo();
    expect(seen[0]).toBe('true/false');
    expect(seen[seen.length - 1]).toBe('false/true');
  });
});
