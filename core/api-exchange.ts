/** The API's methods for exports and imports of the standard formats, project copies (issue 5). */
import { z } from 'zod';
import { id } from './api-shared';
import { LIMITS } from './limits';

/** The exchange formats' ids (formats/exchange/registry-types.ts ExchangeFormatId). */
export const EXCHANGE_FORMAT_IDS = [
  'jsonl',
  'csv',
  'w3c',
  'qdpx',
  'qdc',
  'brat',
  'conll',
  'doccano',
  'labelstudio',
  'spacy',
  'html',
  'md',
] as const;
export type ExchangeFormatName = (typeof EXCHANGE_FORMAT_IDS)[number];

/** Base64 of at most maxFileBytes bytes. */
const base64 = z
  .string()
  .max(Math.ceil(LIMITS.maxFileBytes / 3) * 4)
  .regex(/^[A-Za-z0-9+/]*={0,2}$/, { message: 'must be base64' });

const path = z
  .string()
  .min(1)
  .max(4096)
  .refine((p) => !p.includes('\0'), { message: 'must not contain a NUL character' });

/** What to export: a format and a scope (one document or the project, some tags or all). */
const exportScope = {
  format: z.enum(EXCHANGE_FORMAT_IDS),
  documentId: id.optional(),
  /** Only these tags and their sub-tags; all when absent. */
  tagIds: z.array(id).min(1).max(1000).optional(),
  /** A UUID the caller picks, so it can ask `exportProgress` how far the export is. */
  jobId: id.optional(),
};

export const exchangeArgSchemas = {
  /**
   * Exports to a file the service writes (a temporary one): small exports come back inline, large
   * ones as a download id that browser mode's server streams (GET /download/<id>, with the token).
   */
  exportProject: z.object(exportScope).strict(),
  /** Streams an export to a file on this computer (CLI, desktop). Refused in browser mode. */
  exportToPath: z.object({ ...exportScope, path }).strict(),
  /** How far the export started with this jobId is; `finished` once it has returned. */
  exportProgress: z.object({ jobId: id }).strict(),
  /** Imports an exchange file sent as bytes (W3C, REFI-QDA, brat, doccano, Label Studio…). */
  importAnnotations: z
    .object({
      fileName: z.string().min(1).max(LIMITS.maxNameLength),
      data: base64,
      /** Read as this format instead of recognising it. */
      format: z.enum(EXCHANGE_FORMAT_IDS).optional(),
    })
    .strict(),
  /** Imports an exchange file the service reads from disk (CLI). Refused in browser mode. */
  importAnnotationsFromPath: z
    .object({ path, format: z.enum(EXCHANGE_FORMAT_IDS).optional() })
    .strict(),
  /** Writes a copy of the whole project (SQLite backup API) to a path. Refused in browser mode. */
  saveProjectCopy: z.object({ path }).strict(),
  /** Makes a copy of the project for browser mode to download (GET /download/<id>). */
  prepareProjectCopyDownload: z.object({}).strict(),
  /**
   * The file behind a download id, handed over once (the id is then spent). Only the browser-mode
   * server calls it, directly: the API doors refuse it, since it names a local path.
   */
  takeDownload: z.object({ id: z.string().regex(/^[0-9a-f]{32}$/) }).strict(),
} as const;

/** What an export wrote and what it could not carry (formats/exchange ExportReport). */
export interface ExchangeExportReport {
  documentCount: number;
  annotationCount: number;
  /** Each annotation, relation or field the format could not hold, with why. */
  omitted: { id: string; what: string; reason: string }[];
}

export interface ExchangeExportResult {
  format: ExchangeFormatName;
  /** A suggested file name, e.g. "gloss-export.jsonld". */
  fileName: string;
  mimeType: string;
  byteSize: number;
  /** The file, when small enough to travel in the reply: UTF-8 text or base64 (zips). */
  content?: { encoding: 'text' | 'base64'; data: string };
  /** A large export waiting to be fetched once from browser mode's /download/<id>. */
  downloadId?: string;
  report: ExchangeExportReport;
}

export interface ExportToPathResult {
  path: string;
  byteSize: number;
  report: ExchangeExportReport;
}

export interface ExportProgress {
  done: number;
  total: number;
  finished: boolean;
}

/** How one document of an imported file was placed. */
export interface ImportedDocumentReport {
  /** The title (or id) the file gives it. */
  title: string;
  /**
   * matched-hash / matched-text: an existing document with the same content; created: a new
   * document made from the file's text; reanchored: its annotations found by quote in
   * `documentId`; unanchored: no document holds its annotations.
   */
  status: 'matched-hash' | 'matched-text' | 'created' | 'reanchored' | 'unanchored';
  documentId: string | null;
  /** The project's title of the matched or created document. */
  projectTitle: string | null;
  annotationsAdded: number;
  annotationsAlreadyPresent: number;
}

export interface ImportAnnotationsReport {
  /** The format read, e.g. "W3C Web Annotation". */
  format: string;
  fileName: string;
  documents: ImportedDocumentReport[];
  annotationsAdded: number;
  /** Annotations that were in the project already (same id, or same tag, range and document). */
  annotationsAlreadyPresent: number;
  relationsAdded: number;
  memosAdded: number;
  tagsCreated: string[];
  attributesCreated: string[];
  entitiesCreated: string[];
  relationTypesCreated: string[];
  /** Everything the file held that was not attached, with why. Never silent. */
  skipped: { what: string; id: string; reason: string }[];
  /** What the reader noticed (e.g. "CRLF counted as two characters"). */
  warnings: string[];
}

export interface ProjectCopyResult {
  path: string;
  byteSize: number;
}

export interface ProjectCopyDownload {
  downloadId: string;
  fileName: string;
  byteSize: number;
}

export interface DownloadFile {
  path: string;
  fileName: string;
  mimeType: string;
  byteSize: number;
}

export interface ExchangeResults {
  exportProject: ExchangeExportResult;
  exportToPath: ExportToPathResult;
  exportProgress: ExportProgress;
  importAnnotations: ImportAnnotationsReport;
  importAnnotationsFromPath: ImportAnnotationsReport;
  saveProjectCopy: ProjectCopyResult;
  prepareProjectCopyDownload: ProjectCopyDownload;
  takeDownload: DownloadFile;
}

/** Browser mode's download route: GET `${DOWNLOAD_PATH_PREFIX}<id>` with the bearer token. */
export const DOWNLOAD_PATH_PREFIX = '/download/';
