import { v7 as uuidv7 } from 'uuid';
import type { Id } from '../core/domain';
import { GlossError } from '../core/errors';
import type { Database } from '../db/connection';
import { findDocumentContent } from '../db/documents';
import type { DocumentContent } from '../db/documents';

/** What every service method works with: the open project and who is using it. */
export interface ServiceContext {
  /**
   * The open project. Restoring a backup replaces it with a new connection (issue 6), so read
   * `ctx.db` at each use; never keep the connection itself across an await.
   */
  db: Database;
  projectPath: string;
  author: string;
  appVersion: string;
}

/** A new time-ordered id (UUIDv7), so rows from several laptops merge without clashes. */
export function newId(): Id {
  return uuidv7();
}

/** The current time as stored: ISO 8601 in UTC with milliseconds. */
export function now(): string {
  return new Date().toISOString();
}

/** The live document's content, or GlossError('not_found'). */
export function requireDocument(ctx: ServiceContext, id: Id): DocumentContent {
  const doc = findDocumentContent(ctx.db, id);
  if (!doc) throw documentNotFound(id);
  return doc;
}

export function documentNotFound(id: Id): GlossError {
  return new GlossError('not_found', `There is no document ${id} (it may have been deleted).`, {
    id,
  });
}
