import path from 'node:path';
import { expect, test } from './fixtures';
import { fixtureDir, htmlPage, resultsDialog, resultsSection, writeFiles } from './import-helpers';

// A folder, chosen with the "Import folder" picker: walked recursively, documents only; hidden
// files and folders, a saved page's asset folder and other file types are left out and listed.

test('importing a folder takes its documents and lists what it left out', async ({
  page,
  gloss,
}) => {
  test.setTimeout(45_000);
  const { dir, cleanup } = await fixtureDir();
  try {
    const root = path.join(dir, 'Case 12');
    await writeFiles(root, {
      'a-summary.txt': 'Case summary\n\nTwo sources confirm the meeting.\n',
      'notes/b-interview.md': '# Interview\n\nThe witness saw two trucks.\n',
      'notes/deeper/c-timeline.txt': 'Timeline\n\n09:00 convoy leaves.\n',
      'web/Article.html': htmlPage({
        title: 'Convoy seen near the border',
        paragraphs: ['Residents said a convoy of twelve trucks passed the village at night.'],
      }),
      'web/Article_files/logo.png': Buffer.from([0x89, 0x50, 0x4e, 0x47]),
      'web/Article_files/style.css': 'body { color: red }',
      '.git/HEAD': 'ref: refs/heads/main\n',
      'notes/.secret.txt': 'hidden\n',
      'photo.jpg': Buffer.from([0xff, 0xd8, 0xff, 0xe0]),
      '~$draft.docx': 'lock',
    });
    await page.goto(gloss.url);
    await expect(page.getByRole('heading', { name: 'Library', exact: true })).toBeVisible();

    // The button opens the folder picker: Import options → Import folder.
    await page.getByRole('button', { name: 'Import options' }).click();
    const chooser = page.waitForEvent('filechooser');
    await page.getByRole('button', { name: 'Import folder', exact: true }).click();
    await (await chooser).setFiles(root);

    const results = resultsDialog(page);
    await expect(results).toBeVisible({ timeout: 20_000 });
    const skipped = resultsSection(page, 'Skipped in folders');
    for (const [where, why] of [
      ['Case 12/.git/', 'hidden'],
      ['Case 12/notes/.secret.txt', 'hidden'],
      ['Case 12/web/Article_files/', 'images and styles of a saved web page'],
      ['Case 12/photo.jpg', 'not a document'],
      ['Case 12/~$draft.docx', 'hidden'],
    ]) {
      await expect(skipped.getByRole('listitem').filter({ hasText: where })).toContainText(why!);
    }
    await expect(skipped.getByRole('listitem')).toHaveCount(5);

    // Every document of the folder was sent, one per call, with its place in the folder.
    const docs = await gloss.call('listDocuments', {});
    expect(docs.map((d) => d.sourcePath).sort()).toEqual([
      'Case 12/a-summary.txt',
      'Case 12/notes/b-interview.md',
      'Case 12/notes/deeper/c-timeline.txt',
      'Case 12/web/Article.html',
    ]);
    await expect(results).toContainText('4 imported');
    await expect(results).toContainText('5 skipped');
  } finally {
    await cleanup();
  }
});

test('the folder input itself takes a directory (what a drop of a folder amounts to)', async ({
  page,
  gloss,
}) => {
  const { dir, cleanup } = await fixtureDir();
  try {
    const root = path.join(dir, 'Reports');
    await writeFiles(root, {
      '2.txt': 'Report two\n',
      '10.txt': 'Report ten\n',
      'sub/1.md': '# Report one\n',
    });
    await page.goto(gloss.url);
    const sent: string[] = [];
    page.on('request', (request) => {
      if (request.url().endsWith('/api/importFiles')) {
        const body = request.postDataJSON() as { files: { path?: string }[] };
        sent.push(body.files[0]!.path ?? '');
      }
    });
    await page.getByLabel('Import folder files').setInputFiles(root);
    await expect(page.getByRole('status').filter({ hasText: 'Imported 3 articles' })).toBeVisible();
    // In the order a file manager shows them: numbers by value, folders walked in place.
    expect(sent).toEqual(['Reports/2.txt', 'Reports/10.txt', 'Reports/sub/1.md']);
    expect(await gloss.call('listDocuments', {})).toHaveLength(3);
  } finally {
    await cleanup();
  }
});
