/**
 * The process the crash harness kills. It runs the real service (bundled by tests/crash/bundle.mjs
 * with the options scripts/build.mjs uses for out/node) and commits work in a loop, printing one
 * JSON line per event on stdout:
 *   {"t":"open",...}    the project is open (after any migration), with how long that took
 *   {"t":"intent",...}  an operation is about to be called (it may or may not commit)
 *   {"t":"ack",...}     an operation returned: what it committed MUST survive any crash after this
 * An ack is written only after the call has returned, so a kill can lose an ack (the work committed
 * but was never reported) but never report work that was not committed. stdout is a pipe, and
 * Node writes to pipes synchronously on Linux and macOS: once `write` returns, the line sits in the
 * kernel's pipe buffer, which outlives this process.
 *
 * Modes (argv[2]), with a JSON configuration in argv[3]:
 *   work     open the project and loop over annotations, batches, imports, re-imports, deletions
 *   large    open the project and import large files one after another
 *   backup   open the project and back it up in a loop (when db/backup.ts exists)
 *   migrate  open the project (migrating it) and wait to be killed
 *   open     open the project (finishing any migration), report, close
 *   make-v2  write a schema-2 project with many rows, for the kill-during-migration rounds
 */
import { createHash } from 'node:crypto';
import {
  API_METHODS,
  isApiMethod,
  validateArgs,
  type ApiMethod,
  type GlossApi,
} from '../../core/api';
import { ROOT_TAGS } from '../../core/codebook';
import { openService } from '../../service/service';
import { articleText, makeRandom, type Random } from './random';
import { backupOnce, backupUnavailable } from './backup-bridge';
import { writeSchemaTwoProject } from './schema-two';

interface ChildConfig {
  projectPath: string;
  seed: number;
  /** Size of each file in `large` mode, in bytes. */
  largeBytes?: number;
  /** For make-v2: how many documents (each with a few annotations). */
  documents?: number;
}

const TAG_IDS = ROOT_TAGS.map((tag) => tag.id);

function emit(event: Record<string, unknown>): void {
  process.stdout.write(`${JSON.stringify(event)}\n`);
}

const base64 = (text: string): string => Buffer.from(text, 'utf8').toString('base64');
const sha256 = (text: string): string => createHash('sha256').update(text, 'utf8').digest('hex');

function open(config: ChildConfig): { api: GlossApi; close(): void } {
  // Everything is loaded: from here on, the time goes to opening (and migrating) the project.
  emit({ t: 'start' });
  const started = performance.now();
  const service = openService({
    projectPath: config.projectPath,
    author: 'crash-harness',
    appVersion: '0.0.0-crash',
  });
  emit({ t: 'open', ms: Math.round(performance.now() - started) });
  return service;
}

/** Live documents the loop may annotate: their ids and lengths in code points. */
async function liveDocuments(api: GlossApi): Promise<{ id: string; length: number }[]> {
  return (await api.listDocuments({})).map((doc) => ({ id: doc.id, length: doc.length }));
}

async function importArticle(api: GlossApi, random: Random, bytes: number): Promise<void> {
  const text = articleText(random, bytes);
  const name = `article-${random.int(1e9)}.txt`;
  emit({ t: 'intent', op: 'import', name, sha256: sha256(text) });
  const [outcome] = await api.importFiles({ files: [{ name, data: base64(text) }] });
  if (outcome?.status !== 'imported') throw new Error(`import failed: ${JSON.stringify(outcome)}`);
  emit({ t: 'ack', op: 'import', documentId: outcome.document.id, sha256: sha256(text) });
}

function spanIn(random: Random, length: number): { start: number; end: number } {
  const start = random.int(Math.max(1, length - 1));
  const end = Math.min(length, start + 1 + random.int(40));
  return { start, end };
}

async function createOne(api: GlossApi, random: Random, doc: { id: string; length: number }) {
  const span = spanIn(random, doc.length);
  const args = { documentId: doc.id, tagId: random.pick(TAG_IDS), ...span };
  emit({ t: 'intent', op: 'annotation', documentId: doc.id });
  const made = await api.createAnnotation(args);
  emit({ t: 'ack', op: 'annotation', id: made.id, documentId: doc.id, ...span });
}

/**
 * The batch method another part of the API may offer (e.g. createAnnotations). Its argument
 * shape is found by asking the API's own validator which candidate it accepts, so the harness
 * keeps working whichever shape was chosen, and says so when there is none.
 */
function batchCall(
  documentId: string,
  rows: { documentId: string; tagId: string; start: number; end: number }[],
): { method: ApiMethod; args: unknown } | null {
  for (const method of ['createAnnotations', 'createAnnotationBatch', 'importAnnotations']) {
    if (!isApiMethod(method)) continue;
    const candidates = [
      { annotations: rows },
      { documentId, annotations: rows.map(({ documentId: _, ...row }) => row) },
      { items: rows },
    ];
    for (const args of candidates) {
      try {
        validateArgs(method, args);
        return { method, args };
      } catch {
        // Not this shape; try the next.
      }
    }
  }
  return null;
}

async function createBatch(api: GlossApi, random: Random, doc: { id: string; length: number }) {
  const rows = Array.from({ length: 2 + random.int(30) }, () => ({
    documentId: doc.id,
    tagId: random.pick(TAG_IDS),
    ...spanIn(random, doc.length),
  }));
  const call = batchCall(doc.id, rows);
  if (!call) return createOne(api, random, doc);
  emit({ t: 'intent', op: 'batch', method: call.method, documentId: doc.id, count: rows.length });
  const made = (await (api[call.method] as (args: unknown) => Promise<unknown>)(call.args)) as
    { id: string }[] | { annotations: { id: string }[] };
  const list = Array.isArray(made) ? made : made.annotations;
  emit({ t: 'ack', op: 'batch', ids: list.map((a) => a.id), documentId: doc.id });
}

async function reimport(api: GlossApi, doc: { id: string }): Promise<void> {
  emit({ t: 'intent', op: 'reimport', documentId: doc.id });
  const result = await api.reimportDocument({ id: doc.id });
  emit({ t: 'ack', op: 'reimport', from: doc.id, documentId: result.document.id });
}

/** Soft-deletes several annotations in one call (deleteAnnotations), when the API has it. */
async function deleteMany(api: GlossApi, random: Random, doc: { id: string }): Promise<void> {
  if (!isApiMethod('deleteAnnotations')) return deleteOne(api, random, doc);
  const live = await api.listAnnotations({ documentId: doc.id });
  if (live.length < 2) return deleteOne(api, random, doc);
  const ids = [...new Set(Array.from({ length: 2 + random.int(8) }, () => random.pick(live).id))];
  if (ids.length < 2) return deleteOne(api, random, doc);
  emit({ t: 'intent', op: 'batch-delete', ids });
  const call = api.deleteAnnotations as (args: unknown) => Promise<unknown>;
  await call({ ids });
  emit({ t: 'ack', op: 'batch-delete', ids });
}

async function deleteOne(api: GlossApi, random: Random, doc: { id: string }): Promise<void> {
  const live = await api.listAnnotations({ documentId: doc.id });
  if (live.length === 0) return;
  const victim = random.pick(live);
  emit({ t: 'intent', op: 'delete', id: victim.id });
  await api.deleteAnnotation({ id: victim.id });
  emit({ t: 'ack', op: 'delete', id: victim.id });
}

async function work(config: ChildConfig): Promise<void> {
  const random = makeRandom(config.seed);
  const { api } = open(config);
  emit({
    t: 'methods',
    batch: batchCall(TAG_IDS[0]!, [])?.method ?? null,
    count: API_METHODS.length,
  });
  let documents = await liveDocuments(api);
  if (documents.length === 0) {
    await importArticle(api, random, 4_000);
    documents = await liveDocuments(api);
  }
  for (;;) {
    const doc = random.pick(documents);
    const roll = random.next();
    if (roll < 0.6) await createOne(api, random, doc);
    else if (roll < 0.78) await createBatch(api, random, doc);
    else if (roll < 0.82) await deleteOne(api, random, doc);
    else if (roll < 0.86) await deleteMany(api, random, doc);
    else if (roll < 0.93) await importArticle(api, random, 2_000 + random.int(60_000));
    else await reimport(api, doc);
    if (roll >= 0.86) documents = await liveDocuments(api);
  }
}

async function large(config: ChildConfig): Promise<void> {
  const random = makeRandom(config.seed);
  const { api } = open(config);
  for (;;) await importArticle(api, random, config.largeBytes ?? 3_000_000);
}

async function backup(config: ChildConfig): Promise<void> {
  const random = makeRandom(config.seed);
  const { api } = open(config);
  let documents = await liveDocuments(api);
  if (documents.length === 0) {
    await importArticle(api, random, 4_000);
    documents = await liveDocuments(api);
  }
  for (let round = 0; ; round++) {
    // Work between backups, so each one has something new to copy.
    for (let n = random.int(4); n > 0; n--) await createOne(api, random, random.pick(documents));
    emit({ t: 'intent', op: 'backup', round });
    const made = await backupOnce(api);
    emit({ t: 'ack', op: 'backup', round, file: made });
  }
}

/** Opens (migrating) and then waits to be killed: the kill lands in the migration or after it. */
async function openAndWait(config: ChildConfig): Promise<void> {
  open(config);
  await new Promise(() => setInterval(() => {}, 60_000));
}

async function reopen(config: ChildConfig): Promise<void> {
  const { api, close } = open(config);
  const info = await api.getProjectInfo({});
  emit({ t: 'opened', schema: info.schemaVersion, documents: (await liveDocuments(api)).length });
  close();
}

async function main(): Promise<void> {
  const mode = process.argv[2];
  const config = JSON.parse(process.argv[3] ?? '{}') as ChildConfig;
  if (mode === 'work') return work(config);
  if (mode === 'large') return large(config);
  if (mode === 'backup') return backup(config);
  if (mode === 'open') return reopen(config);
  if (mode === 'migrate') return openAndWait(config);
  if (mode === 'backup-check')
    return emit({ t: 'backup-check', unavailable: await backupUnavailable() });
  if (mode === 'make-v2') {
    const made = writeSchemaTwoProject(config.projectPath, config.documents ?? 20_000, config.seed);
    return emit({ t: 'made', ...made });
  }
  throw new Error(`unknown mode ${mode}`);
}

main().catch((error: unknown) => {
  emit({
    t: 'error',
    message: error instanceof Error ? (error.stack ?? error.message) : String(error),
  });
  process.exitCode = 1;
});
