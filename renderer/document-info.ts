import type { ReimportResult } from '../core/api';
import type { DocumentFormat, DocumentMetadata, DocumentSummary } from '../core/domain';

/** What each format is, in words, for the details and the badges' tooltips. */
const FORMAT_LABELS: Record<DocumentFormat, string> = {
  txt: 'Plain text',
  md: 'Markdown',
  html: 'Web page (HTML)',
  mhtml: 'Saved web page (MHTML)',
  docx: 'Word document (DOCX)',
  pdf: 'PDF document',
  epub: 'E-book (EPUB)',
};

export function formatLabel(format: DocumentFormat | string): string {
  return FORMAT_LABELS[format as DocumentFormat] ?? format.toUpperCase();
}

/** Formats whose importer can keep the whole page instead of extracting the article. */
export function hasPageMode(format: DocumentFormat | string): boolean {
  return format === 'html' || format === 'mhtml';
}

/** "Ukrainian (uk)" for a BCP 47 tag, or the tag itself when the platform has no name for it. */
export function languageLabel(tag: string): string {
  try {
    const name = new Intl.DisplayNames(undefined, { type: 'language' }).of(tag);
    return name && name !== tag ? `${name} (${tag})` : tag;
  } catch {
    return tag; // Not a well-formed tag: show what the document said.
  }
}

/**
 * A published date as found in the document: a date alone stays a date (no invented midnight
 * in some time zone); a date-time is shown in local time. Anything unparseable is shown as is.
 */
export function publishedLabel(value: string): string {
  const dateOnly = /^\d{4}-\d{2}-\d{2}$/.test(value);
  const date = new Date(dateOnly ? `${value}T00:00:00Z` : value);
  if (Number.isNaN(date.getTime())) return value;
  return new Intl.DateTimeFormat(
    undefined,
    dateOnly ? { dateStyle: 'long', timeZone: 'UTC' } : { dateStyle: 'long', timeStyle: 'short' },
  ).format(date);
}

/**
 * Who and where a document is from, for a library row: "Byline · Site", either alone, or null.
 * Summaries carry metadata only when the service includes it (it is optional there).
 */
export function sourceLine(doc: DocumentSummary & { metadata?: DocumentMetadata }): string | null {
  const parts = [doc.metadata?.byline, doc.metadata?.siteName].filter(
    (part): part is string => typeof part === 'string' && part.trim() !== '',
  );
  return parts.length ? parts.join(' · ') : null;
}

const MAX_QUOTES = 3;
const QUOTE_CHARS = 60;

/** What a re-import did, in one sentence: moved annotations, and those left behind. */
export function reimportSummary(result: ReimportResult): string {
  if (!result.moved && !result.orphaned.length) return 'There were no annotations to move.';
  const moved = `${result.moved} ${result.moved === 1 ? 'annotation' : 'annotations'} moved`;
  if (!result.orphaned.length) return `${moved} to the new version.`;
  const quotes = result.orphaned.slice(0, MAX_QUOTES).map((o) => `“${shorten(o.exact)}”`);
  const more = result.orphaned.length - quotes.length;
  const list = more > 0 ? `${quotes.join(', ')} and ${more} more` : quotes.join(', ');
  const n = result.orphaned.length;
  return (
    `${moved}, ${n} could not be re-anchored: ${list}. ` +
    `${n === 1 ? 'It stays' : 'They stay'} on the previous version.`
  );
}

function shorten(text: string): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  const chars = Array.from(flat);
  return chars.length <= QUOTE_CHARS ? flat : `${chars.slice(0, QUOTE_CHARS - 1).join('')}…`;
}
