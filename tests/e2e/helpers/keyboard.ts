/**
 * The reader driven from the keyboard alone, as the "done when" asks: moving the caret
 * and selecting a phrase with keys, choosing the annotation at the caret with Enter, tabbing to a
 * field. The page is only looked at (where the caret is), never acted on with the mouse.
 */
import type { Locator, Page } from '@playwright/test';
import { expect } from '@playwright/test';
import { selectedText } from './article';
import type { Phrase } from './text';
import { graphemeCount } from './text';

/** The line of the sample a phrase is on, from 0: the reader shows one block per line. */
function lineIndex(text: string, phrase: Phrase): number {
  return text.slice(0, phrase.utf16Start).split('\n').length - 1;
}

/**
 * Where the caret is, as the user sees it: the text of its line (block) and how far into it.
 * Only read, never set: the test moves the caret with keys and looks, as a person does.
 */
export function caret(page: Page): Promise<{ line: string; offset: number } | null> {
  return page.evaluate(() => {
    const selection = document.getSelection();
    const node = selection?.focusNode;
    const block = (node instanceof Element ? node : node?.parentElement)?.closest(
      '.gl-article p, .gl-article h1, .gl-article h2, .gl-article h3, .gl-article li',
    );
    if (!selection || !node || !block) return null;
    // The text of the document only: not the badges drawn between its words (relations).
    const textOf = (fragment: Node) => {
      const copy = fragment.cloneNode(true) as Element | DocumentFragment;
      copy.querySelectorAll('[contenteditable="false"]').forEach((el) => el.remove());
      return copy.textContent ?? '';
    };
    const range = document.createRange();
    range.setStart(block, 0);
    range.setEnd(node, selection.focusOffset);
    return { line: textOf(block), offset: textOf(range.cloneContents()).length };
  });
}

/**
 * Selects a phrase with keys only, as a keyboard user does: Ctrl+Home to the top, Ctrl+↓ once
 * per paragraph, → to the phrase's first character, then Shift+→ to its last.
 */
export async function selectByKeys(page: Page, article: Locator, text: string, phrase: Phrase) {
  await expect(article).toBeFocused();
  const firstLine = text.slice(0, text.indexOf('\n'));
  // Looked at a moment after the press, and pressed again if needed: the article, given the
  // focus back a moment ago, may still put its own caret back (ProseMirror does, 20 ms after).
  await expect
    .poll(async () => {
      await page.keyboard.press('Control+Home');
      await page.waitForTimeout(60);
      return caret(page);
    })
    .toEqual({ line: firstLine, offset: 0 });
  for (let i = lineIndex(text, phrase); i > 0; i--) await page.keyboard.press('Control+ArrowDown');
  for (let i = graphemeCount(phrase.line.slice(0, phrase.offsetInLine)); i > 0; i--) {
    await page.keyboard.press('ArrowRight');
  }
  await expect.poll(() => caret(page)).toEqual({ line: phrase.line, offset: phrase.offsetInLine });
  await page.keyboard.down('Shift');
  for (let i = graphemeCount(phrase.quote); i > 0; i--) await page.keyboard.press('ArrowRight');
  await page.keyboard.up('Shift');
  await expect.poll(() => selectedText(page)).toBe(phrase.quote);
}

/**
 * Chooses the annotation over a phrase with keys only: the caret into its first word, then
 * Enter (the keyboard twin of a click on the span).
 */
export async function chooseAtCaret(page: Page, article: Locator, text: string, phrase: Phrase) {
  await selectByKeys(page, article, text, { ...phrase, quote: phrase.quote.slice(0, 1) });
  await page.keyboard.press('ArrowLeft');
  await page.keyboard.press('ArrowRight');
  await page.keyboard.press('Enter');
}

/** Presses Tab (or Shift+Tab) until `target` has the focus, as a person tabs to a field. */
export async function tabTo(page: Page, target: Locator, options: { back?: boolean } = {}) {
  for (let i = 0; i < 40; i++) {
    if (await target.evaluate((el) => el === document.activeElement)) return;
    await page.keyboard.press(options.back ? 'Shift+Tab' : 'Tab');
  }
  await expect(target).toBeFocused();
}
