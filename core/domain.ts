/**
 * The domain as every side sees it. Offsets are code points into a document's stored text,
 * end-exclusive (see offsets.ts). Timestamps are ISO 8601 strings in UTC.
 */

export type Id = string;

export type DocumentFormat = 'txt' | 'md';

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

export interface GlossDocument extends DocumentSummary {
  text: string;
  blocks: Block[];
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
  | { name: string; status: 'failed'; error: string };

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
