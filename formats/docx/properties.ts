/**
 * What a Word file says about itself: docProps/core.xml (Dublin Core: title, creator, dates,
 * language) and the authors of its comments in word/comments.xml. Both are read with an inert
 * XML parser that expands no entities.
 */
import type { DocumentMetadata } from '../../core/domain';
import { parseXmlDocument } from '../html/parse';

const DC = 'http://purl.org/dc/elements/1.1/';
const DCTERMS = 'http://purl.org/dc/terms/';
const WORD = 'http://schemas.openxmlformats.org/wordprocessingml/2006/main';

/** The document's title (if it has one) and its metadata. */
export function coreProperties(xml: string | undefined): {
  title?: string;
  metadata: DocumentMetadata;
} {
  const metadata: DocumentMetadata = {};
  const document = parse(xml);
  if (!document) return { metadata };
  const text = (namespace: string, name: string) =>
    clean(document.getElementsByTagNameNS(namespace, name)[0]?.textContent);
  const creator = text(DC, 'creator');
  if (creator) metadata.byline = creator;
  const date = isoDate(text(DCTERMS, 'created')) ?? isoDate(text(DCTERMS, 'modified'));
  if (date) metadata.publishedAt = date;
  const language = text(DC, 'language');
  if (language && /^[a-z]{2,3}(?:-[a-z0-9]{2,8})*$/i.test(language)) metadata.language = language;
  const title = text(DC, 'title');
  return title ? { title, metadata } : { metadata };
}

/** Comment id (w:id) → author's name, from word/comments.xml. */
export function commentAuthors(xml: string | undefined): Map<string, string> {
  const authors = new Map<string, string>();
  const document = parse(xml);
  if (!document) return authors;
  for (const comment of Array.from(document.getElementsByTagNameNS(WORD, 'comment'))) {
    const id = comment.getAttributeNS(WORD, 'id');
    const author = clean(comment.getAttributeNS(WORD, 'author'));
    if (id !== null && author) authors.set(id, author);
  }
  return authors;
}

function parse(xml: string | undefined): Document | undefined {
  if (!xml) return undefined;
  try {
    return parseXmlDocument(xml);
  } catch {
    return undefined; // a damaged properties part costs the metadata, not the document
  }
}

function clean(value: string | null | undefined): string | undefined {
  const text = value?.replace(/\s+/g, ' ').trim();
  return text || undefined;
}

/** A W3CDTF date as ISO 8601 (UTC, whole seconds), or undefined if it is not one. */
function isoDate(value: string | undefined): string | undefined {
  if (!value || !/^\d{4}-\d{2}-\d{2}/.test(value)) return undefined;
  const date = new Date(value);
  if (Number.isNaN(date.getTime())) return undefined;
  return /T/.test(value) ? date.toISOString().replace(/\.\d{3}Z$/, 'Z') : value.slice(0, 10);
}
