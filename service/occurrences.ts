/**
 * Tag all occurrences: after tagging "Jeyhun Mammadov", find the other places where that text or
 * the linked entity's names occur, in the document or in the whole project, and tag the ones the
 * analyst accepts in one transaction (createAnnotations), which one call also undoes and redoes.
 */
import type { ApiArgs } from '../core/api';
import type { Occurrence, OccurrencesResult } from '../core/api-entities';
import type { Annotation, Id } from '../core/domain';
import { GlossError } from '../core/errors';
import { FoldedText, foldPhrase } from '../core/find-text';
import type { TextSpan } from '../core/find-text';
import { QUOTE_CONTEXT } from '../core/quote';
import { findDocumentContent } from '../db/documents';
import { findTag } from '../db/tags';
import { currentDocuments, setAnnotationEntity, spansWithTag } from '../db/entity-mentions';
import type { TaggedSpan } from '../db/entity-mentions';
import { createAnnotation, deleteAnnotation, restoreAnnotation } from './annotation-methods';
import type { ServiceContext } from './context';
import { now, requireDocument } from './context';
import { requireLiveEntity } from './entity-registry';

/** Occurrences returned when the caller gives no limit. */
const DEFAULT_LIMIT = 500;

/** Phrases shorter than this (in code points, folded) would match everywhere: not looked for. */
const MIN_PHRASE_LENGTH = 2;

export function findOccurrences(
  ctx: ServiceContext,
  args: ApiArgs['findOccurrences'],
): OccurrencesResult {
  const current = requireDocument(ctx, args.documentId);
  if (!findTag(ctx.db, args.tagId)) {
    throw new GlossError('not_found', `There is no tag ${args.tagId} (it may have been deleted).`, {
      id: args.tagId,
    });
  }
  const phrases = phrasesToFind(ctx, args.text, args.entityId);
  const limit = args.limit ?? DEFAULT_LIMIT;
  const documents =
    args.scope === 'document'
      ? [{ id: current.id, title: current.title }]
      : [
          { id: current.id, title: current.title },
          ...currentDocuments(ctx.db).filter((d) => d.id !== current.id),
        ];
  const tagged = groupByDocument(
    spansWithTag(ctx.db, args.tagId, args.scope === 'document' ? current.id : undefined),
  );
  const occurrences: Occurrence[] = [];
  let truncated = false;
  for (const doc of documents) {
    if (phrases.length === 0) break;
    const folded = foldedDocument(ctx, doc.id);
    if (!folded) continue;
    const found = untaggedMatches(folded, phrases, tagged.get(doc.id) ?? []);
    for (const { span, matched } of found) {
      if (occurrences.length === limit) {
        truncated = true;
        break;
      }
      occurrences.push({
        documentId: doc.id,
        documentTitle: doc.title,
        ...span,
        ...quote(folded, span),
        matched,
      });
    }
    if (truncated) break;
  }
  return {
    occurrences,
    truncated,
    searched: phrases.map((p) => p.text),
    documentCount: documents.length,
  };
}

interface Phrase {
  text: string;
  folded: string;
}

/** The text and the entity's names, each once (as folded), long enough to mean something. */
function phrasesToFind(ctx: ServiceContext, text: string | undefined, entityId: Id | undefined) {
  const candidates = [text ?? ''];
  if (entityId !== undefined) {
    const { entity } = requireLiveEntity(ctx, entityId);
    candidates.push(entity.name, ...entity.aliases);
  }
  const phrases: Phrase[] = [];
  const seen = new Set<string>();
  for (const candidate of candidates) {
    const folded = foldPhrase(candidate);
    if (Array.from(folded).length < MIN_PHRASE_LENGTH || seen.has(folded)) continue;
    seen.add(folded);
    phrases.push({ text: candidate.trim().replace(/\s+/gu, ' '), folded });
  }
  return phrases;
}

/**
 * Where any phrase occurs in a document and no span with the tag overlaps it. Where two phrases'
 * matches overlap ("Jeyhun Mammadov" and its alias "Mammadov"), the longer one is kept.
 */
function untaggedMatches(
  folded: FoldedText,
  phrases: readonly Phrase[],
  tagged: readonly TaggedSpan[],
): { span: TextSpan; matched: string }[] {
  const all = phrases.flatMap((phrase) =>
    folded.find(phrase.folded).map((span) => ({ span, matched: phrase.text })),
  );
  all.sort(
    (a, b) =>
      b.span.end - b.span.start - (a.span.end - a.span.start) || a.span.start - b.span.start,
  );
  const kept: { span: TextSpan; matched: string }[] = [];
  const overlaps = (x: TextSpan, y: TextSpan) => x.start < y.end && y.start < x.end;
  for (const candidate of all) {
    if (tagged.some((t) => overlaps(t, candidate.span))) continue;
    if (kept.some((k) => overlaps(k.span, candidate.span))) continue;
    kept.push(candidate);
  }
  return kept.sort((a, b) => a.span.start - b.span.start);
}

function quote(folded: FoldedText, { start, end }: TextSpan) {
  const { index } = folded;
  return {
    exact: index.slice(start, end),
    prefix: index.slice(Math.max(0, start - QUOTE_CONTEXT), start),
    suffix: index.slice(end, Math.min(index.codePointLength, end + QUOTE_CONTEXT)),
  };
}

function groupByDocument(spans: readonly TaggedSpan[]): Map<Id, TaggedSpan[]> {
  const byDocument = new Map<Id, TaggedSpan[]>();
  for (const span of spans) {
    const list = byDocument.get(span.documentId);
    if (list) list.push(span);
    else byDocument.set(span.documentId, [span]);
  }
  return byDocument;
}

/**
 * Folded texts of recently searched documents. A document's text never changes (an edit makes a
 * new document), so an entry can never be stale; the cache only bounds the memory it takes.
 */
const foldedCache = new Map<Id, FoldedText>();
const FOLDED_CACHE_WEIGHT = 40_000_000;
let foldedCacheWeight = 0;

function foldedDocument(ctx: ServiceContext, id: Id): FoldedText | undefined {
  const cached = foldedCache.get(id);
  if (cached) {
    // Most recently used last, so the oldest is evicted first.
    foldedCache.delete(id);
    foldedCache.set(id, cached);
    return cached;
  }
  const content = findDocumentContent(ctx.db, id);
  if (!content) return undefined;
  const folded = new FoldedText(content.text);
  foldedCache.set(id, folded);
  foldedCacheWeight += folded.weight;
  for (const [oldId, old] of foldedCache) {
    if (foldedCacheWeight <= FOLDED_CACHE_WEIGHT || oldId === id) break;
    foldedCache.delete(oldId);
    foldedCacheWeight -= old.weight;
  }
  return folded;
}

/**
 * Tags many spans, each checked as createAnnotation checks one, in one transaction (the caller
 * wraps it): when one fails, none is made, and the error names which one.
 */
export function createAnnotations(
  ctx: ServiceContext,
  { annotations }: ApiArgs['createAnnotations'],
): Annotation[] {
  const at = now();
  return annotations.map((args, i) => {
    try {
      if (args.entityId) requireLiveEntity(ctx, args.entityId);
      const created = createAnnotation(ctx, args);
      const entityId = args.entityId ?? null;
      if (created.entityId === entityId) return created;
      setAnnotationEntity(ctx.db, created.id, entityId, at);
      return { ...created, entityId };
    } catch (error) {
      if (!(error instanceof GlossError)) throw error;
      const details = typeof error.details === 'object' && error.details ? error.details : {};
      throw new GlossError(
        error.code,
        `Annotation ${i + 1} of ${annotations.length}: ${error.message}`,
        { ...details, index: i },
      );
    }
  });
}

/** Soft-deletes many annotations (the undo of an accepted batch). */
export function deleteAnnotations(
  ctx: ServiceContext,
  { ids }: ApiArgs['deleteAnnotations'],
): Annotation[] {
  return ids.map((id) => deleteAnnotation(ctx, { id }));
}

/** Restores many annotations (the redo of an accepted batch); their documents must be live. */
export function restoreAnnotations(
  ctx: ServiceContext,
  { ids }: ApiArgs['restoreAnnotations'],
): Annotation[] {
  return ids.map((id) => restoreAnnotation(ctx, { id }));
}
