import { describe, expect, it } from 'vitest';
import type { GlossApi } from '../../../core/api';
import type { HistoryEntry } from '../../../core/domain';
import { performProjectStep, projectHistory } from '../../../renderer/project-history';

const TAG = '01900000-0000-7000-8000-000000000001';

/** A service with one tag's name and a stored project history. */
function fakeApi() {
  const names: string[] = [];
  let name = 'Claim';
  const history: HistoryEntry[] = [];
  const stored: Pick<GlossApi, 'recordHistory' | 'setHistoryUndone' | 'listHistory'> = {
    recordHistory: async ({ documentId, label, undo, redo }) => {
      history.push({
        id: `h${history.length}`,
        documentId,
        label,
        undo,
        redo,
        undone: false,
        createdAt: '',
      });
      return history[history.length - 1]!;
    },
    setHistoryUndone: async ({ id, undone }) => {
      const entry = history.find((e) => e.id === id)!;
      entry.undone = undone;
      return entry;
    },
    listHistory: async ({ documentId }) => history.filter((e) => e.documentId === documentId),
  };
  // Only a tag's name is renamed here; the rest of a tag does not matter to the history.
  const updateTag = async ({ name: next }: { name: string }) => {
    name = next;
    names.push(next);
    return { id: TAG, name };
  };
  const api = { ...stored, updateTag } as unknown as GlossApi;
  return { api, names, history, current: () => name };
}

const rename = (to: string, from: string) => ({
  label: `Rename tag to ${to}`,
  redo: [{ method: 'updateTag', args: { id: TAG, name: to } }],
  undo: [{ method: 'updateTag', args: { id: TAG, name: from } }],
});

describe('the project history', () => {
  it('performs a codebook step, undoes and redoes it, and stores it for the project', async () => {
    const { api, current, history } = fakeApi();
    const results = await performProjectStep(api, rename('Claims', 'Claim'));
    expect(results).toEqual([{ id: TAG, name: 'Claims' }]);
    expect(history.map((e) => [e.documentId, e.label])).toEqual([[null, 'Rename tag to Claims']]);

    const project = projectHistory(api);
    expect(project.getSnapshot()).toMatchObject({
      canUndo: true,
      undoLabel: 'Rename tag to Claims',
    });
    const seen: string[] = [];
    project.onApplied((effect) => seen.push(effect.direction));
    await project.undo();
    expect(current()).toBe('Claim');
    await project.redo();
    expect(current()).toBe('Claims');
    expect(seen).toEqual(['undo', 'redo']);
    expect(history[0]!.undone).toBe(false);
  });

  it('loads the stored steps, so Ctrl+Z after a restart undoes the last project action', async () => {
    const first = fakeApi();
    await performProjectStep(first.api, rename('Claims', 'Claim'));
    // A new connection (the app restarted) over the same stored history.
    const again = { ...first.api } as GlossApi;
    await projectHistory(again).undo();
    expect(first.current()).toBe('Claim');
    expect(first.history[0]!.undone).toBe(true);
  });

  it('refuses a step that calls a method no history may replay', async () => {
    const { api } = fakeApi();
    await expect(
      performProjectStep(api, {
        label: 'Export',
        redo: [{ method: 'exportAnnotations', args: { format: 'csv' } }],
        undo: [],
      }),
    ).rejects.toThrow('may not call');
  });
});
