import { expect, test } from './fixtures';

// The browser-mode door end to end: the real bundle, served by the real server, opened in
// Chromium with the token from the printed URL.
test('the app loads with its token and shows the empty library', async ({ page, gloss }) => {
  const problems: string[] = [];
  page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
  page.on('console', (message) => {
    // A CSP violation or a failed module load shows up here before anything else breaks.
    if (message.type() === 'error') problems.push(`console: ${message.text()}`);
  });
  const foreign: string[] = [];
  page.on('request', (request) => {
    if (!request.url().startsWith(gloss.origin)) foreign.push(request.url());
  });

  await page.goto(gloss.url);
  await expect(page).toHaveTitle(/Gloss/);
  await expect(page.getByRole('heading', { level: 1, name: 'Library' })).toBeVisible();
  await expect(page.getByRole('heading', { name: 'Your library is empty' })).toBeVisible();

  // The library is drawn from listDocuments, so the page has reached the API with its token;
  // and the server opened the project it was given.
  const info = await gloss.call('getProjectInfo', {});
  expect(info.projectPath).toBe(gloss.projectPath);
  expect(problems).toEqual([]);
  expect(foreign, 'Gloss works offline: nothing leaves 127.0.0.1').toEqual([]);
});

test('without the token the API refuses the page', async ({ page, gloss }) => {
  await page.goto(gloss.origin);
  const status = await page.evaluate(async () => {
    const response = await fetch('/api/listDocuments', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: '{}',
    });
    return response.status;
  });
  expect(status).toBe(401);
});
