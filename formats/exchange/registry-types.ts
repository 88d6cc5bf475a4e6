/**
 * The contract between the exchange formats and the service (issue 5). Each format module
 * exports one ExchangeFormat; formats/exchange/registry.ts lists them. The service streams an
 * export into an ExportSink (a file on disk for the CLI and the desktop, an HTTP response in
 * browser mode), so memory stays bounded whatever the project's size.
 */
import type { ExchangeBundle, ExchangeSource } from './model';

export type ExchangeFormatId =
  | 'jsonl'
  | 'csv'
  | 'w3c'
  | 'qdpx'
  | 'qdc'
  | 'brat'
  | 'conll'
  | 'doccano'
  | 'labelstudio'
  | 'spacy'
  | 'html'
  | 'md';

/** Where an export's bytes go, in order. `write` resolves when the chunk may be reused. */
export interface ExportSink {
  write(chunk: string | Uint8Array): Promise<void>;
}

export interface ExportOptions {
  /** Only these tags (and their sub-tags); all when absent. CoNLL needs the user's choice. */
  tagIds?: string[];
  /** Called now and then with the annotations written so far, for a progress bar. */
  onProgress?: (done: number, total: number) => void;
}

/** What an export wrote and what it could not carry. */
export interface ExportReport {
  documentCount: number;
  annotationCount: number;
  /** Each annotation, relation or field the format could not hold, with why. Never silent. */
  omitted: { id: string; what: string; reason: string }[];
}

export interface ExchangeFormat {
  id: ExchangeFormatId;
  /** For menus: "W3C Web Annotation (JSON-LD)". */
  label: string;
  /** File extension of the export, without the dot: "jsonld", "qdpx", "zip". */
  extension: string;
  mimeType: string;
  /** Writes the whole export to `sink`. Absent for formats Gloss only imports. */
  write?(source: ExchangeSource, sink: ExportSink, options: ExportOptions): Promise<ExportReport>;
  /** Reads a file of this format. Absent for formats Gloss only exports (reports). */
  read?(bytes: Uint8Array, fileName: string): Promise<ExchangeBundle>;
}
