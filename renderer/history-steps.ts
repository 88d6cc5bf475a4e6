/**
 * The reader's undoable actions as history steps (undo.ts): which API calls do each one, which
 * undo it, and which redo it later. Pure data, so each can be read (and tested) on its own, and
 * so the same step replays after a restart.
 */
import type { ApiArgs } from '../core/api';
import type { Annotation, HistoryCall, Id } from '../core/domain';
import { historyCall } from '../core/history-rules';
import type { Span } from './editor/positions';
import type { PerformStep } from './undo';

const firstId = (results: unknown[]) => (results[0] as { id: Id }).id;
const newVersion = (results: unknown[]) => (results[0] as { document: { id: Id } }).document.id;

/** Tagging a span: undone by deleting the new annotation, redone by restoring that same id. */
export function tagStep(documentId: Id, tag: { id: Id; name: string }, span: Span): PerformStep {
  return {
    label: `Tag as ${tag.name}`,
    redo: [historyCall('createAnnotation', { documentId, tagId: tag.id, ...span })],
    undo: (results) => [historyCall('deleteAnnotation', { id: firstId(results) })],
    // Redone by bringing the same id back, so later steps that name it still apply.
    replay: (results) => [historyCall('restoreAnnotation', { id: firstId(results) })],
  };
}

export function retagStep(before: Annotation, tag: { id: Id; name: string }): PerformStep {
  return {
    label: `Change tag to ${tag.name}`,
    redo: [historyCall('updateAnnotation', { id: before.id, tagId: tag.id })],
    undo: [historyCall('updateAnnotation', { id: before.id, tagId: before.tagId })],
  };
}

/** A note save; saves of one editing session (same key) merge into one step. */
export function noteStep(before: Annotation, note: string, mergeKey: string): PerformStep {
  return {
    label: 'Edit note',
    redo: [historyCall('updateAnnotation', { id: before.id, note })],
    undo: [historyCall('updateAnnotation', { id: before.id, note: before.note })],
    mergeKey: `note:${before.id}:${mergeKey}`,
  };
}

export function deleteStep(id: Id): PerformStep {
  return {
    label: 'Delete annotation',
    redo: [historyCall('deleteAnnotation', { id })],
    undo: [historyCall('restoreAnnotation', { id })],
  };
}

/** Saving an edit of the text: a new version; undone by reverting to the previous one. */
export function editTextStep(id: Id, edit: Omit<ApiArgs['editDocumentText'], 'id'>): PerformStep {
  return {
    label: 'Edit text',
    redo: [historyCall('editDocumentText', { id, ...edit })],
    undo: (results) => [historyCall('revertDocumentEdit', { id: newVersion(results) })],
    replay: (results) => [historyCall('reapplyDocumentEdit', { id: newVersion(results) })],
  };
}

/** Re-attaching an orphan to a span of the current version. */
export function reattachStep(orphanId: Id, documentId: Id, span: Span): PerformStep {
  return {
    label: 'Re-attach annotation',
    redo: [historyCall('reattachOrphan', { id: orphanId, documentId, ...span })],
    undo: (results) => [
      historyCall('deleteAnnotation', { id: firstId(results) }),
      historyCall('restoreOrphan', { id: orphanId }),
    ],
    replay: (results) => [
      historyCall('restoreAnnotation', { id: firstId(results) }),
      historyCall('deleteAnnotation', { id: orphanId }),
    ],
  };
}

export function deleteOrphanStep(orphanId: Id): PerformStep {
  return {
    label: 'Delete orphaned annotation',
    redo: [historyCall('deleteAnnotation', { id: orphanId })],
    undo: [historyCall('restoreOrphan', { id: orphanId })],
  };
}

/** Methods whose result is the annotation as it now is (live). */
const RETURNS_LIVE_ANNOTATION = new Set([
  'createAnnotation',
  'updateAnnotation',
  'restoreAnnotation',
  'reattachOrphan',
  // Of an older version: applying it removes nothing here, and needs no second read.
  'restoreOrphan',
]);
/** Methods after which another version of the document is the current one. */
const SWITCHES_VERSION = new Set(['editDocumentText', 'revertDocumentEdit', 'reapplyDocumentEdit']);

/** What a step's calls did to the open document, as far as their results tell. */
export interface CallEffects {
  /** Live annotations of the open document to draw or redraw. */
  upserts: Annotation[];
  /** Annotations no longer live on the open document. */
  removals: Id[];
  /** Another version became the current one. */
  switchTo: Id | null;
  /** A call whose effect on the annotations only the service knows: read them again. */
  reread: boolean;
}

export function callEffects(
  calls: readonly HistoryCall[],
  results: readonly unknown[],
  documentId: Id,
): CallEffects {
  const effects: CallEffects = { upserts: [], removals: [], switchTo: null, reread: false };
  calls.forEach((call, i) => {
    const result = results[i] as Partial<Annotation> & { document?: { id: Id } };
    if (SWITCHES_VERSION.has(call.method)) {
      const next = result?.document?.id;
      if (next && next !== documentId) effects.switchTo = next;
    } else if (call.method === 'deleteAnnotation' && result?.id) {
      effects.removals.push(result.id);
    } else if (RETURNS_LIVE_ANNOTATION.has(call.method) && result?.id) {
      if (result.documentId === documentId) effects.upserts.push(result as Annotation);
      else effects.removals.push(result.id);
    } else {
      effects.reread = true;
    }
  });
  return effects;
}
