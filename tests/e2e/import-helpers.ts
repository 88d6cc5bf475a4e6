/**
 * Helpers for the import end-to-end tests: fixture files made by the test itself (web pages, a
 * Windows-1251 text, MHTML, DOCX, PDF, EPUB) in a temporary folder, and the import UI as an
 * analyst meets it (the progress panel, the results dialog, the paste dialog, the details).
 */
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { Locator, Page } from '@playwright/test';
import { Document, ExternalHyperlink, HeadingLevel, Packer, Paragraph, TextRun } from 'docx';
import iconv from 'iconv-lite';
import JSZip from 'jszip';
import { PDFDocument, StandardFonts } from 'pdf-lib';

/** A temporary folder for one test's fixture files; `cleanup` removes it. */
export async function fixtureDir(): Promise<{ dir: string; cleanup: () => Promise<void> }> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'gloss-import-e2e-'));
  return { dir, cleanup: () => rm(dir, { recursive: true, force: true }) };
}

/** Writes files (relative paths → contents) under `dir`, making folders; returns the full paths. */
export async function writeFiles(
  dir: string,
  files: Record<string, string | Uint8Array>,
): Promise<string[]> {
  const written: string[] = [];
  for (const [relative, content] of Object.entries(files)) {
    const full = path.join(dir, relative);
    await mkdir(path.dirname(full), { recursive: true });
    await writeFile(full, content);
    written.push(full);
  }
  return written;
}

/** A web page with an article among navigation, and the metadata readers look for. */
export function htmlPage(opts: {
  title: string;
  paragraphs: string[];
  byline?: string;
  site?: string;
  published?: string;
  canonical?: string;
  lang?: string;
  extraBody?: string;
}): string {
  const meta = [
    opts.byline && `<meta name="author" content="${opts.byline}">`,
    opts.site && `<meta property="og:site_name" content="${opts.site}">`,
    opts.published && `<meta property="article:published_time" content="${opts.published}">`,
    opts.canonical && `<link rel="canonical" href="${opts.canonical}">`,
  ]
    .filter(Boolean)
    .join('\n');
  return `<!doctype html>
<html lang="${opts.lang ?? 'en'}"><head><meta charset="utf-8"><title>${opts.title}</title>
${meta}</head>
<body>
<nav><a href="/">Home</a> | <a href="/about">About</a> | <a href="/contact">Contact</a></nav>
<article>
<h1>${opts.title}</h1>
${opts.paragraphs.map((p) => `<p>${p}</p>`).join('\n')}
${opts.extraBody ?? ''}
</article>
<footer>© Example media. All rights reserved. Subscribe to our newsletter.</footer>
</body></html>`;
}

/** A web page saved by a browser as one MHTML file (the HTML part quoted-printable encoded). */
export function mhtmlPage(title: string, html: string): string {
  const boundary = '----MultipartBoundary--e2eGloss';
  const qp = html
    .replace(/=/g, '=3D')
    .split('\n')
    .flatMap((line) => line.match(/.{1,72}(?!$)|.+$/g) ?? [''])
    .join('=\r\n');
  return [
    'From: <Saved by Blink>',
    'Snapshot-Content-Location: https://example.org/saved',
    `Subject: ${title}`,
    'Date: Tue, 12 Mar 2024 10:00:00 -0000',
    'MIME-Version: 1.0',
    'Content-Type: multipart/related;',
    '\ttype="text/html";',
    `\tboundary="${boundary}"`,
    '',
    '',
    `--${boundary}`,
    'Content-Type: text/html',
    'Content-ID: <frame-1@mhtml.blink>',
    'Content-Transfer-Encoding: quoted-printable',
    'Content-Location: https://example.org/saved',
    '',
    qp,
    `--${boundary}--`,
    '',
  ].join('\r\n');
}

/** Text in Windows-1251, as old Russian and Ukrainian sites and Word exports still save it. */
export function windows1251(text: string): Buffer {
  return iconv.encode(text, 'windows-1251');
}

/** Reads Windows-1251 bytes as KOI8-R would: what a re-import "as KOI8-R" must show. */
export function misreadAsKoi8r(bytes: Buffer): string {
  return iconv.decode(bytes, 'koi8-r');
}

/** A paragraph of a DOCX: text runs, or a hyperlink run to `link` (any URL, even a hostile one). */
export type DocxPart = string | { text: string; link: string };

/** A Word document with a heading and paragraphs, made by the `docx` package. */
export async function docxFile(title: string, paragraphs: DocxPart[][]): Promise<Buffer> {
  const doc = new Document({
    creator: 'Gloss e2e',
    title,
    sections: [
      {
        children: [
          new Paragraph({ heading: HeadingLevel.HEADING_1, children: [new TextRun(title)] }),
          ...paragraphs.map(
            (parts) =>
              new Paragraph({
                children: parts.map((part) =>
                  typeof part === 'string'
                    ? new TextRun(part)
                    : new ExternalHyperlink({
                        link: part.link,
                        children: [new TextRun({ text: part.text, style: 'Hyperlink' })],
                      }),
                ),
              }),
          ),
        ],
      },
    ],
  });
  return Packer.toBuffer(doc);
}

/** A one-page PDF with a text layer, made by `pdf-lib`. */
export async function pdfFile(title: string, lines: string[]): Promise<Uint8Array> {
  const pdf = await PDFDocument.create();
  pdf.setTitle(title);
  const font = await pdf.embedFont(StandardFonts.Helvetica);
  const page = pdf.addPage([595, 842]);
  page.drawText(title, { x: 56, y: 770, size: 18, font });
  lines.forEach((line, i) => page.drawText(line, { x: 56, y: 730 - i * 18, size: 11, font }));
  return pdf.save();
}

/** A minimal EPUB 3 (mimetype stored first, container, package, nav and chapters), by `jszip`. */
export async function epubFile(
  title: string,
  chapters: { title: string; paragraphs: string[] }[],
): Promise<Buffer> {
  const zip = new JSZip();
  zip.file('mimetype', 'application/epub+zip', { compression: 'STORE' });
  zip.file(
    'META-INF/container.xml',
    `<?xml version="1.0"?>
<container version="1.0" xmlns="urn:oasis:names:tc:opendocument:xmlns:container">
  <rootfiles><rootfile full-path="OEBPS/content.opf" media-type="application/oebps-package+xml"/></rootfiles>
</container>`,
  );
  const items = chapters.map((_, i) => `ch${i + 1}`);
  zip.file(
    'OEBPS/content.opf',
    `<?xml version="1.0" encoding="utf-8"?>
<package xmlns="http://www.idpf.org/2007/opf" version="3.0" unique-identifier="id">
  <metadata xmlns:dc="http://purl.org/dc/elements/1.1/">
    <dc:identifier id="id">urn:uuid:0b6c1ad4-8ea3-4c3c-9f4e-2f1d8c1f0e2a</dc:identifier>
    <dc:title>${title}</dc:title><dc:language>en</dc:language><dc:creator>Gloss e2e</dc:creator>
    <meta property="dcterms:modified">2024-03-12T00:00:00Z</meta>
  </metadata>
  <manifest>
    <item id="nav" href="nav.xhtml" media-type="application/xhtml+xml" properties="nav"/>
    ${items.map((id) => `<item id="${id}" href="${id}.xhtml" media-type="application/xhtml+xml"/>`).join('\n    ')}
  </manifest>
  <spine>${items.map((id) => `<itemref idref="${id}"/>`).join('')}</spine>
</package>`,
  );
  zip.file(
    'OEBPS/nav.xhtml',
    `<?xml version="1.0" encoding="utf-8"?>
<html xmlns="http://www.w3.org/1999/xhtml" xmlns:epub="http://www.idpf.org/2007/ops"><head><title>${title}</title></head>
<body><nav epub:type="toc"><ol>${chapters
      .map((c, i) => `<li><a href="ch${i + 1}.xhtml">${c.title}</a></li>`)
      .join('')}</ol></nav></body></html>`,
  );
  chapters.forEach((chapter, i) =>
    zip.file(
      `OEBPS/ch${i + 1}.xhtml`,
      `<?xml version="1.0" encoding="utf-8"?>
<html xmlns="http://www.w3.org/1999/xhtml"><head><title>${chapter.title}</title></head>
<body><h1>${chapter.title}</h1>${chapter.paragraphs.map((p) => `<p>${p}</p>`).join('')}</body></html>`,
    ),
  );
  return zip.generateAsync({ type: 'nodebuffer', mimeType: 'application/epub+zip' });
}

// ---------------------------------------------------------------------------------------------
// The import UI

export function progressRegion(page: Page): Locator {
  return page.getByRole('region', { name: 'Import progress' });
}

export function resultsDialog(page: Page): Locator {
  return page.getByRole('dialog', { name: 'Import results' });
}

/** One group of the results dialog ("Could not be imported", "Already in the library", …). */
export function resultsSection(page: Page, title: string): Locator {
  return resultsDialog(page).getByRole('list', { name: new RegExp(`^${title}`) });
}

/** Chooses files in the Import picker (what the hidden "Import files" input amounts to). */
export async function chooseFiles(page: Page, paths: string[]): Promise<void> {
  await page.getByLabel('Import files').setInputFiles(paths);
}

/**
 * Slows every importFiles call down (the real service still answers each), so a short batch
 * lasts long enough for its progress to be seen. Returns a function that removes the delay.
 */
export async function slowImports(page: Page, ms: number): Promise<() => Promise<void>> {
  const pattern = '**/api/importFiles';
  await page.route(pattern, async (route) => {
    await new Promise((resolve) => setTimeout(resolve, ms));
    await route.continue();
  });
  return () => page.unroute(pattern);
}

/**
 * Records what would betray a payload that ran: calls of `window.__glossXss`, `alert`-style
 * dialogs, and requests to anywhere but the app's own origin.
 */
export async function watchForEscapes(page: Page, origin: string) {
  const calls: string[] = [];
  const dialogs: string[] = [];
  const foreign: string[] = [];
  await page.exposeFunction('__glossXssReport', (name: string) => calls.push(String(name)));
  await page.addInitScript(() => {
    const report = (window as unknown as { __glossXssReport: (n: string) => void })
      .__glossXssReport;
    Object.defineProperty(window, '__glossXss', {
      value: (name: unknown) => report(String(name)),
      writable: false,
    });
  });
  page.on('dialog', (dialog) => {
    dialogs.push(`${dialog.type()}: ${dialog.message()}`);
    void dialog.dismiss();
  });
  page.on('request', (request) => {
    const url = request.url();
    if (!url.startsWith(`${origin}/`) && !url.startsWith('data:') && !url.startsWith('blob:')) {
      foreign.push(url);
    }
  });
  return { calls, dialogs, foreign };
}

/** Dispatches a paste on the focused paste target, as Ctrl+V from another app would. */
export async function pasteInto(target: Locator, flavours: Record<string, string>): Promise<void> {
  await target.evaluate((element, data) => {
    const transfer = new DataTransfer();
    for (const [type, value] of Object.entries(data)) transfer.setData(type, value);
    element.dispatchEvent(
      new ClipboardEvent('paste', { clipboardData: transfer, bubbles: true, cancelable: true }),
    );
  }, flavours);
}
