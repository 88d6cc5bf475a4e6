/**
 * Edits of an annotation's attribute values and entity link, as undoable steps of the document's
 * history (through the reader session). Each step reads the value it replaces inside the
 * session's write queue, so a quick succession of edits undoes one by one, each to the value
 * before it.
 */
import type { AttributeValue } from '../core/domain';
import { historyCall } from '../core/history-rules';
import type { ReaderSession } from './reader-session';

function sameValue(a: AttributeValue | undefined, b: AttributeValue | null): boolean {
  if (a === undefined) return b === null;
  return JSON.stringify(a) === JSON.stringify(b);
}

/** Sets (null: removes) one attribute value; edits with the same `mergeKey` undo as one. */
export async function setAttributeValue(
  session: ReaderSession,
  annotationId: string,
  attribute: { id: string; name: string },
  value: AttributeValue | null,
  mergeKey?: string,
): Promise<void> {
  const before = await session.history.enqueue(async () =>
    session.getSnapshot().annotations.find((a) => a.id === annotationId),
  );
  if (!before) return;
  const previous = before.attributes[attribute.id];
  if (sameValue(previous, value)) return;
  await session
    .perform({
      label: value === null ? `Clear ${attribute.name}` : `Set ${attribute.name}`,
      redo: [
        historyCall('updateAnnotation', {
          id: annotationId,
          attributes: { [attribute.id]: value },
        }),
      ],
      undo: [
        historyCall('updateAnnotation', {
          id: annotationId,
          attributes: { [attribute.id]: previous ?? null },
        }),
      ],
      ...(mergeKey ? { mergeKey: `attr:${annotationId}:${attribute.id}:${mergeKey}` } : {}),
    })
    // A failure was reported by save() (status line and alert); the value shown stays as stored.
    .catch(() => undefined);
}

/** Links the annotation to a canonical entity (null: unlinks). */
export async function setEntityLink(
  session: ReaderSession,
  annotationId: string,
  entityId: string | null,
): Promise<void> {
  const before = await session.history.enqueue(async () =>
    session.getSnapshot().annotations.find((a) => a.id === annotationId),
  );
  if (!before || before.entityId === entityId) return;
  await session
    .perform({
      label: entityId ? 'Link entity' : 'Unlink entity',
      redo: [historyCall('updateAnnotation', { id: annotationId, entityId })],
      undo: [historyCall('updateAnnotation', { id: annotationId, entityId: before.entityId })],
    })
    .catch(() => undefined);
}

let editSessions = 0;
/** A new key for one editing session of a field (focus to blur): its saves undo as one step. */
export function newEditSession(): string {
  return `edit-${++editSessions}`;
}
