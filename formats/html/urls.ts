/**
 * The URL policy of imported documents. Links are kept only when they point at the web or at an
 * e-mail address: `javascript:`, `vbscript:`, `data:`, `file:`, `blob:` and every other scheme are
 * dropped, and so is a relative link without a base to resolve it against. Hrefs go through the
 * WHATWG URL parser, the one browsers use, so whitespace, control characters and tabs inside the
 * scheme ("java\tscript:") are stripped exactly as a browser would before the scheme is checked,
 * and what is stored is the parser's canonical serialisation.
 */

const LINK_PROTOCOLS = new Set(['http:', 'https:', 'mailto:']);
const WEB_PROTOCOLS = new Set(['http:', 'https:']);
/** Longer hrefs are dropped: no real link needs more, and a hostile page could store megabytes. */
const MAX_HREF_LENGTH = 8192;

/**
 * The href to store for a link, or undefined when the link must go. `base` resolves relative
 * hrefs and is used only when it is itself http(s). Fragment-only hrefs ("#notes") are dropped:
 * they navigate inside a page that does not exist in Gloss.
 */
export function safeLinkHref(raw: string | null, base?: string): string | undefined {
  if (raw === null) return undefined;
  const trimmed = raw.trim();
  if (trimmed === '' || trimmed.startsWith('#') || trimmed.length > MAX_HREF_LENGTH) {
    return undefined;
  }
  const url = parseUrl(trimmed, base === undefined ? undefined : httpUrl(base));
  if (!url || !LINK_PROTOCOLS.has(url.protocol)) return undefined;
  return url.href.length > MAX_HREF_LENGTH ? undefined : url.href;
}

/** `raw` as a canonical absolute http(s) URL (resolved against an http(s) `base`), else undefined. */
export function httpUrl(raw: string | null | undefined, base?: string): string | undefined {
  if (raw === null || raw === undefined) return undefined;
  const trimmed = raw.trim();
  if (trimmed === '' || trimmed.length > MAX_HREF_LENGTH) return undefined;
  const webBase = base !== undefined && WEB_PROTOCOLS.has(parseUrl(base)?.protocol ?? '');
  const url = parseUrl(trimmed, webBase ? base : undefined);
  return url && WEB_PROTOCOLS.has(url.protocol) ? url.href : undefined;
}

function parseUrl(raw: string, base?: string): URL | undefined {
  try {
    return base === undefined ? new URL(raw) : new URL(raw, base);
  } catch {
    return undefined;
  }
}
