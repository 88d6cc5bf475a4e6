/**
 * What a PDF says about itself (its document information dictionary and catalog), cleaned of
 * what producers fill in by themselves: "Microsoft Word - draft3.doc" is not a title.
 */
import type { DocumentMetadata } from '../../core/domain';

/** The fields of pdf.js's `getMetadata().info` that Gloss reads. */
export interface PdfInfo {
  Title?: unknown;
  Author?: unknown;
  CreationDate?: unknown;
  ModDate?: unknown;
  Language?: unknown;
}

/** Byline, date and language from the information dictionary; absent fields stay absent. */
export function metadataOf(info: PdfInfo): DocumentMetadata {
  const metadata: DocumentMetadata = {};
  const author = clean(info.Author);
  if (author) metadata.byline = author;
  const date = pdfDate(info.CreationDate) ?? pdfDate(info.ModDate);
  if (date) metadata.publishedAt = date;
  const language = clean(info.Language);
  if (language && /^[a-z]{2,3}(?:-[a-z0-9]{2,8})*$/i.test(language)) metadata.language = language;
  return metadata;
}

/** The document's own title, unless it is a file name or a producer's placeholder. */
export function titleOf(info: PdfInfo): string | undefined {
  const title = clean(info.Title);
  if (!title || isJunkTitle(title)) return undefined;
  return title;
}

/** Titles that producers generate rather than authors write. */
export function isJunkTitle(title: string): boolean {
  const t = title.trim();
  return (
    !/\p{L}.*\p{L}/u.test(t) ||
    /^microsoft (?:word|powerpoint|excel)\b/i.test(t) ||
    /\.(?:docx?|rtf|odt|pdf|pptx?|xlsx?|txt|html?|indd|qxd|tex|dvi|ps)$/i.test(t) ||
    /^(?:untitled|document\s*\d*|doc\d+|title|slide \d+|без названия|безымянный|новый документ|документ\s*\d*)$/i.test(
      t,
    ) ||
    /^[\w-]+\.\w{2,4}$/.test(t)
  );
}

function clean(value: unknown): string | undefined {
  if (typeof value !== 'string') return undefined;
  const text = value
    .replace(/\p{Cc}/gu, ' ')
    .replace(/\s+/g, ' ')
    .trim();
  return text || undefined;
}

/**
 * A PDF date ("D:20240305143000+03'00'", ISO 32000 7.9.4) as ISO 8601 in UTC; a date without a
 * time stays a date. Undefined when the string is not a date.
 */
export function pdfDate(value: unknown): string | undefined {
  if (typeof value !== 'string') return undefined;
  const match =
    /^(?:D:)?(\d{4})(\d{2})?(\d{2})?(\d{2})?(\d{2})?(\d{2})?\s*(?:([Zz])|([+-])(\d{2})'?(\d{2})?'?)?/.exec(
      value.trim(),
    );
  if (!match) return undefined;
  const [, year, month = '01', day = '01', hour, minute = '00', second = '00'] = match;
  if (Number(month) < 1 || Number(month) > 12 || Number(day) < 1 || Number(day) > 31) {
    return undefined;
  }
  if (hour === undefined) return `${year}-${month}-${day}`;
  const sign = match[8] === '-' ? -1 : 1;
  const offsetMinutes = match[8] ? sign * (Number(match[9]) * 60 + Number(match[10] ?? 0)) : 0;
  const utc =
    Date.UTC(
      Number(year),
      Number(month) - 1,
      Number(day),
      Number(hour),
      Number(minute),
      Number(second),
    ) -
    offsetMinutes * 60_000;
  const date = new Date(utc);
  return Number.isNaN(date.getTime()) ? undefined : date.toISOString().replace('.000Z', 'Z');
}
