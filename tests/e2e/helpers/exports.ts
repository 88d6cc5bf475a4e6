/** Exporting through the dialog (a download in browser mode) and reading the files back. */
import { readFile } from 'node:fs/promises';
import type { Page } from '@playwright/test';
import { expect } from '@playwright/test';

export interface DownloadedExport {
  fileName: string;
  content: string;
}

/** Opens "Export…", picks a format and a scope, saves, and returns the downloaded file. */
export async function exportThroughDialog(
  page: Page,
  format: 'JSONL' | 'CSV',
  scope: 'This document' | 'Whole project',
): Promise<DownloadedExport> {
  await page.getByRole('button', { name: 'Export…', exact: true }).click();
  const dialog = page.getByRole('dialog', { name: 'Export annotations' });
  await dialog.getByRole('radio', { name: format }).check();
  await dialog.getByRole('radio', { name: scope }).check();
  const downloading = page.waitForEvent('download');
  await dialog.getByRole('button', { name: 'Save export' }).click();
  const download = await downloading;
  const file = await download.path();
  await expect(dialog).toBeHidden();
  return { fileName: download.suggestedFilename(), content: await readFile(file, 'utf8') };
}

/** One record (one document) of the JSONL export. */
export interface JsonlRecord {
  id: string;
  title: string;
  text: string;
  label: [number, number, string][];
  spans: {
    id: string;
    start: number;
    end: number;
    label: string;
    tag_id: string;
    quote: string;
    note: string;
  }[];
}

/** Parses a JSONL file: one JSON object per line, each line ended by LF. */
export function parseJsonl(content: string): JsonlRecord[] {
  expect(content.endsWith('\n'), 'every JSONL record ends with a newline').toBe(true);
  return content
    .slice(0, -1)
    .split('\n')
    .map((line) => JSON.parse(line) as JsonlRecord);
}

const UTF8_BOM = '\uFEFF';

/**
 * Parses an RFC 4180 CSV file strictly: records end with CRLF; a field holding a comma, quote,
 * CR or LF is quoted, with inner quotes doubled; a quote anywhere else is an error. The export
 * starts with a UTF-8 byte-order mark (so spreadsheets read it as UTF-8), which is checked and
 * dropped. Returns the header and one object per record, keyed by column.
 */
export function parseCsv(content: string): {
  header: string[];
  rows: Record<string, string>[];
} {
  expect(content.startsWith(UTF8_BOM), 'the CSV export starts with a UTF-8 BOM').toBe(true);
  const records: string[][] = [];
  let record: string[] = [];
  let field = '';
  let i = UTF8_BOM.length;
  const fail = (why: string): never => {
    throw new Error(`CSV at character ${i}: ${why}`);
  };
  while (i < content.length) {
    if (content[i] === '"' && field === '') {
      // A quoted field: runs to the quote that is not doubled.
      i++;
      for (;;) {
        if (i >= content.length) fail('a quoted field is not closed');
        if (content[i] === '"') {
          if (content[i + 1] !== '"') break;
          field += '"';
          i += 2;
        } else field += content[i++];
      }
      i++;
      if (i < content.length && content[i] !== ',' && content[i] !== '\r') {
        fail('a closing quote must end the field');
      }
      continue;
    }
    const c = content[i]!;
    if (c === ',') {
      record.push(field);
      field = '';
      i++;
    } else if (c === '\r') {
      if (content[i + 1] !== '\n') fail('CR without LF');
      record.push(field);
      records.push(record);
      record = [];
      field = '';
      i += 2;
    } else if (c === '\n') fail('a record must end with CRLF');
    else if (c === '"') fail('a quote inside an unquoted field');
    else {
      field += c;
      i++;
    }
  }
  if (field !== '' || record.length > 0) fail('the last record does not end with CRLF');
  const [header, ...body] = records;
  if (!header) throw new Error('the CSV has no header');
  const rows = body.map((cells) => {
    expect(cells, 'every record has one cell per column').toHaveLength(header.length);
    return Object.fromEntries(header.map((name, k) => [name, cells[k]!]));
  });
  return { header, rows };
}

/**
 * A text cell as a spreadsheet-safe CSV writes it: a value starting with = + - @ tab or CR
 * would run as a formula, so it is prefixed with ' (what the export promises).
 */
export function spreadsheetSafe(value: string): string {
  return /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
}
