/**
 * The vocabulary Gloss's W3C Web Annotation export uses beyond the standard model: a `gloss:`
 * prefix for what the model has no term for (the codebook, entity records, attribute values in
 * their typed form, the direction of a relation). Everything a plain W3C client needs is in
 * standard terms: the tag is a `tagging` TextualBody, the note a `commenting` one, an attribute a
 * `describing` one in words, the entity an `identifying` SpecificResource (its Wikidata page when
 * known), a relation a `linking` annotation whose targets are the two annotations.
 */

export const ANNO_CONTEXT = 'http://www.w3.org/ns/anno.jsonld';

/** The namespace of Gloss's own terms (a permanent-identifier address, not fetched). */
export const GLOSS_NAMESPACE = 'https://w3id.org/gloss/ns#';

/** The @context of every annotation and of the collection: the standard one, then `gloss:`. */
export const W3C_CONTEXT = [ANNO_CONTEXT, { gloss: GLOSS_NAMESPACE }] as const;

/** The terms, as compact IRIs. */
export const G = {
  codebook: 'gloss:codebook',
  entities: 'gloss:entities',
  document: 'gloss:document',
  tag: 'gloss:tag',
  attribute: 'gloss:attribute',
  attributeKey: 'gloss:attributeKey',
  value: 'gloss:value',
  entity: 'gloss:entity',
  relationType: 'gloss:relationType',
  relationSource: 'gloss:relationSource',
  relationTarget: 'gloss:relationTarget',
  projectMemo: 'gloss:projectMemo',
} as const;

/** Annotations per AnnotationPage. */
export const W3C_PAGE_SIZE = 1000;

/** Separates the names of a tag path in a `tagging` body: "Claim / Quote". */
export const TAG_PATH_SEPARATOR = ' / ';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** "urn:uuid:…" for a Gloss id. */
export function urn(id: string): string {
  return `urn:uuid:${id}`;
}

/** The Gloss id in "urn:uuid:…" (or a bare UUID); other IRIs are returned as they are. */
export function idFromIri(iri: string): string {
  const bare = iri.startsWith('urn:uuid:') ? iri.slice('urn:uuid:'.length) : iri;
  return UUID.test(bare) ? bare.toLowerCase() : iri;
}

/** The Wikidata page of an entity id such as "Q42", or undefined for anything else. */
export function wikidataUrl(externalIds: Record<string, string>): string | undefined {
  const id = externalIds.wikidata ?? externalIds.Wikidata;
  return id && /^Q\d+$/.test(id) ? `https://www.wikidata.org/entity/${id}` : undefined;
}
