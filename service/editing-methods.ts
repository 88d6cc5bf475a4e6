/**
 * The handlers of core/api-editing.ts: the stored undo history, edits of a document's text
 * (service/edit-text.ts), and orphans — annotations left live on an older version of a document
 * because their text was deleted by an edit or could not be found again by a re-import.
 */
import { validateArgs } from '../core/api';
import type { ApiArgs } from '../core/api';
import type { Annotation, HistoryEntry, Id, Orphan } from '../core/domain';
import { GlossError } from '../core/errors';
import { HISTORY_LIMITS, historyStepProblem } from '../core/history-rules';
import { QUOTE_CONTEXT } from '../core/quote';
import {
  findAnnotation,
  insertAnnotation,
  listDocumentAnnotations,
  setAnnotationDeleted,
} from '../db/annotations';
import { findDocumentContent, isLiveDocument, quoteFromStoredText } from '../db/documents';
import {
  dropUndoneEntries,
  findHistoryEntry,
  insertHistoryEntry,
  listHistoryEntries,
  setHistoryEntryUndone,
  softDeleteHistoryEntry,
  trimHistory,
} from '../db/history';
import { findTag } from '../db/tags';
import { ancestorIds, findVersionLink, findVersionSource } from '../db/versions';
import { reanchor } from '../formats/anchor';
import type { ServiceContext } from './context';
import { documentNotFound, newId, now } from './context';
import {
  EDIT_IMPORTER,
  editDocumentText,
  reapplyDocumentEdit,
  revertDocumentEdit,
} from './edit-text';
import { inTransaction } from './handlers';
import type { Handlers } from './handlers';

/**
 * Stores a step. Its calls must be replayable (core/history-rules.ts) and their arguments valid
 * for their methods, so a stored history never holds a call the API would refuse.
 */
function recordHistory(ctx: ServiceContext, args: ApiArgs['recordHistory']): HistoryEntry {
  const problem = historyStepProblem(args);
  if (problem) throw new GlossError('invalid_argument', `recordHistory: ${problem}`);
  for (const call of [...args.undo, ...args.redo]) {
    validateArgs(call.method as Parameters<typeof validateArgs>[0], call.args);
  }
  const { documentId } = args;
  if (documentId !== null && !findVersionLink(ctx.db, documentId)) {
    throw documentNotFound(documentId);
  }
  const at = now();
  // A new step makes the undone ones unreachable, as in any editor.
  dropUndoneEntries(ctx.db, documentId, at);
  if (args.replaces) {
    const replaced = findHistoryEntry(ctx.db, args.replaces);
    if (replaced && replaced.documentId === documentId) {
      softDeleteHistoryEntry(ctx.db, replaced.id, at);
    }
  }
  const id = newId();
  insertHistoryEntry(ctx.db, {
    id,
    documentId,
    label: args.label,
    undo: args.undo,
    redo: args.redo,
    createdAt: at,
    createdBy: ctx.author,
  });
  trimHistory(ctx.db, documentId, HISTORY_LIMITS.stepsPerDocument, at);
  return findHistoryEntry(ctx.db, id)!;
}

function setHistoryUndone(
  ctx: ServiceContext,
  { id, undone }: ApiArgs['setHistoryUndone'],
): HistoryEntry {
  if (!findHistoryEntry(ctx.db, id)) {
    throw new GlossError('not_found', `There is no history step ${id}.`, { id });
  }
  setHistoryEntryUndone(ctx.db, id, undone, now());
  return findHistoryEntry(ctx.db, id)!;
}

/**
 * The orphans of live document `documentId`: live annotations on the versions it replaced,
 * newest version first. An edit's orphans had their text deleted; a re-import's are
 * re-anchored again to say why they could not be placed.
 */
export function listOrphans(ctx: ServiceContext, { documentId }: ApiArgs['listOrphans']): Orphan[] {
  const current = findDocumentContent(ctx.db, documentId);
  if (!current) throw documentNotFound(documentId);
  const chain = [documentId, ...ancestorIds(ctx.db, documentId)];
  const orphans: Orphan[] = [];
  // chain[i] replaced chain[i + 1]: how it was made says why chain[i + 1]'s annotations stayed.
  for (let i = 1; i < chain.length; i++) {
    const annotations = listDocumentAnnotations(ctx.db, chain[i]!);
    if (annotations.length === 0) continue;
    const successor = findVersionSource(ctx.db, chain[i - 1]!);
    if (successor?.importer === EDIT_IMPORTER) {
      for (const annotation of annotations) {
        orphans.push({ annotation, documentId, reason: 'deleted_text' });
      }
      continue;
    }
    const anchorings = reanchor(annotations, current.text);
    annotations.forEach((annotation, j) => {
      const anchoring = anchorings[j]!;
      // One that would anchor now (the text changed since) was still not placed: call it weak.
      const reason = anchoring.status === 'orphaned' ? anchoring.reason : 'weak';
      orphans.push({ annotation, documentId, reason });
    });
  }
  return orphans;
}

/** Copies orphan `id` onto document `documentId` at [start, end) and removes the orphan. */
function reattachOrphan(ctx: ServiceContext, args: ApiArgs['reattachOrphan']): Annotation {
  const orphan = requireOrphanOf(ctx, args.id, args.documentId);
  if (orphan.deletedAt !== null) {
    throw new GlossError('conflict', `Annotation ${args.id} is no longer an orphan.`, {
      id: args.id,
    });
  }
  const quoted = quoteFromStoredText(ctx.db, args.documentId, args.start, args.end, QUOTE_CONTEXT);
  if (!quoted) throw documentNotFound(args.documentId);
  const { length, ...quote } = quoted;
  if (args.end > length) {
    throw new GlossError(
      'invalid_argument',
      `reattachOrphan: end ${args.end} is past the end of the document (${length} characters)`,
      { path: ['end'] },
    );
  }
  const at = now();
  const copy: Annotation = {
    ...orphan.annotation,
    id: newId(),
    documentId: args.documentId,
    start: args.start,
    end: args.end,
    ...quote,
    updatedAt: at,
  };
  insertAnnotation(ctx.db, copy, orphan.annotation.id);
  setAnnotationDeleted(ctx.db, orphan.annotation.id, at, at);
  return findAnnotation(ctx.db, copy.id)!.annotation;
}

/**
 * Brings back a deleted annotation of an older version (undo of deleting or re-attaching an
 * orphan): restoreAnnotation refuses, because its document is no longer live.
 */
function restoreOrphan(ctx: ServiceContext, { id }: ApiArgs['restoreOrphan']): Annotation {
  const stored = findAnnotation(ctx.db, id);
  if (!stored) throw new GlossError('not_found', `There is no annotation ${id}.`, { id });
  if (stored.deletedAt === null) return stored.annotation;
  const { documentId, tagId } = stored.annotation;
  if (!isLiveDocument(ctx.db, documentId) && !hasLiveDescendant(ctx, documentId)) {
    throw documentNotFound(documentId);
  }
  if (!findTag(ctx.db, tagId)) {
    throw new GlossError('conflict', `Cannot restore annotation ${id}: its tag was deleted.`, {
      id,
    });
  }
  setAnnotationDeleted(ctx.db, id, null, now());
  return findAnnotation(ctx.db, id)!.annotation;
}

/** Whether a live document descends from `documentId` (so its annotations are orphans there). */
function hasLiveDescendant(ctx: ServiceContext, documentId: Id): boolean {
  const row = ctx.db
    .prepare(
      `WITH RECURSIVE down(id, depth) AS (
         SELECT id, 1 FROM documents WHERE version_of = ?
         UNION SELECT d.id, down.depth + 1 FROM documents d JOIN down ON d.version_of = down.id
         WHERE down.depth < 10000
       )
       SELECT 1 FROM down JOIN documents doc ON doc.id = down.id
       WHERE doc.deleted_at IS NULL LIMIT 1`,
    )
    .get(documentId);
  return row !== undefined;
}

/** The annotation, which must lie on a version that `documentId` (live) replaced. */
function requireOrphanOf(ctx: ServiceContext, id: Id, documentId: Id) {
  if (!isLiveDocument(ctx.db, documentId)) throw documentNotFound(documentId);
  const stored = findAnnotation(ctx.db, id);
  if (!stored) throw new GlossError('not_found', `There is no annotation ${id}.`, { id });
  if (!ancestorIds(ctx.db, documentId).includes(stored.annotation.documentId)) {
    throw new GlossError(
      'conflict',
      `Annotation ${id} is not an orphan of document ${documentId}.`,
      { id, documentId },
    );
  }
  return stored;
}

/** The handlers of core/api-editing.ts; service.ts spreads them into the full table. */
export const editingHandlers = {
  recordHistory: inTransaction(recordHistory),
  listHistory: (ctx, { documentId, limit }) =>
    listHistoryEntries(ctx.db, documentId, limit ?? HISTORY_LIMITS.stepsPerDocument),
  setHistoryUndone: inTransaction(setHistoryUndone),
  editDocumentText: inTransaction(editDocumentText),
  revertDocumentEdit: inTransaction(revertDocumentEdit),
  reapplyDocumentEdit: inTransaction(reapplyDocumentEdit),
  listOrphans,
  reattachOrphan: inTransaction(reattachOrphan),
  restoreOrphan: inTransaction(restoreOrphan),
} satisfies Partial<Handlers>;
