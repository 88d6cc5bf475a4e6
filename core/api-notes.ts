/**
 * The API's methods for relations between annotations, memos, search and the editable details
 * of a document (issue 4, points 5–7).
 */
import { z } from 'zod';
import type { DocumentSummary, Id, Memo, Relation, RelationType, ReliabilityGrade } from './domain';
import { RELIABILITY_GRADES } from './domain';
import { id, note } from './api-shared';
import { LIMITS } from './limits';

/** Longest relation type name ("contradicts", "quotes from"…). */
export const MAX_RELATION_TYPE_NAME = 60;

/** Hits one search call returns by default, and at most. */
export const SEARCH_LIMITS = { defaultHits: 50, maxHits: 200 } as const;

const typeName = z
  .string()
  .trim()
  .min(1, { message: 'must not be empty' })
  .max(MAX_RELATION_TYPE_NAME);

const detailText = z.string().trim().max(LIMITS.maxNameLength);

/** http(s) only: a details URL may be opened in a browser one day, so nothing else is stored. */
export const detailsUrl = z
  .string()
  .trim()
  .max(4096)
  .refine((value) => value === '' || isHttpUrl(value), {
    message: 'must be an http:// or https:// address',
  });

/** The shape of a BCP 47 tag ("uk", "en-GB", "sr-Latn-RS"), or ''. */
export const languageTag = z
  .string()
  .trim()
  .max(35)
  .regex(/^(?:[A-Za-z]{2,3}(?:-[A-Za-z0-9]{1,8})*)?$/, {
    message: 'must be a language tag such as "uk", "ru" or "en-GB"',
  });

/** An ISO 8601 date ("2024", "2024-03", "2024-03-01") or date-time, or ''. */
export const isoDate = z
  .string()
  .trim()
  .max(40)
  .regex(
    /^(?:\d{4}(?:-\d{2}(?:-\d{2}(?:[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?)?)?)?)?$/,
    {
      message: 'must be a date such as 2024-03-01 (or 2024-03, 2024)',
    },
  );

export const notesArgSchemas = {
  /** Every live relation type, built-in first, in their order. */
  listRelationTypes: z.object({}).strict(),
  /** A relation type of the analyst's; `inverseName` defaults to `name`. */
  createRelationType: z
    .object({
      name: typeName,
      inverseName: typeName.optional(),
      symmetric: z.boolean().optional(),
    })
    .strict(),
  /** Renames a user-defined type (built-in ones are fixed, so projects merge cleanly). */
  updateRelationType: z
    .object({
      id,
      name: typeName.optional(),
      inverseName: typeName.optional(),
      symmetric: z.boolean().optional(),
    })
    .strict()
    .refine(
      (a) => a.name !== undefined || a.inverseName !== undefined || a.symmetric !== undefined,
      { message: 'nothing to update: give name, inverseName or symmetric' },
    ),
  /** Deletes a user-defined type that no live relation uses. */
  deleteRelationType: z.object({ id }).strict(),
  restoreRelationType: z.object({ id }).strict(),
  /** Live relations with at least one end in the document, with what is needed to show both. */
  listRelations: z.object({ documentId: id }).strict(),
  createRelation: z
    .object({ typeId: id, sourceId: id, targetId: id, note: note.optional() })
    .strict()
    .refine((a) => a.sourceId !== a.targetId, {
      message: 'an annotation cannot be related to itself',
      path: ['targetId'],
    }),
  updateRelation: z
    .object({ id, typeId: id.optional(), note: note.optional() })
    .strict()
    .refine((a) => a.typeId !== undefined || a.note !== undefined, {
      message: 'nothing to update: give typeId or note',
    }),
  deleteRelation: z.object({ id }).strict(),
  restoreRelation: z.object({ id }).strict(),
  /** The live memos of a document (and of its earlier versions), or of the project (null). */
  listMemos: z.object({ documentId: id.nullable() }).strict(),
  createMemo: z.object({ documentId: id.nullable(), body: note }).strict(),
  updateMemo: z.object({ id, body: note }).strict(),
  deleteMemo: z.object({ id }).strict(),
  restoreMemo: z.object({ id }).strict(),
  /**
   * Full-text search of annotation quotes and notes, memos, document titles, authors and
   * outlets. The query is words and "quoted phrases"; case and accents are ignored.
   */
  search: z
    .object({
      query: z.string().max(LIMITS.maxQueryLength),
      limit: z.number().int().min(1).max(SEARCH_LIMITS.maxHits).optional(),
    })
    .strict(),
  /** Changes a document's title and details; fields left out keep their value. */
  updateDocumentDetails: z
    .object({
      id,
      title: z
        .string()
        .trim()
        .min(1, { message: 'must not be empty' })
        .max(LIMITS.maxNameLength)
        .optional(),
      author: detailText.optional(),
      outlet: detailText.optional(),
      publishedAt: isoDate.optional(),
      url: detailsUrl.optional(),
      language: languageTag.optional(),
      outletReliability: z.enum(RELIABILITY_GRADES).nullable().optional(),
    })
    .strict(),
} as const;

function isHttpUrl(value: string): boolean {
  try {
    const url = new URL(value);
    return (url.protocol === 'http:' || url.protocol === 'https:') && url.hostname !== '';
  } catch {
    return false;
  }
}

/** One end of a relation, described well enough to show it wherever it lives. */
export interface RelationEnd {
  annotationId: Id;
  documentId: Id;
  documentTitle: string;
  tagId: Id;
  start: number;
  end: number;
  /** The annotation's quote, cut to at most RELATION_QUOTE_CHARS code points. */
  exact: string;
}

/** Code points of a relation end's quote that listRelations returns. */
export const RELATION_QUOTE_CHARS = 200;

/** A relation with both of its ends. */
export interface RelationWithEnds extends Relation {
  source: RelationEnd;
  target: RelationEnd;
}

/** Which field of a hit matched. */
export type SearchField = 'quote' | 'note' | 'memo' | 'title' | 'author' | 'outlet';

/**
 * A piece of the matching text, plain (never HTML), with the matches as code-point ranges into
 * `text`, end-exclusive. `text` may start or end with "…" where it was cut.
 */
export interface SearchSnippet {
  text: string;
  matches: { start: number; end: number }[];
}

export interface SearchHit {
  kind: 'annotation' | 'memo' | 'document';
  /** The annotation's, memo's or document's id. */
  id: Id;
  /** The document it belongs to; null for a project memo. */
  documentId: Id | null;
  documentTitle: string | null;
  field: SearchField;
  snippet: SearchSnippet;
  /** For annotations: its tag and where it lies (code points). */
  annotation?: { tagId: Id; start: number; end: number };
}

export interface SearchResult {
  hits: SearchHit[];
  /** More hits matched than `limit`. */
  more: boolean;
}

export interface NotesResults {
  listRelationTypes: RelationType[];
  createRelationType: RelationType;
  updateRelationType: RelationType;
  deleteRelationType: RelationType;
  restoreRelationType: RelationType;
  listRelations: RelationWithEnds[];
  createRelation: RelationWithEnds;
  updateRelation: RelationWithEnds;
  deleteRelation: RelationWithEnds;
  restoreRelation: RelationWithEnds;
  listMemos: Memo[];
  createMemo: Memo;
  updateMemo: Memo;
  deleteMemo: Memo;
  restoreMemo: Memo;
  search: SearchResult;
  updateDocumentDetails: DocumentSummary;
}

export type { ReliabilityGrade };
