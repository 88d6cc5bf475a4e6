/**
 * The codebook and typed attributes (issue 4, points 1 and 2), end to end in browser mode: build
 * a sub-tag with a hotkey in the codebook dialog, tag with that key, grade the claim with the
 * Admiralty code from the keyboard, reload; refuse a hotkey in use; merge and delete tags and see
 * their annotations move (and come back with Ctrl+Z).
 */
import { readFile } from 'node:fs/promises';
import type { Locator, Page } from '@playwright/test';
import { BUILTIN_ATTRIBUTE_IDS as A, DEFAULT_SUBTAGS } from '../../core/codebook';
import { expect, test } from './fixtures';
import type { GlossServer } from './fixtures';
import { articleBox, drawnLabels, selectWithKeyboard } from './helpers/article';
import { openButton } from './helpers/library';
import { cardName, findPhrase } from './helpers/text';

const TITLE = 'Брифінг 🇺🇦 Міноборони';
const TEXT = `${TITLE}\nThe ministry said 40 bridges were repaired in Kharkiv by Friday.\nA spokesman called the report “fabricated” on Telegram.\n`;
const statement = findPhrase(TEXT, 'The ministry said 40 bridges were repaired in Kharkiv');
const count = findPhrase(TEXT, '40 bridges');
const called = findPhrase(TEXT, 'called the report “fabricated”');

const subtag = (name: string) => DEFAULT_SUBTAGS.find((t) => t.name === name)!.id;

async function importDocument(gloss: GlossServer): Promise<string> {
  const [outcome] = await gloss.call('importFiles', {
    files: [{ name: 'briefing.txt', data: Buffer.from(TEXT).toString('base64') }],
  });
  if (outcome?.status !== 'imported') throw new Error(JSON.stringify(outcome));
  return outcome.document.id;
}

function codebook(page: Page): Locator {
  return page.getByRole('dialog', { name: 'Codebook' });
}

function treeItem(page: Page, name: string | RegExp): Locator {
  return codebook(page).getByRole('treeitem', { name, exact: typeof name === 'string' });
}

function panel(page: Page): Locator {
  return page.getByRole('complementary', { name: 'Annotations' });
}

test('a sub-tag made in the codebook tags by its hotkey and its claim is graded by keyboard', async ({
  page,
  gloss,
}) => {
  const documentId = await importDocument(gloss);
  await page.goto(gloss.url);
  await expect(openButton(page, TITLE)).toBeVisible();

  // Ctrl+Shift+K opens the codebook; the tree starts on Claim.
  await page.keyboard.press('Control+Shift+K');
  await expect(codebook(page)).toBeVisible();
  const claim = treeItem(page, 'Claim (C)');
  await claim.focus();
  await expect(claim).toHaveAttribute('aria-selected', 'true');

  // Insert adds a sub-tag and puts the caret in its name.
  await page.keyboard.press('Insert');
  const name = codebook(page).getByLabel('Name', { exact: true });
  await expect(name).toBeFocused();
  await expect(name).toHaveValue('New tag');
  await page.keyboard.type('Official statement');
  await page.keyboard.press('Enter');
  await expect(treeItem(page, 'Official statement')).toBeVisible();
  await expect(treeItem(page, 'Official statement')).toHaveAttribute('aria-level', '2');

  // A hotkey in use is refused with a message naming its tag; a free one is taken.
  const hotkey = codebook(page).getByLabel('Hotkey');
  await hotkey.focus();
  await page.keyboard.press('c');
  await expect(codebook(page).getByRole('alert')).toHaveText(
    'Hotkey C is already used by the tag "Claim". Remove it there first, or choose another key.',
  );
  await page.keyboard.press('n');
  await expect(codebook(page).getByRole('alert')).toContainText('N is kept for the note');
  await page.keyboard.press('k');
  await expect(hotkey).toHaveValue('K');
  await expect(treeItem(page, 'Official statement (K)')).toBeVisible();
  await expect(codebook(page).getByRole('alert')).toHaveCount(0);
  // Stored in the project, under Claim.
  const tags = await gloss.call('listTags', {});
  const official = tags.find((t) => t.name === 'Official statement');
  expect(official).toMatchObject({
    parentId: tags.find((t) => t.name === 'Claim')!.id,
    hotkey: 'k',
  });

  await page.keyboard.press('Escape');
  await expect(codebook(page)).toBeHidden();

  // In the reader, K tags the selection as the new sub-tag.
  await openButton(page, TITLE).click();
  const article = articleBox(page, TITLE);
  await selectWithKeyboard(page, article, statement);
  await page.keyboard.press('k');
  await expect
    .poll(() => drawnLabels(article))
    .toEqual([{ label: 'Official statement', text: statement.quote }]);

  // The active card carries Claim's attributes: reliability B and credibility 2 by keyboard.
  const reliability = panel(page).getByRole('radiogroup', { name: 'Source reliability' });
  const credibility = panel(page).getByRole('radiogroup', { name: 'Information credibility' });
  await reliability.getByRole('radio', { name: /^A — / }).focus();
  await page.keyboard.press('b');
  await expect(reliability.getByRole('radio', { name: 'B — Usually reliable' })).toHaveAttribute(
    'aria-checked',
    'true',
  );
  await page.keyboard.press('Tab');
  await expect(credibility.getByRole('radio', { name: /^1 — / })).toBeFocused();
  await page.keyboard.press('2');
  await expect(credibility.getByRole('radio', { name: '2 — Probably true' })).toBeFocused();
  await expect(credibility.getByRole('radio', { name: '2 — Probably true' })).toHaveAttribute(
    'aria-checked',
    'true',
  );
  await expect(panel(page).getByText('B2', { exact: true })).toBeVisible();
  await expect
    .poll(async () => (await gloss.call('listAnnotations', { documentId }))[0]?.attributes)
    .toEqual({ [A.reliability]: 'B', [A.credibility]: '2' });

  // The hover card over the span says the tag and the grade.
  await page.mouse.move(0, 0);
  await article.locator('span.gl-ann').first().hover();
  const card = page.getByRole('tooltip');
  await expect(card).toContainText('Official statement');
  await expect(card).toContainText('B2');

  // After a reload, the grade is still there.
  await page.reload();
  await panel(page)
    .getByRole('button', { name: cardName('Official statement', statement.quote) })
    .click();
  await expect(
    panel(page)
      .getByRole('radiogroup', { name: 'Source reliability' })
      .getByRole('radio', { name: 'B — Usually reliable' }),
  ).toHaveAttribute('aria-checked', 'true');
  await expect(
    panel(page)
      .getByRole('radiogroup', { name: 'Information credibility' })
      .getByRole('radio', { name: '2 — Probably true' }),
  ).toHaveAttribute('aria-checked', 'true');

  // Ctrl+Z in the panel undoes the last grade only.
  await panel(page).getByRole('radio', { name: '2 — Probably true' }).focus();
  await page.keyboard.press('Control+z');
  await expect
    .poll(async () => (await gloss.call('listAnnotations', { documentId }))[0]?.attributes)
    .toEqual({ [A.reliability]: 'B' });
});

test('merging and deleting tags move their annotations, and Ctrl+Z brings them back', async ({
  page,
  gloss,
}) => {
  const documentId = await importDocument(gloss);
  const make = (tagId: string, phrase: typeof count) =>
    gloss.call('createAnnotation', { documentId, tagId, start: phrase.start, end: phrase.end });
  const statistic = await make(subtag('Statistic'), count);
  const quote = await make(subtag('Quote'), called);
  const tagOf = async (id: string) =>
    (await gloss.call('listAnnotations', { documentId })).find((a) => a.id === id)?.tagId;

  await page.goto(gloss.url);
  await page.getByRole('button', { name: 'Codebook' }).click();
  await expect(codebook(page)).toBeVisible();

  // Merge Statistic into Quote: Ctrl+M on the tree item, choose the target, confirm.
  await treeItem(page, 'Statistic (S)').click();
  await page.keyboard.press('Control+m');
  const merge = page.getByRole('dialog', { name: 'Merge “Statistic” into another tag' });
  await expect(merge).toContainText('1 annotation in 1 document will be tagged');
  await merge.getByLabel('Merge into').selectOption({ label: '\u2003Quote' });
  await merge.getByRole('button', { name: 'Merge' }).click();
  await expect(treeItem(page, 'Statistic (S)')).toHaveCount(0);
  await expect(codebook(page).getByRole('status')).toHaveText('Merged “Statistic” into “Quote”');
  expect(await tagOf(statistic.id)).toBe(subtag('Quote'));

  // Ctrl+Z in the codebook undoes the merge.
  await treeItem(page, /^Quote/).focus();
  await page.keyboard.press('Control+z');
  await expect(treeItem(page, 'Statistic (S)')).toBeVisible();
  await expect.poll(() => tagOf(statistic.id)).toBe(subtag('Statistic'));

  // Delete Quote, its annotation going to Event report.
  await treeItem(page, /^Quote/).click();
  await page.keyboard.press('Delete');
  const remove = page.getByRole('dialog', { name: 'Delete “Quote”' });
  await expect(remove).toContainText('1 annotation in 1 document will be tagged');
  await remove.getByLabel('Its annotations go to').selectOption({ label: '\u2003Event report' });
  await remove.getByRole('button', { name: 'Delete tag' }).click();
  await expect(treeItem(page, /^Quote/)).toHaveCount(0);
  expect(await tagOf(quote.id)).toBe(subtag('Event report'));
  // The root cannot go.
  await treeItem(page, 'Claim (C)').focus();
  await page.keyboard.press('Delete');
  await expect(codebook(page).getByRole('alert')).toContainText('root of the codebook');
  await page.keyboard.press('Escape');

  // The reader shows the moved annotations under their new tags.
  await openButton(page, TITLE).click();
  await expect(
    panel(page).getByRole('button', { name: cardName('Statistic', count.quote) }),
  ).toBeVisible();
  await expect(
    panel(page).getByRole('button', { name: cardName('Event report', called.quote) }),
  ).toBeVisible();
});

test('the codebook exports as JSON; a team’s file imports with a report, and Ctrl+Z undoes it', async ({
  page,
  gloss,
}) => {
  await page.goto(gloss.url);
  await page.keyboard.press('Control+Shift+K');
  const downloading = page.waitForEvent('download');
  await codebook(page).getByRole('button', { name: 'Export JSON' }).click();
  const download = await downloading;
  expect(download.suggestedFilename()).toMatch(/^gloss-codebook-\d{4}-\d\d-\d\d\.json$/);
  const file = JSON.parse(await readFile((await download.path())!, 'utf8'));
  expect(file.tags.map((t: { name: string }) => t.name)).toEqual(['Claim', 'Entity', 'Opinion']);

  // Another team's codebook: a new sub-tag with an attribute, and a hotkey this project uses.
  file.tags[0].children.push({
    id: '01900000-0000-7000-8000-0000000000c9',
    name: 'Rumour',
    color: '#aa5500',
    hotkey: 'p',
    attributes: [
      {
        id: '01900000-0000-7000-8000-0000000000a9',
        key: 'spread_by',
        name: 'Spread by',
        type: 'text',
      },
    ],
  });
  await codebook(page)
    .getByLabel('Codebook file to import')
    .setInputFiles({
      name: 'team.json',
      mimeType: 'application/json',
      buffer: Buffer.from(JSON.stringify(file)),
    });
  const report = codebook(page).getByRole('region', { name: 'Import report' });
  await expect(report).toContainText('Created tag Claim › Rumour');
  await expect(report).toContainText('Created attribute Claim › Rumour › Spread by');
  await expect(report).toContainText(
    'Not applied: Claim › Rumour: hotkey P not used; "Person" has it.',
  );
  await expect(treeItem(page, 'Rumour')).toBeVisible();
  const defs = await gloss.call('listAttributeDefs', {});
  expect(defs.some((d) => d.key === 'spread_by')).toBe(true);

  // Ctrl+Z takes the whole import back.
  await treeItem(page, 'Claim (C)').focus();
  await page.keyboard.press('Control+z');
  await expect(treeItem(page, 'Rumour')).toHaveCount(0);
  expect((await gloss.call('listTags', {})).some((t) => t.name === 'Rumour')).toBe(false);

  // A file that is not a codebook is refused before anything is sent.
  await codebook(page)
    .getByLabel('Codebook file to import')
    .setInputFiles({
      name: 'notes.json',
      mimeType: 'application/json',
      buffer: Buffer.from('{"tags":[]}'),
    });
  await expect(codebook(page).getByRole('alert')).toHaveText(
    'notes.json is not a Gloss codebook (its "format" is not "gloss-codebook").',
  );
});
