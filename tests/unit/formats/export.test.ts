import { describe, expect, it } from 'vitest';
import { ROOT_TAGS } from '../../../core/codebook';
import type { Annotation } from '../../../core/domain';
import { CodePointIndex } from '../../../core/offsets';
import { quoteOf } from '../../../core/quote';
import { CSV_COLUMNS, textCell } from '../../../formats/export-csv';
import { exportToString } from '../../../formats/export';
import type { ExportDocument } from '../../../formats/export';

const tagNames = new Map(ROOT_TAGS.map((t) => [t.id, t.name]));
const [CLAIM, ENTITY, OPINION] = ROOT_TAGS.map((t) => t.id) as [string, string, string];

let sequence = 0;
/** An annotation over the first occurrence of `exact` in `text`, offsets in code points. */
function span(
  doc: { id: string; text: string },
  tagId: string,
  exact: string,
  note = '',
): Annotation {
  const index = new CodePointIndex(doc.text);
  const at = doc.text.indexOf(exact);
  if (at < 0) throw new Error(`"${exact}" is not in the text`);
  const start = index.toCodePoint(at);
  const end = index.toCodePoint(at + exact.length);
  return {
    id: `00000000-0000-7000-8000-${String(++sequence).padStart(12, '0')}`,
    documentId: doc.id,
    tagId,
    start,
    end,
    ...quoteOf(index, start, end),
    note,
    author: 'аналитик',
    createdAt: '2025-05-01T10:00:00.000Z',
    updatedAt: '2025-05-02T10:00:00.000Z',
    attributes: {},
    entityId: null,
  };
}

function documentWith(
  id: string,
  title: string,
  text: string,
  make: (doc: { id: string; text: string }) => Annotation[],
): ExportDocument {
  return { id, title, text, annotations: make({ id, text }) };
}

const emojiDoc = documentWith(
  'd0000000-0000-7000-8000-000000000001',
  'Заявление 😀, "quoted", title',
  '👨‍👩‍👧 Family said 🇺🇦 forces won; 北京 and 𠮷野家 disagree. Ceyhun Mammadov spoke.',
  (doc) => [
    span(doc, OPINION, '𠮷野家 disagree'),
    span(doc, CLAIM, '🇺🇦 forces won', 'Admiralty B2'),
    span(doc, ENTITY, '北京'),
    span(doc, ENTITY, 'Ceyhun Mammadov'),
    span(doc, CLAIM, '👨‍👩‍👧 Family said 🇺🇦 forces won'),
  ],
);
const emptyDoc = documentWith(
  'd0000000-0000-7000-8000-000000000002',
  'Empty',
  'Nothing.',
  () => [],
);

describe('JSONL export', () => {
  const out = exportToString('jsonl', [emojiDoc, emptyDoc], tagNames);
  const lines = out.content.split('\n');

  it('writes one line per document, counting documents and annotations', () => {
    expect(lines).toHaveLength(3);
    expect(lines[2]).toBe('');
    expect(out.documentCount).toBe(2);
    expect(out.annotationCount).toBe(5);
    expect(JSON.parse(lines[1]!)).toEqual({
      id: emptyDoc.id,
      title: 'Empty',
      text: 'Nothing.',
      label: [],
      spans: [],
    });
  });

  it('gives doccano labels whose code-point offsets cut each quote out of the text', () => {
    const record = JSON.parse(lines[0]!) as {
      text: string;
      label: [number, number, string][];
      spans: { start: number; end: number; quote: string; label: string }[];
    };
    expect(record.text).toBe(emojiDoc.text);
    const codePoints = Array.from(record.text);
    const cut = ([start, end]: [number, number, string]) => codePoints.slice(start, end).join('');
    expect(record.label.map((l) => [cut(l), l[2]])).toEqual([
      ['👨‍👩‍👧 Family said 🇺🇦 forces won', 'Claim'],
      ['🇺🇦 forces won', 'Claim'],
      ['北京', 'Entity'],
      ['𠮷野家 disagree', 'Opinion'],
      ['Ceyhun Mammadov', 'Entity'],
    ]);
    for (const s of record.spans) expect(codePoints.slice(s.start, s.end).join('')).toBe(s.quote);
    // Counted by hand: the family emoji is 5 code points, " Family said " 13, the flag 2.
    expect(record.label[1]!.slice(0, 2)).toEqual([18, 31]);
  });

  it('keeps each span’s id, tag id, note, author and times', () => {
    const record = JSON.parse(lines[0]!);
    const claim = emojiDoc.annotations[1]!;
    expect(record.spans[1]).toEqual({
      id: claim.id,
      start: claim.start,
      end: claim.end,
      label: 'Claim',
      tag_id: CLAIM,
      quote: '🇺🇦 forces won',
      note: 'Admiralty B2',
      author: 'аналитик',
      created_at: '2025-05-01T10:00:00.000Z',
      updated_at: '2025-05-02T10:00:00.000Z',
    });
  });

  it('escapes U+2028/U+2029 so no record is split by a line-splitting reader', () => {
    const doc = documentWith(
      'd0000000-0000-7000-8000-000000000003',
      'ls',
      'a\u2028b\u2029c',
      () => [],
    );
    const content = exportToString('jsonl', [doc], tagNames).content;
    expect(content.split(/\r\n|\r|\n|\u2028|\u2029|\u0085/)).toHaveLength(2);
    expect(JSON.parse(content).text).toBe('a\u2028b\u2029c');
  });
});

/** A strict RFC 4180 reader: CRLF records, quoted fields with doubled quotes. */
function parseCsv(content: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let i = 0;
  while (i < content.length) {
    let field = '';
    if (content[i] === '"') {
      i++;
      for (;;) {
        if (i >= content.length) throw new Error('unterminated quoted field');
        if (content[i] === '"') {
          if (content[i + 1] === '"') {
            field += '"';
            i += 2;
            continue;
          }
          i++;
          break;
        }
        field += content[i++];
      }
    } else {
      while (i < content.length && content[i] !== ',' && content[i] !== '\r') {
        if (content[i] === '"' || content[i] === '\n')
          throw new Error(`bare ${content[i]} at ${i}`);
        field += content[i++];
      }
    }
    row.push(field);
    if (content[i] === ',') {
      i++;
    } else if (content.startsWith('\r\n', i)) {
      rows.push(row);
      row = [];
      i += 2;
    } else if (i < content.length) {
      throw new Error(`unexpected ${JSON.stringify(content[i])} at ${i}`);
    }
  }
  if (row.length) throw new Error('last record has no CRLF');
  return rows;
}

describe('CSV export', () => {
  const tricky = documentWith(
    'd0000000-0000-7000-8000-000000000004',
    '=HYPERLINK("http://evil")',
    'Line one, "quoted"\r\nline two\n-5% drop; @handle said =1+1\tend',
    (doc) => [
      span(doc, CLAIM, 'Line one, "quoted"\r\nline two', 'multi\r\nline "note"'),
      span(doc, ENTITY, '-5% drop', '+cmd'),
      span(doc, OPINION, '@handle'),
      span(doc, CLAIM, '=1+1\tend', '\tindented'),
    ],
  );
  const out = exportToString('csv', [emojiDoc, tricky, emptyDoc], tagNames);

  it('starts with a UTF-8 byte-order mark and the header, and ends every record with CRLF', () => {
    expect(out.content.startsWith(`\uFEFF${CSV_COLUMNS.join(',')}\r\n`)).toBe(true);
    expect(CSV_COLUMNS.join(',')).toBe(
      'annotation_id,document_id,document_title,tag,start,end,quote,prefix,suffix,note,author,created_at,updated_at',
    );
    expect(out.content.endsWith('\r\n')).toBe(true);
    expect(out).toMatchObject({ documentCount: 3, annotationCount: 9 });
  });

  it('parses back, as an RFC 4180 reader sees it, to one row per annotation', () => {
    const [header, ...rows] = parseCsv(out.content.slice(1));
    expect(header).toEqual([...CSV_COLUMNS]);
    expect(rows).toHaveLength(9);
    const first = Object.fromEntries(header!.map((name, i) => [name, rows[0]![i]]));
    const a = emojiDoc.annotations[4]!;
    expect(first).toEqual({
      annotation_id: a.id,
      document_id: emojiDoc.id,
      document_title: 'Заявление 😀, "quoted", title',
      tag: 'Claim',
      start: '0',
      end: String(a.end),
      quote: '👨‍👩‍👧 Family said 🇺🇦 forces won',
      prefix: '',
      suffix: a.suffix,
      note: '',
      author: 'аналитик',
      created_at: '2025-05-01T10:00:00.000Z',
      updated_at: '2025-05-02T10:00:00.000Z',
    });
    // CR and LF inside a quote survive the round trip.
    const multiline = rows.find((r) => r[9] === 'multi\r\nline "note"');
    expect(multiline?.[6]).toBe('Line one, "quoted"\r\nline two');
  });

  it("guards cells a spreadsheet would run as a formula with a leading ', but not numbers", () => {
    const rows = parseCsv(out.content.slice(1)).slice(1);
    const trickyRows = rows.filter((r) => r[1] === tricky.id);
    expect(trickyRows.map((r) => [r[2], r[6], r[9]])).toEqual([
      ['\'=HYPERLINK("http://evil")', 'Line one, "quoted"\r\nline two', 'multi\r\nline "note"'],
      ['\'=HYPERLINK("http://evil")', "'-5% drop", "'+cmd"],
      ['\'=HYPERLINK("http://evil")', "'@handle", ''],
      ['\'=HYPERLINK("http://evil")', "'=1+1\tend", "'\tindented"],
    ]);
    expect(trickyRows.every((r) => /^\d+$/.test(r[4]!) && /^\d+$/.test(r[5]!))).toBe(true);
    expect(textCell('\rx')).toBe('"\'\rx"');
    expect(textCell('safe - text')).toBe('safe - text');
  });
});
