/**
 * The API's methods for editing a document's text (a new version; annotations follow or become
 * orphans), the orphans themselves, and the undo history that survives closing a document
 * (issue 4, points 8 and 9).
 */
import { z } from 'zod';
import type { Annotation, DocumentSummary, HistoryEntry, Orphan } from './domain';
import { id, offset } from './api-shared';
import { HISTORY_LIMITS, isReplayableMethod } from './history-rules';
import { LIMITS } from './limits';

/** Blocks in one edited document: a generous bound for a book-length text. */
const MAX_BLOCKS = 1_000_000;

const historyCall = z
  .object({
    method: z
      .string()
      .max(100)
      .refine(isReplayableMethod, {
        error: (issue) => `"${String(issue.input)}" is not a method a history step may call`,
      }),
    args: z.unknown(),
  })
  .strict();

const historyCalls = z.array(historyCall).max(HISTORY_LIMITS.callsPerStep);

const inlineMark = z
  .object({
    kind: z.enum(['em', 'strong', 'link', 'code']),
    start: offset,
    end: offset,
    href: z.string().max(4096).optional(),
  })
  .strict();

const block = z
  .object({
    kind: z.enum(['paragraph', 'heading', 'blockquote', 'bullet_item', 'ordered_item', 'code']),
    start: offset,
    end: offset,
    level: z.number().int().min(1).max(32).optional(),
    marks: z.array(inlineMark).max(100_000).optional(),
    page: z.number().int().min(1).max(1_000_000).optional(),
  })
  .strict();

export const editingArgSchemas = {
  /**
   * Stores one undoable step of a document's history (documentId null: the project's). Steps
   * that were undone are dropped first, as in any editor; `replaces` names a step this one
   * merges (a note typed in several saves), which is dropped too.
   */
  recordHistory: z
    .object({
      documentId: id.nullable(),
      label: z.string().max(HISTORY_LIMITS.labelChars),
      undo: historyCalls,
      redo: historyCalls,
      replaces: id.optional(),
    })
    .strict(),
  /** The stored steps, oldest first, at most `limit` of the newest (default: all that are kept). */
  listHistory: z
    .object({
      documentId: id.nullable(),
      limit: z.number().int().min(1).max(HISTORY_LIMITS.stepsPerDocument).optional(),
    })
    .strict(),
  setHistoryUndone: z.object({ id, undone: z.boolean() }).strict(),
  /**
   * Saves an edit of document `id`'s text as a new version. `annotations` are the new positions
   * of the annotations that survived the edit (as the editor mapped them); those left out become
   * orphans. Without `annotations` (CLI), each is re-anchored by its quote.
   */
  editDocumentText: z
    .object({
      id,
      text: z.string().max(LIMITS.maxPasteChars),
      blocks: z.array(block).max(MAX_BLOCKS),
      annotations: z
        .array(z.object({ id, start: offset, end: offset }).strict())
        .max(MAX_BLOCKS)
        .optional(),
    })
    .strict(),
  /** Undoes an edit: `id` is the version the edit made; its previous version comes back. */
  revertDocumentEdit: z.object({ id }).strict(),
  /** Redoes an edit that was reverted: version `id` comes back, with the annotations it had. */
  reapplyDocumentEdit: z.object({ id }).strict(),
  /** Live annotations left on the older versions of document `documentId`. */
  listOrphans: z.object({ documentId: id }).strict(),
  /** Copies orphan `id` onto the current version at [start, end) and removes the orphan. */
  reattachOrphan: z
    .object({ id, documentId: id, start: offset, end: offset })
    .strict()
    .refine((a) => a.start < a.end, { message: 'start must be before end', path: ['end'] }),
  /** Brings back a deleted orphan (undo of its deletion or of its re-attachment). */
  restoreOrphan: z.object({ id }).strict(),
} as const;

/** What an edit of a document's text did. */
export interface EditTextResult {
  /** The new version (the one now shown in the library). */
  document: DocumentSummary;
  /** Annotations copied onto the new version. */
  moved: number;
  /** Annotations whose text was deleted; they stay on the old version, listed as orphans. */
  orphaned: { id: string; exact: string }[];
}

export interface EditingResults {
  recordHistory: HistoryEntry;
  listHistory: HistoryEntry[];
  setHistoryUndone: HistoryEntry;
  editDocumentText: EditTextResult;
  /** The previous version, live again. */
  revertDocumentEdit: { document: DocumentSummary };
  /** The edited version, live again. */
  reapplyDocumentEdit: { document: DocumentSummary };
  listOrphans: Orphan[];
  reattachOrphan: Annotation;
  restoreOrphan: Annotation;
}
