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
  // Each call is answered as soon as it arrives, not after the one before it: a PDF that takes
  // a minute to read must not hold up listing or annotating. Order is still kept where it
  // matters: a method's database work is synchronous and starts in arrival order, and no
  // transaction spans an await (an import reads its file first, then writes in one go).
  const inFlight = new Set<Promise<void>>();
  port.on('message', (request: WorkerRequest) => {
    if ('close' in request) {
      // Closing waits for the calls already running, so none of them finds the database gone.
      void Promise.allSettled([...inFlight]).then(() => answer(running, request));
      return;
    }
    const call = answer(running, request)
      .catch((error: unknown) => {
        // Only a reply that could not be posted lands here; answer it so the caller is not left
        // waiting.
        reply({ id: request.id, ok: false, error: toErrorShape(error, 'replying') });
      })
      .finally(() => inFlight.delete(call));
    inFlight.add(call);
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
