/**
 * Edits that lose nothing (issue 4, points 8 and 9), end to end in browser mode on the sample
 * article: edit the text with the keyboard (delete the closing sales pitch, fix a line before a
 * tagged claim), save, and find the claim on its words and the pitch's claim listed as an
 * orphan — also after a reload; Ctrl+Z undoes the edit; and a tag made before a reload is
 * undone by Ctrl+Z after it (the history is stored with the document).
 */
import type { Locator, Page } from '@playwright/test';
import { expect, test } from './fixtures';
import type { GlossServer } from './fixtures';
import { articleBox, drawnLabels, selectWithMouse } from './helpers/article';
import { openButton } from './helpers/library';
import { findPhrase, readSample, sentenceStartingWith } from './helpers/text';

const sample = readSample();
const CLAIM_SENTENCE = sentenceStartingWith(
  sample.text,
  'Baku’s authorities managed to maintain friendly ties',
);
const PITCH_START = 'For those with an interest in acquiring comprehensive insights';
const PITCH = sample.text.slice(sample.text.indexOf(PITCH_START)).trimEnd();
const PITCH_CLAIM = 'we encourage you to reach out to our team';
/** The edit before the claim, on its own line: a clarification typed after the think tank. */
const BEFORE_CLAIM = 'Caspian Policy Centre';
const INSERTED = ' (CPC)';
/** Where the orphan is re-attached: the conclusion's opening words. */
const REATTACH_TO = 'open sources have demonstrated';

async function importSample(gloss: GlossServer): Promise<string> {
  const [outcome] = await gloss.call('importFiles', {
    files: [{ name: sample.fileName, data: Buffer.from(sample.content).toString('base64') }],
  });
  if (outcome?.status !== 'imported') throw new Error(JSON.stringify(outcome));
  return outcome.document.id;
}

function orphans(page: Page): Locator {
  return page.getByRole('region', { name: 'Orphaned annotations' });
}

async function tagWithKey(page: Page, article: Locator, text: string, quote: string, key: string) {
  await selectWithMouse(page, article, findPhrase(text, quote));
  await page.keyboard.press(key);
  await expect(page.getByRole('status', { name: 'Save status' })).toContainText('Saved');
}

test('an edit keeps annotations on their words, lists the deleted one, and undoes', async ({
  page,
  gloss,
}) => {
  test.setTimeout(90_000);
  const article = articleBox(page, sample.title);
  const editedText = sample.text
    .replace(BEFORE_CLAIM, BEFORE_CLAIM + INSERTED)
    .replace(/\n?For those with an interest[\s\S]*$/, '');

  await test.step('tag a claim in the body and one inside the closing sales pitch', async () => {
    await importSample(gloss);
    await page.goto(gloss.url);
    await openButton(page, sample.title).click();
    await tagWithKey(page, article, sample.text, CLAIM_SENTENCE, 'c');
    await tagWithKey(page, article, sample.text, PITCH_CLAIM, 'c');
    await expect.poll(() => drawnLabels(article)).toHaveLength(2);
  });

  await test.step('edit with the keyboard: delete the pitch, add to a line before the claim', async () => {
    await page.getByRole('button', { name: /^Edit text/ }).click();
    await expect(article).toHaveAttribute('aria-readonly', 'false');
    await expect(page.getByRole('button', { name: 'Save text' })).toBeDisabled();

    // Caret at the start of the pitch, select to the end of the article, delete.
    const pitch = findPhrase(sample.text, PITCH_START);
    await selectWithMouse(page, article, { ...pitch, quote: PITCH_START });
    await page.keyboard.press('ArrowLeft');
    await expect.poll(() => selectedText(page)).toBe('');
    await page.keyboard.press('Control+Shift+End');
    // Under load the editor may take a frame to extend the selection: delete only once it has.
    await expect.poll(() => selectedText(page)).toContain('specialised report');
    await expect.poll(() => selectedText(page)).toMatch(/^For those with an interest/);
    await page.keyboard.press('Backspace');
    // The now empty paragraph joins the one before.
    await page.keyboard.press('Backspace');
    await expect(article).not.toContainText(PITCH_START);
    // The pitch's claim is gone from the article; the body's claim is still drawn.
    await expect
      .poll(() => drawnLabels(article))
      .toEqual([{ label: 'Claim', text: CLAIM_SENTENCE }]);

    const before = findPhrase(sample.text, BEFORE_CLAIM);
    await selectWithMouse(page, article, before);
    await expect.poll(() => selectedText(page)).toBe(BEFORE_CLAIM);
    await page.keyboard.press('ArrowRight');
    // Type only once the selection has collapsed, or the text would replace the phrase.
    await expect.poll(() => selectedText(page)).toBe('');
    await page.keyboard.type(INSERTED);
    await expect(article).toContainText(BEFORE_CLAIM + INSERTED);
    // The highlight followed the edit live: still exactly the claim's words.
    await expect
      .poll(() => drawnLabels(article))
      .toEqual([{ label: 'Claim', text: CLAIM_SENTENCE }]);
    await expect(page.getByRole('button', { name: 'Save text' })).toBeEnabled();
    await page.keyboard.press('Control+Enter');
  });

  const expectEdited = async () => {
    await expect(article).toHaveAttribute('aria-readonly', 'true');
    await expect(article).toContainText(BEFORE_CLAIM + INSERTED);
    await expect(article).not.toContainText(PITCH_START);
    await expect
      .poll(() => drawnLabels(article))
      .toEqual([{ label: 'Claim', text: CLAIM_SENTENCE }]);
    await expect(
      orphans(page).getByRole('button', { name: /1 orphaned annotation/ }),
    ).toBeVisible();
    const orphan = orphans(page).getByRole('listitem', { name: `Orphan: ${PITCH_CLAIM}` });
    await expect(orphan).toContainText(PITCH_CLAIM);
    await expect(orphan).toContainText('Claim');
    await expect(orphan.getByRole('button', { name: 'Re-attach to selection' })).toBeVisible();
    await expect(orphan.getByRole('button', { name: 'Delete' })).toBeVisible();
  };

  await test.step('saved: a new version, the claim on its words, the other an orphan', async () => {
    await expectEdited();
    // The library shows one document: the new version.
    const documents = await gloss.call('listDocuments', {});
    expect(documents.length).toBe(1);
    const stored = await gloss.call('getDocument', { id: documents[0]!.id });
    expect(stored.text).toBe(editedText);
    const [annotation] = await gloss.call('listAnnotations', { documentId: stored.id });
    const claim = findPhrase(editedText, CLAIM_SENTENCE);
    expect(annotation).toMatchObject({ exact: CLAIM_SENTENCE, start: claim.start, end: claim.end });
  });

  await test.step('after a reload, the same', async () => {
    await page.reload();
    await expectEdited();
  });

  await test.step('re-attach the orphan to a selection with the keyboard, then undo that', async () => {
    await selectWithMouse(page, article, findPhrase(editedText, REATTACH_TO));
    const reattach = orphans(page).getByRole('button', { name: 'Re-attach to selection' });
    await reattach.focus();
    await page.keyboard.press('Enter');
    await expect(orphans(page)).toHaveCount(0);
    await expect
      .poll(() => drawnLabels(article))
      .toEqual([
        { label: 'Claim', text: CLAIM_SENTENCE },
        { label: 'Claim', text: REATTACH_TO },
      ]);
    await article.focus();
    await page.keyboard.press('Control+z');
    await expect(orphans(page).getByRole('listitem')).toHaveCount(1);
    await expect
      .poll(() => drawnLabels(article))
      .toEqual([{ label: 'Claim', text: CLAIM_SENTENCE }]);
  });

  await test.step('Ctrl+Z undoes the edit: the pitch and its claim are back', async () => {
    await article.focus();
    await page.keyboard.press('Control+z');
    await expect(article).toContainText(PITCH_START);
    await expect(article).not.toContainText(BEFORE_CLAIM + INSERTED);
    await expect
      .poll(() => drawnLabels(article))
      .toEqual([
        { label: 'Claim', text: CLAIM_SENTENCE },
        { label: 'Claim', text: PITCH_CLAIM },
      ]);
    await expect(orphans(page)).toHaveCount(0);
    const documents = await gloss.call('listDocuments', {});
    expect((await gloss.call('getDocument', { id: documents[0]!.id })).text).toBe(sample.text);
    expect(PITCH).toContain(PITCH_CLAIM);
  });
});

test('Ctrl+Z after a reload undoes the tag made before it', async ({ page, gloss }) => {
  const article = articleBox(page, sample.title);
  await importSample(gloss);
  await page.goto(gloss.url);
  await openButton(page, sample.title).click();
  await tagWithKey(page, article, sample.text, CLAIM_SENTENCE, 'c');
  await expect.poll(() => drawnLabels(article)).toHaveLength(1);

  await page.reload();
  await expect.poll(() => drawnLabels(article)).toHaveLength(1);
  await expect(page.getByRole('button', { name: 'Undo' })).toBeEnabled();
  await article.focus();
  await page.keyboard.press('Control+z');
  await expect.poll(() => drawnLabels(article)).toEqual([]);
  const [document] = await gloss.call('listDocuments', {});
  expect(await gloss.call('listAnnotations', { documentId: document!.id })).toEqual([]);
  // And redo brings it back.
  await page.keyboard.press('Control+Shift+z');
  await expect.poll(() => drawnLabels(article)).toHaveLength(1);
});

/** The text the page has selected, as the browser reports it. */
function selectedText(page: Page): Promise<string> {
  return page.evaluate(() => document.getSelection()?.toString() ?? '');
}
