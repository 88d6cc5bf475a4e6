/**
 * Surgery on zip bytes for tests: the central directory's records are patched in place, so an
 * archive can declare sizes, entry counts or flags it does not really have — the way a hostile
 * file would — without building gigabytes.
 */
import JSZip from 'jszip';

const CENTRAL_RECORD = 0x02014b50;
const END_OF_CENTRAL_DIRECTORY = 0x06054b50;

/** A small deflated zip of the given entries. */
export async function zipOf(files: Record<string, string | Uint8Array>): Promise<Uint8Array> {
  const zip = new JSZip();
  for (const [name, content] of Object.entries(files)) zip.file(name, content);
  return zip.generateAsync({ type: 'uint8array', compression: 'DEFLATE' });
}

/** Offsets of the central-directory records, in order. */
function centralRecords(bytes: Uint8Array): number[] {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const offsets: number[] = [];
  for (let i = 0; i + 4 <= bytes.length; i++) {
    if (view.getUint32(i, true) === CENTRAL_RECORD) offsets.push(i);
  }
  return offsets;
}

/** A copy in which the central directory patches each record (a DataView at its start). */
export function patchCentralDirectory(
  bytes: Uint8Array,
  patch: (record: DataView, index: number) => void,
): Uint8Array {
  const copy = bytes.slice();
  centralRecords(copy).forEach((offset, index) =>
    patch(new DataView(copy.buffer, copy.byteOffset + offset), index),
  );
  return copy;
}

/** Field offsets inside a central-directory record (APPNOTE.TXT 4.3.12). */
export const FIELD = { flags: 8, compressedSize: 20, uncompressedSize: 24 };

/** A copy whose end-of-central-directory record claims `count` entries. */
export function withEntryCount(bytes: Uint8Array, count: number): Uint8Array {
  const copy = bytes.slice();
  const view = new DataView(copy.buffer, copy.byteOffset, copy.byteLength);
  for (let i = copy.length - 22; i >= 0; i--) {
    if (view.getUint32(i, true) === END_OF_CENTRAL_DIRECTORY) {
      view.setUint16(i + 8, count, true); // entries on this disk
      view.setUint16(i + 10, count, true); // entries in all
      return copy;
    }
  }
  throw new Error('no end-of-central-directory record');
}
