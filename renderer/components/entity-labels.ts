/** How the entity views name kinds, matches and external ids. */
import { EXTERNAL_ID_FORMATS } from '../../core/api-entities';
import type { EntitySuggestion } from '../../core/api-entities';
import type { EntityKind, Tag } from '../../core/domain';
import { ENTITY_KINDS } from '../../core/domain';
import { ENTITY_TAG_ID } from '../../core/codebook';

export const KIND_LABELS: Record<EntityKind, string> = {
  person: 'Person',
  organisation: 'Organisation',
  location: 'Location',
  event: 'Event',
  media: 'Media outlet',
  other: 'Other',
};

export const KIND_OPTIONS = ENTITY_KINDS.map((kind) => ({ kind, label: KIND_LABELS[kind] }));

/** Why a suggestion was made, in words: "same name", "another spelling"… */
export function matchLabel(suggestion: EntitySuggestion): string {
  switch (suggestion.match) {
    case 'exact':
      return suggestion.matched === suggestion.entity.name
        ? 'same name'
        : `alias “${suggestion.matched}”`;
    case 'skeleton':
      return `another spelling of “${suggestion.matched}”`;
    case 'similar':
      return `similar to “${suggestion.matched}”`;
    case 'partial':
      return `shares a name with “${suggestion.matched}”`;
  }
}

/** Known external id registries, with an example of their format. */
export const KNOWN_EXTERNAL_IDS = Object.entries(EXTERNAL_ID_FORMATS).map(([key, format]) => ({
  key,
  example: format.example,
}));

/** Where an external id can be looked at, for the registries that have a public page. */
export function externalIdUrl(key: string, value: string): string | null {
  if (key === 'wikidata' && /^Q\d+$/.test(value)) return `https://www.wikidata.org/wiki/${value}`;
  if (key === 'geonames' && /^\d+$/.test(value)) return `https://www.geonames.org/${value}`;
  if (key === 'viaf' && /^\d+$/.test(value)) return `https://viaf.org/viaf/${value}`;
  if (key === 'orcid') return `https://orcid.org/${value}`;
  return null;
}

/** Whether a tag is the Entity root or one of its sub-tags (whose spans name entities). */
export function isEntityTag(tagId: string, tagById: ReadonlyMap<string, Tag>): boolean {
  for (
    let tag = tagById.get(tagId);
    tag;
    tag = tag.parentId ? tagById.get(tag.parentId) : undefined
  ) {
    if (tag.id === ENTITY_TAG_ID) return true;
  }
  return false;
}

/** The kind a new entity gets when made from a span with this tag: by the tag's name. */
export function kindForTag(tagId: string, tagById: ReadonlyMap<string, Tag>): EntityKind {
  for (
    let tag = tagById.get(tagId);
    tag;
    tag = tag.parentId ? tagById.get(tag.parentId) : undefined
  ) {
    const name = tag.name.toLowerCase();
    if (/person|people|individual/.test(name)) return 'person';
    if (/organi[sz]ation|company|agency|party|group/.test(name)) return 'organisation';
    if (/location|place|city|country|site/.test(name)) return 'location';
    if (/event/.test(name)) return 'event';
    if (/media|outlet|channel|newspaper/.test(name)) return 'media';
  }
  return 'other';
}
