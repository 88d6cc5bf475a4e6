import { SEARCH_LIMITS } from '../core/api-notes';
import type { Id, Memo } from '../core/domain';
import { GlossError } from '../core/errors';
import { writeDocumentDetails } from '../db/document-details';
import { findDocumentSummary, isLiveDocument } from '../db/documents';
import { findMemo, insertMemo, listLiveMemos, setMemoDeleted, updateMemoBody } from '../db/memos';
import { searchIndex } from '../db/search';
import { parseQuery } from '../db/search-text';
import type { ServiceContext } from './context';
import { documentNotFound, newId, now } from './context';
import { inTransaction } from './handlers';
import type { Handlers } from './handlers';
import { relationHandlers } from './relation-methods';

/**
 * The handlers of core/api-notes.ts: relations (relation-methods.ts), memos, search and the
 * editable details of a document. service.ts spreads them into the full table.
 */
export const notesHandlers = {
  ...relationHandlers,

  listMemos: (ctx, { documentId }) => {
    if (documentId !== null && !isLiveDocument(ctx.db, documentId)) {
      throw documentNotFound(documentId);
    }
    return listLiveMemos(ctx.db, documentId);
  },

  createMemo: inTransaction((ctx, { documentId, body }) => {
    if (documentId !== null && !isLiveDocument(ctx.db, documentId)) {
      throw documentNotFound(documentId);
    }
    const at = now();
    const memo: Memo = {
      id: newId(),
      documentId,
      body,
      author: ctx.author,
      createdAt: at,
      updatedAt: at,
    };
    insertMemo(ctx.db, memo);
    return memo;
  }),

  updateMemo: inTransaction((ctx, { id, body }) => {
    const memo = requireLiveMemo(ctx, id);
    if (memo.body !== body) updateMemoBody(ctx.db, id, body, now());
    return findMemo(ctx.db, id)!.memo;
  }),

  deleteMemo: inTransaction((ctx, { id }) => {
    const stored = requireStoredMemo(ctx, id);
    if (stored.deletedAt !== null) return stored.memo;
    const at = now();
    setMemoDeleted(ctx.db, id, at, at);
    return findMemo(ctx.db, id)!.memo;
  }),

  restoreMemo: inTransaction((ctx, { id }) => {
    const stored = requireStoredMemo(ctx, id);
    if (stored.deletedAt === null) return stored.memo;
    const { documentId } = stored.memo;
    if (documentId !== null && !isLiveDocument(ctx.db, documentId)) {
      throw documentNotFound(documentId);
    }
    setMemoDeleted(ctx.db, id, null, now());
    return findMemo(ctx.db, id)!.memo;
  }),

  search: (ctx, { query, limit = SEARCH_LIMITS.defaultHits }) => {
    const terms = parseQuery(query);
    if (terms.length === 0) return { hits: [], more: false };
    try {
      return searchIndex(ctx.db, terms, limit);
    } catch (error) {
      // parseQuery leaves only quoted words, so this should not happen; if FTS5 still refuses the
      // query, say so in words rather than with SQLite's message.
      if (error instanceof Error && /fts5|syntax/i.test(error.message)) {
        throw new GlossError(
          'invalid_argument',
          `Cannot search for “${query.trim()}”: use words, or a "phrase in quotes".`,
          { path: ['query'] },
        );
      }
      throw error;
    }
  },

  updateDocumentDetails: inTransaction((ctx, { id, ...patch }) => {
    if (!isLiveDocument(ctx.db, id)) throw documentNotFound(id);
    writeDocumentDetails(ctx.db, id, patch, ctx.author, now());
    return findDocumentSummary(ctx.db, id)!;
  }),
} satisfies Partial<Handlers>;

function requireStoredMemo(ctx: ServiceContext, id: Id): { memo: Memo; deletedAt: string | null } {
  const stored = findMemo(ctx.db, id);
  if (!stored) throw new GlossError('not_found', `There is no memo ${id}.`, { id });
  return stored;
}

function requireLiveMemo(ctx: ServiceContext, id: Id): Memo {
  const stored = requireStoredMemo(ctx, id);
  if (stored.deletedAt !== null) {
    throw new GlossError('not_found', `Memo ${id} was deleted.`, { id });
  }
  const { documentId } = stored.memo;
  if (documentId !== null && !isLiveDocument(ctx.db, documentId)) {
    throw documentNotFound(documentId);
  }
  return stored.memo;
}
