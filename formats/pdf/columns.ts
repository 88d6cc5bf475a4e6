/**
 * Column detection. A two-column page shows a vertical gutter: a band of x that (almost) no
 * line crosses, with real text on both sides of it. Lines that do cross it — a title or a
 * header spanning the page — cut the page into sections, and each section is read left column
 * first, then right column, the way a person reads a newspaper page.
 */
import type { TextRun } from './layout-types';

/** Runs on one baseline, sorted by x, and the horizontal extents they cover. */
export interface Row {
  y: number;
  fontSize: number;
  runs: TextRun[];
  /** Stretches of the row with no gap wider than about an em, sorted by x. */
  segments: { x0: number; x1: number }[];
}

/** Runs that belong to one line of one column, and which column (0: none or spanning). */
export interface ColumnLine {
  runs: TextRun[];
  column: number;
}

interface Gutter {
  x0: number;
  x1: number;
}

/** Rows allowed to cross a gutter (titles, headers, figures' captions), as a share of rows. */
const SPANNING_SHARE = 0.15;
/** A side of the gutter needs at least this share of the rows to count as a column. */
const COLUMN_SHARE = 0.3;

/**
 * The rows of a page as lines in reading order, column by column where the page has columns.
 * Columns are found recursively (at most three levels), so a three-column page works too.
 */
export function readingOrder(rows: Row[]): ColumnLine[] {
  let nextColumn = 1;
  const order = (part: Row[], depth: number, column: number): ColumnLine[] => {
    const gutter = depth < 3 ? findGutter(part) : undefined;
    if (!gutter) return part.map((row) => ({ runs: row.runs, column }));
    const middle = (gutter.x0 + gutter.x1) / 2;
    const leftColumn = nextColumn++;
    const rightColumn = nextColumn++;
    const lines: ColumnLine[] = [];
    let left: Row[] = [];
    let right: Row[] = [];
    const flush = () => {
      lines.push(...order(left, depth + 1, leftColumn), ...order(right, depth + 1, rightColumn));
      left = [];
      right = [];
    };
    for (const row of part) {
      // A row spans the columns when its text runs across the middle of the gutter; a column
      // line that only reaches into the gutter (the band tolerates a few) is still a column line.
      if (row.segments.some((s) => s.x0 < middle && s.x1 > middle)) {
        flush();
        lines.push({ runs: row.runs, column });
        continue;
      }
      const leftRuns = row.runs.filter((run) => run.x + run.width / 2 < middle);
      const rightRuns = row.runs.filter((run) => run.x + run.width / 2 >= middle);
      if (leftRuns.length) left.push(subRow(row, leftRuns, (x) => x < middle));
      if (rightRuns.length) right.push(subRow(row, rightRuns, (x) => x >= middle));
    }
    flush();
    return lines;
  };
  return order(rows, 0, 0);
}

function subRow(row: Row, runs: TextRun[], side: (x: number) => boolean): Row {
  return { ...row, runs, segments: row.segments.filter((s) => side((s.x0 + s.x1) / 2)) };
}

/**
 * The widest vertical band in the middle of the text that at most a few rows cross, with
 * column-like text on both sides; undefined for a single column.
 */
export function findGutter(rows: Row[]): Gutter | undefined {
  if (rows.length < 4) return undefined;
  const left = Math.min(...rows.map((r) => r.segments[0]!.x0));
  const right = Math.max(...rows.map((r) => r.segments.at(-1)!.x1));
  const width = right - left;
  const fontSize = median(rows.map((r) => r.fontSize));
  if (width < fontSize * 10) return undefined;
  const allowed = Math.max(1, Math.floor(rows.length * SPANNING_SHARE));

  let best: Gutter | undefined;
  let start: number | undefined;
  const from = Math.ceil(left + width * 0.2);
  const to = Math.floor(left + width * 0.8);
  for (let x = from; x <= to + 1; x++) {
    const open = x <= to && crossings(rows, x) <= allowed;
    if (open && start === undefined) start = x;
    if (!open && start !== undefined) {
      // Positions start … x-1 are crossed by no row: segments to the left end by start, those to
      // the right begin at x-1 or later.
      const band = { x0: start, x1: x - 1 };
      if (band.x1 - band.x0 >= Math.max(6, fontSize * 0.8) && isGutter(rows, band, left, right)) {
        if (!best || band.x1 - band.x0 > best.x1 - best.x0) best = band;
      }
      start = undefined;
    }
  }
  return best;
}

function crossings(rows: Row[], x: number): number {
  let count = 0;
  for (const row of rows) if (row.segments.some((s) => s.x0 < x && s.x1 > x)) count++;
  return count;
}

/**
 * Whether both sides of a band hold columns: enough rows on each side, and lines that fill
 * their side rather than short labels (a form's "Name:  value" pairs are not columns).
 */
function isGutter(rows: Row[], band: Gutter, left: number, right: number): boolean {
  const leftWidths: number[] = [];
  const rightWidths: number[] = [];
  for (const row of rows) {
    const leftPart = row.segments.filter((s) => s.x1 <= band.x0);
    const rightPart = row.segments.filter((s) => s.x0 >= band.x1);
    if (leftPart.length) leftWidths.push(leftPart.at(-1)!.x1 - leftPart[0]!.x0);
    if (rightPart.length) rightWidths.push(rightPart.at(-1)!.x1 - rightPart[0]!.x0);
  }
  const needed = Math.max(3, rows.length * COLUMN_SHARE);
  if (leftWidths.length < needed || rightWidths.length < needed) return false;
  return (
    median(leftWidths) >= (band.x0 - left) * 0.5 && median(rightWidths) >= (right - band.x1) * 0.5
  );
}

/** The median of a non-empty list. */
export function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = sorted.length >> 1;
  return sorted.length % 2 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
}
