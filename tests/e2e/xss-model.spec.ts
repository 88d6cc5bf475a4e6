import type { Page } from '@playwright/test';
import { ROOT_TAGS } from '../../core/codebook';
import { GlossError } from '../../core/errors';
import { XSS_PAYLOADS } from '../xss/payloads';
import { expect, test } from './fixtures';
import type { GlossServer } from './fixtures';
import { watchForEscapes } from './import-helpers';

// The XSS corpus stored through the API in everything an analyst types or a codebook file
// brings: tag names and descriptions, entity names, aliases and descriptions, annotation notes,
// memos, relation types and notes, document details. Then every view that shows them is opened
// (library, reader with its panels, entities, codebook, memos, search): no payload may run, no
// request may leave, and the page may hold no element or attribute that could run script.

const base64 = (text: string): string => Buffer.from(text, 'utf8').toString('base64');
const [CLAIM, ENTITY] = ROOT_TAGS.map((tag) => tag.id) as [string, string];
const TITLE = 'Hostile case file';
/** Every stored text starts with it, so one search finds them all. */
const WORD = 'hostile';

/** Stores one value; a value the API refuses (too long for a name, say) is counted, not fatal. */
async function store<T>(
  call: () => Promise<T>,
  refused: string[],
  what: string,
): Promise<T | null> {
  try {
    return await call();
  } catch (error) {
    if (error instanceof GlossError && error.code === 'invalid_argument') {
      refused.push(what);
      return null;
    }
    throw error;
  }
}

async function storePayloads(gloss: GlossServer): Promise<{ stored: number; refused: string[] }> {
  const refused: string[] = [];
  let stored = 0;
  const text = XSS_PAYLOADS.map(
    (_, i) => `Sentence ${i + 1} of the case, quoted by analysts.`,
  ).join(' ');
  const [outcome] = await gloss.call('importFiles', {
    files: [{ name: 'case.txt', data: base64(text) }],
  });
  if (outcome?.status !== 'imported') throw new Error(`import failed: ${JSON.stringify(outcome)}`);
  const documentId = outcome.document.id;
  const details = `${WORD} ${XSS_PAYLOADS[0]!.html}`.slice(0, 1000);
  await gloss.call('updateDocumentDetails', {
    id: documentId,
    title: TITLE,
    author: details,
    outlet: `${WORD} ${XSS_PAYLOADS[1]!.html}`.slice(0, 1000),
  });
  const annotationIds: string[] = [];
  for (const [i, payload] of XSS_PAYLOADS.entries()) {
    const html = payload.html;
    const tag = await store(
      () =>
        gloss.call('createTag', {
          parentId: i % 2 ? CLAIM : ENTITY,
          name: `${WORD} ${i} ${html}`.slice(0, 120),
          description: `${WORD} ${html}`,
        }),
      refused,
      `tag ${i}`,
    );
    const entity = await store(
      () =>
        gloss.call('createEntity', {
          name: `${WORD} ${i} ${html}`.slice(0, 300),
          aliases: [html.slice(0, 300), `${WORD} alias ${i}`],
          description: `${WORD} ${html}`,
        }),
      refused,
      `entity ${i}`,
    );
    const start = text.indexOf(`Sentence ${i + 1} `);
    const annotation = await store(
      () =>
        gloss.call('createAnnotation', {
          documentId,
          tagId: tag?.id ?? CLAIM,
          start: [...text.slice(0, start)].length,
          end: [...text.slice(0, start)].length + 8,
          note: `${WORD} note ${i}: ${html}`,
          ...(entity && i % 2 === 0 ? { entityId: entity.id } : {}),
        }),
      refused,
      `annotation ${i}`,
    );
    if (annotation) annotationIds.push(annotation.id);
    await store(
      () =>
        gloss.call('createMemo', {
          documentId: i % 2 ? documentId : null,
          body: `${WORD} memo ${i}: ${html}`,
        }),
      refused,
      `memo ${i}`,
    );
    const type = await store(
      () => gloss.call('createRelationType', { name: `${i} ${html}`.slice(0, 60) }),
      refused,
      `relation type ${i}`,
    );
    if (type && annotationIds.length >= 2) {
      await store(
        () =>
          gloss.call('createRelation', {
            typeId: type.id,
            sourceId: annotationIds.at(-1)!,
            targetId: annotationIds.at(-2)!,
            note: `${WORD} ${html}`,
          }),
        refused,
        `relation ${i}`,
      );
    }
    stored++;
  }
  return { stored, refused };
}

/** Elements and attributes that could run script or load something, anywhere in the page. */
async function expectPageInert(page: Page, where: string): Promise<void> {
  const problems = await page.evaluate(() => {
    const found: string[] = [];
    const urlAttributes = [
      'href',
      'src',
      'action',
      'formaction',
      'xlink:href',
      'data',
      'poster',
      'background',
      'srcset',
    ];
    for (const el of Array.from(document.querySelectorAll('*'))) {
      const tag = el.tagName.toLowerCase();
      if (
        ['iframe', 'frame', 'frameset', 'object', 'embed', 'applet', 'base', 'portal'].includes(tag)
      )
        found.push(`<${tag}>`);
      if (tag === 'script') {
        const src = el.getAttribute('src') ?? '';
        const ours =
          el.closest('head') &&
          new URL(src, location.href).origin === location.origin &&
          src !== '';
        if (!ours) found.push(`<script ${src}>`);
      }
      if (tag === 'meta' && el.hasAttribute('http-equiv')) found.push('<meta http-equiv>');
      for (const attr of Array.from(el.attributes)) {
        const name = attr.name.toLowerCase();
        const value = attr.value.trim().toLowerCase();
        if (name.startsWith('on')) found.push(`${tag}[${name}]`);
        if (name === 'srcdoc') found.push(`${tag}[srcdoc]`);
        if (
          urlAttributes.includes(name) &&
          /^(javascript|vbscript|data:(?!image\/(png|gif|jpeg|webp);))/.test(value)
        ) {
          found.push(`${tag}[${name}=${value.slice(0, 40)}]`);
        }
      }
    }
    return found;
  });
  expect(problems, `${where}: nothing in the page can run or load anything`).toEqual([]);
}

test('payloads stored in the analyst model stay inert in every view', async ({ page, gloss }) => {
  test.setTimeout(180_000);
  page.setDefaultTimeout(15_000);
  const escapes = await watchForEscapes(page, gloss.origin);
  const { stored, refused } = await storePayloads(gloss);
  expect(stored).toBe(XSS_PAYLOADS.length);
  expect(XSS_PAYLOADS.length).toBeGreaterThanOrEqual(50);
  // Names have length limits; everything else must have taken every payload.
  expect(refused.filter((what) => !/^(tag|relation type) /.test(what))).toEqual([]);

  await page.goto(gloss.url);
  await expect(page.getByRole('heading', { level: 1, name: 'Library' })).toBeVisible();
  await expectPageInert(page, 'library');

  await test.step('memos of the project', async () => {
    await page.getByRole('button', { name: 'Memos', exact: true }).click();
    await expect(page.getByText(`${WORD} memo 0`, { exact: false }).first()).toBeVisible();
    await expectPageInert(page, 'project memos');
    await page.getByRole('button', { name: 'Memos', exact: true }).click();
  });

  await test.step('codebook', async () => {
    await page.getByRole('button', { name: 'Codebook', exact: true }).click();
    await expect(page.getByRole('dialog')).toBeVisible();
    await expect(
      page.getByRole('dialog').getByText(`${WORD} 1 `, { exact: false }).first(),
    ).toBeVisible();
    await expectPageInert(page, 'codebook');
    await page.keyboard.press('Escape');
  });

  await test.step('entities', async () => {
    await page.getByRole('button', { name: 'Entities', exact: true }).click();
    const list = page.getByRole('list', { name: 'Entities' });
    await expect(list).toBeVisible();
    await expectPageInert(page, 'entities');
    await list.getByRole('listitem').first().click();
    await page.waitForTimeout(500);
    await expectPageInert(page, 'an entity page');
    await page.keyboard.press('Alt+ArrowLeft');
    await expect(page.getByRole('heading', { level: 1, name: 'Library' })).toBeVisible();
  });

  await test.step('reader', async () => {
    // By keyboard: the document's row is crowded with the chips of its fifty hostile tags.
    await page.getByRole('searchbox', { name: 'Filter documents' }).fill(TITLE);
    await page.keyboard.press('Enter');
    await expect(
      page.getByRole('textbox', { name: `Article: ${TITLE}`, exact: true }),
    ).toBeVisible();
    await expect(page.getByText(`${WORD} note 0`, { exact: false }).first()).toBeVisible();
    await expectPageInert(page, 'reader');
    // Hovering the spans shows their cards (tag, entity, note).
    const spans = page.locator('[data-annotation-id]');
    for (let n = 0; n < Math.min(5, await spans.count()); n++) await spans.nth(n).hover();
    await expectPageInert(page, 'reader with hover cards');
    await page.keyboard.press('Control+Shift+M');
    await page.waitForTimeout(500);
    await expectPageInert(page, 'reader with its memos');
  });

  await test.step('search', async () => {
    await page.keyboard.press('Control+Shift+F');
    const box = page
      .getByRole('searchbox')
      .or(page.getByPlaceholder(/Search quotes/))
      .first();
    await box.fill(WORD);
    await page.keyboard.press('Enter');
    // The hits show the payloads as text, the search word highlighted around them.
    const dialog = page.getByRole('dialog', { name: 'Search the project' });
    await expect(dialog.locator('mark').first()).toBeVisible();
    await expect(dialog.getByText('__glossXss', { exact: false }).first()).toBeVisible();
    await expectPageInert(page, 'search results');
  });

  expect(escapes.calls, 'no payload ran').toEqual([]);
  expect(escapes.dialogs, 'no payload opened a dialog').toEqual([]);
  expect(escapes.foreign, 'no request left the app').toEqual([]);
});
