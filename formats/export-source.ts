import type { Annotation, Id } from '../core/domain';

/** One document as the exporters read it: its text and its live annotations. */
export interface ExportDocument {
  id: Id;
  title: string;
  text: string;
  annotations: Annotation[];
}

/**
 * Receives the export piece by piece (each call is one or more whole lines, with their line
 * endings), so that a large export can go straight to a file instead of into memory.
 */
export type ExportSink = (chunk: string) => void;

export interface ExportCounts {
  documentCount: number;
  annotationCount: number;
}

/** A document's annotations in export order: by start, then end, then id for a stable order. */
export function inExportOrder(annotations: readonly Annotation[]): Annotation[] {
  return [...annotations].sort((a, b) => a.start - b.start || a.end - b.end || compare(a.id, b.id));
}

/** The label of an annotation: its tag's name ("" if the tag is unknown, which FKs prevent). */
export function labelOf(annotation: Annotation, tagNames: ReadonlyMap<Id, string>): string {
  return tagNames.get(annotation.tagId) ?? '';
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
