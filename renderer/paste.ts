import type { ApiArgs } from '../core/api';
import { LIMITS } from '../core/limits';

/**
 * Pasted content: the clipboard's plain text and, when it has one, its HTML. The HTML is kept as
 * a string for the service, which sanitises it through the same path as an imported web page;
 * the renderer never parses it into a document, let alone into the page.
 */
export interface PastedContent {
  text: string;
  /** null when the clipboard had no HTML, or once the analyst edited the text by hand. */
  html: string | null;
}

export const EMPTY_PASTE: PastedContent = { text: '', html: null };

/** What a paste (or a drop) of some DataTransfer gives. */
export function pastedFrom(data: Pick<DataTransfer, 'getData'>): PastedContent {
  const html = data.getData('text/html');
  const text = data.getData('text/plain');
  return { text: text || (html ? htmlPreviewText(html) : ''), html: html.trim() ? html : null };
}

const ENTITIES: Record<string, string> = {
  amp: '&',
  lt: '<',
  gt: '>',
  quot: '"',
  apos: "'",
  nbsp: '\u00a0',
};

/**
 * A rough plain-text reading of some HTML, for the preview only when the clipboard had no plain
 * text: drops scripts, styles and comments, turns block ends into line breaks, removes the tags
 * and decodes entities. Done with strings on purpose: no parser, no element, nothing that could
 * load or run what the HTML contains. (The document itself is made by the service.)
 */
export function htmlPreviewText(html: string): string {
  return html
    .replace(/<!--[\s\S]*?-->/g, '')
    .replace(/<(script|style|template|noscript|head)\b[\s\S]*?<\/\1\s*>/gi, '')
    .replace(/<br\b[^>]*>/gi, '\n')
    .replace(/<\/(p|div|li|h[1-6]|blockquote|tr|section|article|pre)\s*>/gi, '\n')
    .replace(/<[^>]*>/g, '')
    .replace(/&(#x[0-9a-f]+|#[0-9]+|[a-z]+);/gi, (whole, name: string) => decodeEntity(whole, name))
    .replace(/[ \t\u00a0]+\n/g, '\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
}

function decodeEntity(whole: string, name: string): string {
  if (name.startsWith('#')) {
    const hex = name[1] === 'x' || name[1] === 'X';
    const code = Number.parseInt(name.slice(hex ? 2 : 1), hex ? 16 : 10);
    return code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : whole;
  }
  return ENTITIES[name.toLowerCase()] ?? whole;
}

/** Why some pasted content cannot be imported, or null when it can. */
export function pasteProblem(content: PastedContent): string | null {
  if (!content.text.trim() && !content.html?.trim()) return 'Paste some text first.';
  const size = Math.max(content.text.length, content.html?.length ?? 0);
  if (size > LIMITS.maxPasteChars) {
    const millions = LIMITS.maxPasteChars / 1_000_000;
    return `The pasted text is too long: Gloss takes up to ${millions} million characters at once.`;
  }
  return null;
}

/** The `importText` arguments for a paste and an optional title. */
export function importTextArgs(content: PastedContent, title: string): ApiArgs['importText'] {
  const args: ApiArgs['importText'] = {};
  if (title.trim()) args.title = title.trim();
  if (content.text.trim()) args.text = content.text;
  if (content.html) args.html = content.html;
  return args;
}
