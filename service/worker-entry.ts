/**
 * The service's thread: opens the project named in `workerData` and answers `{ id, method, args }`
 * messages through `dispatch`, so the database never blocks the thread that owns the windows or
 * the HTTP server. Bundled to out/node/service-worker.mjs.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { dispatch, toErrorShape } from './dispatch';
import { openService } from './service';
import type { GlossService } from './service';
import { READY_ID } from './worker-protocol';
import type { WorkerOptions, WorkerReply, WorkerRequest } from './worker-protocol';

if (!parentPort) throw new Error('worker-entry.ts runs only inside a worker thread');
const port = parentPort;

const reply = (message: WorkerReply): void => port.postMessage(message);

let service: GlossService | undefined;
try {
  const { projectPath, author, appVersion } = workerData as WorkerOptions;
  service = openService({ projectPath, author, appVersion });
  reply({ id: READY_ID, ok: true, result: null });
} catch (error) {
  reply({ id: READY_ID, ok: false, error: toErrorShape(error, 'opening the project') });
  port.close();
}

if (service) {
  const running = service;
  // Calls are answered one at a time, in order: better-sqlite3 is synchronous anyway, and the
  // order of writes is the order the analyst made them.
  let queue = Promise.resolve();
  port.on('message', (request: WorkerRequest) => {
    queue = queue
      .then(() => answer(running, request))
      .catch((error: unknown) => {
        // Only a reply that could not be posted lands here; answer it so the caller is not left
        // waiting, and keep the queue going.
        reply({ id: request.id, ok: false, error: toErrorShape(error, 'replying') });
      });
  });
}

async function answer(running: GlossService, request: WorkerRequest): Promise<void> {
  if ('close' in request) {
    try {
      running.close();
      reply({ id: request.id, ok: true, result: null });
    } catch (error) {
      reply({ id: request.id, ok: false, error: toErrorShape(error, 'closing the project') });
    }
    port.close();
    return;
  }
  const outcome = await dispatch(running.api, request.method, request.args);
  reply({ id: request.id, ...outcome });
}
