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
}
