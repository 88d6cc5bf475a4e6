/**
 * Selecting text in the reader's article the way a person does — dragging the mouse, or placing
 * the caret and extending it with Shift+ArrowRight — and reading back the highlights it draws.
 *
 * Phrases are found by their line and their UTF-16 offset in it (see `Phrase`): the reader shows
 * one block per line for text without blank lines, so the element whose text is exactly that
 * line holds the phrase, however decorations have split it into nested spans.
 */
import type { Locator, Page } from '@playwright/test';
import { expect } from '@playwright/test';
import type { Phrase } from './text';
import { graphemeCount } from './text';

type Where = Pick<Phrase, 'line' | 'offsetInLine' | 'quote'>;

interface Point {
  x: number;
  y: number;
}

/** One annotation as drawn: its spans' data attributes and the text they cover. */
export interface Highlight {
  id: string;
  tagId: string;
  label: string;
  text: string;
}

/** The reader's article, found by its role and accessible name. */
export function articleBox(page: Page, title: string): Locator {
  return page.getByRole('textbox', { name: `Article: ${title}`, exact: true });
}

/**
 * Where a phrase's first character begins and its last one ends, in viewport coordinates, after
 * scrolling it into view. It measures until two frames agree: blocks off screen are laid out
 * lazily (content-visibility) and the reader may still be scrolling to a revealed annotation.
 */
async function phraseEnds(article: Locator, where: Where): Promise<{ start: Point; end: Point }> {
  return article.evaluate(
    async (root, { line, offset, length }) => {
      const frame = () => new Promise<void>((resolve) => requestAnimationFrame(() => resolve()));
      const block = Array.from(root.querySelectorAll('*')).find((el) => el.textContent === line);
      if (!block) throw new Error(`no block of the article shows the line "${line}"`);

      // The text node and offset of a UTF-16 offset into the block; at a boundary between two
      // nodes, 'start' takes the later node and 'end' the earlier one.
      const pointAt = (target: number, side: 'start' | 'end'): [Text, number] => {
        const walker = document.createTreeWalker(block, NodeFilter.SHOW_TEXT);
        let seen = 0;
        for (let node = walker.nextNode() as Text | null; node; node = walker.nextNode() as Text) {
          const after = seen + node.data.length;
          if (side === 'start' ? target < after : target <= after) return [node, target - seen];
          seen = after;
        }
        throw new Error(`offset ${target} is past the end of the line`);
      };
      const charRects = (from: number, to: number): DOMRect[] => {
        const range = document.createRange();
        range.setStart(...pointAt(from, 'start'));
        range.setEnd(...pointAt(to, 'end'));
        return Array.from(range.getClientRects()).filter((r) => r.width > 0);
      };
      // An astral character (emoji) is two UTF-16 units: measure it whole.
      const firstLength = (line.codePointAt(offset) ?? 0) > 0xffff ? 2 : 1;
      const lastUnit = line.charCodeAt(offset + length - 1);
      const lastLength = lastUnit >= 0xdc00 && lastUnit <= 0xdfff ? 2 : 1;
      const measure = () => {
        const first = charRects(offset, offset + firstLength)[0];
        const last = charRects(offset + length - lastLength, offset + length).pop();
        if (!first || !last) throw new Error(`the phrase at ${offset} in "${line}" is not drawn`);
        // A little inside the character, so the hit test lands on the intended side of it.
        return {
          start: { x: first.left + Math.min(2, first.width / 3), y: first.top + first.height / 2 },
          end: { x: last.right - Math.min(2, last.width / 3), y: last.top + last.height / 2 },
        };
      };

      block.scrollIntoView({ block: 'center' });
      let previous = '';
      for (let attempt = 0; attempt < 60; attempt++) {
        await frame();
        await frame();
        const ends = measure();
        const key = JSON.stringify(ends);
        if (key === previous) {
          const inside = (p: { x: number; y: number }) =>
            p.y >= 0 && p.y <= innerHeight && p.x >= 0 && p.x <= innerWidth;
          if (!inside(ends.start) || !inside(ends.end)) throw new Error('the phrase is off screen');
          return ends;
        }
        previous = key;
      }
      throw new Error('the article did not stop moving');
    },
    { line: where.line, offset: where.offsetInLine, length: where.quote.length },
  );
}

/** The page's selected text, as the browser reports it. */
export function selectedText(page: Page): Promise<string> {
  return page.evaluate(() => document.getSelection()?.toString() ?? '');
}

/** Drag-selects a phrase with the mouse: press before its first character, release after its last. */
export async function selectWithMouse(page: Page, article: Locator, where: Where): Promise<void> {
  const { start, end } = await phraseEnds(article, where);
  await page.mouse.move(start.x, start.y);
  await page.mouse.down();
  // In steps, as a hand moves: the browser extends the selection on each mousemove.
  await page.mouse.move(end.x, end.y, { steps: 8 });
  await page.mouse.up();
  // The test's own mechanics, checked before the app is judged on what it does with them.
  await expect.poll(() => selectedText(page)).toBe(where.quote);
}

/**
 * Selects a phrase with the keyboard: one click puts the caret before its first character, then
 * Shift+ArrowRight once per user-perceived character (an emoji or a flag is one press).
 */
export async function selectWithKeyboard(
  page: Page,
  article: Locator,
  where: Where,
): Promise<void> {
  const { start } = await phraseEnds(article, where);
  // A zero-length click, as a touchpad tap makes: inside a highlight (Moscow inside the claim)
  // it must still move the caret, though the click also activates the annotation.
  await page.mouse.click(start.x, start.y);
  await expect.poll(() => selectedText(page)).toBe('');
  await page.keyboard.down('Shift');
  for (let i = graphemeCount(where.quote); i > 0; i--) await page.keyboard.press('ArrowRight');
  await page.keyboard.up('Shift');
  await expect.poll(() => selectedText(page)).toBe(where.quote);
}

/**
 * The annotations drawn in the article, in document order. One annotation may be drawn as
 * several spans (ProseMirror splits it where another one starts or ends): their texts are joined.
 */
export function highlights(article: Locator): Promise<Highlight[]> {
  return article.evaluate((root) => {
    const byId = new Map<string, { id: string; tagId: string; label: string; text: string }>();
    for (const span of Array.from(root.querySelectorAll<HTMLElement>('span.gl-ann'))) {
      const id = span.dataset.annotationId ?? '';
      const entry = byId.get(id);
      if (entry) entry.text += span.textContent ?? '';
      else {
        const { tagId = '', label = '' } = span.dataset;
        byId.set(id, { id, tagId, label, text: span.textContent ?? '' });
      }
    }
    return [...byId.values()];
  });
}

/** Label and text of each drawn annotation, in document order: what the reader sees. */
export async function drawnLabels(article: Locator): Promise<{ label: string; text: string }[]> {
  return (await highlights(article)).map(({ label, text }) => ({ label, text }));
}

/** The annotations drawn over every character of a phrase: id and label, sorted by label. */
export function annotationsOver(
  article: Locator,
  where: Where,
): Promise<{ id: string; label: string }[]> {
  return article.evaluate(
    (root, { line, offset, length }) => {
      const block = Array.from(root.querySelectorAll('*')).find((el) => el.textContent === line);
      if (!block) throw new Error(`no block of the article shows the line "${line}"`);
      const walker = document.createTreeWalker(block, NodeFilter.SHOW_TEXT);
      let seen = 0;
      // For each text node of the phrase, the annotations around it (id → label).
      const perNode: Map<string, string>[] = [];
      for (let node = walker.nextNode(); node; node = walker.nextNode()) {
        const text = node as Text;
        const from = seen;
        seen += text.data.length;
        if (seen <= offset || from >= offset + length) continue;
        const here = new Map<string, string>();
        for (let el = text.parentElement; el && el !== root; el = el.parentElement) {
          if (el.dataset.annotationId) here.set(el.dataset.annotationId, el.dataset.label ?? '');
        }
        perNode.push(here);
      }
      const [first = new Map<string, string>(), ...rest] = perNode;
      return [...first]
        .filter(([id]) => rest.every((here) => here.has(id)))
        .map(([id, label]) => ({ id, label }))
        .sort((a, b) => a.label.localeCompare(b.label));
    },
    { line: where.line, offset: where.offsetInLine, length: where.quote.length },
  );
}
