/**
 * Offsets are Unicode code points everywhere (DESIGN.md §3), while the page counts UTF-16 units
 * and the caret moves by user-perceived character. A document of the test's own, with emoji
 * (one and two code points per character), CJK and Cyrillic, saved with a BOM and CRLF line
 * ends, is tagged with the keyboard and the mouse; the exports and the project file must cut
 * every quote out of the stored text by code points — which slicing by UTF-16 would get wrong.
 */
import { writeFile } from 'node:fs/promises';
import { expect, test } from './fixtures';
import { articleBox, drawnLabels, selectWithKeyboard, selectWithMouse } from './helpers/article';
import { exportThroughDialog, parseCsv, parseJsonl } from './helpers/exports';
import { documentRows, importWithPicker, openButton } from './helpers/library';
import { storedAnnotations, storedDocumentTitles } from './helpers/project-db';
import { cardName, cpSlice, findPhrase, storedText, titleOf } from './helpers/text';

const LINES = [
  'Заметки 📝 о встрече в Токио',
  'Делегация прибыла 📍東京タワー в понедельник.',
  'Посол сказал: «мир начинается с диалога» 🙂 и уехал.',
  'На столе стоял флаг 🇺🇦 рядом с чашкой.',
];
// Saved as Windows Notepad would: a BOM and CRLF. Gloss stores the text without either.
const FILE_CONTENT = `\uFEFF${LINES.join('\r\n')}\r\n`;
const TEXT = storedText(FILE_CONTENT);
const TITLE = titleOf(TEXT);

/** Right after an emoji, no space between: the start must not split or swallow the emoji. */
const entity = findPhrase(TEXT, '東京タワー');
/** Ends with an emoji (two UTF-16 units, one code point). */
const opinion = findPhrase(TEXT, '«мир начинается с диалога» 🙂');
/** Holds a flag: one keypress, two code points, four UTF-16 units. */
const claim = findPhrase(TEXT, 'флаг 🇺🇦 рядом');
const tagged = [
  { label: 'Entity', phrase: entity },
  { label: 'Opinion', phrase: opinion },
  { label: 'Claim', phrase: claim },
];

test('emoji, CJK and Cyrillic: spans tagged by keyboard and mouse export in code points', async ({
  page,
  gloss,
}, testInfo) => {
  // The fixture itself must make the distinction this test is about.
  for (const { phrase } of tagged) {
    expect(phrase.start, 'an astral character comes before the span').toBeLessThan(
      phrase.utf16Start,
    );
  }
  const file = testInfo.outputPath('заметки-notes.txt');
  await writeFile(file, FILE_CONTENT, 'utf8');
  const article = articleBox(page, TITLE);

  await test.step('import the file and open it', async () => {
    await page.goto(gloss.url);
    await importWithPicker(page, [file]);
    await expect(documentRows(page)).toHaveCount(1);
    await openButton(page, TITLE).click();
    await expect(article).toContainText(opinion.quote);
  });

  await test.step('tag with the keyboard after an emoji and across a flag, and with the mouse', async () => {
    // Each tag is confirmed (its card shows) before the next selection starts.
    const card = (label: string, quote: string) =>
      page.getByRole('complementary', { name: 'Annotations' }).getByRole('button', {
        name: cardName(label, quote),
      });
    await selectWithKeyboard(page, article, entity);
    await page.keyboard.press('e');
    await expect(card('Entity', entity.quote)).toBeVisible();
    await selectWithMouse(page, article, opinion);
    await page.getByRole('button', { name: 'Tag as Opinion (O)' }).click();
    await expect(card('Opinion', opinion.quote)).toBeVisible();
    await selectWithKeyboard(page, article, claim);
    await page.keyboard.press('c');
    await expect(card('Claim', claim.quote)).toBeVisible();
    await expect
      .poll(() => drawnLabels(article))
      .toEqual(tagged.map(({ label, phrase }) => ({ label, text: phrase.quote })));
  });

  await test.step('the exports and the project file cut each quote by code points', async () => {
    const jsonl = await exportThroughDialog(page, 'JSONL', 'This document');
    const [record, ...others] = parseJsonl(jsonl.content);
    expect(others).toEqual([]);
    expect(record!.text, 'BOM dropped, CRLF to LF, nothing else').toBe(TEXT);
    expect(record!.title).toBe(TITLE);
    expect(
      record!.spans.map(({ label, start, end, quote }) => ({ label, start, end, quote })),
    ).toEqual(
      tagged.map(({ label, phrase: p }) => ({ label, start: p.start, end: p.end, quote: p.quote })),
    );
    for (const s of record!.spans) {
      expect(cpSlice(record!.text, s.start, s.end)).toBe(s.quote);
      expect(
        record!.text.slice(s.start, s.end),
        'UTF-16 slicing would not give the quote',
      ).not.toBe(s.quote);
    }

    const { rows } = parseCsv((await exportThroughDialog(page, 'CSV', 'This document')).content);
    expect(rows.map(({ tag, start, end, quote }) => ({ tag, start, end, quote }))).toEqual(
      tagged.map(({ label, phrase: p }) => ({
        tag: label,
        start: String(p.start),
        end: String(p.end),
        quote: p.quote,
      })),
    );

    const stored = storedAnnotations(gloss.projectPath);
    expect(stored.map(({ tag, start, end, exact }) => ({ tag, start, end, exact }))).toEqual(
      tagged.map(({ label, phrase: p }) => ({
        tag: label,
        start: p.start,
        end: p.end,
        exact: p.quote,
      })),
    );
  });

  await test.step('delete the document behind its confirmation', async () => {
    await page.getByRole('button', { name: 'Library', exact: true }).click();
    await page.getByRole('button', { name: `Delete ${TITLE}`, exact: true }).click();
    const confirm = page.getByRole('dialog', { name: 'Delete document?' });
    await expect(confirm).toContainText(TITLE);
    await confirm.getByRole('button', { name: 'Cancel' }).click();
    await expect(confirm).toBeHidden();
    await expect(documentRows(page)).toHaveCount(1);

    await page.getByRole('button', { name: `Delete ${TITLE}`, exact: true }).click();
    await confirm.getByRole('button', { name: 'Delete', exact: true }).click();
    await expect(page.getByRole('heading', { name: 'Your library is empty' })).toBeVisible();
    expect(storedDocumentTitles(gloss.projectPath)).toEqual([]);
    await page.reload();
    await expect(page.getByRole('heading', { name: 'Your library is empty' })).toBeVisible();
  });
});
