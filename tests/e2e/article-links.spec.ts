import { expect, test } from './fixtures';

// Links inside an article never navigate the reader: a plain click selects text as usual, and
// Ctrl+click (Cmd+click) offers to open the link after a confirmation, in a new tab with no
// opener and no referrer (the desktop app asks in the main process instead, tests/electron).

const base64 = (text: string): string => Buffer.from(text, 'utf8').toString('base64');

const PAGE = `<!doctype html><html><head><title>Linked story</title></head><body>
<h1>Linked story</h1>
<p>The minister said the <a href="https://example.org/story?id=7">talks had failed</a> on Monday.</p>
<p>Critics called it <a href="javascript:window.__glossXss('link')">a farce</a> afterwards.</p>
</body></html>`;

test('a link opens only on Ctrl+click, after a confirmation, in a tab of its own', async ({
  page,
  gloss,
  context,
}) => {
  let served = 0;
  await context.route('https://example.org/**', (route) => {
    served++;
    return route.fulfill({ contentType: 'text/html', body: '<title>Story</title>story' });
  });
  await gloss.call('importFiles', { files: [{ name: 'linked.html', data: base64(PAGE) }] });
  await page.goto(gloss.url);
  await page.getByRole('button', { name: 'Open Linked story', exact: true }).click();
  const article = page.getByRole('textbox', { name: 'Article: Linked story', exact: true });
  await expect(article).toBeVisible();
  const link = article.locator('a', { hasText: 'talks had failed' });
  const readerUrl = page.url();

  // A plain click stays in the reader: no question, no navigation, no tab.
  const dialogs: string[] = [];
  page.on('dialog', (dialog) => {
    dialogs.push(dialog.message());
    void dialog.dismiss();
  });
  await link.click();
  await page.waitForTimeout(300);
  expect(dialogs).toEqual([]);
  expect(page.url()).toBe(readerUrl);
  expect(context.pages()).toHaveLength(1);

  // Ctrl+click asks; cancelling opens nothing.
  await link.click({ modifiers: ['ControlOrMeta'] });
  await expect.poll(() => dialogs.length).toBe(1);
  expect(dialogs[0]).toContain('https://example.org/story?id=7');
  await page.waitForTimeout(300);
  expect(context.pages()).toHaveLength(1);
  expect(served).toBe(0);

  // Confirming opens the link in a new tab that cannot reach back to Gloss.
  page.removeAllListeners('dialog');
  page.once('dialog', (dialog) => void dialog.accept());
  const [tab] = await Promise.all([
    context.waitForEvent('page'),
    link.click({ modifiers: ['ControlOrMeta'] }),
  ]);
  await tab.waitForLoadState();
  expect(tab.url()).toBe('https://example.org/story?id=7');
  expect(await tab.evaluate(() => window.opener)).toBeNull();
  expect(await tab.evaluate(() => document.referrer)).toBe('');
  expect(page.url()).toBe(readerUrl);

  // The javascript: link was never made a link at all.
  await expect(article.locator('a', { hasText: 'a farce' })).toHaveCount(0);
});
