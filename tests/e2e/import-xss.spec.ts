import type { Page } from '@playwright/test';
import type { GlossDocument } from '../../core/domain';
import { assertInert, XSS_PAYLOADS } from '../xss/payloads';
import { expect, test } from './fixtures';
import type { GlossServer } from './fixtures';
import {
  chooseFiles,
  docxFile,
  fixtureDir,
  htmlPage,
  pasteInto,
  resultsDialog,
  watchForEscapes,
  writeFiles,
} from './import-helpers';
import type { DocxPart } from './import-helpers';

// Hostile content through every way in — web pages, a Word document, the clipboard — then opened
// in the reader. Nothing may run (no __glossXss call, no alert), nothing may be fetched from
// anywhere but the app, and what is stored must be inert data.

/** Elements the reader's article may contain: its schema's output and annotation spans. */
const ARTICLE_TAGS = new Set(
  'div p h1 h2 h3 h4 h5 h6 blockquote pre code br em strong a span'.split(' '),
);

/** Checks the open article's DOM: only schema elements, only safe link targets, no handlers. */
async function expectArticleInert(page: Page, where: string): Promise<void> {
  const problems = await page.evaluate(
    (allowed) => {
      const root = document.querySelector('.article-mount');
      if (!root) return ['no article is shown'];
      const found: string[] = [];
      for (const el of Array.from(root.querySelectorAll('*'))) {
        const tag = el.tagName.toLowerCase();
        // ProseMirror's own caret helper: an image without a source.
        const separator = tag === 'img' && el.classList.contains('ProseMirror-separator');
        if (!allowed.includes(tag) && !separator) found.push(`<${tag}>`);
        if (separator && el.hasAttribute('src')) found.push('an image with a source');
        for (const attr of Array.from(el.attributes)) {
          if (/^on/i.test(attr.name)) found.push(`${tag}[${attr.name}]`);
          if (['src', 'srcset', 'srcdoc', 'formaction', 'xlink:href'].includes(attr.name)) {
            found.push(`${tag}[${attr.name}]`);
          }
        }
        if (tag === 'a') {
          const href = el.getAttribute('href');
          if (href !== null && !/^(https?:\/\/|mailto:)/i.test(href)) found.push(`a[href=${href}]`);
        }
      }
      return found;
    },
    [...ARTICLE_TAGS],
  );
  expect(problems, `${where}: the article shows only safe elements`).toEqual([]);
}

/**
 * Titles and visible text name payloads by number, never by name: names like "img-onerror" hold
 * the very markers (XSS_MARKERS) whose presence in a stored text betrays a leak.
 */
const pageTitle = (i: number) => `Hostile page ${i + 1}`;
const pasteTitle = (i: number) => `Hostile paste ${i + 1}`;

/** Opens a document from the library, checks its article, and goes back. */
async function openAndCheck(page: Page, title: string, where: string): Promise<void> {
  await page.getByRole('button', { name: `Open ${title}`, exact: true }).click();
  await expect(page.getByRole('textbox', { name: `Article: ${title}`, exact: true })).toBeVisible();
  await expectArticleInert(page, where);
  await page.getByRole('button', { name: 'Library', exact: true }).click();
  await expect(page.getByRole('heading', { name: 'Library', exact: true })).toBeVisible();
}

async function storedDocuments(gloss: GlossServer): Promise<GlossDocument[]> {
  const list = await gloss.call('listDocuments', {});
  return Promise.all(list.map((d) => gloss.call('getDocument', { id: d.id })));
}

/** Links a document keeps must be web or mail addresses; the payloads' URLs never survive. */
function expectSafeLinks(doc: GlossDocument, where: string): void {
  for (const block of doc.blocks) {
    for (const mark of block.marks ?? []) {
      if (mark.href === undefined) continue;
      expect(mark.href, `${where}: link target`).toMatch(/^(https?:\/\/|mailto:)/i);
      expect(['http:', 'https:', 'mailto:'], `${where}: ${mark.href}`).toContain(
        new URL(mark.href).protocol,
      );
    }
  }
}

test('every payload as a web page: imported inert, opened in the reader, nothing runs', async ({
  page,
  gloss,
}) => {
  test.setTimeout(300_000);
  const escapes = await watchForEscapes(page, gloss.origin);
  const { dir, cleanup } = await fixtureDir();
  try {
    const files = await writeFiles(
      dir,
      Object.fromEntries(
        XSS_PAYLOADS.map((p, i) => [
          `${p.name}.html`,
          htmlPage({
            title: pageTitle(i),
            paragraphs: [
              `This page carries payload number ${i + 1} between two ordinary paragraphs.`,
              'Analysts import pages like this one every day, and nothing in them may run.',
            ],
            extraBody: `${p.html}\n<p>The article goes on after payload number ${i + 1}.</p>`,
          }),
        ]),
      ),
    );
    await page.goto(gloss.url);
    await chooseFiles(page, files);
    await expect(resultsDialog(page)).toBeVisible({ timeout: 120_000 });
    await expect(resultsDialog(page)).toContainText(`${XSS_PAYLOADS.length} imported`);
    await page.keyboard.press('Escape');

    const docs = await storedDocuments(gloss);
    expect(docs).toHaveLength(XSS_PAYLOADS.length);
    for (const doc of docs) {
      assertInert(doc, `${doc.title} (web page)`);
      expectSafeLinks(doc, doc.title);
      await openAndCheck(page, doc.title, `${doc.title} (web page)`);
    }
    expect(escapes).toEqual({ calls: [], dialogs: [], foreign: [] });
  } finally {
    await cleanup();
  }
});

test('payloads as the text and link targets of a Word document stay text', async ({
  page,
  gloss,
}) => {
  test.setTimeout(120_000);
  const escapes = await watchForEscapes(page, gloss.origin);
  const { dir, cleanup } = await fixtureDir();
  try {
    const paragraphs: DocxPart[][] = XSS_PAYLOADS.flatMap((p, i) => [
      [`Payload ${i + 1} as text: `, p.html],
      [
        'Links: ',
        { text: `run ${i + 1}`, link: `javascript:window.__glossXss('docx-${p.name}')` },
        ' and ',
        { text: `fetch ${i + 1}`, link: `http://xss.invalid/docx-${i + 1}` },
        ' and ',
        { text: `data ${i + 1}`, link: `data:text/html,<script>window.__glossXss('d')</script>` },
      ],
    ]);
    const [file] = await writeFiles(dir, {
      'payloads.docx': await docxFile('Hostile Word document', paragraphs),
    });
    await page.goto(gloss.url);
    await chooseFiles(page, [file!]);
    await expect(page.getByRole('status').filter({ hasText: 'Imported 1 article' })).toBeVisible({
      timeout: 30_000,
    });
    const [doc] = await storedDocuments(gloss);
    // The payloads are the document's own words here: kept as text, never as markup or links.
    expect(doc!.text).toContain(XSS_PAYLOADS[0]!.html);
    expectSafeLinks(doc!, 'docx');
    await openAndCheck(page, doc!.title, 'docx');
    // Text that looks like markup is shown as characters, not parsed.
    await page.getByRole('button', { name: `Open ${doc!.title}`, exact: true }).click();
    const article = page.getByRole('textbox', { name: `Article: ${doc!.title}`, exact: true });
    await expect(article).toContainText('<script>');
    expect(escapes).toEqual({ calls: [], dialogs: [], foreign: [] });
  } finally {
    await cleanup();
  }
});

test('every payload pasted as HTML becomes an inert document', async ({ page, gloss }) => {
  test.setTimeout(300_000);
  const escapes = await watchForEscapes(page, gloss.origin);
  await page.goto(gloss.url);
  await expect(page.getByRole('heading', { name: 'Library', exact: true })).toBeVisible();
  const dialog = page.getByRole('dialog', { name: 'Paste as new document' });
  for (const [i, payload] of XSS_PAYLOADS.entries()) {
    const title = pasteTitle(i);
    await page.keyboard.press('Control+Shift+V');
    await expect(dialog).toBeVisible();
    await pasteInto(dialog.getByRole('textbox', { name: 'Paste here' }), {
      'text/html': `<p>Copied from page ${i + 1}.</p>${payload.html}<p>End of page ${i + 1}.</p>`,
      'text/plain': `Copied from page ${i + 1}.\n\nEnd of page ${i + 1}.`,
    });
    await dialog.getByRole('textbox', { name: 'Title' }).fill(title);
    await dialog.getByRole('button', { name: 'Import' }).click();
    // The new document opens in the reader.
    await expect(
      page.getByRole('textbox', { name: `Article: ${title}`, exact: true }),
    ).toBeVisible();
    await expectArticleInert(page, `${payload.name} (pasted)`);
    await page.getByRole('button', { name: 'Library', exact: true }).click();
    await expect(page.getByRole('heading', { name: 'Library', exact: true })).toBeVisible();
  }
  const docs = await storedDocuments(gloss);
  expect(docs).toHaveLength(XSS_PAYLOADS.length);
  for (const doc of docs) {
    assertInert(doc, `${doc.title} (pasted)`);
    expectSafeLinks(doc, doc.title);
  }
  expect(escapes).toEqual({ calls: [], dialogs: [], foreign: [] });
});
