/**
 * What a web page says about itself — title, author, site, date, address, language — read from
 * the places publishers put it (Open Graph and article: meta tags, Dublin Core, schema.org JSON-LD,
 * `<link rel=canonical>`, `<html lang>`), in that order of trust. Values are plain strings, trimmed
 * and cut to a sane length; a URL is kept only when it is http(s).
 */
import type { DocumentMetadata } from '../../core/domain';
import { titleFromLine } from '../title';
import { jsonLdArticle } from './json-ld';
import { httpUrl } from './urls';

/** The page's metadata plus the title candidates a reader chooses from. */
export interface PageMetadata extends DocumentMetadata {
  /** og:title, else `<title>`. */
  title?: string;
  /** The first `<h1>`, a last resort for a title. */
  firstHeading?: string;
}

/** Longest byline, site name or title kept, in code points. */
const MAX_FIELD = 300;

const DATE_KEYS = [
  'article:published_time', 'og:published_time', 'datepublished', 'date', 'pubdate', 'publishdate',
  'publish-date', 'publication_date', 'dc.date', 'dc.date.issued', 'dcterms.date',
  'dcterms.issued', 'dcterms.created', 'sailthru.date', 'parsely-pub-date',
]; // prettier-ignore
const AUTHOR_KEYS = ['author', 'article:author', 'dc.creator', 'dcterms.creator', 'parsely-author'];

/** Reads the metadata of a parsed page. `baseUrl` resolves a relative canonical link. */
export function pageMetadata(document: Document, baseUrl?: string): PageMetadata {
  const meta = metaTags(document);
  const ld = jsonLdArticle(document);
  const metadata: PageMetadata = {};

  const title = field(meta.get('og:title') ?? meta.get('twitter:title') ?? document.title);
  if (title) metadata.title = title;
  const heading = field(document.querySelector('h1')?.textContent);
  if (heading) metadata.firstHeading = heading;

  const byline = firstOf(AUTHOR_KEYS.map((key) => meta.get(key)).filter((v) => !looksLikeUrl(v)));
  const author = field(byline ?? ld.author);
  if (author) metadata.byline = author;

  const site = field(meta.get('og:site_name') ?? ld.publisher ?? meta.get('application-name'));
  if (site) metadata.siteName = site;

  const published =
    firstOf(DATE_KEYS.map((key) => isoDate(meta.get(key)))) ??
    isoDate(ld.datePublished) ??
    isoDate(articleTime(document));
  if (published) metadata.publishedAt = published;

  // A relative canonical link needs a base: the page's address, else its absolute og:url.
  const ogUrl = httpUrl(meta.get('og:url'), baseUrl);
  const canonical =
    httpUrl(
      document.querySelector('link[rel~="canonical" i][href]')?.getAttribute('href'),
      baseUrl ?? ogUrl,
    ) ?? ogUrl;
  if (canonical) metadata.canonicalUrl = canonical;

  const language =
    languageTag(document.documentElement?.getAttribute('lang')) ??
    languageTag(document.documentElement?.getAttribute('xml:lang')) ??
    languageTag(meta.get('content-language')) ??
    languageTag(meta.get('og:locale')) ??
    languageTag(ld.inLanguage);
  if (language) metadata.language = language;
  return metadata;
}

/**
 * A date as ISO 8601: kept as found when it already is one ("2024", "2024-03-05",
 * "2024-03-05T10:00:00Z"), else parsed ("Tue, 05 Mar 2024 10:00:00 GMT") and written in UTC;
 * undefined when it is no date.
 */
export function isoDate(raw: string | null | undefined): string | undefined {
  const value = raw?.trim();
  if (!value || value.length > 64) return undefined;
  const iso =
    /^\d{4}(?:-\d{2}(?:-\d{2})?)?(?:[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?)?$/i;
  if (iso.test(value)) return value.replace(' ', 'T');
  const time = Date.parse(value);
  if (Number.isNaN(time)) return undefined;
  const year = new Date(time).getUTCFullYear();
  return year >= 1000 && year <= 9999 ? new Date(time).toISOString() : undefined;
}

/** A BCP 47 tag from `en_GB`, `en-gb`, `ru, en` …, canonicalised; undefined when it is none. */
export function languageTag(raw: string | null | undefined): string | undefined {
  const first = raw?.split(',')[0]?.trim().replace(/_/g, '-');
  if (!first || first.length > 35) return undefined;
  try {
    return Intl.getCanonicalLocales(first)[0];
  } catch {
    return undefined;
  }
}

/** A metadata string: whitespace collapsed, cut to MAX_FIELD code points, undefined when empty. */
export function field(raw: string | null | undefined): string | undefined {
  if (raw === null || raw === undefined || raw.trim() === '') return undefined;
  return titleFromLine(raw, MAX_FIELD);
}

/** `<meta>` contents by lower-cased name, property, itemprop or http-equiv; the first one wins. */
function metaTags(document: Document): Map<string, string> {
  const tags = new Map<string, string>();
  for (const meta of Array.from(document.querySelectorAll('meta[content]'))) {
    const content = meta.getAttribute('content')!;
    for (const attribute of ['name', 'property', 'itemprop', 'http-equiv']) {
      const key = meta.getAttribute(attribute)?.trim().toLowerCase();
      if (key && !tags.has(key)) tags.set(key, content);
    }
  }
  return tags;
}

/** The `datetime` of the article's `<time>`: one marked as the publication date, else the first. */
function articleTime(document: Document): string | undefined {
  const time =
    document.querySelector('time[itemprop~="datePublished" i][datetime]') ??
    document.querySelector('time[pubdate][datetime]') ??
    document.querySelector('article time[datetime]');
  return time?.getAttribute('datetime') ?? undefined;
}

function firstOf<T>(values: (T | undefined)[]): T | undefined {
  return values.find((value) => value !== undefined);
}

function looksLikeUrl(value: string | undefined): boolean {
  return value !== undefined && /^\s*(?:https?:)?\/\//i.test(value);
}
