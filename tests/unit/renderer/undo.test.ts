import { describe, expect, it } from 'vitest';
import type { HistoryCall, HistoryEntry } from '../../../core/domain';
import { GlossError } from '../../../core/errors';
import { stepsFromEntries, UndoHistory } from '../../../renderer/undo';
import type { UndoStep, UndoStore } from '../../../renderer/undo';

const ID = '01890a5d-ac96-774b-bcce-b302099a8057';

const call = (method: string, args: Record<string, unknown> = { id: ID }): HistoryCall => ({
  method,
  args,
});
const note = (text: string) => call('updateAnnotation', { id: ID, note: text });

/** Runs calls by recording them; can be told to fail the next one. */
function fakeRunner() {
  const calls: string[] = [];
  let failNext = false;
  let created = 0;
  const run = async (c: HistoryCall) => {
    if (failNext) {
      failNext = false;
      throw new GlossError('internal', 'disk full');
    }
    calls.push(`${c.method} ${JSON.stringify(c.args)}`);
    return c.method === 'createAnnotation' ? { id: `new-${++created}` } : { ok: true };
  };
  return { run, calls, failOnce: () => (failNext = true) };
}

/** A store that keeps entries as the service does (new steps drop the undone ones). */
function fakeStore() {
  const entries: (HistoryEntry & { deleted?: boolean })[] = [];
  let n = 0;
  const store: UndoStore = {
    record: async (step, replaces) => {
      for (const e of entries) if (e.undone || e.id === replaces) e.deleted = true;
      const entry = {
        id: `h${++n}`,
        documentId: null,
        label: step.label,
        undo: step.undo,
        redo: step.redo,
        undone: false,
        createdAt: '',
      };
      entries.push(entry);
      return entry.id;
    },
    setUndone: async (id, undone) => {
      entries.find((e) => e.id === id)!.undone = undone;
    },
  };
  const live = () => entries.filter((e) => !e.deleted);
  return { store, live };
}

const step = (label: string, undo: HistoryCall[], redo: HistoryCall[], mergeKey?: string) =>
  ({ label, undo, redo, ...(mergeKey ? { mergeKey } : {}) }) satisfies UndoStep;

describe('UndoHistory', () => {
  it('performs an action, then undoes and redoes it with the calls computed from its results', async () => {
    const { run, calls } = fakeRunner();
    const history = new UndoHistory({ run });
    const results = await history.perform({
      label: 'Tag as Claim',
      redo: [call('createAnnotation', { documentId: ID, tagId: ID, start: 0, end: 4 })],
      undo: (r) => [call('deleteAnnotation', { id: (r[0] as { id: string }).id })],
      replay: (r) => [call('restoreAnnotation', { id: (r[0] as { id: string }).id })],
    });
    expect(results).toEqual([{ id: 'new-1' }]);
    expect(history.nextUndoLabel).toBe('Tag as Claim');
    await history.undo();
    await history.redo();
    expect(calls.slice(1)).toEqual([
      'deleteAnnotation {"id":"new-1"}',
      'restoreAnnotation {"id":"new-1"}',
    ]);
  });

  it('refuses a step that would call a method no history may replay, running nothing', async () => {
    const { run, calls } = fakeRunner();
    const history = new UndoHistory({ run });
    await expect(
      history.perform({ label: 'x', redo: [call('importPaths', { paths: ['/'] })], undo: [] }),
    ).rejects.toThrow('may not call');
    await expect(
      history.perform({ label: 'x', redo: [note('a')], undo: [call('exportAnnotations')] }),
    ).rejects.toThrow('may not call');
    expect(history.canUndo).toBe(false);
    expect(calls).toEqual(['updateAnnotation {"id":"' + ID + '","note":"a"}']);
  });

  it('merges the saves of one note-editing session into one step', async () => {
    const { run, calls } = fakeRunner();
    const history = new UndoHistory({ run });
    await history.record(step('Edit note', [note('')], [note('che')], 'k1'));
    await history.record(step('Edit note', [note('che')], [note('checked')], 'k1'));
    await history.record(step('Edit note', [note('checked')], [note('x')], 'k2'));
    await history.undo();
    await history.undo();
    expect(history.canUndo).toBe(false);
    await history.redo();
    expect(calls.map((c) => JSON.parse(c.slice(c.indexOf(' '))).note)).toEqual([
      'checked',
      '',
      'checked',
    ]);
  });

  it('keeps a step whose call failed, so it can be tried again', async () => {
    const { run, calls, failOnce } = fakeRunner();
    const history = new UndoHistory({ run });
    await history.record(step('Tag', [call('deleteAnnotation')], [call('restoreAnnotation')]));
    failOnce();
    await expect(history.undo()).rejects.toThrow('disk full');
    expect(history.canUndo).toBe(true);
    expect(history.canRedo).toBe(false);
    await history.undo();
    expect(calls).toEqual([`deleteAnnotation {"id":"${ID}"}`]);
  });

  it('runs steps in order even when pressed faster than the API answers', async () => {
    const { run, calls } = fakeRunner();
    const history = new UndoHistory({ run });
    await history.record(step('b', [note('a')], [note('b')]));
    await history.record(step('c', [note('b')], [note('c')]));
    await Promise.all([history.undo(), history.undo(), history.redo()]);
    expect(calls.map((c) => JSON.parse(c.slice(c.indexOf(' '))).note)).toEqual(['b', 'a', 'b']);
  });

  it('clears what could be redone when a new action is recorded', async () => {
    const { run } = fakeRunner();
    const history = new UndoHistory({ run });
    await history.record(step('one', [note('a')], [note('b')]));
    await history.undo();
    expect(history.canRedo).toBe(true);
    await history.record(step('two', [note('a')], [note('c')]));
    expect(history.canRedo).toBe(false);
    expect(await history.redo()).toBeNull();
  });

  it('stores every step and its undone flag, and loads them back after a restart', async () => {
    const { run, calls } = fakeRunner();
    const { store, live } = fakeStore();
    const history = new UndoHistory({ run, store });
    await history.record(step('one', [note('')], [note('1')]));
    await history.record(step('two', [note('1')], [note('2')]));
    await history.record(step('three', [note('2')], [note('3')]));
    await history.undo();
    await history.undo();
    await history.redo();
    expect(live().map((e) => [e.label, e.undone])).toEqual([
      ['one', false],
      ['two', false],
      ['three', true],
    ]);

    // A new session over the stored entries undoes and redoes where the last one stopped.
    const again = new UndoHistory({ run, store });
    again.load(stepsFromEntries(live()));
    expect([again.nextUndoLabel, again.nextRedoLabel]).toEqual(['two', 'three']);
    calls.length = 0;
    await again.redo();
    await again.undo();
    await again.undo();
    expect(calls.map((c) => JSON.parse(c.slice(c.indexOf(' '))).note)).toEqual(['3', '2', '1']);
    expect(live().map((e) => e.undone)).toEqual([false, true, true]);

    // A new step after undos drops the undone ones from the store too.
    await again.record(step('four', [note('1')], [note('4')]));
    expect(live().map((e) => e.label)).toEqual(['one', 'four']);
  });

  it('still undoes in this session a step the store could not keep', async () => {
    const { run, calls } = fakeRunner();
    const store: UndoStore = {
      record: () => Promise.reject(new Error('offline')),
      setUndone: () => Promise.reject(new Error('offline')),
    };
    const history = new UndoHistory({ run, store });
    await history.record(step('one', [note('a')], [note('b')]));
    await history.undo();
    expect(calls.length).toBe(1);
  });

  it('tells its listeners when undo or redo becomes possible', async () => {
    const { run } = fakeRunner();
    const history = new UndoHistory({ run });
    const seen: string[] = [];
    history.subscribe(() => seen.push(`${history.canUndo}/${history.canRedo}`));
    await history.record(step('one', [note('a')], [note('b')]));
    await history.undo();
    expect(seen[0]).toBe('true/false');
    expect(seen[seen.length - 1]).toBe('false/true');
  });
});
