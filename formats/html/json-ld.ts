/**
 * Reads what a page's schema.org JSON-LD says about its article. The blocks are hostile input:
 * each is parsed in a try, size- and depth-limited, and only plain strings of the expected shape
 * are taken (never evaluated, never merged into an object of ours).
 */

export interface JsonLdArticle {
  headline?: string;
  datePublished?: string;
  author?: string;
  publisher?: string;
  inLanguage?: string;
}

const MAX_BLOCK_CHARS = 1_000_000;
const MAX_NODES = 2000;
const MAX_DEPTH = 6;
const ARTICLE_TYPE = /(?:Article|BlogPosting|Report|Posting|Review)$/;

/** The first article-like node of the page's JSON-LD (or the first with a date), read defensively. */
export function jsonLdArticle(document: Document): JsonLdArticle {
  const nodes: Record<string, unknown>[] = [];
  for (const script of Array.from(document.querySelectorAll('script[type]'))) {
    const type = script.getAttribute('type')!.trim().toLowerCase();
    if (type !== 'application/ld+json') continue;
    const source = script.textContent ?? '';
    if (source.length > MAX_BLOCK_CHARS) continue;
    try {
      collectNodes(JSON.parse(source), nodes, 0);
    } catch {
      // Broken JSON-LD is common; it only means no metadata from this block.
    }
    if (nodes.length >= MAX_NODES) break;
  }
  const article =
    nodes.find((node) => types(node).some((t) => ARTICLE_TYPE.test(t))) ??
    nodes.find((node) => typeof node.datePublished === 'string');
  if (!article) return {};
  const result: JsonLdArticle = {};
  const headline = text(article.headline) ?? text(article.name);
  if (headline) result.headline = headline;
  const date = text(article.datePublished) ?? text(article.dateCreated);
  if (date) result.datePublished = date;
  const author = names(article.author);
  if (author) result.author = author;
  const publisher = names(article.publisher);
  if (publisher) result.publisher = publisher;
  const language = text(article.inLanguage);
  if (language) result.inLanguage = language;
  return result;
}

function collectNodes(value: unknown, into: Record<string, unknown>[], depth: number): void {
  if (depth > MAX_DEPTH || into.length >= MAX_NODES) return;
  if (Array.isArray(value)) {
    for (const item of value) collectNodes(item, into, depth + 1);
  } else if (isRecord(value)) {
    into.push(value);
    collectNodes(value['@graph'], into, depth + 1);
    collectNodes(value.mainEntity, into, depth + 1);
  }
}

function types(node: Record<string, unknown>): string[] {
  const type = node['@type'];
  if (typeof type === 'string') return [type];
  return Array.isArray(type) ? type.filter((t): t is string => typeof t === 'string') : [];
}

/** A name, a `{ name }` object, or a list of them, as one comma-separated string. */
function names(value: unknown): string | undefined {
  const list = (Array.isArray(value) ? value : [value]).slice(0, 20);
  const found = list
    .map((item) => text(item) ?? (isRecord(item) ? text(item.name) : undefined))
    .filter((name): name is string => name !== undefined);
  return found.length > 0 ? [...new Set(found)].join(', ') : undefined;
}

function text(value: unknown): string | undefined {
  if (typeof value !== 'string') return undefined;
  const trimmed = value.trim();
  return trimmed === '' ? undefined : trimmed;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
