import type { Mark, Node as PmNode } from 'prosemirror-model';
import type { Block, InlineMark } from '../../core/domain';
import { BLOCKS_PER_SECTION } from './positions';
import type { PositionMap } from './positions';
import { articleSchema as schema, isSafeHref } from './schema';

/**
 * Builds the ProseMirror document of an article from its stored text and blocks, in sections of
 * BLOCKS_PER_SECTION blocks (positions.ts lays positions out the same way). Each block becomes
 * one textblock whose content is exactly the block's text — a newline becomes a
 * hard_break — so positions inside it line up one-to-one with UTF-16 offsets (positions.ts relies
 * on this). Text between blocks is not shown.
 */
export function buildArticleDoc(map: PositionMap): PmNode {
  const text = map.index.text;
  const markers = new ListMarkers();
  const blocks: PmNode[] = map.blocks.map((block, i) => {
    const range = map.blockUtf16(i);
    const content = block.kind === 'code' ? [] : inlineMarks(block, map, range.start);
    const inline = inlineContent(text.slice(range.start, range.end), content);
    return blockNode(block, markers.next(block), inline);
  });
  if (blocks.length === 0) blocks.push(schema.nodes.paragraph!.create());
  const sections: PmNode[] = [];
  for (let i = 0; i < blocks.length; i += BLOCKS_PER_SECTION) {
    sections.push(schema.nodes.section!.create(null, blocks.slice(i, i + BLOCKS_PER_SECTION)));
  }
  return schema.nodes.doc!.create(null, sections);
}

interface LocalMark {
  /** UTF-16 offsets relative to the block's start. */
  from: number;
  to: number;
  mark: Mark;
}

function blockNode(block: Block, marker: string, content: PmNode[]): PmNode {
  const { nodes } = schema;
  switch (block.kind) {
    case 'heading':
      return nodes.heading!.create({ level: block.level ?? 2 }, content);
    case 'blockquote':
      return nodes.blockquote!.create(null, content);
    case 'code':
      return nodes.code_block!.create(null, content);
    case 'bullet_item':
    case 'ordered_item':
      return nodes.list_item!.create(
        { ordered: block.kind === 'ordered_item', depth: block.level ?? 1, marker },
        content,
      );
    default:
      return nodes.paragraph!.create(null, content);
  }
}

/** The block's inline marks as schema marks at UTF-16 offsets local to the block. */
function inlineMarks(block: Block, map: PositionMap, blockStart: number): LocalMark[] {
  const result: LocalMark[] = [];
  for (const m of block.marks ?? []) {
    const mark = toSchemaMark(m);
    if (!mark) continue;
    const from = Math.max(block.start, m.start);
    const to = Math.min(block.end, m.end);
    if (from >= to) continue;
    result.push({
      from: map.index.toUtf16(from) - blockStart,
      to: map.index.toUtf16(to) - blockStart,
      mark,
    });
  }
  return result;
}

function toSchemaMark(m: InlineMark): Mark | null {
  const { marks } = schema;
  switch (m.kind) {
    case 'em':
      return marks.em!.create();
    case 'strong':
      return marks.strong!.create();
    case 'code':
      return marks.code!.create();
    case 'link':
      // An unsafe URL loses its link but keeps its text.
      return isSafeHref(m.href) ? marks.link!.create({ href: m.href.trim() }) : null;
    default:
      return null;
  }
}

/**
 * Cuts a block's text at every mark boundary and newline: each piece becomes a text node with
 * the marks that cover it, each newline a hard_break.
 */
function inlineContent(text: string, marks: LocalMark[]): PmNode[] {
  if (text === '') return [];
  const cuts = new Set<number>([0, text.length]);
  for (const m of marks) cuts.add(m.from).add(m.to);
  for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) cuts.add(i).add(i + 1);
  const points = [...cuts].sort((a, b) => a - b);
  const nodes: PmNode[] = [];
  for (let k = 0; k + 1 < points.length; k++) {
    const from = points[k]!;
    const to = points[k + 1]!;
    if (text[from] === '\n') {
      nodes.push(schema.nodes.hard_break!.create());
      continue;
    }
    let set: readonly Mark[] = [];
    for (const m of marks) if (m.from <= from && m.to >= to) set = m.mark.addToSet(set);
    nodes.push(schema.text(text.slice(from, to), set));
  }
  return nodes;
}

/**
 * Numbers ordered list items: consecutive items at the same depth count up; a deeper item starts
 * its own count; any other block ends the list.
 */
class ListMarkers {
  private counters: number[] = [];

  next(block: Block): string {
    if (block.kind !== 'ordered_item' && block.kind !== 'bullet_item') {
      this.counters = [];
      return '';
    }
    const depth = Math.max(1, block.level ?? 1);
    this.counters.length = depth;
    if (block.kind === 'bullet_item') {
      this.counters[depth - 1] = 0;
      return depth % 2 === 1 ? '•' : '◦';
    }
    const count = (this.counters[depth - 1] ?? 0) + 1;
    this.counters[depth - 1] = count;
    return `${count}.`;
  }
}
