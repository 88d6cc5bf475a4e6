import type { ApiMethod } from '../core/api';
import { GlossError } from '../core/errors';

/** The ways into the service (DESIGN.md §1). */
export type Door = 'web' | 'desktop' | 'cli';

/** Methods that make the service read files on this computer by path. */
export const PATH_METHODS: readonly ApiMethod[] = [
  'importPaths',
  'expandPaths',
  // Exchange (issue 5): they write or read files by path, or (takeDownload) name one.
  'exportToPath',
  'importAnnotationsFromPath',
  'saveProjectCopy',
  'takeDownload',
];

/**
 * Methods a door refuses. Browser mode refuses the path methods: whatever page reaches the
 * loopback API, it must never make the service read local files — files come to it as bytes the
 * user chose in the browser. The desktop window refuses them too: in the app, paths come from
 * the native dialog, which the main process handles itself, so a page that was tricked into
 * running script still cannot name a file. The CLI is the user at a shell: everything.
 */
export const DENIED_METHODS: Readonly<Record<Door, ReadonlySet<ApiMethod>>> = {
  web: new Set(PATH_METHODS),
  desktop: new Set(PATH_METHODS),
  cli: new Set(),
};

/** The GlossError('unauthorized') a door answers with for a method it refuses, or undefined. */
export function refusalFor(door: Door, method: ApiMethod): GlossError | undefined {
  if (!DENIED_METHODS[door].has(method)) return undefined;
  const where = door === 'web' ? 'in browser mode' : 'from the app window';
  return new GlossError(
    'unauthorized',
    `${method} is not available ${where}: Gloss reads files from disk only when you choose them ` +
      `in its own file dialog or on the command line. Use Import to choose files instead.`,
    { method },
  );
}
