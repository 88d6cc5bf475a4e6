/**
 * What every `gloss` command that works on a project shares (cli.ts and its command modules): the
 * service opened for one command and closed after it, and the counts in its report lines.
 */
import type { GlossApi } from '../core/api';
import { defaultAuthor } from './paths';
import { openService } from './service';
import { APP_VERSION } from './version';

/**
 * Opens the project, runs `work` against its API, and closes it even when the work fails, so a
 * command never leaves the project locked. `mustExist` as in openService.
 */
export async function withService<T>(
  options: { projectPath: string; mustExist: boolean },
  work: (api: GlossApi) => Promise<T>,
): Promise<T> {
  const service = openService({
    ...options,
    author: defaultAuthor(),
    appVersion: APP_VERSION,
  });
  try {
    return await work(service.api);
  } finally {
    service.close();
  }
}

/** "1 document", "3 documents". */
export function plural(count: number, noun: string): string {
  return `${count} ${noun}${count === 1 ? '' : 's'}`;
}
