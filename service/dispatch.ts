import { isApiMethod } from '../core/api';
import type { GlossApi } from '../core/api';
import { GlossError, isGlossErrorShape } from '../core/errors';
import type { GlossErrorShape } from '../core/errors';
import { glossErrorFromSqlite } from '../db/sqlite-errors';

/** What a door sends back for one call. */
export type DispatchReply = { ok: true; result: unknown } | { ok: false; error: GlossErrorShape };

/**
 * Runs one call that arrived through a door (worker message, HTTP request, IPC) and never throws:
 * an unknown method, invalid arguments (checked by the method itself) and every failure come back
 * as `{ ok: false, error }`. Errors that are not GlossErrors are bugs: the analyst gets a generic
 * `internal` message and the stack goes to stderr, never across the door.
 */
export async function dispatch(
  api: GlossApi,
  method: unknown,
  args: unknown,
): Promise<DispatchReply> {
  if (!isApiMethod(method)) {
    const name = typeof method === 'string' ? `"${method.slice(0, 100)}"` : 'without a name';
    return {
      ok: false,
      error: { code: 'not_found', message: `There is no API method ${name}.` },
    };
  }
  try {
    const call = api[method] as (args: unknown) => Promise<unknown>;
    return { ok: true, result: await call(args) };
  } catch (error) {
    return { ok: false, error: toErrorShape(error, method) };
  }
}

/** The shape of an error as it may cross a door; anything but a GlossError becomes `internal`. */
export function toErrorShape(error: unknown, context = 'Gloss'): GlossErrorShape {
  if (error instanceof GlossError) return error.toJSON();
  // A GlossError from another copy of core (another bundle) is still one of ours.
  if (error instanceof Error && error.name === 'GlossError' && isGlossErrorShape(error)) {
    return GlossError.fromShape(error).toJSON();
  }
  // A full disk, a read-only project, a lock held too long: said in words, not as a bug. (The
  // service maps these itself, naming the project; this catches any that get past it.)
  const storage = glossErrorFromSqlite(error);
  if (storage) return storage.toJSON();
  process.stderr.write(`[gloss] ${context} failed: ${(error as Error)?.stack ?? String(error)}\n`);
  return {
    code: 'internal',
    message: 'Something went wrong inside Gloss. The details were written to its log.',
  };
}
