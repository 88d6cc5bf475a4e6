/**
 * Running headers, footers and page numbers are not part of the article: left in, they would
 * split sentences at every page break and pollute search. A line in the top or bottom band of a
 * page is removed when the same line (digits aside) sits in a band on at least half the pages,
 * or when it is nothing but a page number.
 */
import type { PageLines, TextLine } from './layout-types';

/** The top and bottom bands: this share of the page height. */
const BAND = 0.12;
/** Only this many lines from each edge are candidates; a header is never deep in the page. */
const EDGE_LINES = 3;

/** The pages without their running headers, footers and page numbers. */
export function withoutRunningLines(pages: PageLines[]): PageLines[] {
  const candidates = pages.map(edgeLines);
  const pagesWithKey = new Map<string, number>();
  for (const edge of candidates) {
    for (const key of new Set([...edge].map(runningKey))) {
      pagesWithKey.set(key, (pagesWithKey.get(key) ?? 0) + 1);
    }
  }
  // At least half the pages (a title page often has none; alternate pages may differ), and
  // never a line that occurs once.
  const needed = Math.max(2, Math.floor(pages.length / 2));
  return pages.map((page, i) => ({
    ...page,
    lines: page.lines.filter((line) => {
      if (!candidates[i]!.has(line)) return true;
      return !isPageNumber(line.text) && (pagesWithKey.get(runningKey(line)) ?? 0) < needed;
    }),
  }));
}

/** The lines of a page near its top or bottom edge: the few outermost ones, inside the bands. */
function edgeLines(page: PageLines): Set<TextLine> {
  const byY = [...page.lines].sort((a, b) => a.y - b.y);
  const top = byY.slice(0, EDGE_LINES).filter((line) => line.y <= page.height * BAND);
  const bottom = byY.slice(-EDGE_LINES).filter((line) => line.y >= page.height * (1 - BAND));
  return new Set([...top, ...bottom]);
}

/** A line's identity across pages: case, spacing and the page number in it do not count. */
function runningKey(line: TextLine): string {
  return line.text.toLowerCase().replace(/\d+/g, '#').replace(/\s+/g, ' ').trim();
}

const PAGE_WORD = '(?:page|p\\.|pp\\.|стр\\.?|страница|с\\.|сторінка|səhifə|s\\.|seite|pag\\.)';

/** "12", "- 12 -", "[12]", "Page 3 of 9", "стр. 4", "3/9", "xii". */
export function isPageNumber(text: string): boolean {
  const t = text.trim();
  return (
    new RegExp(`^${PAGE_WORD}?\\s*[-–—[(]?\\s*\\d{1,4}\\s*[-–—\\])]?$`, 'i').test(t) ||
    new RegExp(`^${PAGE_WORD}?\\s*\\d{1,4}\\s*(?:of|из|з|/)\\s*\\d{1,4}$`, 'i').test(t) ||
    /^[ivxlc]{1,7}$/.test(t)
  );
}
