/**
 * The domain as every side sees it. Offsets are code points into a document's stored text,
 * end-exclusive (see offsets.ts). Timestamps are ISO 8601 strings in UTC.
 */

export type Id = string;

/** What a document was made from (the detected format, not the file's extension). */
export type DocumentFormat = 'txt' | 'md' | 'html' | 'mhtml' | 'docx' | 'pdf' | 'epub';

export type BlockKind =
  'paragraph' | 'heading' | 'blockquote' | 'bullet_item' | 'ordered_item' | 'code';

export type InlineMarkKind = 'em' | 'strong' | 'link' | 'code';

/** Inline formatting over a range of the document text (code points). */
export interface InlineMark {
  kind: InlineMarkKind;
  start: number;
  end: number;
  /** Only for links, and only http(s) or mailto URLs are ever stored. */
  href?: string;
}

/**
 * A block of the article: a contiguous range of the document text. Blocks are ordered and do not
 * overlap; text between two blocks (the newlines that separate them) is not shown. A newline
 * inside a block is shown as a line break.
 */
export interface Block {
  kind: BlockKind;
  start: number;
  end: number;
  /** Heading level 1–6, list nesting depth 1–…; absent for other kinds. */
  level?: number;
  marks?: InlineMark[];
  /** 1-based page of the source (PDF), so a span can cite it. */
  page?: number;
}

export interface Tag {
  id: Id;
  parentId: Id | null;
  name: string;
  /** CSS hex colour, #rrggbb. */
  color: string;
  /** A single lower-case key, or null. */
  hotkey: string | null;
  description: string;
  position: number;
}

export interface DocumentSummary {
  id: Id;
  title: string;
  format: DocumentFormat;
  sourcePath: string | null;
  sha256: string;
  importedAt: string;
  /** Length of the text in code points. */
  length: number;
  /** Live annotations per tag id. */
  counts: Record<Id, number>;
  /** The editable details (author, outlet, date…); seeded from the metadata on import. */
  details: DocumentDetails;
}

/** The source-reliability grades of the Admiralty (NATO) code: A reliable … E unreliable, F cannot be judged. */
export const RELIABILITY_GRADES = ['A', 'B', 'C', 'D', 'E', 'F'] as const;
export type ReliabilityGrade = (typeof RELIABILITY_GRADES)[number];

/**
 * What the analyst records about a document, editable at any time (unlike its text). The title
 * is the document's own `title`; these are the rest of a citation plus the outlet's reliability.
 */
export interface DocumentDetails {
  author: string;
  outlet: string;
  /** ISO 8601 date or date-time, or ''. */
  publishedAt: string;
  url: string;
  /** BCP 47 tag, or ''. */
  language: string;
  outletReliability: ReliabilityGrade | null;
}

/** What the article says about itself (HTML meta, DOCX/EPUB properties); all optional. */
export interface DocumentMetadata {
  byline?: string;
  siteName?: string;
  /** ISO 8601 date or date-time, as found. */
  publishedAt?: string;
  canonicalUrl?: string;
  /** BCP 47 language tag, e.g. "uk", "ru", "en-GB". */
  language?: string;
}

/** Where a document came from and how it was read: enough to cite it and to re-extract it. */
export interface Provenance {
  /** The original file name (or "clipboard" for a paste). */
  sourceName: string;
  /** The original path, URL or null when unknown (a browser upload). */
  sourcePath: string | null;
  /** Which importer read it and its version, e.g. "pdf.js 4.10.38". */
  importer: string;
  importerVersion: string;
  /** The character encoding the text was decoded from, for text formats; null otherwise. */
  encoding: string | null;
  /** Whether the original bytes are kept in the project (size-capped), so it can be re-extracted. */
  originalKept: boolean;
}

export interface GlossDocument extends DocumentSummary {
  text: string;
  blocks: Block[];
  metadata: DocumentMetadata;
  provenance: Provenance;
}

export interface Annotation {
  id: Id;
  documentId: Id;
  tagId: Id;
  start: number;
  end: number;
  exact: string;
  prefix: string;
  suffix: string;
  note: string;
  author: string;
  createdAt: string;
  updatedAt: string;
  /** Typed attribute values by attribute definition id (see AttributeDef). */
  attributes: AttributeValues;
  /** The canonical entity this span mentions (entity tags), or null. */
  entityId: Id | null;
}

// ---------------------------------------------------------------------------------------------
// The analyst's model (issue 4): attributes, canonical entities, relations, memos, history.

export const ATTRIBUTE_TYPES = [
  'text',
  'long_text',
  'number',
  'date',
  'choice',
  'multi_choice',
  'boolean',
  /** The id of a canonical entity. */
  'entity',
  /** The id of another annotation. */
  'annotation',
] as const;
export type AttributeType = (typeof ATTRIBUTE_TYPES)[number];

export interface AttributeChoice {
  /** What is stored and exported, e.g. "A". */
  value: string;
  /** What the analyst reads, e.g. "A — Completely reliable". */
  label: string;
}

/**
 * A typed field defined on a tag. A tag's annotations carry the attributes of the tag and of all
 * its ancestors (a Statistic under Claim has the Claim's reliability and credibility).
 */
export interface AttributeDef {
  id: Id;
  tagId: Id;
  /** Stable machine name, unique among a tag's and its ancestors' live attributes: "reliability". */
  key: string;
  name: string;
  type: AttributeType;
  /** For choice and multi_choice; empty otherwise. */
  choices: AttributeChoice[];
  description: string;
  position: number;
}

/**
 * One stored value: text/long_text/date/choice/entity/annotation → string (date: ISO 8601
 * "YYYY-MM-DD" or a prefix "YYYY" / "YYYY-MM"), number → number, boolean → boolean,
 * multi_choice → string[].
 */
export type AttributeValue = string | number | boolean | string[];
export type AttributeValues = Record<Id, AttributeValue>;

export const ENTITY_KINDS = [
  'person',
  'organisation',
  'location',
  'event',
  'media',
  'other',
] as const;
export type EntityKind = (typeof ENTITY_KINDS)[number];

/** A real-world person, organisation, place… that mentions in many documents refer to. */
export interface Entity {
  id: Id;
  name: string;
  kind: EntityKind;
  /** Other spellings and names; the name itself is not repeated here. */
  aliases: string[];
  description: string;
  /** Identifiers in other registries typed by hand, e.g. { wikidata: "Q42" }. */
  externalIds: Record<string, string>;
  /** Live annotations linked to it, across the project. */
  mentionCount: number;
  createdAt: string;
  updatedAt: string;
}

/** A kind of link between two annotations: built-in (supports, contradicts…) or the analyst's. */
export interface RelationType {
  id: Id;
  /** Stable machine name: "attributed_to", "supports"… */
  key: string;
  /** Read from source to target: "supports". */
  name: string;
  /** Read from target to source: "supported by"; same as name when symmetric. */
  inverseName: string;
  symmetric: boolean;
  builtIn: boolean;
  position: number;
}

/** A directed link between two annotations, possibly in different documents. */
export interface Relation {
  id: Id;
  typeId: Id;
  sourceId: Id;
  targetId: Id;
  note: string;
  author: string;
  createdAt: string;
  updatedAt: string;
}

/** A memo on a document, or on the whole project (documentId null). Body: Markdown subset. */
export interface Memo {
  id: Id;
  documentId: Id | null;
  body: string;
  author: string;
  createdAt: string;
  updatedAt: string;
}

/**
 * An annotation whose text was deleted by an edit (or could not be re-anchored by a re-import).
 * It stays, live, on the older version of the document it was made on, until the analyst
 * re-attaches it to the current version or deletes it.
 */
export interface Orphan {
  annotation: Annotation;
  /** The current version of the document the orphan belongs to. */
  documentId: Id;
  reason: 'deleted_text' | 'not_found' | 'ambiguous' | 'weak';
}

/** One API call as stored in the history, replayed through the normal (validated) API. */
export interface HistoryCall {
  method: string;
  args: unknown;
}

/** One undoable step of a document's (or the project's) history, kept across sessions. */
export interface HistoryEntry {
  id: Id;
  documentId: Id | null;
  label: string;
  undo: HistoryCall[];
  redo: HistoryCall[];
  undone: boolean;
  createdAt: string;
}

export type ImportOutcome =
  | { name: string; status: 'imported'; document: DocumentSummary }
  /** Same content hash as a live document: skipped (import again with onDuplicate 'new-version'). */
  | { name: string; status: 'duplicate'; existing: DocumentSummary }
  | { name: string; status: 'failed'; error: string };

/** How to read the files of one import call. */
export interface ImportOptions {
  /** HTML: extract the article (default) or keep the whole page. */
  htmlMode?: 'article' | 'whole-page';
  /** Decode text formats with this encoding instead of detecting one (an iconv-lite name). */
  encoding?: string;
  /** A file whose bytes match a live document: skip it (default) or import it as a new version. */
  onDuplicate?: 'skip' | 'new-version';
}

/** Project-wide settings, stored in the project file. */
export interface ProjectSettings {
  /** Largest file an import accepts, in bytes (default 200 MB). */
  maxImportBytes: number;
  /** Largest extracted text, in characters (default 50 million). */
  maxTextChars: number;
  /** Original bytes are kept with a document up to this size, in bytes (0 keeps none). */
  keepOriginalBytes: number;
  /** While the project changes, a backup is made at most every this many minutes (0: never). */
  backupIntervalMinutes: number;
  /** How many backups are kept in `<project>.backups/`; older ones are deleted (default 10). */
  backupsKept: number;
}

export type ExportFormat = 'jsonl' | 'csv';

export interface ExportResult {
  format: ExportFormat;
  /** A suggested file name, e.g. "gloss-export.jsonl". */
  fileName: string;
  mimeType: string;
  content: string;
  documentCount: number;
  annotationCount: number;
}

export interface ProjectInfo {
  projectPath: string;
  schemaVersion: number;
  appVersion: string;
  author: string;
  /** The project is on a read-only disk or folder: it can be read, not changed (issue 6). */
  readOnly?: boolean;
}
