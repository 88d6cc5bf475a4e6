/**
 * The converter every HTML-ish source goes through (web pages, MHTML, EPUB chapters, DOCX via
 * mammoth, pasted HTML): a DOM in, plain text and blocks out. Nothing of the markup survives but
 * block kinds and four inline marks; links keep only http(s)/mailto targets (see urls.ts). What is
 * not shown to a reader is not text: scripts, styles, templates, embedded objects and frames, SVG
 * and MathML, form controls, images (their alt text too, as in the Markdown importer), and
 * anything `hidden`, `aria-hidden="true"` or styled `display: none` / `visibility: hidden`.
 */
import type { Block, BlockKind, InlineMarkKind } from '../../core/domain';
import { ArticleBuilder, type OpenMark, type RunMode } from './article-builder';
import { parseHtmlDocument } from './parse';
import { safeLinkHref } from './urls';

export interface ConvertOptions {
  /**
   * Resolves relative links. Defaults to the document's base URL (its URL or `<base href>`); only
   * an http(s) base is ever used, so without one relative links lose their link (not their text).
   */
  baseUrl?: string;
}

/** An article as text plus blocks (block texts joined by `\n`, offsets in code points). */
export interface ConvertedArticle {
  text: string;
  blocks: Block[];
}

/** Converts a DOM (a whole document's body, or one element and its content) into an article. */
export function articleFromDom(
  root: Element | Document,
  options: ConvertOptions = {},
): ConvertedArticle {
  const start = isDocument(root) ? (root.body ?? root.documentElement) : root;
  if (!start) return { text: '', blocks: [] };
  const base = options.baseUrl ?? start.ownerDocument.baseURI;
  const walker = new Walker(base);
  walker.walk(start);
  return walker.finish();
}

/**
 * Converts an HTML string (a page or a fragment: mammoth's output, pasted HTML) into an article.
 * The markup is parsed into an inert jsdom document (parse.ts: no scripts, no resource loading).
 * `name` names the source in the GlossError('too_large') thrown for absurdly deep nesting.
 */
export function articleFromHtml(
  html: string,
  options: ConvertOptions & { name?: string } = {},
): ConvertedArticle {
  const document = parseHtmlDocument(html, {
    ...(options.baseUrl === undefined ? {} : { url: options.baseUrl }),
    ...(options.name === undefined ? {} : { name: options.name }),
  });
  try {
    return articleFromDom(document, options);
  } finally {
    document.defaultView?.close();
  }
}

const SVG_NS = 'http://www.w3.org/2000/svg';
const MATHML_NS = 'http://www.w3.org/1998/Math/MathML';

/** Elements whose whole subtree is left out: never shown as text, or never text at all. */
const DROPPED = new Set([
  // scripts, styles and the document head
  'script', 'style', 'noscript', 'template', 'head', 'title', 'meta', 'link', 'base',
  // embedded content, frames, media and graphics
  'iframe', 'frame', 'frameset', 'object', 'embed', 'applet', 'param', 'portal', 'fencedframe',
  'svg', 'math', 'canvas', 'audio', 'video', 'source', 'track', 'picture', 'img', 'image', 'map',
  'area',
  // form controls
  'input', 'button', 'select', 'option', 'optgroup', 'datalist', 'textarea', 'output',
  'progress', 'meter', 'keygen',
  // obsolete raw-text elements: their content is markup kept as text
  'noembed', 'noframes', 'xmp', 'plaintext',
]); // prettier-ignore

/** Elements that start and end a block (anything else is inline, as a browser lays it out). */
const BLOCKS = new Set([
  'address', 'article', 'aside', 'blockquote', 'body', 'caption', 'center', 'dd', 'details',
  'dialog', 'dir', 'div', 'dl', 'dt', 'fieldset', 'figcaption', 'figure', 'footer', 'form',
  'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'header', 'hgroup', 'hr', 'html', 'legend', 'li', 'listing',
  'main', 'menu', 'nav', 'ol', 'p', 'pre', 'search', 'section', 'summary', 'table', 'tbody',
  'td', 'tfoot', 'th', 'thead', 'tr', 'ul',
]); // prettier-ignore

const MARKS: Record<string, InlineMarkKind> = {
  em: 'em', i: 'em', strong: 'strong', b: 'strong',
  code: 'code', kbd: 'code', samp: 'code', tt: 'code', a: 'link',
}; // prettier-ignore

const HEADING_LEVELS: Record<string, number> = { h1: 1, h2: 2, h3: 3, h4: 4, h5: 5, h6: 6 };
const LISTS = new Set(['ul', 'ol', 'menu', 'dir']);
const HIDDEN_STYLE =
  /(?:^|;)\s*(?:display\s*:\s*none|visibility\s*:\s*hidden)\s*(?:!important\s*)?(?:;|$)/i;
/** ASCII whitespace, which HTML collapses (U+00A0 and other spaces are text). */
const COLLAPSIBLE = /[\t\n\f\r ]+/g;
/** C0 controls that are not whitespace, and DEL: never visible, never stored. */
const CONTROLS = /[\u0000-\u0008\u000B\u000E-\u001F\u007F]/g; // eslint-disable-line no-control-regex

/** What decides the kind of a block: the innermost heading, pre, list item or quote. */
type Context =
  | { type: 'heading'; level: number }
  | { type: 'code' }
  | { type: 'quote' }
  | { type: 'item'; ordered: boolean; level: number; used: boolean };

/** What entering an element did, undone when it is left. */
interface Frame {
  boundary: boolean;
  context?: Context;
  list?: boolean;
  row?: boolean;
  mark?: OpenMark;
}

class Walker {
  private readonly out = new ArticleBuilder();
  private readonly frames: Frame[] = [];
  private readonly contexts: Context[] = [];
  private readonly lists: boolean[] = []; // true for ordered lists
  private quoteDepth = 0;
  private preDepth = 0;
  private linkDepth = 0;
  /** The table row being written as one block, with the number of its cells so far. */
  private row: Element | undefined;
  private cells = 0;

  constructor(private readonly base: string) {}

  /** Visits the subtree in document order without recursion, so deep nesting cannot overflow. */
  walk(root: Element): void {
    let node: Node = root;
    for (;;) {
      let descend = false;
      if (node.nodeType === ELEMENT_NODE) descend = this.enter(node as Element);
      else if (node.nodeType === TEXT_NODE || node.nodeType === CDATA_SECTION_NODE) {
        this.text((node as CharacterData).data);
      }
      if (descend && node.firstChild) {
        node = node.firstChild;
        continue;
      }
      if (descend) this.leave();
      for (;;) {
        if (node === root) return;
        if (node.nextSibling) {
          node = node.nextSibling;
          break;
        }
        node = node.parentNode!;
        this.leave();
      }
    }
  }

  finish(): ConvertedArticle {
    this.boundary();
    return this.out.finish();
  }

  /** Returns false when the element and its content are left out. */
  private enter(element: Element): boolean {
    const namespace = element.namespaceURI;
    if (namespace === SVG_NS || namespace === MATHML_NS) return false;
    const name = element.localName.toLowerCase();
    if (DROPPED.has(name) || isHidden(element, name)) return false;

    const frame: Frame = { boundary: BLOCKS.has(name) };
    this.frames.push(frame);
    if (name === 'br') {
      this.out.lineBreak();
      return true;
    }
    if (name === 'tr' && this.row === undefined) {
      this.boundary();
      this.row = element;
      this.cells = 0;
      frame.row = true;
      frame.boundary = false;
      return true;
    }
    if (
      (name === 'td' || name === 'th') &&
      this.row !== undefined &&
      element.parentNode === this.row
    ) {
      if (this.cells++ > 0) this.out.tab();
      frame.boundary = false;
      return true;
    }
    if (frame.boundary) this.boundary();
    if (LISTS.has(name)) {
      this.lists.push(name === 'ol');
      frame.list = true;
    }
    const context = this.contextOf(name);
    if (context) {
      this.contexts.push(context);
      frame.context = context;
      if (context.type === 'quote') this.quoteDepth++;
      if (context.type === 'code') this.preDepth++;
    }
    this.openMark(name, element, frame);
    return true;
  }

  private leave(): void {
    const frame = this.frames.pop()!;
    if (frame.mark) {
      this.out.closeMark(frame.mark);
      if (frame.mark.kind === 'link') this.linkDepth--;
    }
    if (frame.row) {
      this.row = undefined;
      this.endRun('row');
    } else if (frame.boundary) {
      this.boundary();
    }
    if (frame.context) {
      this.contexts.pop();
      if (frame.context.type === 'quote') this.quoteDepth--;
      if (frame.context.type === 'code') this.preDepth--;
    }
    if (frame.list) this.lists.pop();
  }

  private contextOf(name: string): Context | undefined {
    const level = HEADING_LEVELS[name];
    if (level !== undefined) return { type: 'heading', level };
    if (name === 'pre' || name === 'listing') return { type: 'code' };
    if (name === 'blockquote') return { type: 'quote' };
    if (name === 'li') {
      return {
        type: 'item',
        ordered: this.lists.at(-1) ?? false,
        level: Math.max(1, this.lists.length),
        used: false,
      };
    }
    return undefined;
  }

  private openMark(name: string, element: Element, frame: Frame): void {
    const kind = MARKS[name];
    if (kind === undefined) return;
    if (kind === 'code') {
      // Inside <pre> the whole block is code already.
      if (this.preDepth === 0) frame.mark = this.out.openMark('code');
      return;
    }
    if (kind !== 'link') {
      frame.mark = this.out.openMark(kind);
      return;
    }
    // A link inside a link (possible in XHTML) would make two targets for one text: keep the outer.
    if (this.linkDepth > 0) return;
    const href = safeLinkHref(element.getAttribute('href'), this.base);
    if (href === undefined) return;
    frame.mark = this.out.openMark('link', href);
    this.linkDepth++;
  }

  private text(data: string): void {
    if (this.preDepth > 0) {
      this.out.raw(data.replace(/\r\n?/g, '\n').replace(CONTROLS, '').replace(/\f/g, ''));
      return;
    }
    let text = data.replace(CONTROLS, '').replace(COLLAPSIBLE, ' ');
    if (text === '') return;
    if (text.charCodeAt(0) === 0x20) {
      this.out.space();
      text = text.slice(1);
    }
    const trailing = text.charCodeAt(text.length - 1) === 0x20;
    if (trailing) text = text.slice(0, -1);
    this.out.text(text);
    if (trailing) this.out.space();
  }

  /** A block element starts or ends: inside a table row it only separates words. */
  private boundary(): void {
    if (this.row !== undefined) this.out.space();
    else this.endRun(this.preDepth > 0 ? 'pre' : 'flow');
  }

  private endRun(mode: RunMode): void {
    this.out.endBlock(mode, () => this.describe(mode));
  }

  private describe(mode: RunMode): { kind: BlockKind; level?: number } {
    const quoted = { kind: this.quoteDepth > 0 ? 'blockquote' : 'paragraph' } as const;
    if (mode === 'row') return quoted;
    const context = this.contexts.at(-1);
    switch (context?.type) {
      case 'heading':
        return { kind: 'heading', level: context.level };
      case 'code':
        return { kind: 'code' };
      case 'item':
        // The first run of a list item is the item; what follows inside it is its own paragraph.
        if (context.used) return quoted;
        context.used = true;
        return { kind: context.ordered ? 'ordered_item' : 'bullet_item', level: context.level };
      default:
        return quoted;
    }
  }
}

const ELEMENT_NODE = 1;
const TEXT_NODE = 3;
const CDATA_SECTION_NODE = 4;

function isDocument(root: Element | Document): root is Document {
  return root.nodeType === 9;
}

function isHidden(element: Element, name: string): boolean {
  // A dialog is shown only while it is open.
  if (name === 'dialog') return !element.hasAttribute('open');
  if (!element.hasAttributes()) return false;
  if (element.hasAttribute('hidden')) return true;
  if (element.getAttribute('aria-hidden')?.trim().toLowerCase() === 'true') return true;
  const style = element.getAttribute('style');
  return style !== null && HIDDEN_STYLE.test(style);
}
