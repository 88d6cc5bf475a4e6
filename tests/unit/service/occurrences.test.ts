import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { ENTITY_TAG_ID, CLAIM_TAG_ID } from '../../../core/codebook';
import { CodePointIndex } from '../../../core/offsets';
import { SAMPLE, importText, openTestService, rejectionOf } from './helpers';

const sample = () => readFileSync(SAMPLE, 'utf8');

function spanOf(text: string, phrase: string, nth = 0): { start: number; end: number } {
  let at = -1;
  for (let i = 0; i <= nth; i++) at = text.indexOf(phrase, at + 1);
  if (at < 0) throw new Error(`"${phrase}" is not in the text`);
  const start = Array.from(text.slice(0, at)).length;
  return { start, end: start + Array.from(phrase).length };
}

describe('finding occurrences', () => {
  it('finds the other places a tagged text occurs, as whole words, untagged ones only', async () => {
    const { api } = openTestService();
    const text = sample();
    const documentId = await importText(api, 'sample.txt', text);
    // The first "Azerbaijan" of the text is inside "Azerbaijanis"; tag the first whole word.
    const tagged = spanOf(text, 'Azerbaijan’s');
    tagged.end -= 2;
    await api.createAnnotations({
      annotations: [{ documentId, tagId: ENTITY_TAG_ID, ...tagged }],
    });
    const { occurrences, truncated, searched } = await api.findOccurrences({
      documentId,
      text: 'Azerbaijan',
      tagId: ENTITY_TAG_ID,
      scope: 'document',
    });
    expect(truncated).toBe(false);
    expect(searched).toEqual(['Azerbaijan']);
    const index = new CodePointIndex(text);
    // Every result is exactly the word in the stored text, and none is inside "Azerbaijanis".
    for (const o of occurrences) {
      expect(index.slice(o.start, o.end)).toBe('Azerbaijan');
      expect(o.exact).toBe('Azerbaijan');
      expect(o.suffix).not.toMatch(/^[a-z]/i);
    }
    const everyWord = [...text.matchAll(/\bAzerbaijan\b/g)].length;
    expect(occurrences).toHaveLength(everyWord - 1);
    expect(occurrences.map((o) => o.start)).not.toContain(tagged.start);
  });

  it("also looks for the entity's names, keeping the longer match where two overlap", async () => {
    const { api } = openTestService();
    const text = sample();
    const documentId = await importText(api, 'sample.txt', text);
    const person = await api.createEntity({
      name: 'Jeyhun Mammadov',
      kind: 'person',
      aliases: ['Ceyhun Mammadov', 'Mammadov'],
    });
    await api.createAnnotations({
      annotations: [
        {
          documentId,
          tagId: ENTITY_TAG_ID,
          ...spanOf(text, 'Ceyhun Mammadov'),
          entityId: person.id,
        },
      ],
    });
    const { occurrences, searched } = await api.findOccurrences({
      documentId,
      entityId: person.id,
      text: 'Ceyhun Mammadov',
      tagId: ENTITY_TAG_ID,
      scope: 'document',
    });
    expect(searched).toEqual(['Ceyhun Mammadov', 'Jeyhun Mammadov', 'Mammadov']);
    const found = occurrences.map((o) => o.exact);
    expect(found).toContain('Jeyhun Mammadov');
    // "Mammadov" inside the tagged "Ceyhun Mammadov" and inside "Jeyhun Mammadov" is not offered.
    const jeyhun = spanOf(text, 'Jeyhun Mammadov');
    expect(occurrences.filter((o) => o.start < jeyhun.end && jeyhun.start < o.end)).toHaveLength(1);
    expect(occurrences.some((o) => o.start === spanOf(text, 'Ceyhun Mammadov').start + 7)).toBe(
      false,
    );
    // Rovshan Mammadov's surname is a separate occurrence of the alias, for the analyst to reject.
    expect(found.filter((f) => f === 'Mammadov').length).toBeGreaterThan(0);
  });

  it('searches the whole project, this document first, with titles', async () => {
    const { api } = openTestService();
    const first = await importText(api, 'one.txt', 'Report from Kyiv.\nKyiv again.');
    const second = await importText(api, 'two.txt', 'Letter\n🇺🇦 Люди у КИЇВ та Kyïv.');
    await importText(api, 'three.txt', 'Nothing here about Kyivstar.');
    const result = await api.findOccurrences({
      documentId: first,
      text: 'Kyiv',
      tagId: ENTITY_TAG_ID,
      scope: 'project',
    });
    expect(result.documentCount).toBe(3);
    expect(result.occurrences.map((o) => [o.documentTitle, o.exact, o.start, o.end])).toEqual([
      ['Report from Kyiv.', 'Kyiv', 12, 16],
      ['Report from Kyiv.', 'Kyiv', 18, 22],
      // Code points: the flag is two; "Київ" in Cyrillic is another spelling, not this text.
      ['Letter', 'Kyïv', 25, 29],
    ]);
    expect(result.occurrences[2]!.documentId).toBe(second);
  });

  it('leaves out spans tagged with the same tag, not those with another tag', async () => {
    const { api } = openTestService();
    const documentId = await importText(api, 'one.txt', 'Kyiv, Kyiv, Kyiv.');
    await api.createAnnotations({
      annotations: [
        { documentId, tagId: ENTITY_TAG_ID, start: 0, end: 4 },
        { documentId, tagId: CLAIM_TAG_ID, start: 6, end: 10 },
      ],
    });
    const { occurrences } = await api.findOccurrences({
      documentId,
      text: 'kyiv',
      tagId: ENTITY_TAG_ID,
      scope: 'document',
    });
    expect(occurrences.map((o) => o.start)).toEqual([6, 12]);
  });

  it('stops at the limit and says so', async () => {
    const { api } = openTestService();
    const documentId = await importText(api, 'one.txt', Array(30).fill('Kyiv').join(' '));
    const result = await api.findOccurrences({
      documentId,
      text: 'Kyiv',
      tagId: ENTITY_TAG_ID,
      scope: 'document',
      limit: 10,
    });
    expect(result.occurrences).toHaveLength(10);
    expect(result.truncated).toBe(true);
  });

  it('accepts the occurrences it found as annotations at exactly those offsets', async () => {
    const { api } = openTestService();
    const documentId = await importText(api, 'one.txt', 'Title\n😀 Київ, 北京 and Київ 🙂 Київ.');
    const { occurrences } = await api.findOccurrences({
      documentId,
      text: 'київ',
      tagId: ENTITY_TAG_ID,
      scope: 'document',
    });
    const created = await api.createAnnotations({
      annotations: occurrences.map((o) => ({
        documentId: o.documentId,
        tagId: ENTITY_TAG_ID,
        start: o.start,
        end: o.end,
      })),
    });
    expect(created.map((a) => a.exact)).toEqual(['Київ', 'Київ', 'Київ']);
    expect(created.map((a) => a.start)).toEqual([8, 21, 28]);
    // Nothing left to offer.
    const again = await api.findOccurrences({
      documentId,
      text: 'київ',
      tagId: ENTITY_TAG_ID,
      scope: 'document',
    });
    expect(again.occurrences).toEqual([]);
  });

  it('refuses a call without anything to look for, or with unknown records', async () => {
    const { api } = openTestService();
    const documentId = await importText(api, 'one.txt', 'Kyiv');
    const missing = api.findOccurrences({ documentId, tagId: ENTITY_TAG_ID, scope: 'document' });
    expect((await rejectionOf(missing)).code).toBe('invalid_argument');
    const unknownEntity = api.findOccurrences({
      documentId,
      entityId: '01900000-0000-7000-8000-000000000000',
      tagId: ENTITY_TAG_ID,
      scope: 'document',
    });
    expect((await rejectionOf(unknownEntity)).code).toBe('not_found');
    // A one-letter text would match everywhere: nothing is looked for.
    const tiny = await api.findOccurrences({
      documentId,
      text: 'K',
      tagId: ENTITY_TAG_ID,
      scope: 'document',
    });
    expect(tiny).toMatchObject({ occurrences: [], searched: [] });
  });
});
