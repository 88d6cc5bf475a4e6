import { Worker } from 'node:worker_threads';
import { apiFromCall } from '../core/api';
import type { ApiArgs, ApiMethod, ApiResults, GlossApi } from '../core/api';
import { GlossError } from '../core/errors';
import { READY_ID } from './worker-protocol';
import type { WorkerOptions, WorkerReply, WorkerRequest } from './worker-protocol';

export type { WorkerOptions } from './worker-protocol';

/** The service running in its worker thread. */
export interface ServiceWorker {
  api: GlossApi;
  /** Closes the project (SQLite checkpoints its WAL) and ends the worker. */
  close(): Promise<void>;
}

/** How long close() waits for the worker to close the database before terminating it. */
const CLOSE_TIMEOUT_MS = 10_000;

/**
 * Starts the service in a worker thread (`workerFile` is the bundled worker-entry) and resolves
 * once the project is open; rejects with the worker's GlossError (e.g. `schema_too_new`) if it
 * cannot be. Failed calls reject with a GlossError rebuilt from the worker's reply; if the worker
 * dies, every pending and later call rejects with GlossError('internal').
 */
export function startServiceWorker(
  workerFile: string | URL,
  options: WorkerOptions,
): Promise<ServiceWorker> {
  const worker = new Worker(workerFile, { workerData: { ...options } });
  const pending = new Map<number, { resolve(value: unknown): void; reject(e: Error): void }>();
  let nextId = READY_ID + 1;
  let stopped: GlossError | undefined;
  let exitedCleanly = false;

  const stop = (error: GlossError): void => {
    stopped ??= error;
    for (const { reject } of pending.values()) reject(stopped);
    pending.clear();
  };

  const send = (request: WorkerRequest): Promise<unknown> =>
    new Promise((resolve, reject) => {
      if (stopped) return reject(stopped);
      pending.set(request.id, { resolve, reject });
      worker.postMessage(request);
    });

  return new Promise<ServiceWorker>((resolveStart, rejectStart) => {
    pending.set(READY_ID, {
      resolve: () => resolveStart({ api, close }),
      reject: rejectStart,
    });

    worker.on('message', (reply: WorkerReply) => {
      const waiting = pending.get(reply.id);
      if (!waiting) return;
      pending.delete(reply.id);
      if (reply.ok) waiting.resolve(reply.result);
      else waiting.reject(GlossError.fromShape(reply.error));
    });
    worker.on('error', (error) => {
      process.stderr.write(`[gloss] the service worker crashed: ${error.stack ?? error}\n`);
      const message = `The Gloss service stopped unexpectedly (${error.message}). Restart Gloss.`;
      stop(new GlossError('internal', message));
    });
    worker.on('exit', (code) => {
      exitedCleanly = code === 0;
      stop(
        new GlossError(
          'internal',
          code === 0
            ? 'The Gloss service is closed.'
            : `The Gloss service stopped unexpectedly (exit code ${code}). Restart Gloss.`,
        ),
      );
    });

    const api = apiFromCall(
      <M extends ApiMethod>(method: M, args: ApiArgs[M]) =>
        send({ id: nextId++, method, args }) as Promise<ApiResults[M]>,
    );

    let closing: Promise<void> | undefined;
    function close(): Promise<void> {
      closing ??= (async () => {
        if (stopped) return;
        const exited = new Promise<void>((resolve) => worker.once('exit', () => resolve()));
        const timer = setTimeout(() => void worker.terminate(), CLOSE_TIMEOUT_MS);
        try {
          await send({ id: nextId++, close: true });
        } catch (error) {
          // The worker may end before its "closed" reply is read; a clean exit is success.
          if (!exitedCleanly) throw error;
        } finally {
          await exited;
          clearTimeout(timer);
        }
      })();
      return closing;
    }
  });
}
