/**
 * The reader of web archives (.mhtml, .mht — "Save page as… Webpage, single file" in Chrome, Edge
 * and old Internet Explorer): a MIME multipart/related message whose root part is the page's HTML
 * and whose other parts are its images, styles and frames. Only the page is read, through the same
 * pipeline as an .html file, with its Content-Location as the page's address and its part charset
 * as the transport encoding. The other parts are never parsed or loaded.
 */
import { GlossError } from '../../core/errors';
import { type MimePart, parseHeaderValue, parseMimeMessage } from './mime';
import { type HtmlFormatReader, READABILITY_VERSION, readHtmlPage } from './read-html';
import { httpUrl } from './urls';

const HTML_TYPES = new Set(['text/html', 'application/xhtml+xml']);

/** Reads the page of an MHTML archive: the article, or the whole page in `whole-page` mode. */
export const mhtmlReader: HtmlFormatReader = {
  format: 'mhtml',
  importer: { name: 'Mozilla Readability', version: READABILITY_VERSION },
  read: async (bytes, context) => {
    const { headers, parts } = parseMimeMessage(bytes);
    if (!headers.has('content-type')) {
      throw new GlossError(
        'unsupported_format',
        `${context.name}: this is not a web archive (MHTML) — it has no MIME headers`,
      );
    }
    const page = rootPart(headers, parts);
    if (!page) {
      throw new GlossError(
        'unsupported_format',
        `${context.name}: the web archive contains no web page (no text/html part)`,
      );
    }
    const type = parseHeaderValue(page.headers.get('content-type'));
    const charset = type.params.get('charset');
    const url = page.headers.get('content-location') ?? headers.get('snapshot-content-location');
    const article = readHtmlPage(page.body, context, {
      ...(charset === undefined ? {} : { charset }),
      ...(url === undefined ? {} : { url }),
    });
    // The address the page was saved from is the best citation when the page names none.
    const savedFrom = httpUrl(url);
    if (article.metadata.canonicalUrl === undefined && savedFrom !== undefined) {
      article.metadata.canonicalUrl = savedFrom;
    }
    return article;
  },
};

/**
 * The page of the archive: the part the multipart's `start` parameter names (by Content-ID),
 * else the first HTML part — browsers always write the page first.
 */
function rootPart(headers: Map<string, string>, parts: MimePart[]): MimePart | undefined {
  const isHtml = (part: MimePart): boolean =>
    HTML_TYPES.has(parseHeaderValue(part.headers.get('content-type')).value);
  const start = parseHeaderValue(headers.get('content-type')).params.get('start');
  if (start !== undefined) {
    const id = contentId(start);
    const named = parts.find((part) => contentId(part.headers.get('content-id')) === id);
    if (named && isHtml(named)) return named;
  }
  return parts.find(isHtml);
}

function contentId(raw: string | undefined): string | undefined {
  return raw?.trim().replace(/^<|>$/g, '');
}
