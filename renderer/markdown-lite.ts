/**
 * The small Markdown that memos and annotation notes use: **bold**, *italic* (or _italic_),
 * [links](https://…) and bare https:// addresses, "- " and "1. " lists, paragraphs and line
 * breaks. Parsed into a tiny tree and rendered to React elements — never to an HTML string, so
 * whatever a note contains (it may be pasted from a hostile page) is shown as text. Links are
 * http(s) only; anything else is shown as the text that was typed.
 */
import { createElement, Fragment } from 'react';
import type { ReactNode } from 'react';

export type MdInline =
  | { type: 'text'; text: string }
  | { type: 'strong' | 'em'; children: MdInline[] }
  | { type: 'link'; href: string; children: MdInline[] }
  | { type: 'break' };

export type MdBlock =
  | { type: 'paragraph'; children: MdInline[] }
  | { type: 'list'; ordered: boolean; start: number; items: MdInline[][] };

const BULLET = /^\s{0,3}[-*+]\s+(.*)$/;
const NUMBERED = /^\s{0,3}(\d{1,9})[.)]\s+(.*)$/;
/** Emphasis inside emphasis inside…: deeper than this is shown as typed. */
const MAX_DEPTH = 6;

/** Parses a note into blocks: paragraphs (lines joined by breaks) and lists. */
export function parseMarkdownLite(source: string): MdBlock[] {
  const blocks: MdBlock[] = [];
  let paragraph: string[] = [];
  let list: { ordered: boolean; start: number; items: string[][] } | null = null;

  const flush = () => {
    if (paragraph.length) {
      blocks.push({ type: 'paragraph', children: parseLines(paragraph) });
      paragraph = [];
    }
    if (list) {
      blocks.push({
        type: 'list',
        ordered: list.ordered,
        start: list.start,
        items: list.items.map(parseLines),
      });
      list = null;
    }
  };

  for (const line of source.replace(/\r\n?/g, '\n').split('\n')) {
    const bullet = BULLET.exec(line);
    const numbered = bullet ? null : NUMBERED.exec(line);
    if (bullet || numbered) {
      const ordered = numbered !== null;
      if (paragraph.length || (list && list.ordered !== ordered)) flush();
      list ??= { ordered, start: numbered ? Number(numbered[1]) : 1, items: [] };
      list.items.push([(bullet?.[1] ?? numbered?.[2] ?? '').trim()]);
    } else if (line.trim() === '') {
      flush();
    } else if (list && /^\s/.test(line)) {
      // An indented line continues the list item above it.
      list.items[list.items.length - 1]!.push(line.trim());
    } else {
      if (list) flush();
      paragraph.push(line.trim());
    }
  }
  flush();
  return blocks;
}

function parseLines(lines: readonly string[]): MdInline[] {
  const out: MdInline[] = [];
  lines.forEach((line, i) => {
    if (i > 0) out.push({ type: 'break' });
    out.push(...parseInline(line));
  });
  return out;
}

/** Parses one line of inline Markdown. */
export function parseInline(text: string): MdInline[] {
  return new InlineParser(text).parse(0, text.length, 0);
}

/**
 * A single left-to-right pass. A delimiter without a closing partner is text. Where each kind
 * of delimiter occurs is indexed once, and a closer is found by binary search, so a long note
 * full of stray asterisks or brackets stays fast.
 */
class InlineParser {
  /** Sorted positions of each delimiter, and of `*` / `_` that can close emphasis. */
  private readonly at = new Map<string, number[]>();

  constructor(private readonly text: string) {
    const add = (key: string, i: number) => {
      let list = this.at.get(key);
      if (!list) this.at.set(key, (list = []));
      list.push(i);
    };
    for (let i = 0; i < text.length; i++) {
      const char = text[i]!;
      if (char === '*' || char === '_') {
        if (text[i + 1] === char) add(char + char, i);
        if (this.closesEmphasis(i)) add(`close${char}`, i);
      } else if (char === '[' || char === ']' || char === ')') {
        add(char, i);
        if (char === ']' && text[i + 1] === '(') add('](', i);
      }
    }
  }

  parse(from: number, to: number, depth: number): MdInline[] {
    const out: MdInline[] = [];
    let plain = '';
    const pushText = () => {
      if (plain) out.push({ type: 'text', text: plain });
      plain = '';
    };
    let i = from;
    while (i < to) {
      const char = this.text[i]!;
      const pair = this.text.slice(i, i + 2);
      if (char === '\\' && i + 1 < to && /[\\*_[\]()`#+\-.!]/.test(this.text[i + 1]!)) {
        plain += this.text[i + 1];
        i += 2;
        continue;
      }
      if (depth < MAX_DEPTH && (pair === '**' || pair === '__')) {
        const close = this.next(pair, i + 2, to - 1);
        if (close > i + 2) {
          pushText();
          out.push({ type: 'strong', children: this.parse(i + 2, close, depth + 1) });
          i = close + 2;
          continue;
        }
      }
      if (depth < MAX_DEPTH && (char === '*' || char === '_') && this.opens(i, to)) {
        const close = this.next(`close${char}`, i + 2, to);
        if (close > i + 1) {
          pushText();
          out.push({ type: 'em', children: this.parse(i + 1, close, depth + 1) });
          i = close + 1;
          continue;
        }
      }
      if (char === '[') {
        const link = this.link(i, to, depth);
        if (link) {
          pushText();
          out.push(link.node);
          i = link.end;
          continue;
        }
      }
      if ((char === 'h' || char === 'H') && /^https?:\/\//i.test(this.text.slice(i, i + 8))) {
        const before = i > 0 ? this.text[i - 1]! : ' ';
        if (!/[\p{L}\p{N}]/u.test(before)) {
          const end = autolinkEnd(this.text, i, to);
          const href = safeHref(this.text.slice(i, end));
          if (href) {
            pushText();
            const shown = this.text.slice(i, end);
            out.push({ type: 'link', href, children: [{ type: 'text', text: shown }] });
            i = end;
            continue;
          }
        }
      }
      plain += char;
      i++;
    }
    pushText();
    return out;
  }

  /** Whether `*` or `_` at i can open emphasis: followed by a non-space; `_` not inside a word. */
  private opens(i: number, to: number): boolean {
    const next = this.text[i + 1];
    if (i + 1 >= to || next === undefined || /\s/.test(next) || next === this.text[i]) return false;
    return this.text[i] === '*' || i === 0 || !/[\p{L}\p{N}]/u.test(this.text[i - 1]!);
  }

  /** Whether `*` or `_` at i can close emphasis: single, after a non-space, `_` ending a word. */
  private closesEmphasis(i: number): boolean {
    const mark = this.text[i]!;
    if (this.text[i + 1] === mark || this.text[i - 1] === mark) return false;
    if (/\s/.test(this.text[i - 1] ?? ' ')) return false;
    return mark === '*' || !/[\p{L}\p{N}]/u.test(this.text[i + 1] ?? ' ');
  }

  /** The first position of `key` in [from, to), or -1. */
  private next(key: string, from: number, to: number): number {
    const list = this.at.get(key);
    if (!list) return -1;
    let low = 0;
    let high = list.length;
    while (low < high) {
      const mid = (low + high) >> 1;
      if (list[mid]! < from) low = mid + 1;
      else high = mid;
    }
    const found = list[low];
    return found !== undefined && found < to ? found : -1;
  }

  /** `[text](http…)` at i, or null when it is not a link (then it is shown as typed). */
  private link(i: number, to: number, depth: number): { node: MdInline; end: number } | null {
    const close = this.next('](', i + 1, to);
    if (close < 0) return null;
    // The label holds no other bracket.
    const bracket = Math.min(
      ...[this.next('[', i + 1, close), this.next(']', i + 1, close)].map((p) =>
        p < 0 ? Infinity : p,
      ),
    );
    if (bracket < close || this.text.slice(i + 1, close).trim() === '') return null;
    const end = this.next(')', close + 2, to);
    if (end < 0) return null;
    const href = safeHref(this.text.slice(close + 2, end).trim());
    if (!href) return null;
    const children =
      depth < MAX_DEPTH
        ? this.parse(i + 1, close, depth + 1)
        : [{ type: 'text' as const, text: this.text.slice(i + 1, close) }];
    return { node: { type: 'link', href, children }, end: end + 1 };
  }
}

/** Where a bare address ends: at a space, without trailing punctuation or an unopened ")". */
function autolinkEnd(text: string, from: number, to: number): number {
  let end = from;
  while (end < to && !/[\s<>"]/.test(text[end]!)) end++;
  while (end > from && /[.,;:!?'”’»)\]*_]/.test(text[end - 1]!)) {
    const char = text[end - 1]!;
    if (char === ')') {
      const span = text.slice(from, end);
      if ((span.match(/\(/g)?.length ?? 0) >= (span.match(/\)/g)?.length ?? 0)) break;
    }
    end--;
  }
  return end;
}

/** The address if it is an absolute http(s) URL with a host, else null. */
export function safeHref(raw: string): string | null {
  if (/\s/.test(raw) || !/^https?:\/\//i.test(raw)) return null;
  try {
    const url = new URL(raw);
    if ((url.protocol !== 'http:' && url.protocol !== 'https:') || !url.hostname) return null;
    return url.href;
  } catch {
    return null;
  }
}

export interface RenderOptions {
  /** false: links are shown as their text (inside a button, where a link cannot be). */
  links?: boolean;
}

/** The note as React elements: paragraphs and lists, bold, italic, safe links. */
export function renderMarkdownLite(source: string, options: RenderOptions = {}): ReactNode {
  return parseMarkdownLite(source).map((block, index) => renderBlock(block, index, options));
}

/**
 * The note as inline React elements, for a one-line preview: paragraphs and list items run on,
 * separated by spaces, without block elements (which cannot sit inside a button).
 */
export function renderMarkdownInline(source: string, options: RenderOptions = {}): ReactNode {
  const parts: MdInline[] = [];
  for (const block of parseMarkdownLite(source)) {
    const runs = block.type === 'paragraph' ? [block.children] : block.items;
    for (const run of runs) {
      if (parts.length) parts.push({ type: 'text', text: ' ' });
      parts.push(...run.map((node) => (node.type === 'break' ? textNode(' ') : node)));
    }
  }
  return renderInlines(parts, options);
}

/** The note's text without its Markdown: for accessible names and one-line summaries. */
export function markdownToPlainText(source: string): string {
  const lines: string[] = [];
  for (const block of parseMarkdownLite(source)) {
    if (block.type === 'paragraph') lines.push(plain(block.children));
    else
      block.items.forEach((item, i) =>
        lines.push(`${block.ordered ? `${block.start + i}.` : '•'} ${plain(item)}`),
      );
  }
  return lines.join('\n');
}

function plain(nodes: readonly MdInline[]): string {
  return nodes
    .map((node) => {
      if (node.type === 'text') return node.text;
      if (node.type === 'break') return '\n';
      return plain(node.children);
    })
    .join('');
}

function textNode(text: string): MdInline {
  return { type: 'text', text };
}

function renderBlock(block: MdBlock, key: number, options: RenderOptions): ReactNode {
  if (block.type === 'paragraph') {
    return createElement('p', { key, className: 'md-p' }, renderInlines(block.children, options));
  }
  const items = block.items.map((item, i) =>
    createElement('li', { key: i }, renderInlines(item, options)),
  );
  return block.ordered
    ? createElement('ol', { key, className: 'md-list', start: block.start }, items)
    : createElement('ul', { key, className: 'md-list' }, items);
}

function renderInlines(nodes: readonly MdInline[], options: RenderOptions): ReactNode {
  return nodes.map((node, key) => renderInline(node, key, options));
}

function renderInline(node: MdInline, key: number, options: RenderOptions): ReactNode {
  switch (node.type) {
    case 'text':
      return createElement(Fragment, { key }, node.text);
    case 'break':
      return createElement('br', { key });
    case 'strong':
    case 'em':
      return createElement(node.type, { key }, renderInlines(node.children, options));
    case 'link':
      if (options.links === false) {
        return createElement(Fragment, { key }, renderInlines(node.children, options));
      }
      // A new window: Electron's guard asks before opening it in the browser (DESIGN.md §7);
      // in browser mode it is a new tab that gets no opener and no referrer.
      return createElement(
        'a',
        {
          key,
          href: node.href,
          target: '_blank',
          rel: 'noopener noreferrer nofollow',
          title: node.href,
          className: 'md-link',
        },
        renderInlines(node.children, options),
      );
  }
}
