import type { GlossErrorShape } from '../core/errors';

/** What the worker is started with (its `workerData`). */
export interface WorkerOptions {
  projectPath: string;
  author: string;
  appVersion: string;
}

/** A call from the main thread. Ids start at 1; `close` asks the worker to close the project. */
export type WorkerRequest =
  { id: number; method: string; args: unknown } | { id: number; close: true };

/**
 * A reply from the worker. The worker's first message has id READY_ID and says whether the
 * project opened; every other reply answers the request with the same id.
 */
export type WorkerReply =
  { id: number; ok: true; result: unknown } | { id: number; ok: false; error: GlossErrorShape };

export const READY_ID = 0;
