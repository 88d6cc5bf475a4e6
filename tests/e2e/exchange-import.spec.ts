import { readFile } from 'node:fs/promises';
import JSZip from 'jszip';
import { expect, test } from './fixtures';

// Import annotations… from the Import options menu: another tool's REFI-QDA project (Cyrillic,
// emoji, Windows line breaks, a `Sources/` folder) becomes a document with its codings, the
// report says how, a second import adds nothing; and a copy of the project can be downloaded.

const RAW = 'Заява 🙂 міністра\r\nКиїв готовий до переговорів\r\nBaku agrees\r\n';
const TEXT = RAW.replace(/\r\n/g, '\n');
const GUID = (n: number) => `7C9E6679-7425-40DE-944B-E07FC1F90A${String(n).padStart(2, '0')}`;

/** Positions as a Windows tool counts them: code points, a CRLF as two. */
function position(exact: string): { start: number; end: number } {
  const at = RAW.indexOf(exact);
  return {
    start: Array.from(RAW.slice(0, at)).length,
    end: Array.from(RAW.slice(0, at + exact.length)).length,
  };
}

async function foreignProject(): Promise<Buffer> {
  const kyiv = position('Київ готовий');
  const baku = position('Baku');
  const qde = `<?xml version="1.0" encoding="utf-8"?>
<Project xmlns="urn:QDA-XML:project:1.0" name="Interviews" origin="MAXQDA 24">
<CodeBook><Codes><Code guid="${GUID(1)}" name="Places" isCodable="true" color="#33AA55"/></Codes></CodeBook>
<Sources><TextSource guid="${GUID(2)}" name="Interview 🙂 1" plainTextPath="internal://${GUID(2)}.txt">
<PlainTextSelection guid="${GUID(3)}" name="Київ готовий" startPosition="${kyiv.start}" endPosition="${kyiv.end}"><Coding guid="${GUID(4)}"><CodeRef targetGUID="${GUID(1)}"/></Coding></PlainTextSelection>
<PlainTextSelection guid="${GUID(5)}" name="Baku" startPosition="${baku.start}" endPosition="${baku.end}"><Coding guid="${GUID(6)}"><CodeRef targetGUID="${GUID(1)}"/></Coding></PlainTextSelection>
</TextSource></Sources></Project>`;
  const zip = new JSZip();
  zip.file('project.qde', qde);
  zip.file(`Sources/${GUID(2)}.txt`, RAW);
  return zip.generateAsync({ type: 'nodebuffer' });
}

test('a REFI-QDA project from another tool is imported with a report, once', async ({
  page,
  gloss,
}) => {
  const qdpx = await foreignProject();
  await page.goto(gloss.url);
  await expect(page.getByRole('heading', { name: 'Library', exact: true })).toBeVisible();

  const importOnce = async () => {
    await page.getByRole('button', { name: 'Import options' }).click();
    await page.getByRole('button', { name: 'Import annotations…' }).click();
    const dialog = page.getByRole('dialog', { name: 'Import annotations' });
    await expect(dialog).toBeVisible();
    await dialog.getByLabel('File').setInputFiles({
      name: 'interviews.qdpx',
      mimeType: 'application/zip',
      buffer: qdpx,
    });
    await dialog.getByRole('button', { name: 'Import', exact: true }).click();
    const report = page.getByRole('dialog', { name: 'Annotations imported' });
    await expect(report).toBeVisible();
    return report;
  };

  const report = await importOnce();
  await expect(report).toContainText(
    'Added 2 annotations from interviews.qdpx (REFI-QDA project).',
  );
  await expect(report.getByRole('region', { name: /Documents/ })).toContainText(
    'Added as a new document',
  );
  await expect(report.getByRole('region', { name: /Added to the codebook/ })).toContainText(
    'Places',
  );
  // The vendor's CRLF counting was detected and is stated.
  await expect(report.getByRole('region', { name: /Notes on the file/ })).toContainText(
    'a CRLF line break as two characters',
  );

  // The library lists the new document; its annotations sit on the right words.
  const [doc] = await gloss.call('listDocuments', {});
  expect(doc!.title).toBe('Interview 🙂 1');
  expect((await gloss.call('getDocument', { id: doc!.id })).text).toBe(TEXT);
  const annotations = await gloss.call('listAnnotations', { documentId: doc!.id });
  expect(annotations.map((a) => a.exact)).toEqual(['Київ готовий', 'Baku']);

  await report.getByRole('button', { name: 'Open Interview 🙂 1' }).click();
  // The reader shows the text, the two spans highlighted where the other tool put them.
  const article = page.getByRole('textbox', { name: /^Article/ });
  await expect(article).toContainText('Київ готовий до переговорів');
  await expect(article.locator('[data-annotation-id]', { hasText: 'Київ готовий' })).toBeVisible();
  await page.keyboard.press('Alt+ArrowLeft');
  await expect(page.getByRole('heading', { name: 'Library', exact: true })).toBeVisible();

  // The same file again: matched by its text, nothing added.
  const again = await importOnce();
  await expect(again).toContainText('Added 0 annotations');
  await expect(again).toContainText('2 annotations were already in the project.');
  await again.getByRole('button', { name: 'Close' }).click();
  expect(await gloss.call('listAnnotations', { documentId: doc!.id })).toHaveLength(2);
});

test('an unreadable file is refused in the dialog with the reason', async ({ page, gloss }) => {
  await page.goto(gloss.url);
  await page.getByRole('button', { name: 'Import options' }).click();
  await page.getByRole('button', { name: 'Import annotations…' }).click();
  const dialog = page.getByRole('dialog', { name: 'Import annotations' });
  await dialog.getByLabel('File').setInputFiles({
    name: 'notes.txt',
    mimeType: 'text/plain',
    buffer: Buffer.from('just some notes'),
  });
  await dialog.getByRole('button', { name: 'Import', exact: true }).click();
  await expect(dialog.getByRole('alert')).toContainText('does not recognise this file');
});

test('a copy of the whole project downloads as one SQLite file', async ({ page, gloss }) => {
  await gloss.call('importFiles', {
    files: [{ name: 'a.txt', data: Buffer.from('Київ 🙂 article').toString('base64') }],
  });
  await page.goto(gloss.url);
  await page.getByRole('button', { name: 'Import options' }).click();
  const downloading = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Download a copy of the project' }).click();
  const download = await downloading;
  expect(download.suggestedFilename()).toBe('project-copy.gloss');
  const bytes = await readFile((await download.path())!);
  expect(bytes.subarray(0, 15).toString()).toBe('SQLite format 3');
  await expect(
    page.getByRole('status').filter({ hasText: 'Saved a copy of the project' }),
  ).toBeVisible();
});
