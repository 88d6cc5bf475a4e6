/**
 * Real PDFs for the tests, built with pdf-lib in standard Helvetica, every line placed at
 * coordinates chosen here — the way a word processor's PDF export places them. y is measured
 * from the top of an A4 page (842 pt), as a reader thinks of it.
 */
import { PDFDocument, StandardFonts } from 'pdf-lib';
import { tinyPng } from '../docx/build-docx';

export interface Placed {
  text: string;
  x: number;
  /** Baseline, from the top of the page. */
  top: number;
  size?: number;
}

/** Lines set one under another: `leading` apart, blank strings leaving a blank line. */
export function lines(texts: string[], x: number, top: number, size = 11, leading = 14): Placed[] {
  return texts.flatMap((text, i) => (text ? [{ text, x, top: top + i * leading, size }] : []));
}

export interface PdfOptions {
  title?: string;
  author?: string;
  created?: Date;
  language?: string;
  /** Pages that show only an image (a scan), by index. */
  imagePages?: number[];
}

/** A PDF with one page per entry of `pages`. */
export async function pdfWith(pages: Placed[][], options: PdfOptions = {}): Promise<Uint8Array> {
  const document = await PDFDocument.create();
  const font = await document.embedFont(StandardFonts.Helvetica);
  if (options.title !== undefined) document.setTitle(options.title);
  if (options.author !== undefined) document.setAuthor(options.author);
  if (options.created !== undefined) document.setCreationDate(options.created);
  if (options.language !== undefined) document.setLanguage(options.language);
  const image = options.imagePages?.length ? await document.embedPng(tinyPng()) : undefined;
  pages.forEach((placed, index) => {
    const page = document.addPage([595, 842]);
    if (image && options.imagePages?.includes(index)) {
      page.drawImage(image, { x: 40, y: 40, width: 515, height: 762 });
    }
    for (const { text, x, top, size = 11 } of placed) {
      page.drawText(text, { x, y: 842 - top, size, font });
    }
  });
  return document.save();
}
