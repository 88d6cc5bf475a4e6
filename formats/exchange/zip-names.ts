/**
 * The file names a zip holds, read from its central directory without inflating anything — enough
 * to tell a brat collection (.ann files) from a Label Studio export (tasks.json) or a REFI-QDA
 * project (project.qde) when all of them arrive as ".zip". Returns [] for anything unreadable.
 */
export function zipEntryNames(bytes: Uint8Array, max = 10_000): string[] {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  // The end-of-central-directory record: within the last 64 KiB (+22) of the file.
  let eocd = -1;
  for (let at = bytes.length - 22; at >= Math.max(0, bytes.length - 65_557); at--) {
    if (view.getUint32(at, true) === 0x06054b50) {
      eocd = at;
      break;
    }
  }
  if (eocd < 0) return [];
  const count = Math.min(view.getUint16(eocd + 10, true), max);
  let at = view.getUint32(eocd + 16, true);
  const names: string[] = [];
  const decoder = new TextDecoder('utf-8');
  for (let i = 0; i < count; i++) {
    if (at + 46 > bytes.length || view.getUint32(at, true) !== 0x02014b50) break;
    const nameLength = view.getUint16(at + 28, true);
    const extraLength = view.getUint16(at + 30, true);
    const commentLength = view.getUint16(at + 32, true);
    if (at + 46 + nameLength > bytes.length) break;
    names.push(decoder.decode(bytes.subarray(at + 46, at + 46 + nameLength)));
    at += 46 + nameLength + extraLength + commentLength;
  }
  return names;
}

/** Which span format a zip is, by its file names: brat, Label Studio, or neither. */
export function spanZipKind(bytes: Uint8Array): 'brat' | 'labelstudio' | undefined {
  const names = zipEntryNames(bytes);
  if (names.some((n) => /(^|\/)tasks\.json$/i.test(n) || /(^|\/)labeling-config\.xml$/i.test(n))) {
    return 'labelstudio';
  }
  if (names.some((n) => /\.ann$/i.test(n) || /(^|\/)annotation\.conf$/i.test(n))) return 'brat';
  return undefined;
}

/**
 * Which span format a JSON or JSONL text is, from its first record: doccano (an object with
 * `text` or `entities`) or Label Studio (tasks with `data` and `annotations` or `predictions`).
 */
export function spanJsonKind(head: string): 'doccano' | 'labelstudio' | undefined {
  if (
    /^\s*\[?\s*\{[\s\S]*"data"\s*:/.test(head) &&
    /"(annotations|predictions|completions)"\s*:/.test(head)
  ) {
    return 'labelstudio';
  }
  // The text may be long enough to push every other key past the head: either key will do.
  if (/^\s*\{/.test(head) && /"(text|entities)"\s*:/.test(head)) return 'doccano';
  return undefined;
}
