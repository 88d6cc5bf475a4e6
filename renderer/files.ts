import type { GlossApi } from '../core/api';
import type { ImportOptions } from '../core/domain';
import { LIMITS } from '../core/limits';
import type { FoundFile } from './folder-walk';
import type { ImportJob } from './import-queue';

export { IMPORT_ACCEPT } from './folder-walk';

/** A file already in hand (picked, or from a folder input with its `path` there). */
export function foundFile(file: File, path?: string): FoundFile {
  const open = async () => file;
  return path === undefined ? { name: file.name, open } : { name: file.name, path, open };
}

/**
 * The job that imports one file through `importFiles`, one file per call: the bytes are read
 * only when the job runs, so a long batch never holds more than one file in memory, and a
 * cancel stops after the current file. Files too large for the API fail here, named, unread.
 * A file's place inside a folder is sent as its source path.
 */
export function uploadJob(api: GlossApi, found: FoundFile): ImportJob {
  const { name, path } = found;
  return {
    name,
    ...(path === undefined ? {} : { path }),
    async run(options: ImportOptions) {
      let data: string;
      try {
        const file = await found.open();
        if (file.size > LIMITS.maxFileBytes) {
          const limit = Math.round(LIMITS.maxFileBytes / (1024 * 1024));
          return [{ name, status: 'failed', error: `larger than ${limit} MB` }];
        }
        data = await readBase64(file);
      } catch {
        // Moved, deleted or unreadable since it was chosen: say so instead of a browser error.
        return [{ name, status: 'failed', error: 'could not be read' }];
      }
      const payload = path === undefined ? { name, data } : { name, data, path };
      return api.importFiles({
        files: [payload],
        ...(hasOptions(options) ? { options } : {}),
      });
    },
  };
}

/** Whether any option differs from the service's defaults (so the call can leave them out). */
function hasOptions(options: ImportOptions): boolean {
  return Object.values(options).some((value) => value !== undefined);
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
