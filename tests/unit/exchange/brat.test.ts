import JSZip from 'jszip';
import { describe, expect, it } from 'vitest';
import type { Annotation, Relation } from '../../../core/domain';
import { bratFormat } from '../../../formats/exchange/brat';
import type { ExchangeBundle } from '../../../formats/exchange/model';
import {
  ENTITIES,
  EXTRA,
  fixtureSource,
  memorySink,
  pySlice,
  sampleDocument,
  UNICODE_TEXT,
  unicodeDocument,
} from './span-formats-fixture';

async function exportFixture() {
  const sink = memorySink();
  const report = await bratFormat.write!(fixtureSource(), sink, {});
  const zip = await JSZip.loadAsync(sink.bytes());
  const files = new Map<string, string>();
  for (const name of Object.keys(zip.files)) files.set(name, await zip.file(name)!.async('string'));
  return { report, files, bytes: sink.bytes() };
}

/** The sections of a brat .conf file, as brat reads them (comments and blank lines skipped). */
function confSections(text: string): Map<string, string[]> {
  const out = new Map<string, string[]>();
  let section = '';
  for (const line of text.split('\n')) {
    if (!line.trim() || line.startsWith('#')) continue;
    const header = /^\[(.+)\]$/.exec(line);
    if (header) section = header[1]!;
    else out.set(section, [...(out.get(section) ?? []), line]);
  }
  return out;
}

/**
 * A reader that parses an .ann as brat's own Python does (ID, TAB, data, TAB, text; offsets in
 * code points of the .txt) and checks everything brat would refuse or show wrongly.
 */
function checkAnnLikeBrat(ann: string, txt: string, conf: Map<string, string[]>) {
  const types = new Set((conf.get('entities') ?? []).map((l) => l.trim()));
  const relations = new Set((conf.get('relations') ?? []).map((l) => l.split('\t')[0]!));
  const attributes = new Map(
    (conf.get('attributes') ?? []).map((l) => {
      const [name, spec] = l.split('\t') as [string, string];
      const values = /Value:(\S+)/.exec(spec)?.[1]?.split('|') ?? null;
      return [name, values] as const;
    }),
  );
  const ids = new Set<string>();
  const spans = new Map<string, { type: string; fragments: number[][]; text: string }>();
  const lines = ann.split('\n').filter(Boolean);
  for (const line of lines) {
    const [id, data, text] = line.split('\t');
    expect(ids.has(id!), `duplicate id ${id}`).toBe(false);
    ids.add(id!);
    if (id!.startsWith('T')) {
      const [type, ...rest] = data!.split(' ');
      expect(types.has(type!), `type ${type} declared`).toBe(true);
      const fragments = rest
        .join(' ')
        .split(';')
        .map((f) => f.split(' ').map(Number));
      const sliced = fragments.map(([s, e]) => pySlice(txt, s!, e!));
      expect(sliced.join(' ')).toBe(text);
      for (const piece of sliced) expect(piece).not.toMatch(/[\n\r]/);
      spans.set(id!, { type: type!, fragments, text: text! });
    }
  }
  for (const line of lines) {
    const [id, data] = line.split('\t') as [string, string];
    const words = data.split(' ');
    if (id.startsWith('A')) {
      const [name, target, value] = words;
      expect(spans.has(target!)).toBe(true);
      expect(attributes.has(name!), `attribute ${name} declared`).toBe(true);
      const values = attributes.get(name!);
      if (values) expect(values).toContain(value);
      else expect(value).toBeUndefined();
    } else if (id.startsWith('R')) {
      const [type, arg1, arg2] = words;
      expect(relations.has(type!)).toBe(true);
      expect(spans.has(arg1!.replace('Arg1:', ''))).toBe(true);
      expect(spans.has(arg2!.replace('Arg2:', ''))).toBe(true);
    } else if (id.startsWith('#') || id.startsWith('N')) {
      expect(ids.has(words[1]!), `${id} targets ${words[1]}`).toBe(true);
    }
  }
  return spans;
}

describe('brat export', () => {
  it('writes a .txt and an .ann per document and the configuration, all readable as brat reads them', async () => {
    const { files } = await exportFixture();
    const names = [...files.keys()].sort();
    expect(names).toContain('annotation.conf');
    expect(names).toContain('visual.conf');
    const anns = names.filter((n) => n.endsWith('.ann'));
    expect(anns).toHaveLength(2);
    const conf = confSections(files.get('annotation.conf')!);
    for (const ann of anns) {
      const txt = files.get(ann.replace(/\.ann$/, '.txt'))!;
      checkAnnLikeBrat(files.get(ann)!, txt, conf);
    }
    // The tag tree by indentation.
    expect(files.get('annotation.conf')).toMatch(/\nEntity\n\tPerson\n\tOrganisation\n/);
    expect(files.get('annotation.conf')).toMatch(
      /\nreliability\tArg:Claim\|Statistic\|.*, Value:A\|B\|C\|D\|E\|F\n/,
    );
    expect(files.get('annotation.conf')).toMatch(
      /\ncontradicts\tArg1:<ENTITY>, Arg2:<ENTITY>, <REL-TYPE>:symmetric\n/,
    );
    expect(files.get('visual.conf')).toMatch(/\nMedia_outlet \| Media outlet\n/);
    expect(files.get('visual.conf')).toMatch(/\nClaim\tfgColor:black, bgColor:#e6a700\n/);
  });

  it('keeps the text byte-for-byte in UTF-8 and counts offsets in code points', async () => {
    const { files } = await exportFixture();
    const unicodeTxt = [...files.entries()].find(
      ([n, t]) => n.endsWith('.txt') && t === UNICODE_TEXT,
    );
    expect(unicodeTxt).toBeDefined();
    const ann = files.get(unicodeTxt![0].replace(/\.txt$/, '.ann'))!;
    const kyiv = ann.split('\n').find((l) => l.endsWith('\tКиїв'))!;
    const [, data] = kyiv.split('\t');
    const [, start, end] = data!.split(' ').map(Number);
    expect(pySlice(UNICODE_TEXT, start!, end!)).toBe('Київ');
    expect(start).toBe(Array.from(UNICODE_TEXT.slice(0, UNICODE_TEXT.indexOf('Київ'))).length);
  });

  it('splits a span across a line break into fragments, as brat writes discontinuous spans', async () => {
    const { files } = await exportFixture();
    const ann = [...files.entries()].find(([n, t]) => n.endsWith('.ann') && t.includes('事实'))![1];
    const line = ann.split('\n').find((l) => l.includes('«Київ'))!;
    expect(line).toMatch(/^T\d+\tClaim \d+ \d+;\d+ \d+\t«Київ 🇺🇦 вистоїть»\. Це 事实$/);
  });

  it('writes attributes as A lines, entity links as N lines, notes and the rest as AnnotatorNotes', async () => {
    const { files } = await exportFixture();
    const ann = [...files.entries()].find(
      ([n, t]) => n.endsWith('.ann') && t.includes('about 500'),
    )![1];
    const claimT = ann
      .split('\n')
      .find((l) => l.endsWith('Armed Forces of Ukraine'))!
      .split('\t')[0];
    const on = (t: string) =>
      ann.split('\n').filter((l) => l.split('\t')[1]?.split(' ').includes(t!));
    const lines = on(claimT!);
    expect(lines).toContainEqual(expect.stringMatching(/^A\d+\treliability T\d+ B$/));
    expect(lines).toContainEqual(expect.stringMatching(/^A\d+\tcredibility T\d+ 2$/));
    expect(lines).toContainEqual(expect.stringMatching(/^A\d+\tverified T\d+$/));
    expect(lines).toContainEqual(expect.stringMatching(/^A\d+\ttopics_energy_oil T\d+$/));
    expect(lines).toContainEqual(
      expect.stringMatching(/^#\d+\tAnnotatorNotes T\d+\tattributed_to: Ceyhun Mammadov$/),
    );
    expect(lines).toContainEqual(
      expect.stringMatching(/^#\d+\tAnnotatorNotes T\d+\tcasualties: 500$/),
    );
    expect(lines).toContainEqual(
      expect.stringMatching(
        /^#\d+\tAnnotatorNotes T\d+\tCheck against \\\\ the Rada’s own figures\.\\nSecond line\.$/,
      ),
    );
    expect(ann).toMatch(
      new RegExp(`\\nN\\d+\\tReference T\\d+ Gloss:${ENTITIES[0]!.id}\\tCeyhun Mammadov\\n`),
    );
  });

  it('reports what brat cannot hold: the cross-document relation, memos, authors', async () => {
    const { report } = await exportFixture();
    expect(report.documentCount).toBe(2);
    expect(report.annotationCount).toBe(13);
    const whats = report.omitted.map((o) => `${o.what}: ${o.reason}`);
    expect(whats).toContainEqual(expect.stringMatching(/^relation: .*two documents/));
    expect(whats).toContainEqual(expect.stringMatching(/^document memo: /));
    expect(whats).toContainEqual(expect.stringMatching(/^project memo: /));
    expect(whats).toContainEqual(expect.stringMatching(/^annotation authors and times \(13\)/));
  });
});

/** An annotation as a format can carry it: everything but ids, quotes' context and authorship. */
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

function sortedBySpan<T extends { start: number; end: number; tagId: string }>(list: T[]): T[] {
  return [...list].sort(
    (a, b) => a.start - b.start || a.end - b.end || a.tagId.localeCompare(b.tagId),
  );
}

/** Relations within one document, by their ends' tags and ranges (ids differ after a trip). */
function relationKeys(relations: Relation[], annotations: Annotation[]): string[] {
  const key = (id: string) => {
    const a = annotations.find((x) => x.id === id);
    return a ? `${a.tagId}@${a.start}-${a.end}` : null;
  };
  return relations
    .filter((r) => key(r.sourceId) && key(r.targetId))
    .map((r) => `${r.typeId} ${key(r.sourceId)} → ${key(r.targetId)} "${r.note}"`)
    .sort();
}

describe('brat import', () => {
  it('reads a Gloss brat export back: annotations, attributes, entity links and relations identical', async () => {
    const { bytes } = await exportFixture();
    const bundle: ExchangeBundle = await bratFormat.read!(bytes, 'gloss-export.zip');
    const sample = sampleDocument();
    const expectedDocs = [sample, unicodeDocument(sample.annotations[3]!)];
    expect(bundle.documents.map((d) => d.document.id)).toEqual(
      expect.arrayContaining(expectedDocs.map((d) => d.document.id)),
    );
    for (const expected of expectedDocs) {
      const got = bundle.documents.find((d) => d.document.id === expected.document.id)!;
      expect(got.document.title).toBe(expected.document.title);
      expect(got.document.text).toBe(expected.document.text);
      expect(sortedBySpan(got.annotations.map(carried))).toEqual(
        sortedBySpan(expected.annotations.map(carried)),
      );
      for (const a of got.annotations)
        expect(a.exact).toBe(pySlice(got.document.text, a.start, a.end));
      expect(relationKeys(got.relations, got.annotations)).toEqual(
        relationKeys(expected.relations, expected.annotations),
      );
    }
    expect(bundle.entities.map((e) => e.name).sort()).toEqual(ENTITIES.map((e) => e.name).sort());
    expect(bundle.codebook.attributeDefs.find((d) => d.id === EXTRA.topics)?.type).toBe(
      'multi_choice',
    );
    expect(bundle.warnings).toEqual([]);
  });

  it('reads a plain brat corpus from annotation.conf and visual.conf when there is no manifest', async () => {
    const zip = new JSZip();
    zip.file(
      'corpus/annotation.conf',
      '[entities]\nPerson\n\tPolitician\n[relations]\nsays\tArg1:Person, Arg2:<ENTITY>\n[events]\n[attributes]\nNegated\tArg:Person\nConfidence\tArg:Person, Value:Low|High\n',
    );
    zip.file(
      'corpus/visual.conf',
      '[labels]\nPolitician | Політик\n[drawing]\nPolitician\tbgColor:#aa3300\n',
    );
    const text = '😀 Зеленський\r\nsays hi';
    zip.file('corpus/doc1.txt', text);
    zip.file(
      'corpus/doc1.ann',
      'T1\tPolitician 2 12\tЗеленський\nT2\tPerson 14 18\tsays\nA1\tConfidence T1 High\nA2\tNegated T2\nR1\tsays Arg1:T1 Arg2:T2\n#1\tAnnotatorNotes T1\tthe president\nE1\tSpeech:T2\n',
    );
    const bundle = await bratFormat.read!(
      await zip.generateAsync({ type: 'uint8array' }),
      'corpus.zip',
    );
    const politician = bundle.codebook.tags.find((t) => t.name === 'Політик')!;
    expect(politician.color).toBe('#aa3300');
    expect(bundle.codebook.tags.find((t) => t.id === politician.parentId)?.name).toBe('Person');
    const [doc] = bundle.documents;
    expect(doc!.document.text).toBe('😀 Зеленський\nsays hi');
    const [t1, t2] = doc!.annotations;
    expect(t1!.exact).toBe('Зеленський');
    // CRLF became LF: the span after it moved back by one.
    expect([t2!.start, t2!.end, t2!.exact]).toEqual([13, 17, 'says']);
    expect(t1!.note).toBe('the president');
    expect(Object.values(t1!.attributes)).toEqual(['High']);
    expect(Object.values(t2!.attributes)).toEqual([true]);
    expect(doc!.relations).toHaveLength(1);
    expect(bundle.warnings.join('\n')).toMatch(/E1 is an event/);
    expect(bundle.warnings.join('\n')).toMatch(/CRLF/);
  });

  it('names what it cannot read instead of dropping it silently', async () => {
    const zip = new JSZip();
    zip.file('annotation.conf', '[entities]\nThing\n');
    zip.file('a.txt', 'short');
    zip.file(
      'a.ann',
      'T1\tThing 0 99\tshort\nT2\tOther 0 5\tshort\nR1\tlinks Arg1:T2 Arg2:T9\nnot a line\n',
    );
    zip.file('b.ann', 'T1\tThing 0 1\tx\n');
    const bundle = await bratFormat.read!(
      await zip.generateAsync({ type: 'uint8array' }),
      'bad.zip',
    );
    const warnings = bundle.warnings.join('\n');
    expect(warnings).toMatch(/T1 has offsets "0 99" outside the text/);
    expect(warnings).toMatch(/type Other is not in annotation.conf/);
    expect(warnings).toMatch(/R1 links T2 and T9/);
    expect(warnings).toMatch(/not a brat annotation/);
    expect(warnings).toMatch(/b\.ann: no b\.txt/);
  });

  it('refuses a file that is not a zip with a clear error', async () => {
    await expect(
      bratFormat.read!(new TextEncoder().encode('T1\tX 0 1\ta'), 'x.ann'),
    ).rejects.toThrow(/zip of \.txt and \.ann/);
  });
});
