/**
 * From pdf.js's text runs to lines in reading order. Runs are grouped by baseline (superscript
 * note marks included), split into columns where the page has them, and joined with a space
 * wherever the gap between two runs is wider than a narrow space.
 */
import { type Row, readingOrder } from './columns';
import type { PageLines, PageText, TextLine, TextRun } from './layout-types';

/** Runs farther apart than this many ems are separate segments (a gutter, a table cell). */
const SEGMENT_GAP_EM = 1;
/** A gap between runs wider than this many ems is a space between words. */
const SPACE_GAP_EM = 0.15;

/** A page's lines in reading order. */
export function linesOfPage(page: PageText): PageLines {
  const runs = withoutDuplicates(page.runs.filter((run) => run.text.trim() !== ''));
  const rows = groupIntoRows(runs);
  const lines = readingOrder(rows).map(({ runs: lineRuns, column }) =>
    lineOf(lineRuns, page.page, column),
  );
  return { page: page.page, height: page.height, lines };
}

/**
 * Drops a run drawn a second time a hair to the right of itself: some producers fake bold
 * type that way, and the word would otherwise be read twice.
 */
function withoutDuplicates(runs: TextRun[]): TextRun[] {
  const kept: TextRun[] = [];
  for (const run of runs) {
    const duplicate = kept.some(
      (other) =>
        other.text === run.text &&
        Math.abs(other.y - run.y) < run.fontSize * 0.1 &&
        Math.abs(other.x - run.x) < run.fontSize * 0.2,
    );
    if (!duplicate) kept.push(run);
  }
  return kept;
}

/** Groups runs whose baselines lie within half an em of each other, top to bottom. */
export function groupIntoRows(runs: TextRun[]): Row[] {
  const sorted = [...runs].sort((a, b) => a.y - b.y || a.x - b.x);
  const groups: TextRun[][] = [];
  let anchor: TextRun | undefined;
  for (const run of sorted) {
    const tolerance = 0.45 * Math.max(run.fontSize, anchor?.fontSize ?? 0);
    if (anchor && run.y - anchor.y <= tolerance) groups.at(-1)!.push(run);
    else {
      groups.push([run]);
      anchor = run;
    }
    // The anchor is the row's largest run, so a superscript that opened it does not decide it.
    if (run.fontSize > anchor.fontSize) anchor = run;
  }
  return groups.map(rowOf);
}

function rowOf(runs: TextRun[]): Row {
  const byX = [...runs].sort((a, b) => a.x - b.x);
  const segments: Row['segments'] = [];
  for (const run of byX) {
    const last = segments.at(-1);
    const end = run.x + run.width;
    if (last && run.x - last.x1 < run.fontSize * SEGMENT_GAP_EM) last.x1 = Math.max(last.x1, end);
    else segments.push({ x0: run.x, x1: end });
  }
  return {
    y: dominant(runs, (r) => r.y),
    fontSize: dominant(runs, (r) => r.fontSize),
    runs: byX,
    segments,
  };
}

/** The value most of the text has (weighted by characters): a line's body size and baseline. */
function dominant(runs: TextRun[], value: (run: TextRun) => number): number {
  const weights = new Map<number, number>();
  for (const run of runs) {
    const key = Math.round(value(run) * 10) / 10;
    weights.set(key, (weights.get(key) ?? 0) + run.text.length);
  }
  return [...weights].sort((a, b) => b[1] - a[1] || a[0] - b[0])[0]![0];
}

function lineOf(runs: TextRun[], page: number, column: number): TextLine {
  const byX = [...runs].sort((a, b) => a.x - b.x);
  let text = '';
  let end = -Infinity;
  for (const run of byX) {
    const gap = run.x - end;
    if (text && gap > run.fontSize * SPACE_GAP_EM && !/\s$/.test(text) && !/^\s/.test(run.text)) {
      text += ' ';
    }
    text += run.text;
    end = Math.max(end, run.x + run.width);
  }
  return {
    text: text.replace(/\s+/g, ' ').trim(),
    x0: byX[0]!.x,
    x1: end,
    y: dominant(runs, (r) => r.y),
    fontSize: dominant(runs, (r) => r.fontSize),
    page,
    column,
  };
}

/** The body text's font size: the size most characters of the document are set in. */
export function bodyFontSize(pages: PageLines[]): number {
  const weights = new Map<number, number>();
  for (const line of pages.flatMap((p) => p.lines)) {
    const size = Math.round(line.fontSize * 2) / 2;
    weights.set(size, (weights.get(size) ?? 0) + line.text.length);
  }
  const ranked = [...weights].sort((a, b) => b[1] - a[1]);
  return ranked[0]?.[0] ?? 10;
}

/**
 * The usual distance between the baselines of consecutive body lines, measured where two
 * lines of body size follow each other in one column; 1.2 em when there are none.
 */
export function bodyLineSpacing(pages: PageLines[], fontSize: number): number {
  const gaps: number[] = [];
  for (const { lines } of pages) {
    for (let i = 1; i < lines.length; i++) {
      const [a, b] = [lines[i - 1]!, lines[i]!];
      const gap = b.y - a.y;
      if (
        a.column === b.column &&
        sameSize(a.fontSize, fontSize) &&
        sameSize(b.fontSize, fontSize) &&
        gap > 0 &&
        // Line spacing lies between 1 and 2 ems; wider gaps are paragraph or section breaks, and
        // in a document of one-line paragraphs they would otherwise be the most common gap.
        gap < fontSize * 2
      ) {
        gaps.push(gap);
      }
    }
  }
  // The most common gap is the line spacing; paragraph and heading gaps are the exceptions.
  if (!gaps.length) return fontSize * 1.2;
  const counts = new Map<number, number>();
  for (const gap of gaps) {
    const key = Math.round(gap * 2) / 2;
    counts.set(key, (counts.get(key) ?? 0) + 1);
  }
  return [...counts].sort((a, b) => b[1] - a[1] || a[0] - b[0])[0]![0];
}

/** Font sizes within 5% of each other are the same size (rounding in producers). */
export function sameSize(a: number, b: number): boolean {
  return Math.abs(a - b) <= Math.max(a, b) * 0.05;
}
