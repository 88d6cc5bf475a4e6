import { LIMITS } from '../core/limits';
import type { ImportOutcome } from '../core/domain';

/** One file as `importFiles` takes it. */
export interface FilePayload {
  name: string;
  data: string;
}

/** What the file input accepts (drag-and-drop sends anything and lets the service decide). */
export const IMPORT_ACCEPT = '.txt,.md,.markdown,text/plain,text/markdown';

/**
 * Bytes per importFiles call: large imports go in several calls, so that one request stays a
 * reasonable size for the loopback server and a progress message can follow the batches.
 */
const BATCH_BYTES = 24 * 1024 * 1024;

/**
 * Splits files into batches for `importFiles`, reading each as base64. Files too large for the
 * API fail here, named, without being read.
 */
export async function* readImportBatches(
  files: readonly File[],
): AsyncGenerator<{ payloads: FilePayload[]; rejected: ImportOutcome[] }> {
  let payloads: FilePayload[] = [];
  let rejected: ImportOutcome[] = [];
  let bytes = 0;
  for (const file of files) {
    if (file.size > LIMITS.maxFileBytes) {
      const limit = Math.round(LIMITS.maxFileBytes / (1024 * 1024));
      rejected.push({ name: file.name, status: 'failed', error: `larger than ${limit} MB` });
      continue;
    }
    if (
      payloads.length > 0 &&
      (bytes + file.size > BATCH_BYTES || payloads.length >= LIMITS.maxFilesPerCall)
    ) {
      yield { payloads, rejected };
      payloads = [];
      rejected = [];
      bytes = 0;
    }
    try {
      payloads.push({ name: file.name, data: await readBase64(file) });
      bytes += file.size;
    } catch {
      rejected.push({ name: file.name, status: 'failed', error: 'could not be read' });
    }
  }
  if (payloads.length || rejected.length) yield { payloads, rejected };
}

/** Base64 of a file's bytes, through the browser's own encoder (a data: URL). */
export function readBase64(file: Blob): Promise<string> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => {
      // An empty file may come back as a bare "data:" with no comma: that is empty base64.
      const url = String(reader.result ?? '');
      const comma = url.indexOf(',');
      resolve(comma === -1 ? '' : url.slice(comma + 1));
    };
    reader.onerror = () => reject(reader.error ?? new Error('read failed'));
    reader.readAsDataURL(file);
  });
}

/** Saves text as a download (browser mode): a Blob behind a temporary `<a download>`. */
export function downloadText(fileName: string, content: string, mimeType: string): void {
  const url = URL.createObjectURL(new Blob([content], { type: mimeType }));
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  link.rel = 'noopener';
  link.style.display = 'none';
  document.body.appendChild(link);
  link.click();
  link.remove();
  // Revoked later: revoking at once can cancel the download in some browsers.
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}
