/**
 * The one contract between the UI and the service. Every door (Electron IPC, the loopback HTTP
 * server, the CLI) calls the same methods with the same arguments, and every argument is checked
 * at runtime by `validateArgs` before the service touches the database.
 */
import { z } from 'zod';
import type {
  Annotation,
  DocumentSummary,
  ExportResult,
  GlossDocument,
  ImportOutcome,
  ProjectInfo,
  ProjectSettings,
  Tag,
} from './domain';
import { GlossError } from './errors';
import { LIMITS } from './limits';
import { attributePatch, attributeValues, id, note, offset } from './api-shared';
import { codebookArgSchemas, type CodebookResults } from './api-codebook';
import { editingArgSchemas, type EditingResults } from './api-editing';
import { entityArgSchemas, type EntityResults } from './api-entities';
import { exchangeArgSchemas, type ExchangeResults } from './api-exchange';
import { notesArgSchemas, type NotesResults } from './api-notes';
import { safetyArgSchemas, type SafetyResults } from './api-safety';
import { API_METHOD_NAMES, type ApiMethodName } from './methods';

export { LIMITS } from './limits';

/** Base64 of at most maxFileBytes bytes. */
const base64 = z
  .string()
  .max(Math.ceil(LIMITS.maxFileBytes / 3) * 4)
  .regex(/^[A-Za-z0-9+/]*={0,2}$/, { message: 'must be base64' });

const importOptions = z
  .object({
    htmlMode: z.enum(['article', 'whole-page']).optional(),
    encoding: z
      .string()
      .max(40)
      .regex(/^[A-Za-z0-9_.:-]+$/, { message: 'must be an encoding name' })
      .optional(),
    onDuplicate: z.enum(['skip', 'new-version']).optional(),
  })
  .strict();

export const argSchemas = {
  getProjectInfo: z.object({}).strict(),
  listDocuments: z.object({ query: z.string().max(LIMITS.maxQueryLength).optional() }).strict(),
  getDocument: z.object({ id }).strict(),
  deleteDocument: z.object({ id }).strict(),
  importFiles: z
    .object({
      files: z
        .array(
          z
            .object({
              name: z.string().min(1).max(LIMITS.maxNameLength),
              data: base64,
              path: z.string().max(4096).optional(),
            })
            .strict(),
        )
        .min(1)
        .max(LIMITS.maxFilesPerCall),
      options: importOptions.optional(),
    })
    .strict(),
  /**
   * Imports files the service reads itself (desktop dialog, CLI). Folders are walked recursively.
   * Browser mode refuses this method: a web page must never make the service read local paths.
   */
  importPaths: z
    .object({
      paths: z.array(z.string().min(1).max(4096)).min(1).max(LIMITS.maxFilesPerCall),
      options: importOptions.optional(),
    })
    .strict(),
  /** Lists the importable files under the given paths (folders recursively), for progress. */
  expandPaths: z
    .object({ paths: z.array(z.string().min(1).max(4096)).min(1).max(LIMITS.maxFilesPerCall) })
    .strict(),
  /** Paste as new document: clipboard text and/or HTML, through the same sanitising path. */
  importText: z
    .object({
      title: z.string().max(LIMITS.maxNameLength).optional(),
      text: z.string().max(LIMITS.maxPasteChars).optional(),
      html: z.string().max(LIMITS.maxPasteChars).optional(),
    })
    .strict()
    .refine((a) => (a.text ?? '').trim() !== '' || (a.html ?? '').trim() !== '', {
      message: 'nothing to import: the clipboard has no text',
    }),
  /** Re-extracts a document from its kept original bytes (e.g. with another encoding). */
  reimportDocument: z.object({ id, options: importOptions.optional() }).strict(),
  getSettings: z.object({}).strict(),
  updateSettings: z
    .object({
      maxImportBytes: z.number().int().min(1024).max(LIMITS.maxFileBytes).optional(),
      maxTextChars: z.number().int().min(1000).max(500_000_000).optional(),
      keepOriginalBytes: z.number().int().min(0).max(LIMITS.maxFileBytes).optional(),
      backupIntervalMinutes: z
        .number()
        .int()
        .min(0)
        .max(24 * 60)
        .optional(),
      backupsKept: z.number().int().min(1).max(1000).optional(),
    })
    .strict(),
  listTags: z.object({}).strict(),
  listAnnotations: z.object({ documentId: id }).strict(),
  createAnnotation: z
    .object({
      documentId: id,
      tagId: id,
      start: offset,
      end: offset,
      note: note.optional(),
      attributes: attributeValues.optional(),
      entityId: id.nullable().optional(),
    })
    .strict()
    .refine((a) => a.start < a.end, { message: 'start must be before end', path: ['end'] }),
  /** `attributes` is a patch: listed ids are set (null removes one), others are kept. */
  updateAnnotation: z
    .object({
      id,
      tagId: id.optional(),
      note: note.optional(),
      attributes: attributePatch.optional(),
      entityId: id.nullable().optional(),
    })
    .strict()
    .refine(
      (a) =>
        a.tagId !== undefined ||
        a.note !== undefined ||
        a.attributes !== undefined ||
        a.entityId !== undefined,
      { message: 'nothing to update: give tagId, note, attributes or entityId' },
    ),
  deleteAnnotation: z.object({ id }).strict(),
  restoreAnnotation: z.object({ id }).strict(),
  exportAnnotations: z
    .object({ format: z.enum(['jsonl', 'csv']), documentId: id.optional() })
    .strict(),
  ...codebookArgSchemas,
  ...entityArgSchemas,
  ...notesArgSchemas,
  ...editingArgSchemas,
  ...exchangeArgSchemas,
  ...safetyArgSchemas,
} as const;

export type ApiMethod = keyof typeof argSchemas;

/** A re-import makes a new version of the document and moves the annotations that re-anchor. */
export interface ReimportResult {
  document: DocumentSummary;
  /** Annotations moved to the new version (re-anchored by quote and context). */
  moved: number;
  /** Annotations whose quote could not be found unambiguously; they stay on the old version. */
  orphaned: { id: string; exact: string }[];
}
export type ApiArgs = { [M in ApiMethod]: z.input<(typeof argSchemas)[M]> };

export interface ApiResults
  extends
    CodebookResults,
    EntityResults,
    NotesResults,
    EditingResults,
    ExchangeResults,
    SafetyResults {
  getProjectInfo: ProjectInfo;
  listDocuments: DocumentSummary[];
  getDocument: GlossDocument;
  deleteDocument: { id: string };
  importFiles: ImportOutcome[];
  importPaths: ImportOutcome[];
  expandPaths: { files: { path: string; name: string; size: number }[]; skipped: string[] };
  importText: ImportOutcome;
  reimportDocument: ReimportResult;
  getSettings: ProjectSettings;
  updateSettings: ProjectSettings;
  listTags: Tag[];
  listAnnotations: Annotation[];
  createAnnotation: Annotation;
  updateAnnotation: Annotation;
  deleteAnnotation: Annotation;
  restoreAnnotation: Annotation;
  exportAnnotations: ExportResult;
}

/** The API as an object of async methods: what the renderer holds, whatever the door. */
export type GlossApi = { [M in ApiMethod]: (args: ApiArgs[M]) => Promise<ApiResults[M]> };

export const API_METHODS: readonly ApiMethod[] = API_METHOD_NAMES;

// Compile-time proof that the plain list in methods.ts names exactly the methods that have schemas.
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
const methodListMatchesSchemas: Same<ApiMethod, ApiMethodName> = true;
void methodListMatchesSchemas;

export function isApiMethod(name: unknown): name is ApiMethod {
  return typeof name === 'string' && Object.prototype.hasOwnProperty.call(argSchemas, name);
}

/** Checks the arguments of a call; throws GlossError('invalid_argument') naming the first problem. */
export function validateArgs<M extends ApiMethod>(method: M, args: unknown): ApiArgs[M] {
  const parsed = argSchemas[method].safeParse(args ?? {});
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    const where = issue.path.length ? issue.path.join('.') : 'arguments';
    throw new GlossError('invalid_argument', `${method}: ${where} ${issue.message}`, {
      path: issue.path.map(String),
    });
  }
  return parsed.data as ApiArgs[M];
}

export { apiFromCall } from './api-client';
