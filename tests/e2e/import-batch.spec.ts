import { expect, test } from './fixtures';
import {
  chooseFiles,
  docxFile,
  epubFile,
  fixtureDir,
  htmlPage,
  mhtmlPage,
  pdfFile,
  progressRegion,
  resultsDialog,
  resultsSection,
  slowImports,
  windows1251,
  writeFiles,
} from './import-helpers';

// Importing many files through the picker: one file per call, a progress panel with Cancel, and
// a results dialog that lists what was imported, what was already there and what failed.

const PARAGRAPHS = [
  'Officials said the border crossing at Upper Lars was closed for three days in March.',
  'Truck drivers reported queues of more than twenty kilometres on the Georgian side.',
  'The ministry did not answer questions about when the crossing would reopen.',
];

async function mixedBatch(dir: string) {
  const notes =
    '# Field notes\n\nThe convoy left Vladikavkaz at dawn.\n\nIt reached Kazbegi by noon.\n';
  return writeFiles(dir, {
    'a-article.html': htmlPage({ title: 'Border crossing closed', paragraphs: PARAGRAPHS }),
    'b-report.docx': await docxFile('Quarterly report', [
      ['Shipments through the port rose by a fifth in the second quarter.'],
    ]),
    'c-brief.pdf': await pdfFile('Situation brief', ['Three incidents were reported overnight.']),
    'd-book.epub': await epubFile('Field handbook', [
      { title: 'Chapter one', paragraphs: ['Always write down who said what, and when.'] },
    ]),
    'e-saved.mhtml': mhtmlPage(
      'Saved page',
      htmlPage({ title: 'Saved page', paragraphs: ['This page was saved as a single file.'] }),
    ),
    'f-notes.md': notes,
    'g-cyrillic.txt': windows1251('Сводка\n\nКолонна вышла из Владикавказа на рассвете.\n'),
    'h-copy-of-notes.md': notes,
    'i-broken.pdf': '%PDF-1.7\n%garbage that is not a PDF at all\n',
    'j-empty.txt': '',
    'k-photo.png': Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d]),
  });
}

test('a mixed batch shows its progress, then what was imported, already there and failed', async ({
  page,
  gloss,
}) => {
  test.setTimeout(60_000);
  const { dir, cleanup } = await fixtureDir();
  try {
    const files = await mixedBatch(dir);
    await page.goto(gloss.url);
    await expect(page.getByRole('heading', { name: 'Library', exact: true })).toBeVisible();
    await slowImports(page, 250);

    const calls: number[] = [];
    page.on('request', (request) => {
      if (request.url().endsWith('/api/importFiles')) {
        calls.push((request.postDataJSON() as { files: unknown[] }).files.length);
      }
    });
    await chooseFiles(page, files);

    const progress = progressRegion(page);
    await expect(progress).toBeVisible();
    await expect(progress.getByRole('progressbar', { name: 'Import progress' })).toBeVisible();
    await expect(progress).toContainText(/\d+ of 11 files/);
    await expect(progress.getByRole('button', { name: 'Cancel import' })).toBeEnabled();

    const results = resultsDialog(page);
    await expect(results).toBeVisible({ timeout: 30_000 });
    await expect(progress).toBeHidden();
    // One file per call, so a cancel stops between files and no call carries the whole batch.
    expect(calls).toEqual(Array(11).fill(1));

    await expect(results).toContainText('7 imported · 1 already in the library · 3 failed');
    const failed = resultsSection(page, 'Could not be imported');
    await expect(failed.getByRole('listitem')).toHaveCount(3);
    for (const name of ['i-broken.pdf', 'j-empty.txt', 'k-photo.png']) {
      await expect(failed.getByRole('listitem').filter({ hasText: name })).toHaveCount(1);
    }
    const duplicates = resultsSection(page, 'Already in the library');
    await expect(duplicates.getByRole('listitem')).toHaveCount(1);
    await expect(duplicates).toContainText('h-copy-of-notes.md');
    await expect(duplicates).toContainText('Same content as “Field notes”');

    const docs = await gloss.call('listDocuments', {});
    expect(docs.map((d) => d.format).sort()).toEqual(
      ['docx', 'epub', 'html', 'md', 'mhtml', 'pdf', 'txt'].sort(),
    );

    // Escape closes the dialog; the library shows every imported document.
    await page.keyboard.press('Escape');
    await expect(results).toBeHidden();
    await expect(page.getByRole('button', { name: 'Open Border crossing closed' })).toBeVisible();
  } finally {
    await cleanup();
  }
});

test('a duplicate can be imported as a new version from the results', async ({ page, gloss }) => {
  const { dir, cleanup } = await fixtureDir();
  try {
    const text = 'Statement of the ministry\n\nThe ministry denies the report.\n';
    const [first, again] = await writeFiles(dir, {
      'statement.txt': text,
      'again/statement.txt': text,
    });
    await page.goto(gloss.url);
    await chooseFiles(page, [first!]);
    await expect(
      page.getByRole('button', { name: 'Open Statement of the ministry' }),
    ).toBeVisible();

    await chooseFiles(page, [again!]);
    const results = resultsDialog(page);
    await expect(results).toContainText('1 already in the library');
    const button = results.getByRole('button', { name: 'Import statement.txt as new version' });
    await expect(button).toBeVisible();

    const sent = page.waitForRequest('**/api/importFiles');
    await button.click();
    const body = (await sent).postDataJSON() as { options?: { onDuplicate?: string } };
    expect(body.options?.onDuplicate).toBe('new-version');
    await expect(results).toContainText('Imported as a new version');
    await expect(button).toBeHidden();

    const docs = await gloss.call('listDocuments', {});
    expect(docs).toHaveLength(2);
    expect(new Set(docs.map((d) => d.sha256)).size).toBe(1);
    await results.getByRole('button', { name: 'Close' }).click();
    await expect(results).toBeHidden();
  } finally {
    await cleanup();
  }
});

test('Cancel stops after the current file: what is imported stays, the rest is not sent', async ({
  page,
  gloss,
}) => {
  test.setTimeout(60_000);
  const { dir, cleanup } = await fixtureDir();
  try {
    const names = Array.from(
      { length: 30 },
      (_, i) => `memo-${String(i + 1).padStart(2, '0')}.txt`,
    );
    const files = await writeFiles(
      dir,
      Object.fromEntries(names.map((n, i) => [n, `Memo ${i + 1}\n\nNothing to report.\n`])),
    );
    await page.goto(gloss.url);

    // The second file waits at the door until Cancel has been pressed.
    let calls = 0;
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    await page.route('**/api/importFiles', async (route) => {
      calls++;
      if (calls >= 2) await gate;
      await route.continue();
    });
    await chooseFiles(page, files);

    const progress = progressRegion(page);
    await expect(progress).toContainText('1 of 30 files');
    await expect(progress).toContainText('memo-02.txt');
    await progress.getByRole('button', { name: 'Cancel import' }).click();
    await expect(progress).toContainText('Stopping the import');
    release();

    const results = resultsDialog(page);
    await expect(results).toContainText('2 imported · 28 cancelled');
    expect(calls).toBe(2);
    const docs = await gloss.call('listDocuments', {});
    expect(docs.map((d) => d.title).sort()).toEqual(['Memo 1', 'Memo 2']);
    const cancelled = results.getByText(/Not imported: cancelled/);
    await expect(cancelled).toBeVisible();
    await page.keyboard.press('Escape');
    await expect(results).toBeHidden();
    await expect(page.getByRole('button', { name: 'Open Memo 2' })).toBeVisible();
  } finally {
    await cleanup();
  }
});

test('a single small file imports without a dialog, and its failure is an alert', async ({
  page,
  gloss,
}) => {
  const { dir, cleanup } = await fixtureDir();
  try {
    const [good, empty] = await writeFiles(dir, { 'one.txt': 'One line\n', 'empty.txt': '' });
    await page.goto(gloss.url);
    await chooseFiles(page, [good!]);
    await expect(page.getByRole('status').filter({ hasText: 'Imported 1 article' })).toBeVisible();
    await expect(resultsDialog(page)).toHaveCount(0);
    await expect(progressRegion(page)).toHaveCount(0);

    await chooseFiles(page, [empty!]);
    const alert = page.getByRole('alert');
    await expect(alert).toContainText('1 file could not be imported');
    await expect(alert).toContainText('empty.txt');
    expect(await gloss.call('listDocuments', {})).toHaveLength(1);
  } finally {
    await cleanup();
  }
});
