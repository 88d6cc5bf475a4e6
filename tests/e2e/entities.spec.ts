/**
 * Canonical entities and tag-all-occurrences, end to end on the sample article: the two
 * spellings of one person (Ceyhun / Jeyhun Mammadov) become one entity, its page lists both
 * mentions and opens the document at each, every other "Azerbaijan" is tagged in one step, and
 * all of it survives a reload.
 */
import type { Locator, Page } from '@playwright/test';
import { expect, test } from './fixtures';
import { articleBox, highlights, selectWithMouse } from './helpers/article';
import { importWithPicker, openButton } from './helpers/library';
import { cpLength, cpSlice, findPhrase, readSample } from './helpers/text';

const sample = readSample();
const ceyhun = findPhrase(sample.text, 'Ceyhun Mammadov');
const jeyhun = findPhrase(sample.text, 'Jeyhun Mammadov');

/** Every whole-word "Azerbaijan" of the sample (not the start of "Azerbaijanis"), in code points. */
const azerbaijan = [...sample.text.matchAll(/Azerbaijan(?![\p{L}\p{N}])/gu)].map((m) => {
  const start = cpLength(sample.text.slice(0, m.index));
  return { start, end: start + cpLength('Azerbaijan') };
});
const firstAzerbaijan = findPhrase(
  sample.text,
  'Azerbaijan',
  sample.text.search(/Azerbaijan(?![\p{L}\p{N}])/u),
);

function panel(page: Page): Locator {
  return page.getByRole('complementary', { name: 'Annotations' });
}

function entityField(page: Page): Locator {
  return panel(page).getByRole('combobox', { name: 'Canonical entity' });
}

async function tagWithKey(page: Page, phrase: typeof ceyhun, key: string) {
  const article = articleBox(page, sample.title);
  await selectWithMouse(page, article, phrase);
  await page.keyboard.press(key);
  await expect(
    panel(page).getByRole('button', { name: new RegExp(`: ${phrase.quote}$`) }),
  ).toHaveAttribute('aria-current', 'true');
}

test('two spellings become one entity, every occurrence is tagged at once, and both survive a reload', async ({
  page,
  gloss,
}) => {
  test.setTimeout(90_000);
  expect(azerbaijan.length).toBeGreaterThan(5);
  const article = articleBox(page, sample.title);

  await test.step('import the sample and open it', async () => {
    await page.goto(gloss.url);
    await importWithPicker(page, [
      { name: sample.fileName, mimeType: 'text/plain', buffer: Buffer.from(sample.content) },
    ]);
    await openButton(page, sample.title).click();
    await expect(article).toBeVisible();
  });

  await test.step('tag "Ceyhun Mammadov" as a person and create the entity "Jeyhun Mammadov"', async () => {
    await tagWithKey(page, ceyhun, 'p');
    const field = entityField(page);
    await field.click();
    await field.fill('Jeyhun Mammadov');
    const create = page.getByRole('option', { name: 'Create “Jeyhun Mammadov” as new person' });
    await expect(create).toBeVisible();
    // Keyboard: the first option is active; move to "Create" and press Enter.
    for (let i = 0; i < 10 && (await create.getAttribute('aria-selected')) !== 'true'; i++) {
      await field.press('ArrowDown');
    }
    await field.press('Enter');
    await expect(field).toHaveValue('Jeyhun Mammadov');
    const [entity] = await gloss.call('listEntities', {});
    expect(entity).toMatchObject({
      name: 'Jeyhun Mammadov',
      kind: 'person',
      // The span's own spelling became an alias.
      aliases: ['Ceyhun Mammadov'],
      mentionCount: 1,
    });
  });

  await test.step('tagging the other spelling suggests the entity; link it', async () => {
    await page
      .getByRole('button', { name: 'Dismiss the offer' })
      .click({ timeout: 2000 })
      .catch(() => undefined);
    await tagWithKey(page, jeyhun, 'p');
    const suggestion = panel(page).getByRole('button', { name: /^Link Jeyhun Mammadov/ });
    await expect(suggestion).toBeVisible();
    await suggestion.click();
    await expect(entityField(page)).toHaveValue('Jeyhun Mammadov');
    await expect.poll(async () => (await gloss.call('listEntities', {}))[0]?.mentionCount).toBe(2);
  });

  await test.step('the entity page lists both mentions and opens the document at each', async () => {
    await panel(page)
      .getByRole('button', { name: 'Open the entity page of Jeyhun Mammadov' })
      .click();
    await expect(page.getByRole('heading', { name: 'Jeyhun Mammadov', level: 2 })).toBeVisible();
    const mentions = page.getByRole('group', { name: 'Mentions' }).getByRole('button');
    await expect(mentions).toHaveCount(2);
    await expect(mentions.nth(0)).toHaveAccessibleName(`Open “Ceyhun Mammadov” in ${sample.title}`);
    await expect(mentions.nth(1)).toHaveAccessibleName(`Open “Jeyhun Mammadov” in ${sample.title}`);
    await mentions.nth(0).click();
    await expect(article).toBeVisible();
    await expect(panel(page).getByRole('button', { name: /: Ceyhun Mammadov$/ })).toHaveAttribute(
      'aria-current',
      'true',
    );
  });

  await test.step('tag one "Azerbaijan" as a location, then accept all its other occurrences', async () => {
    await tagWithKey(page, firstAzerbaijan, 'l');
    const offer = page.getByRole('status').filter({ hasText: 'occurs' });
    await expect(offer).toContainText(`${azerbaijan.length - 1} more times here`);
    // Alt+A opens the review for the active annotation, as the offer's button does.
    await page.keyboard.press('Alt+a');
    const dialog = page.getByRole('dialog', { name: 'Tag all occurrences' });
    await expect(dialog).toBeVisible();
    const boxes = dialog.getByRole('list', { name: 'Occurrences' }).getByRole('checkbox');
    await expect(boxes).toHaveCount(azerbaijan.length - 1);
    await dialog.getByRole('button', { name: `Accept all (${azerbaijan.length - 1})` }).click();
    await expect(dialog).toBeHidden();

    const stored = await gloss.call('listAnnotations', {
      documentId: (await gloss.call('listDocuments', {}))[0]!.id,
    });
    const locations = stored
      .filter((a) => a.exact === 'Azerbaijan')
      .map((a) => ({ start: a.start, end: a.end }))
      .sort((a, b) => a.start - b.start);
    expect(locations).toEqual(azerbaijan);
    for (const { start, end } of locations)
      expect(cpSlice(sample.text, start, end)).toBe('Azerbaijan');
    const drawn = (await highlights(article)).filter((h) => h.text === 'Azerbaijan');
    expect(drawn).toHaveLength(azerbaijan.length);
  });

  await test.step('undo removes the whole batch, redo brings it back', async () => {
    await article.focus();
    await page.keyboard.press('Control+z');
    await expect
      .poll(async () => (await highlights(article)).filter((h) => h.text === 'Azerbaijan').length)
      .toBe(1);
    await page.keyboard.press('Control+Shift+z');
    await expect
      .poll(async () => (await highlights(article)).filter((h) => h.text === 'Azerbaijan').length)
      .toBe(azerbaijan.length);
  });

  await test.step('after a reload the spans, the link and the entity page are all still there', async () => {
    await page.reload();
    await expect(article).toBeVisible();
    await expect
      .poll(async () => (await highlights(article)).filter((h) => h.text === 'Azerbaijan').length)
      .toBe(azerbaijan.length);
    await page.keyboard.press('Control+Shift+E');
    await expect(page.getByRole('heading', { name: 'Entities', level: 1 })).toBeVisible();
    await page
      .getByRole('list', { name: 'Entities' })
      .getByRole('button', { name: /^Jeyhun Mammadov/ })
      .click();
    await expect(page.getByRole('group', { name: 'Mentions' }).getByRole('button')).toHaveCount(2);
    // Any spelling finds it: the Russian one too.
    await page.getByRole('searchbox', { name: 'Filter entities' }).fill('Джейхун Мамедов');
    await expect(
      page
        .getByRole('list', { name: 'Entities' })
        .getByRole('button', { name: /^Jeyhun Mammadov/ }),
    ).toBeVisible();
  });
});

test('the entity page merges two records, undoes the merge, splits one, and edits its details', async ({
  page,
  gloss,
}) => {
  test.setTimeout(60_000);
  const [outcome] = await gloss.call('importFiles', {
    files: [{ name: sample.fileName, data: Buffer.from(sample.content).toString('base64') }],
  });
  const documentId = outcome!.status === 'imported' ? outcome!.document.id : '';
  const personTag = (await gloss.call('listTags', {})).find((t) => t.name === 'Person')!.id;
  const first = await gloss.call('createEntity', { name: 'Ceyhun Mammadov', kind: 'person' });
  const second = await gloss.call('createEntity', { name: 'Jeyhun Mammadov', kind: 'person' });
  await gloss.call('createAnnotations', {
    annotations: [
      { documentId, tagId: personTag, start: ceyhun.start, end: ceyhun.end, entityId: first.id },
      { documentId, tagId: personTag, start: jeyhun.start, end: jeyhun.end, entityId: second.id },
    ],
  });
  const list = page.getByRole('list', { name: 'Entities' });
  const mentions = page.getByRole('group', { name: 'Mentions' });

  await test.step('merge "Ceyhun Mammadov" into "Jeyhun Mammadov"', async () => {
    await page.goto(gloss.url);
    await page.getByRole('button', { name: 'Entities' }).click();
    await expect(list.getByRole('button')).toHaveCount(2);
    await list.getByRole('button', { name: /^Jeyhun Mammadov/ }).click();
    await page.getByRole('button', { name: 'Merge…' }).click();
    const dialog = page.getByRole('dialog', {
      name: 'Merge “Jeyhun Mammadov” with another entity',
    });
    // Nothing typed: the records that sound like this one are offered.
    await dialog.getByRole('radio', { name: /Ceyhun Mammadov/ }).check();
    await expect(dialog).toContainText(
      '“Ceyhun Mammadov” and its 1 mention will become part of “Jeyhun Mammadov”',
    );
    await dialog.getByRole('button', { name: 'Merge' }).click();
    await expect(list.getByRole('button')).toHaveCount(1);
    await expect(mentions.getByRole('button')).toHaveCount(2);
    await expect(page.getByRole('textbox', { name: /^Aliases/ })).toHaveValue('Ceyhun Mammadov');
  });

  await test.step('Ctrl+Z separates them again, Ctrl+Shift+Z merges them again', async () => {
    await page.getByRole('heading', { name: 'Jeyhun Mammadov', level: 2 }).click();
    await page.keyboard.press('Control+z');
    await expect(list.getByRole('button')).toHaveCount(2);
    await expect(mentions.getByRole('button')).toHaveCount(1);
    await page.keyboard.press('Control+Shift+z');
    await expect(list.getByRole('button')).toHaveCount(1);
    await expect(mentions.getByRole('button')).toHaveCount(2);
  });

  await test.step('split the "Ceyhun" mention off into a new entity', async () => {
    await page.getByRole('button', { name: 'Split…' }).click();
    await mentions.getByRole('checkbox', { name: /Ceyhun Mammadov/ }).check();
    await page.getByRole('button', { name: 'Split 1 mention into “Ceyhun Mammadov”' }).click();
    await expect(list.getByRole('button')).toHaveCount(2);
    await expect(mentions.getByRole('button')).toHaveAccessibleName(
      `Open “Jeyhun Mammadov” in ${sample.title}`,
    );
    const stored = await gloss.call('listEntities', { query: 'Ceyhun Mammadov' });
    expect(stored.map((e) => [e.name, e.mentionCount])).toContainEqual(['Ceyhun Mammadov', 1]);
  });

  await test.step('edit the details: a malformed Wikidata id is refused, a good one saved', async () => {
    await page.getByRole('button', { name: 'Add external id' }).click();
    const value = page.getByRole('textbox', { name: 'External id 1 (wikidata)' });
    await value.fill('42');
    await expect(page.getByRole('alert')).toContainText('A wikidata id looks like Q42.');
    await expect(page.getByRole('button', { name: 'Save changes' })).toBeDisabled();
    await value.fill('Q4115189');
    await page.getByRole('textbox', { name: 'Description' }).fill('Secretary General of the Rada.');
    await page.keyboard.press('Control+Enter');
    await expect(page.getByRole('button', { name: 'Save changes' })).toBeDisabled();
    await expect
      .poll(async () => (await gloss.call('getEntity', { id: second.id })).externalIds)
      .toEqual({ wikidata: 'Q4115189' });
    await page.reload();
    await expect(page.getByRole('textbox', { name: 'Description' })).toHaveValue(
      'Secretary General of the Rada.',
    );
  });
});
