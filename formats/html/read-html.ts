/**
 * The reader of saved web pages (.html, .htm) and the pipeline the MHTML reader shares: decode the
 * bytes, parse them into an inert document, read the page's metadata, extract the article with
 * Mozilla Readability (Firefox's Reader View) — leaving out navigation, ads, "related" rails and
 * cookie banners — and convert it with articleFromDom. In `whole-page` mode, or when Readability
 * finds no article, the whole `<body>` is converted instead; it goes through the same converter,
 * so it is exactly as sanitised.
 */
import { Readability } from '@mozilla/readability';
import { GlossError } from '../../core/errors';
import type { ExtractedArticle, FormatReader, ReadContext } from '../types';
import { decodeHtml } from './charset';
import { articleFromDom, type ConvertedArticle } from './dom-to-article';
import { field, isoDate, pageMetadata, type PageMetadata } from './metadata';
import { parseHtmlPage } from './parse';

/** Readability's version, for provenance (the package does not export it). */
export const READABILITY_VERSION = '0.6.0';

/** An extracted page, with notes on how it was read ("no article found: whole page kept"). */
export interface HtmlArticle extends ExtractedArticle {
  warnings: string[];
}

/** Where the page came from, when its container says so (an MHTML archive). */
export interface PageSource {
  /** The charset declared for the bytes outside the page (an MHTML part's Content-Type). */
  charset?: string;
  /** The address the page was saved from: relative links resolve against it. */
  url?: string;
}

/** A reader whose articles carry warnings (how the page was read). */
export interface HtmlFormatReader extends FormatReader {
  read(bytes: Uint8Array, context: ReadContext): Promise<HtmlArticle>;
}

/** Reads a saved web page: the article by default, the whole page with `htmlMode: 'whole-page'`. */
export const htmlReader: HtmlFormatReader = {
  format: 'html',
  importer: { name: 'Mozilla Readability', version: READABILITY_VERSION },
  read: async (bytes, context) => readHtmlPage(bytes, context),
};

/** The HTML pipeline on the bytes of one page; throws GlossError naming `context.name`. */
export function readHtmlPage(
  bytes: Uint8Array,
  context: ReadContext,
  source: PageSource = {},
): HtmlArticle {
  const { html, encoding } = decodeHtml(context.name, bytes, {
    ...(context.options.encoding === undefined ? {} : { override: context.options.encoding }),
    ...(source.charset === undefined ? {} : { transport: source.charset }),
  });
  const page = parseHtmlPage(html, {
    name: context.name,
    ...(source.url === undefined ? {} : { url: source.url }),
  });
  const document = page.document;
  const metadata = pageMetadata(document, source.url);
  // Relative links resolve against where the page was saved from, else its canonical address.
  const pageUrl = source.url ?? metadata.canonicalUrl;
  if (source.url === undefined && pageUrl !== undefined) page.setUrl(pageUrl);

  const warnings: string[] = [];
  let extracted: Extracted | undefined;
  let converted: ConvertedArticle;
  try {
    if (context.options.htmlMode !== 'whole-page') {
      extracted = extractArticle(document);
      if (extracted?.article.blocks.length === 0) extracted = undefined;
      if (!extracted) {
        warnings.push('No article was found in the page, so the whole page was imported.');
      }
    }
    converted = extracted?.article ?? articleFromDom(document);
  } finally {
    document.defaultView?.close();
  }

  if (converted.text.length > context.maxTextChars) {
    throw new GlossError(
      'too_large',
      `${context.name}: the page's text is longer than ${context.maxTextChars} characters`,
    );
  }
  if (converted.blocks.length === 0) {
    throw new GlossError('invalid_argument', `${context.name}: the page has no readable text`);
  }
  return {
    title: extracted?.title ?? metadata.title ?? metadata.firstHeading ?? context.name,
    text: converted.text,
    blocks: converted.blocks,
    metadata: documentMetadata(metadata, extracted?.meta ?? {}),
    encoding,
    warnings,
  };
}

/** What Readability found out about the article besides its content. */
interface ReadabilityMeta {
  byline?: string;
  siteName?: string;
  publishedAt?: string;
}

interface Extracted {
  article: ConvertedArticle;
  title?: string;
  meta: ReadabilityMeta;
}

/**
 * Runs Readability on a clone (it rewrites the DOM it reads) and converts its result. Readability
 * hands back its article element itself (the identity serializer), so the article is never
 * serialised to HTML and parsed again — a round trip that is where mutation XSS lives.
 */
function extractArticle(document: Document): Extracted | undefined {
  const clone = document.cloneNode(true) as Document;
  try {
    const result = new Readability<Node>(clone, { serializer: (node) => node }).parse();
    const content = result?.content;
    if (!result || !content || content.nodeType !== 1) return undefined;
    const meta: Extracted['meta'] = {};
    const byline = field(result.byline);
    if (byline) meta.byline = byline;
    const siteName = field(result.siteName);
    if (siteName) meta.siteName = siteName;
    const publishedAt = isoDate(result.publishedTime);
    if (publishedAt) meta.publishedAt = publishedAt;
    const title = field(result.title);
    return {
      article: articleFromDom(content as Element),
      ...(title ? { title } : {}),
      meta,
    };
  } catch {
    // Readability gives up on some pages by throwing; the whole page is read instead.
    return undefined;
  } finally {
    clone.defaultView?.close();
  }
}

/** The stored metadata: the page's own tags first, Readability's guesses where they are silent. */
function documentMetadata(
  page: PageMetadata,
  readability: ReadabilityMeta,
): ExtractedArticle['metadata'] {
  const metadata: ExtractedArticle['metadata'] = {};
  for (const key of ['byline', 'siteName', 'publishedAt', 'canonicalUrl', 'language'] as const) {
    if (page[key] !== undefined) metadata[key] = page[key];
  }
  // Readability's byline comes from the article's visible author line, which is usually what a
  // reader would cite; the page's author tag is the fallback.
  const byline = readability.byline ?? metadata.byline;
  const siteName = metadata.siteName ?? readability.siteName;
  const publishedAt = metadata.publishedAt ?? readability.publishedAt;
  return {
    ...metadata,
    ...(byline === undefined ? {} : { byline }),
    ...(siteName === undefined ? {} : { siteName }),
    ...(publishedAt === undefined ? {} : { publishedAt }),
  };
}
