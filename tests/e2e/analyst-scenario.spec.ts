/**
 * Issue 4 as one analyst's session on the sample article, from the keyboard alone: build a small
 * codebook (a sub-tag with a hotkey and an attribute), tag Rovshan Mammadov's statements as
 * claims graded with the Admiralty code and attributed to his entity, link "Ceyhun" and "Jeyhun
 * Mammadov" as one entity through the alias suggestion, relate the two claims, write a note and
 * a document memo, edit the document's details, cut the closing sales pitch in "Edit text"
 * (leaving its annotation an orphan), reload, and find every piece of it again — the undo
 * history too; then export JSONL and read the model back out of it.
 *
 * The mouse is never touched: the "done when" is that all of it can be recorded without
 * leaving the keyboard. The file chooser is the operating system's, answered as a person would.
 */
import { CLAIM_TAG_ID } from '../../core/codebook';
import { expect, test } from './fixtures';
import {
  ATTRIBUTE,
  card,
  cardItem,
  ceyhun,
  crime,
  editedText,
  expectJsonlExport,
  expectOrphan,
  expectRelation,
  jeyhun,
  MEMO,
  NOTE,
  occupation,
  OUTLET,
  panel,
  PITCH_START,
  pitchClaim,
  rovshan,
  sample,
  SUBTAG,
} from './helpers/analyst-story';
import { articleBox, drawnLabels, selectedText } from './helpers/article';
import { chooseAtCaret, selectByKeys, tabTo } from './helpers/keyboard';
import { openButton } from './helpers/library';
import { storedAnnotations } from './helpers/project-db';
import type { Phrase } from './helpers/text';
import { cardName } from './helpers/text';

test('an analyst records the whole model of issue 4 from the keyboard, and it all survives a reload', async ({
  page,
  gloss,
}) => {
  test.setTimeout(240_000);
  const article = articleBox(page, sample.title);
  const saveStatus = page.getByRole('status', { name: 'Save status' });
  const codebook = page.getByRole('dialog', { name: 'Codebook' });
  const treeItem = (name: string) => codebook.getByRole('treeitem', { name, exact: true });

  await test.step('import the sample with Ctrl+O and open it from the filter', async () => {
    await page.goto(gloss.url);
    await expect(page.getByRole('heading', { name: 'Library', exact: true })).toBeVisible();
    const chooser = page.waitForEvent('filechooser');
    await page.keyboard.press('Control+o');
    await (
      await chooser
    ).setFiles({
      name: sample.fileName,
      mimeType: 'text/plain',
      buffer: Buffer.from(sample.content),
    });
    await expect(openButton(page, sample.title)).toBeVisible();
  });

  await test.step('codebook: a sub-tag of Claim with hotkey K and a choice attribute', async () => {
    await page.keyboard.press('Control+Shift+K');
    await expect(codebook).toBeVisible();
    // The tree has the focus, on its first root.
    await expect(treeItem('Claim (C)')).toBeFocused();
    await page.keyboard.press('Insert');
    const name = codebook.getByLabel('Name', { exact: true });
    await expect(name).toBeFocused();
    await page.keyboard.type(SUBTAG);
    await page.keyboard.press('Enter');
    await expect(treeItem(SUBTAG)).toHaveAttribute('aria-level', '2');

    // The palette is one stop of the Tab order: the arrows move in it, Space chooses.
    await page.keyboard.press('Tab');
    const palette = codebook.getByRole('radiogroup', { name: 'Colour' });
    await expect(palette.getByRole('radio', { checked: true })).toBeFocused();
    await page.keyboard.press('ArrowRight');
    await page.keyboard.press('ArrowRight');
    const colour = await page.evaluate(() => document.activeElement?.getAttribute('aria-label'));
    await page.keyboard.press('Space');
    await expect(palette.getByRole('radio', { name: colour!, checked: true })).toBeFocused();
    await page.keyboard.press('Tab');
    await expect(codebook.getByRole('textbox', { name: 'Colour as #rrggbb' })).toBeFocused();
    await page.keyboard.press('Tab');
    const hotkey = codebook.getByLabel('Hotkey');
    await expect(hotkey).toBeFocused();
    await page.keyboard.press('k');
    await expect(treeItem(`${SUBTAG} (K)`)).toBeVisible();

    await tabTo(page, codebook.getByRole('button', { name: 'Add attribute…' }));
    await page.keyboard.press('Enter');
    const form = codebook.getByRole('form', { name: 'New attribute' });
    await expect(form.getByLabel('Name', { exact: true })).toBeFocused();
    await page.keyboard.type(ATTRIBUTE);
    await page.keyboard.press('Tab');
    await expect(form.getByLabel('Type')).toBeFocused();
    await page.keyboard.type('Choice');
    await expect(form.getByLabel('Type')).toHaveValue('choice');
    await tabTo(page, form.getByLabel('Choices'));
    await page.keyboard.type('tv = Television\nprint = Print\nonline = Online');
    await tabTo(page, form.getByLabel('Description'));
    await page.keyboard.type('Where the statement was made');
    await page.keyboard.press('Enter');
    await expect(codebook.getByRole('status')).toHaveText(`Added “${ATTRIBUTE}”`);
    await expect(codebook.getByRole('region', { name: `Attributes of ${SUBTAG}` })).toContainText(
      'From Claim: Kind, Source reliability, Information credibility, Attributed to',
    );
    await page.keyboard.press('Escape');
    await expect(codebook).toBeHidden();

    const tags = await gloss.call('listTags', {});
    const official = tags.find((t) => t.name === SUBTAG);
    expect(official).toMatchObject({ parentId: CLAIM_TAG_ID, hotkey: 'k', color: colour });
    const defs = await gloss.call('listAttributeDefs', {});
    expect(defs.find((d) => d.name === ATTRIBUTE)).toMatchObject({
      tagId: official!.id,
      type: 'choice',
      choices: [
        { value: 'tv', label: 'Television' },
        { value: 'print', label: 'Print' },
        { value: 'online', label: 'Online' },
      ],
    });
  });

  await test.step('open the sample: the caret starts in the article', async () => {
    await page.keyboard.press('/');
    await page.keyboard.press('Enter');
    await expect(article).toBeVisible();
    await expect(article).toBeFocused();
  });

  await test.step('tag Rovshan Mammadov as a person and create his entity in the picker', async () => {
    await selectByKeys(page, article, sample.text, rovshan);
    await page.keyboard.press('p');
    await expect(card(page, 'Person', rovshan.quote)).toHaveAttribute('aria-current', 'true');
    const picker = panel(page).getByRole('combobox', { name: 'Canonical entity' });
    // N goes to the note; the entity field is just above it.
    await page.keyboard.press('n');
    await tabTo(page, picker, { back: true });
    await page.keyboard.press('ArrowDown');
    const create = page.getByRole('option', { name: 'Create “Rovshan Mammadov” as new person' });
    await expect(create).toHaveAttribute('aria-selected', 'true');
    await page.keyboard.press('Enter');
    await expect(picker).toHaveValue('Rovshan Mammadov');
    await page.keyboard.press('Escape');
    await expect(article).toBeFocused();
  });

  await test.step('tag his two statements with K and grade them from the keyboard', async () => {
    const grades = [
      { phrase: occupation, reliability: 'B — Usually reliable', credibility: '2 — Probably true' },
      { phrase: crime, reliability: 'B — Usually reliable', credibility: '3 — Possibly true' },
    ];
    for (const { phrase, reliability, credibility } of grades) {
      await selectByKeys(page, article, sample.text, phrase);
      await page.keyboard.press('k');
      const item = cardItem(page, SUBTAG, phrase.quote);
      await expect(card(page, SUBTAG, phrase.quote)).toHaveAttribute('aria-current', 'true');

      // From the note (N), back up to the Admiralty code: a letter, then a digit.
      await page.keyboard.press('n');
      const reliabilityGroup = item.getByRole('radiogroup', { name: 'Source reliability' });
      await tabTo(page, reliabilityGroup.getByRole('radio').first(), { back: true });
      await page.keyboard.press(reliability[0]!.toLowerCase());
      await expect(reliabilityGroup.getByRole('radio', { name: reliability })).toHaveAttribute(
        'aria-checked',
        'true',
      );
      await page.keyboard.press('Tab');
      const credibilityGroup = item.getByRole('radiogroup', { name: 'Information credibility' });
      await page.keyboard.press(credibility[0]!);
      await expect(credibilityGroup.getByRole('radio', { name: credibility })).toHaveAttribute(
        'aria-checked',
        'true',
      );

      // Attributed to: his entity, found by a part of his name.
      await page.keyboard.press('Tab');
      const attributed = item.getByRole('combobox', { name: 'Attributed to' });
      await expect(attributed).toBeFocused();
      await page.keyboard.type('mammadov');
      const option = page.getByRole('option', { name: /^Rovshan Mammadov/ });
      await expect(option).toHaveAttribute('aria-selected', 'true');
      await page.keyboard.press('Enter');
      await expect(attributed).toHaveValue('Rovshan Mammadov');

      // The sub-tag's own attribute, a menu: typing a choice's first letters picks it.
      const medium = item.getByRole('combobox', { name: ATTRIBUTE });
      await tabTo(page, medium);
      await page.keyboard.type('Tele');
      await expect(medium).toHaveValue('tv');
      await expect(card(page, SUBTAG, phrase.quote)).toContainText(
        reliability[0]! + credibility[0]!,
      );
      await page.keyboard.press('Escape');
      await expect(article).toBeFocused();
    }
  });

  await test.step('Ceyhun and Jeyhun Mammadov: one entity, linked through the suggestion', async () => {
    await selectByKeys(page, article, sample.text, ceyhun);
    await page.keyboard.press('p');
    await expect(card(page, 'Person', ceyhun.quote)).toHaveAttribute('aria-current', 'true');
    await page.keyboard.press('n');
    const picker = panel(page).getByRole('combobox', { name: 'Canonical entity' });
    await tabTo(page, picker, { back: true });
    await page.keyboard.press('ArrowDown');
    const create = page.getByRole('option', { name: 'Create “Ceyhun Mammadov” as new person' });
    for (let i = 0; i < 5 && (await create.getAttribute('aria-selected')) !== 'true'; i++) {
      await page.keyboard.press('ArrowDown');
    }
    await page.keyboard.press('Enter');
    await expect(picker).toHaveValue('Ceyhun Mammadov');
    await page.keyboard.press('Escape');
    await expect(article).toBeFocused();

    // The other spelling: the picker suggests the record above, as another spelling of it.
    await selectByKeys(page, article, sample.text, jeyhun);
    await page.keyboard.press('p');
    await expect(card(page, 'Person', jeyhun.quote)).toHaveAttribute('aria-current', 'true');
    await page.keyboard.press('n');
    const suggestion = panel(page).getByRole('button', {
      name: 'Link Ceyhun Mammadov (another spelling of “Ceyhun Mammadov”)',
    });
    await tabTo(page, suggestion, { back: true });
    await page.keyboard.press('Enter');
    await expect(picker).toHaveValue('Ceyhun Mammadov');
    await page.keyboard.press('Escape');
    await expect(article).toBeFocused();

    const entities = await gloss.call('listEntities', {});
    expect(entities.map((e) => [e.name, e.kind, e.mentionCount]).sort()).toEqual([
      ['Ceyhun Mammadov', 'person', 2],
      ['Rovshan Mammadov', 'person', 1],
    ]);
  });

  await test.step('relate the two claims: the bombing "supports" the occupation (Alt+R)', async () => {
    await chooseAtCaret(page, article, sample.text, crime);
    await expect(card(page, SUBTAG, crime.quote)).toHaveAttribute('aria-current', 'true');
    await page.keyboard.press('Alt+r');
    const dialog = page.getByRole('dialog', { name: 'Relate annotation' });
    await expect(dialog).toBeVisible();
    await page.keyboard.type('supports');
    await expect(dialog.getByRole('option', { name: 'supports' })).toHaveAttribute(
      'aria-selected',
      'true',
    );
    await page.keyboard.press('Enter');
    await page.keyboard.type('occupation');
    await expect(
      dialog.getByRole('option', { name: `${SUBTAG}: ${occupation.quote}` }),
    ).toHaveAttribute('aria-selected', 'true');
    await page.keyboard.press('Enter');
    await expect(dialog).toBeHidden();
    await expectRelation(page, article);
  });

  await test.step('a note on the claim (N), then a memo on the document (Ctrl+Shift+M)', async () => {
    await expect(article).toBeFocused();
    await page.keyboard.press('n');
    const note = panel(page).getByRole('textbox', { name: 'Note' });
    await expect(note).toBeFocused();
    await page.keyboard.type(NOTE);
    await page.keyboard.press('Control+Enter');
    await page.keyboard.press('Escape');
    await expect(article).toBeFocused();
    await expect
      .poll(() => storedAnnotations(gloss.projectPath).find((a) => a.exact === crime.quote)?.note)
      .toBe(NOTE);

    await page.keyboard.press('Control+Shift+M');
    const memos = page.getByRole('complementary', { name: /Document memos/ });
    const editor = memos.getByRole('textbox', { name: 'New memo on this document' });
    await expect(editor).toBeFocused();
    await page.keyboard.type(MEMO);
    await page.keyboard.press('Control+Enter');
    const memo = memos.getByRole('article', { name: /^Memo: Sourcing: the Rovshan/ });
    await expect(memo.locator('strong')).toHaveText('Sourcing');
    await expect(memo.locator('em')).toHaveText('Hafta');
    await expect(memo.getByRole('listitem')).toHaveText('ask AZTV');
    await page.keyboard.press('Escape');
    await expect(memos).toBeHidden();
    await expect(article).toBeFocused();
  });

  await test.step('edit the document details from the top bar', async () => {
    const detailsButton = page.getByRole('button', { name: 'Document details' });
    await tabTo(page, detailsButton, { back: true });
    await page.keyboard.press('Enter');
    const dialog = page.getByRole('dialog', { name: 'Document details' });
    await expect(dialog.getByRole('textbox', { name: 'Title' })).toBeFocused();
    await tabTo(page, dialog.getByRole('textbox', { name: 'Author' }));
    await page.keyboard.type('Guido Keller');
    await page.keyboard.press('Tab');
    await page.keyboard.type(OUTLET);
    await tabTo(page, dialog.getByRole('combobox', { name: 'Outlet reliability' }));
    await page.keyboard.type('C');
    await expect(dialog.getByRole('combobox', { name: 'Outlet reliability' })).toHaveValue('C');
    await tabTo(page, dialog.getByRole('button', { name: 'Save details' }));
    await page.keyboard.press('Enter');
    await expect(dialog.getByRole('status').filter({ hasText: 'Saved.' })).toBeVisible();
    await page.keyboard.press('Escape');
    await expect(dialog).toBeHidden();
    await tabTo(page, article);
  });

  await test.step('tag a claim in the closing sales pitch', async () => {
    await selectByKeys(page, article, sample.text, pitchClaim);
    await page.keyboard.press('c');
    await expect(card(page, 'Claim', pitchClaim.quote)).toHaveAttribute('aria-current', 'true');
    await expect(saveStatus).toHaveText('Saved');
  });

  await test.step('Edit text (F2): cut the pitch, save with Ctrl+Enter; its claim is an orphan', async () => {
    await page.keyboard.press('F2');
    await expect(article).toHaveAttribute('aria-readonly', 'false');
    // From the end, Ctrl+Shift+↑ selects the last paragraph back to the end of the one before:
    // the pitch and its line break, so one Backspace leaves the conclusion as the last line.
    await page.keyboard.press('Control+End');
    await page.keyboard.press('Control+Shift+ArrowUp');
    await expect.poll(() => selectedText(page)).toBe(`\n${pitchClaim.line}`);
    await page.keyboard.press('Backspace');
    await expect(article).not.toContainText(PITCH_START);
    await expect(article).toContainText('dissatisfied with Brussels’ position.');
    await page.keyboard.press('Control+Enter');
    await expect(article).toHaveAttribute('aria-readonly', 'true');
    await expectOrphan(page);
    const [current] = await gloss.call('listDocuments', {});
    expect((await gloss.call('getDocument', { id: current!.id })).text).toBe(editedText);
  });

  await test.step('reload: the new version, its orphan, cards, grades and links are all there', async () => {
    await page.reload();
    await expect(article).toBeFocused();
    await expect(article).not.toContainText(PITCH_START);
    await expectOrphan(page);
    const cards = panel(page).getByRole('button', { name: /^(Person|Official statement|Claim): / });
    const expected: [string, Phrase][] = [
      ['Person', rovshan],
      [SUBTAG, occupation],
      [SUBTAG, crime],
      ['Person', ceyhun],
      ['Person', jeyhun],
    ];
    await expect(cards).toHaveCount(expected.length);
    for (const [i, [tag, phrase]] of expected.entries()) {
      await expect(cards.nth(i)).toHaveAccessibleName(cardName(tag, phrase.quote));
    }
    await expect(card(page, SUBTAG, occupation.quote)).toContainText('B2');
    await expect(card(page, SUBTAG, crime.quote)).toContainText('B3');

    await chooseAtCaret(page, article, editedText, occupation);
    const item = cardItem(page, SUBTAG, occupation.quote);
    await expect(
      item
        .getByRole('radiogroup', { name: 'Source reliability' })
        .getByRole('radio', { name: 'B — Usually reliable' }),
    ).toHaveAttribute('aria-checked', 'true');
    await expect(
      item
        .getByRole('radiogroup', { name: 'Information credibility' })
        .getByRole('radio', { name: '2 — Probably true' }),
    ).toHaveAttribute('aria-checked', 'true');
    await expect(item.getByRole('combobox', { name: 'Attributed to' })).toHaveValue(
      'Rovshan Mammadov',
    );
    await expect(item.getByRole('combobox', { name: ATTRIBUTE })).toHaveValue('tv');

    await chooseAtCaret(page, article, editedText, crime);
    await expectRelation(page, article);
    await expect(panel(page).getByRole('textbox', { name: 'Note' })).toHaveValue(NOTE);

    for (const mention of [rovshan, ceyhun, jeyhun]) {
      await chooseAtCaret(page, article, editedText, mention);
      await expect(card(page, 'Person', mention.quote)).toHaveAttribute('aria-current', 'true');
      await expect(panel(page).getByRole('combobox', { name: 'Canonical entity' })).toHaveValue(
        mention === rovshan ? 'Rovshan Mammadov' : 'Ceyhun Mammadov',
      );
    }
  });

  await test.step('reload: the entity page lists both spellings as mentions', async () => {
    await page.keyboard.press('Control+Shift+E');
    await expect(page.getByRole('heading', { name: 'Entities', level: 1 })).toBeVisible();
    await page.keyboard.press('/');
    await page.keyboard.type('Jeyhun');
    // Another spelling finds the record; Enter opens the first found.
    await expect(
      page
        .getByRole('list', { name: 'Entities' })
        .getByRole('button', { name: /^Ceyhun Mammadov/ }),
    ).toBeVisible();
    await page.keyboard.press('Enter');
    await expect(page.getByRole('heading', { name: 'Ceyhun Mammadov', level: 2 })).toBeVisible();
    const mentions = page.getByRole('group', { name: 'Mentions' }).getByRole('button');
    await expect(mentions).toHaveCount(2);
    await expect(mentions.nth(0)).toHaveAccessibleName(`Open “Ceyhun Mammadov” in ${sample.title}`);
    await expect(mentions.nth(1)).toHaveAccessibleName(`Open “Jeyhun Mammadov” in ${sample.title}`);
    await page.keyboard.press('Alt+ArrowLeft');
    await expect(article).toBeFocused();
  });

  await test.step('reload: the memo, the details and the codebook', async () => {
    await page.keyboard.press('Control+Shift+M');
    const memos = page.getByRole('complementary', { name: /Document memos/ });
    await expect(memos.getByRole('article', { name: /^Memo: Sourcing/ }).locator('em')).toHaveText(
      'Hafta',
    );
    await page.keyboard.press('Escape');
    await expect(article).toBeFocused();

    await tabTo(page, page.getByRole('button', { name: 'Document details' }), { back: true });
    await page.keyboard.press('Enter');
    const dialog = page.getByRole('dialog', { name: 'Document details' });
    await expect(dialog.getByRole('textbox', { name: 'Author' })).toHaveValue('Guido Keller');
    await expect(dialog.getByRole('textbox', { name: 'Outlet' })).toHaveValue(OUTLET);
    await expect(dialog.getByRole('combobox', { name: 'Outlet reliability' })).toHaveValue('C');
    await page.keyboard.press('Escape');
    await expect(dialog).toBeHidden();

    await page.keyboard.press('Control+Shift+K');
    await expect(treeItem(`${SUBTAG} (K)`)).toHaveAttribute('aria-level', '2');
    // Down the tree, past Claim's default sub-tags, to the one made above.
    const official = treeItem(`${SUBTAG} (K)`);
    for (
      let i = 0;
      i < 6 && !(await official.evaluate((el) => el === document.activeElement));
      i++
    ) {
      await page.keyboard.press('ArrowDown');
    }
    await expect(official).toBeFocused();
    await expect(codebook.getByRole('region', { name: `Attributes of ${SUBTAG}` })).toContainText(
      ATTRIBUTE,
    );
    await page.keyboard.press('Escape');
    await expect(codebook).toBeHidden();
    await tabTo(page, article);
  });

  await test.step('reload: the search finds the note and goes to its claim', async () => {
    await page.keyboard.press('Control+Shift+F');
    const search = page.getByRole('dialog', { name: 'Search the project' });
    await page.keyboard.type('broadcast archive');
    // The note's words as it shows them, its Markdown asterisks left out, the match marked.
    const hit = search.getByRole('option', {
      name: /^Official statement, note: Said on air in Hafta, AZTV/,
    });
    await expect(hit).toHaveAttribute('aria-selected', 'true');
    await expect(hit).not.toContainText('**');
    await expect(hit.locator('mark')).toHaveText(['broadcast', 'archive']);
    await page.keyboard.press('Enter');
    await expect(search).toBeHidden();
    await expect(card(page, SUBTAG, crime.quote)).toHaveAttribute('aria-current', 'true');
  });

  await test.step('reload: Ctrl+Z undoes the edit, then the tag before it; Ctrl+Shift+Z redoes', async () => {
    await tabTo(page, article);
    const orphans = page.getByRole('region', { name: 'Orphaned annotations' });
    await page.keyboard.press('Control+z');
    await expect(article).toContainText(PITCH_START);
    await expect(orphans).toHaveCount(0);
    await expect
      .poll(() => drawnLabels(article))
      .toContainEqual({
        label: 'Claim',
        text: pitchClaim.quote,
      });
    await expect(article).toBeFocused();
    await page.keyboard.press('Control+z');
    await expect(card(page, 'Claim', pitchClaim.quote)).toHaveCount(0);
    await page.keyboard.press('Control+Shift+z');
    await expect(card(page, 'Claim', pitchClaim.quote)).toBeVisible();
    await page.keyboard.press('Control+Shift+z');
    await expect(article).not.toContainText(PITCH_START);
    await expectOrphan(page);
  });

  await test.step('the JSONL export carries the attributes, entity links and relations', () =>
    expectJsonlExport(gloss));
});
