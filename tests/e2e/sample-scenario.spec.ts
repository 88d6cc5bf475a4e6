/**
 * The foundation issue's scenario, end to end in browser mode, as one analyst's session on the
 * shared sample article: import (with a bad file in the batch, and a second document dropped on
 * the window), filter, tag with the mouse and the keyboard, note, undo and redo, reload, export,
 * and finally the project file itself. Every expectation is computed from the sample's text.
 */
import type { Locator, Page } from '@playwright/test';
import { expect, test } from './fixtures';
import {
  annotationsOver,
  articleBox,
  drawnLabels,
  highlights,
  selectWithKeyboard,
  selectWithMouse,
} from './helpers/article';
import { exportThroughDialog, parseCsv, parseJsonl, spreadsheetSafe } from './helpers/exports';
import {
  documentRows,
  dropFiles,
  expectImportReport,
  importWithPicker,
  openButton,
} from './helpers/library';
import { storedAnnotations } from './helpers/project-db';
import { cardName, cpSlice, findPhrase, readSample, sentenceStartingWith } from './helpers/text';

const sample = readSample();
const claim = findPhrase(
  sample.text,
  sentenceStartingWith(sample.text, 'Baku’s authorities managed to maintain friendly ties'),
);
// The sample names Moscow twice; the entity is the one inside the claim.
const entity = findPhrase(sample.text, 'Moscow', claim.utf16Start);
const opinion = findPhrase(
  sample.text,
  'an act of occupation and a clear threat to the territorial integrity of another sovereign country',
);
/** All three, in text order, as the panel and the exports list them. */
const tagged = [
  { tag: 'Claim', phrase: claim },
  { tag: 'Entity', phrase: entity },
  { tag: 'Opinion', phrase: opinion },
];

// Starts with "-" (a spreadsheet would run it as a formula) and holds a comma, quotes and a
// newline: everything a CSV writer must quote or guard.
const NOTE = '- check against the AZTV transcript, "Hafta" of 24 Oct 2022\nsecond source: CPC';

// A second document, dropped on the window; its title has a diacritic the filter folds away.
const SECOND = {
  name: 'zurich-briefing.txt',
  title: 'Zürich briefing notes',
  text: 'Zürich briefing notes\nThe meeting in Zürich was postponed to Thursday.\n',
};

function panel(page: Page): Locator {
  return page.getByRole('complementary', { name: 'Annotations' });
}

/** The annotation cards of the side panel (named "{Tag}: {quote}"). */
function cards(page: Page): Locator {
  return panel(page).getByRole('button', { name: /^(Claim|Entity|Opinion): / });
}

function card(page: Page, tag: string, quote: string): Locator {
  return panel(page).getByRole('button', { name: cardName(tag, quote) });
}

async function expectCards(page: Page, expected: { tag: string; quote: string }[]) {
  await expect(cards(page)).toHaveCount(expected.length);
  for (const [i, { tag, quote }] of expected.entries()) {
    await expect(cards(page).nth(i)).toHaveAccessibleName(cardName(tag, quote));
  }
}

const all = tagged.map(({ tag, phrase }) => ({ tag, quote: phrase.quote }));
const allDrawn = tagged.map(({ tag, phrase }) => ({ label: tag, text: phrase.quote }));

test('an analyst imports, tags, notes, undoes, reloads and exports the sample', async ({
  page,
  gloss,
}) => {
  test.setTimeout(60_000);
  expect(entity.start > claim.start && entity.end < claim.end, 'Moscow lies inside the claim').toBe(
    true,
  );
  const article = articleBox(page, sample.title);
  const saveStatus = page.getByRole('status', { name: 'Save status' });

  await test.step('import the sample with a bad file and an empty one in the same batch', async () => {
    await page.goto(gloss.url);
    await expect(page.getByRole('heading', { name: 'Library', exact: true })).toBeVisible();
    await expect(page.getByRole('heading', { name: 'Your library is empty' })).toBeVisible();
    await importWithPicker(page, [
      { name: 'scan.pdf', mimeType: 'application/pdf', buffer: Buffer.from('%PDF-1.7\n%\xE2\n') },
      { name: sample.fileName, mimeType: 'text/plain', buffer: Buffer.from(sample.content) },
      { name: 'empty.txt', mimeType: 'text/plain', buffer: Buffer.alloc(0) },
    ]);
    await expectImportReport(page, {
      imported: [sample.title],
      failed: ['scan.pdf', 'empty.txt'],
      notFailed: [sample.fileName],
    });
    await expect(documentRows(page)).toHaveCount(1);
    await expect(openButton(page, sample.title)).toBeVisible();
  });

  await test.step('drop a second document on the window, then filter the library', async () => {
    await dropFiles(page, [{ name: SECOND.name, type: 'text/plain', content: SECOND.text }]);
    await expect(documentRows(page)).toHaveCount(2);
    await expect(openButton(page, SECOND.title)).toBeVisible();

    const filter = page.getByRole('searchbox', { name: 'Filter documents' });
    await filter.fill('zurich');
    await expect(documentRows(page)).toHaveCount(1);
    await expect(openButton(page, SECOND.title)).toBeVisible();
    await expect(page.getByText('1 of 2 documents')).toBeVisible();
    // A word from the sample's title, typed in another case.
    await filter.fill(sample.title.split(' ')[0]!.toUpperCase());
    await expect(documentRows(page)).toHaveCount(1);
    await expect(openButton(page, sample.title)).toBeVisible();
    await filter.fill('no such title');
    await expect(documentRows(page)).toHaveCount(0);
    await expect(page.getByText('No documents match “no such title”.')).toBeVisible();
    await filter.fill('');
    await expect(documentRows(page)).toHaveCount(2);
  });

  await test.step('tag the claim with the mouse, the entity and the opinion with keys', async () => {
    await openButton(page, sample.title).click();
    await expect(article).toBeVisible();
    await expect(article).toContainText(claim.quote);
    const claimButton = page.getByRole('button', { name: 'Tag as Claim (C)' });
    await expect(claimButton).toBeDisabled();
    await expect(page.getByRole('button', { name: 'Tag as Entity (E)' })).toBeDisabled();
    await expect(page.getByRole('button', { name: 'Tag as Opinion (O)' })).toBeDisabled();

    await selectWithMouse(page, article, claim);
    await expect(claimButton).toBeEnabled();
    await claimButton.click();
    await expectCards(page, all.slice(0, 1));
    await expect(claimButton).toBeDisabled(); // Tagging collapses the selection.

    await selectWithKeyboard(page, article, entity);
    await page.keyboard.press('e');
    await expectCards(page, all.slice(0, 2));

    await selectWithKeyboard(page, article, opinion);
    await page.keyboard.press('o');
    await expectCards(page, all);
    await expect(saveStatus).toHaveText('Saved');

    await expect.poll(() => drawnLabels(article)).toEqual(allDrawn);
    // Nested: Moscow is covered by two distinct annotations, the claim and the entity.
    const overMoscow = await annotationsOver(article, entity);
    expect(overMoscow.map((a) => a.label)).toEqual(['Claim', 'Entity']);
    expect(new Set(overMoscow.map((a) => a.id)).size).toBe(2);
  });

  await test.step('undo and redo the opinion with Ctrl+Z, Ctrl+Shift+Z and Ctrl+Y', async () => {
    const before = await highlights(article);
    const opinionId = before.find((h) => h.label === 'Opinion')!.id;
    const live = () => storedAnnotations(gloss.projectPath).map((a) => a.tag);
    await page.keyboard.press('Control+z');
    await expectCards(page, all.slice(0, 2));
    await expect.poll(() => drawnLabels(article)).toEqual(allDrawn.slice(0, 2));
    await expect.poll(live).toEqual(['Claim', 'Entity']);

    await page.keyboard.press('Control+Shift+z');
    await expectCards(page, all);
    await expect.poll(() => drawnLabels(article)).toEqual(allDrawn);
    await expect.poll(live).toEqual(['Claim', 'Entity', 'Opinion']);

    await page.keyboard.press('Control+z');
    await expectCards(page, all.slice(0, 2));
    await page.keyboard.press('Control+y');
    await expectCards(page, all);
    // Redo brings back the same annotation (same id), not a copy of it.
    await expect
      .poll(async () => (await highlights(article)).find((h) => h.label === 'Opinion')?.id)
      .toBe(opinionId);
  });

  await test.step('write a note on the claim; it saves by itself', async () => {
    await card(page, 'Claim', claim.quote).click();
    const note = panel(page).getByRole('textbox', { name: 'Note' });
    await note.fill(NOTE);
    // No blur, no Ctrl+Enter: the note must reach the project file on its own.
    await expect
      .poll(() => storedAnnotations(gloss.projectPath).find((a) => a.tag === 'Claim')?.note)
      .toBe(NOTE);
    await expect(saveStatus).toHaveText('Saved');
  });

  await test.step('retag the entity, then undo and redo with the buttons', async () => {
    await card(page, 'Entity', entity.quote).click();
    await panel(page).getByRole('combobox', { name: 'Tag' }).selectOption({ label: 'Opinion' });
    const retagged = [all[0]!, { tag: 'Opinion', quote: entity.quote }, all[2]!];
    await expectCards(page, retagged);
    await expect
      .poll(async () => (await annotationsOver(article, entity)).map((a) => a.label))
      .toEqual(['Claim', 'Opinion']);

    const undo = page.getByRole('button', { name: 'Undo', exact: true });
    const redo = page.getByRole('button', { name: 'Redo', exact: true });
    await undo.click();
    await expectCards(page, all);
    await expect.poll(() => drawnLabels(article)).toEqual(allDrawn);
    await expect(redo).toBeEnabled();
    await redo.click();
    await expectCards(page, retagged);
    await undo.click();
    await expectCards(page, all);
    await expect.poll(() => drawnLabels(article)).toEqual(allDrawn);
    await expect(saveStatus).toHaveText('Saved');
  });

  await test.step('reload: the document, its annotations and the note are still there', async () => {
    await page.reload();
    await expect(article).toBeVisible();
    await expectCards(page, all);
    await expect.poll(() => drawnLabels(article)).toEqual(allDrawn);
    await card(page, 'Claim', claim.quote).click();
    await expect(panel(page).getByRole('textbox', { name: 'Note' })).toHaveValue(NOTE);
  });

  await test.step('export JSONL (whole project) and CSV (this document)', async () => {
    const jsonl = await exportThroughDialog(page, 'JSONL', 'Whole project');
    expect(jsonl.fileName).toMatch(/\.jsonl$/);
    await expect(page.getByRole('status').filter({ hasText: 'Exported' })).toContainText(
      'Exported 3 annotations from 2 documents',
    );
    const records = parseJsonl(jsonl.content);
    expect(records.map((r) => r.title).sort()).toEqual([sample.title, SECOND.title].sort());
    expect(records.find((r) => r.title === SECOND.title)).toMatchObject({
      text: SECOND.text,
      spans: [],
    });
    const record = records.find((r) => r.title === sample.title)!;
    expect(record.text, 'the stored text is the file, verbatim').toBe(sample.text);
    expect(
      record.spans.map(({ label, start, end, quote }) => ({ label, start, end, quote })),
    ).toEqual(
      tagged.map(({ tag, phrase: p }) => ({
        label: tag,
        start: p.start,
        end: p.end,
        quote: p.quote,
      })),
    );
    for (const s of record.spans) {
      expect(cpSlice(record.text, s.start, s.end), `${s.label} offsets`).toBe(s.quote);
    }
    expect(record.label).toEqual(record.spans.map((s) => [s.start, s.end, s.label]));
    expect(record.spans.map((s) => s.note)).toEqual([NOTE, '', '']);

    const csv = await exportThroughDialog(page, 'CSV', 'This document');
    expect(csv.fileName).toMatch(/\.csv$/);
    const { rows } = parseCsv(csv.content);
    expect(rows).toHaveLength(3);
    for (const [i, row] of rows.entries()) {
      const { tag, phrase } = tagged[i]!;
      expect(row).toMatchObject({
        annotation_id: record.spans[i]!.id,
        document_title: sample.title,
        tag,
        start: String(phrase.start),
        end: String(phrase.end),
        quote: spreadsheetSafe(phrase.quote),
        note: i === 0 ? spreadsheetSafe(NOTE) : '',
      });
      expect(cpSlice(sample.text, Number(row.start), Number(row.end))).toBe(phrase.quote);
    }
    expect(rows[0]!.note, 'a note starting with "-" is guarded').toBe(`'${NOTE}`);
  });

  await test.step('the project file holds the same three annotations', async () => {
    const stored = storedAnnotations(gloss.projectPath);
    expect(
      stored.map(({ documentTitle, tag, start, end, exact, note }) => ({
        documentTitle,
        tag,
        start,
        end,
        exact,
        note,
      })),
    ).toEqual(
      tagged.map(({ tag, phrase }, i) => ({
        documentTitle: sample.title,
        tag,
        start: phrase.start,
        end: phrase.end,
        exact: phrase.quote,
        note: i === 0 ? NOTE : '',
      })),
    );
    for (const a of stored) expect(cpSlice(a.text, a.start, a.end)).toBe(a.exact);
  });
});
