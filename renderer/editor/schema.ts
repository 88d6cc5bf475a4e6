import { Schema } from 'prosemirror-model';
import type { DOMOutputSpec, Mark, Node as PmNode } from 'prosemirror-model';

/** Link targets the article may show: web pages and mail addresses, nothing that runs code. */
const SAFE_HREF = /^(https?:\/\/|mailto:)/i;

/** Whether an href may be rendered as a link (http, https or mailto only). */
export function isSafeHref(href: unknown): href is string {
  return typeof href === 'string' && SAFE_HREF.test(href.trim());
}

/**
 * The article schema: a list of textblocks, one per stored `Block`, grouped in sections, so that
 * every block is a contiguous run of positions (see positions.ts). Lists are flattened into `list_item` blocks that
 * carry their own marker and depth. There are no parse rules on purpose: nothing is ever parsed
 * from HTML or pasted into the article, the view only renders what the service stored.
 */
export const articleSchema = new Schema({
  nodes: {
    doc: { content: 'section+' },
    // A run of blocks, for speed only (see BLOCKS_PER_SECTION in positions.ts); no box of its own.
    section: {
      content: 'block+',
      toDOM: (): DOMOutputSpec => ['div', { class: 'gl-section' }, 0],
    },
    paragraph: {
      group: 'block',
      content: 'inline*',
      toDOM: (): DOMOutputSpec => ['p', 0],
    },
    heading: {
      group: 'block',
      content: 'inline*',
      attrs: { level: { default: 2 } },
      defining: true,
      toDOM: (node: PmNode): DOMOutputSpec => [`h${clampLevel(node.attrs.level)}`, 0],
    },
    blockquote: {
      group: 'block',
      content: 'inline*',
      toDOM: (): DOMOutputSpec => ['blockquote', 0],
    },
    list_item: {
      group: 'block',
      content: 'inline*',
      attrs: { ordered: { default: false }, depth: { default: 1 }, marker: { default: '•' } },
      toDOM: (node: PmNode): DOMOutputSpec => [
        'div',
        {
          class: node.attrs.ordered ? 'gl-li gl-li-ordered' : 'gl-li',
          'data-marker': String(node.attrs.marker),
          style: `--gl-depth:${Math.min(8, Math.max(1, Number(node.attrs.depth) || 1))}`,
        },
        0,
      ],
    },
    code_block: {
      group: 'block',
      content: 'inline*',
      marks: '',
      code: true,
      toDOM: (): DOMOutputSpec => ['pre', ['code', 0]],
    },
    text: { group: 'inline' },
    hard_break: {
      group: 'inline',
      inline: true,
      selectable: false,
      // One position wide, and "\n" when ProseMirror reads the text back (copy, textBetween).
      leafText: () => '\n',
      toDOM: (): DOMOutputSpec => ['br'],
    },
  },
  marks: {
    em: { toDOM: (): DOMOutputSpec => ['em', 0] },
    strong: { toDOM: (): DOMOutputSpec => ['strong', 0] },
    code: { toDOM: (): DOMOutputSpec => ['code', 0] },
    link: {
      attrs: { href: {} },
      inclusive: false,
      toDOM: (mark: Mark): DOMOutputSpec => {
        // Checked again at render time: a link mark never becomes a javascript: or file: URL.
        const href = isSafeHref(mark.attrs.href) ? String(mark.attrs.href).trim() : undefined;
        return href
          ? ['a', { href, rel: 'noopener noreferrer', title: href, class: 'gl-link' }, 0]
          : ['span', { class: 'gl-link gl-link-unsafe' }, 0];
      },
    },
  },
});

function clampLevel(level: unknown): number {
  const n = Math.round(Number(level));
  return Number.isFinite(n) ? Math.min(6, Math.max(1, n)) : 2;
}
