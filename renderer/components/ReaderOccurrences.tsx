/**
 * Tag-all-occurrences in the reader: watches for a span just tagged as an entity (or just linked
 * to one) and, when its text or the entity's names occur elsewhere untagged, offers to review
 * them; Alt+A opens the review for the active annotation at any time.
 */
import { useCallback, useEffect, useRef, useState } from 'react';
import type { Annotation } from '../../core/domain';
import { useApp } from '../app-context';
import { isTypingTarget } from '../hooks';
import type { ReaderSession } from '../reader-session';
import { isEntityTag } from './entity-labels';
import { OccurrencesDialog, occurrenceArgs } from './OccurrencesDialog';
import type { OccurrencesRequest } from './OccurrencesDialog';

/** A span created this recently is a new tag (an older one coming back is an undo). */
const NEW_SPAN_MS = 15_000;

interface Offer {
  annotation: Annotation;
  inDocument: number;
  elsewhere: number;
}

export function ReaderOccurrences({ session }: { session: ReaderSession }) {
  const { api, tagById, notify } = useApp();
  const [offer, setOffer] = useState<Offer | null>(null);
  const [request, setRequest] = useState<OccurrencesRequest | null>(null);
  const asked = useRef(0);

  const consider = useCallback(
    (annotation: Annotation) => {
      const id = ++asked.current;
      api.findOccurrences(occurrenceArgs(annotation, 'project', 500)).then(
        ({ occurrences }) => {
          if (id !== asked.current) return;
          const inDocument = occurrences.filter(
            (o) => o.documentId === annotation.documentId,
          ).length;
          const elsewhere = occurrences.length - inDocument;
          setOffer(occurrences.length ? { annotation, inDocument, elsewhere } : null);
        },
        () => undefined, // Only an offer: the tag itself is saved.
      );
    },
    [api],
  );

  // A new entity span, or a span newly linked to an entity, may have twins elsewhere.
  useEffect(() => {
    let previous = new Map(session.getSnapshot().annotations.map((a) => [a.id, a]));
    return session.subscribe(() => {
      const { annotations, activeId } = session.getSnapshot();
      const before = previous;
      previous = new Map(annotations.map((a) => [a.id, a]));
      const active = activeId ? previous.get(activeId) : undefined;
      if (!active || !isEntityTag(active.tagId, tagById)) return;
      const old = before.get(active.id);
      const isNew = !old && Date.now() - Date.parse(active.createdAt) < NEW_SPAN_MS;
      const newlyLinked = old && active.entityId && old.entityId !== active.entityId;
      if (isNew || newlyLinked) consider(active);
    });
  }, [session, tagById, consider]);

  const open = useCallback((annotation: Annotation, scope: 'document' | 'project') => {
    asked.current++;
    setOffer(null);
    setRequest({ annotation, scope });
  }, []);

  // Alt+A: review the occurrences of the active annotation.
  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (!event.altKey || event.ctrlKey || event.metaKey || event.code !== 'KeyA') return;
      if (isTypingTarget(event.target) || document.querySelector('dialog[open]')) return;
      event.preventDefault();
      const { annotations, activeId } = session.getSnapshot();
      const active = annotations.find((a) => a.id === activeId);
      if (!active) {
        notify({
          kind: 'info',
          title: 'Choose an annotation first (click it, or Enter at the caret), then Alt+A.',
        });
        return;
      }
      open(
        active,
        offer?.annotation.id === active.id && offer.inDocument === 0 ? 'project' : 'document',
      );
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [session, notify, open, offer]);

  return (
    <>
      {offer && !request && (
        <div className="occurrences-offer" role="status">
          <span>
            “{truncate(offer.annotation.exact)}” occurs{' '}
            {offer.inDocument > 0 &&
              `${offer.inDocument} more ${offer.inDocument === 1 ? 'time' : 'times'} here`}
            {offer.inDocument > 0 && offer.elsewhere > 0 && ' and '}
            {offer.elsewhere > 0 &&
              `${offer.elsewhere} ${offer.elsewhere === 1 ? 'time' : 'times'} in other documents`}
            .
          </span>
          <button
            type="button"
            className="button button-small button-primary"
            onClick={() => open(offer.annotation, offer.inDocument > 0 ? 'document' : 'project')}
          >
            Review… <kbd>Alt</kbd>+<kbd>A</kbd>
          </button>
          <button
            type="button"
            className="icon-button"
            aria-label="Dismiss the offer"
            onClick={() => setOffer(null)}
          >
            ×
          </button>
        </div>
      )}
      {request && (
        <OccurrencesDialog
          key={`${request.annotation.id}:${request.annotation.entityId ?? ''}`}
          session={session}
          request={request}
          onClose={() => setRequest(null)}
        />
      )}
    </>
  );
}

function truncate(text: string): string {
  const chars = Array.from(text.replace(/\s+/g, ' ').trim());
  return chars.length > 40 ? `${chars.slice(0, 39).join('')}…` : chars.join('');
}
