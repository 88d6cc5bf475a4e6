import Sqlite from 'better-sqlite3';
import { describe, expect, it, onTestFinished } from 'vitest';
import type { GlossApi } from '../../../core/api';
import type { Block } from '../../../core/domain';
import { CodePointIndex } from '../../../core/offsets';
import { CLAIM, ENTITY, OPINION, importText, openTestService, rejectionOf } from './helpers';

/** Code-point span of the first occurrence of `phrase` in `text`. */
function spanOf(text: string, phrase: string): { start: number; end: number } {
  const at = text.indexOf(phrase);
  if (at < 0) throw new Error(`"${phrase}" is not in the text`);
  const index = new CodePointIndex(text);
  return { start: index.toCodePoint(at), end: index.toCodePoint(at + phrase.length) };
}

async function tag(api: GlossApi, documentId: string, tagId: string, phrase: string) {
  const { text } = await api.getDocument({ id: documentId });
  return api.createAnnotation({ documentId, tagId, ...spanOf(text, phrase), note: phrase });
}

/** One paragraph block per line, as the editor serialises a plain article. */
function lineBlocks(text: string): Block[] {
  const index = new CodePointIndex(text);
  const blocks: Block[] = [];
  let at = 0;
  for (const line of text.split('\n')) {
    const start = index.toCodePoint(at);
    const end = index.toCodePoint(at + line.length);
    if (line !== '') blocks.push({ kind: 'paragraph', start, end });
    at += line.length + 1;
  }
  return blocks;
}

// Emoji, Cyrillic and CJK before the spans, so code points and UTF-16 units differ.
const ORIGINAL = [
  'Рапорт 😀: the ministr said the talks failed.',
  'Kyiv 基辅 disagreed with the report.',
  'Subscribe now for only $1 a month!',
].join('\n');

describe('editDocumentText', () => {
  it('makes a new version: mapped annotations move, deleted ones become orphans', async () => {
    const { api, projectPath } = openTestService();
    const oldId = await importText(api, 'talks.txt', ORIGINAL);
    const claim = await tag(api, oldId, CLAIM, 'the talks failed');
    const place = await tag(api, oldId, ENTITY, 'Kyiv 基辅');
    const pitch = await tag(api, oldId, OPINION, 'Subscribe now');

    // Fix the typo (one more letter before both spans), delete the sales pitch.
    const text = ORIGINAL.replace('ministr', 'minister').split('\n').slice(0, 2).join('\n');
    const result = await api.editDocumentText({
      id: oldId,
      text,
      blocks: lineBlocks(text),
      annotations: [
        { id: claim.id, start: claim.start + 1, end: claim.end + 1 },
        { id: place.id, start: place.start + 1, end: place.end + 1 },
      ],
    });
    expect(result.moved).toBe(2);
    expect(result.orphaned).toEqual([{ id: pitch.id, exact: 'Subscribe now' }]);

    // The library shows only the new version; the old one is soft-deleted.
    const newId = result.document.id;
    expect((await api.listDocuments({})).map((d) => d.id)).toEqual([newId]);
    expect((await rejectionOf(api.getDocument({ id: oldId }))).code).toBe('not_found');
    const edited = await api.getDocument({ id: newId });
    expect(edited.text).toBe(text);

    const moved = await api.listAnnotations({ documentId: newId });
    expect(moved.map((a) => [a.exact, a.note, a.tagId])).toEqual([
      ['the talks failed', 'the talks failed', CLAIM],
      ['Kyiv 基辅', 'Kyiv 基辅', ENTITY],
    ]);
    expect(moved[0]!.prefix).toContain('minister');

    const orphans = await api.listOrphans({ documentId: newId });
    expect(orphans).toEqual([{ annotation: pitch, documentId: newId, reason: 'deleted_text' }]);

    // The copies name the annotations they were made from.
    const db = new Sqlite(projectPath, { readonly: true });
    const previous = db
      .prepare('SELECT previous_id FROM annotations WHERE document_id = ? ORDER BY start')
      .pluck()
      .all(newId);
    const version = db.prepare('SELECT version_of FROM documents WHERE id = ?').pluck().get(newId);
    db.close();
    expect(previous).toEqual([claim.id, place.id]);
    expect(version).toBe(oldId);
  });

  it('re-anchors by quote when the caller gives no positions (CLI)', async () => {
    const { api } = openTestService();
    const oldId = await importText(api, 'talks.txt', ORIGINAL);
    const claim = await tag(api, oldId, CLAIM, 'Kyiv 基辅 disagreed');
    const pitch = await tag(api, oldId, OPINION, 'for only $1 a month');
    const text = 'Added first line.\n' + ORIGINAL.split('\n').slice(0, 2).join('\n');
    const result = await api.editDocumentText({ id: oldId, text, blocks: lineBlocks(text) });
    expect(result.orphaned.map((o) => o.id)).toEqual([pitch.id]);
    const [moved] = await api.listAnnotations({ documentId: result.document.id });
    expect(moved).toMatchObject({ exact: claim.exact, start: claim.start + 18 });
  });

  it('refuses invalid text, blocks and positions, changing nothing', async () => {
    const { api } = openTestService();
    const id = await importText(api, 'a.txt', ORIGINAL);
    const a = await tag(api, id, CLAIM, 'the talks');
    const text = ORIGINAL.replace('ministr', 'minister');
    const cases: [string, Parameters<GlossApi['editDocumentText']>[0]][] = [
      ['outside the text', { id, text, blocks: [{ kind: 'paragraph', start: 0, end: 999 }] }],
      [
        'starts before the previous block ends',
        {
          id,
          text,
          blocks: [
            { kind: 'paragraph', start: 0, end: 10 },
            { kind: 'paragraph', start: 5, end: 12 },
          ],
        },
      ],
      [
        'unsafe',
        {
          id,
          text,
          blocks: [
            {
              kind: 'paragraph',
              start: 0,
              end: 10,
              marks: [{ kind: 'link', start: 0, end: 4, href: 'javascript:alert(1)' }],
            },
          ],
        },
      ],
      ['carriage returns', { id, text: 'a\r\nb', blocks: [] }],
      ['unchanged', { id, text: ORIGINAL, blocks: lineBlocks(ORIGINAL) }],
      [
        'is not a live annotation',
        {
          id,
          text,
          blocks: lineBlocks(text),
          annotations: [{ id: '01900000-0000-7000-8000-000000000000', start: 0, end: 1 }],
        },
      ],
      [
        'outside the text',
        { id, text, blocks: lineBlocks(text), annotations: [{ id: a.id, start: 0, end: 9999 }] },
      ],
    ];
    for (const [message, args] of cases) {
      const error = await rejectionOf(api.editDocumentText(args));
      expect(error.code, message).toBe('invalid_argument');
      expect(error.message).toContain(message);
    }
    expect((await api.listDocuments({})).map((d) => d.id)).toEqual([id]);
    expect(await api.listAnnotations({ documentId: id })).toEqual([a]);
  });
});

describe('revertDocumentEdit and reapplyDocumentEdit', () => {
  it('bring the previous version back with its annotations and relations, and forth again', async () => {
    const { api, projectPath } = openTestService();
    const oldId = await importText(api, 'talks.txt', ORIGINAL);
    const claim = await tag(api, oldId, CLAIM, 'the talks failed');
    const place = await tag(api, oldId, ENTITY, 'Kyiv');
    const pitch = await tag(api, oldId, OPINION, 'Subscribe now');
    // A relation written as the relations API stores it (that API is another area's).
    const db = new Sqlite(projectPath);
    onTestFinished(() => {
      db.close();
    });
    const typeId = db.prepare('SELECT id FROM relation_types LIMIT 1').pluck().get();
    const relationId = '01900000-0000-7000-8000-00000000aaaa';
    db.prepare('INSERT INTO relations (id, type_id, source_id, target_id) VALUES (?, ?, ?, ?)').run(
      relationId,
      typeId,
      claim.id,
      place.id,
    );
    const relationEnds = () =>
      db.prepare('SELECT source_id, target_id FROM relations WHERE id = ?').get(relationId);

    const text = ORIGINAL.split('\n').slice(0, 2).join('\n');
    const { document } = await api.editDocumentText({
      id: oldId,
      text,
      blocks: lineBlocks(text),
      annotations: [claim, place].map(({ id, start, end }) => ({ id, start, end })),
    });
    const copies = await api.listAnnotations({ documentId: document.id });
    expect(relationEnds()).toEqual({ source_id: copies[0]!.id, target_id: copies[1]!.id });

    const reverted = await api.revertDocumentEdit({ id: document.id });
    expect(reverted.document.id).toBe(oldId);
    expect((await api.listDocuments({})).map((d) => d.id)).toEqual([oldId]);
    expect((await api.listAnnotations({ documentId: oldId })).map((a) => a.id)).toEqual([
      claim.id,
      place.id,
      pitch.id,
    ]);
    expect(relationEnds()).toEqual({ source_id: claim.id, target_id: place.id });

    const reapplied = await api.reapplyDocumentEdit({ id: document.id });
    expect(reapplied.document.id).toBe(document.id);
    expect((await api.listAnnotations({ documentId: document.id })).map((a) => a.id)).toEqual(
      copies.map((a) => a.id),
    );
    expect(relationEnds()).toEqual({ source_id: copies[0]!.id, target_id: copies[1]!.id });
    expect(
      (await api.listOrphans({ documentId: document.id })).map((o) => o.annotation.id),
    ).toEqual([pitch.id]);
    // Twice in a row is refused: the state no longer matches.
    expect((await rejectionOf(api.reapplyDocumentEdit({ id: document.id }))).code).toBe('conflict');
  });

  it('refuses to revert an edit with annotations made on it since', async () => {
    const { api } = openTestService();
    const oldId = await importText(api, 'a.txt', ORIGINAL);
    const text = ORIGINAL.replace('ministr', 'minister');
    const { document } = await api.editDocumentText({ id: oldId, text, blocks: lineBlocks(text) });
    await tag(api, document.id, CLAIM, 'minister');
    const error = await rejectionOf(api.revertDocumentEdit({ id: document.id }));
    expect(error.code).toBe('conflict');
    expect(error.message).toContain('Undo or delete them first');
  });
});

describe('orphans', () => {
  it('re-attach onto the current version (undoable), or are deleted', async () => {
    const { api } = openTestService();
    const oldId = await importText(api, 'a.txt', ORIGINAL);
    const pitch = await tag(api, oldId, OPINION, 'Subscribe now');
    const other = await tag(api, oldId, CLAIM, 'for only $1');
    const text = ORIGINAL.split('\n').slice(0, 2).join('\n');
    const { document } = await api.editDocumentText({
      id: oldId,
      text,
      blocks: lineBlocks(text),
      annotations: [],
    });
    const target = spanOf(text, 'Kyiv');
    const copy = await api.reattachOrphan({ id: pitch.id, documentId: document.id, ...target });
    expect(copy).toMatchObject({ exact: 'Kyiv', note: pitch.note, tagId: OPINION });
    expect(
      (await api.listOrphans({ documentId: document.id })).map((o) => o.annotation.id),
    ).toEqual([other.id]);
    // Undo of a re-attach: the copy goes, the orphan comes back.
    await api.deleteAnnotation({ id: copy.id });
    await api.restoreOrphan({ id: pitch.id });
    expect((await api.listOrphans({ documentId: document.id })).length).toBe(2);

    await api.deleteAnnotation({ id: other.id });
    expect(
      (await api.listOrphans({ documentId: document.id })).map((o) => o.annotation.id),
    ).toEqual([pitch.id]);
    // An annotation of the current version is not an orphan of it.
    const error = await rejectionOf(
      api.reattachOrphan({ id: copy.id, documentId: document.id, ...target }),
    );
    expect(error.code).toBe('conflict');
  });
});
