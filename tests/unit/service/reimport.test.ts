import Sqlite from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import type { GlossApi } from '../../../core/api';
import { CodePointIndex } from '../../../core/offsets';
import { articlePage, encoded } from '../formats/import-fixtures';
import { CLAIM, ENTITY, OPINION, openTestService, rejectionOf } from './helpers';

const file = (name: string, bytes: Uint8Array) => ({
  name,
  data: Buffer.from(bytes).toString('base64'),
});

/** Tags the first occurrence of `phrase` in the document, by code points. */
async function tag(api: GlossApi, documentId: string, tagId: string, phrase: string) {
  const { text } = await api.getDocument({ id: documentId });
  const index = new CodePointIndex(text);
  const at = text.indexOf(phrase);
  if (at < 0) throw new Error(`"${phrase}" is not in the document`);
  const start = index.toCodePoint(at);
  return api.createAnnotation({
    documentId,
    tagId,
    start,
    end: index.toCodePoint(at + phrase.length),
    note: `on ${phrase}`,
  });
}

const ARTICLE = [
  'Report by Jane Reporter, 3 March 2025.',
  'Президент заявил, что переговоры провалились.',
  'Source: Reuters newswire.',
  'Критики назвали это фарсом.',
  '',
].join('\r\n');

describe('reimportDocument', () => {
  it('re-reads a mis-decoded file in the right encoding; Latin annotations move, garbled ones orphan', async () => {
    const { api, projectPath } = openTestService();
    // The analyst (or a wrong guess) read a Windows-1251 file as KOI8-R: the Cyrillic is garbage.
    const [outcome] = await api.importFiles({
      files: [file('statement.txt', encoded(ARTICLE, 'windows-1251'))],
      options: { encoding: 'koi8-r' },
    });
    if (outcome?.status !== 'imported') throw new Error(JSON.stringify(outcome));
    const oldId = outcome.document.id;
    const garbled = await api.getDocument({ id: oldId });
    expect(garbled.provenance.encoding).toBe('koi8-r');
    expect(garbled.text).not.toContain('Президент');
    const garbledLine = garbled.text.split('\n')[1]!;

    const person = await tag(api, oldId, ENTITY, 'Jane Reporter');
    const source = await tag(api, oldId, CLAIM, 'Reuters newswire');
    const onGarbage = await tag(api, oldId, OPINION, garbledLine.slice(0, 12));

    const result = await api.reimportDocument({ id: oldId, options: { encoding: 'windows-1251' } });
    expect(result.moved).toBe(2);
    expect(result.orphaned).toEqual([{ id: onGarbage.id, exact: onGarbage.exact }]);

    const fixed = await api.getDocument({ id: result.document.id });
    expect(fixed.text).toBe(ARTICLE.replaceAll('\r\n', '\n'));
    expect(fixed.provenance).toMatchObject({
      sourceName: 'statement.txt',
      encoding: 'windows-1251',
      originalKept: true,
    });
    expect(fixed.sha256).toBe(garbled.sha256);
    expect(result.document.counts).toEqual({ [ENTITY]: 1, [CLAIM]: 1 });

    // The moved annotations cover the same words, keep their note, author and creation time.
    const moved = await api.listAnnotations({ documentId: fixed.id });
    expect(moved.map((a) => [a.exact, a.tagId, a.note, a.createdAt])).toEqual([
      ['Jane Reporter', ENTITY, 'on Jane Reporter', person.createdAt],
      ['Reuters newswire', CLAIM, 'on Reuters newswire', source.createdAt],
    ]);
    expect(moved.map((a) => [a.start, a.end])).toEqual([
      [person.start, person.end],
      [source.start, source.end],
    ]);
    expect(moved.every((a) => a.id !== person.id && a.id !== source.id)).toBe(true);

    // The old version leaves the library; the orphan stays, live, on it, and is listed with the
    // new version, with why it could not be placed, for the analyst to re-attach or delete.
    expect((await api.listDocuments({})).map((d) => d.id)).toEqual([fixed.id]);
    const orphans = await api.listOrphans({ documentId: fixed.id });
    expect(orphans).toEqual([{ annotation: onGarbage, documentId: fixed.id, reason: 'not_found' }]);

    // History is kept: the new rows name the old ones, which are soft-deleted, not rewritten.
    const db = new Sqlite(projectPath, { readonly: true });
    const rows = db
      .prepare('SELECT id, previous_id, deleted_at FROM annotations ORDER BY created_at, id')
      .all() as { id: string; previous_id: string | null; deleted_at: string | null }[];
    db.close();
    const byPrevious = new Map(rows.map((r) => [r.previous_id, r]));
    expect(byPrevious.get(person.id)?.id).toBe(moved[0]!.id);
    expect(byPrevious.get(source.id)?.id).toBe(moved[1]!.id);
    const old = new Map(rows.map((r) => [r.id, r]));
    expect(old.get(person.id)?.deleted_at).not.toBeNull();
    expect(old.get(onGarbage.id)?.deleted_at).toBeNull();
  });

  it('replaces the old version when every annotation re-anchors', async () => {
    const { api } = openTestService();
    const page = articlePage('Talks fail', [
      'The minister said the talks had failed after three days of meetings in the capital.',
      'Critics called the meeting a farce and demanded that the delegation return home.',
    ]);
    const [outcome] = await api.importFiles({
      files: [file('talks.html', new TextEncoder().encode(page))],
    });
    if (outcome?.status !== 'imported') throw new Error(JSON.stringify(outcome));
    const oldId = outcome.document.id;
    const farce = await tag(api, oldId, OPINION, 'Critics called the meeting a farce');

    // The whole page this time: the navigation comes first, so the annotation has to move.
    const result = await api.reimportDocument({ id: oldId, options: { htmlMode: 'whole-page' } });
    expect(result).toMatchObject({ moved: 1, orphaned: [] });
    const whole = await api.getDocument({ id: result.document.id });
    expect(whole.text).toMatch(/Home/);
    const [moved] = await api.listAnnotations({ documentId: whole.id });
    expect(moved).toMatchObject({ exact: farce.exact, tagId: OPINION });
    expect(moved!.start).toBeGreaterThan(farce.start);
    // Nothing was left behind, so the old version is gone from the library (soft-deleted).
    expect((await api.listDocuments({})).map((d) => d.id)).toEqual([whole.id]);
    expect((await rejectionOf(api.getDocument({ id: oldId }))).code).toBe('not_found');
  });

  it('fails cleanly, changing nothing, when the new reading fails', async () => {
    const { api } = openTestService();
    const [outcome] = await api.importFiles({
      files: [file('a.txt', new TextEncoder().encode('Plain words.'))],
    });
    if (outcome?.status !== 'imported') throw new Error(JSON.stringify(outcome));
    const error = await rejectionOf(
      api.reimportDocument({ id: outcome.document.id, options: { encoding: 'no-such-code' } }),
    );
    expect(error).toMatchObject({
      code: 'invalid_argument',
      message: 'a.txt: Unknown encoding "no-such-code"',
    });
    expect((await api.listDocuments({})).map((d) => d.id)).toEqual([outcome.document.id]);
  });
});
