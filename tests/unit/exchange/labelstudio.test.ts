import JSZip from 'jszip';
import { JSDOM } from 'jsdom';
import { describe, expect, it } from 'vitest';
import type { Annotation, Relation } from '../../../core/domain';
import { labelStudioFormat } from '../../../formats/exchange/labelstudio';
import {
  ENTITIES,
  EXTRA,
  fixtureSource,
  memorySink,
  pySlice,
  sampleDocument,
  unicodeDocument,
} from './span-formats-fixture';

interface Result {
  id?: string;
  type: string;
  from_name?: string;
  to_name?: string;
  from_id?: string;
  to_id?: string;
  labels?: string[];
  meta?: { text: string[] };
  value?: Record<string, unknown>;
}
interface Task {
  id: number;
  data: { text: string; title: string; document_id: string };
  annotations: { result: Result[] }[];
}

async function exportLabelStudio() {
  const sink = memorySink();
  const report = await labelStudioFormat.write!(fixtureSource(), sink, {});
  const zip = await JSZip.loadAsync(sink.bytes());
  const tasks = JSON.parse(await zip.file('tasks.json')!.async('string')) as Task[];
  const config = await zip.file('labeling-config.xml')!.async('string');
  return { report, tasks, config, bytes: sink.bytes(), names: Object.keys(zip.files) };
}

/** The config's controls as Label Studio reads them: tag name, name, toName, allowed values. */
function controls(config: string) {
  const doc = new JSDOM(config, { contentType: 'text/xml' }).window.document;
  expect(doc.querySelector('parsererror')).toBeNull();
  const out = new Map<string, { tag: string; toName: string | null; values: string[] }>();
  for (const el of doc.querySelectorAll('[name]')) {
    const name = el.getAttribute('name')!;
    expect(out.has(name), `control ${name} is unique`).toBe(false);
    const values = [...el.children].map((c) => c.getAttribute('alias') ?? c.getAttribute('value')!);
    out.set(name, { tag: el.tagName, toName: el.getAttribute('toName'), values });
  }
  const relations = [...doc.querySelectorAll('Relations > Relation')].map((r) =>
    r.getAttribute('value')!,
  );
  return { controls: out, relations };
}

const CONTROL_FOR: Record<string, string> = {
  labels: 'Labels',
  choices: 'Choices',
  number: 'Number',
  textarea: 'TextArea',
};

describe('Label Studio export', () => {
  it('writes tasks whose every result fits the labelling config, offsets in code points', async () => {
    const { tasks, config, names } = await exportLabelStudio();
    expect(names.sort()).toEqual(['gloss-manifest.json', 'labeling-config.xml', 'tasks.json']);
    const { controls: byName, relations } = controls(config);
    expect(byName.get('text')?.tag).toBe('Text');
    expect(tasks).toHaveLength(2);
    for (const task of tasks) {
      const [annotation] = task.annotations;
      const regionIds = new Set(
        annotation!.result.filter((r) => r.type === 'labels').map((r) => r.id),
      );
      for (const r of annotation!.result) {
        if (r.type === 'relation') {
          expect(regionIds.has(r.from_id) && regionIds.has(r.to_id)).toBe(true);
          for (const label of r.labels!) expect(relations).toContain(label);
          continue;
        }
        const control = byName.get(r.from_name!);
        expect(control?.tag, `${r.from_name} is a ${CONTROL_FOR[r.type]}`).toBe(
          CONTROL_FOR[r.type],
        );
        expect(control!.toName).toBe('text');
        expect(regionIds.has(r.id)).toBe(true);
        const value = r.value!;
        if (r.type === 'labels') {
          expect(value.text).toBe(
            pySlice(task.data.text, value.start as number, value.end as number),
          );
          for (const label of value.labels as string[]) expect(control!.values).toContain(label);
        }
        if (r.type === 'choices')
          for (const c of value.choices as string[]) expect(control!.values).toContain(c);
      }
    }
  });

  it('carries notes, attributes and entity links per region', async () => {
    const { tasks } = await exportLabelStudio();
    const results = tasks[0]!.annotations[0]!.result;
    const claim = results.find(
      (r) => r.type === 'labels' && (r.value!.text as string).endsWith('Armed Forces of Ukraine'),
    )!;
    expect(claim.meta?.text[0]).toMatch(/^Check against/);
    const of = (name: string) =>
      results.find((r) => r.id === claim.id && r.from_name === name)?.value;
    expect(of('attr_reliability')?.choices).toEqual(['B']);
    expect(of('attr_topics')?.choices).toEqual(['war', 'energy & oil']);
    expect(of('attr_verified')?.choices).toEqual(['true']);
    expect(of('attr_casualties')?.number).toBe(500);
    expect(of('attr_attributed_to')?.text).toEqual(['Ceyhun Mammadov']);
    const person = results.find((r) => r.type === 'labels' && r.value!.text === 'Ceyhun Mammadov')!;
    expect(
      results.find((r) => r.id === person.id && r.from_name === 'entity')?.value?.text,
    ).toEqual(['Ceyhun Mammadov']);
  });

  it('escapes every project string in the config XML', async () => {
    const source = fixtureSource();
    source.codebook.tags = source.codebook.tags.map((t, i) =>
      i === 0 ? { ...t, name: 'Claim "<x>" & \'y\'', description: 'a\nb <script>' } : t,
    );
    const sink = memorySink();
    await labelStudioFormat.write!(source, sink, {});
    const zip = await JSZip.loadAsync(sink.bytes());
    const config = await zip.file('labeling-config.xml')!.async('string');
    const { controls: byName } = controls(config);
    expect(byName.get('label')!.values).toContain('Claim "<x>" & \'y\'');
    expect(config).not.toContain('<script>');
  });

  it('reports what Label Studio cannot hold', async () => {
    const { report } = await exportLabelStudio();
    expect(report.annotationCount).toBe(13);
    const lines = report.omitted.map((o) => `${o.what}: ${o.reason}`);
    expect(lines).toContainEqual(expect.stringMatching(/^relation: .*two documents/));
    expect(lines).toContainEqual(expect.stringMatching(/^relation notes \(1\)/));
    expect(lines).toContainEqual(expect.stringMatching(/^document memo: /));
  });
});

function carried(a: Annotation) {
  return {
    tagId: a.tagId,
    start: a.start,
    end: a.end,
    note: a.note,
    attributes: a.attributes,
    entityId: a.entityId,
  };
}

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

describe('Label Studio import', () => {
  it('reads the zip back: annotations with ids, notes, attributes, entity links and relations', async () => {
    const { bytes } = await exportLabelStudio();
    const bundle = await labelStudioFormat.read!(bytes, 'gloss-export.zip');
    expect(bundle.warnings).toEqual([]);
    const sample = sampleDocument();
    for (const expected of [sample, unicodeDocument(sample.annotations[3]!)]) {
      const got = bundle.documents.find((d) => d.document.id === expected.document.id)!;
      expect(got.document.title).toBe(expected.document.title);
      const byId = (list: Annotation[]) =>
        [...list].sort((a, b) => a.id.localeCompare(b.id)).map(carried);
      // Region ids are the annotations' own: they come back unchanged.
      expect(byId(got.annotations)).toEqual(byId(expected.annotations));
      expect(relationKeys(got.relations, got.annotations)).toEqual(
        relationKeys(expected.relations, expected.annotations),
      );
    }
    expect(bundle.entities.map((e) => e.name).sort()).toEqual(ENTITIES.map((e) => e.name).sort());
    expect(bundle.codebook.attributeDefs.find((d) => d.id === EXTRA.verified)?.type).toBe(
      'boolean',
    );
  });

  it("reads Label Studio's own JSON export, inferring the codebook from the results", async () => {
    const text = '😀 Зеленський\r\nsaid «так»';
    const tasks = [
      {
        id: 7,
        data: { text },
        annotations: [
          {
            result: [
              {
                id: 'a1',
                from_name: 'label',
                to_name: 'text',
                type: 'labels',
                value: { start: 2, end: 12, text: 'Зеленський', labels: ['Person'] },
              },
              {
                id: 'a2',
                from_name: 'label',
                to_name: 'text',
                type: 'labels',
                value: { start: 14, end: 18, text: 'said', labels: ['Claim'] },
                meta: { text: ['checked'] },
              },
              {
                id: 'a2',
                from_name: 'confidence',
                to_name: 'text',
                type: 'choices',
                value: { start: 14, end: 18, choices: ['High'] },
              },
              {
                type: 'relation',
                from_id: 'a1',
                to_id: 'a2',
                direction: 'left',
                labels: ['supports'],
              },
              {
                id: 'doc',
                from_name: 'sentiment',
                to_name: 'text',
                type: 'choices',
                value: { choices: ['Positive'] },
              },
            ],
          },
        ],
      },
    ];
    const bundle = await labelStudioFormat.read!(
      new TextEncoder().encode(JSON.stringify(tasks)),
      'project-1.json',
    );
    const [doc] = bundle.documents;
    const [person, claim] = doc!.annotations;
    expect(person!.exact).toBe('Зеленський');
    expect([claim!.start, claim!.exact, claim!.note]).toEqual([13, 'said', 'checked']);
    expect(Object.values(claim!.attributes)).toEqual(['High']);
    // direction "left": the arrow runs from to_id to from_id.
    expect(doc!.relations[0]).toMatchObject({ sourceId: claim!.id, targetId: person!.id });
    expect(bundle.warnings.join('\n')).toMatch(/"sentiment" is not on a region/);
  });
});

describe('recognising span files by their content', () => {
  it('tells brat, Label Studio, doccano and JSONL files apart, whatever they are called', async () => {
    const { detectExchangeFormat } = await import('../../../formats/exchange/registry');
    const { bratFormat } = await import('../../../formats/exchange/brat');
    const { doccanoFormat } = await import('../../../formats/exchange/doccano');
    const write = async (format: typeof bratFormat) => {
      const sink = memorySink();
      await format.write!(fixtureSource(), sink, {});
      return sink.bytes();
    };
    expect(detectExchangeFormat(await write(bratFormat), 'export.zip')?.id).toBe('brat');
    expect(detectExchangeFormat(await write(labelStudioFormat), 'export.zip')?.id).toBe(
      'labelstudio',
    );
    expect(detectExchangeFormat(await write(doccanoFormat), 'export.txt')?.id).toBe('doccano');
    const tasks = JSON.stringify([{ id: 1, data: { text: 'a' }, annotations: [] }]);
    expect(detectExchangeFormat(new TextEncoder().encode(tasks), 'project-3.json')?.id).toBe(
      'labelstudio',
    );
  });
});
