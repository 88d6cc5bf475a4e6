/**
 * Every payload of the XSS corpus through every path hostile HTML takes into Gloss — the converter,
 * the HTML reader (article and whole-page), the MHTML reader and the EPUB reader (as sloppy HTML
 * and as well-formed XHTML) — must come out inert. And the parsing itself must never run a script
 * or fetch a resource, which is checked by behaviour: a script that would retitle the document, and
 * a local server that counts requests.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { JSDOM, VirtualConsole } from 'jsdom';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { Block } from '../../../../core/domain';
import { epubReader } from '../../../../formats/epub/read-epub';
import { articleFromHtml } from '../../../../formats/html/dom-to-article';
import { parseHtmlDocument } from '../../../../formats/html/parse';
import { htmlReader } from '../../../../formats/html/read-html';
import { mhtmlReader } from '../../../../formats/html/read-mhtml';
import { assertInert, XSS_MARKERS, XSS_PAYLOADS } from '../../../xss/payloads';
import { buildEpub, type FixtureChapter, xhtml } from '../epub/epub-fixture';
import { context, mhtmlOf, utf8 } from './helpers';

const CARRIER =
  'This carrier paragraph is long enough for Readability to take the article for an article. '
    .repeat(8)
    .trim();

/** A realistic page around a payload: the carrier text first, since some payloads swallow the rest. */
const pageWith = (payload: string): string =>
  `<!DOCTYPE html><html><head><meta charset="utf-8"><title>Carrier page</title></head><body>
<nav><a href="/home">Home</a></nav><article><h1>Carrier page</h1><p>${CARRIER}</p>
<div>${payload}</div><p>Closing paragraph of the carrier.</p></article></body></html>`;

const names = XSS_PAYLOADS.map((p) => p.name);

describe('the XSS corpus', () => {
  it('has at least 60 payloads with unique names, each naming itself in what it would run or fetch', () => {
    expect(XSS_PAYLOADS.length).toBeGreaterThanOrEqual(60);
    expect(new Set(names).size).toBe(names.length);
    // Character references and base64 decoded: some payloads spell their code out in them.
    const decoded = (html: string) =>
      html
        .replace(/&#(x?)([0-9a-f]+);?/gi, (_, hex: string, digits: string) =>
          String.fromCodePoint(parseInt(digits, hex ? 16 : 10)),
        )
        .replace(/base64,([A-Za-z0-9+/=]+)/g, (_, data: string) =>
          Buffer.from(data, 'base64').toString('utf8'),
        );
    for (const payload of XSS_PAYLOADS) {
      expect(decoded(payload.html), payload.name).toContain(payload.name);
    }
  });

  it('is live: with scripts enabled, jsdom runs its inline script payloads', () => {
    // The positive control for everything below: the same markup in a jsdom that *does* run scripts.
    const fired = new Set<string>();
    for (const payload of XSS_PAYLOADS) {
      const dom = new JSDOM(payload.html, {
        runScripts: 'dangerously',
        virtualConsole: new VirtualConsole(),
        beforeParse(window) {
          Object.assign(window, { __glossXss: (name: string) => fired.add(name) });
        },
      });
      dom.window.close();
    }
    // Module, external and self-closed scripts do not run in jsdom, nor do handlers on elements
    // that never load or get focus; a browser would run more of them.
    expect([...fired].sort()).toEqual([
      'script-after-comment',
      'script-basic',
      'script-close-attr',
      'script-close-space',
      'script-html-comment',
      'script-mixed-case-attrs',
      'script-nested',
      'script-uppercase',
    ]);
  });
});

describe('assertInert', () => {
  const text = 'Plain words';
  const block = (extra: Partial<Block> = {}): Block => ({
    kind: 'paragraph',
    start: 0,
    end: 11,
    ...extra,
  });
  const link = (href: string): Block =>
    block({ marks: [{ kind: 'link', start: 0, end: 5, href }] });

  it('accepts plain text with http(s) and mailto links in canonical form', () => {
    expect(() =>
      assertInert({ text, blocks: [link('https://example.org/a'), link('mailto:a@example.org')] }),
    ).not.toThrow();
  });

  it('fails on unsafe or non-canonical links, markup or markers in the text, and unknown keys', () => {
    const cases: [string, Parameters<typeof assertInert>[0]][] = [
      ['javascript link', { text, blocks: [link('javascript:alert(1)')] }],
      ['data link', { text, blocks: [link('data:text/html,x')] }],
      ['file link', { text, blocks: [link('file:///etc/passwd')] }],
      ['padded link', { text, blocks: [link(' https://example.org/')] }],
      ['relative link', { text, blocks: [link('/relative')] }],
      ['markup in text', { text: 'a <img src=x>', blocks: [] }],
      ['end tag in text', { text: 'a </style>', blocks: [] }],
      ['marker in text', { text: "window.__glossXss('x')", blocks: [] }],
      ['marker in title', { text, blocks: [], title: 'ONERROR' }],
      ['html key', { text, blocks: [{ ...block(), html: '<b>x</b>' } as Block] }],
      [
        'href on em',
        {
          text,
          blocks: [block({ marks: [{ kind: 'em', start: 0, end: 2, href: 'https://x.org/' }] })],
        },
      ],
      ['range outside the text', { text, blocks: [block({ end: 99 })] }],
    ];
    for (const [what, candidate] of cases)
      expect(() => assertInert(candidate), what).toThrow(/not inert/);
  });

  it('catches a converter that leaks: textContent and unfiltered links fail for most of the corpus', () => {
    // What a naive importer does: all the text, every link as written. If sanitisation regressed to
    // this, the tests below would fail for these payloads.
    const caught: string[] = [];
    for (const payload of XSS_PAYLOADS) {
      const root = parseHtmlDocument(payload.html).documentElement;
      const text = `${root.textContent ?? ''} words`;
      const links = Array.from(root.querySelectorAll('a[href], area[href]'), (a) => ({
        kind: 'link' as const,
        start: 0,
        end: 1,
        href: a.getAttribute('href')!,
      }));
      const blocks: Block[] = [
        { kind: 'paragraph', start: 0, end: Array.from(text).length, marks: links },
      ];
      try {
        assertInert({ text, blocks }, payload.name);
      } catch {
        caught.push(payload.name);
      }
    }
    const inlineScripts = names.filter(
      (n) => n.startsWith('script-') && !/-(src|module|self)/.test(n),
    );
    const unsafeLinks = names.filter((n) => /^(a|area)-/.test(n) && n !== 'a-onclick-safe-href');
    expect(caught).toEqual(
      expect.arrayContaining([
        ...inlineScripts,
        ...unsafeLinks,
        'xmp-img',
        'noembed-img',
        'textarea-breakout',
        'title-in-body',
        'style-import',
      ]),
    );
    expect(caught.length).toBeGreaterThanOrEqual(45);
  });

  it('lists markers that a payload would have to leak to show', () => {
    expect(XSS_MARKERS).toEqual(expect.arrayContaining(['__glossXss', 'javascript:', 'onerror']));
  });
});

describe('every payload comes out inert', () => {
  it.each(names)('articleFromHtml: %s', (name) => {
    const { html } = XSS_PAYLOADS.find((p) => p.name === name)!;
    assertInert(articleFromHtml(html), `${name} (fragment)`);
    assertInert(
      articleFromHtml(html, { baseUrl: 'https://news.example/world/' }),
      `${name} (fragment, base URL)`,
    );
  });

  it.each(names)('htmlReader, article and whole page: %s', async (name) => {
    const page = utf8(pageWith(XSS_PAYLOADS.find((p) => p.name === name)!.html));
    for (const htmlMode of ['article', 'whole-page'] as const) {
      const article = await htmlReader.read(page, context('payload.html', { htmlMode }));
      assertInert(article, `${name} (${htmlMode})`);
      expect(article.text).toContain(CARRIER);
    }
  });

  it.each(names)('mhtmlReader: %s', async (name) => {
    const archive = mhtmlOf(pageWith(XSS_PAYLOADS.find((p) => p.name === name)!.html));
    const article = await mhtmlReader.read(archive, context('payload.mhtml'));
    assertInert(article, `${name} (mhtml)`);
    expect(article.text).toContain(CARRIER);
  });

  it('epubReader, every payload as a chapter of sloppy HTML and of well-formed XHTML', async () => {
    const chapters: FixtureChapter[] = XSS_PAYLOADS.flatMap((payload, i) => [
      // As written: not XML, so the chapter is read by the HTML parser.
      {
        id: `h${i}`,
        href: `h${i}.xhtml`,
        entry: `OEBPS/h${i}.xhtml`,
        body: '',
        raw: xhtml(payload.name, `<p>${CARRIER}</p>${payload.html}`),
      },
      // Re-serialised as XHTML: the same scripts, handlers and URLs, read by the XML parser.
      {
        id: `x${i}`,
        href: `x${i}.xhtml`,
        entry: `OEBPS/x${i}.xhtml`,
        body: `<p>${CARRIER}</p>${asXhtml(payload.html)}`,
      },
    ]);
    const book = await buildEpub({ chapters, spine: chapters.map((c) => c.id) });
    const article = await epubReader.read(book, context('payloads.epub'));
    assertInert(article, 'epub');
    expect(article.text.split(CARRIER).length - 1).toBe(chapters.length);
  }, 60_000);
});

describe('parsing never runs a script or fetches a resource', () => {
  let server: Server;
  let origin = '';
  const requests: string[] = [];

  beforeAll(async () => {
    server = createServer((request, response) => {
      requests.push(request.url ?? '');
      response.writeHead(200, { 'content-type': 'text/css' });
      response.end('');
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  const settle = () => new Promise((resolve) => setTimeout(resolve, 300));

  it('does not run scripts: a script that would retitle the document leaves its title alone', () => {
    const html =
      '<title>original</title><script>document.title = "pwned"</script><img src=x onerror="document.title=\'pwned\'">';
    expect(parseHtmlDocument(html).title).toBe('original');
    // The control: the same markup where scripts run.
    expect(
      new JSDOM(html, { runScripts: 'dangerously', virtualConsole: new VirtualConsole() }).window
        .document.title,
    ).toBe('pwned');
  });

  it('never evaluates payload code in Node either', async () => {
    const spy = vi.fn();
    Object.assign(globalThis, { __glossXss: spy });
    try {
      for (const payload of XSS_PAYLOADS) {
        articleFromHtml(payload.html);
        await htmlReader.read(utf8(pageWith(payload.html)), context('p.html'));
      }
      await settle();
      expect(spy).not.toHaveBeenCalled();
    } finally {
      delete (globalThis as { __glossXss?: unknown }).__glossXss;
    }
  }, 60_000);

  it('fetches nothing the corpus asks for, through any reader', async () => {
    // The control first: a jsdom that loads resources does reach this server.
    const control = new JSDOM(
      `<link rel="stylesheet" href="${origin}/control.css"><iframe src="${origin}/control-frame"></iframe>`,
      {
        resources: 'usable',
        virtualConsole: new VirtualConsole(),
      },
    );
    await vi.waitFor(() => expect(requests).toContain('/control.css'), { timeout: 5000 });
    control.window.close();
    requests.length = 0;

    for (const payload of XSS_PAYLOADS) {
      const html = payload.html.replaceAll('http://xss.invalid', origin);
      articleFromHtml(html, { baseUrl: `${origin}/base/` });
      const page = pageWith(html);
      await htmlReader.read(utf8(page), context('p.html'));
      await htmlReader.read(utf8(page), context('p.html', { htmlMode: 'whole-page' }));
      await mhtmlReader.read(mhtmlOf(page, `${origin}/page`), context('p.mhtml'));
    }
    await settle();
    expect(requests).toEqual([]);
  }, 120_000);
});

/** A payload parsed as HTML and serialised as XHTML: well-formed, with all its attributes kept. */
function asXhtml(html: string): string {
  const document = parseHtmlDocument(`<body>${html}</body>`);
  const serializer = new document.defaultView!.XMLSerializer();
  return Array.from(document.body.childNodes, (node) => serializer.serializeToString(node)).join(
    '',
  );
}
