/**
 * The one place where Gloss turns untrusted markup into a DOM. Every document is inert:
 *
 * - `runScripts` is left unset (jsdom's default), so no `<script>` runs and no event-handler
 *   attribute (`onerror=`, `onload=`…) is ever compiled; the scripting flag of the HTML parser is
 *   off too, so `<noscript>` content is parsed as markup, as a browser with scripts disabled does.
 * - `resources` is left unset (jsdom's default), so nothing is fetched: no stylesheet, image,
 *   frame, font or script, whatever the page asks for.
 * - The virtual console has no listeners, so page errors are swallowed rather than printed.
 *
 * Do not add either option here: the XSS tests (tests/unit/formats/html/xss.test.ts) check both
 * that a script does not run and that a server receives no request.
 */
import { JSDOM, VirtualConsole } from 'jsdom';
import { assertHtmlDepth, assertXmlDepth } from './depth-guard';
import { httpUrl } from './urls';

/** How a parse is set up: the document URL (http(s) only) and the name used in messages. */
export interface ParseOptions {
  url?: string;
  /** The file's name for GlossError messages (a page nested too deeply is refused). */
  name?: string;
}

/**
 * Parses HTML (a whole page or a fragment) into an inert document. Throws GlossError('too_large')
 * when the markup nests too deeply for jsdom (see depth-guard.ts).
 */
export function parseHtmlDocument(html: string, options: ParseOptions = {}): Document {
  return parseHtmlPage(html, options).document;
}

/** An inert parsed page whose URL can be set once it is known (e.g. from its canonical link). */
export interface ParsedPage {
  document: Document;
  /** Sets the document URL, which relative links and `<base href>` resolve against; http(s) only. */
  setUrl(url: string): void;
}

/** Parses a page like parseHtmlDocument, keeping the ability to set its URL afterwards. */
export function parseHtmlPage(html: string, options: ParseOptions = {}): ParsedPage {
  assertHtmlDepth(html, options.name ?? 'HTML');
  const url = options.url === undefined ? undefined : httpUrl(options.url);
  const dom = new JSDOM(html, {
    contentType: 'text/html',
    virtualConsole: new VirtualConsole(),
    // Only an http(s) URL becomes the document URL: relative links resolve against it.
    ...(url === undefined ? {} : { url }),
  });
  return {
    document: dom.window.document,
    setUrl(next: string): void {
      const web = httpUrl(next);
      if (web !== undefined) dom.reconfigure({ url: web });
    },
  };
}

/**
 * Parses XML (an EPUB's OPF or container, or an XHTML chapter) into an inert document. Throws
 * when the text is not well-formed, and GlossError('too_large') when it nests too deeply. jsdom's
 * XML parser does not resolve external entities or expand DTD-declared ones, so XXE and "billion
 * laughs" documents fail instead of expanding.
 */
export function parseXmlDocument(
  xml: string,
  contentType: 'application/xml' | 'application/xhtml+xml' = 'application/xml',
  name = 'XML',
): Document {
  assertXmlDepth(xml, name);
  const dom = new JSDOM(xml, { contentType, virtualConsole: new VirtualConsole() });
  return dom.window.document;
}
