/**
 * The analyst's session of issue 4 on the sample article (analyst-scenario.spec.ts): the phrases
 * it tags, what it types, where the side panel shows them, and the checks it makes more than once
 * (the relation, the orphan) or at length (the JSONL export).
 */
import type { Locator, Page } from '@playwright/test';
import { expect } from '@playwright/test';
import type { GlossServer } from '../fixtures';
import type { Phrase } from './text';
import { cardName, cpSlice, findPhrase, readSample } from './text';

export const sample = readSample();

/** Rovshan Mammadov, the speaker, as named in the sixth line. */
export const rovshan = findPhrase(sample.text, 'Rovshan Mammadov');
/** His two statements, a line apart: what he called the war, and what he called the bombing. */
export const occupation = findPhrase(
  sample.text,
  'an act of occupation and a clear threat to the territorial integrity of another sovereign country',
);
export const crime = findPhrase(
  sample.text,
  'the bombing of Ukrainian territories by Russian troops is a “crime against humanity.”',
);
/** One person, two spellings. */
export const ceyhun = findPhrase(sample.text, 'Ceyhun Mammadov');
export const jeyhun = findPhrase(sample.text, 'Jeyhun Mammadov');
/** The closing sales pitch (the last line), and the claim inside it that the edit orphans. */
export const PITCH_START = 'For those with an interest in acquiring comprehensive insights';
export const pitchClaim = findPhrase(
  sample.text,
  'We are ready to help you assess the opportunity to obtain a meticulously crafted and specialised report tailored to your intelligence needs.',
);
export const editedText = sample.text.replace(/\n?For those with an interest[\s\S]*$/, '');

export const SUBTAG = 'Official statement';
export const ATTRIBUTE = 'Medium';
export const NOTE = 'Said on air in **Hafta**, AZTV, 24 Oct 2022: check the broadcast archive.';
export const MEMO =
  '**Sourcing**: the Rovshan Mammadov quotes need the *Hafta* transcript\n- ask AZTV';
export const OUTLET = 'Kavkaz Files';

export function panel(page: Page): Locator {
  return page.getByRole('complementary', { name: 'Annotations' });
}

export function card(page: Page, tag: string, quote: string): Locator {
  return panel(page).getByRole('button', { name: cardName(tag, quote) });
}

/** The card (list item) around a card's main button. */
export function cardItem(page: Page, tag: string, quote: string): Locator {
  const main = page.getByRole('button', { name: cardName(tag, quote) });
  return panel(page).getByRole('listitem').filter({ has: main });
}

/** The "supports" relation, on both cards and in the article while the bombing is chosen. */
export async function expectRelation(page: Page, article: Locator) {
  await expect(
    cardItem(page, SUBTAG, crime.quote)
      .getByRole('region', { name: 'Relations' })
      .getByRole('button', { name: /^supports “an act of occupation/ }),
  ).toBeVisible();
  await expect(cardItem(page, SUBTAG, occupation.quote)).toContainText(
    'supported by ‘the bombing of Ukrainian',
  );
  await expect(article.locator('.gl-rel')).toHaveText(occupation.quote);
}

/** The pitch's claim, listed above the article with its quote, tag and what befell it. */
export async function expectOrphan(page: Page) {
  const orphans = page.getByRole('region', { name: 'Orphaned annotations' });
  await expect(orphans.getByRole('button', { name: /1 orphaned annotation/ })).toBeVisible();
  const orphan = orphans.getByRole('listitem', { name: `Orphan: ${pitchClaim.quote}` });
  await expect(orphan).toContainText(pitchClaim.quote);
  await expect(orphan).toContainText('Claim');
  await expect(orphan).toContainText('its text was deleted by an edit');
}

/**
 * Exports the project as JSONL through the API and checks that the one record carries what the
 * session recorded: the graded, attributed claims, the entity links, the relation, the details,
 * the memo — and not the orphan, which stays on the superseded version.
 */
export async function expectJsonlExport(gloss: GlossServer): Promise<void> {
  const exported = await gloss.call('exportProject', { format: 'jsonl' });
  const records = exported
    .content!.data.trim()
    .split('\n')
    .map((line) => JSON.parse(line));
  expect(records).toHaveLength(1);
  const [record] = records as JsonlRecord[];
  expect(record!.text).toBe(editedText);
  const span = (phrase: Phrase) => {
    const found = record!.spans.find((s) => s.quote === phrase.quote);
    expect(found, `the span “${phrase.quote}”`).toBeDefined();
    expect(cpSlice(editedText, found!.start, found!.end)).toBe(phrase.quote);
    return found!;
  };
  // The orphan stays behind on the old version: it is not a span of this one.
  expect(record!.spans.map((s) => s.quote)).not.toContain(pitchClaim.quote);

  const entities = await gloss.call('listEntities', {});
  const entity = (name: string) => {
    const { id, kind } = entities.find((e) => e.name === name)!;
    return { id, name, kind };
  };
  const rovshanEntity = entity('Rovshan Mammadov');
  for (const [phrase, credibility] of [
    [occupation, '2'],
    [crime, '3'],
  ] as const) {
    expect(span(phrase)).toMatchObject({
      label: SUBTAG,
      tag_path: `Claim/${SUBTAG}`,
      attributes: {
        reliability: 'B',
        credibility,
        attributed_to: rovshanEntity,
        medium: 'tv',
      },
    });
  }
  expect(span(crime).note).toBe(NOTE);
  expect(span(rovshan).entity).toMatchObject(rovshanEntity);
  expect(span(ceyhun).entity).toMatchObject(entity('Ceyhun Mammadov'));
  expect(span(jeyhun).entity).toMatchObject(entity('Ceyhun Mammadov'));

  expect(record!.relations).toEqual([
    expect.objectContaining({
      type: 'supports',
      source_id: span(crime).id,
      target_id: span(occupation).id,
    }),
  ]);
  expect(record!.details).toMatchObject({
    author: 'Guido Keller',
    outlet: OUTLET,
    outletReliability: 'C',
  });
  expect(record!.memos.map((m) => m.body)).toEqual([MEMO]);
}

/** What the checks read of a JSONL record (one document). */
interface JsonlRecord {
  text: string;
  spans: {
    id: string;
    start: number;
    end: number;
    quote: string;
    note: string;
    entity: unknown;
  }[];
  relations: unknown[];
  details: unknown;
  memos: { body: string }[];
}
