import { describe, expect, it } from 'vitest';
import { spacyFormat } from '../../../formats/exchange/spacy';
import { fixtureSource, memorySink, pySlice, TAG } from './span-formats-fixture';

interface SpacyLine {
  text: string;
  ents: { start: number; end: number; label: string }[];
  document_id: string;
  title: string;
}

async function exportSpacy(tagIds?: string[]) {
  const sink = memorySink();
  const report = await spacyFormat.write!(fixtureSource(), sink, tagIds ? { tagIds } : {});
  const lines = sink
    .text()
    .trimEnd()
    .split('\n')
    .map((l) => JSON.parse(l) as SpacyLine);
  return { report, lines };
}

/** What spaCy's `doc.ents = …` requires: sorted, non-overlapping character spans. */
function checkLikeSpacy(line: SpacyLine) {
  let end = 0;
  for (const ent of line.ents) {
    expect(ent.start).toBeGreaterThanOrEqual(end);
    expect(ent.end).toBeGreaterThan(ent.start);
    expect(ent.end).toBeLessThanOrEqual(Array.from(line.text).length);
    end = ent.end;
  }
}

describe('spaCy JSONL export', () => {
  it('writes text and entity offsets in code points (Python string indices)', async () => {
    const { lines, report } = await exportSpacy();
    expect(lines).toHaveLength(2);
    lines.forEach(checkLikeSpacy);
    const unicode = lines[1]!;
    expect(unicode.ents.map((e) => `${e.label}: ${pySlice(unicode.text, e.start, e.end)}`)).toEqual(
      ['Person: 👨‍👩‍👧 Зеленський', 'Location: Київ', 'Organisation: 𠮷野家', 'Media_outlet: AZTV'],
    );
    expect(report.annotationCount).toBe(7);
    expect(report.omitted.map((o) => o.what)).toContain('annotations of tags not chosen (6)');
  });

  it('never writes overlapping entities, and reports each span it leaves out', async () => {
    const { lines, report } = await exportSpacy([TAG.entity, TAG.claim]);
    lines.forEach(checkLikeSpacy);
    const left = report.omitted.filter((o) => o.what === 'annotation');
    expect(report.annotationCount + left.length).toBe(12);
    expect(left.map((o) => o.reason)).toContainEqual(
      expect.stringMatching(/^Location “Київ” overlaps Claim “«Київ 🇺🇦 вистоїть»/),
    );
  });
});
