import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { GlossApi } from '../../../core/api';
import { CodePointIndex } from '../../../core/offsets';
import { importText, openTestService } from '../service/helpers';
import {
  asBase64,
  buildAnalystProject,
  MIXED_TEXT,
  projectContent,
  rangeOf,
  SAMPLE_TEXT,
} from './attach-fixtures';
import {
  annotationsOf,
  failedMusts,
  loadMustAssertions,
  W3C_TESTS_DIR,
  type MustAssertion,
} from './w3c-musts';

type Json = Record<string, unknown>;

async function exportW3c(api: GlossApi, documentId?: string): Promise<string> {
  const result = await api.exportProject({ format: 'w3c', ...(documentId ? { documentId } : {}) });
  expect(result.content?.encoding).toBe('text');
  return result.content!.data;
}

let musts: MustAssertion[];
beforeAll(() => {
  musts = loadMustAssertions();
});

describe('the MUST checks of the W3C test suite', () => {
  it('are all loaded from annotationMusts.test and catch every malformed sample of the suite', () => {
    expect(musts).toHaveLength(54);
    const dir = join(W3C_TESTS_DIR, 'tools/samples/incorrect');
    let checked = 0;
    for (const file of readdirSync(dir)) {
      let sample: unknown;
      try {
        sample = JSON.parse(readFileSync(join(dir, file), 'utf8'));
      } catch {
        continue; // Samples that are not even JSON test a parser, not the schemas.
      }
      checked++;
      expect(failedMusts(musts, sample), file).not.toEqual([]);
    }
    expect(checked).toBeGreaterThan(20);
  });

  it('accept the suite’s correct single-target samples', () => {
    const dir = join(W3C_TESTS_DIR, 'tools/samples/correct');
    // anno11–13 target Composite, List and Independents, which the MUST schemas do not know.
    for (const file of ['anno1.json', 'anno2.json', 'anno10.json', 'anno20.json', 'anno40.json']) {
      const sample = JSON.parse(readFileSync(join(dir, file), 'utf8')) as unknown;
      expect(failedMusts(musts, sample), file).toEqual([]);
    }
  });
});

describe('W3C Web Annotation export', () => {
  it('passes every MUST assertion for every annotation, relation and memo it writes', async () => {
    const { api } = openTestService();
    await buildAnalystProject(api);
    const collection = JSON.parse(await exportW3c(api)) as Json;
    expect(collection.type).toBe('AnnotationCollection');
    expect(collection['@context']).toContain('http://www.w3.org/ns/anno.jsonld');
    const annotations = annotationsOf(collection);
    // 8 spans, 5 relations, 3 memos.
    expect(annotations).toHaveLength(16);
    expect(collection.total).toBe(16);
    for (const annotation of annotations) {
      expect(failedMusts(musts, annotation), JSON.stringify(annotation).slice(0, 200)).toEqual([]);
    }
    const motivations = annotations.map((a) => a.motivation);
    expect(motivations.filter((m) => m === 'linking')).toHaveLength(5);
    expect(motivations.filter((m) => m === 'commenting')).toHaveLength(3);
  });

  it('counts positions in code points and quotes the exact text, with emoji and Cyrillic', async () => {
    const { api } = openTestService();
    const { mixedId } = await buildAnalystProject(api);
    const collection = JSON.parse(await exportW3c(api, mixedId)) as Json;
    const claim = annotationsOf(collection).find((a) => JSON.stringify(a.body).includes('Емодзі'))!;
    const target = claim.target as { source: string; selector: Json[] };
    const position = target.selector.find((s) => s.type === 'TextPositionSelector')!;
    const quote = target.selector.find((s) => s.type === 'TextQuoteSelector')!;
    const expected = rangeOf(MIXED_TEXT, '«Київ готовий до переговорів» 😀');
    expect(position).toMatchObject(expected);
    expect(quote.exact).toBe('«Київ готовий до переговорів» 😀');
    // A code point slice of the stored text, as a W3C client computes it, gives the quote back.
    expect(
      new CodePointIndex(MIXED_TEXT).slice(position.start as number, position.end as number),
    ).toBe(quote.exact);
    expect(target.source).toBe(`urn:uuid:${mixedId}`);
    const bodies = claim.body as Json[];
    expect(bodies[0]).toMatchObject({ type: 'TextualBody', purpose: 'tagging', value: 'Claim' });
    expect(bodies).toContainEqual(
      expect.objectContaining({
        purpose: 'describing',
        value: expect.stringMatching(/^Source reliability: F/),
      }),
    );
  });

  it('links entity mentions to Wikidata and names the document by its URL when it has one', async () => {
    const { api } = openTestService();
    const { sampleId } = await buildAnalystProject(api);
    const collection = JSON.parse(await exportW3c(api, sampleId)) as Json;
    const mention = annotationsOf(collection).find((a) =>
      JSON.stringify(a.target).includes('"exact":"Ceyhun Mammadov"'),
    )!;
    expect(mention.body).toContainEqual(
      expect.objectContaining({
        type: 'SpecificResource',
        purpose: 'identifying',
        source: 'https://www.wikidata.org/entity/Q4115189',
      }),
    );
    expect((mention.target as Json).source).toBe('https://example.org/kavkaz/21-2');
    expect(mention.creator).toEqual({ type: 'Person', name: 'analyst' });
  });

  it('splits a long document into chained pages', async () => {
    const { api } = openTestService();
    const text = 'word '.repeat(1200);
    const documentId = await importText(api, 'long.txt', text);
    const spans = Array.from({ length: 1100 }, (_, i) => ({
      documentId,
      tagId: '00000000-0000-7000-8000-000000000001',
      start: i * 5,
      end: i * 5 + 4,
    }));
    await api.createAnnotations({ annotations: spans.slice(0, 1000) });
    await api.createAnnotations({ annotations: spans.slice(1000) });
    const collection = JSON.parse(await exportW3c(api)) as Json;
    const first = collection.first as Json;
    const included = collection['@included'] as Json[];
    expect((first.items as unknown[]).length).toBe(1000);
    expect(included).toHaveLength(1);
    expect(first.next).toBe(included[0]!.id);
    expect(included[0]!.prev).toBe(first.id);
    expect(collection.last).toBe(included[0]!.id);
    expect(annotationsOf(collection)).toHaveLength(1100);
  });
});

describe('W3C Web Annotation import', () => {
  it('round-trips annotations, attributes, entity links, relations, notes and memos', async () => {
    const source = openTestService();
    await buildAnalystProject(source.api);
    const exported = await exportW3c(source.api);

    // A colleague's fresh project with the same articles (W3C annotations point at sources).
    const target = openTestService();
    await importText(target.api, 'azerbaijanis-in-ukraine.txt', SAMPLE_TEXT);
    await importText(target.api, 'mixed.txt', MIXED_TEXT);
    await target.api.updateDocumentDetails({
      id: (await target.api.listDocuments({})).find((d) => d.title.startsWith('Kavkaz'))!.id,
      author: 'Guido Keller',
      outlet: 'Kavkaz Files',
      publishedAt: '2024-03',
      url: 'https://example.org/kavkaz/21-2',
      language: 'en',
      outletReliability: 'B',
    });
    const report = await target.api.importAnnotations({
      fileName: 'gloss-export.jsonld',
      data: asBase64(exported),
    });
    expect(report.format).toBe('W3C Web Annotation');
    expect(report.skipped).toEqual([]);
    expect(report.annotationsAdded).toBe(8);
    expect(report.relationsAdded).toBe(5);
    expect(report.memosAdded).toBe(3);
    expect(report.documents.map((d) => d.status).sort()).toEqual(['matched-hash', 'matched-hash']);
    expect(report.entitiesCreated).toEqual(['Ceyhun Mammadov']);
    expect(await projectContent(target.api)).toEqual(await projectContent(source.api));
  });

  it('adds nothing when the same file is imported twice', async () => {
    const { api } = openTestService();
    await buildAnalystProject(api);
    const before = await projectContent(api);
    const exported = asBase64(await exportW3c(api));
    for (let i = 0; i < 2; i++) {
      const report = await api.importAnnotations({ fileName: 'again.jsonld', data: exported });
      expect(report.annotationsAdded).toBe(0);
      expect(report.annotationsAlreadyPresent).toBe(8);
      expect(report.relationsAdded + report.memosAdded).toBe(0);
      expect(report.tagsCreated.length + report.entitiesCreated.length).toBe(0);
    }
    expect(await projectContent(api)).toEqual(before);
  });

  it('finds annotations by quote in an edited copy of the article and lists what it cannot place', async () => {
    const source = openTestService();
    await buildAnalystProject(source.api);
    const exported = await exportW3c(source.api);
    const target = openTestService();
    // Another extraction of the article: a header line more, so every offset moves.
    const documentId = await importText(
      target.api,
      'copy.txt',
      `Saved from the web\n${SAMPLE_TEXT}`,
    );
    const report = await target.api.importAnnotations({
      fileName: 'x.jsonld',
      data: asBase64(exported),
    });
    const sample = report.documents.find((d) => d.documentId === documentId)!;
    expect(sample.status).toBe('reanchored');
    expect(sample.annotationsAdded).toBe(5);
    const moved = await target.api.listAnnotations({ documentId });
    const offset = 'Saved from the web\n'.length;
    const claim = moved.find((a) => a.exact.startsWith('there are about 500'))!;
    expect(claim.start).toBe(rangeOf(SAMPLE_TEXT, claim.exact).start + offset);
    // The mixed document is nowhere in this project: its annotations are listed, not dropped.
    const mixed = report.documents.find((d) => d.status === 'unanchored')!;
    expect(mixed.documentId).toBeNull();
    expect(report.skipped.filter((s) => s.reason.includes('no document'))).toHaveLength(3);
    expect(report.skipped.some((s) => s.what.startsWith('relation'))).toBe(true);
  });

  it('reads another tool’s annotations: tags from tagging bodies, notes from comments', async () => {
    const { api } = openTestService();
    const documentId = await importText(api, 'mixed.txt', MIXED_TEXT);
    const foreign = [
      {
        '@context': 'http://www.w3.org/ns/anno.jsonld',
        id: 'http://example.org/anno/1',
        type: 'Annotation',
        body: [
          { type: 'TextualBody', purpose: 'tagging', value: 'Entity / Location' },
          { type: 'TextualBody', purpose: 'tagging', value: 'place of interest' },
          { type: 'TextualBody', purpose: 'commenting', value: 'Столиця 🙂' },
        ],
        target: {
          source: 'http://example.org/mixed',
          selector: { type: 'TextQuoteSelector', exact: 'Київ', prefix: '«', suffix: ' готовий' },
        },
      },
      {
        '@context': 'http://www.w3.org/ns/anno.jsonld',
        id: 'urn:x',
        type: 'Annotation',
        target: 'http://example.org/mixed',
      },
    ];
    const report = await api.importAnnotations({
      fileName: 'recogito.json',
      data: asBase64(JSON.stringify(foreign)),
    });
    expect(report.annotationsAdded).toBe(2);
    expect(report.tagsCreated).toEqual(['place of interest']);
    const annotations = await api.listAnnotations({ documentId });
    const { start, end } = rangeOf(MIXED_TEXT, 'Київ');
    expect(annotations.map((a) => [a.start, a.end, a.exact, a.note])).toEqual([
      [start, end, 'Київ', 'Столиця 🙂'],
      [start, end, 'Київ', 'Столиця 🙂'],
    ]);
    const tags = await api.listTags({});
    const location = tags.find((t) => t.name === 'Location')!;
    expect(annotations.map((a) => a.tagId)).toContain(location.id);
  });
});
