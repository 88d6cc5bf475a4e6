import type { Id } from '../core/domain';
import type { ExportCounts, ExportDocument, ExportSink } from './export-source';
import { inExportOrder, labelOf } from './export-source';

/**
 * Writes one JSON line per document, in the shape doccano imports for sequence labelling:
 * `{"id", "title", "text", "label": [[start, end, "Claim"], …], "spans": [{…}, …]}`. Offsets are
 * code points (Python's string indices, which doccano and spaCy use), end-exclusive, sorted by
 * start then end. `spans` carries what `label` cannot: ids, tag ids, quote, note, author, times.
 */
export function writeJsonl(
  documents: Iterable<ExportDocument>,
  tagNames: ReadonlyMap<Id, string>,
  emit: ExportSink,
): ExportCounts {
  const counts: ExportCounts = { documentCount: 0, annotationCount: 0 };
  for (const doc of documents) {
    const annotations = inExportOrder(doc.annotations);
    const line = {
      id: doc.id,
      title: doc.title,
      text: doc.text,
      label: annotations.map((a) => [a.start, a.end, labelOf(a, tagNames)]),
      spans: annotations.map((a) => ({
        id: a.id,
        start: a.start,
        end: a.end,
        label: labelOf(a, tagNames),
        tag_id: a.tagId,
        quote: a.exact,
        note: a.note,
        author: a.author,
        created_at: a.createdAt,
        updated_at: a.updatedAt,
      })),
    };
    emit(`${escapeLineSeparators(JSON.stringify(line))}\n`);
    counts.documentCount += 1;
    counts.annotationCount += annotations.length;
  }
  return counts;
}

/**
 * JSON allows U+2028 and U+2029 raw inside strings, but Python's `str.splitlines()` and some
 * editors break lines there, which would split one document's record in two. Escaped, they
 * parse back to the same characters.
 */
export function escapeLineSeparators(json: string): string {
  return json.replace(/\u2028/g, '\\u2028').replace(/\u2029/g, '\\u2029');
}
