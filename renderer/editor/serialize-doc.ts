import type { Mark, Node as PmNode } from 'prosemirror-model';
import type { Block, BlockKind, InlineMarkKind } from '../../core/domain';
import { CodePointIndex } from '../../core/offsets';
import type { Side } from './positions';
import { isSafeHref } from './schema';

/** An article document read back as the service stores it (the inverse of build-doc.ts). */
export interface SerializedArticle {
  /** The blocks' texts joined by '\n'; a hard_break is a '\n' inside its block. */
  text: string;
  /** Code-point offsets into `text`, ordered; empty textblocks are left out. */
  blocks: Block[];
  /** The code-point offset of a position of the serialised document. */
  offsetAt(pos: number, side: Side): number;
}

interface TextblockPlace {
  /** Position of the block's first content position in the document. */
  contentStart: number;
  /** Its content size (one position per UTF-16 unit of text, one per hard_break). */
  size: number;
  /** UTF-16 offset of its first character in the serialised text. */
  utf16Start: number;
}

const MARK_KINDS: Record<string, InlineMarkKind> = {
  em: 'em',
  strong: 'strong',
  code: 'code',
  link: 'link',
};

/**
 * Serialises an article document: each non-empty textblock becomes a Block whose text is its
 * content, blocks joined by '\n', its marks kept as InlineMarks (adjacent runs of one mark
 * merged). `pageOf` gives a block its source page (PDF), which the schema does not carry.
 */
export function serializeArticle(
  doc: PmNode,
  pageOf: (contentStart: number) => number | undefined = () => undefined,
): SerializedArticle {
  const pieces: string[] = [];
  const places: TextblockPlace[] = [];
  const drafts: { block: Block; marks: LocalMark[]; utf16Start: number }[] = [];
  let utf16 = 0;
  doc.descendants((node, pos) => {
    if (!node.isTextblock) return true;
    if (node.content.size === 0) return false;
    if (places.length > 0) {
      pieces.push('\n');
      utf16 += 1;
    }
    const contentStart = pos + 1;
    const marks: LocalMark[] = [];
    let local = 0;
    node.forEach((child) => {
      const text = child.isText ? child.text! : '\n';
      if (child.isText && node.type.name !== 'code_block')
        collectMarks(child.marks, local, text, marks);
      pieces.push(text);
      local += text.length;
    });
    places.push({ contentStart, size: node.content.size, utf16Start: utf16 });
    const page = pageOf(contentStart);
    drafts.push({
      block: { ...blockKind(node), start: utf16, end: utf16 + local, ...(page ? { page } : {}) },
      marks,
      utf16Start: utf16,
    });
    utf16 += local;
    return false;
  });
  const text = pieces.join('');
  const index = new CodePointIndex(text);
  const blocks = drafts.map(({ block, marks, utf16Start }) => {
    const result: Block = {
      ...block,
      start: index.toCodePoint(block.start),
      end: index.toCodePoint(block.end),
    };
    const inline = mergeMarks(marks).map((m) => ({
      kind: m.kind,
      start: index.toCodePoint(utf16Start + m.from),
      end: index.toCodePoint(utf16Start + m.to),
      ...(m.href !== undefined ? { href: m.href } : {}),
    }));
    if (inline.length) result.marks = inline;
    return result;
  });
  return { text, blocks, offsetAt: (pos, side) => offsetAt(places, index, pos, side) };
}

/** The Block fields a textblock's type and attributes give. */
function blockKind(node: PmNode): Pick<Block, 'kind' | 'level'> {
  switch (node.type.name) {
    case 'heading':
      return { kind: 'heading', level: clamp(node.attrs.level, 1, 6, 2) };
    case 'blockquote':
      return { kind: 'blockquote' };
    case 'code_block':
      return { kind: 'code' };
    case 'list_item': {
      const kind: BlockKind = node.attrs.ordered ? 'ordered_item' : 'bullet_item';
      return { kind, level: clamp(node.attrs.depth, 1, 32, 1) };
    }
    default:
      return { kind: 'paragraph' };
  }
}

function clamp(value: unknown, min: number, max: number, fallback: number): number {
  const n = Math.round(Number(value));
  return Number.isFinite(n) ? Math.min(max, Math.max(min, n)) : fallback;
}

interface LocalMark {
  kind: InlineMarkKind;
  href?: string;
  /** UTF-16 offsets local to the block. */
  from: number;
  to: number;
}

function collectMarks(marks: readonly Mark[], from: number, text: string, out: LocalMark[]) {
  for (const mark of marks) {
    const kind = MARK_KINDS[mark.type.name];
    if (!kind) continue;
    if (kind === 'link') {
      // Only links the article may show are stored, as on import.
      if (!isSafeHref(mark.attrs.href)) continue;
      out.push({ kind, href: String(mark.attrs.href).trim(), from, to: from + text.length });
    } else {
      out.push({ kind, from, to: from + text.length });
    }
  }
}

/** Joins runs of one mark that touch (text nodes split by another mark or a hard_break). */
function mergeMarks(marks: LocalMark[]): LocalMark[] {
  const sorted = [...marks].sort(
    (a, b) =>
      a.kind.localeCompare(b.kind) || (a.href ?? '').localeCompare(b.href ?? '') || a.from - b.from,
  );
  const merged: LocalMark[] = [];
  for (const mark of sorted) {
    const last = merged[merged.length - 1];
    if (last && last.kind === mark.kind && last.href === mark.href && last.to >= mark.from) {
      last.to = Math.max(last.to, mark.to);
    } else {
      merged.push({ ...mark });
    }
  }
  return merged.sort((a, b) => a.from - b.from || a.to - b.to);
}

/**
 * The code-point offset of document position `pos`: inside a block it is the block's own
 * character; between blocks a span's start moves to the next block and its end to the previous
 * one (as positions.ts does), so a span never takes in a separator it did not show.
 */
function offsetAt(
  places: readonly TextblockPlace[],
  index: CodePointIndex,
  pos: number,
  side: Side,
): number {
  if (places.length === 0) return 0;
  let lo = 0;
  let hi = places.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (places[mid]!.contentStart <= pos) lo = mid + 1;
    else hi = mid;
  }
  const i = lo - 1;
  let utf16: number;
  if (i < 0) utf16 = places[0]!.utf16Start;
  else {
    const place = places[i]!;
    if (pos <= place.contentStart + place.size) utf16 = place.utf16Start + pos - place.contentStart;
    else if (side === 'start' && i + 1 < places.length) utf16 = places[i + 1]!.utf16Start;
    else utf16 = place.utf16Start + place.size;
  }
  const codePoint = index.toCodePoint(utf16);
  return side === 'end' && index.toUtf16(codePoint) < utf16 ? codePoint + 1 : codePoint;
}
