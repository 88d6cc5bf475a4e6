/** The API's methods for the codebook: sub-tags, reorder/rename/merge/delete, attribute definitions, codebook JSON (issue 4). */
import { z } from 'zod';
import { ATTRIBUTE_KEY_PATTERN } from './attributes';
import { CODEBOOK_FORMAT, CODEBOOK_FORMAT_VERSION, HOTKEY_PATTERN } from './codebook-rules';
import type { CodebookFile } from './codebook-rules';
import { ATTRIBUTE_TYPES } from './domain';
import type { AttributeDef, Id, Tag } from './domain';
import { id } from './api-shared';

/** The longest tag or attribute name, in characters. */
export const MAX_CODEBOOK_NAME = 120;
/** The longest description of a tag or an attribute. */
export const MAX_CODEBOOK_DESCRIPTION = 4000;
/** The most choices one attribute can offer. */
export const MAX_CHOICES = 200;
/** The most tags a codebook file may hold (a safety cap, far above any real codebook). */
export const MAX_CODEBOOK_TAGS = 5000;

const name = z
  .string()
  .max(MAX_CODEBOOK_NAME)
  .refine((s) => s.trim() !== '', { message: 'must not be empty' });
const description = z.string().max(MAX_CODEBOOK_DESCRIPTION);
const color = z.string().regex(/^#[0-9a-fA-F]{6}$/, { message: 'must be a colour as #rrggbb' });
const hotkey = z
  .string()
  .regex(HOTKEY_PATTERN, { message: 'must be a single letter (a–z) or digit (0–9)' });
const position = z.number().int().min(0).max(100_000);
const attributeKey = z.string().regex(ATTRIBUTE_KEY_PATTERN, {
  message: 'must start with a letter and hold only a–z, 0–9 and _ (at most 64)',
});
const choice = z
  .object({ value: z.string().min(1).max(MAX_CODEBOOK_NAME), label: z.string().max(300) })
  .strict();
const choices = z.array(choice).max(MAX_CHOICES);
const attributeType = z.enum(ATTRIBUTE_TYPES);

/** An attribute definition inside a codebook file. */
const fileAttribute = z
  .object({
    id,
    key: attributeKey,
    name,
    type: attributeType,
    choices: choices.default([]),
    description: description.default(''),
  })
  .strict();

interface FileTagInput {
  id: string;
  name: string;
  color: string;
  hotkey?: string | null;
  description?: string;
  attributes?: z.input<typeof fileAttribute>[];
  children?: FileTagInput[];
}

/** A tag inside a codebook file; recursive, so its type is spelled out. */
const fileTag: z.ZodType<CodebookFile['tags'][number], FileTagInput> = z.lazy(() =>
  z
    .object({
      id,
      name,
      color,
      hotkey: hotkey.nullable().default(null),
      description: description.default(''),
      attributes: z.array(fileAttribute).max(MAX_CHOICES).default([]),
      children: z.array(fileTag).max(MAX_CODEBOOK_TAGS).default([]),
    })
    .strict(),
);

/** A codebook file as `exportCodebook` writes it (docs/codebook-format.md). */
export const codebookFile = z
  .object({
    format: z.literal(CODEBOOK_FORMAT),
    version: z.literal(CODEBOOK_FORMAT_VERSION),
    exportedAt: z.string().max(64).default(''),
    tags: z.array(fileTag).max(MAX_CODEBOOK_TAGS),
  })
  .strict();

export const codebookArgSchemas = {
  /** A new tag under `parentId` (any depth), at `position` among its siblings (default: last). */
  createTag: z
    .object({
      parentId: id,
      name,
      color: color.optional(),
      hotkey: hotkey.nullable().optional(),
      description: description.optional(),
      position: position.optional(),
    })
    .strict(),
  /** Renames, recolours, re-keys or re-describes a tag; `hotkey: null` removes its hotkey. */
  updateTag: z
    .object({
      id,
      name: name.optional(),
      color: color.optional(),
      hotkey: hotkey.nullable().optional(),
      description: description.optional(),
    })
    .strict(),
  /** Moves a tag to `position` among the children of `parentId` (null: among the roots). */
  moveTag: z.object({ id, parentId: id.nullable(), position }).strict(),
  /**
   * Deletes a sub-tag. Its annotations go to `reassignTo` (required when it has any), its
   * sub-tags move up to its parent, its own attributes are deleted (values are kept).
   */
  deleteTag: z.object({ id, reassignTo: id.optional() }).strict(),
  /** How many annotations (live, all) in how many documents a tag has: before removing it. */
  getTagUsage: z.object({ id }).strict(),
  /** Merges `sourceId` into `targetId`: annotations and sub-tags move, attributes carry by key. */
  mergeTags: z.object({ sourceId: id, targetId: id }).strict(),
  /**
   * The inverse of createTag, deleteTag and mergeTags (undo): brings the tag back with the
   * attributes, sub-tags and annotations that the removal took away from it.
   */
  restoreTag: z
    .object({
      id,
      attributeIds: z.array(id).max(MAX_CHOICES).optional(),
      children: z.array(z.object({ id, position }).strict()).max(MAX_CODEBOOK_TAGS).optional(),
      /** The annotations the removal moved, taken back from `annotationsFrom` only. */
      annotationIds: z.array(id).max(1_000_000).optional(),
      annotationsFrom: id.optional(),
    })
    .strict(),
  listAttributeDefs: z.object({}).strict(),
  /** A new attribute on a tag; `key` defaults to one made from the name. */
  createAttributeDef: z
    .object({
      tagId: id,
      name,
      type: attributeType,
      key: attributeKey.optional(),
      choices: choices.optional(),
      description: description.optional(),
      position: position.optional(),
    })
    .strict(),
  /** Renames an attribute or changes its choices; the type changes only between the text types. */
  updateAttributeDef: z
    .object({
      id,
      name: name.optional(),
      key: attributeKey.optional(),
      type: attributeType.optional(),
      choices: choices.optional(),
      description: description.optional(),
    })
    .strict(),
  moveAttributeDef: z.object({ id, position }).strict(),
  /** Deletes an attribute definition; the values annotations hold for it are kept, hidden. */
  deleteAttributeDef: z.object({ id }).strict(),
  restoreAttributeDef: z.object({ id }).strict(),
  exportCodebook: z.object({}).strict(),
  /** Merges a codebook file into the project: by id, then by name path; reports what it did. */
  importCodebook: z.object({ codebook: codebookFile }).strict(),
} as const;

/** A tag's annotations across the project (its own, not its sub-tags'). */
export interface TagUsage {
  /** Live annotations on live documents. */
  live: number;
  /** Every annotation row with the tag, deleted ones too: what a removal moves. */
  total: number;
  /** Live documents with at least one live annotation of the tag. */
  documents: number;
}

/** What deleting or merging a tag did: enough to show it and to undo it with restoreTag. */
export interface TagRemoval {
  /** The removed tag, as it was. */
  tag: Tag;
  /** Where its annotations went, or null when it had none. */
  reassignedTo: Id | null;
  /** Its attributes deleted with it (their values stay on the annotations). */
  attributeIds: Id[];
  /** Its sub-tags, moved to the target (merge) or to its parent (delete), as they were. */
  children: { id: Id; position: number }[];
  /**
   * Its annotations (deleted ones too) that moved to `reassignedTo`. Their values were not
   * changed, only added to (carried), so moving them back restores what they showed.
   */
  annotationIds: Id[];
  /** Live annotations moved. */
  annotationsMoved: number;
  /** Values that followed onto an attribute of the new tag with the same key. */
  valuesCarried: number;
}

/**
 * One change an import made; an update carries the row before and after, so the import can be
 * undone and redone with ordinary calls. `path` names the row for people: "Claim › Quote".
 */
export type CodebookImportChange =
  | { kind: 'tag'; action: 'created'; id: Id; path: string }
  | { kind: 'tag'; action: 'updated'; id: Id; path: string; before: Tag; after: Tag }
  | { kind: 'attribute'; action: 'created'; id: Id; path: string }
  | {
      kind: 'attribute';
      action: 'updated';
      id: Id;
      path: string;
      before: AttributeDef;
      after: AttributeDef;
    };

/** What importCodebook did. */
export interface CodebookImportReport {
  /** Tags in the file matched to existing ones by id, by name path, or created. */
  tagsMatchedById: number;
  tagsMatchedByPath: number;
  tagsCreated: number;
  tagsUpdated: number;
  attributesCreated: number;
  attributesUpdated: number;
  /** Every row created or changed, in the order it happened. */
  changes: CodebookImportChange[];
  /** What was left as it was and why, e.g. a hotkey another tag has. One line each. */
  warnings: string[];
}

export interface CodebookResults {
  createTag: Tag;
  updateTag: Tag;
  moveTag: Tag;
  deleteTag: TagRemoval;
  getTagUsage: TagUsage;
  mergeTags: TagRemoval;
  restoreTag: Tag;
  listAttributeDefs: AttributeDef[];
  createAttributeDef: AttributeDef;
  updateAttributeDef: AttributeDef;
  moveAttributeDef: AttributeDef;
  deleteAttributeDef: AttributeDef;
  restoreAttributeDef: AttributeDef;
  exportCodebook: CodebookFile;
  importCodebook: CodebookImportReport;
}
