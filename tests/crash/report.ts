import type { SeriesResult } from './series';

/** The figures of a series, as printed by `npm run crash-test` and by the unit test on failure. */
export function formatSeries(result: SeriesResult): string {
  const kinds = Object.entries(result.byKind)
    .map(([kind, s]) => {
      const extra = kind === 'migrate' ? `, ${s.rolledBack} rolled back to schema 2` : '';
      const each = s.kills > 0 ? `, ${Math.round(s.ms / s.kills)} ms per round` : '';
      const during = Object.entries(s.interrupted)
        .sort((a, b) => b[1] - a[1])
        .map(([op, n]) => `${op} ${n}`)
        .join(', ');
      return `  ${kind.padEnd(8)} ${String(s.kills).padStart(4)} kills, ${s.midOperation} mid-operation${extra}${each}${during ? ` (killed during: ${during})` : ''}`;
    })
    .join('\n');
  const backup = result.backupSkipped ? `\n  (backup rounds skipped: ${result.backupSkipped})` : '';
  const ack = result.acknowledged;
  return [
    `crash series, seed ${result.seed}: ${result.kills} SIGKILLs in ${(result.durationMs / 1000).toFixed(1)} s ` +
      `(checks ${(result.checkMs / 1000).toFixed(1)} s)`,
    kinds + backup,
    `  acknowledged: ${ack.annotations} annotations, ${ack.batches} batches, ${ack.documents} documents`,
    result.problems.length === 0
      ? '  no problem found'
      : `  ${result.problems.length} PROBLEM(S):\n${result.problems.map((p) => `    ${p}`).join('\n')}`,
  ].join('\n');
}
