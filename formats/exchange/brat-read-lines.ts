/**
 * The lines of a brat .ann that hang on its spans — attributes (A, M), normalisations (N, read as
 * entity links) and comments (#, read as notes or, in a Gloss export, as attributes written
 * `name: value`) — and the tag of a span's type, as brat-read.ts meets them.
 */
import type { Annotation, AttributeValue, Entity, Relation } from '../../core/domain';
import { unescapeNote } from './brat-conf';
import type { AttributeReader, BratVocabulary } from './brat-read-conf';
import type { CodebookIndex } from './export-kit';
import type { ImportedText, ImportWarnings } from './import-kit';
import { isUuid, namedTag, stableId } from './import-kit';

/** What parsing one .ann needs. */
export interface AnnContext {
  file: string;
  documentId: string;
  raw: string;
  imported: ImportedText;
  vocabulary: BratVocabulary;
  /** Lookups over the vocabulary's codebook (built once: it is only read while parsing). */
  codebook: CodebookIndex;
  entities: Map<string, Entity>;
  warnings: ImportWarnings;
  /** Whether the collection is a Gloss export (notes escaped, attributes as notes). */
  gloss: boolean;
  createdAt: string | undefined;
}

export function tagFor(type: string, ctx: AnnContext): string {
  const known = ctx.vocabulary.tagOfType.get(type);
  if (known) return known;
  const tag = namedTag(type.replace(/_/g, ' '), ctx.vocabulary.codebook.tags.length);
  ctx.vocabulary.codebook.tags.push(tag);
  ctx.vocabulary.tagOfType.set(type, tag.id);
  ctx.warnings.add(`${ctx.file}: type ${type} is not in annotation.conf; a tag was made for it`);
  return tag.id;
}

export function readAttribute(
  f: { id: string; rest: string },
  spans: Map<string, Annotation>,
  ctx: AnnContext,
) {
  const [name = '', target = '', value] = f.rest.trim().split(/\s+/);
  const span = spans.get(target);
  if (!span) {
    ctx.warnings.add(`${ctx.file}: ${f.id} is on ${target}, which is not a span here; skipped`);
    return;
  }
  let reader: AttributeReader | undefined = ctx.vocabulary.attributeOfName.get(name);
  if (!reader) {
    const def = {
      id: stableId('brat-attribute', name),
      tagId: span.tagId,
      key: name,
      name: name.replace(/_/g, ' '),
      type: value === undefined ? ('boolean' as const) : ('choice' as const),
      choices: [],
      description: '',
      position: ctx.vocabulary.codebook.attributeDefs.length,
    };
    ctx.vocabulary.codebook.attributeDefs.push(def);
    reader =
      value === undefined
        ? { kind: 'binary', defId: def.id }
        : { kind: 'valued', defId: def.id, values: new Map() };
    ctx.vocabulary.attributeOfName.set(name, reader);
    ctx.warnings.add(`${ctx.file}: attribute ${name} is not in annotation.conf; it was added`);
  }
  if (reader.kind === 'binary') span.attributes[reader.defId] = true;
  else if (reader.kind === 'flag') {
    const values = span.attributes[reader.defId];
    const list = Array.isArray(values) ? values : [];
    if (!list.includes(reader.value)) span.attributes[reader.defId] = [...list, reader.value];
  } else {
    const def = ctx.vocabulary.codebook.attributeDefs.find((d) => d.id === reader.defId);
    const read = reader.values.get(value ?? '') ?? value ?? '';
    if (def && !def.choices.some((c) => c.value === read))
      def.choices.push({ value: read, label: read });
    span.attributes[reader.defId] = read;
  }
}

export function readNormalisation(
  f: { id: string; rest: string },
  spans: Map<string, Annotation>,
  ctx: AnnContext,
) {
  const [data = '', shown = ''] = splitOnce(f.rest, '\t');
  const [, target = '', reference = ''] = data.trim().split(/\s+/);
  const span = spans.get(target);
  const colon = reference.indexOf(':');
  if (!span || colon < 0) {
    ctx.warnings.add(`${ctx.file}: ${f.id} does not name a span and a DB:ID reference; skipped`);
    return;
  }
  const db = reference.slice(0, colon);
  const key = reference.slice(colon + 1);
  const name = ctx.gloss ? unescapeNote(shown) : shown;
  const id = db === 'Gloss' && isUuid(key) ? key : stableId('brat-entity', db, key);
  if (!ctx.entities.has(id))
    ctx.entities.set(
      id,
      newEntity(id, name || reference, db === 'Gloss' ? {} : { [db]: key }, ctx),
    );
  if (span.entityId && span.entityId !== id) {
    ctx.warnings.add(`${ctx.file}: ${target} is normalised more than once; Gloss keeps the first`);
    return;
  }
  span.entityId = id;
}

function newEntity(
  id: string,
  name: string,
  externalIds: Record<string, string>,
  ctx: AnnContext,
): Entity {
  const at = ctx.createdAt ?? new Date().toISOString();
  return {
    id,
    name,
    kind: 'other',
    aliases: [],
    description: '',
    externalIds,
    mentionCount: 0,
    createdAt: at,
    updatedAt: at,
  };
}

export function readComment(
  f: { id: string; rest: string },
  spans: Map<string, Annotation>,
  relations: Map<string, Relation>,
  ctx: AnnContext,
) {
  const [data = '', body = ''] = splitOnce(f.rest, '\t');
  const [type = '', target = ''] = data.trim().split(/\s+/);
  const textRead = ctx.gloss ? unescapeNote(body) : body;
  const relation = relations.get(target);
  const span = spans.get(target);
  const note = type === 'AnnotatorNotes' ? textRead : `${type}: ${textRead}`;
  if (relation) {
    relation.note = relation.note ? `${relation.note}\n${note}` : note;
    return;
  }
  if (!span) {
    ctx.warnings.add(
      `${ctx.file}: ${f.id} is on ${target}, which is not a span or relation here; skipped`,
    );
    return;
  }
  const attribute = /^([A-Za-z0-9_-]+): ([\s\S]*)$/.exec(textRead);
  const defId =
    attribute && type === 'AnnotatorNotes'
      ? ctx.vocabulary.noteAttributeOfName.get(attribute[1]!)
      : undefined;
  if (attribute && defId && appliesTo(defId, span.tagId, ctx.codebook)) {
    span.attributes[defId] = noteAttributeValue(defId, attribute[2]!, spans, ctx);
    return;
  }
  span.note = span.note ? `${span.note}\n${note}` : note;
}

function appliesTo(defId: string, tagId: string, codebook: CodebookIndex): boolean {
  return codebook.attributesOf(tagId).some((def) => def.id === defId);
}

/** A value written as "name: value": typed back by its definition. */
function noteAttributeValue(
  defId: string,
  shown: string,
  spans: Map<string, Annotation>,
  ctx: AnnContext,
): AttributeValue {
  const def = ctx.vocabulary.codebook.attributeDefs.find((d) => d.id === defId);
  if (def?.type === 'number' && shown.trim() !== '' && Number.isFinite(Number(shown)))
    return Number(shown);
  if (def?.type === 'annotation') return spans.get(shown)?.id ?? shown;
  if (def?.type === 'entity') {
    const found = [...ctx.entities.values()].find(
      (e) => e.name === shown || e.aliases.includes(shown),
    );
    if (found) return found.id;
    const id = stableId('entity-name', shown);
    ctx.entities.set(id, newEntity(id, shown, {}, ctx));
    return id;
  }
  return shown;
}

/** Text before and after the first separator (all of it before, when there is none). */
export function splitOnce(text: string, separator: string): [string, string] {
  const at = text.indexOf(separator);
  return at < 0 ? [text, ''] : [text.slice(0, at), text.slice(at + separator.length)];
}
