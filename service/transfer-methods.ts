import type { ApiArgs } from '../core/api';
import type { ExportResult } from '../core/domain';
import { listDocumentAnnotations } from '../db/annotations';
import { listDocumentIds } from '../db/documents';
import { tagNamesById } from '../db/tags';
import { EXPORT_FORMATS, exportToString } from '../formats/export';
import type { ExportDocument } from '../formats/export';
import type { ServiceContext } from './context';
import { requireDocument } from './context';

/**
 * Exports the live annotations of one document, or of every live document (newest first), from
 * one consistent snapshot of the project.
 */
export function exportAnnotations(
  ctx: ServiceContext,
  { format, documentId }: ApiArgs['exportAnnotations'],
): ExportResult {
  const { db } = ctx;
  return db.transaction((): ExportResult => {
    const single = documentId === undefined ? undefined : requireDocument(ctx, documentId);
    const ids = single ? [single.id] : listDocumentIds(db);
    // Documents are read one at a time as the exporter asks for them, not all up front.
    function* documents(): Generator<ExportDocument> {
      for (const id of ids) {
        const doc = id === single?.id ? single : requireDocument(ctx, id);
        yield { ...doc, annotations: listDocumentAnnotations(db, id) };
      }
    }
    const exported = exportToString(format, documents(), tagNamesById(db));
    const { extension, mimeType } = EXPORT_FORMATS[format];
    return {
      format,
      fileName: `${single ? `gloss-${fileNameStem(single.title)}` : 'gloss-export'}${extension}`,
      mimeType,
      content: exported.content,
      documentCount: exported.documentCount,
      annotationCount: exported.annotationCount,
    };
  })();
}

/** A title made safe as part of a file name on every system, or "document" if nothing is left. */
function fileNameStem(title: string): string {
  const stem = Array.from(title.replace(/[^\p{L}\p{N}]+/gu, '-').replace(/^-+|-+$/g, ''))
    .slice(0, 60)
    .join('')
    .replace(/-+$/, '');
  return stem || 'document';
}
