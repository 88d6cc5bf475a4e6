/**
 * Issue 4, points 5–7, end to end in browser mode on the sample article: two claims related
 * "contradicts" with the keyboard and shown on both cards and in the article, a document memo
 * with formatting, the document's details edited, the project searched (diacritics folded), and
 * everything still there after a reload.
 */
import type { Locator, Page } from '@playwright/test';
import { expect, test } from './fixtures';
import { articleBox, selectWithKeyboard } from './helpers/article';
import { documentRows, openButton } from './helpers/library';
import { cardName, findPhrase, readSample, sentenceStartingWith } from './helpers/text';

const sample = readSample();
/** Two claims of the same speaker, a paragraph apart. */
const first = findPhrase(
  sample.text,
  'there are about 500 ethnic Azerbaijanis in the ranks of the Armed Forces of Ukraine',
);
const second = findPhrase(
  sample.text,
  sentenceStartingWith(sample.text, 'All of them are allegedly citizens of Ukraine'),
);
/** A note with words to find with and without their accents. */
const NOTE = 'Figure repeated by the Zürich café interview; check it';
const MEMO =
  '**Key** finding: the figures disagree, see [the report](https://example.org/report)\n- naïve estimate';

function panel(page: Page): Locator {
  return page.getByRole('complementary', { name: 'Annotations' });
}

function card(page: Page, quote: string): Locator {
  return panel(page).getByRole('button', { name: cardName('Claim', quote) });
}

/** The item (card) around a card's main button. */
function cardItem(page: Page, quote: string): Locator {
  // `has` is looked for inside each item: a locator from the page, not from the panel.
  const main = page.getByRole('button', { name: cardName('Claim', quote) });
  return panel(page).getByRole('listitem').filter({ has: main });
}

test('relate two claims, write a memo, edit the details, search, reload', async ({
  page,
  gloss,
}) => {
  test.setTimeout(90_000);
  const [imported] = await gloss.call('importFiles', {
    files: [{ name: sample.fileName, data: Buffer.from(sample.content).toString('base64') }],
  });
  if (imported?.status !== 'imported') throw new Error('the sample did not import');
  const article = articleBox(page, sample.title);

  await test.step('tag two claims with the keyboard', async () => {
    await page.goto(gloss.url);
    await openButton(page, sample.title).click();
    await expect(article).toBeVisible();
    for (const phrase of [first, second]) {
      await selectWithKeyboard(page, article, phrase);
      await page.keyboard.press('c');
      await expect(card(page, phrase.quote)).toBeVisible();
    }
    await card(page, first.quote).click();
    const note = panel(page).getByRole('textbox', { name: 'Note' });
    await note.fill(NOTE);
    await note.press('Control+Enter');
    await expect(page.getByRole('status', { name: 'Save status' })).toHaveText('Saved');
  });

  await test.step('relate them "contradicts" with Alt+R, typing to choose', async () => {
    await card(page, first.quote).focus();
    await page.keyboard.press('Alt+r');
    const dialog = page.getByRole('dialog', { name: 'Relate annotation' });
    await expect(dialog).toBeVisible();
    await page.keyboard.type('contra');
    await expect(dialog.getByRole('option', { name: 'contradicts' })).toHaveAttribute(
      'aria-selected',
      'true',
    );
    await page.keyboard.press('Enter');
    await expect(dialog.getByRole('combobox', { name: 'Related annotation' })).toBeFocused();
    await page.keyboard.type('allegedly citizens');
    await expect(dialog.getByRole('option', { name: /^Claim: All of them/ })).toHaveAttribute(
      'aria-selected',
      'true',
    );
    await page.keyboard.press('Enter');
    await expect(dialog).toBeHidden();
  });

  await test.step('the relation shows on both cards and in the article', async () => {
    const section = cardItem(page, first.quote).getByRole('region', { name: 'Relations' });
    await expect(
      section.getByRole('button', { name: /^contradicts “All of them are allegedly/ }),
    ).toBeVisible();
    // The other end, not active, says it on its card too.
    await expect(cardItem(page, second.quote)).toContainText('contradicts ‘there are about 500');
    // In the article, the related span is marked while the first claim is active.
    const marked = article.locator('.gl-rel');
    await expect(marked).toHaveCount(1);
    await expect(marked).toHaveText(second.quote);
    await expect(article.locator('.gl-rel-badge')).toHaveText('↔ contradicts');

    await card(page, second.quote).click();
    await expect(
      cardItem(page, second.quote)
        .getByRole('region', { name: 'Relations' })
        .getByRole('button', { name: /^contradicts “there are about 500/ }),
    ).toBeVisible();
    await expect(article.locator('.gl-rel')).toHaveText(first.quote);
  });

  await test.step('delete the relation and undo it', async () => {
    const section = cardItem(page, second.quote).getByRole('region', { name: 'Relations' });
    await section.getByRole('button', { name: /^Delete relation: contradicts/ }).click();
    await expect(section.getByText(/^None\./)).toBeVisible();
    await expect(article.locator('.gl-rel')).toHaveCount(0);
    await page.getByRole('button', { name: 'Undo' }).click();
    await expect(section.getByRole('button', { name: /^contradicts “there are/ })).toBeVisible();
  });

  await test.step('write a document memo with bold and a link', async () => {
    await page.getByRole('button', { name: 'Memos' }).click();
    const memos = page.getByRole('complementary', { name: /Document memos/ });
    const editor = memos.getByRole('textbox', { name: 'New memo on this document' });
    await expect(editor).toBeFocused();
    await editor.fill(MEMO);
    await editor.press('Control+Enter');
    const memo = memos.getByRole('article', { name: /^Memo: Key finding/ });
    await expect(memo.locator('strong')).toHaveText('Key');
    await expect(memo.getByRole('link', { name: 'the report' })).toHaveAttribute(
      'href',
      'https://example.org/report',
    );
    await expect(memo.getByRole('listitem')).toHaveText('naïve estimate');
    await expect(editor).toHaveValue('');
    await memos.getByRole('button', { name: 'Close document memos' }).click();
  });

  await test.step('edit the details: outlet and its reliability', async () => {
    await page.getByRole('button', { name: 'Document details' }).click();
    const dialog = page.getByRole('dialog', { name: 'Document details' });
    await dialog.getByRole('textbox', { name: 'Outlet' }).fill('Kavkaz Files');
    await dialog.getByRole('combobox', { name: 'Outlet reliability' }).selectOption('B');
    await dialog.getByRole('button', { name: 'Save details' }).click();
    await expect(dialog.getByRole('status').filter({ hasText: 'Saved.' })).toBeVisible();
    await dialog.getByRole('button', { name: 'Close' }).click();
  });

  await test.step('search a word of the note and of the memo, accents folded', async () => {
    await page.keyboard.press('Control+Shift+F');
    const search = page.getByRole('dialog', { name: 'Search the project' });
    const field = search.getByRole('combobox', { name: 'Search the project' });
    await field.fill('zurich cafe');
    const noteHit = search.getByRole('option', { name: /^Claim, note: .*Zürich café/ });
    await expect(noteHit).toBeVisible();
    await expect(noteHit.locator('mark')).toHaveText(['Zürich', 'café']);
    await field.fill('naive');
    const memoHit = search.getByRole('option', { name: /^Memo, memo: .*naïve estimate/ });
    await expect(memoHit).toBeVisible();
    await page.keyboard.press('Enter');
    await expect(search).toBeHidden();
    const memos = page.getByRole('complementary', { name: /Document memos/ });
    await expect(memos.getByRole('article', { name: /^Memo: Key finding/ })).toBeFocused();
  });

  await test.step('after a reload everything is still there', async () => {
    await page.reload();
    await expect(article).toBeVisible();
    await card(page, first.quote).click();
    await expect(
      cardItem(page, first.quote)
        .getByRole('region', { name: 'Relations' })
        .getByRole('button', { name: /^contradicts “All of them/ }),
    ).toBeVisible();
    await expect(article.locator('.gl-rel')).toHaveText(second.quote);
    await expect(panel(page).getByRole('textbox', { name: 'Note' })).toHaveValue(NOTE);

    await page.getByRole('button', { name: 'Memos' }).click();
    const memos = page.getByRole('complementary', { name: /Document memos/ });
    await expect(memos.getByRole('link', { name: 'the report' })).toBeVisible();

    await page.getByRole('button', { name: 'Document details' }).click();
    const dialog = page.getByRole('dialog', { name: 'Document details' });
    await expect(dialog.getByRole('textbox', { name: 'Outlet' })).toHaveValue('Kavkaz Files');
    await expect(dialog.getByRole('combobox', { name: 'Outlet reliability' })).toHaveValue('B');
    await dialog.getByRole('button', { name: 'Close' }).click();

    // The library row cites the outlet and grades it.
    await page.keyboard.press('Alt+ArrowLeft');
    await expect(documentRows(page)).toHaveCount(1);
    await expect(documentRows(page).first()).toContainText('Kavkaz Files');
    await expect(
      documentRows(page).first().getByLabel('Outlet reliability B — Usually reliable'),
    ).toHaveText('B');
  });
});
