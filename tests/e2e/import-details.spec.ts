import { expect, test } from './fixtures';
import type { GlossServer } from './fixtures';
import {
  chooseFiles,
  fixtureDir,
  htmlPage,
  misreadAsKoi8r,
  windows1251,
  writeFiles,
} from './import-helpers';

// Document details: where a document came from and how it was read, and "Re-import as…", which
// reads the kept original again with another encoding and moves the annotations that re-anchor.

const TEXT =
  'Сводка за 12 марта\n\nReport ID: ABC-123. Колонна вышла из Владикавказа на рассвете.\n';

async function annotate(gloss: GlossServer, documentId: string, text: string, quote: string) {
  const tags = await gloss.call('listTags', {});
  const claim = tags.find((t) => t.name === 'Claim' && t.parentId === null)!;
  const chars = Array.from(text);
  const quoted = Array.from(quote);
  const start = chars.findIndex((_, i) => quoted.every((c, j) => chars[i + j] === c));
  expect(start, `"${quote}" is in the text`).toBeGreaterThanOrEqual(0);
  return gloss.call('createAnnotation', {
    documentId,
    tagId: claim.id,
    start,
    end: start + quoted.length,
  });
}

test('details show the detected windows-1251, and a re-import as KOI8-R changes the text', async ({
  page,
  gloss,
}) => {
  test.setTimeout(45_000);
  const { dir, cleanup } = await fixtureDir();
  try {
    const bytes = windows1251(TEXT);
    const [file] = await writeFiles(dir, { 'svodka.txt': bytes });
    await page.goto(gloss.url);
    await chooseFiles(page, [file!]);
    await expect(page.getByRole('status').filter({ hasText: 'Imported 1 article' })).toBeVisible();
    const [summary] = await gloss.call('listDocuments', {});
    expect(summary?.title).toBe('Сводка за 12 марта');
    const original = await gloss.call('getDocument', { id: summary!.id });
    expect(original.text).toBe(TEXT);
    await annotate(gloss, summary!.id, original.text, 'ABC-123');
    await annotate(gloss, summary!.id, original.text, 'Колонна вышла');

    await page.getByRole('button', { name: `Open ${summary!.title}` }).click();
    await page.getByRole('button', { name: 'Document details' }).click();
    const details = page.getByRole('dialog', { name: 'Document details' });
    await expect(details).toBeVisible();
    await expect(details.getByRole('definition').filter({ hasText: 'windows-1251' })).toBeVisible();
    await expect(details).toContainText('svodka.txt');
    await expect(details).toContainText(summary!.sha256);
    await expect(details).toContainText('Original kept');

    await details.getByRole('combobox', { name: 'Re-import encoding' }).selectOption('koi8-r');
    await details.getByRole('button', { name: 'Re-import' }).click();
    const result = details.getByRole('status').filter({ hasText: 'Re-imported' });
    await expect(result).toContainText('1 annotation moved, 1 could not be re-anchored');
    await expect(result).toContainText('Колонна вышла');

    await details.getByRole('button', { name: 'Open new version' }).click();
    await expect(details).toBeHidden();
    const misread = misreadAsKoi8r(bytes);
    const versions = await gloss.call('listDocuments', {});
    const next = versions.find((d) => d.id !== summary!.id)!;
    const reread = await gloss.call('getDocument', { id: next.id });
    expect(reread.text).toBe(misread);
    expect(reread.provenance.encoding).toBe('koi8-r');
    await expect(page.getByRole('textbox', { name: `Article: ${next.title}` })).toContainText(
      misread.split('\n')[2]!.slice(0, 30),
    );
    // The moved annotation came along; its quote is pure ASCII, the same in both readings.
    const moved = await gloss.call('listAnnotations', { documentId: next.id });
    expect(moved.map((a) => a.exact)).toEqual(['ABC-123']);

    await page.getByRole('button', { name: 'Document details' }).click();
    await expect(details.getByRole('definition').filter({ hasText: 'koi8-r' })).toBeVisible();
  } finally {
    await cleanup();
  }
});

test('details show a web page’s byline, site, date and canonical address as plain text', async ({
  page,
  gloss,
}) => {
  const { dir, cleanup } = await fixtureDir();
  try {
    const [file] = await writeFiles(dir, {
      'crossing.html': htmlPage({
        title: 'Border crossing closed',
        byline: 'Nino Beridze',
        site: 'Caucasus Watch',
        published: '2024-03-12',
        canonical: 'https://example.org/news/border-crossing',
        lang: 'en',
        paragraphs: [
          'Officials said the border crossing at Upper Lars was closed for three days in March.',
          'Truck drivers reported queues of more than twenty kilometres on the Georgian side.',
        ],
      }),
    });
    await page.goto(gloss.url);
    await chooseFiles(page, [file!]);
    const row = page
      .getByRole('list', { name: 'Documents' })
      .getByRole('listitem')
      .filter({ hasText: 'Border crossing closed' });
    await expect(row).toContainText('HTML');
    await page.getByRole('button', { name: 'Open Border crossing closed' }).click();
    await page.getByRole('button', { name: 'Document details' }).click();
    const details = page.getByRole('dialog', { name: 'Document details' });
    await expect(details).toContainText('Nino Beridze');
    await expect(details).toContainText('Caucasus Watch');
    await expect(details).toContainText('2024');
    await expect(details).toContainText('https://example.org/news/border-crossing');
    // The address is text to copy, not a link that would leave the app.
    await expect(details.getByRole('link')).toHaveCount(0);
    await expect(details.getByRole('checkbox', { name: 'Re-import whole web page' })).toBeVisible();
    await page.keyboard.press('Escape');
    await expect(details).toBeHidden();
  } finally {
    await cleanup();
  }
});
