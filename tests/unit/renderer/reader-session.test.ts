import { describe, expect, it } from 'vitest';
import type { GlossApi } from '../../../core/api';
import { ROOT_TAGS } from '../../../core/codebook';
import type { Annotation, HistoryEntry } from '../../../core/domain';
import { GlossError } from '../../../core/errors';
import type { ArticleView } from '../../../renderer/editor/article-view';
import { ReaderSession } from '../../../renderer/reader-session';

const [CLAIM, ENTITY] = ROOT_TAGS;
const DOC = '01890a5d-ac96-774b-bcce-b302099a8000';

/** An in-memory service with just the annotation methods the session calls. */
function fakeService() {
  const rows = new Map<string, Annotation & { deleted?: boolean }>();
  const history: (HistoryEntry & { deleted?: boolean })[] = [];
  let n = 0;
  let failNext = false;
  const check = () => {
    if (failNext) {
      failNext = false;
      throw new GlossError('internal', 'database is locked');
    }
  };
  const api = {
    createAnnotation: async ({ tagId, start, end }) => {
      check();
      const id = `0000000${++n}-0000-7000-8000-000000000000`;
      const row = {
        id,
        documentId: DOC,
        tagId,
        start,
        end,
        exact: '',
        prefix: '',
        suffix: '',
        note: '',
        author: 'a',
        attributes: {},
        entityId: null,
        createdAt: `2025-01-0${n}`,
        updatedAt: '',
      };
      rows.set(id, row);
      return row;
    },
    updateAnnotation: async ({ id, tagId, note }) => {
      check();
      const row = {
        ...rows.get(id)!,
        ...(tagId ? { tagId } : {}),
        ...(note !== undefined ? { note } : {}),
      };
      rows.set(id, row);
      return row;
    },
    deleteAnnotation: async ({ id }) => (
      check(),
      rows.set(id, { ...rows.get(id)!, deleted: true }),
      rows.get(id)!
    ),
    restoreAnnotation: async ({ id }) => (
      check(),
      rows.set(id, { ...rows.get(id)!, deleted: false }),
      rows.get(id)!
    ),
    listAnnotations: async () => [...rows.values()].filter((r) => !r.deleted),
    // The stored history, as the service keeps it: a new step drops the undone ones.
    recordHistory: async ({ documentId, label, undo, redo }) => {
      check();
      for (const e of history) if (e.undone) e.deleted = true;
      const entry = {
        id: `h${history.length + 1}`,
        documentId,
        label,
        undo,
        redo,
        undone: false,
        createdAt: '',
      } as HistoryEntry & { deleted?: boolean };
      history.push(entry);
      return entry;
    },
    setHistoryUndone: async ({ id, undone }) => {
      const entry = history.find((e) => e.id === id)!;
      entry.undone = undone;
      return entry;
    },
    listHistory: async () => history.filter((e) => !e.deleted),
  } as Partial<GlossApi> as GlossApi;
  return { api, rows, failOnce: () => (failNext = true) };
}

/** Records what the session asks the article to draw. */
function fakeArticle(selection: { start: number; end: number } | null) {
  const drawn = new Map<string, string>();
  const article = {
    selectionSpan: () => selection,
    add: (list: Annotation[]) => list.forEach((a) => drawn.set(a.id, a.tagId)),
    remove: (list: Annotation[]) => list.forEach((a) => drawn.delete(a.id)),
    update: (prev: Annotation, next: Annotation) => {
      drawn.delete(prev.id);
      drawn.set(next.id, next.tagId);
    },
    activate: () => undefined,
  };
  return { article: article as unknown as ArticleView, drawn };
}

function session(api: GlossApi, initial: Annotation[] = [], stored: HistoryEntry[] = []) {
  const statuses: string[] = [];
  const s = new ReaderSession(
    {
      api,
      documentId: DOC,
      tags: ROOT_TAGS,
      save: async (write) => {
        try {
          const result = await write();
          statuses.push('Saved');
          return result;
        } catch (error) {
          statuses.push(`Not saved: ${(error as Error).message}`);
          throw error;
        }
      },
      focusNote: () => undefined,
      hint: (m) => statuses.push(m),
      revealTag: () => undefined,
    },
    initial,
    stored,
  );
  return { s, statuses };
}

const settle = () => new Promise((r) => setTimeout(r, 0));

describe('ReaderSession', () => {
  it('draws a new highlight at once, then swaps in the stored annotation', async () => {
    const { api } = fakeService();
    const { s, statuses } = session(api);
    const { article, drawn } = fakeArticle({ start: 3, end: 9 });
    s.attach(article);
    expect(s.callbacks.onHotkey('c')).toBe(true);
    expect([...drawn.keys()][0]).toMatch(/^pending-/);
    await settle();
    const [created] = s.getSnapshot().annotations;
    expect(created).toMatchObject({ start: 3, end: 9, tagId: CLAIM!.id });
    expect([...drawn.keys()]).toEqual([created!.id]);
    expect(s.getSnapshot()).toMatchObject({ activeId: created!.id, canUndo: true });
    // The create, then the history step that remembers it.
    expect(statuses).toEqual(['Saved', 'Saved']);
  });

  it('removes the optimistic highlight and keeps no history when the write fails', async () => {
    const { api, failOnce } = fakeService();
    const { s, statuses } = session(api);
    const { article, drawn } = fakeArticle({ start: 0, end: 4 });
    s.attach(article);
    failOnce();
    s.callbacks.onHotkey('e');
    await settle();
    expect(drawn.size).toBe(0);
    expect(s.getSnapshot()).toMatchObject({ annotations: [], canUndo: false });
    expect(statuses).toEqual(['Not saved: database is locked']);
  });

  it('undoes and redoes a create, a retag and a delete, keeping article and list in step', async () => {
    const { api } = fakeService();
    const { s } = session(api);
    const { article, drawn } = fakeArticle({ start: 0, end: 4 });
    s.attach(article);
    s.tagSelection(CLAIM!);
    await settle();
    const id = s.getSnapshot().annotations[0]!.id;

    s.setTag(id, ENTITY!.id);
    await settle();
    expect(drawn.get(id)).toBe(ENTITY!.id);
    s.undo();
    await settle();
    expect(drawn.get(id)).toBe(CLAIM!.id);
    expect(s.getSnapshot().annotations[0]!.tagId).toBe(CLAIM!.id);

    s.remove(id);
    await settle();
    expect(drawn.size).toBe(0);
    s.undo();
    await settle();
    expect(drawn.has(id)).toBe(true);

    s.undo(); // the create
    await settle();
    expect(s.getSnapshot().annotations).toEqual([]);
    s.redo();
    await settle();
    expect(s.getSnapshot().annotations.map((a) => a.id)).toEqual([id]);
    expect(drawn.has(id)).toBe(true);
  });

  it('asks for a selection instead of tagging nothing', () => {
    const { api } = fakeService();
    const { s, statuses } = session(api);
    s.attach(fakeArticle(null).article);
    expect(s.callbacks.onHotkey('o')).toBe(true);
    expect(statuses).toEqual(['Select some text first, then tag it.']);
    expect(s.callbacks.onHotkey('x')).toBe(false);
  });

  it('undoes, after the document was closed and opened again, the last action made before', async () => {
    const { api } = fakeService();
    const first = session(api).s;
    first.attach(fakeArticle({ start: 2, end: 6 }).article);
    first.tagSelection(CLAIM!);
    await settle();
    const tagged = first.getSnapshot().annotations;
    expect(tagged.length).toBe(1);

    // Reopened: the session starts from what the service holds, history included.
    const stored = await api.listHistory({ documentId: DOC });
    const { s } = session(api, await api.listAnnotations({ documentId: DOC }), stored);
    const { article, drawn } = fakeArticle(null);
    s.attach(article);
    expect(s.getSnapshot()).toMatchObject({ canUndo: true, undoLabel: 'Tag as Claim' });
    s.undo();
    await settle();
    expect(s.getSnapshot().annotations).toEqual([]);
    expect(drawn.size).toBe(0);
    expect(await api.listAnnotations({ documentId: DOC })).toEqual([]);
    s.redo();
    await settle();
    expect(s.getSnapshot().annotations.map((a) => a.id)).toEqual([tagged[0]!.id]);
  });

  it('performs a step of API calls given by another part of the reader, and undoes it', async () => {
    const { api, rows } = fakeService();
    const { s } = session(api);
    s.attach(fakeArticle({ start: 0, end: 4 }).article);
    s.tagSelection(CLAIM!);
    await settle();
    const id = s.getSnapshot().annotations[0]!.id;
    const before = s.getSnapshot().revision;
    const results = await s.perform({
      label: 'Merge tags',
      redo: [{ method: 'updateAnnotation', args: { id, note: 'merged' } }],
      undo: [{ method: 'updateAnnotation', args: { id, note: '' } }],
    });
    expect(results[0]).toMatchObject({ id, note: 'merged' });
    expect(s.getSnapshot().annotations[0]!.note).toBe('merged');
    expect(s.getSnapshot().revision).toBeGreaterThan(before);
    expect(s.getSnapshot().undoLabel).toBe('Merge tags');
    s.undo();
    await settle();
    expect(rows.get(id)!.note).toBe('');
    expect(s.getSnapshot().annotations[0]!.note).toBe('');
  });
});
