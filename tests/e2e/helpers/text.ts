/**
 * Text arithmetic for the end-to-end tests, done independently of the app's own code (core/) so
 * that a bug there cannot make a test agree with it. Offsets are Unicode code points,
 * end-exclusive (DESIGN.md §3); JavaScript strings count UTF-16 units, so every conversion here
 * goes through Array.from, which iterates by code point.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { SAMPLE_PATH } from '../../shared-files';

export { SAMPLE_PATH };

/** The text Gloss must store for a .txt file: BOM dropped, CRLF or lone CR to LF, nothing else. */
export function storedText(fileContent: string): string {
  return fileContent.replace(/^\uFEFF/, '').replace(/\r\n?/g, '\n');
}

export function readSample(): { fileName: string; content: string; text: string; title: string } {
  const content = readFileSync(SAMPLE_PATH, 'utf8');
  const text = storedText(content);
  return { fileName: path.basename(SAMPLE_PATH), content, text, title: titleOf(text) };
}

/** A plain-text document's title: its first non-empty line, whitespace collapsed. */
export function titleOf(text: string): string {
  const line = text.split('\n').find((l) => l.trim() !== '');
  if (line === undefined) throw new Error('a document without text has no title');
  return line.trim().replace(/\s+/g, ' ');
}

/** Code-point length of a string. */
export function cpLength(s: string): number {
  return Array.from(s).length;
}

/** The substring between two code-point offsets. */
export function cpSlice(text: string, start: number, end: number): string {
  return Array.from(text).slice(start, end).join('');
}

/** User-perceived characters: what one ArrowRight press moves over. */
export function graphemeCount(s: string): number {
  return Array.from(new Intl.Segmenter(undefined, { granularity: 'grapheme' }).segment(s)).length;
}

/**
 * One phrase of a document, located both ways the tests need it: code-point offsets into the
 * whole text (what exports and the database must say) and its place in its line (how the page
 * is searched: the reader shows one block per line for text without blank lines).
 */
export interface Phrase {
  quote: string;
  /** Code-point offsets into the document text, end-exclusive. */
  start: number;
  end: number;
  /** UTF-16 index of the phrase in the text (differs from `start` after an astral character). */
  utf16Start: number;
  /** The whole line holding the phrase, and the phrase's UTF-16 offset in it. */
  line: string;
  offsetInLine: number;
}

/**
 * Finds `quote` in `text`, the first occurrence at or after UTF-16 index `from`; throws if it
 * is missing, so a changed sample fails loudly instead of testing something else.
 */
export function findPhrase(text: string, quote: string, from = 0): Phrase {
  const utf16Start = text.indexOf(quote, from);
  if (utf16Start === -1) throw new Error(`"${quote}" is not in the text`);
  const lineStart = text.lastIndexOf('\n', utf16Start - 1) + 1;
  const newline = text.indexOf('\n', utf16Start);
  const lineEnd = newline === -1 ? text.length : newline;
  if (utf16Start + quote.length > lineEnd) throw new Error(`"${quote}" spans several lines`);
  const start = cpLength(text.slice(0, utf16Start));
  return {
    quote,
    start,
    end: start + cpLength(quote),
    utf16Start,
    line: text.slice(lineStart, lineEnd),
    offsetInLine: utf16Start - lineStart,
  };
}

/** The sentence of `text` that begins with `beginning` (up to and including its full stop). */
export function sentenceStartingWith(text: string, beginning: string): string {
  const at = text.indexOf(beginning);
  if (at === -1) throw new Error(`no sentence begins with "${beginning}"`);
  const stop = text.indexOf('.', at + beginning.length);
  if (stop === -1) throw new Error(`the sentence "${beginning}…" has no full stop`);
  return text.slice(at, stop + 1);
}

/** Escapes a string for use inside a RegExp. */
export function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/**
 * The accessible name of an annotation's card in the side panel begins "{Tag}: {quote}", the
 * quote's whitespace collapsed and cut at 80 characters. Matching the first 60 code points
 * checks the tag and the quote without depending on how the cut is marked.
 */
export function cardName(tag: string, quote: string): RegExp {
  const shown = Array.from(quote.replace(/\s+/g, ' ').trim()).slice(0, 60).join('');
  return new RegExp(`^${escapeRegExp(`${tag}: ${shown}`)}`);
}
