/**
 * Gloss's own JSONL: one line per document with everything the project holds about it, for
 * scripts and notebooks (pandas, jq) and as a lossless dump. Each line keeps doccano's older
 * `label` triples ([[start, end, "Claim"], …]) so doccano and tools built for it still read it,
 * and adds what they cannot: per span its tag path, typed attributes by key, the canonical
 * entity; per document its details, relations and memos. Offsets are code points, end-exclusive.
 */
import type { Annotation, AttributeDef, Entity, Relation } from '../../core/domain';
import { escapeLineSeparators } from '../export-jsonl';
import { inExportOrder } from '../export-source';
import {
  CodebookIndex,
  OmissionLog,
  ProgressTicker,
  entitiesById,
  selectedTags,
  chosenAnnotations,
} from './export-kit';
import type { ExchangeDocument, ExchangeSource } from './model';
import type { ExportOptions, ExportReport, ExportSink } from './registry-types';

/** Writes the project as Gloss JSONL into `sink`, one document per line. */
export async function writeGlossJsonl(
  source: ExchangeSource,
  sink: ExportSink,
  options: ExportOptions,
): Promise<ExportReport> {
  const index = new CodebookIndex(source.codebook);
  const selected = selectedTags(index, options);
  const entities = entitiesById(source);
  const log = new OmissionLog();
  const ticker = new ProgressTicker(source.annotationCount, options.onProgress);
  let documentCount = 0;
  let annotationCount = 0;
  for (const doc of source.documents()) {
    // By start, then end: the order Gloss's JSONL has always had.
    const annotations = inExportOrder(chosenAnnotations(doc, selected, log));
    const line = documentLine(doc, annotations, { index, entities, log });
    await sink.write(`${escapeLineSeparators(JSON.stringify(line))}\n`);
    documentCount += 1;
    annotationCount += annotations.length;
    ticker.add(doc.annotations.length);
  }
  for (const memo of source.projectMemos) {
    log.item(memo.id, 'project memo', 'JSONL has a line per document and none for the project');
  }
  ticker.finish();
  return log.report(documentCount, annotationCount);
}

interface LineContext {
  index: CodebookIndex;
  entities: ReadonlyMap<string, Entity>;
  log: OmissionLog;
}

function documentLine(doc: ExchangeDocument, annotations: Annotation[], ctx: LineContext) {
  const exported = new Set(annotations.map((a) => a.id));
  const { document } = doc;
  return {
    id: document.id,
    title: document.title,
    text: document.text,
    details: document.details,
    label: annotations.map((a) => [a.start, a.end, ctx.index.nameOf(a.tagId)]),
    spans: annotations.map((a) => spanOf(a, ctx)),
    // A relation whose source was left out by the tag choice goes with it.
    relations: doc.relations
      .filter((relation) => exported.has(relation.sourceId))
      .map((relation) => relationOf(relation, ctx)),
    memos: doc.memos.map((memo) => ({
      id: memo.id,
      body: memo.body,
      author: memo.author,
      created_at: memo.createdAt,
      updated_at: memo.updatedAt,
    })),
  };
}

function spanOf(annotation: Annotation, ctx: LineContext) {
  const applicable = ctx.index.attributesOf(annotation.tagId);
  const attributes: Record<string, unknown> = {};
  for (const def of applicable) {
    const value = annotation.attributes[def.id];
    if (value !== undefined) attributes[def.key] = valueOf(def, value, ctx.entities);
  }
  // Values kept from before a retag are not the new tag's: shown nowhere, so not exported.
  const hidden = Object.keys(annotation.attributes).length - Object.keys(attributes).length;
  ctx.log.field('attribute values of a former tag', 'not attributes of the current tag', hidden);
  const entity = annotation.entityId === null ? null : ctx.entities.get(annotation.entityId);
  return {
    id: annotation.id,
    start: annotation.start,
    end: annotation.end,
    label: ctx.index.nameOf(annotation.tagId),
    tag_id: annotation.tagId,
    tag_path: ctx.index
      .pathOf(annotation.tagId)
      .map((tag) => tag.name)
      .join('/'),
    quote: annotation.exact,
    note: annotation.note,
    attributes,
    entity: entity ? entityOf(entity) : annotation.entityId && { id: annotation.entityId },
    author: annotation.author,
    created_at: annotation.createdAt,
    updated_at: annotation.updatedAt,
  };
}

/** An entity-typed value names its entity, so the line is readable without the registry. */
function valueOf(def: AttributeDef, value: unknown, entities: ReadonlyMap<string, Entity>) {
  if (def.type !== 'entity' || typeof value !== 'string') return value;
  const entity = entities.get(value);
  return entity ? { id: entity.id, name: entity.name, kind: entity.kind } : { id: value };
}

function entityOf(entity: Entity) {
  return {
    id: entity.id,
    name: entity.name,
    kind: entity.kind,
    aliases: entity.aliases,
    external_ids: entity.externalIds,
  };
}

function relationOf(relation: Relation, ctx: LineContext) {
  const type = ctx.index.relationTypes.get(relation.typeId);
  return {
    id: relation.id,
    type: type?.key ?? relation.typeId,
    type_name: type?.name ?? '',
    source_id: relation.sourceId,
    target_id: relation.targetId,
    note: relation.note,
    author: relation.author,
    created_at: relation.createdAt,
  };
}
