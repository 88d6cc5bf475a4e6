/**
 * W3C Web Annotation export (https://www.w3.org/TR/annotation-model/): one JSON-LD
 * AnnotationCollection whose pages hold the annotations, streamed page by page.
 *
 * The collection embeds its first page under `first`; the other pages follow in `@included`
 * (JSON-LD 1.1's place for further nodes of one document), chained by `next`, so one file holds
 * the whole collection and a client that reads only `first` still gets well-formed pages. Each
 * page carries the annotations of one document (several pages for a long one), with a
 * `gloss:document` record (title, hash, citation) so an import can find the document again.
 * Every annotation repeats the @context, because each must stand alone (the test suite checks
 * them one by one). See w3c-vocab.ts for what goes where.
 */
import { randomUUID } from 'node:crypto';
import { v5 as uuidv5 } from 'uuid';
import { formatAttributeValue } from '../../core/attributes';
import type { Annotation, AttributeDef, Entity, Memo, Relation } from '../../core/domain';
import { CodebookIndex, entitiesById, ProgressTicker } from './export-kit';
import type { ExchangeDocument, ExchangeSource } from './model';
import type { ExchangeFormat, ExportReport, ExportSink } from './registry-types';
import { readW3c } from './w3c-read';
import { G, TAG_PATH_SEPARATOR, urn, W3C_CONTEXT, W3C_PAGE_SIZE, wikidataUrl } from './w3c-vocab';

type Json = Record<string, unknown>;

export const w3cFormat: ExchangeFormat = {
  id: 'w3c',
  label: 'W3C Web Annotation (JSON-LD)',
  extension: 'jsonld',
  mimeType: 'application/ld+json',
  write: writeW3c,
  read: readW3c,
};

async function writeW3c(
  source: ExchangeSource,
  sink: ExportSink,
  options: Parameters<NonNullable<ExchangeFormat['write']>>[2],
): Promise<ExportReport> {
  const collectionId = randomUUID();
  const builder = new AnnotationBuilder(source);
  const ticker = new ProgressTicker(source.annotationCount, options.onProgress);
  await sink.write(
    `{"@context":${JSON.stringify(W3C_CONTEXT)},"id":"${urn(collectionId)}",` +
      `"type":"AnnotationCollection",` +
      `"label":${JSON.stringify(`Annotations exported from ${source.generator}`)},` +
      `"generator":${JSON.stringify(builder.generator)},` +
      `"generated":${JSON.stringify(source.exportedAt)},\n` +
      `"${G.codebook}":${JSON.stringify(codebookJson(source))},\n` +
      `"${G.entities}":${JSON.stringify(source.entities.map(entityJson))}`,
  );
  const pageId = (n: number) => urn(uuidv5(`page-${n}`, collectionId));
  let pageCount = 0;
  let total = 0;
  let documentCount = 0;
  let annotationCount = 0;
  let waiting: { document: Json | null; items: string[]; startIndex: number } | undefined;
  const flush = async (hasNext: boolean) => {
    if (!waiting) return;
    const n = pageCount++;
    const head: Json = {
      id: pageId(n),
      type: 'AnnotationPage',
      partOf: urn(collectionId),
      startIndex: waiting.startIndex,
    };
    if (hasNext) head.next = pageId(n + 1);
    if (n > 0) head.prev = pageId(n - 1);
    if (waiting.document) head[G.document] = waiting.document;
    const opening = n === 0 ? ',\n"first":' : n === 1 ? ',\n"@included":[' : ',\n';
    const json = JSON.stringify(head);
    await sink.write(`${opening}${json.slice(0, -1)},"items":[\n${waiting.items.join(',\n')}\n]}`);
    waiting = undefined;
  };
  const addPage = async (document: Json | null, items: string[]) => {
    await flush(true);
    waiting = { document, items, startIndex: total };
    total += items.length;
  };

  for (const doc of source.documents()) {
    // Built page by page, so only one page of JSON text exists at a time.
    const makers: (() => Json)[] = [
      ...doc.annotations.map((a) => () => builder.span(a, doc)),
      ...doc.relations.map((r) => () => builder.relation(r)),
      ...doc.memos.map((m) => () => builder.memo(m, urn(doc.document.id))),
    ];
    documentCount++;
    annotationCount += doc.annotations.length;
    for (let at = 0; at < makers.length; at += W3C_PAGE_SIZE) {
      const page = makers.slice(at, at + W3C_PAGE_SIZE).map((make) => JSON.stringify(make()));
      await addPage(documentJson(doc), page);
      ticker.add(Math.max(0, Math.min(doc.annotations.length - at, W3C_PAGE_SIZE)));
    }
  }
  const projectMemos = source.projectMemos.map((m) => {
    const json = builder.memo(m, urn(collectionId));
    json[G.projectMemo] = true;
    return JSON.stringify(json);
  });
  for (let at = 0; at < projectMemos.length; at += W3C_PAGE_SIZE) {
    await addPage(null, projectMemos.slice(at, at + W3C_PAGE_SIZE));
  }
  await flush(false);
  const last = pageCount > 0 ? `,"last":"${pageId(pageCount - 1)}"` : '';
  await sink.write(`${pageCount > 1 ? ']' : ''}${last},"total":${total}}\n`);
  ticker.finish();
  return { documentCount, annotationCount, omitted: [] };
}

/** The codebook in Gloss's own terms (ids as urn:uuid), for a lossless import. */
function codebookJson(source: ExchangeSource): Json {
  const { tags, attributeDefs, relationTypes } = source.codebook;
  return {
    tags: tags.map((t) => ({ ...t, id: urn(t.id), parentId: t.parentId && urn(t.parentId) })),
    attributeDefs: attributeDefs.map((d) => ({ ...d, id: urn(d.id), tagId: urn(d.tagId) })),
    relationTypes: relationTypes.map((r) => ({ ...r, id: urn(r.id) })),
  };
}

function entityJson(entity: Entity): Json {
  const json: Json = {
    id: urn(entity.id),
    name: entity.name,
    kind: entity.kind,
    aliases: entity.aliases,
    description: entity.description,
    externalIds: entity.externalIds,
    created: entity.createdAt,
    modified: entity.updatedAt,
  };
  const sameAs = wikidataUrl(entity.externalIds);
  if (sameAs) json.sameAs = sameAs;
  return json;
}

function documentJson({ document }: ExchangeDocument): Json {
  return {
    id: urn(document.id),
    title: document.title,
    sha256: document.sha256,
    format: document.format,
    importedAt: document.importedAt,
    details: document.details,
  };
}

/** Whether a document's URL is one a W3C client can follow. */
function isWebUrl(url: string): boolean {
  return /^https?:\/\/[^\s]+$/i.test(url);
}

/** Builds the JSON of annotations, relations and memos against one codebook. */
class AnnotationBuilder {
  private readonly index: CodebookIndex;
  private readonly entities: Map<string, Entity>;
  private readonly paths = new Map<string, string>();
  readonly generator: Json;

  constructor(source: ExchangeSource) {
    this.index = new CodebookIndex(source.codebook);
    this.entities = entitiesById(source);
    this.generator = { id: 'https://w3id.org/gloss', type: 'Software', name: source.generator };
  }

  private readonly attributeCache = new Map<string, AttributeDef[]>();

  /** A tag's attributes, worked out once per tag rather than once per annotation. */
  private attributesOf(tagId: string): AttributeDef[] {
    let defs = this.attributeCache.get(tagId);
    if (!defs) this.attributeCache.set(tagId, (defs = this.index.attributesOf(tagId)));
    return defs;
  }

  private tagPath(tagId: string): string {
    let path = this.paths.get(tagId);
    if (path === undefined) {
      path = this.index
        .pathOf(tagId)
        .map((t) => t.name)
        .join(TAG_PATH_SEPARATOR);
      this.paths.set(tagId, path || tagId);
    }
    return path || tagId;
  }

  private common(
    item: { id: string; author: string; createdAt: string; updatedAt: string },
    motivation: string,
  ): Json {
    const json: Json = {
      '@context': W3C_CONTEXT,
      id: urn(item.id),
      type: 'Annotation',
      motivation,
      created: item.createdAt,
      modified: item.updatedAt,
    };
    if (item.author) json.creator = { type: 'Person', name: item.author };
    return json;
  }

  /** A tagged span: tag, note, attributes and entity as bodies; quote and position as target. */
  span(a: Annotation, doc: ExchangeDocument): Json {
    const json = this.common(a, 'tagging');
    const body: Json[] = [
      {
        type: 'TextualBody',
        purpose: 'tagging',
        value: this.tagPath(a.tagId),
        [G.tag]: urn(a.tagId),
      },
    ];
    if (a.note) {
      body.push({
        type: 'TextualBody',
        purpose: 'commenting',
        value: a.note,
        format: 'text/plain',
      });
    }
    for (const def of this.attributesOf(a.tagId)) {
      const value = a.attributes[def.id];
      if (value === undefined) continue;
      const reference = def.type === 'entity' || def.type === 'annotation';
      const words = formatAttributeValue(def, value, (type, id) =>
        type === 'entity' ? this.entities.get(id)?.name : undefined,
      );
      const choice = def.choices.find((c) => c.value === value);
      body.push({
        type: 'TextualBody',
        purpose: 'describing',
        value: `${def.name}: ${choice ? choice.label : words}`,
        [G.attribute]: urn(def.id),
        [G.attributeKey]: def.key,
        [G.value]: reference && typeof value === 'string' ? urn(value) : value,
      });
    }
    if (a.entityId) {
      const entity = this.entities.get(a.entityId);
      const resource: Json = {
        type: 'SpecificResource',
        purpose: 'identifying',
        source: (entity && wikidataUrl(entity.externalIds)) ?? urn(a.entityId),
        [G.entity]: urn(a.entityId),
      };
      body.push(resource);
    }
    json.body = body;
    const { url } = doc.document.details;
    json.target = {
      source: isWebUrl(url) ? url : urn(doc.document.id),
      [G.document]: urn(doc.document.id),
      selector: [
        { type: 'TextQuoteSelector', exact: a.exact, prefix: a.prefix, suffix: a.suffix },
        { type: 'TextPositionSelector', start: a.start, end: a.end },
      ],
    };
    return json;
  }

  /** A relation: a `linking` annotation on its two annotations, the direction in gloss: terms. */
  relation(r: Relation): Json {
    const json = this.common(r, 'linking');
    const type = this.index.relationTypes.get(r.typeId);
    const body: Json[] = [
      {
        type: 'TextualBody',
        purpose: 'classifying',
        value: type?.name ?? r.typeId,
        [G.relationType]: urn(r.typeId),
      },
    ];
    if (r.note) {
      body.push({
        type: 'TextualBody',
        purpose: 'commenting',
        value: r.note,
        format: 'text/plain',
      });
    }
    json.body = body;
    json.target = [urn(r.sourceId), urn(r.targetId)];
    json[G.relationSource] = urn(r.sourceId);
    json[G.relationTarget] = urn(r.targetId);
    return json;
  }

  /** A memo: a `commenting` annotation on the whole document (or on the collection). */
  memo(m: Memo, target: string): Json {
    const json = this.common(m, 'commenting');
    json.body = {
      type: 'TextualBody',
      purpose: 'commenting',
      value: m.body,
      format: 'text/markdown',
    };
    json.target = target;
    return json;
  }
}
