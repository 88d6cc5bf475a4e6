import { describe, expect, it } from 'vitest';
import { isJunkTitle, metadataOf, pdfDate, titleOf } from '../../../../formats/pdf/metadata';

describe('pdfDate', () => {
  it.each([
    ["D:20240305143000+03'00'", '2024-03-05T11:30:00Z'],
    ["D:20240305143000-05'30'", '2024-03-05T20:00:00Z'],
    ['D:20240305143000Z', '2024-03-05T14:30:00Z'],
    ['D:20240305143000', '2024-03-05T14:30:00Z'],
    ['D:20240305', '2024-03-05'],
    ['D:2024', '2024-01-01'],
    ['20240305120000', '2024-03-05T12:00:00Z'],
  ])('%s → %s', (raw, iso) => expect(pdfDate(raw)).toBe(iso));

  it.each(['', 'yesterday', 'D:20241305', undefined, 42])('%j is not a date', (raw) =>
    expect(pdfDate(raw)).toBeUndefined(),
  );
});

describe('isJunkTitle', () => {
  it.each([
    'Microsoft Word - report_final.docx',
    'Microsoft PowerPoint - slides',
    'report_final.doc',
    'scan0001.pdf',
    'Untitled',
    'Document1',
    'Без названия',
    '123',
    '—',
  ])('%s is junk', (title) => expect(isJunkTitle(title)).toBe(true));

  it.each(['Pipelines and power', 'Газопровод и политика', 'Vol. 21: Baku'])(
    '%s is a title',
    (title) => expect(isJunkTitle(title)).toBe(false),
  );
});

describe('metadataOf and titleOf', () => {
  it('reads author, date and a well-formed language, cleaned', () => {
    expect(
      metadataOf({
        Author: '  Leyla\tAliyeva ',
        CreationDate: 'D:20240305',
        Language: 'ru-RU',
        Title: 'x',
      }),
    ).toEqual({ byline: 'Leyla Aliyeva', publishedAt: '2024-03-05', language: 'ru-RU' });
  });

  it('falls back to the modification date, and drops a malformed language', () => {
    expect(metadataOf({ ModDate: 'D:20240101000000Z', Language: 'Russian (Russia)' })).toEqual({
      publishedAt: '2024-01-01T00:00:00Z',
    });
  });

  it('ignores values that are not strings', () => {
    expect(metadataOf({ Author: 7, CreationDate: null })).toEqual({});
    expect(titleOf({ Title: { name: 'x' } })).toBeUndefined();
  });

  it('keeps a real title and drops a junk one', () => {
    expect(titleOf({ Title: ' Pipelines\nand power ' })).toBe('Pipelines and power');
    expect(titleOf({ Title: 'Microsoft Word - a.doc' })).toBeUndefined();
  });
});
