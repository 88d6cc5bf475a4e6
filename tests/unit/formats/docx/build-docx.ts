/**
 * Real .docx files for the tests, built with the `docx` package (the files Word writes have the
 * same parts: document, styles, numbering, footnotes, comments, core properties).
 */
import {
  AlignmentType,
  CommentRangeEnd,
  CommentRangeStart,
  CommentReference,
  Document,
  EndnoteReferenceRun,
  ExternalHyperlink,
  FootnoteReferenceRun,
  HeadingLevel,
  ImageRun,
  LevelFormat,
  Packer,
  Paragraph,
  TextRun,
} from 'docx';
import JSZip from 'jszip';
import { deflateSync } from 'node:zlib';

/** The report the structure tests read: every construct the reader maps, in one document. */
export async function reportDocx(): Promise<Uint8Array> {
  const document = new Document({
    title: 'Газопровод и политика',
    creator: 'Leyla Aliyeva',
    styles: {
      paragraphStyles: [
        { id: 'Quote', name: 'Quote', basedOn: 'Normal', run: { italics: true } },
        { id: 'IntenseQuote', name: 'Intense Quote', basedOn: 'Normal' },
      ],
    },
    numbering: {
      config: [
        {
          reference: 'steps',
          levels: [
            { level: 0, format: LevelFormat.DECIMAL, text: '%1.', alignment: AlignmentType.START },
            {
              level: 1,
              format: LevelFormat.LOWER_LETTER,
              text: '%2)',
              alignment: AlignmentType.START,
            },
          ],
        },
      ],
    },
    footnotes: {
      1: { children: [new Paragraph('Interview with a ministry official, March 2024.')] },
    },
    comments: {
      children: [
        {
          id: 0,
          author: 'Ceyhun Mammadov',
          initials: 'CM',
          date: new Date('2024-03-06T09:00:00Z'),
          children: [new Paragraph('Check this figure against the customs data.')],
        },
      ],
    },
    sections: [
      {
        children: [
          new Paragraph({ text: 'Pipeline politics', heading: HeadingLevel.TITLE }),
          new Paragraph({ text: 'Background', heading: HeadingLevel.HEADING_1 }),
          new Paragraph({
            children: [
              new TextRun('The agreement was '),
              new TextRun({ text: 'signed', bold: true }),
              new TextRun(' in '),
              new TextRun({ text: 'Baku', italics: true }),
              new TextRun(' on Monday.'),
              new FootnoteReferenceRun(1),
            ],
          }),
          new Paragraph({
            children: [
              new CommentRangeStart(0),
              new TextRun('Exports rose by 40% in a year.'),
              new CommentRangeEnd(0),
              new TextRun({ children: [new CommentReference(0)] }),
              new EndnoteReferenceRun({
                children: [new Paragraph('Figures from the State Customs Committee.')],
              }),
            ],
          }),
          new Paragraph({ text: 'Gas to Europe', bullet: { level: 0 } }),
          new Paragraph({ text: 'via Georgia and Türkiye', bullet: { level: 1 } }),
          new Paragraph({ text: 'Oil to Asia', bullet: { level: 0 } }),
          new Paragraph({ text: 'Sign the treaty', numbering: { reference: 'steps', level: 0 } }),
          new Paragraph({ text: 'ratify it', numbering: { reference: 'steps', level: 1 } }),
          new Paragraph({ text: 'Build the line', numbering: { reference: 'steps', level: 0 } }),
          new Paragraph({ text: '«Мы готовы к компромиссу», — сказал министр.', style: 'Quote' }),
          new Paragraph({ text: 'Ми не відступимо.', style: 'IntenseQuote' }),
          new Paragraph({ text: 'Подробности', heading: HeadingLevel.HEADING_2 }),
          new Paragraph({
            children: [
              new TextRun('Source: '),
              new ExternalHyperlink({
                link: 'https://example.org/report',
                children: [new TextRun('the full report')],
              }),
              new TextRun('.'),
            ],
          }),
          new Paragraph({
            children: [
              new TextRun('A map: '),
              new ImageRun({
                type: 'png',
                data: tinyPng(),
                transformation: { width: 10, height: 10 },
              }),
            ],
          }),
        ],
      },
    ],
  });
  return new Uint8Array(await Packer.toBuffer(document));
}

/** A document of plain paragraphs (and optional headings), for title and limit tests. */
export async function simpleDocx(
  paragraphs: string[],
  options: { title?: string; heading?: string } = {},
): Promise<Uint8Array> {
  const children = paragraphs.map((text) => new Paragraph(text));
  if (options.heading) {
    children.unshift(new Paragraph({ text: options.heading, heading: HeadingLevel.HEADING_1 }));
  }
  const document = new Document({
    ...(options.title === undefined ? {} : { title: options.title }),
    sections: [{ children }],
  });
  return new Uint8Array(await Packer.toBuffer(document));
}

/** The .docx with some of its parts replaced or added (e.g. a hand-written core.xml). */
export async function withParts(
  docx: Uint8Array,
  parts: Record<string, string | Uint8Array>,
): Promise<Uint8Array> {
  const zip = await JSZip.loadAsync(docx);
  for (const [name, content] of Object.entries(parts)) zip.file(name, content);
  return zip.generateAsync({ type: 'uint8array', compression: 'DEFLATE' });
}

/** A 1×1 grey PNG, written out chunk by chunk. */
export function tinyPng(): Uint8Array {
  const chunk = (type: string, data: Uint8Array) => {
    const body = new Uint8Array([...new TextEncoder().encode(type), ...data]);
    const out = new Uint8Array(12 + data.length);
    const view = new DataView(out.buffer);
    view.setUint32(0, data.length);
    out.set(body, 4);
    view.setUint32(8 + data.length, crc32(body));
    return out;
  };
  const header = new Uint8Array(13);
  const view = new DataView(header.buffer);
  view.setUint32(0, 1); // width
  view.setUint32(4, 1); // height
  header[8] = 8; // bit depth
  header[9] = 0; // greyscale
  const pixels = deflateSync(new Uint8Array([0, 0x80])); // filter byte, one pixel
  return new Uint8Array([
    ...[0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a],
    ...chunk('IHDR', header),
    ...chunk('IDAT', new Uint8Array(pixels)),
    ...chunk('IEND', new Uint8Array()),
  ]);
}

function crc32(bytes: Uint8Array): number {
  let crc = 0xffffffff;
  for (const byte of bytes) {
    crc ^= byte;
    for (let k = 0; k < 8; k++) crc = crc & 1 ? (crc >>> 1) ^ 0xedb88320 : crc >>> 1;
  }
  return (crc ^ 0xffffffff) >>> 0;
}
