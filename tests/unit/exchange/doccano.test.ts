import { describe, expect, it } from 'vitest';
import type { Annotation, Relation } from '../../../core/domain';
import { doccanoFormat, jsonLine } from '../../../formats/exchange/doccano';
import {
  fixtureSource,
  memorySink,
  pySlice,
  sampleDocument,
  TAG,
  unicodeDocument,
} from './span-formats-fixture';

async function exportDoccano(tagIds?: string[]) {
  const sink = memorySink();
  const report = await doccanoFormat.write!(fixtureSource(), sink, tagIds ? { tagIds } : {});
  return { report, text: sink.text(), bytes: sink.bytes() };
}

interface DoccanoLine {
  text: string;
  entities: { id: number; label: string; start_offset: number; end_offset: number }[];
  relations: { id: number; from_id: number; to_id: number; type: string }[];
  document_id: string;
  title: string;
}

const expectedDocuments = () => {
  const sample = sampleDocument();
  return [sample, unicodeDocument(sample.annotations[3]!)];
};

/** Relations within one document, by their ends' tags and ranges. */
function relationKeys(relations: Relation[], annotations: Annotation[]): string[] {
  const key = (id: string) => {
    const a = annotations.find((x) => x.id === id);
    return a ? `${a.tagId}@${a.start}-${a.end}` : null;
  };
  return relations
    .filter((r) => key(r.sourceId) && key(r.targetId))
    .map((r) => `${r.typeId} ${key(r.sourceId)} → ${key(r.targetId)}`)
    .sort();
}

describe('doccano JSONL export', () => {
  it("writes doccano's relation-extraction shape, offsets in code points", async () => {
    const { text } = await exportDoccano();
    const lines = text
      .trimEnd()
      .split('\n')
      .map((l) => JSON.parse(l) as DoccanoLine);
    expect(lines).toHaveLength(2);
    for (const line of lines) {
      expect(Object.keys(line).sort()).toEqual([
        'document_id',
        'entities',
        'relations',
        'text',
        'title',
      ]);
      const ids = new Set(line.entities.map((e) => e.id));
      for (const r of line.relations) {
        expect(ids.has(r.from_id) && ids.has(r.to_id)).toBe(true);
      }
    }
    const unicode = lines[1]!;
    const kyiv = unicode.entities.find((e) => e.label === 'Location')!;
    expect(pySlice(unicode.text, kyiv.start_offset, kyiv.end_offset)).toBe('Київ');
    expect(unicode.relations.map((r) => r.type)).toEqual(['contradicts']);
    const all = lines.flatMap((l) => l.entities.map((e) => e.id));
    expect(new Set(all).size).toBe(all.length);
  });

  it('escapes U+2028 and U+2029 so that no record is split in two', () => {
    expect(jsonLine({ text: 'a\u2028b\u2029c' })).toBe('{"text":"a\\u2028b\\u2029c"}');
    expect(JSON.parse(jsonLine({ text: 'a\u2028b' }))).toEqual({ text: 'a\u2028b' });
  });

  it('reports what doccano cannot hold', async () => {
    const { report } = await exportDoccano();
    expect(report.annotationCount).toBe(13);
    const lines = report.omitted.map((o) => `${o.what}: ${o.reason}`);
    expect(lines).toContainEqual(expect.stringMatching(/^relation: .*two documents/));
    expect(lines).toContainEqual(expect.stringMatching(/^attribute values \(\d+\): /));
    expect(lines).toContainEqual(expect.stringMatching(/^notes \(2\): /));
    expect(lines).toContainEqual(expect.stringMatching(/^entity links \(4\): /));
    expect(lines).toContainEqual(expect.stringMatching(/^document memo: /));
  });

  it('writes only the chosen tags and says how many it left out', async () => {
    const { text, report } = await exportDoccano([TAG.opinion]);
    const labels = text
      .trimEnd()
      .split('\n')
      .flatMap((l) => (JSON.parse(l) as DoccanoLine).entities.map((e) => e.label));
    expect(labels).toEqual(['Opinion']);
    expect(report.omitted).toContainEqual(
      expect.objectContaining({ what: 'annotations of tags not chosen (12)' }),
    );
  });
});

describe('doccano import', () => {
  it('reads an export back: the same spans, tags and relations', async () => {
    const { bytes } = await exportDoccano();
    const bundle = await doccanoFormat.read!(bytes, 'gloss.jsonl');
    expect(bundle.warnings).toEqual([]);
    for (const expected of expectedDocuments()) {
      const got = bundle.documents.find((d) => d.document.id === expected.document.id)!;
      expect(got.document.title).toBe(expected.document.title);
      const spans = (list: Annotation[]) =>
        list.map((a) => `${a.tagId}@${a.start}-${a.end}`).sort();
      expect(spans(got.annotations)).toEqual(spans(expected.annotations));
      for (const a of got.annotations)
        expect(a.exact).toBe(pySlice(got.document.text, a.start, a.end));
      expect(relationKeys(got.relations, got.annotations)).toEqual(
        relationKeys(expected.relations, expected.annotations),
      );
    }
    // Built-in names map onto the built-in tags, under their roots.
    expect(bundle.codebook.tags.find((t) => t.id === TAG.person)?.parentId).toBe(TAG.entity);
  });

  it("reads doccano's sequence-labelling `label` triples and reports document labels", async () => {
    const file = [
      JSON.stringify({
        text: '😀 Зеленський\r\nsaid',
        label: [
          [2, 12, 'Politician'],
          [14, 18, 'Verb'],
        ],
      }),
      JSON.stringify({ text: 'whole', label: ['positive'] }),
      'not json',
      JSON.stringify({
        text: 'x',
        entities: [{ id: 1, label: 'A', start_offset: 0, end_offset: 5 }],
      }),
    ].join('\n');
    const bundle = await doccanoFormat.read!(new TextEncoder().encode(file), 'data.jsonl');
    const [first] = bundle.documents;
    expect(first!.annotations.map((a) => a.exact)).toEqual(['Зеленський', 'said']);
    expect(first!.annotations[1]!.start).toBe(13);
    const warnings = bundle.warnings.join('\n');
    expect(warnings).toMatch(/"positive" labels the whole document/);
    expect(warnings).toMatch(/line 3: not valid JSON/);
    expect(warnings).toMatch(/line 4: span \[0,5,"A"\] is not a label over the text/);
  });

  it('refuses a file that is not JSON', async () => {
    await expect(doccanoFormat.read!(new TextEncoder().encode('hello'), 'x.jsonl')).rejects.toThrow(
      /not doccano JSONL/,
    );
  });
});
