import { spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import JSZip from 'jszip';
import { describe, expect, it } from 'vitest';
import type { GlossApi } from '../../../core/api';
import { CLAIM, importText, makeTempDir, openTestService } from '../service/helpers';
import { SHARED_DIR } from '../../shared-files';
import {
  asBase64,
  buildAnalystProject,
  MIXED_TEXT,
  projectContent,
  rangeOf,
  SAMPLE_TEXT,
} from './attach-fixtures';

const XSD = join(SHARED_DIR, 'schemas/refi-qda/Project.xsd');
const hasXmllint = spawnSync('xmllint', ['--version']).status === 0;
if (!hasXmllint) {
  process.stdout.write(
    'refi.test: xmllint is missing (run scripts/setup.sh): XSD checks skipped\n',
  );
}

/** Validates with Debian's xmllint against the official XSD; returns its complaints, '' if valid. */
function xsdErrors(xml: string): string {
  const file = join(makeTempDir(), 'doc.xml');
  writeFileSync(file, xml);
  const run = spawnSync('xmllint', ['--noout', '--schema', XSD, file], { encoding: 'utf8' });
  return run.status === 0 ? '' : run.stderr;
}

async function exportBytes(api: GlossApi, format: 'qdpx' | 'qdc', documentId?: string) {
  const result = await api.exportProject({ format, ...(documentId ? { documentId } : {}) });
  const { encoding, data } = result.content!;
  return { result, bytes: encoding === 'base64' ? Buffer.from(data, 'base64') : Buffer.from(data) };
}

/** What REFI-QDA carries of a project: everything but the typed attribute values. */
async function refiContent(api: GlossApi) {
  const content = await projectContent(api);
  for (const doc of content.documents) for (const a of doc.annotations) a.attributes = {};
  return content;
}

describe('REFI-QDA export', () => {
  it('writes a .qdpx whose project.qde validates against Project.xsd, with the texts beside it', async () => {
    const { api } = openTestService();
    const { sampleId, mixedId } = await buildAnalystProject(api);
    const { result, bytes } = await exportBytes(api, 'qdpx');
    expect(result.fileName).toBe('gloss-export.qdpx');
    const zip = await JSZip.loadAsync(bytes);
    expect(Object.keys(zip.files).sort()).toEqual(
      ['project.qde', `sources/${mixedId}.txt`, `sources/${sampleId}.txt`].sort(),
    );
    expect(await zip.file(`sources/${mixedId}.txt`)!.async('string')).toBe(MIXED_TEXT);
    const qde = await zip.file('project.qde')!.async('string');
    if (hasXmllint) expect(xsdErrors(qde)).toBe('');
    // Codes keep the hierarchy and colours; selections count code points.
    expect(qde).toMatch(
      /<Code guid="00000000-0000-7000-8000-000000000002" name="Entity" isCodable="true" color="#2f7fd8">[^]*<Code guid="00000000-0000-7000-8000-000000000011" name="Person"/,
    );
    const { start, end } = rangeOf(MIXED_TEXT, '«Київ готовий до переговорів» 😀');
    expect(qde).toContain(
      `name="«Київ готовий до переговорів» 😀" startPosition="${start}" endPosition="${end}"`,
    );
    expect(qde).toMatch(/<Case guid="[^"]+" name="Ceyhun Mammadov">/);
    expect(qde).toMatch(/<Link guid="[^"]+" name="supports" direction="OneWay"/);
    expect(qde).toContain('<TextValue>Kavkaz Files</TextValue>');
    // What the standard cannot hold is reported, not silently dropped.
    expect(result.report.omitted).toContainEqual(
      expect.objectContaining({ what: expect.stringMatching(/^attribute values \(\d+\)$/) }),
    );
  });

  it('writes a .qdc codebook that has the structure Project.xsd gives a CodeBook', async () => {
    const { api } = openTestService();
    const { bytes } = await exportBytes(api, 'qdc');
    const qdc = bytes.toString('utf8');
    expect(qdc).toMatch(
      /^<\?xml version="1.0" encoding="utf-8"\?>\n<CodeBook xmlns="urn:QDA-XML:codebook:1.0" origin="Gloss /,
    );
    // Project.xsd declares CodeBookType inside a Project; Codebook.xsd (not in ../shared) adds the
    // `origin` attribute and its own namespace. So the codebook is checked as a Project's.
    const asProject = qdc
      .replace(
        /<CodeBook[^>]*>/,
        '<Project xmlns="urn:QDA-XML:project:1.0" name="check"><CodeBook>',
      )
      .replace('</CodeBook>', '</CodeBook></Project>');
    if (hasXmllint) expect(xsdErrors(asProject)).toBe('');
    expect(qdc).toContain('name="Media outlet"');
  });
});

describe('REFI-QDA import', () => {
  it('round-trips a .qdpx into an empty project: texts, codes, codings, notes, cases, links', async () => {
    const source = openTestService();
    await buildAnalystProject(source.api);
    const { bytes } = await exportBytes(source.api, 'qdpx');
    const target = openTestService();
    const report = await target.api.importAnnotations({
      fileName: 'case.qdpx',
      data: asBase64(bytes),
    });
    expect(report.format).toBe('REFI-QDA project');
    expect(report.skipped).toEqual([]);
    expect(report.documents.map((d) => d.status)).toEqual(['created', 'created']);
    expect(report.annotationsAdded).toBe(8);
    expect(report.relationsAdded).toBe(5);
    expect(report.memosAdded).toBe(3);
    expect(await refiContent(target.api)).toEqual(await refiContent(source.api));
    // Twice: nothing more.
    const again = await target.api.importAnnotations({
      fileName: 'case.qdpx',
      data: asBase64(bytes),
    });
    expect(again.documents.map((d) => d.status)).toEqual(['matched-text', 'matched-text']);
    expect(again.annotationsAdded).toBe(0);
    expect(again.annotationsAlreadyPresent).toBe(8);
    expect(await refiContent(target.api)).toEqual(await refiContent(source.api));
  });

  it('attaches to the article the project already has, matched by its text', async () => {
    const source = openTestService();
    await buildAnalystProject(source.api);
    const { bytes } = await exportBytes(source.api, 'qdpx');
    const target = openTestService();
    const sampleId = await importText(target.api, 'article.txt', SAMPLE_TEXT);
    const report = await target.api.importAnnotations({
      fileName: 'case.qdpx',
      data: asBase64(bytes),
    });
    const sample = report.documents.find((d) => d.documentId === sampleId)!;
    expect(sample.status).toBe('matched-text');
    expect(sample.annotationsAdded).toBe(5);
    expect(await target.api.listDocuments({})).toHaveLength(2);
  });

  for (const crlf of [1, 2] as const) {
    it(`reads another tool's project with Sources/, CRLF counted as ${crlf}, emoji and Cyrillic`, async () => {
      const raw = 'Перший рядок 🙂\r\nДругий: Київ готовий\r\nThird line Baku\r\n';
      const text = raw.replace(/\r\n/g, '\n');
      // Positions as that tool counts them: code points, each CRLF as `crlf` characters.
      const position = (exact: string) => {
        const { start, end } = rangeOf(text, exact);
        const breaksBefore = (at: number) =>
          Array.from(text)
            .slice(0, at)
            .filter((c) => c === '\n').length;
        const extra = crlf === 2 ? 1 : 0;
        return { start: start + extra * breaksBefore(start), end: end + extra * breaksBefore(end) };
      };
      const kyiv = position('Київ готовий');
      const baku = position('Baku');
      const guid = (n: number) => `{8A1B2C3D-0000-4000-8000-00000000000${n}}`;
      const qde = `<?xml version="1.0" encoding="utf-8"?>
<Project xmlns="urn:QDA-XML:project:1.0" name="field notes" origin="ATLAS.ti 23">
<Users><User guid="${guid(1)}" name="Olena"/></Users>
<CodeBook><Codes><Code guid="${guid(2)}" name="Places" isCodable="true" color="#0A0"><Code guid="${guid(3)}" name="Capital" isCodable="true"/></Code></Codes></CodeBook>
<Sources><TextSource guid="${guid(4)}" name="Interview 1" plainTextPath="internal://${guid(4)}.txt">
<PlainTextSelection guid="${guid(5)}" name="Київ готовий" startPosition="${kyiv.start}" endPosition="${kyiv.end}" creatingUser="${guid(1)}"><Description>About the capital</Description><Coding guid="${guid(6)}"><CodeRef targetGUID="${guid(3)}"/></Coding></PlainTextSelection>
<PlainTextSelection guid="${guid(7)}" startPosition="${baku.start}" endPosition="${baku.end}"><Coding guid="${guid(8)}"><CodeRef targetGUID="${guid(2)}"/></Coding></PlainTextSelection>
</TextSource><PictureSource guid="${guid(9)}" name="Map"/></Sources>
</Project>`;
      const zip = new JSZip();
      zip.file('project.qde', qde);
      zip.file(`Sources/${guid(4)}.txt`, raw);
      const bytes = await zip.generateAsync({ type: 'nodebuffer' });
      const { api } = openTestService();
      const report = await api.importAnnotations({
        fileName: 'interview.qdpx',
        data: asBase64(bytes),
      });
      expect(report.annotationsAdded).toBe(2);
      expect(report.tagsCreated).toEqual(['Places', 'Places / Capital']);
      const counted = crlf === 1 ? 'one character' : 'two characters';
      expect(report.warnings.join('\n')).toContain(`a CRLF line break as ${counted}`);
      expect(report.warnings.join('\n')).toContain('PictureSource "Map" was not imported');
      const [doc] = await api.listDocuments({});
      expect(doc!.title).toBe('Interview 1');
      const annotations = await api.listAnnotations({ documentId: doc!.id });
      expect(annotations.map((a) => [a.exact, a.note, a.author])).toEqual([
        ['Київ готовий', 'About the capital', 'Olena'],
        // No creatingUser: the analyst who imported it is recorded.
        ['Baku', '', 'analyst'],
      ]);
      expect((await api.getDocument({ id: doc!.id })).text).toBe(text);
    });
  }

  it('imports a .qdc codebook into the existing codebook, under the matching tags', async () => {
    const { api } = openTestService();
    const qdc = `<?xml version="1.0" encoding="utf-8"?>
<CodeBook xmlns="urn:QDA-XML:codebook:1.0" origin="NVivo 14"><Codes>
<Code guid="11111111-2222-4333-8444-555555555555" name="Claim" isCodable="true">
  <Code guid="11111111-2222-4333-8444-555555555556" name="Rumour" isCodable="true" color="#AA3300"><Description>Unverified talk</Description></Code>
</Code></Codes></CodeBook>`;
    const report = await api.importAnnotations({ fileName: 'codes.qdc', data: asBase64(qdc) });
    expect(report.format).toBe('REFI-QDA codebook');
    expect(report.tagsCreated).toEqual(['Claim / Rumour']);
    const rumour = (await api.listTags({})).find((t) => t.name === 'Rumour')!;
    expect(rumour).toMatchObject({
      parentId: CLAIM,
      color: '#aa3300',
      description: 'Unverified talk',
    });
  });

  it('refuses a file that is not REFI-QDA with a message naming it', async () => {
    const { api } = openTestService();
    await expect(
      api.importAnnotations({ fileName: 'notes.qdpx', data: asBase64('not a zip at all') }),
    ).rejects.toThrow(/notes\.qdpx/);
  });
});
