import { expect, test } from './fixtures';
import { pasteInto, watchForEscapes } from './import-helpers';

// Paste as new document: the clipboard's HTML goes to the service as a string, the dialog shows
// only plain text, and the pasted markup never enters the page.

const HTML =
  '<h1>Statement by the governor</h1>' +
  '<p>The governor said the <strong>bridge</strong> will reopen on Monday. ' +
  '<a href="https://example.org/statement">Full statement</a>.</p>' +
  '<img src="http://xss.invalid/paste-img" onerror="window.__glossXss(\'paste-img\')">' +
  '<p id="pasted-marker">Repairs cost two million.</p>' +
  '<script>window.__glossXss("paste-script")</script>';
const TEXT =
  'Statement by the governor\n\nThe governor said the bridge will reopen on Monday. ' +
  'Full statement.\n\nRepairs cost two million.';

test('a paste becomes a new document without its HTML ever entering the page', async ({
  page,
  gloss,
}) => {
  const escapes = await watchForEscapes(page, gloss.origin);
  await page.goto(gloss.url);
  await expect(page.getByRole('heading', { name: 'Library', exact: true })).toBeVisible();

  // Ctrl+Shift+V in the library opens the dialog with the paste target focused.
  await page.keyboard.press('Control+Shift+V');
  const dialog = page.getByRole('dialog', { name: 'Paste as new document' });
  await expect(dialog).toBeVisible();
  const target = dialog.getByRole('textbox', { name: 'Paste here' });
  await expect(target).toBeFocused();

  await pasteInto(target, { 'text/html': HTML, 'text/plain': TEXT });
  await expect(target).toHaveValue(TEXT);
  await expect(dialog).toContainText('formatted text');
  // Nothing of the pasted markup was put into the page.
  await expect(page.locator('#pasted-marker')).toHaveCount(0);
  await expect(page.locator('img[src*="xss.invalid"]')).toHaveCount(0);

  const sent = page.waitForRequest('**/api/importText');
  await dialog.getByRole('textbox', { name: 'Title' }).fill('Governor on the bridge');
  await dialog.getByRole('button', { name: 'Import' }).click();
  const body = (await sent).postDataJSON() as { title?: string; text?: string; html?: string };
  expect(body).toEqual({ title: 'Governor on the bridge', text: TEXT, html: HTML });

  // The new document opens in the reader.
  await expect(dialog).toBeHidden();
  await expect(
    page.getByRole('heading', { level: 1, name: 'Governor on the bridge' }),
  ).toBeVisible();
  const article = page.getByRole('textbox', { name: 'Article: Governor on the bridge' });
  await expect(article).toContainText('Repairs cost two million.');
  await expect(article.locator('img, script')).toHaveCount(0);

  const [summary] = await gloss.call('listDocuments', {});
  const doc = await gloss.call('getDocument', { id: summary!.id });
  expect(doc.text).not.toMatch(/<|__glossXss|xss\.invalid/);
  for (const block of doc.blocks) {
    for (const mark of block.marks ?? []) {
      if (mark.href) expect(mark.href).toMatch(/^(https?:|mailto:)/);
    }
  }
  expect(escapes).toEqual({ calls: [], dialogs: [], foreign: [] });
});

test('typing in the paste target imports plain text, and an empty paste is refused', async ({
  page,
  gloss,
}) => {
  await page.goto(gloss.url);
  await page.getByRole('button', { name: 'Import options' }).click();
  await page.getByRole('button', { name: 'Paste as new document' }).click();
  const dialog = page.getByRole('dialog', { name: 'Paste as new document' });

  await dialog.getByRole('button', { name: 'Import' }).click();
  await expect(dialog.getByRole('alert')).toContainText('Paste some text first');

  const target = dialog.getByRole('textbox', { name: 'Paste here' });
  await pasteInto(target, { 'text/html': '<p>Draft <b>one</b></p>', 'text/plain': 'Draft one' });
  await target.press('End');
  await target.pressSequentially(', edited');
  await expect(dialog).toContainText('edited by hand');
  const sent = page.waitForRequest('**/api/importText');
  await target.press('Control+Enter');
  expect((await sent).postDataJSON()).toEqual({ text: 'Draft one, edited' });
  await expect(page.getByRole('heading', { level: 1, name: 'Draft one, edited' })).toBeVisible();
  expect(await gloss.call('listDocuments', {})).toHaveLength(1);
});
