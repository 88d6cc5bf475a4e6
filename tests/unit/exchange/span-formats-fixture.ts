/**
 * A hand-built ExchangeSource for the span-format tests (brat, CoNLL, doccano, Label Studio,
 * spaCy, reports): the sample article plus a short document of emoji, Cyrillic and CJK, with
 * overlapping, nested, attributed and related annotations, an entity with an alias, memos, and
 * a span across a line break. Plain data: no database.
 */
import { readFileSync } from 'node:fs';
import {
  BUILTIN_ATTRIBUTE_IDS as A,
  BUILTIN_RELATION_TYPES,
  CLAIM_TAG_ID,
  DEFAULT_ATTRIBUTES,
  DEFAULT_SUBTAGS,
  ENTITY_TAG_ID,
  OPINION_TAG_ID,
  ROOT_TAGS,
} from '../../../core/codebook';
import type { Annotation, AttributeDef, Entity, Memo, Relation } from '../../../core/domain';
import { CodePointIndex } from '../../../core/offsets';
import { quoteOf } from '../../../core/quote';
import type { ExchangeDocument, ExchangeSource } from '../../../formats/exchange/model';
import type { ExportSink } from '../../../formats/exchange/registry-types';
import { SAMPLE_PATH } from '../../shared-files';

export const TAG = {
  claim: CLAIM_TAG_ID,
  entity: ENTITY_TAG_ID,
  opinion: OPINION_TAG_ID,
  person: tagId('Person'),
  organisation: tagId('Organisation'),
  location: tagId('Location'),
  media: tagId('Media outlet'),
  quote: tagId('Quote'),
  statistic: tagId('Statistic'),
};

function tagId(name: string): string {
  return DEFAULT_SUBTAGS.find((t) => t.name === name)!.id;
}

const REL = Object.fromEntries(BUILTIN_RELATION_TYPES.map((t) => [t.key, t.id])) as Record<
  string,
  string
>;

/** Attributes beyond the defaults, so every attribute type is exercised. */
export const EXTRA = {
  topics: 'a0000000-0000-7000-8000-000000000001',
  verified: 'a0000000-0000-7000-8000-000000000002',
  casualties: 'a0000000-0000-7000-8000-000000000003',
  summary: 'a0000000-0000-7000-8000-000000000004',
};
const extraAttributes: AttributeDef[] = [
  attr(EXTRA.topics, 'topics', 'Topics', 'multi_choice', [
    { value: 'war', label: 'War' },
    { value: 'energy & oil', label: 'Energy & oil' },
  ]),
  attr(EXTRA.verified, 'verified', 'Verified', 'boolean'),
  attr(EXTRA.casualties, 'casualties', 'Casualties', 'number'),
  attr(EXTRA.summary, 'summary', 'Summary', 'long_text'),
];

function attr(
  id: string,
  key: string,
  name: string,
  type: AttributeDef['type'],
  choices: AttributeDef['choices'] = [],
): AttributeDef {
  return { id, tagId: CLAIM_TAG_ID, key, name, type, choices, description: '', position: 10 };
}

export const ENTITIES: Entity[] = [
  entity('e0000000-0000-7000-8000-000000000001', 'Ceyhun Mammadov', 'person', ['Jeyhun Mammadov']),
  entity('e0000000-0000-7000-8000-000000000002', 'Київ', 'location', ['Kyiv', 'Kiev']),
  entity('e0000000-0000-7000-8000-000000000003', 'AZTV', 'media', []),
];

function entity(id: string, name: string, kind: Entity['kind'], aliases: string[]): Entity {
  return {
    id,
    name,
    kind,
    aliases,
    description: `About ${name}`,
    externalIds: {},
    mentionCount: 1,
    createdAt: '2025-05-01T09:00:00.000Z',
    updatedAt: '2025-05-01T09:00:00.000Z',
  };
}

let sequence = 0;
const nextId = (prefix: string) =>
  `${prefix}-0000-7000-8000-${String(++sequence).padStart(12, '0')}`;

/** An annotation over the `nth` occurrence of `exact` in the text, in code points. */
export function span(
  doc: { id: string; text: string },
  tagIdOf: string,
  exact: string,
  extra: Partial<Annotation> = {},
  nth = 0,
): Annotation {
  const index = new CodePointIndex(doc.text);
  let at = -1;
  for (let i = 0; i <= nth; i++) at = doc.text.indexOf(exact, at + 1);
  if (at < 0) throw new Error(`"${exact}" is not in the text`);
  const start = index.toCodePoint(at);
  const end = index.toCodePoint(at + exact.length);
  return {
    id: nextId('b0000000'),
    documentId: doc.id,
    tagId: tagIdOf,
    start,
    end,
    ...quoteOf(index, start, end),
    note: '',
    author: 'аналитик',
    createdAt: '2025-05-01T10:00:00.000Z',
    updatedAt: '2025-05-02T10:00:00.000Z',
    attributes: {},
    entityId: null,
    ...extra,
  };
}

function relation(typeKey: string, source: Annotation, target: Annotation, note = ''): Relation {
  return {
    id: nextId('c0000000'),
    typeId: REL[typeKey]!,
    sourceId: source.id,
    targetId: target.id,
    note,
    author: 'аналитик',
    createdAt: '2025-05-03T10:00:00.000Z',
    updatedAt: '2025-05-03T10:00:00.000Z',
  };
}

function memo(documentId: string | null, body: string): Memo {
  return {
    id: nextId('d0000000'),
    documentId,
    body,
    author: 'аналитик',
    createdAt: '2025-05-04T10:00:00.000Z',
    updatedAt: '2025-05-04T10:00:00.000Z',
  };
}

function info(id: string, title: string, text: string): ExchangeDocument['document'] {
  return {
    id,
    title,
    text,
    sha256: 'f'.repeat(64),
    format: 'txt',
    importedAt: '2025-04-30T08:00:00.000Z',
    details: {
      author: 'Guido Keller',
      outlet: 'Kavkaz Files',
      publishedAt: '2024-03-01',
      url: 'https://example.org/kavkaz',
      language: 'en',
      outletReliability: 'B',
    },
  };
}

/** The sample article, with claims, entities, an opinion, attributes and relations. */
export function sampleDocument(): ExchangeDocument {
  const doc = {
    id: 'f0000000-0000-7000-8000-000000000001',
    text: readFileSync(SAMPLE_PATH, 'utf8'),
  };
  const ceyhun = span(doc, TAG.person, 'Ceyhun Mammadov', { entityId: ENTITIES[0]!.id });
  const aztv = span(doc, TAG.media, 'AZTV', { entityId: ENTITIES[2]!.id });
  const baku = span(doc, TAG.location, 'Baku', {}, 0);
  const claim = span(
    doc,
    TAG.claim,
    'there are about 500 ethnic Azerbaijanis in the ranks of the Armed Forces of Ukraine',
    {
      note: 'Check against \\ the Rada’s own figures.\nSecond line.',
      attributes: {
        [A.reliability]: 'B',
        [A.credibility]: '2',
        [A.attributedTo]: ENTITIES[0]!.id,
        [A.claimKind]: 'statistic',
        [EXTRA.casualties]: 500,
        [EXTRA.topics]: ['war', 'energy & oil'],
        [EXTRA.verified]: true,
      },
    },
  );
  // Nested inside the claim: the number alone, as a Statistic.
  const statistic = span(doc, TAG.statistic, 'about 500 ethnic Azerbaijanis', {
    attributes: { [A.reliability]: 'C', [A.credibility]: '3' },
  });
  // Overlapping (not nested) with the claim: crosses its start.
  const overlap = span(
    doc,
    TAG.claim,
    'in 2023 about the participation of Azerbaijanis in the conflict, said that there are',
    {
      attributes: {
        [A.reliability]: 'F',
        [A.credibility]: '6',
        [EXTRA.summary]: 'Timing: 2023.\nSource: interview.',
      },
    },
  );
  const opinion = span(doc, TAG.opinion, 'a ‘delicate balancing act.’', {
    attributes: { [A.stance]: 'mixed', [A.holder]: ENTITIES[0]!.id },
  });
  const annotations = [ceyhun, aztv, baku, claim, statistic, overlap, opinion];
  return {
    document: info(doc.id, 'Azerbaijanis in Ukraine — Kavkaz Files', doc.text),
    annotations,
    relations: [
      relation('attributed_to', claim, ceyhun, 'He said it on AZTV'),
      relation('supports', statistic, claim),
      relation('contradicts', overlap, claim),
      relation('held_by', opinion, ceyhun),
    ],
    memos: [memo(doc.id, 'Read twice; the figures are the **Rada’s**.')],
  };
}

/** Emoji (astral, ZWJ, flags), Cyrillic and CJK, and a claim across a line break. */
export const UNICODE_TEXT =
  'Президент 👨‍👩‍👧 Зеленський сказав: «Київ 🇺🇦 вистоїть».\nЦе 事实 — 𠮷野家 reported it.\n\nAZTV <b>&amp;</b> | *bold* [x](y) disagreed.';

export function unicodeDocument(crossTarget: Annotation): ExchangeDocument {
  const doc = { id: 'f0000000-0000-7000-8000-000000000002', text: UNICODE_TEXT };
  const kyiv = span(doc, TAG.location, 'Київ', { entityId: ENTITIES[1]!.id });
  const family = span(doc, TAG.person, '👨‍👩‍👧 Зеленський');
  const claim = span(doc, TAG.claim, '«Київ 🇺🇦 вистоїть».\nЦе 事实', {
    attributes: { [A.reliability]: 'A', [A.credibility]: '1', [A.attributedTo]: ENTITIES[0]!.id },
  });
  const cjk = span(doc, TAG.organisation, '𠮷野家');
  const markup = span(doc, TAG.claim, 'AZTV <b>&amp;</b> | *bold* [x](y) disagreed', {
    note: '<script>alert(1)</script> & "quotes" | pipes',
  });
  const aztv = span(doc, TAG.media, 'AZTV', { entityId: ENTITIES[2]!.id });
  return {
    document: info(doc.id, 'Заява 😀 <i>title</i> & "quotes"', UNICODE_TEXT),
    annotations: [family, kyiv, claim, cjk, markup, aztv],
    relations: [
      relation('contradicts', markup, claim),
      // Crosses documents: most span formats cannot hold it and must say so.
      relation('supports', claim, crossTarget),
    ],
    memos: [],
  };
}

/** The whole fixture as a source; `documents()` may be iterated once, as the contract says. */
export function fixtureSource(): ExchangeSource {
  const sample = sampleDocument();
  const sampleClaim = sample.annotations[3]!;
  const unicode = unicodeDocument(sampleClaim);
  const documents = [sample, unicode];
  let iterated = false;
  return {
    codebook: {
      tags: [...ROOT_TAGS, ...DEFAULT_SUBTAGS],
      attributeDefs: [...DEFAULT_ATTRIBUTES, ...extraAttributes],
      relationTypes: [...BUILTIN_RELATION_TYPES],
    },
    entities: ENTITIES,
    projectMemos: [memo(null, 'Project memo')],
    users: ['аналитик'],
    documentCount: documents.length,
    annotationCount: documents.reduce((n, d) => n + d.annotations.length, 0),
    documents() {
      if (iterated) throw new Error('documents() iterated twice');
      iterated = true;
      return documents;
    },
    generator: 'Gloss 0.1.0-test',
    exportedAt: '2025-05-05T12:00:00.000Z',
  };
}

/** A sink that keeps every byte, for tests. */
export function memorySink(): ExportSink & { bytes(): Uint8Array; text(): string } {
  const chunks: Uint8Array[] = [];
  return {
    async write(chunk) {
      chunks.push(typeof chunk === 'string' ? new TextEncoder().encode(chunk) : chunk.slice());
    },
    bytes: () => new Uint8Array(Buffer.concat(chunks)),
    text: () => Buffer.concat(chunks).toString('utf8'),
  };
}

/** Code points of a string: Python's `text[start:end]`. */
export function pySlice(text: string, start: number, end: number): string {
  return Array.from(text).slice(start, end).join('');
}
