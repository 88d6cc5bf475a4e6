import type { Block, BlockKind, InlineMark, InlineMarkKind } from '../../core/domain';
import { CodePointIndex } from '../../core/offsets';

/**
 * How a run of text is finished into a block: `flow` text had its whitespace collapsed (a browser's
 * normal rendering), `pre` text kept it, `row` is a table row whose cells are separated by tabs.
 */
export type RunMode = 'flow' | 'pre' | 'row';

/** A mark element that is open while text is appended (it may span several blocks). */
export interface OpenMark {
  kind: InlineMarkKind;
  href?: string;
  /** Where it started in the current run (UTF-16). */
  start: number;
}

interface RunMark {
  kind: InlineMarkKind;
  href?: string;
  start: number;
  end: number;
}

/**
 * Builds an article's text and blocks while a DOM is walked, in one pass. Text is appended to the
 * current run; `endBlock` turns the run into a block (or drops it when it has no visible text).
 * Whitespace is collapsed lazily, as a browser lays out inline text: a run of spaces becomes one
 * space that is written only when more text follows on the same line, so no block starts or ends
 * with one and no space survives before a line break. Offsets are UTF-16 within the run while it is
 * built and become code points, once, when the run is finished — linear in the text.
 */
export class ArticleBuilder {
  private readonly texts: string[] = [];
  private readonly blocks: Block[] = [];
  /** Code points of the text so far, separators included. */
  private codePoints = 0;
  private utf16Length = 0;
  private parts: string[] = [];
  private length = 0;
  /** The last UTF-16 unit appended to the run, or 0 at the start of the run. */
  private lastUnit = 0;
  private pendingSpace = false;
  private marks: RunMark[] = [];
  private readonly open = new Set<OpenMark>();

  /** Records collapsible whitespace: one space separates what comes next on the same line. */
  space(): void {
    this.pendingSpace = true;
  }

  /** Appends text whose whitespace was already collapsed (no leading or trailing space). */
  text(text: string): void {
    if (text === '') return;
    if (
      this.pendingSpace &&
      this.length > 0 &&
      this.lastUnit !== NEWLINE &&
      this.lastUnit !== TAB
    ) {
      this.push(' ');
    }
    this.pendingSpace = false;
    this.push(text);
  }

  /** Appends preformatted text as it is. */
  raw(text: string): void {
    this.pendingSpace = false;
    if (text !== '') this.push(text);
  }

  /** A line break inside the block (`<br>`); pending whitespace before it is dropped. */
  lineBreak(): void {
    this.pendingSpace = false;
    this.push('\n');
  }

  /** The separator between two cells of a table row. */
  tab(): void {
    this.pendingSpace = false;
    this.push('\t');
  }

  openMark(kind: InlineMarkKind, href?: string): OpenMark {
    const mark: OpenMark =
      href === undefined ? { kind, start: this.length } : { kind, href, start: this.length };
    this.open.add(mark);
    return mark;
  }

  closeMark(mark: OpenMark): void {
    if (!this.open.delete(mark)) return;
    this.addRunMark(mark, this.length);
  }

  /**
   * Ends the current run. When it has visible text it becomes a block of the kind `describe`
   * returns (called only then, so a list item is not "used up" by an empty run); marks still open
   * are cut at the end of this block and continue at the start of the next.
   */
  endBlock(mode: RunMode, describe: () => { kind: BlockKind; level?: number }): void {
    for (const mark of this.open) {
      this.addRunMark(mark, this.length);
      mark.start = 0;
    }
    const joined = this.parts.join('');
    const marks = this.marks;
    this.parts = [];
    this.length = 0;
    this.lastUnit = 0;
    this.pendingSpace = false;
    this.marks = [];
    if (joined.trim() === '') return;

    const lead =
      (mode === 'pre' ? LEADING_BLANK_LINES : LEADING_BREAKS).exec(joined)?.[0].length ?? 0;
    const trail =
      (mode === 'pre' ? TRAILING_WHITESPACE : TRAILING_BREAKS).exec(joined)?.[0].length ?? 0;
    const text = joined.slice(lead, joined.length - trail);
    const index = SURROGATE.test(text) ? new CodePointIndex(text) : undefined;
    const toCodePoint = (utf16: number): number => (index ? index.toCodePoint(utf16) : utf16);

    const start = this.texts.length === 0 ? 0 : this.codePoints + 1;
    const { kind, level } = describe();
    const block: Block = { kind, start, end: start + toCodePoint(text.length) };
    if (level !== undefined) block.level = level;
    const blockMarks = finishMarks(marks, text, lead).map((m) => {
      const mark: InlineMark = {
        kind: m.kind,
        start: start + toCodePoint(m.start),
        end: start + toCodePoint(m.end),
      };
      if (m.href !== undefined) mark.href = m.href;
      return mark;
    });
    if (blockMarks.length > 0) block.marks = blockMarks;
    this.blocks.push(block);
    this.texts.push(text);
    this.codePoints = block.end;
    this.utf16Length += (this.texts.length > 1 ? 1 : 0) + text.length;
  }

  /** The article so far: block texts joined by `\n`, offsets in code points. */
  finish(): { text: string; blocks: Block[] } {
    return { text: this.texts.join('\n'), blocks: this.blocks };
  }

  /** UTF-16 length of the finished text so far (blocks and separators), for size limits. */
  get textLength(): number {
    return this.utf16Length;
  }

  private push(text: string): void {
    this.parts.push(text);
    this.length += text.length;
    this.lastUnit = text.charCodeAt(text.length - 1);
  }

  private addRunMark(mark: OpenMark, end: number): void {
    if (end <= mark.start) return;
    const runMark: RunMark = { kind: mark.kind, start: mark.start, end };
    if (mark.href !== undefined) runMark.href = mark.href;
    this.marks.push(runMark);
  }
}

const NEWLINE = 0x0a;
const TAB = 0x09;
const SURROGATE = /[\uD800-\uDFFF]/;
const LEADING_BREAKS = /^[ \n]+/;
const TRAILING_BREAKS = /[ \n]+$/;
const LEADING_BLANK_LINES = /^(?:[ \t]*\n)+/;
const TRAILING_WHITESPACE = /[ \t\n]+$/;

/**
 * A run's marks moved onto the trimmed block text: shifted by the trimmed lead, clamped, shrunk
 * off surrounding whitespace (so `a <b> bold</b>` marks "bold", not " bold"), empty ones dropped,
 * and overlapping or touching marks of one kind (and href) merged, so nested `<b><strong>` or
 * adjacent `<i>a</i><i>b</i>` give one mark. Sorted by start.
 */
function finishMarks(marks: RunMark[], text: string, lead: number): RunMark[] {
  const shrunk: RunMark[] = [];
  for (const mark of marks) {
    let start = Math.max(0, mark.start - lead);
    let end = Math.min(text.length, mark.end - lead);
    while (start < end && isSpace(text.charCodeAt(start))) start++;
    while (end > start && isSpace(text.charCodeAt(end - 1))) end--;
    if (start < end) shrunk.push({ ...mark, start, end });
  }
  shrunk.sort((a, b) => a.start - b.start || a.end - b.end);
  const merged: RunMark[] = [];
  // The latest mark of each kind and href: sorted by start, a mark can only join that one.
  const latest = new Map<string, RunMark>();
  for (const mark of shrunk) {
    const key = `${mark.kind} ${mark.href ?? ''}`;
    const same = latest.get(key);
    if (same && mark.start <= same.end) {
      same.end = Math.max(same.end, mark.end);
    } else {
      merged.push(mark);
      latest.set(key, mark);
    }
  }
  return merged;
}

function isSpace(unit: number): boolean {
  return unit === 0x20 || unit === NEWLINE || unit === TAB;
}
