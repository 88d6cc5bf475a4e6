/**
 * Files for the import tests, built by the tests themselves: PDFs with pdf-lib, ZIP containers
 * (Word, EPUB, Excel) with JSZip, legacy-encoded text with iconv-lite, and the first bytes of
 * formats Gloss refuses.
 */
import iconv from 'iconv-lite';
import JSZip from 'jszip';
import { PDFDocument, StandardFonts } from 'pdf-lib';

export const utf8 = (text: string): Uint8Array => new TextEncoder().encode(text);

/** Text in a legacy encoding (e.g. windows-1251), as an old Windows editor saved it. */
export const encoded = (text: string, encoding: string): Uint8Array =>
  new Uint8Array(iconv.encode(text, encoding));

/** A PDF with a text layer: each page's lines, top to bottom, in Helvetica (Latin only). */
export async function makePdf(pages: string[][], title?: string): Promise<Uint8Array> {
  const pdf = await PDFDocument.create();
  if (title !== undefined) pdf.setTitle(title);
  const font = await pdf.embedFont(StandardFonts.Helvetica);
  for (const lines of pages) {
    const page = pdf.addPage([595, 842]);
    lines.forEach((line, i) => page.drawText(line, { x: 56, y: 780 - i * 16, size: 11, font }));
  }
  return pdf.save();
}

/** A ZIP with these entries in this order; `stored` entries are not compressed (EPUB mimetype). */
export async function makeZip(
  entries: [name: string, content: string][],
  stored: string[] = [],
): Promise<Uint8Array> {
  const zip = new JSZip();
  for (const [name, content] of entries) {
    zip.file(name, content, { compression: stored.includes(name) ? 'STORE' : 'DEFLATE' });
  }
  return zip.generateAsync({ type: 'uint8array' });
}

/** The parts of a Word document that say "I am one" (not enough for Word, enough to sniff). */
export const docxEntries = (body = 'Hello'): [string, string][] => [
  [
    '[Content_Types].xml',
    '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>',
  ],
  [
    'word/document.xml',
    `<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body><w:p><w:r><w:t>${body}</w:t></w:r></w:p></w:body></w:document>`,
  ],
];

/** An EPUB's first entries: the stored mimetype, then the container. */
export const epubEntries = (): [string, string][] => [
  ['mimetype', 'application/epub+zip'],
  ['META-INF/container.xml', '<container/>'],
];

/** The 8-byte signature of an OLE2 compound file: .doc, .xls, or an encrypted .docx. */
export const OLE2 = new Uint8Array([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 0, 0, 0, 0]);
export const PNG = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13]);

/** A web page saved by Chrome as one file (MHTML), CRLF line ends as Chrome writes them. */
export const MHTML = [
  'From: <Saved by Blink>',
  'Snapshot-Content-Location: https://news.example.org/talks',
  'Subject: Talks fail',
  'MIME-Version: 1.0',
  'Content-Type: multipart/related;',
  '\ttype="text/html";',
  '\tboundary="----MultipartBoundary--abc----"',
  '',
  '------MultipartBoundary--abc----',
  'Content-Type: text/html',
  'Content-Transfer-Encoding: quoted-printable',
  'Content-Location: https://news.example.org/talks',
  '',
  '<!DOCTYPE html><html><head><title>Talks fail</title></head><body><article><h1>Talks fail</h1>',
  '<p>The minister said the talks had failed, and critics called it a farce of a meeting.</p>',
  '</article></body></html>',
  '------MultipartBoundary--abc------',
  '',
].join('\r\n');

/** A real Word document: a heading and paragraphs, with a title and author in its properties. */
export async function makeDocx(heading: string, paragraphs: string[]): Promise<Uint8Array> {
  const { Document, HeadingLevel, Packer, Paragraph } = await import('docx');
  const document = new Document({
    creator: 'Desk Officer',
    title: heading,
    sections: [
      {
        children: [
          new Paragraph({ text: heading, heading: HeadingLevel.HEADING_1 }),
          ...paragraphs.map((text) => new Paragraph(text)),
        ],
      },
    ],
  });
  return new Uint8Array(await Packer.toBuffer(document));
}

/** A minimal valid EPUB 3: one chapter. */
export async function makeEpub(title: string, paragraphs: string[]): Promise<Uint8Array> {
  const chapter =
    '<?xml version="1.0" encoding="utf-8"?><!DOCTYPE html>' +
    '<html xmlns="http://www.w3.org/1999/xhtml"><head><title>c1</title></head><body>' +
    `<h1>${title}</h1>${paragraphs.map((p) => `<p>${p}</p>`).join('')}</body></html>`;
  return makeZip(
    [
      ['mimetype', 'application/epub+zip'],
      [
        'META-INF/container.xml',
        '<?xml version="1.0"?><container version="1.0" xmlns="urn:oasis:names:tc:opendocument:xmlns:container">' +
          '<rootfiles><rootfile full-path="OEBPS/content.opf" media-type="application/oebps-package+xml"/></rootfiles></container>',
      ],
      [
        'OEBPS/content.opf',
        '<?xml version="1.0"?><package xmlns="http://www.idpf.org/2007/opf" version="3.0" unique-identifier="id">' +
          `<metadata xmlns:dc="http://purl.org/dc/elements/1.1/"><dc:identifier id="id">urn:x</dc:identifier><dc:title>${title}</dc:title><dc:language>en</dc:language></metadata>` +
          '<manifest><item id="c1" href="c1.xhtml" media-type="application/xhtml+xml"/></manifest>' +
          '<spine><itemref idref="c1"/></spine></package>',
      ],
      ['OEBPS/c1.xhtml', chapter],
    ],
    ['mimetype'],
  );
}

/** A saved web page with an article, a byline and a canonical address. */
export const articlePage = (title: string, paragraphs: string[]): string =>
  '<!DOCTYPE html><html lang="en"><head><meta charset="utf-8">' +
  `<title>${title} | Example News</title>` +
  '<meta property="og:site_name" content="Example News">' +
  '<meta name="author" content="Jane Reporter">' +
  '<link rel="canonical" href="https://news.example.org/2025/talks">' +
  '<meta property="article:published_time" content="2025-03-03T10:00:00Z">' +
  '</head><body><nav><a href="/">Home</a> <a href="/world">World</a></nav>' +
  `<article><h1>${title}</h1>${paragraphs.map((p) => `<p>${p}</p>`).join('')}</article>` +
  '<footer>© Example News</footer></body></html>';
