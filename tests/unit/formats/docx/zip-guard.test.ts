import { describe, expect, it } from 'vitest';
import type { GlossError } from '../../../../core/errors';
import { formatBytes, inspectZip, readZipEntries } from '../../../../formats/zip-guard';
import { FIELD, patchCentralDirectory, withEntryCount, zipOf } from './zip-bytes';

async function failure(promise: Promise<unknown>) {
  try {
    await promise;
  } catch (error) {
    return (error as GlossError).toJSON();
  }
  throw new Error('expected a GlossError');
}

const options = { name: 'report.docx', kind: 'Word document' };

describe('inspectZip', () => {
  it('lists the entries with their declared sizes', async () => {
    const bytes = await zipOf({ 'a.txt': 'hello', 'b/c.xml': '<x/>'.repeat(100) });
    const { entries } = await inspectZip(bytes, options);
    expect(entries.map((e) => [e.name, e.uncompressedSize])).toEqual([
      ['a.txt', 5],
      ['b/', 0],
      ['b/c.xml', 400],
    ]);
    expect(entries[2]!.compressedSize).toBeLessThan(400);
  });

  it('refuses an entry that shrank a thousandfold (a real, small zip bomb)', async () => {
    const bomb = await zipOf({ 'word/document.xml': new Uint8Array(2 * 1024 * 1024) });
    expect(bomb.length).toBeLessThan(20_000);
    const error = await failure(inspectZip(bomb, options));
    expect(error.code).toBe('too_large');
    expect(error.message).toMatch(
      /^report\.docx: refused — the archive would expand to 2 MB from .* in "word\/document\.xml" alone \(a zip bomb\?\)$/,
    );
  });

  it('refuses an archive that declares more data than allowed, before inflating any', async () => {
    const small = await zipOf({ 'a.xml': 'x'.repeat(1000), 'b.xml': 'y'.repeat(1000) });
    // Each entry now claims 300 MB, and claims to be stored as such (so no ratio alarm).
    const declared = patchCentralDirectory(small, (record) => {
      record.setUint32(FIELD.compressedSize, 300 * 1024 * 1024, true);
      record.setUint32(FIELD.uncompressedSize, 300 * 1024 * 1024, true);
    });
    expect(await failure(inspectZip(declared, options))).toEqual({
      code: 'too_large',
      message:
        'report.docx: refused — the archive would expand to at least 600 MB, more than the ' +
        '500 MB accepted (a zip bomb?)',
    });
  });

  it('applies the limits it is given', async () => {
    const bytes = await zipOf({ 'a.xml': 'x'.repeat(5000) });
    expect((await failure(inspectZip(bytes, { ...options, maxTotalBytes: 4000 }))).code).toBe(
      'too_large',
    );
    const five = await zipOf({ a: '1', b: '2', c: '3', d: '4', e: '5' });
    expect(await failure(inspectZip(five, { ...options, maxEntries: 4 }))).toEqual({
      code: 'too_large',
      message:
        'report.docx: refused — the archive holds 5 files (at most 4 are accepted) (a zip bomb?)',
    });
  });

  it('refuses too many entries from the end record alone', async () => {
    const bytes = withEntryCount(await zipOf({ a: '1' }), 65_000);
    expect((await failure(inspectZip(bytes, options))).message).toContain(
      'the archive holds 65,000 files (at most 10,000 are accepted)',
    );
  });

  it('says when an entry is encrypted', async () => {
    const bytes = await zipOf({ 'document.xml': '<w:document/>' });
    // General-purpose flag bit 0: the entry is encrypted.
    const encrypted = patchCentralDirectory(bytes, (record) =>
      record.setUint16(FIELD.flags, record.getUint16(FIELD.flags, true) | 1, true),
    );
    expect(await failure(inspectZip(encrypted, options))).toEqual({
      code: 'unsupported_format',
      message: 'report.docx: the archive is encrypted (password-protected) — Gloss cannot read it',
    });
  });

  it('refuses truncated and non-zip bytes as damaged', async () => {
    const bytes = await zipOf({ 'word/document.xml': '<w:document/>'.repeat(50) });
    const expected = {
      code: 'unsupported_format',
      message: 'report.docx: not a valid Word document (damaged or truncated?)',
    };
    expect(await failure(inspectZip(bytes.subarray(0, bytes.length - 30), options))).toMatchObject(
      expected,
    );
    expect(
      await failure(inspectZip(new TextEncoder().encode('%PDF-1.7\n%âãÏÓ\n'), options)),
    ).toMatchObject(expected);
    expect(await failure(inspectZip(new Uint8Array(), options))).toMatchObject(expected);
  });
});

describe('readZipEntries', () => {
  it('inflates the wanted entries only', async () => {
    const bytes = await zipOf({ 'docProps/core.xml': '<core/>', 'word/media/a.png': 'PNG' });
    const contents = await readZipEntries(bytes, (name) => name.endsWith('.xml'), options);
    expect([...contents.keys()]).toEqual(['docProps/core.xml']);
    expect(new TextDecoder().decode(contents.get('docProps/core.xml'))).toBe('<core/>');
  });

  it('catches an entry that inflates to more than its central directory declared', async () => {
    const bytes = await zipOf({ 'word/document.xml': 'z'.repeat(100_000) });
    const lying = patchCentralDirectory(bytes, (record) => {
      // Files only: JSZip also writes a record for the folder "word/".
      if (record.getUint32(FIELD.uncompressedSize, true) > 0) {
        record.setUint32(FIELD.uncompressedSize, 1000, true);
      }
    });
    // The declaration alone looks harmless…
    await expect(inspectZip(lying, options)).resolves.toBeDefined();
    // …but inflating stops as soon as the entry exceeds it.
    expect((await failure(readZipEntries(lying, () => true, options))).code).toBe(
      'unsupported_format',
    );
  });
});

describe('formatBytes', () => {
  it.each([
    [0, '0 bytes'],
    [1023, '1023 bytes'],
    [1536, '1.5 KB'],
    [500 * 1024 * 1024, '500 MB'],
    [3 * 1024 ** 3, '3 GB'],
  ])('%d → %s', (bytes, shown) => expect(formatBytes(bytes)).toBe(shown));
});
