/**
 * Annotations of an imported file placed on a project document: kept where their offsets still
 * cut out their quote, else re-anchored by quote and context (formats/anchor.ts), else reported.
 * Their tags, attribute values and entity links are mapped onto the project's codebook.
 */
import type { ImportAnnotationsReport } from '../core/api-exchange';
import { checkAttributeValue } from '../core/attributes';
import type { Annotation, AttributeValue, AttributeValues, Id } from '../core/domain';
import { CodePointIndex } from '../core/offsets';
import { quoteOf } from '../core/quote';
import { insertAnnotation } from '../db/annotations';
import { statement } from '../db/statements';
import { reanchor, type OrphanReason } from '../formats/anchor';
import type { ServiceContext } from './context';
import { now } from './context';
import { freshId, type CodebookMapping, type ProjectAttribute } from './exchange-attach-codebook';

/** File annotation ids → project ids, and annotation-valued attributes waiting for them. */
export interface AnnotationIds {
  byFileId: Map<Id, Id>;
  /** Values that name another annotation of the file: resolved once all are placed. */
  pending: { annotationId: Id; def: ProjectAttribute; fileValue: string; label: string }[];
}

const ORPHAN_REASONS: Record<OrphanReason, string> = {
  not_found: 'its text is not in the document',
  ambiguous: 'its text occurs several times in the document and its context does not tell which',
  weak: 'its text is short and its context no longer matches: it may be chance',
};

export function attachAnnotations(
  ctx: ServiceContext,
  annotations: readonly Annotation[],
  placement: { id: Id; text: string },
  label: string,
  mapping: CodebookMapping,
  ids: AnnotationIds,
  report: ImportAnnotationsReport,
): { added: number; present: number } {
  const counts = { added: 0, present: 0 };
  if (annotations.length === 0) return counts;
  const index = new CodePointIndex(placement.text);
  const length = index.codePointLength;
  // A span without a quote (a format that keeps offsets only) takes the quote its offsets cut.
  const quotes = annotations.map((a) => {
    const valid = a.start >= 0 && a.start < a.end && a.end <= length;
    return a.exact === '' && valid ? { ...a, exact: index.slice(a.start, a.end) } : a;
  });
  const anchors = reanchor(quotes, placement.text);
  const liveTag = statement(ctx.db, 'SELECT 1 FROM tags WHERE id = ? AND deleted_at IS NULL');
  const byId = statement<{ deleted_at: string | null }>(
    ctx.db,
    'SELECT deleted_at FROM annotations WHERE id = ?',
  );
  const sameSpan = statement<{ id: string }>(
    ctx.db,
    `SELECT id FROM annotations WHERE document_id = @documentId AND tag_id = @tagId
       AND start = @start AND "end" = @end AND deleted_at IS NULL LIMIT 1`,
  );
  for (const [i, annotation] of annotations.entries()) {
    const what = `annotation "${shorten(quotes[i]!.exact)}" in ${label}`;
    const skip = (reason: string) => report.skipped.push({ what, id: annotation.id, reason });
    const tagId =
      mapping.tags.get(annotation.tagId) ??
      (liveTag.get(annotation.tagId) ? annotation.tagId : undefined);
    if (!tagId) {
      skip("its tag is neither in the file's codebook nor in the project");
      continue;
    }
    const anchor = anchors[i]!;
    if (anchor.status === 'orphaned') {
      skip(ORPHAN_REASONS[anchor.reason]);
      continue;
    }
    const { start, end } = anchor;
    const existing = byId.get(annotation.id);
    if (existing && existing.deleted_at === null) {
      ids.byFileId.set(annotation.id, annotation.id);
      counts.present++;
      continue;
    }
    const twin = sameSpan.get({ documentId: placement.id, tagId, start, end });
    if (twin) {
      ids.byFileId.set(annotation.id, twin.id);
      counts.present++;
      continue;
    }
    const id = freshId(ctx, 'annotations', annotation.id);
    ids.byFileId.set(annotation.id, id);
    const attributes = mapValues(ctx, annotation, id, what, mapping, ids, report);
    let entityId =
      annotation.entityId === null ? null : mapEntity(ctx, annotation.entityId, mapping);
    if (annotation.entityId !== null && entityId === undefined) {
      report.skipped.push({
        what: `entity link of ${what}`,
        id: annotation.entityId,
        reason: 'the entity is neither in the file nor in the project',
      });
    }
    entityId ??= null;
    const at = now();
    insertAnnotation(ctx.db, {
      id,
      documentId: placement.id,
      tagId,
      start,
      end,
      ...quoteOf(index, start, end),
      note: annotation.note,
      author: annotation.author || ctx.author,
      createdAt: annotation.createdAt || at,
      updatedAt: annotation.updatedAt || at,
      attributes,
      entityId,
    });
    counts.added++;
  }
  return counts;
}

/** The project's entity for a file entity id: mapped, or the same id when the project has it. */
function mapEntity(ctx: ServiceContext, fileId: Id, mapping: CodebookMapping): Id | undefined {
  const mapped = mapping.entities.get(fileId);
  if (mapped) return mapped;
  const live = statement(ctx.db, 'SELECT 1 FROM entities WHERE id = ? AND deleted_at IS NULL');
  return live.get(fileId) ? fileId : undefined;
}

/** The project's attribute for a file attribute id: mapped, or the project's own by that id. */
function mapAttribute(
  ctx: ServiceContext,
  fileId: Id,
  mapping: CodebookMapping,
): ProjectAttribute | undefined {
  const mapped = mapping.attributes.get(fileId);
  if (mapped) return mapped;
  const row = statement<{ id: string; name: string; type: ProjectAttribute['type']; c: string }>(
    ctx.db,
    `SELECT id, name, type, choices_json AS c FROM attribute_defs
     WHERE id = ? AND deleted_at IS NULL`,
  ).get(fileId);
  if (!row) return undefined;
  let choices: ProjectAttribute['choices'] = [];
  try {
    choices = JSON.parse(row.c) as ProjectAttribute['choices'];
  } catch {
    // No choices: a choice value is then refused and reported.
  }
  return { id: row.id, name: row.name, type: row.type, choices };
}

/**
 * The annotation's values keyed by the project's attribute ids, each checked as the API checks
 * it; entity values mapped now, annotation values queued until every annotation is placed.
 */
function mapValues(
  ctx: ServiceContext,
  annotation: Annotation,
  projectId: Id,
  what: string,
  mapping: CodebookMapping,
  ids: AnnotationIds,
  report: ImportAnnotationsReport,
): AttributeValues {
  const values: AttributeValues = {};
  for (const [fileDefId, raw] of Object.entries(annotation.attributes)) {
    const def = mapAttribute(ctx, fileDefId, mapping);
    const skip = (reason: string) =>
      report.skipped.push({ what: `attribute value of ${what}`, id: fileDefId, reason });
    if (!def) {
      skip('its attribute is neither in the file nor in the project');
      continue;
    }
    let value: AttributeValue = raw;
    if (def.type === 'annotation' && typeof raw === 'string') {
      ids.pending.push({ annotationId: projectId, def, fileValue: raw, label: what });
      continue;
    }
    if (def.type === 'entity' && typeof raw === 'string' && raw !== '') {
      const entity = mapEntity(ctx, raw, mapping);
      if (!entity) {
        skip(`"${def.name}" names an entity that is neither in the file nor in the project`);
        continue;
      }
      value = entity;
    }
    const checked = checkAttributeValue(def, value);
    if (!checked.ok) skip(checked.message);
    else if (checked.value !== null) values[def.id] = checked.value;
  }
  return values;
}

/** Sets the annotation-valued attributes now that every annotation of the file has its id. */
export function resolveAnnotationReferences(
  ctx: ServiceContext,
  ids: AnnotationIds,
  report: ImportAnnotationsReport,
): void {
  const live = statement(ctx.db, 'SELECT 1 FROM annotations WHERE id = ? AND deleted_at IS NULL');
  for (const item of ids.pending) {
    const target =
      ids.byFileId.get(item.fileValue) ?? (live.get(item.fileValue) ? item.fileValue : undefined);
    const checked = target
      ? checkAttributeValue(item.def, target, undefined, item.annotationId)
      : ({
          ok: false,
          message: `"${item.def.name}" names an annotation that was not imported`,
        } as const);
    if (!checked.ok || checked.value === null) {
      if (!checked.ok) {
        report.skipped.push({
          what: `attribute value of ${item.label}`,
          id: item.def.id,
          reason: checked.message,
        });
      }
      continue;
    }
    statement(
      ctx.db,
      `UPDATE annotations SET attributes_json = json_set(attributes_json, '$."' || @key || '"', @value)
       WHERE id = @id`,
    ).run({ id: item.annotationId, key: item.def.id, value: checked.value as string });
  }
}

/** A quote short enough for a report line. */
export function shorten(text: string, max = 60): string {
  const chars = Array.from(text.replace(/\s+/g, ' ').trim());
  return chars.length > max ? `${chars.slice(0, max - 1).join('')}…` : chars.join('');
}
