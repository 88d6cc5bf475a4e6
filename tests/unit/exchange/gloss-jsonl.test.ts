import { describe, expect, it } from 'vitest';
import { BUILTIN_ATTRIBUTE_IDS as A } from '../../../core/codebook';
import { writeGlossJsonl } from '../../../formats/exchange/gloss-jsonl';
import { ENTITIES, TAG, fixtureSource, memorySink, pySlice } from './span-formats-fixture';

interface Line {
  id: string;
  text: string;
  label: [number, number, string][];
  spans: {
    id: string;
    start: number;
    end: number;
    quote: string;
    tag_path: string;
    attributes: Record<string, unknown>;
    entity: { id: string; name: string; aliases: string[] } | null;
  }[];
  relations: { type: string; source_id: string; target_id: string; note: string }[];
  memos: { body: string }[];
}

async function exportLines(tagIds?: string[]) {
  const sink = memorySink();
  const report = await writeGlossJsonl(fixtureSource(), sink, tagIds ? { tagIds } : {});
  const text = sink.text();
  expect(text.endsWith('\n')).toBe(true);
  const lines = text
    .trimEnd()
    .split('\n')
    .map((line) => JSON.parse(line) as Line);
  return { lines, report };
}

describe('Gloss JSONL export', () => {
  it('cuts every span and label triple out of the text by code points, emoji and CJK included', async () => {
    const { lines } = await exportLines();
    expect(lines).toHaveLength(2);
    for (const line of lines) {
      expect(line.label).toHaveLength(line.spans.length);
      for (const span of line.spans)
        expect(pySlice(line.text, span.start, span.end)).toBe(span.quote);
      for (const [start, end] of line.label) expect(end).toBeGreaterThan(start);
    }
    const unicode = lines[1]!;
    expect(unicode.spans.map((s) => s.quote)).toContain('𠮷野家');
  });

  it('carries typed attributes by key, with attributed entities named', async () => {
    const { lines } = await exportLines();
    const claim = lines[0]!.spans.find((s) => s.attributes['reliability'] === 'B')!;
    expect(claim.tag_path).toBe('Claim');
    expect(claim.attributes).toMatchObject({
      reliability: 'B',
      credibility: '2',
      kind: 'statistic',
      casualties: 500,
      topics: ['war', 'energy & oil'],
      verified: true,
      attributed_to: { id: ENTITIES[0]!.id, name: 'Ceyhun Mammadov', kind: 'person' },
    });
    const statistic = lines[0]!.spans.find((s) => s.tag_path === 'Claim/Statistic')!;
    expect(statistic.attributes).toEqual({ reliability: 'C', credibility: '3' });
    expect(A.reliability in claim.attributes).toBe(false);
  });

  it('links entity mentions to their canonical record with its aliases', async () => {
    const { lines } = await exportLines();
    const mention = lines[0]!.spans.find((s) => s.quote === 'Ceyhun Mammadov')!;
    expect(mention.entity).toMatchObject({ name: 'Ceyhun Mammadov', aliases: ['Jeyhun Mammadov'] });
    expect(lines[0]!.spans.find((s) => s.quote === 'Baku')!.entity).toBeNull();
  });

  it('keeps relations (also across documents) and document memos, and reports the project memo', async () => {
    const { lines, report } = await exportLines();
    const ids = new Set(lines.flatMap((line) => line.spans.map((s) => s.id)));
    const types = lines.flatMap((line) => line.relations.map((r) => r.type));
    expect(types.sort()).toEqual(
      ['attributed_to', 'contradicts', 'contradicts', 'held_by', 'supports', 'supports'].sort(),
    );
    for (const relation of lines.flatMap((line) => line.relations)) {
      expect(ids.has(relation.source_id) && ids.has(relation.target_id)).toBe(true);
    }
    expect(lines[0]!.relations.find((r) => r.type === 'attributed_to')!.note).toBe(
      'He said it on AZTV',
    );
    expect(lines[0]!.memos[0]!.body).toContain('Rada’s');
    expect(report.omitted.map((o) => o.what)).toContain('project memo');
  });

  it('exports only the chosen tags and says how many it left out', async () => {
    const { lines, report } = await exportLines([TAG.entity]);
    const paths = lines.flatMap((line) => line.spans.map((s) => s.tag_path));
    expect(paths.length).toBeGreaterThan(0);
    expect(paths.every((path) => path.startsWith('Entity/'))).toBe(true);
    expect(lines.flatMap((line) => line.relations)).toEqual([]);
    expect(report.omitted.some((o) => o.what.startsWith('annotations of tags not chosen'))).toBe(
      true,
    );
  });
});
