import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import type { DocumentSummary } from '../../../core/domain';
import {
  formatLabel,
  hasPageMode,
  languageLabel,
  publishedLabel,
  reimportSummary,
  sourceLine,
} from '../../../renderer/document-info';
import { encodingDescription, encodingLabel, ENCODINGS } from '../../../renderer/encodings';

const summary: DocumentSummary = {
  id: 'id',
  title: 'T',
  format: 'html',
  sourcePath: null,
  sha256: '0'.repeat(64),
  importedAt: '2025-01-01T00:00:00Z',
  length: 1,
  counts: {},
  details: {
    author: '',
    outlet: '',
    publishedAt: '',
    url: '',
    language: '',
    outletReliability: null,
  },
};

describe('encodings offered for import and re-import', () => {
  it('are all names the service’s decoder (iconv-lite) knows, listed once each', () => {
    for (const { value } of ENCODINGS) expect(iconv.encodingExists(value), value).toBe(true);
    expect(new Set(ENCODINGS.map((e) => e.value)).size).toBe(ENCODINGS.length);
    for (const must of [
      'utf-8',
      'windows-1251',
      'koi8-r',
      'iso-8859-5',
      'windows-1252',
      'utf-16le',
    ]) {
      expect(ENCODINGS.map((e) => e.value)).toContain(must);
    }
  });

  it('are shown by exact name and script; unknown names as they are', () => {
    expect(encodingDescription('windows-1251')).toBe('windows-1251 · Cyrillic');
    expect(encodingDescription('UTF-8')).toBe('UTF-8 · Unicode');
    expect(encodingDescription('x-mac-thai')).toBe('x-mac-thai');
    expect(encodingLabel('KOI8-R')).toBe('Cyrillic (KOI8-R)');
  });
});

describe('document details', () => {
  it('names formats in words, and knows which can keep the whole page', () => {
    expect(formatLabel('mhtml')).toBe('Saved web page (MHTML)');
    expect(formatLabel('odt')).toBe('ODT');
    expect(hasPageMode('html')).toBe(true);
    expect(hasPageMode('pdf')).toBe(false);
  });

  it('shows a date-only published date as that date, whatever the time zone', () => {
    expect(publishedLabel('2024-03-12')).toMatch(/12/);
    expect(publishedLabel('2024-03-12')).toMatch(/2024/);
    expect(publishedLabel('last Tuesday')).toBe('last Tuesday');
  });

  it('names languages, and shows a malformed tag as found', () => {
    expect(languageLabel('uk')).toMatch(/\(uk\)$/);
    expect(languageLabel('not a tag!')).toBe('not a tag!');
  });

  it('writes byline and site for a library row when the summary has them', () => {
    expect(sourceLine(summary)).toBeNull();
    expect(sourceLine({ ...summary, metadata: { byline: 'J. Doe', siteName: 'Kavkaz' } })).toBe(
      'J. Doe · Kavkaz',
    );
    expect(sourceLine({ ...summary, metadata: { siteName: ' ' } })).toBeNull();
  });

  it('sums up a re-import: moved annotations and the quotes left behind', () => {
    const document = summary;
    expect(reimportSummary({ document, moved: 0, orphaned: [] })).toBe(
      'There were no annotations to move.',
    );
    expect(reimportSummary({ document, moved: 12, orphaned: [] })).toBe(
      '12 annotations moved to the new version.',
    );
    const orphaned = ['один', 'два', 'три', 'четыре'].map((exact, i) => ({ id: `${i}`, exact }));
    expect(reimportSummary({ document, moved: 1, orphaned: orphaned.slice(0, 1) })).toBe(
      '1 annotation moved, 1 could not be re-anchored: “один”. It stays on the previous version.',
    );
    expect(reimportSummary({ document, moved: 2, orphaned })).toBe(
      '2 annotations moved, 4 could not be re-anchored: “один”, “два”, “три” and 1 more. ' +
        'They stay on the previous version.',
    );
  });
});
