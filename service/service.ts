import { existsSync, mkdirSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { API_METHODS, validateArgs } from '../core/api';
import type { ApiMethod, GlossApi } from '../core/api';
import { GlossError } from '../core/errors';
import { openDatabase } from '../db/connection';
import { findDocument, listDocumentSummaries, softDeleteDocument } from '../db/documents';
import { readSchemaVersion } from '../db/migrations';
import { readSettings, writeSettings } from '../db/settings';
import { listTags } from '../db/tags';
import {
  createAnnotation,
  deleteAnnotation,
  listAnnotations,
  restoreAnnotation,
  updateAnnotation,
} from './annotation-methods';
import { codebookHandlers } from './codebook-methods';
import type { ServiceContext } from './context';
import { editingHandlers } from './editing-methods';
import { entityHandlers } from './entity-methods';
import { exchangeHandlers } from './exchange-methods';
import { inTransaction, type Handlers } from './handlers';
import { notesHandlers } from './notes-methods';
import { safetyHandlers, startSafety, storageError } from './safety-methods';
import { documentNotFound, now } from './context';
import { expandPaths, importFiles, importPaths, importText } from './import-methods';
import { reimportDocument } from './reimport';
import { exportAnnotations } from './transfer-methods';

export interface ServiceOptions {
  /** The project file; created, with its folder, if it does not exist (unless `mustExist`). */
  projectPath: string;
  /** Recorded as the author of annotations and the importer of documents. */
  author: string;
  appVersion: string;
  /** Refuse to create a new project: for commands that only read one (e.g. `gloss export`). */
  mustExist?: boolean;
}

/** An open project and the API over it. */
export interface GlossService {
  api: GlossApi;
  /** Closes the database. Calls made after this reject. */
  close(): void;
}

/**
 * The implementation of each method, called only with arguments that passed validation. The
 * imports are async (readers such as pdf.js are); they never hold a transaction across an await,
 * so other calls can be answered while a long file is being read.
 */
const handlers: Handlers = {
  getProjectInfo: (ctx) => ({
    projectPath: ctx.projectPath,
    schemaVersion: readSchemaVersion(ctx.db),
    appVersion: ctx.appVersion,
    author: ctx.author,
    // Only said when true: a project is writable unless its disk or folder is not.
    ...(ctx.db.readonly ? { readOnly: true } : {}),
  }),
  listDocuments: (ctx, { query }) => listDocumentSummaries(ctx.db, query),
  getDocument: (ctx, { id }) => {
    const doc = findDocument(ctx.db, id);
    if (!doc) throw documentNotFound(id);
    return doc;
  },
  deleteDocument: (ctx, { id }) => {
    if (!softDeleteDocument(ctx.db, id, now())) throw documentNotFound(id);
    return { id };
  },
  importFiles,
  importPaths,
  expandPaths,
  importText,
  reimportDocument,
  getSettings: (ctx) => readSettings(ctx.db),
  updateSettings: inTransaction((ctx, changes) => {
    writeSettings(ctx.db, changes, ctx.author, now());
    return readSettings(ctx.db);
  }),
  listTags: (ctx) => listTags(ctx.db),
  listAnnotations,
  createAnnotation: inTransaction(createAnnotation),
  updateAnnotation: inTransaction(updateAnnotation),
  deleteAnnotation: inTransaction(deleteAnnotation),
  restoreAnnotation: inTransaction(restoreAnnotation),
  exportAnnotations,
  ...codebookHandlers,
  ...entityHandlers,
  ...notesHandlers,
  ...editingHandlers,
  ...exchangeHandlers,
  ...safetyHandlers,
};

/**
 * Opens the project at `projectPath` (creating it and its folder when new, migrating it when old)
 * and returns the GlossApi over it. Every method validates its arguments with `validateArgs`
 * before it reads or writes anything, so bad input is a GlossError('invalid_argument') and
 * leaves the project as it was. Throws GlossError when the project cannot be opened.
 */
export function openService(options: ServiceOptions): GlossService {
  const projectPath = resolve(options.projectPath);
  if (!existsSync(projectPath)) {
    if (options.mustExist) {
      throw new GlossError('not_found', `There is no Gloss project at ${projectPath}.`);
    }
    try {
      mkdirSync(dirname(projectPath), { recursive: true });
    } catch (error) {
      const reason = (error as Error).message;
      throw new GlossError('not_found', `Cannot create the folder of ${projectPath}: ${reason}`);
    }
  }
  const ctx: ServiceContext = {
    db: openDatabase(projectPath),
    projectPath,
    author: options.author,
    appVersion: options.appVersion,
  };
  // Backups on open and while the project changes, and this process in the project's holders.
  const stopSafety = startSafety(ctx);
  const api = {} as Record<ApiMethod, (args: unknown) => Promise<unknown>>;
  for (const method of API_METHODS) {
    const handler = handlers[method] as (ctx: ServiceContext, args: unknown) => unknown;
    api[method] = async (args) => {
      const valid = validateArgs(method, args);
      if (!ctx.db.open) throw new GlossError('internal', 'The project is closed.');
      try {
        return await handler(ctx, valid);
      } catch (error) {
        // A full disk, a read-only project, another Gloss holding the lock: said in words.
        throw storageError(error, ctx);
      }
    };
  }
  return {
    api: api as GlossApi,
    close() {
      stopSafety();
      if (!ctx.db.open) return;
      try {
        // Lets SQLite refresh its query-planner statistics, as its documentation advises.
        // Not on a read-only project, and a full disk must not stop the close: it is optional.
        if (!ctx.db.readonly) ctx.db.pragma('optimize');
      } catch {
        // The statistics stay as they were.
      } finally {
        ctx.db.close();
      }
    },
  };
}
