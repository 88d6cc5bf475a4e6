import { useEffect } from 'react';
import { useLatest } from './hooks';

/**
 * Where to land when a document opens: a span to reveal, or the memo panel. A null document is
 * the project: its memos are shown in the library.
 */
export interface RevealRequest {
  documentId: string | null;
  annotationId?: string;
  memoId?: string;
}

let pending: RevealRequest | null = null;
const listeners = new Set<() => void>();

/**
 * Asks the reader of `request.documentId` to reveal a span or a memo: the one open now, or the
 * one about to open (a search hit, a relation to another document). The request waits until
 * that reader takes it.
 */
export function requestReveal(request: RevealRequest): void {
  pending = request;
  for (const listener of listeners) listener();
}

/** The waiting request for this document, taken (so it applies once), or null. */
export function takeReveal(documentId: string | null): RevealRequest | null {
  if (!pending || pending.documentId !== documentId) return null;
  const request = pending;
  pending = null;
  return request;
}

/** Applies reveal requests for `documentId`: one waiting when the reader opens, and later ones. */
export function useRevealRequests(
  documentId: string | null,
  apply: (request: RevealRequest) => void,
) {
  const applyRef = useLatest(apply);
  useEffect(() => {
    const check = () => {
      const request = takeReveal(documentId);
      if (request) applyRef.current(request);
    };
    listeners.add(check);
    check();
    return () => {
      listeners.delete(check);
    };
  }, [documentId, applyRef]);
}
