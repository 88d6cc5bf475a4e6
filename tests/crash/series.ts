/**
 * A series of kills: each round starts the crash child on a project, lets it work for a random
 * moment, SIGKILLs it, and checks the file (tests/crash/check.ts). Rounds come in four kinds:
 *   work      annotations, batches, deletions, small imports and re-imports in a loop
 *   large     imports of multi-megabyte files back to back (the kill lands inside one)
 *   migrate   a schema-2 project with many rows opened by today's service (killed mid-migration)
 *   backup    backups in a loop, when db/backup.ts provides one
 * The seed makes the choice of rounds, the child's operations and the kill moments repeatable
 * (timing still varies with the machine's load).
 */
import { copyFileSync, existsSync, readdirSync, rmSync, statSync } from 'node:fs';
import path from 'node:path';
import { LATEST_SCHEMA_VERSION } from '../../db/migrations';
import {
  checkLedger,
  checkStructure,
  countRows,
  newLedger,
  recordRound,
  withProject,
} from './check';
import type { Ledger } from './check';
import { backupsFolderFor } from './backup-bridge';
import { makeRandom, type Random } from './random';
import { sleep, startChild, type ChildEvent, type ChildOutcome } from './spawn';

export type RoundKind = 'work' | 'large' | 'migrate' | 'backup';

export interface SeriesOptions {
  /** The bundled child (tests/crash/bundle.mjs). */
  childFile: string;
  /** A folder of its own for the projects; removed by the caller. */
  workDir: string;
  kills: number;
  seed: number;
  /** Documents in the schema-2 project (the longer, the wider the window to kill a migration). */
  migrationDocuments?: number;
  /** Bytes of each file in `large` rounds. */
  largeBytes?: number;
  /** Start a new project after this many rounds, so the files stay small and checks fast. */
  roundsPerProject?: number;
  /** Only these kinds of rounds (all by default): to aim a run at one of them. */
  only?: RoundKind[];
  /** Called with a line of progress. */
  log?: (line: string) => void;
}

export interface KindStats {
  kills: number;
  /** Kills that landed while an operation (or the migration) was in flight. */
  midOperation: number;
  /** For migrate rounds: kills after which the file was still at schema 2 (rolled back). */
  rolledBack: number;
  /** Wall time of these rounds, start to checked. */
  ms: number;
  /** Which operation each kill interrupted (annotation, batch, import, backup, migration…). */
  interrupted: Record<string, number>;
}

export interface SeriesResult {
  seed: number;
  kills: number;
  byKind: Record<RoundKind, KindStats>;
  acknowledged: { annotations: number; batches: number; documents: number };
  /** Why backup rounds did not run, if they did not. */
  backupSkipped: string | null;
  problems: string[];
  durationMs: number;
  checkMs: number;
}

const WEIGHTS: [RoundKind, number][] = [
  ['work', 0.5],
  ['large', 0.2],
  ['migrate', 0.15],
  ['backup', 0.15],
];

function chooseKind(random: Random, backupAvailable: boolean, only?: RoundKind[]): RoundKind {
  const allowed = WEIGHTS.filter(
    ([kind]) => (!only || only.includes(kind)) && (kind !== 'backup' || backupAvailable),
  );
  if (allowed.length === 0) throw new Error(`no round of kind ${only?.join(', ')} can run`);
  const total = allowed.reduce((sum, [, weight]) => sum + weight, 0);
  let roll = random.next() * total;
  for (const [kind, weight] of allowed) {
    if (roll < weight) return kind;
    roll -= weight;
  }
  return allowed[0]![0];
}

export async function runCrashSeries(options: SeriesOptions): Promise<SeriesResult> {
  const started = performance.now();
  const log = options.log ?? ((): void => {});
  const random = makeRandom(options.seed);
  const cwd = options.workDir;
  const stats = Object.fromEntries(
    WEIGHTS.map(([kind]) => [
      kind,
      { kills: 0, midOperation: 0, rolledBack: 0, ms: 0, interrupted: {} },
    ]),
  ) as Record<RoundKind, KindStats>;
  const problems: string[] = [];
  const totals = { annotations: 0, batches: 0, documents: 0 };
  let checkMs = 0;

  const run = (mode: string, config: object) => startChild(options.childFile, mode, config, cwd);

  // The schema-2 fixture is written once and copied for every migrate round.
  const template = path.join(cwd, 'schema-2.gloss');
  const made = await run('make-v2', {
    projectPath: template,
    seed: options.seed,
    documents: options.migrationDocuments ?? 15_000,
  }).finished();
  const fixture = made.events.find((e) => e.t === 'made');
  if (!fixture) throw new Error(`could not write the schema-2 project: ${made.stderr}`);
  // One uncounted open measures how long the migration takes, to aim the kills inside it.
  const probePath = path.join(cwd, 'probe.gloss');
  copyFileSync(template, probePath);
  const probe = await run('open', { projectPath: probePath, seed: 0 }).finished();
  const migrationMs = Number(probe.events.find((e) => e.t === 'open')?.ms ?? 300);
  const backupProbe = await run('backup-check', { projectPath: probePath, seed: 0 }).finished();
  const backupCheck = backupProbe.events.find((e) => e.t === 'backup-check');
  const backupSkipped = backupCheck
    ? ((backupCheck.unavailable as string | null) ?? null)
    : `the child could not tell: ${errorOf(backupProbe)}`;
  log(
    `seed ${options.seed}: migration of ${String(fixture.documents)} documents takes ~${migrationMs} ms; ` +
      `backup rounds: ${backupSkipped ? `skipped (${backupSkipped})` : 'on'}`,
  );

  let project = '';
  let ledger: Ledger = newLedger();
  let roundsOnProject = Infinity;
  const roundsPerProject = options.roundsPerProject ?? 25;

  for (let round = 1; round <= options.kills; round++) {
    const kind = chooseKind(random, backupSkipped === null, options.only);
    const seed = random.int(2 ** 31);
    if (kind !== 'migrate' && roundsOnProject >= roundsPerProject) {
      project = path.join(cwd, `project-${round}.gloss`);
      ledger = newLedger();
      roundsOnProject = 0;
    }
    const label = `round ${round} (${kind}, seed ${seed})`;
    const roundStarted = performance.now();
    let outcome: ChildOutcome;
    let mid: boolean;
    let interrupted = 'nothing';
    const checkStarted = { at: 0 };

    if (kind === 'migrate') {
      const copy = path.join(cwd, `migrate-${round}.gloss`);
      copyFileSync(template, copy);
      const child = run('migrate', { projectPath: copy, seed });
      await child.waitFor('start');
      await sleep(random.next() * migrationMs * 1.3);
      outcome = await child.kill();
      mid = !outcome.events.some((e) => e.t === 'open');
      if (mid) interrupted = 'migration';
      checkStarted.at = performance.now();
      const found = withProject(copy, (db) => {
        const version = db.pragma('user_version', { simple: true }) as number;
        const lost: string[] = [];
        const documents = countRows(db, 'documents');
        const annotations = countRows(db, 'annotations');
        if (documents !== fixture.documents)
          lost.push(`${documents} documents, not ${String(fixture.documents)}`);
        if (annotations !== fixture.annotations)
          lost.push(`${annotations} annotations, not ${String(fixture.annotations)}`);
        return { version, problems: [...checkStructure(db), ...lost] };
      });
      if (found.version === 2) stats.migrate.rolledBack++;
      problems.push(...found.problems.map((p) => `${label}: ${p}`));
      // The backup taken before the migration is either whole or absent.
      problems.push(...checkBackups(backupsFolderFor(copy)).map((p) => `${label}: ${p}`));
      // The service must finish the migration on the next open, whatever state the kill left.
      const reopened = await run('open', { projectPath: copy, seed }).finished();
      const opened = reopened.events.find((e) => e.t === 'opened');
      if (opened?.schema !== LATEST_SCHEMA_VERSION) {
        problems.push(`${label}: reopening failed: ${errorOf(reopened)}`);
      } else {
        const details = withProject(copy, (db) => ({
          problems: checkStructure(db),
          details: countRows(db, 'document_details'),
        }));
        problems.push(...details.problems.map((p) => `${label} after reopening: ${p}`));
      }
      checkMs += performance.now() - checkStarted.at;
      rmSync(copy, { force: true });
      for (const suffix of ['-wal', '-shm']) rmSync(copy + suffix, { force: true });
      rmSync(backupsFolderFor(copy), { recursive: true, force: true });
    } else {
      roundsOnProject++;
      const child = run(kind, {
        projectPath: project,
        seed,
        largeBytes: options.largeBytes ?? 3_000_000,
      });
      await child.waitFor('open');
      // Long enough to land anywhere in an import of the large file, or in a backup.
      const largeWindow = Math.max(500, ((options.largeBytes ?? 3_000_000) / 3_000_000) * 1500);
      const window = kind === 'large' ? largeWindow : kind === 'backup' ? 800 : 400;
      await sleep(random.next() * window);
      outcome = await child.kill();
      const inFlight = recordRound(ledger, outcome.events);
      for (const event of outcome.events) {
        if (event.t !== 'ack') continue;
        if (event.op === 'annotation') totals.annotations++;
        if (event.op === 'batch') totals.batches++;
        if (event.op === 'import' || event.op === 'reimport') totals.documents++;
      }
      mid = inFlight !== null;
      if (inFlight) interrupted = String(inFlight.op);
      checkStarted.at = performance.now();
      const found = withProject(project, (db) => [
        ...checkStructure(db),
        ...checkLedger(db, ledger, inFlight),
      ]);
      // Automatic backups (on open) may be in flight in any round, not only in backup rounds.
      found.push(...checkBackups(backupsFolderFor(project)));
      problems.push(...found.map((p) => `${label}: ${p}`));
      checkMs += performance.now() - checkStarted.at;
    }
    if (outcome.exitedEarly) {
      problems.push(`${label}: the child ended before the kill: ${errorOf(outcome)}`);
    }
    stats[kind].kills++;
    stats[kind].ms += performance.now() - roundStarted;
    if (mid) stats[kind].midOperation++;
    stats[kind].interrupted[interrupted] = (stats[kind].interrupted[interrupted] ?? 0) + 1;
    if (round % 25 === 0 || round === options.kills) {
      log(`${round}/${options.kills} kills, ${problems.length} problem(s)`);
    }
    if (problems.length > 20) break;
  }
  return {
    seed: options.seed,
    kills: Object.values(stats).reduce((sum, s) => sum + s.kills, 0),
    byKind: stats,
    acknowledged: totals,
    backupSkipped,
    problems,
    durationMs: Math.round(performance.now() - started),
    checkMs: Math.round(checkMs),
  };
}

function errorOf(outcome: ChildOutcome): string {
  const error = outcome.events.find((e: ChildEvent) => e.t === 'error');
  return String(error?.message ?? outcome.stderr.slice(-1000) ?? `exit ${outcome.code}`);
}

/** Every finished backup must be a sound database; a half-written one may only be a temp file. */
/** Backups already found sound (name, size and time), so each is checked once. */
const checkedBackups = new Set<string>();

function checkBackups(dir: string): string[] {
  if (!existsSync(dir)) return [];
  const problems: string[] = [];
  const names = readdirSync(dir);
  for (const name of names) {
    if (!/^backup-.*\.gloss$/.test(name)) continue;
    const info = statSync(path.join(dir, name));
    const key = `${dir}/${name} ${info.size} ${info.mtimeMs}`;
    if (checkedBackups.has(key)) continue;
    // A finished backup is one self-contained file: no write-ahead log beside it.
    if (names.includes(`${name}-wal`)) problems.push(`backup ${name} has a -wal file beside it`);
    const verdict = withProject(
      path.join(dir, name),
      (db) => db.pragma('integrity_check', { simple: true }) as string,
      { readonly: true },
    );
    if (verdict !== 'ok') problems.push(`backup ${name} is damaged: ${verdict}`);
    else checkedBackups.add(key);
  }
  return problems;
}
