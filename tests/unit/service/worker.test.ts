import { nodeBundleOptions } from '../../../scripts/bundle-options.mjs';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import Sqlite from 'better-sqlite3';
import { build } from 'esbuild';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { GlossError } from '../../../core/errors';
import { startServiceWorker } from '../../../service/worker-client';
import { makePdf } from '../formats/import-fixtures';
import { CLAIM, base64, makeTempDir, rejectionOf } from './helpers';

const ROOT = fileURLToPath(new URL('../../../', import.meta.url));
const OPTIONS = { author: 'analyst', appVersion: '9.9.9' };

// The worker is bundled the way scripts/build.mjs bundles it (ESM, better-sqlite3 external, a
// real `require` in scope). The
// bundle lives inside the repository so that Node resolves better-sqlite3 from node_modules.
let bundleDir: string;
let workerFile: string;

beforeAll(async () => {
  mkdirSync(join(ROOT, '.tmp'), { recursive: true });
  bundleDir = mkdtempSync(join(ROOT, '.tmp', 'worker-test-'));
  workerFile = join(bundleDir, 'service-worker.mjs');
  await build({
    entryPoints: [join(ROOT, 'service/worker-entry.ts')],
    outfile: workerFile,
    ...nodeBundleOptions,
    logLevel: 'silent',
  });
});

afterAll(() => rmSync(bundleDir, { recursive: true, force: true }));

describe('the service worker', () => {
  it('answers calls through a real worker thread', async () => {
    const projectPath = join(makeTempDir(), 'w.gloss');
    const service = await startServiceWorker(workerFile, { projectPath, ...OPTIONS });
    try {
      const [outcome] = await service.api.importFiles({
        files: [{ name: 'a.txt', data: base64('Кавказ 😀 claim.') }],
      });
      expect(outcome).toMatchObject({ status: 'imported', document: { length: 15 } });
      const documentId = outcome!.status === 'imported' ? outcome!.document.id : '';
      const made = await service.api.createAnnotation({
        documentId,
        tagId: CLAIM,
        start: 9,
        end: 14,
      });
      expect(made).toMatchObject({ exact: 'claim', author: 'analyst' });
      expect(await service.api.listAnnotations({ documentId })).toEqual([made]);
      expect((await service.api.getProjectInfo({})).projectPath).toBe(projectPath);
    } finally {
      await service.close();
    }
  });

  it('delivers failures as GlossErrors with their code and message', async () => {
    const service = await startServiceWorker(workerFile, {
      projectPath: join(makeTempDir(), 'w.gloss'),
      ...OPTIONS,
    });
    try {
      const error = await rejectionOf(
        service.api.createAnnotation({ documentId: 'nope', tagId: CLAIM, start: 0, end: 1 }),
      );
      expect(error).toBeInstanceOf(GlossError);
      expect(error).toMatchObject({
        code: 'invalid_argument',
        message: /^createAnnotation: documentId/,
      });
    } finally {
      await service.close();
    }
  });

  it('rejects the start when the project cannot be opened, with the reason', async () => {
    const projectPath = join(makeTempDir(), 'future.gloss');
    const db = new Sqlite(projectPath);
    db.pragma('user_version = 999');
    db.close();
    const error = await rejectionOf(startServiceWorker(workerFile, { projectPath, ...OPTIONS }));
    expect(error).toBeInstanceOf(GlossError);
    expect(error).toMatchObject({ code: 'schema_too_new', message: /newer Gloss \(schema 999\)/ });
  });

  it('closes: the worker ends and later calls fail cleanly', async () => {
    const service = await startServiceWorker(workerFile, {
      projectPath: join(makeTempDir(), 'w.gloss'),
      ...OPTIONS,
    });
    await service.close();
    await service.close(); // twice is fine
    const error = await rejectionOf(service.api.listTags({}));
    expect(error).toBeInstanceOf(GlossError);
    expect(error).toMatchObject({ code: 'internal', message: 'The Gloss service is closed.' });
  });

  it('answers other calls while a long import is being read', async () => {
    const service = await startServiceWorker(workerFile, {
      projectPath: join(makeTempDir(), 'w.gloss'),
      ...OPTIONS,
    });
    try {
      const lines = Array.from(
        { length: 45 },
        (_, i) => `Line ${i} of a long report on the talks.`,
      );
      const pdf = await makePdf(Array.from({ length: 80 }, () => lines));
      const order: string[] = [];
      const importing = service.api
        .importFiles({ files: [{ name: 'long.pdf', data: Buffer.from(pdf).toString('base64') }] })
        .then((outcomes) => {
          order.push('import');
          return outcomes;
        });
      const tags = service.api.listTags({}).then(() => order.push('listTags'));
      const [outcomes] = await Promise.all([importing, tags]);
      expect(outcomes[0]).toMatchObject({ status: 'imported', document: { format: 'pdf' } });
      expect(order).toEqual(['listTags', 'import']);
    } finally {
      await service.close();
    }
  });

  it('rejects pending calls when the worker dies', async () => {
    // A stand-in worker that says it is ready, then dies on the first call.
    const dying = join(bundleDir, 'dying-worker.mjs');
    writeFileSync(
      dying,
      `import { parentPort } from 'node:worker_threads';
       parentPort.postMessage({ id: 0, ok: true, result: null });
       parentPort.on('message', () => process.exit(3));`,
    );
    const service = await startServiceWorker(dying, { projectPath: 'unused', ...OPTIONS });
    const error = await rejectionOf(service.api.listTags({}));
    expect(error).toBeInstanceOf(GlossError);
    expect(error).toMatchObject({
      code: 'internal',
      message: /stopped unexpectedly \(exit code 3\)/,
    });
    await service.close();
  });
});
