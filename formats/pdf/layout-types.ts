/**
 * The shapes the PDF layout steps pass along. Coordinates are in PDF points on the page as it is
 * shown (rotation applied), with y growing downwards from the top edge, so that "above" means a
 * smaller y and reading order sorts by ascending y.
 */

/** A run of text drawn in one go: what pdf.js reports as one text item. */
export interface TextRun {
  text: string;
  /** Left edge of the run. */
  x: number;
  /** Baseline of the run, from the top of the page. */
  y: number;
  /** Advance width of the run. */
  width: number;
  /** Font size (the height of an em). */
  fontSize: number;
}

/** One page's text runs, as extracted. */
export interface PageText {
  /** 1-based page number. */
  page: number;
  width: number;
  height: number;
  runs: TextRun[];
}

/** A line of text in reading order: runs on one baseline, within one column. */
export interface TextLine {
  text: string;
  x0: number;
  x1: number;
  y: number;
  fontSize: number;
  page: number;
  /** 0 for a single column or a line spanning the columns; 1 left column, 2 right column. */
  column: number;
}

/** A page's lines, in reading order, with the page's size (for header and footer bands). */
export interface PageLines {
  page: number;
  height: number;
  lines: TextLine[];
}

/** A paragraph or heading rebuilt from lines: the unit that becomes a Gloss block. */
export interface TextParagraph {
  kind: 'paragraph' | 'heading' | 'bullet_item';
  /** Heading level 1–6, or 1 for a bullet item. */
  level?: number;
  text: string;
  page: number;
}
