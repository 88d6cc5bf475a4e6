/**
 * Reads W3C Web Annotation JSON-LD: Gloss's own collections (lossless, through the gloss: terms)
 * and other tools' annotations (a single Annotation, an array, a page, a collection, a @graph):
 * the `tagging` bodies become tags (one Gloss annotation per tag), `commenting` bodies the note,
 * TextQuote/TextPosition selectors the span. What cannot be represented is a warning.
 */
import { v5 as uuidv5 } from 'uuid';
import type { Annotation, AttributeValue, Entity, Memo, Relation, Tag } from '../../core/domain';
import type { ExchangeBundle, ExchangeDocument } from './model';
import { readCodebookJson, readEntitiesJson } from './w3c-read-codebook';
import { G, GLOSS_NAMESPACE, idFromIri, TAG_PATH_SEPARATOR } from './w3c-vocab';

type Json = Record<string, unknown>;

const isObject = (value: unknown): value is Json =>
  typeof value === 'object' && value !== null && !Array.isArray(value);
const asArray = (value: unknown): unknown[] =>
  value === undefined || value === null ? [] : Array.isArray(value) ? value : [value];
const text = (value: unknown): string => (typeof value === 'string' ? value : '');
const typesOf = (node: Json): string[] => asArray(node.type ?? node['@type']).map(text);
const idOf = (node: unknown): string =>
  typeof node === 'string' ? node : isObject(node) ? text(node.id ?? node['@id']) : '';

/** Deterministic ids for things a foreign file does not identify (tags by path, extra tags). */
const NAMESPACE = uuidv5(GLOSS_NAMESPACE, uuidv5.URL);

interface Found {
  annotation: Json;
  /** The gloss:document record of the page it was on, if any. */
  pageDocument: Json | undefined;
}

export async function readW3c(bytes: Uint8Array, fileName: string): Promise<ExchangeBundle> {
  let root: unknown;
  try {
    root = JSON.parse(new TextDecoder('utf-8').decode(bytes).replace(/^\uFEFF/, ''));
  } catch (error) {
    throw new Error(`${fileName} is not valid JSON (${(error as Error).message})`, {
      cause: error,
    });
  }
  const found: Found[] = [];
  const collections: Json[] = [];
  collect(root, undefined, found, collections, 0);
  if (found.length === 0 && collections.length === 0) {
    throw new Error(`${fileName} holds no W3C annotations (no object of type "Annotation")`);
  }
  const reader = new BundleReader(collections[0]);
  for (const item of found) reader.add(item);
  return reader.bundle();
}

/** Walks collections, pages, @graph and @included down to the annotations. */
function collect(
  node: unknown,
  pageDocument: Json | undefined,
  found: Found[],
  collections: Json[],
  depth: number,
): void {
  if (depth > 64) return;
  if (Array.isArray(node)) {
    for (const item of node) collect(item, pageDocument, found, collections, depth + 1);
    return;
  }
  if (!isObject(node)) return;
  const types = typesOf(node);
  if (types.includes('Annotation') || types.includes('oa:Annotation')) {
    found.push({ annotation: node, pageDocument });
    return;
  }
  if (types.includes('AnnotationCollection')) collections.push(node);
  const own = node[G.document];
  // A page's gloss:document applies to its items; anything else passes on what it was given.
  const document = types.includes('AnnotationPage') && isObject(own) ? own : pageDocument;
  for (const key of ['first', 'items', '@included', '@graph', 'annotations']) {
    collect(node[key], document, found, collections, depth + 1);
  }
}

class BundleReader {
  private readonly warnings: string[] = [];
  private readonly documents = new Map<string, ExchangeDocument>();
  private readonly codebook;
  private readonly entities: Entity[];
  private readonly tagIds = new Set<string>();
  private readonly tagsByPath = new Map<string, string>();
  private readonly relationTypeIds = new Set<string>();
  private readonly projectMemos: Memo[] = [];
  private readonly relations: Relation[] = [];
  private readonly collectionId: string;
  private untagged = 0;

  constructor(collection: Json | undefined) {
    this.codebook = readCodebookJson(collection?.[G.codebook]);
    this.entities = readEntitiesJson(collection?.[G.entities]);
    this.collectionId = collection ? idOf(collection) : '';
    for (const tag of this.codebook.tags) this.tagIds.add(tag.id);
    for (const type of this.codebook.relationTypes) this.relationTypeIds.add(type.id);
  }

  add({ annotation, pageDocument }: Found): void {
    const motivations = asArray(annotation.motivation).map(text);
    const targets = asArray(annotation.target);
    if (motivations.includes('linking') || annotation[G.relationSource] !== undefined) {
      this.addRelation(annotation, targets);
    } else if (targets.length > 0 && targets.every((t) => typeof t === 'string')) {
      this.addMemo(annotation, text(targets[0]), pageDocument);
    } else {
      this.addSpan(annotation, targets, pageDocument);
    }
  }

  private common(annotation: Json) {
    const creator = asArray(annotation.creator)[0];
    const author = isObject(creator)
      ? text(creator.name) || text(creator.nickname)
      : typeof creator === 'string'
        ? creator
        : '';
    return {
      id: idFromIri(idOf(annotation)) || '',
      author,
      createdAt: text(annotation.created),
      updatedAt: text(annotation.modified) || text(annotation.created),
    };
  }

  private document(key: string, record: Json | undefined): ExchangeDocument {
    let doc = this.documents.get(key);
    if (!doc) {
      const details = isObject(record?.details) ? record.details : {};
      const source = record ? '' : key;
      doc = {
        document: {
          id: idFromIri(key),
          title: text(record?.title) || key,
          text: '',
          sha256: text(record?.sha256),
          format: 'txt',
          importedAt: text(record?.importedAt),
          details: {
            author: text(details.author),
            outlet: text(details.outlet),
            publishedAt: text(details.publishedAt),
            url: text(details.url) || (/^https?:/i.test(source) ? source : ''),
            language: text(details.language),
            outletReliability: null,
          },
        },
        annotations: [],
        relations: [],
        memos: [],
      };
      this.documents.set(key, doc);
    }
    return doc;
  }

  private addSpan(annotation: Json, targets: unknown[], pageDocument: Json | undefined): void {
    const common = this.common(annotation);
    const target = targets.find(isObject);
    if (!target) {
      this.warnings.push(`Annotation ${common.id || '(no id)'} has no target with a selector.`);
      return;
    }
    if (targets.length > 1) {
      this.warnings.push(
        `Annotation ${common.id}: only its first of ${targets.length} targets is kept.`,
      );
    }
    const documentKey =
      text(target[G.document]) || idOf(pageDocument) || idOf(target.source) || idOf(target);
    const doc = this.document(documentKey, isObject(pageDocument) ? pageDocument : undefined);
    const span = selectorsOf(target);
    const bodies = asArray(annotation.body);
    const notes: string[] = [];
    if (typeof annotation.bodyValue === 'string') notes.push(annotation.bodyValue);
    const tagIds: string[] = [];
    const attributes: Record<string, AttributeValue> = {};
    let entityId: string | null = null;
    for (const body of bodies) {
      if (!isObject(body)) continue;
      const purpose = asArray(body.purpose).map(text);
      if (purpose.includes('tagging') || purpose.includes('classifying')) {
        tagIds.push(this.tagOf(body));
      } else if (body[G.attribute] !== undefined) {
        const value = body[G.value];
        const defId = idFromIri(text(body[G.attribute]));
        if (typeof value === 'string') attributes[defId] = idFromIri(value);
        else if (isAttributeValue(value)) attributes[defId] = value;
      } else if (body[G.entity] !== undefined) {
        entityId = idFromIri(text(body[G.entity]));
      } else if (purpose.includes('identifying') && typesOf(body).includes('SpecificResource')) {
        entityId = this.foreignEntity(idOf(body.source), span.exact);
      } else if (text(body.value)) {
        notes.push(text(body.value));
      }
    }
    if (tagIds.length === 0) {
      this.untagged++;
      return;
    }
    for (const [n, tagId] of tagIds.entries()) {
      const id = n === 0 ? common.id : uuidv5(`${common.id}#${tagId}`, NAMESPACE);
      doc.annotations.push({
        ...common,
        id: id || uuidv5(`${documentKey}#${span.start}-${span.end}#${tagId}`, NAMESPACE),
        documentId: doc.document.id,
        tagId,
        ...span,
        note: notes.join('\n\n'),
        attributes: n === 0 ? attributes : {},
        entityId: n === 0 ? entityId : null,
      } satisfies Annotation);
    }
  }

  /** The tag of a tagging body: Gloss's id when the file has it, else one per name path. */
  private tagOf(body: Json): string {
    const id = idFromIri(text(body[G.tag]));
    if (id && this.tagIds.has(id)) return id;
    const names = text(body.value)
      .split(TAG_PATH_SEPARATOR)
      .map((n) => n.trim())
      .filter(Boolean);
    if (names.length === 0) names.push('Untitled tag');
    let parentId: string | null = null;
    for (const [depth, name] of names.entries()) {
      const path = names.slice(0, depth + 1).join(TAG_PATH_SEPARATOR);
      let tagId = this.tagsByPath.get(path);
      if (!tagId) {
        tagId = uuidv5(`tag:${path}`, NAMESPACE);
        this.tagsByPath.set(path, tagId);
        this.codebook.tags.push(newTag(tagId, parentId, name));
        this.tagIds.add(tagId);
      }
      parentId = tagId;
    }
    return parentId!;
  }

  /** An entity for a foreign `identifying` link: named by the quote, Wikidata ids kept. */
  private foreignEntity(source: string, quote: string): string | null {
    if (!source || !quote.trim()) return null;
    const id = uuidv5(`entity:${source}`, NAMESPACE);
    if (!this.entities.some((e) => e.id === id)) {
      const wikidata = /wikidata\.org\/(?:entity|wiki)\/(Q\d+)$/.exec(source)?.[1];
      this.entities.push({
        id,
        name: quote.trim(),
        kind: 'other',
        aliases: [],
        description: source,
        externalIds: wikidata ? { wikidata } : {},
        mentionCount: 0,
        createdAt: '',
        updatedAt: '',
      });
    }
    return id;
  }

  private addRelation(annotation: Json, targets: unknown[]): void {
    const common = this.common(annotation);
    const sourceId = idFromIri(text(annotation[G.relationSource]) || idOf(targets[0]));
    const targetId = idFromIri(text(annotation[G.relationTarget]) || idOf(targets[1]));
    const body = asArray(annotation.body).find(
      (b) =>
        isObject(b) &&
        (b[G.relationType] !== undefined || asArray(b.purpose).includes('classifying')),
    ) as Json | undefined;
    const notes = asArray(annotation.body)
      .filter((b): b is Json => isObject(b) && asArray(b.purpose).includes('commenting'))
      .map((b) => text(b.value));
    if (!sourceId || !targetId) {
      this.warnings.push(`Linking annotation ${common.id} does not name two annotations.`);
      return;
    }
    let typeId = idFromIri(text(body?.[G.relationType]));
    if (!typeId || !this.relationTypeIds.has(typeId)) {
      const name = text(body?.value) || 'related to';
      const key =
        name
          .toLowerCase()
          .replace(/[^a-z0-9]+/g, '_')
          .replace(/^_|_$/g, '') || 'related';
      typeId = uuidv5(`relation:${key}`, NAMESPACE);
      if (!this.relationTypeIds.has(typeId)) {
        this.relationTypeIds.add(typeId);
        this.codebook.relationTypes.push({
          id: typeId,
          key,
          name,
          inverseName: name,
          symmetric: false,
          builtIn: false,
          position: this.codebook.relationTypes.length,
        });
      }
    }
    this.relations.push({ ...common, typeId, sourceId, targetId, note: notes.join('\n\n') });
  }

  private addMemo(annotation: Json, target: string, pageDocument: Json | undefined): void {
    const common = this.common(annotation);
    const body = asArray(annotation.body).find(isObject);
    const memo: Memo = {
      ...common,
      documentId: null,
      body: text(body?.value) || text(annotation.bodyValue),
    };
    if (annotation[G.projectMemo] === true || (target && target === this.collectionId)) {
      this.projectMemos.push(memo);
      return;
    }
    const doc = this.document(target, idOf(pageDocument) === target ? pageDocument : undefined);
    doc.memos.push({ ...memo, documentId: doc.document.id });
  }

  bundle(): ExchangeBundle {
    const documents = [...this.documents.values()];
    if (this.untagged > 0) {
      this.warnings.push(
        `${this.untagged} annotation${this.untagged === 1 ? ' has' : 's have'} no tagging body; ` +
          'Gloss needs a tag for each span, so they were not imported.',
      );
    }
    // Relations live with their source annotation's document (any document will do for attach).
    const home = new Map<string, ExchangeDocument>();
    for (const doc of documents) for (const a of doc.annotations) home.set(a.id, doc);
    for (const relation of this.relations) {
      const doc = home.get(relation.sourceId) ?? documents[0];
      if (doc) doc.relations.push(relation);
      else this.warnings.push(`Relation ${relation.id}: the file has no annotations to link.`);
    }
    return {
      format: 'W3C Web Annotation',
      codebook: this.codebook,
      entities: this.entities,
      documents,
      projectMemos: this.projectMemos,
      warnings: this.warnings,
    };
  }
}

/** The span of a target: its TextPositionSelector and TextQuoteSelector (either may be absent). */
function selectorsOf(target: Json) {
  const span = { start: 0, end: 0, exact: '', prefix: '', suffix: '' };
  const selectors = asArray(target.selector).flatMap((s) =>
    isObject(s) ? [s, ...asArray(s.refinedBy).filter(isObject)] : [],
  );
  for (const selector of selectors) {
    const types = typesOf(selector);
    if (types.includes('TextPositionSelector')) {
      const start = Number(selector.start);
      const end = Number(selector.end);
      if (Number.isInteger(start) && Number.isInteger(end) && start >= 0 && end > start) {
        span.start = start;
        span.end = end;
      }
    } else if (types.includes('TextQuoteSelector')) {
      span.exact = text(selector.exact);
      span.prefix = text(selector.prefix);
      span.suffix = text(selector.suffix);
    }
  }
  return span;
}

function isAttributeValue(value: unknown): value is AttributeValue {
  return (
    typeof value === 'number' ||
    typeof value === 'boolean' ||
    (Array.isArray(value) && value.every((v) => typeof v === 'string'))
  );
}

function newTag(id: string, parentId: string | null, name: string): Tag {
  return { id, parentId, name, color: '#888888', hotkey: null, description: '', position: 0 };
}
