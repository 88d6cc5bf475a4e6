import MarkdownIt from 'markdown-it';
import type { Token } from 'markdown-it';
import type { Block, BlockKind, InlineMark, InlineMarkKind } from '../core/domain';
import { CodePointIndex } from '../core/offsets';
import { decodeText } from './decode';
import type { ParsedDocument } from './import-txt';
import { titleFromLine } from './title';
import type { FormatReader } from './types';

/**
 * CommonMark plus GFM tables, with raw HTML off: HTML in a Markdown file stays visible as text and
 * is never interpreted. No typographer and no linkify, so the text is what the author wrote.
 */
const markdown = new MarkdownIt('default', { html: false, linkify: false, typographer: false });
// markdown-it leaves a link with a target it distrusts unparsed, so "[text](javascript:…)" would
// show up as raw Markdown. Parse every link and let safeHref decide: the text stays, the link goes.
markdown.validateLink = () => true;

/** The only link targets kept; anything else (javascript:, data:, file:, relative) loses its link. */
const SAFE_LINK_PROTOCOLS = new Set(['http:', 'https:', 'mailto:']);

/**
 * Reads .md files: decoded as text files are (see decode.ts), then parsed by markdown-it with raw
 * HTML off. The version names Gloss's extraction logic, not markdown-it's.
 */
export const mdReader: FormatReader = {
  format: 'md',
  importer: { name: 'Gloss Markdown (markdown-it 15)', version: '2' },
  async read(bytes, { name, options }) {
    const { text, encoding } = decodeText(name, bytes, options.encoding);
    return { ...parseMarkdown(name, text), metadata: {}, encoding };
  },
};

/**
 * A Markdown document as Gloss stores it: the rendered plain text of each block, blocks joined by
 * `\n`, with block kinds and inline marks as code-point ranges of that text. The title is the
 * first heading, else the file name.
 */
export function parseMarkdown(name: string, source: string): ParsedDocument {
  const writer = new BlockWriter();
  const containers: Container[] = [];
  let pending: { kind: BlockKind; level?: number } | undefined;
  let firstHeading: string | undefined;
  let cellsInRow = 0;

  for (const token of markdown.parse(source, {})) {
    switch (token.type) {
      case 'blockquote_open':
      case 'bullet_list_open':
      case 'ordered_list_open':
      case 'list_item_open':
        containers.push({ type: token.type.replace(/_open$/, ''), usedByParagraph: false });
        break;
      case 'blockquote_close':
      case 'bullet_list_close':
      case 'ordered_list_close':
      case 'list_item_close':
        containers.pop();
        break;
      case 'heading_open':
        pending = { kind: 'heading', level: Number(token.tag.slice(1)) };
        break;
      case 'paragraph_open':
        pending = paragraphKind(containers);
        break;
      case 'tr_open':
        // A table row becomes one paragraph, its cells separated by tabs.
        writer.open('paragraph');
        cellsInRow = 0;
        break;
      case 'th_open':
      case 'td_open':
        if (cellsInRow++ > 0) writer.append('\t');
        break;
      case 'tr_close':
        writer.close();
        break;
      case 'inline':
        if (pending) {
          writer.open(pending.kind, pending.level);
          appendInline(writer, token.children ?? []);
          const text = writer.close();
          if (pending.kind === 'heading' && firstHeading === undefined && text.trim()) {
            firstHeading = text;
          }
          pending = undefined;
        } else if (writer.isOpen()) {
          appendInline(writer, token.children ?? []);
        }
        break;
      case 'code_block':
      case 'fence':
        writer.open('code');
        writer.append(token.content.replace(/\n$/, ''));
        writer.close();
        break;
      default:
        // hr, html_block (inert with html: false) and closing tags carry no text of their own.
        break;
    }
  }

  const { text, blocks } = writer.finish();
  return { title: firstHeading === undefined ? name : titleFromLine(firstHeading), text, blocks };
}

interface Container {
  type: string;
  /** For a list item: whether its first paragraph (the item's own text) was seen. */
  usedByParagraph: boolean;
}

/** The first paragraph of a list item is the item; other paragraphs are quotes or paragraphs. */
function paragraphKind(containers: Container[]): { kind: BlockKind; level?: number } {
  const innermost = containers.at(-1);
  if (innermost?.type === 'list_item' && !innermost.usedByParagraph) {
    innermost.usedByParagraph = true;
    const lists = containers.filter((c) => c.type.endsWith('_list'));
    const list = lists.at(-1);
    return {
      kind: list?.type === 'ordered_list' ? 'ordered_item' : 'bullet_item',
      level: lists.length,
    };
  }
  if (containers.some((c) => c.type === 'blockquote')) return { kind: 'blockquote' };
  return { kind: 'paragraph' };
}

const MARK_OPENERS: Record<string, InlineMarkKind> = {
  em_open: 'em',
  strong_open: 'strong',
  link_open: 'link',
};

function appendInline(writer: BlockWriter, children: Token[]): void {
  // Open marks, innermost last; markdown-it always closes them in reverse order.
  const open: { kind: InlineMarkKind; start: number; href?: string }[] = [];
  for (const token of children) {
    const opened = MARK_OPENERS[token.type];
    if (opened) {
      const href = opened === 'link' ? safeHref(String(token.attrGet('href') ?? '')) : undefined;
      open.push({ kind: opened, start: writer.offset(), href });
      continue;
    }
    switch (token.type) {
      case 'em_close':
      case 'strong_close':
      case 'link_close': {
        const mark = open.pop();
        // A link whose target was unsafe keeps its text and loses only the link.
        if (mark && (mark.kind !== 'link' || mark.href))
          writer.mark(mark.kind, mark.start, mark.href);
        break;
      }
      case 'text':
      case 'text_special':
        writer.append(token.content);
        break;
      case 'code_inline': {
        const start = writer.offset();
        writer.append(token.content);
        writer.mark('code', start);
        break;
      }
      case 'softbreak':
        // A wrapped source line is one line of prose, as a browser shows it.
        writer.append(' ');
        break;
      case 'hardbreak':
        writer.append('\n');
        break;
      default:
        // Images are not text: their alt text stays out of the article.
        break;
    }
  }
}

function safeHref(href: string): string | undefined {
  if (!href) return undefined;
  try {
    return SAFE_LINK_PROTOCOLS.has(new URL(href).protocol) ? href : undefined;
  } catch {
    return undefined; // relative or malformed
  }
}

/**
 * Collects blocks and their marks while the tokens are walked. Offsets are UTF-16 while
 * building (that is what string lengths count) and become code points once, in `finish`.
 */
class BlockWriter {
  private readonly texts: string[] = [];
  private readonly blocks: Block[] = [];
  /** UTF-16 length of the text so far, separators included. */
  private length = 0;
  private current: { block: Block; parts: string[]; length: number } | undefined;

  open(kind: BlockKind, level?: number): void {
    this.close();
    const start = this.texts.length === 0 ? 0 : this.length + 1;
    const block: Block =
      level === undefined ? { kind, start, end: start } : { kind, start, end: start, level };
    this.current = { block, parts: [], length: 0 };
  }

  isOpen(): boolean {
    return this.current !== undefined;
  }

  /** Where the next appended character will be, as an absolute UTF-16 offset. */
  offset(): number {
    return this.current ? this.current.block.start + this.current.length : this.length;
  }

  append(text: string): void {
    if (!this.current || text === '') return;
    this.current.parts.push(text);
    this.current.length += text.length;
  }

  mark(kind: InlineMarkKind, start: number, href?: string): void {
    const end = this.offset();
    if (!this.current || end <= start) return;
    const mark: InlineMark = href === undefined ? { kind, start, end } : { kind, start, end, href };
    (this.current.block.marks ??= []).push(mark);
  }

  /** Ends the open block and returns its text; a block with no visible text is dropped. */
  close(): string {
    const current = this.current;
    this.current = undefined;
    if (!current) return '';
    const text = current.parts.join('');
    if (text.trim() === '') return '';
    current.block.end = current.block.start + text.length;
    this.blocks.push(current.block);
    this.texts.push(text);
    this.length = current.block.end;
    return text;
  }

  finish(): { text: string; blocks: Block[] } {
    this.close();
    const text = this.texts.join('\n');
    const index = new CodePointIndex(text);
    const toCodePoints = <T extends { start: number; end: number }>(range: T): T => ({
      ...range,
      start: index.toCodePoint(range.start),
      end: index.toCodePoint(range.end),
    });
    const blocks = this.blocks.map((block) => {
      const converted = toCodePoints(block);
      if (block.marks) converted.marks = block.marks.map(toCodePoints);
      return converted;
    });
    return { text, blocks };
  }
}
