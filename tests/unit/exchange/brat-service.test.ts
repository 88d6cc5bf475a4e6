/**
 * The span formats end to end through the service: a project with overlapping, attributed,
 * related annotations is exported (exportToPath, streamed from the database), validated, and
 * imported into a fresh project holding the same articles; what the format can hold must come
 * back identical. Also `gloss export` for the new formats.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import JSZip from 'jszip';
import { describe, expect, it } from 'vitest';
import {
  BUILTIN_ATTRIBUTE_IDS as A,
  BUILTIN_RELATION_TYPES,
  DEFAULT_SUBTAGS,
} from '../../../core/codebook';
import type { GlossApi } from '../../../core/api';
import type { Annotation } from '../../../core/domain';
import { runCli } from '../../../service/cli';
import {
  CLAIM,
  ENTITY,
  OPINION,
  SAMPLE,
  importText,
  makeTempDir,
  openTestService,
} from '../service/helpers';

const PERSON = DEFAULT_SUBTAGS.find((t) => t.name === 'Person')!.id;
const REL = Object.fromEntries(BUILTIN_RELATION_TYPES.map((t) => [t.key, t.id]));
const UNICODE = 'Президент 👨‍👩‍👧 Зеленський: «Київ 🇺🇦 вистоїть».\nЦе 事实 — 𠮷野家.';

/** Code-point range of the first occurrence of `exact`. */
function range(text: string, exact: string): { start: number; end: number } {
  const at = text.indexOf(exact);
  if (at < 0) throw new Error(`"${exact}" not in text`);
  const start = Array.from(text.slice(0, at)).length;
  return { start, end: start + Array.from(exact).length };
}

async function importArticles(api: GlossApi) {
  const sampleText = readFileSync(SAMPLE, 'utf8');
  const sample = await importText(api, 'azerbaijanis-in-ukraine.txt', sampleText);
  const unicode = await importText(api, 'заява.txt', UNICODE);
  return { sample, unicode, sampleText };
}

async function annotatedProject() {
  const { api, projectPath } = openTestService();
  const { sample, unicode, sampleText } = await importArticles(api);
  const ceyhun = await api.createEntity({
    name: 'Ceyhun Mammadov',
    kind: 'person',
    aliases: ['Jeyhun Mammadov'],
  });
  const person = await api.createAnnotation({
    documentId: sample,
    tagId: PERSON,
    ...range(sampleText, 'Ceyhun Mammadov'),
    entityId: ceyhun.id,
  });
  const claim = await api.createAnnotation({
    documentId: sample,
    tagId: CLAIM,
    ...range(
      sampleText,
      'there are about 500 ethnic Azerbaijanis in the ranks of the Armed Forces of Ukraine',
    ),
    note: 'Check the Rada’s figures.\nSecond line.',
    attributes: { [A.reliability]: 'B', [A.credibility]: '2', [A.attributedTo]: ceyhun.id },
  });
  const overlap = await api.createAnnotation({
    documentId: sample,
    tagId: CLAIM,
    ...range(
      sampleText,
      'in 2023 about the participation of Azerbaijanis in the conflict, said that there are',
    ),
    attributes: { [A.reliability]: 'F', [A.credibility]: '6' },
  });
  const opinion = await api.createAnnotation({
    documentId: sample,
    tagId: OPINION,
    ...range(sampleText, 'a ‘delicate balancing act.’'),
    attributes: { [A.stance]: 'mixed', [A.holder]: ceyhun.id },
  });
  await api.createRelation({
    typeId: REL.attributed_to!,
    sourceId: claim.id,
    targetId: person.id,
    note: 'said on AZTV',
  });
  await api.createRelation({ typeId: REL.contradicts!, sourceId: overlap.id, targetId: claim.id });
  await api.createRelation({ typeId: REL.held_by!, sourceId: opinion.id, targetId: person.id });
  const kyiv = await api.createAnnotation({
    documentId: unicode,
    tagId: ENTITY,
    ...range(UNICODE, 'Київ'),
  });
  const crossLine = await api.createAnnotation({
    documentId: unicode,
    tagId: CLAIM,
    ...range(UNICODE, '«Київ 🇺🇦 вистоїть».\nЦе 事实'),
    attributes: { [A.reliability]: 'A', [A.credibility]: '1' },
  });
  await api.createRelation({ typeId: REL.about!, sourceId: crossLine.id, targetId: kyiv.id });
  return { api, projectPath, sample, unicode };
}

/** What a format carries, with the entity by name (ids are the importing project's own). */
async function carried(api: GlossApi, documentId: string, fields: 'spans' | 'all') {
  const entities = await api.listEntities({});
  const name = (id: unknown) => entities.find((e) => e.id === id)?.name ?? id;
  const annotations: Annotation[] = await api.listAnnotations({ documentId });
  return annotations
    .map((a) =>
      fields === 'spans'
        ? `${a.tagId} ${a.start}-${a.end}`
        : JSON.stringify({
            tag: a.tagId,
            range: [a.start, a.end],
            note: a.note,
            entity: name(a.entityId),
            attributes: Object.fromEntries(
              Object.entries(a.attributes).map(([k, v]) => [
                k,
                k === A.attributedTo || k === A.holder ? name(v) : v,
              ]),
            ),
          }),
    )
    .sort();
}

async function relationKeys(api: GlossApi, documentId: string) {
  const annotations: Annotation[] = await api.listAnnotations({ documentId });
  const at = (id: string) => {
    const a = annotations.find((x) => x.id === id);
    return a ? `${a.start}-${a.end}` : '?';
  };
  const relations = await api.listRelations({ documentId });
  return relations.map((r) => `${r.typeId} ${at(r.sourceId)}→${at(r.targetId)} ${r.note}`).sort();
}

describe.each([
  ['brat', 'all'],
  ['labelstudio', 'all'],
  ['doccano', 'spans'],
] as const)('%s through the service', (format, fields) => {
  it('exports from the project and imports into a fresh one with the same articles, identical', async () => {
    const { api, sample, unicode } = await annotatedProject();
    const path = join(makeTempDir(), `export.${format === 'doccano' ? 'jsonl' : 'zip'}`);
    const { report } = await api.exportToPath({ format, path });
    expect(report.annotationCount).toBe(6);
    const fresh = openTestService().api;
    const articles = await importArticles(fresh);
    const imported = await fresh.importAnnotationsFromPath({ path });
    expect(imported.skipped).toEqual([]);
    expect(imported.annotationsAdded).toBe(6);
    for (const [from, to] of [
      [sample, articles.sample],
      [unicode, articles.unicode],
    ] as const) {
      expect(await carried(fresh, to, fields)).toEqual(await carried(api, from, fields));
      const expected = await relationKeys(api, from);
      const got = await relationKeys(fresh, to);
      // doccano and Label Studio relations carry no note.
      const strip = (keys: string[]) =>
        format === 'brat' ? keys : keys.map((k) => k.replace(/ [^→]*$/, ''));
      expect(strip(got)).toEqual(strip(expected));
    }
    // Importing the same file again adds nothing.
    expect((await fresh.importAnnotationsFromPath({ path })).annotationsAdded).toBe(0);
  });
});

/** Runs the CLI in-process. */
async function gloss(argv: string[], cwd: string) {
  let stdout = '';
  let stderr = '';
  const code = await runCli(argv, {
    stdout: { write: (text: string) => (stdout += text) },
    stderr: { write: (text: string) => (stderr += text), isTTY: false },
    cwd,
  });
  return { code, stdout, stderr };
}

describe('gloss export (new formats)', () => {
  it('writes CoNLL for the chosen tags to standard output and lists what it left out', async () => {
    const { projectPath } = await annotatedProject();
    const result = await gloss(
      ['export', '-p', projectPath, '-f', 'conll', '--tags', 'entity,claim'],
      makeTempDir(),
    );
    expect(result.code).toBe(0);
    expect(result.stdout.split('\n')[0]).toMatch(
      /^# Gloss CoNLL-2003 IOB2 export .*Tokeniser: Unicode words/,
    );
    expect(result.stdout).toContain('\nКиїв -X- _ I-Claim\n');
    expect(result.stderr).toMatch(/^Exported 3 annotations from 2 documents to standard output\n/);
    expect(result.stderr).toMatch(/Not carried by CoNLL-2003 \/ IOB2.*:\n/);
    expect(result.stderr).toMatch(/annotation [0-9a-f-]+: Entity “Київ” overlaps Claim/);
  });

  it('writes a brat zip with --out, refuses a zip on standard output, and names unknown tags', async () => {
    const { projectPath } = await annotatedProject();
    const dir = makeTempDir();
    const ok = await gloss(
      ['export', '-p', projectPath, '-f', 'brat', '-o', 'out.zip', '--report', 'report.json'],
      dir,
    );
    expect(ok.code).toBe(0);
    const zip = await JSZip.loadAsync(readFileSync(join(dir, 'out.zip')));
    expect(Object.keys(zip.files).filter((n) => n.endsWith('.ann'))).toHaveLength(2);
    const report = JSON.parse(readFileSync(join(dir, 'report.json'), 'utf8'));
    expect(report.annotationCount).toBe(6);
    const refused = await gloss(['export', '-p', projectPath, '-f', 'brat'], dir);
    expect(refused).toMatchObject({
      code: 2,
      stderr: expect.stringMatching(/writes a zip: name the file with --out/),
    });
    const unknown = await gloss(['export', '-p', projectPath, '-f', 'conll', '-t', 'Persn'], dir);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toMatch(
      /there is no tag "Persn" in this project \(tags: .*Entity\/Person/,
    );
  });
});
