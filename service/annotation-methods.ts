import type { ApiArgs } from '../core/api';
import type { Annotation, Id } from '../core/domain';
import { GlossError } from '../core/errors';
import { QUOTE_CONTEXT } from '../core/quote';
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
  const at = now();
  const annotation: Annotation = {
    id: newId(),
    documentId: args.documentId,
    tagId: args.tagId,
    start: args.start,
    end: args.end,
    ...quote,
    note: args.note ?? '',
    author: ctx.author,
    createdAt: at,
    updatedAt: at,
    attributes: {},
    entityId: null,
  };
  insertAnnotation(ctx.db, annotation);
  return annotation;
}

/** Changes the tag and/or the note of a live annotation. */
export function updateAnnotation(
  ctx: ServiceContext,
  { id, tagId, note }: ApiArgs['updateAnnotation'],
): Annotation {
  requireLive(ctx, id);
  if (tagId !== undefined) requireTag(ctx, tagId);
  updateAnnotationFields(ctx.db, id, { tagId, note, updatedAt: now() });
  return findAnnotation(ctx.db, id)!.annotation;
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
