/** The API's methods for canonical entities: registry, aliases, suggestions, merge/split, mentions, tag-all-occurrences (issue 4). */
import { z } from 'zod';
import type { Annotation, Entity, Id } from './domain';
import { ENTITY_KINDS } from './domain';
import { attributeValues, id, note, offset } from './api-shared';
import { LIMITS } from './limits';
import type { NameMatchKind } from './names';

/** Caps of the entity registry's inputs. */
export const ENTITY_LIMITS = {
  nameLength: 300,
  aliasesPerEntity: 200,
  descriptionLength: 20_000,
  externalIds: 20,
  externalIdLength: 200,
  /** Annotations one createAnnotations call makes (an "accept all" of a long list). */
  annotationsPerBatch: 1000,
  /** Ids a merge, unmerge or split moves in one call. */
  movedPerCall: 100_000,
  suggestions: 50,
  occurrences: 2000,
} as const;

/**
 * Formats of external ids the registry knows; any other key (lower-case, digits, underscores)
 * is accepted with any short value.
 */
export const EXTERNAL_ID_FORMATS: Record<string, { pattern: RegExp; example: string }> = {
  wikidata: { pattern: /^Q[1-9]\d*$/, example: 'Q42' },
  geonames: { pattern: /^[1-9]\d*$/, example: '703448' },
  viaf: { pattern: /^[1-9]\d*$/, example: '102333412' },
  isni: { pattern: /^\d{15}[\dX]$/, example: '0000000121032683' },
  orcid: { pattern: /^\d{4}-\d{4}-\d{4}-\d{3}[\dX]$/, example: '0000-0002-1825-0097' },
};

const kind = z.enum(ENTITY_KINDS);
const name = z
  .string()
  .max(ENTITY_LIMITS.nameLength)
  .refine((s) => s.trim() !== '', { message: 'must not be empty' });
const aliases = z
  .array(z.string().max(ENTITY_LIMITS.nameLength))
  .max(ENTITY_LIMITS.aliasesPerEntity);
const description = z.string().max(ENTITY_LIMITS.descriptionLength);
const externalIds = z
  .record(
    z
      .string()
      .regex(/^[a-z][a-z0-9_]{0,39}$/, { message: 'must be a lower-case name like "wikidata"' }),
    z.string().trim().min(1).max(ENTITY_LIMITS.externalIdLength),
  )
  .refine((ids) => Object.keys(ids).length <= ENTITY_LIMITS.externalIds, {
    message: `at most ${ENTITY_LIMITS.externalIds} external ids`,
  })
  .superRefine((ids, issue) => {
    for (const [key, value] of Object.entries(ids)) {
      // Own keys only: a key such as "constructor" must not find Object's prototype.
      const format = Object.hasOwn(EXTERNAL_ID_FORMATS, key) ? EXTERNAL_ID_FORMATS[key] : undefined;
      if (format && !format.pattern.test(value)) {
        issue.addIssue({
          code: 'custom',
          path: [key],
          message: `must look like ${format.example}`,
        });
      }
    }
  });
const ids = z.array(id).max(ENTITY_LIMITS.movedPerCall);

/** What a merge moved from the source to the target, so that restoreEntity can move it back. */
const moved = z
  .object({
    aliasIds: ids,
    annotationIds: ids,
    attributeRefs: z
      .array(z.object({ annotationId: id, attributeId: id }).strict())
      .max(ENTITY_LIMITS.movedPerCall),
  })
  .strict();

/** One span to tag: the arguments of createAnnotation. */
const newAnnotation = z
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
  .refine((a) => a.start < a.end, { message: 'start must be before end', path: ['end'] });

export const entityArgSchemas = {
  /**
   * Live entities by name, or those matching `query` (any spelling, best first), or exactly the
   * ones in `ids` (with `includeDeleted`, also deleted and merged ones: to name a link).
   */
  listEntities: z
    .object({
      query: z.string().max(LIMITS.maxQueryLength).optional(),
      kind: kind.optional(),
      ids: z.array(id).max(1000).optional(),
      includeDeleted: z.boolean().optional(),
    })
    .strict(),
  /** An entity with its mentions and the annotations whose attributes refer to it. */
  getEntity: z.object({ id }).strict(),
  createEntity: z
    .object({
      name,
      kind: kind.optional(),
      aliases: aliases.optional(),
      description: description.optional(),
      externalIds: externalIds.optional(),
    })
    .strict(),
  /** `aliases` and `externalIds`, when given, replace the whole list. */
  updateEntity: z
    .object({
      id,
      name: name.optional(),
      kind: kind.optional(),
      aliases: aliases.optional(),
      description: description.optional(),
      externalIds: externalIds.optional(),
    })
    .strict(),
  /** Soft: its mentions keep their link (hidden from lists and suggestions) until a restore. */
  deleteEntity: z.object({ id }).strict(),
  /**
   * Brings a deleted entity back. For a merged one, `moved` (what mergeEntities reported) moves
   * back from the entity it was merged into: the undo of a merge, the redo of a split.
   */
  restoreEntity: z.object({ id, moved: moved.optional() }).strict(),
  /** Live entities whose name or an alias sounds like `text`: never links anything. */
  suggestEntities: z
    .object({
      text: z.string().max(ENTITY_LIMITS.nameLength * 4),
      limit: z.number().int().min(1).max(ENTITY_LIMITS.suggestions).optional(),
      kind: kind.optional(),
    })
    .strict(),
  /**
   * Moves the source's aliases, mentions and entity-typed attribute values to the target, then
   * retires the source (merged_into, deleted). `moved` limits the move to those items (the undo
   * of a split); by default everything moves.
   */
  mergeEntities: z
    .object({ sourceId: id, targetId: id, moved: moved.optional() })
    .strict()
    .refine((a) => a.sourceId !== a.targetId, {
      message: 'an entity cannot be merged into itself',
      path: ['targetId'],
    }),
  /** Makes a new entity of some of an entity's mentions (and of those of its aliases named). */
  splitEntity: z
    .object({
      id,
      name,
      kind: kind.optional(),
      aliases: aliases.optional(),
      annotationIds: z.array(id).min(1).max(ENTITY_LIMITS.movedPerCall),
    })
    .strict(),
  /** Tags many spans in one transaction: all are made, or none. */
  createAnnotations: z
    .object({
      annotations: z.array(newAnnotation).min(1).max(ENTITY_LIMITS.annotationsPerBatch),
    })
    .strict(),
  /** Soft-deletes many annotations in one transaction (the undo of an "accept all"). */
  deleteAnnotations: z
    .object({ ids: z.array(id).min(1).max(ENTITY_LIMITS.annotationsPerBatch) })
    .strict(),
  /** Brings many deleted annotations back in one transaction (the redo of an "accept all"). */
  restoreAnnotations: z
    .object({ ids: z.array(id).min(1).max(ENTITY_LIMITS.annotationsPerBatch) })
    .strict(),
  /**
   * Other places where `text` and the entity's name and aliases occur as whole words (ignoring
   * case and accents), not yet tagged with `tagId`: in the document, or in every live document.
   */
  findOccurrences: z
    .object({
      documentId: id,
      text: z
        .string()
        .max(ENTITY_LIMITS.nameLength * 4)
        .optional(),
      entityId: id.optional(),
      tagId: id,
      scope: z.enum(['document', 'project']),
      limit: z.number().int().min(1).max(ENTITY_LIMITS.occurrences).optional(),
    })
    .strict()
    .refine((a) => (a.text ?? '').trim() !== '' || a.entityId !== undefined, {
      message: 'give the text to look for, or an entity',
      path: ['text'],
    }),
} as const;

/** An annotation that mentions an entity, with where it is. */
export interface EntityMention {
  annotationId: Id;
  documentId: Id;
  documentTitle: string;
  tagId: Id;
  start: number;
  end: number;
  exact: string;
  prefix: string;
  suffix: string;
  createdAt: string;
}

/** An annotation whose entity-typed attribute (e.g. a claim's "attributed to") names an entity. */
export interface EntityReference extends EntityMention {
  attributeId: Id;
  attributeName: string;
}

/** An entity listed with deletion state (listEntities with includeDeleted). */
export interface EntityListItem extends Entity {
  deleted: boolean;
  mergedInto: Id | null;
}

/** An entity with its state, its mentions and the annotations that refer to it (getEntity). */
export interface EntityDetails extends EntityListItem {
  /** When the entity was deleted (or merged); it is kept so that links can name it. */
  deletedAt: string | null;
  /** Live annotations in live documents linked to it: newest documents first, text order. */
  mentions: EntityMention[];
  references: EntityReference[];
}

export interface EntitySuggestion {
  entity: Entity;
  /** The name or alias that matched. */
  matched: string;
  match: NameMatchKind;
  score: number;
}

/** What a merge moved (what restoreEntity takes to undo it). */
export interface EntityMoves {
  aliasIds: Id[];
  annotationIds: Id[];
  attributeRefs: { annotationId: Id; attributeId: Id }[];
}

export interface MergeResult {
  source: Entity;
  target: Entity;
  moved: EntityMoves;
}

export interface SplitResult {
  source: Entity;
  created: Entity;
  /**
   * What moved to the new entity: `mergeEntities({ sourceId: created.id, targetId: source.id,
   * moved })` undoes the split, `restoreEntity({ id: created.id, moved })` redoes it.
   */
  moved: EntityMoves;
}

/** A place where the text (or an alias) occurs and that is not tagged with the tag yet. */
export interface Occurrence {
  documentId: Id;
  documentTitle: string;
  start: number;
  end: number;
  exact: string;
  prefix: string;
  suffix: string;
  /** The name, alias or text that was looked for and found here. */
  matched: string;
}

export interface OccurrencesResult {
  occurrences: Occurrence[];
  /** More occurrences exist than `limit`. */
  truncated: boolean;
  /** What was looked for: the text, the entity's name and aliases (deduplicated). */
  searched: string[];
  /** Documents searched. */
  documentCount: number;
}

export interface EntityResults {
  listEntities: EntityListItem[];
  getEntity: EntityDetails;
  createEntity: Entity;
  updateEntity: Entity;
  deleteEntity: Entity;
  restoreEntity: Entity;
  suggestEntities: EntitySuggestion[];
  mergeEntities: MergeResult;
  splitEntity: SplitResult;
  createAnnotations: Annotation[];
  deleteAnnotations: Annotation[];
  restoreAnnotations: Annotation[];
  findOccurrences: OccurrencesResult;
}
