/**
 * A real project for the exchange tests, built through the API as an analyst would: the sample
 * article and a short text of Cyrillic, emoji and CJK (with a CRLF-free line break), overlapping
 * and nested annotations with Admiralty grades, an entity with an alias and a Wikidata id,
 * relations (one across documents), notes, memos and document details. Plus what a round trip
 * compares: every annotation, relation and memo in a form without project-specific ids.
 */
import { readFileSync } from 'node:fs';
import type { GlossApi } from '../../../core/api';
import {
  BUILTIN_ATTRIBUTE_IDS as A,
  BUILTIN_RELATION_TYPES,
  DEFAULT_SUBTAGS,
} from '../../../core/codebook';
import { CodePointIndex } from '../../../core/offsets';
import { SAMPLE_PATH } from '../../shared-files';
import { base64, CLAIM, importText, OPINION } from '../service/helpers';

export const SAMPLE_TEXT = readFileSync(SAMPLE_PATH, 'utf8');
export const MIXED_TEXT =
  'Заява міністра 🙂: «Київ готовий до переговорів» 😀 — сказав він.\n' +
  'Ceyhun Mammadov 在基辅 said 🇺🇦 “we stand”.\n';

const PERSON = DEFAULT_SUBTAGS.find((t) => t.name === 'Person')!.id;
const QUOTE = DEFAULT_SUBTAGS.find((t) => t.name === 'Quote')!.id;
const REL = (key: string) => BUILTIN_RELATION_TYPES.find((t) => t.key === key)!.id;

/** Code points of the `nth` occurrence of `exact` in `text`. */
export function rangeOf(text: string, exact: string, nth = 0): { start: number; end: number } {
  let at = -1;
  for (let i = 0; i <= nth; i++) at = text.indexOf(exact, at + 1);
  if (at < 0) throw new Error(`"${exact}" is not in the text`);
  const index = new CodePointIndex(text);
  return { start: index.toCodePoint(at), end: index.toCodePoint(at + exact.length) };
}

export interface AnalystProject {
  sampleId: string;
  mixedId: string;
  entityId: string;
}

/** Fills a new project (the service's API) with the analyst's work described above. */
export async function buildAnalystProject(api: GlossApi): Promise<AnalystProject> {
  const sampleId = await importText(api, 'azerbaijanis-in-ukraine.txt', SAMPLE_TEXT);
  const mixedId = await importText(api, 'mixed.txt', MIXED_TEXT);
  await api.updateDocumentDetails({
    id: sampleId,
    author: 'Guido Keller',
    outlet: 'Kavkaz Files',
    publishedAt: '2024-03',
    url: 'https://example.org/kavkaz/21-2',
    language: 'en',
    outletReliability: 'B',
  });
  const entity = await api.createEntity({
    name: 'Ceyhun Mammadov',
    kind: 'person',
    aliases: ['Jeyhun Mammadov'],
    description: 'Secretary General of the Rada of Azerbaijanis of Ukraine',
    externalIds: { wikidata: 'Q4115189' },
  });
  const on =
    (documentId: string, text: string) =>
    async (tagId: string, exact: string, extra: Record<string, unknown> = {}, nth = 0) =>
      api.createAnnotation({ documentId, tagId, ...rangeOf(text, exact, nth), ...extra });
  const sample = on(sampleId, SAMPLE_TEXT);
  const mixed = on(mixedId, MIXED_TEXT);

  const claim = await sample(
    CLAIM,
    'there are about 500 ethnic Azerbaijanis in the ranks of the Armed Forces of Ukraine',
    {
      note: 'Single source; check against the Ukrainian MoD.',
      attributes: { [A.reliability]: 'C', [A.credibility]: '3', [A.attributedTo]: entity.id },
    },
  );
  // Nested inside the claim: overlapping spans are the normal case.
  const number = await sample(QUOTE, 'about 500 ethnic Azerbaijanis');
  const person = await sample(PERSON, 'Ceyhun Mammadov', { entityId: entity.id });
  const alias = await sample(PERSON, 'Jeyhun Mammadov', { entityId: entity.id });
  const opinion = await sample(OPINION, '“an act of occupation and a clear threat', {
    attributes: { [A.stance]: 'negative', [A.holder]: entity.id },
  });
  const cyrillic = await mixed(CLAIM, '«Київ готовий до переговорів» 😀', {
    note: 'Емодзі і кирилиця 🙂',
    attributes: { [A.reliability]: 'F' },
  });
  const flag = await mixed(PERSON, 'Ceyhun Mammadov 在基辅', { entityId: entity.id });
  await mixed(QUOTE, '🇺🇦 “we stand”');

  await api.createRelation({
    typeId: REL('attributed_to'),
    sourceId: claim.id,
    targetId: person.id,
  });
  await api.createRelation({
    typeId: REL('supports'),
    sourceId: number.id,
    targetId: claim.id,
    note: 'The figure is the claim',
  });
  await api.createRelation({ typeId: REL('same_as'), sourceId: person.id, targetId: alias.id });
  await api.createRelation({ typeId: REL('held_by'), sourceId: opinion.id, targetId: person.id });
  // Across documents.
  await api.createRelation({
    typeId: REL('contradicts'),
    sourceId: cyrillic.id,
    targetId: claim.id,
  });
  void flag;
  await api.createMemo({
    documentId: sampleId,
    body: 'Read with **care**: the figures are self-reported.',
  });
  await api.createMemo({ documentId: mixedId, body: 'Мемо 🙂' });
  await api.createMemo({ documentId: null, body: 'Project: Azerbaijani volunteers in Ukraine' });
  return { sampleId, mixedId, entityId: entity.id };
}

/** Base64 of a file's bytes, as importAnnotations takes them. */
export const asBase64 = (content: string | Uint8Array) =>
  typeof content === 'string' ? base64(content) : Buffer.from(content).toString('base64');

/**
 * Everything a round trip must keep, keyed by what a user sees (document title, tag, range),
 * with entity ids replaced by names so two projects compare.
 */
export async function projectContent(api: GlossApi) {
  const entities = await api.listEntities({});
  const entityName = new Map(entities.map((e) => [e.id, e.name]));
  const named = (value: unknown) =>
    typeof value === 'string' && entityName.has(value) ? `entity:${entityName.get(value)}` : value;
  const documents = (await api.listDocuments({})).sort((a, b) => a.title.localeCompare(b.title));
  const out = [];
  for (const doc of documents) {
    const annotations = await api.listAnnotations({ documentId: doc.id });
    const relations = await api.listRelations({ documentId: doc.id });
    const memos = await api.listMemos({ documentId: doc.id });
    out.push({
      title: doc.title,
      details: doc.details,
      annotations: annotations.map((a) => ({
        id: a.id,
        tagId: a.tagId,
        start: a.start,
        end: a.end,
        exact: a.exact,
        prefix: a.prefix,
        suffix: a.suffix,
        note: a.note,
        author: a.author,
        createdAt: a.createdAt,
        attributes: Object.fromEntries(
          Object.entries(a.attributes).map(([key, value]) => [key, named(value)]),
        ),
        entity: a.entityId && entityName.get(a.entityId),
      })),
      relations: relations
        .filter((r) => r.source.documentId === doc.id)
        .map((r) => ({
          id: r.id,
          typeId: r.typeId,
          sourceId: r.sourceId,
          targetId: r.targetId,
          note: r.note,
        }))
        .sort((a, b) => a.id.localeCompare(b.id)),
      memos: memos.map((m) => m.body),
    });
  }
  const projectMemos = (await api.listMemos({ documentId: null })).map((m) => m.body);
  const entityRecords = entities
    .map((e) => ({
      name: e.name,
      kind: e.kind,
      aliases: [...e.aliases].sort(),
      externalIds: e.externalIds,
    }))
    .sort((a, b) => a.name.localeCompare(b.name));
  return { documents: out, projectMemos, entities: entityRecords };
}
