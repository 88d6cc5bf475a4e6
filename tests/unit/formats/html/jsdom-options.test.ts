/**
 * The structural half of "parsing is inert": every jsdom that the readers create is created with
 * options that enable nothing — no `runScripts`, no `resources`, a silent virtual console. The
 * behavioural half (a script does not run, a server gets no request) is in xss.test.ts.
 */
import type * as Jsdom from 'jsdom';
import { describe, expect, it, vi } from 'vitest';
import { epubReader } from '../../../../formats/epub/read-epub';
import { articleFromHtml } from '../../../../formats/html/dom-to-article';
import { htmlReader } from '../../../../formats/html/read-html';
import { mhtmlReader } from '../../../../formats/html/read-mhtml';
import { buildEpub } from '../epub/epub-fixture';
import { context, mhtmlOf, utf8 } from './helpers';
import { NEWS_PAGE } from './news-page';

const recorded = vi.hoisted(() => [] as Record<string, unknown>[]);

vi.mock('jsdom', async (importOriginal) => {
  const actual = await importOriginal<typeof Jsdom>();
  class RecordingJSDOM extends actual.JSDOM {
    constructor(html?: string, options?: ConstructorParameters<typeof actual.JSDOM>[1]) {
      recorded.push({ ...(options ?? {}) });
      super(html, options);
    }
  }
  return { ...actual, JSDOM: RecordingJSDOM };
});

describe('jsdom options', () => {
  it('enable neither scripts nor resource loading, on any path', async () => {
    articleFromHtml('<p>fragment</p>', { baseUrl: 'https://example.org/' });
    await htmlReader.read(utf8(NEWS_PAGE), context('page.html'));
    await htmlReader.read(utf8(NEWS_PAGE), context('page.html', { htmlMode: 'whole-page' }));
    await mhtmlReader.read(mhtmlOf(NEWS_PAGE), context('page.mhtml'));
    const chapter = { id: 'c', href: 'c.xhtml', entry: 'OEBPS/c.xhtml', body: '<p>Chapter.</p>' };
    await epubReader.read(
      await buildEpub({ chapters: [chapter], spine: ['c'] }),
      context('b.epub'),
    );

    // fragment, 2 html pages, 1 mhtml page, EPUB container + package + chapter
    expect(recorded.length).toBeGreaterThanOrEqual(7);
    for (const options of recorded) {
      expect(options).not.toHaveProperty('runScripts');
      expect(options).not.toHaveProperty('resources');
      expect(options).not.toHaveProperty('beforeParse');
      expect(
        Object.keys(options).every((key) => ['contentType', 'virtualConsole', 'url'].includes(key)),
      ).toBe(true);
      expect(options.virtualConsole).toBeDefined();
    }
  });
});
