import type { AttributeChoice, AttributeDef, AttributeType, RelationType, Tag } from './domain';

/**
 * The three built-in roots of every codebook. Their ids are fixed, the same in every project on
 * every laptop, so that projects can be merged without mapping the roots onto each other.
 * Colours are chosen to stay distinguishable for the common colour-vision deficiencies and to
 * read as highlights on both the light and the dark theme.
 */
export const ROOT_TAGS: readonly Tag[] = [
  {
    id: '00000000-0000-7000-8000-000000000001',
    parentId: null,
    name: 'Claim',
    color: '#e6a700',
    hotkey: 'c',
    description: 'An assertion of fact that can be checked: who said what happened.',
    position: 0,
  },
  {
    id: '00000000-0000-7000-8000-000000000002',
    parentId: null,
    name: 'Entity',
    color: '#2f7fd8',
    hotkey: 'e',
    description: 'A real-world person, organisation, place, event or outlet.',
    position: 1,
  },
  {
    id: '00000000-0000-7000-8000-000000000003',
    parentId: null,
    name: 'Opinion',
    color: '#c2459a',
    hotkey: 'o',
    description: 'A judgement or stance held by someone, as opposed to a checkable fact.',
    position: 2,
  },
];

/** A fixed id of a built-in row: the same in every project, so projects merge cleanly. */
function builtInId(n: number): string {
  return `00000000-0000-7000-8000-${n.toString(16).padStart(12, '0')}`;
}

const [CLAIM, ENTITY, OPINION] = ROOT_TAGS.map((tag) => tag.id) as [string, string, string];
export const CLAIM_TAG_ID = CLAIM;
export const ENTITY_TAG_ID = ENTITY;
export const OPINION_TAG_ID = OPINION;

/**
 * The sub-tags a new project starts with (issue 4). They are ordinary rows: the analyst may
 * rename, recolour, merge or delete them. Hotkeys avoid C/E/O and N (note).
 */
export const DEFAULT_SUBTAGS: readonly Tag[] = [
  sub(0x11, ENTITY, 'Person', '#2f7fd8', 'p', 0, 'A named individual.'),
  sub(0x12, ENTITY, 'Organisation', '#1b9e9e', 'g', 1, 'A company, agency, party, armed group…'),
  sub(0x13, ENTITY, 'Location', '#4a8f3c', 'l', 2, 'A place: country, city, site, address.'),
  sub(0x14, ENTITY, 'Event', '#7a6fd0', 'v', 3, 'A named or dated happening.'),
  sub(0x15, ENTITY, 'Media outlet', '#5b7390', 'm', 4, 'A newspaper, channel, site or account.'),
  sub(0x21, CLAIM, 'Statistic', '#d98b00', 's', 0, 'A number, amount or measurement.'),
  sub(0x22, CLAIM, 'Quote', '#c77d1a', 'q', 1, 'Words attributed to someone, quoted.'),
  sub(0x23, CLAIM, 'Event report', '#b8860b', 'r', 2, 'A report that something happened.'),
  sub(0x24, CLAIM, 'Prediction', '#a0722a', 'f', 3, 'A claim about the future (forecast).'),
];

function sub(
  n: number,
  parentId: string,
  name: string,
  color: string,
  hotkey: string | null,
  position: number,
  description: string,
): Tag {
  return { id: builtInId(n), parentId, name, color, hotkey, description, position };
}

/** The Admiralty code's source-reliability scale. */
export const RELIABILITY_CHOICES: readonly AttributeChoice[] = [
  { value: 'A', label: 'A — Completely reliable' },
  { value: 'B', label: 'B — Usually reliable' },
  { value: 'C', label: 'C — Fairly reliable' },
  { value: 'D', label: 'D — Not usually reliable' },
  { value: 'E', label: 'E — Unreliable' },
  { value: 'F', label: 'F — Reliability cannot be judged' },
];

/** The Admiralty code's information-credibility scale. */
export const CREDIBILITY_CHOICES: readonly AttributeChoice[] = [
  { value: '1', label: '1 — Confirmed by other sources' },
  { value: '2', label: '2 — Probably true' },
  { value: '3', label: '3 — Possibly true' },
  { value: '4', label: '4 — Doubtful' },
  { value: '5', label: '5 — Improbable' },
  { value: '6', label: '6 — Truth cannot be judged' },
];

const choices = (...values: string[]): AttributeChoice[] =>
  values.map((value) => ({ value, label: value[0]!.toUpperCase() + value.slice(1) }));

/** Fixed ids of the built-in attributes that code refers to (exports, reports). */
export const BUILTIN_ATTRIBUTE_IDS = {
  claimKind: builtInId(0x101),
  reliability: builtInId(0x102),
  credibility: builtInId(0x103),
  attributedTo: builtInId(0x104),
  claimDate: builtInId(0x105),
  holder: builtInId(0x111),
  stance: builtInId(0x112),
  target: builtInId(0x113),
} as const;

const A = BUILTIN_ATTRIBUTE_IDS;

/**
 * The attributes a new project starts with. The Entity root's "canonical entity" is not among
 * them: it is the annotation's own `entityId`, because the entity index is the hot query.
 */
export const DEFAULT_ATTRIBUTES: readonly AttributeDef[] = [
  attr(A.claimKind, CLAIM, 'kind', 'Kind', 'choice', 0, [
    ...choices('factual', 'statistic', 'quote', 'event report', 'prediction', 'other'),
  ]),
  attr(A.reliability, CLAIM, 'reliability', 'Source reliability', 'choice', 1, [
    ...RELIABILITY_CHOICES,
  ]),
  attr(A.credibility, CLAIM, 'credibility', 'Information credibility', 'choice', 2, [
    ...CREDIBILITY_CHOICES,
  ]),
  attr(A.attributedTo, CLAIM, 'attributed_to', 'Attributed to', 'entity', 3),
  attr(A.claimDate, CLAIM, 'date', 'Date the claim refers to', 'date', 4),
  attr(A.holder, OPINION, 'holder', 'Holder', 'entity', 0),
  attr(A.stance, OPINION, 'stance', 'Stance', 'choice', 1, [
    ...choices('positive', 'negative', 'neutral', 'mixed'),
  ]),
  attr(A.target, OPINION, 'target', 'Target', 'entity', 2),
];

function attr(
  id: string,
  tagId: string,
  key: string,
  name: string,
  type: AttributeType,
  position: number,
  attributeChoices: AttributeChoice[] = [],
): AttributeDef {
  return { id, tagId, key, name, type, choices: attributeChoices, description: '', position };
}

/** Relation types every project has; the analyst may add more. */
export const BUILTIN_RELATION_TYPES: readonly RelationType[] = [
  rel(0x201, 'attributed_to', 'attributed to', 'source of', false, 0),
  rel(0x202, 'held_by', 'held by', 'holds', false, 1),
  rel(0x203, 'about', 'about', 'subject of', false, 2),
  rel(0x204, 'supports', 'supports', 'supported by', false, 3),
  rel(0x205, 'contradicts', 'contradicts', 'contradicts', true, 4),
  rel(0x206, 'same_as', 'same as', 'same as', true, 5),
];

function rel(
  n: number,
  key: string,
  name: string,
  inverseName: string,
  symmetric: boolean,
  position: number,
): RelationType {
  return { id: builtInId(n), key, name, inverseName, symmetric, builtIn: true, position };
}
