/**
 * The benchmark's measurements, driven from Node with playwright-core. Each opening is measured
 * on a fresh page (its own browser context), so no run inherits another's DOM, caches or heap.
 */
import {
  ANNOTATION_ATTRIBUTE,
  armOpenProbe,
  armTagProbe,
  collectOpenProbe,
  collectTagProbe,
  openProbeDone,
  paintPlainParagraphs,
  selectUntaggedWords,
  tagProbeDone,
} from './page-probes.mjs';

/** The library's "Open <title>" button (renderer/components/DocumentRow.tsx), by its name. */
export const LIBRARY_ITEM = 'button[aria-label^="Open "]';
/**
 * The toolbar's "Tag as …" buttons are enabled once ProseMirror has taken the selection
 * (renderer/components/ReaderTopBar.tsx): the outside sign that a tag key will now act.
 */
export const TAG_BUTTON_ENABLED = 'button[aria-label^="Tag as "]:not([disabled])';
/** The tag key: C, Claim. */
const TAG_KEY = 'c';

const OPEN_TIMEOUT_MS = 60_000;
const TAG_TIMEOUT_MS = 15_000;
const VIEWPORT = { width: 1280, height: 800 };

/**
 * @typedef {object} Target
 * @property {import('./server.mjs').RunningServer} server
 * @property {string} documentId
 * @property {number} annotations  distinct ids the reader must show
 */

/** A page in a fresh context that reports its errors, so a broken run says why it broke. */
async function freshPage(browser) {
  const context = await browser.newContext({ viewport: VIEWPORT, deviceScaleFactor: 1 });
  const page = await context.newPage();
  const problems = [];
  page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
  page.on('console', (message) => {
    if (message.type() === 'error') problems.push(`console: ${message.text()}`);
  });
  return { page, problems, close: () => context.close() };
}

/** Runs `step`; if it throws, adds what the page reported to the error. */
async function withPage(browser, step) {
  const fresh = await freshPage(browser);
  try {
    return await step(fresh.page);
  } catch (error) {
    const said = fresh.problems.length ? `\nThe page said:\n  ${fresh.problems.join('\n  ')}` : '';
    throw new Error(`${error.message}${said}`, { cause: error });
  } finally {
    await fresh.close();
  }
}

/** Loads the app with its token and waits until the library lists the document and is idle. */
async function openLibrary(page, server) {
  await page.goto(server.url);
  await page.locator(LIBRARY_ITEM).first().waitFor({ state: 'visible', timeout: OPEN_TIMEOUT_MS });
  await settle(page);
}

/** Waits until the page has painted and the main thread is idle, so a timing starts clean. */
function settle(page) {
  return page.evaluate(
    () =>
      new Promise((resolve) =>
        requestAnimationFrame(() =>
          requestAnimationFrame(() => requestIdleCallback(() => resolve(), { timeout: 2000 })),
        ),
      ),
  );
}

/**
 * One floor run: the document fetched and painted as plain paragraphs in the app's page.
 * @param {import('playwright-core').Browser} browser
 * @param {Target} target
 */
export function measureFloor(browser, { server, documentId }) {
  return withPage(browser, async (page) => {
    await openLibrary(page, server);
    return page.evaluate(paintPlainParagraphs, { token: server.token, documentId });
  });
}

/**
 * One reader run: from the click on the document in the library to the frame after the reader
 * shows every annotation.
 * @param {import('playwright-core').Browser} browser
 * @param {Target} target
 */
export function measureOpen(browser, { server, annotations }) {
  return withPage(browser, async (page) => {
    await openLibrary(page, server);
    await page.evaluate(armOpenProbe, {
      expected: annotations,
      attribute: ANNOTATION_ATTRIBUTE,
    });
    await page.locator(LIBRARY_ITEM).first().click();
    await waitForProbe(page, openProbeDone, null, OPEN_TIMEOUT_MS, () =>
      page.evaluate(
        ({ attribute, expected }) => {
          const view = document.querySelector('.ProseMirror');
          const ids = new Set();
          for (const e of view?.querySelectorAll(`[${attribute}]`) ?? []) {
            ids.add(e.getAttribute(attribute));
          }
          const shows = `shows ${ids.size} of the ${expected} annotations`;
          return `the reader ${view ? shows : 'never appeared'}`;
        },
        { attribute: ANNOTATION_ATTRIBUTE, expected: annotations },
      ),
    );
    return page.evaluate(collectOpenProbe);
  });
}

/**
 * Tag latency: opens the document (untimed), then `count + warmup` times selects a few untagged
 * words elsewhere in the article and presses the tag key.
 * @param {import('playwright-core').Browser} browser
 * @param {Target} target
 * @param {{ count: number, warmup: number, words?: number }} options
 */
export function measureTagging(browser, { server, annotations }, { count, warmup, words = 3 }) {
  return withPage(browser, async (page) => {
    await openLibrary(page, server);
    await page.locator(LIBRARY_ITEM).first().click();
    await page.waitForFunction(
      ({ expected, attribute }) => {
        const ids = new Set();
        for (const e of document.querySelectorAll(`.ProseMirror [${attribute}]`)) {
          ids.add(e.getAttribute(attribute));
        }
        return ids.size >= expected;
      },
      { expected: annotations, attribute: ANNOTATION_ATTRIBUTE },
      { timeout: OPEN_TIMEOUT_MS, polling: 250 },
    );
    await settle(page);

    const results = [];
    const total = count + warmup;
    for (let i = 0; i < total; i++) {
      const selected = await page.evaluate(selectUntaggedWords, {
        index: i,
        count: total,
        words,
        attribute: ANNOTATION_ATTRIBUTE,
      });
      if (!selected) throw new Error(`Found no untagged text to select (place ${i + 1}).`);
      // ProseMirror takes the DOM selection on selectionchange; the toolbar says when it has.
      await page.locator(TAG_BUTTON_ENABLED).first().waitFor({ timeout: TAG_TIMEOUT_MS });
      await settle(page);
      await page.evaluate(armTagProbe, { key: TAG_KEY, attribute: ANNOTATION_ATTRIBUTE });
      await page.keyboard.press(TAG_KEY);
      await waitForProbe(page, tagProbeDone, 'stored', TAG_TIMEOUT_MS, async () => {
        const state = await page.evaluate(() => JSON.stringify(window.__benchTag));
        return `after the tag key on “${selected}”: ${state}`;
      });
      const figures = await page.evaluate(collectTagProbe);
      if (i >= warmup) results.push({ ...figures, selected });
      await settle(page);
    }
    return results;
  });
}

/** Waits for a condition in the page; on timeout, fails with `describe()`'s account of why. */
async function waitForProbe(page, condition, arg, timeout, describe) {
  try {
    // Polled on a timer rather than every frame, to stay out of the frames being measured.
    await page.waitForFunction(condition, arg, { timeout, polling: 50 });
  } catch (error) {
    if (error?.name !== 'TimeoutError') throw error;
    throw new Error(`Timed out after ${timeout / 1000} s: ${await describe()}.`, {
      cause: error,
    });
  }
}
