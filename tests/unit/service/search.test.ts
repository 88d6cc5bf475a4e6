import { describe, expect, it } from 'vitest';
import type { SearchHit } from '../../../core/api-notes';
import { CLAIM, importText, openTestService, rejectionOf } from './helpers';

/** The matched words of a hit, as the snippet marks them. */
function marked(hit: SearchHit | undefined): string[] {
  if (!hit) return [];
  const chars = Array.from(hit.snippet.text);
  return hit.snippet.matches.map((m) => chars.slice(m.start, m.end).join(''));
}

describe('search', () => {
  it('finds annotation quotes and notes, memos and documents, ignoring case and accents', async () => {
    const { api } = openTestService();
    const text = '🌻 Жителі Києва кажуть: «Ми ще тут». Le café de Zürich est fermé.';
    const doc = await importText(api, 'kyiv.txt', text);
    const at = (needle: string) => Array.from(text.slice(0, text.indexOf(needle))).length;
    const quote = await api.createAnnotation({
      documentId: doc,
      tagId: CLAIM,
      start: at('Жителі'),
      end: at('Жителі') + 'Жителі Києва'.length,
      note: 'Джерело: місцеве радіо, ещё не проверено',
    });
    const cafe = await api.createAnnotation({
      documentId: doc,
      tagId: CLAIM,
      start: at('Le café'),
      end: at('Le café') + 'Le café de Zürich'.length,
    });
    const memo = await api.createMemo({ documentId: doc, body: 'Перевірити **naïve** claims' });
    await api.updateDocumentDetails({
      id: doc,
      title: 'Kyiv report',
      outlet: 'Українська правда',
      author: 'Émile Zola',
    });

    const kyiv = await api.search({ query: 'КИЄВА' });
    expect(kyiv.hits.map((h) => h.id)).toEqual([quote.id]);
    expect(kyiv.hits[0]).toMatchObject({
      kind: 'annotation',
      documentId: doc,
      field: 'quote',
      annotation: { tagId: CLAIM, start: quote.start, end: quote.end },
    });
    expect(marked(kyiv.hits[0])).toEqual(['Києва']);

    // Diacritics fold both ways: "zurich" finds "Zürich", "naive" finds "naïve".
    const zurich = await api.search({ query: 'cafe zurich' });
    expect(zurich.hits.map((h) => h.id)).toEqual([cafe.id]);
    expect(marked(zurich.hits[0])).toEqual(['café', 'Zürich']);
    const naive = await api.search({ query: 'naive' });
    expect(naive.hits).toMatchObject([{ kind: 'memo', id: memo.id, field: 'memo' }]);
    expect(naive.hits[0]?.snippet.text).toBe('Перевірити **naïve** claims');

    // A note's word, and "еще" finding "ещё".
    const note = await api.search({ query: 'еще радіо' });
    expect(note.hits).toMatchObject([{ id: quote.id, field: 'note' }]);
    expect(marked(note.hits[0])).toEqual(['радіо', 'ещё']);

    const outlet = await api.search({ query: 'правда' });
    expect(outlet.hits).toMatchObject([{ kind: 'document', id: doc, field: 'outlet' }]);
    const author = await api.search({ query: 'emile' });
    expect(author.hits).toMatchObject([{ kind: 'document', field: 'author' }]);
    expect(marked(author.hits[0])).toEqual(['Émile']);
  });

  it('matches word prefixes and quoted phrases, and treats operators as words', async () => {
    const { api } = openTestService();
    const doc = await importText(api, 'a.txt', 'Title line');
    await api.createMemo({ documentId: doc, body: 'Rovshan Mammadov NEAR the AZTV building' });
    await api.createMemo({ documentId: null, body: 'Mammadov Rovshan, reversed' });
    expect((await api.search({ query: 'mammad' })).hits).toHaveLength(2);
    expect((await api.search({ query: '"rovshan mammadov"' })).hits).toHaveLength(1);
    expect((await api.search({ query: 'NEAR(' })).hits).toHaveLength(1);
    for (const query of ['AND', 'OR (', '"', '*', 'a:b', '^', '-']) {
      await expect(api.search({ query })).resolves.toBeDefined();
    }
    expect(await api.search({ query: '  ' })).toEqual({ hits: [], more: false });
  });

  it('sorts by rank, caps the hits and says when there are more', async () => {
    const { api } = openTestService();
    await importText(api, 'a.txt', 'Nothing here');
    await api.createMemo({ documentId: null, body: 'claim' });
    await api.createMemo({ documentId: null, body: 'claim claim claim, the claim about claims' });
    for (let i = 0; i < 3; i++) {
      await api.createMemo({ documentId: null, body: `a long memo ${'filler '.repeat(50)} claim` });
    }
    const result = await api.search({ query: 'claim', limit: 2 });
    expect(result.more).toBe(true);
    expect(result.hits).toHaveLength(2);
    expect(result.hits[0]?.snippet.text).toMatch(/^claim claim claim/);
    expect(await rejectionOf(api.search({ query: 'x', limit: 0 }))).toMatchObject({
      code: 'invalid_argument',
    });
  });

  it('leaves out deleted items and the items of deleted documents', async () => {
    const { api } = openTestService();
    const doc = await importText(api, 'gone.txt', 'Vanishing article');
    const memo = await api.createMemo({ documentId: doc, body: 'vanishing memo' });
    expect((await api.search({ query: 'vanishing' })).hits).toHaveLength(2);
    await api.deleteMemo({ id: memo.id });
    expect((await api.search({ query: 'vanishing' })).hits.map((h) => h.kind)).toEqual([
      'document',
    ]);
    await api.restoreMemo({ id: memo.id });
    await api.deleteDocument({ id: doc });
    expect((await api.search({ query: 'vanishing' })).hits).toEqual([]);
  });
});
