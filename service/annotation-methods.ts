import type { ApiArgs } from '../core/api';
import { carryValues, checkAttributeValue } from '../core/attributes';
import type { ReferenceCheck } from '../core/attributes';
import type { Annotation, AttributeValue, AttributeValues, Id } from '../core/domain';
import { GlossError } from '../core/errors';
import { QUOTE_CONTEXT } from '../core/quote';
import { isLiveAnnotation, isLiveEntity, writeAnnotationModel } from '../db/attributes';
import {
  findAnnotation,
  insertAnnotation,
  listDocumentAnnotations,
  setAnnotationDeleted,
  updateAnnotationFields,
} from '../db/annotations';
import type { StoredAnnotation } from '../db/annotations';
import { isLiveDocument, quoteFromStoredText } from '../db/documents';
import { findTag } from '../db/tags';
import { CodebookState } from './codebook-state';
import type { ServiceContext } from './context';
import { documentNotFound, newId, now } from './context';

/** The live annotations of a live document, in text order (enclosing spans first). */
export function listAnnotations(
  ctx: ServiceContext,
  { documentId }: ApiArgs['listAnnotations'],
): Annotation[] {
  if (!isLiveDocument(ctx.db, documentId)) throw documentNotFound(documentId);
  return listDocumentAnnotations(ctx.db, documentId);
}

/**
 * Tags a span of a live document. The offsets are code points and must lie inside the text; the
 * quote and its context are taken from the stored text, so they always match the offsets.
 */
export function createAnnotation(
  ctx: ServiceContext,
  args: ApiArgs['createAnnotation'],
): Annotation {
  const quoted = quoteFromStoredText(ctx.db, args.documentId, args.start, args.end, QUOTE_CONTEXT);
  if (!quoted) throw documentNotFound(args.documentId);
  requireTag(ctx, args.tagId);
  const { length, ...quote } = quoted;
  if (args.end > length) {
    throw new GlossError(
      'invalid_argument',
      `createAnnotation: end ${args.end} is past the end of the document (${length} characters)`,
      { path: ['end'] },
    );
  }
  const id = newId();
  const attributes = args.attributes
    ? applyAttributePatch(ctx, id, args.tagId, {}, args.attributes)
    : {};
  if (args.entityId) requireLiveEntity(ctx, args.entityId);
  const at = now();
  const annotation: Annotation = {
    id,
    documentId: args.documentId,
    tagId: args.tagId,
    start: args.start,
    end: args.end,
    ...quote,
    note: args.note ?? '',
    author: ctx.author,
    createdAt: at,
    updatedAt: at,
    attributes,
    entityId: args.entityId ?? null,
  };
  insertAnnotation(ctx.db, annotation);
  return annotation;
}

/**
 * Changes the tag, note, attribute values (a patch: null removes a value) and/or entity link of
 * a live annotation. A retag keeps every value, and values follow by key onto the attributes of
 * the new tag (core/attributes.ts carryValues); a patch may only set attributes the annotation's
 * (new) tag carries.
 */
export function updateAnnotation(
  ctx: ServiceContext,
  { id, tagId, note, attributes, entityId }: ApiArgs['updateAnnotation'],
): Annotation {
  const { annotation: before } = requireLive(ctx, id);
  if (tagId !== undefined) requireTag(ctx, tagId);
  if (entityId) requireLiveEntity(ctx, entityId);
  const at = now();
  const newTag = tagId ?? before.tagId;
  let values = before.attributes;
  if (newTag !== before.tagId) {
    const state = CodebookState.read(ctx.db);
    values = carryValues(values, state.applicable(before.tagId), state.applicable(newTag)).values;
  }
  if (attributes !== undefined) values = applyAttributePatch(ctx, id, newTag, values, attributes);
  writeAnnotationModel(
    ctx.db,
    id,
    {
      tagId: newTag,
      ...(values !== before.attributes ? { attributes: values } : {}),
      ...(entityId !== undefined ? { entityId } : {}),
    },
    at,
  );
  if (note !== undefined) updateAnnotationFields(ctx.db, id, { note, updatedAt: at });
  return findAnnotation(ctx.db, id)!.annotation;
}

/**
 * Applies a patch of attribute values for an annotation with tag `tagId`: each value is checked
 * against its definition (which the tag must carry); null, an empty text or an empty list
 * removes the value. Removing a value of an attribute the tag no longer carries is allowed.
 */
function applyAttributePatch(
  ctx: ServiceContext,
  annotationId: Id,
  tagId: Id,
  values: AttributeValues,
  patch: Record<Id, AttributeValue | null>,
): AttributeValues {
  const state = CodebookState.read(ctx.db);
  const applicable = new Map(state.applicable(tagId).map((d) => [d.id, d]));
  const refs: ReferenceCheck = {
    isLiveEntity: (entity) => isLiveEntity(ctx.db, entity),
    isLiveAnnotation: (other) => isLiveAnnotation(ctx.db, other),
  };
  const next: AttributeValues = { ...values };
  for (const [defId, value] of Object.entries(patch)) {
    const def = applicable.get(defId);
    if (!def) {
      if (value === null) {
        delete next[defId];
        continue;
      }
      const tagName = state.tagById.get(tagId)?.name ?? 'its tag';
      throw new GlossError(
        'invalid_argument',
        `Attribute ${defId} does not apply to "${tagName}" (it may have been deleted).`,
        { path: ['attributes', defId] },
      );
    }
    const check = checkAttributeValue(def, value, refs, annotationId);
    if (!check.ok) {
      throw new GlossError('invalid_argument', check.message, { path: ['attributes', defId] });
    }
    if (check.value === null) delete next[defId];
    else next[defId] = check.value;
  }
  return next;
}

function requireLiveEntity(ctx: ServiceContext, entityId: Id): void {
  if (!isLiveEntity(ctx.db, entityId)) {
    throw new GlossError(
      'not_found',
      `There is no entity ${entityId} (it may have been deleted or merged).`,
      { path: ['entityId'], id: entityId },
    );
  }
}

/**
 * Soft-deletes an annotation and returns it, so the caller can offer undo (restoreAnnotation).
 * Deleting one that is already deleted changes nothing: a retried request is harmless.
 */
export function deleteAnnotation(
  ctx: ServiceContext,
  { id }: ApiArgs['deleteAnnotation'],
): Annotation {
  const stored = requireStored(ctx, id);
  if (stored.deletedAt !== null) return stored.annotation;
  const at = now();
  setAnnotationDeleted(ctx.db, id, at, at);
  return findAnnotation(ctx.db, id)!.annotation;
}

/**
 * Brings a deleted annotation back (undo of delete, redo of create) and returns it. Its document
 * and tag must still be live; restoring a live annotation changes nothing.
 */
export function restoreAnnotation(
  ctx: ServiceContext,
  { id }: ApiArgs['restoreAnnotation'],
): Annotation {
  const stored = requireStored(ctx, id);
  if (stored.deletedAt === null) return stored.annotation;
  if (!isLiveDocument(ctx.db, stored.annotation.documentId)) {
    throw documentNotFound(stored.annotation.documentId);
  }
  if (!findTag(ctx.db, stored.annotation.tagId)) {
    throw new GlossError('conflict', `Cannot restore annotation ${id}: its tag was deleted.`, {
      id,
    });
  }
  setAnnotationDeleted(ctx.db, id, null, now());
  return findAnnotation(ctx.db, id)!.annotation;
}

function requireTag(ctx: ServiceContext, tagId: Id): void {
  if (!findTag(ctx.db, tagId)) {
    throw new GlossError('not_found', `There is no tag ${tagId} (it may have been deleted).`, {
      id: tagId,
    });
  }
}

/** The annotation, live or deleted; not_found if it never existed. */
function requireStored(ctx: ServiceContext, id: Id): StoredAnnotation {
  const stored = findAnnotation(ctx.db, id);
  if (!stored) {
    throw new GlossError('not_found', `There is no annotation ${id}.`, { id });
  }
  return stored;
}

/** The live annotation of a live document; otherwise not_found. */
function requireLive(ctx: ServiceContext, id: Id): StoredAnnotation {
  const stored = requireStored(ctx, id);
  if (stored.deletedAt !== null) {
    throw new GlossError('not_found', `Annotation ${id} was deleted.`, { id });
  }
  if (!isLiveDocument(ctx.db, stored.annotation.documentId)) {
    throw documentNotFound(stored.annotation.documentId);
  }
  return stored;
}
