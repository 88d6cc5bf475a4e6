/**
 * What every exchange format reads and writes (issue 5): the project's model as plain data. An
 * exporter gets an ExchangeSource, which hands out documents one at a time so a large project
 * streams to disk with bounded memory; an importer returns an ExchangeBundle, which the service
 * attaches to the open project (matching documents by content hash, else by quote).
 *
 * Offsets are code points into the document text, end-exclusive, as everywhere in Gloss.
 */
import type {
  Annotation,
  AttributeDef,
  DocumentDetails,
  DocumentFormat,
  Entity,
  Memo,
  Relation,
  RelationType,
  Tag,
} from '../../core/domain';

/** The codebook as a format needs it: tags (tree by parentId), their attributes, relation types. */
export interface ExchangeCodebook {
  tags: Tag[];
  attributeDefs: AttributeDef[];
  relationTypes: RelationType[];
}

/** A document with its text; `sha256` is the hash Gloss keeps for it (of the imported bytes). */
export interface ExchangeDocumentInfo {
  id: string;
  title: string;
  text: string;
  sha256: string;
  format: DocumentFormat;
  importedAt: string;
  details: DocumentDetails;
}

/** One document and everything that hangs on it. */
export interface ExchangeDocument {
  document: ExchangeDocumentInfo;
  /** Live annotations in text order. */
  annotations: Annotation[];
  /** Live relations whose source annotation is in this document (the target may be elsewhere). */
  relations: Relation[];
  /** Memos on this document. */
  memos: Memo[];
}

/** What an exporter reads. `documents()` may be iterated once; it yields in library order. */
export interface ExchangeSource {
  codebook: ExchangeCodebook;
  /** Live entities (with aliases) that any exported annotation links to or names in an attribute. */
  entities: Entity[];
  /** Project-level memos (documentId null). */
  projectMemos: Memo[];
  /** Everyone who authored an exported row. */
  users: string[];
  documentCount: number;
  annotationCount: number;
  documents(): Iterable<ExchangeDocument>;
  /** The app and version writing the export, e.g. "Gloss 0.1.0". */
  generator: string;
  /** When the export was made (ISO 8601). */
  exportedAt: string;
}

/**
 * What an importer hands back: everything it read, materialised. Ids are those of the file (they
 * may or may not exist in the project); the service maps them. Anything the reader saw but could
 * not represent goes into `warnings`, so nothing is dropped silently.
 */
export interface ExchangeBundle {
  /** The format read, e.g. "W3C Web Annotation", for the import report. */
  format: string;
  codebook: ExchangeCodebook;
  entities: Entity[];
  documents: ExchangeDocument[];
  projectMemos: Memo[];
  warnings: string[];
}

/** A file an exporter produces. Exports with several files (brat, per-document CoNLL) zip them. */
export interface ExportedFile {
  /** A path inside the export, with forward slashes: "doc-1.ann". */
  path: string;
  /** The content, or a producer of its chunks for streaming. */
  content: string | Uint8Array | (() => AsyncIterable<string | Uint8Array> | Iterable<string>);
}
