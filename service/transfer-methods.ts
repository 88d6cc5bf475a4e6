import type { ApiArgs } from '../core/api';
import type { ExportResult, ImportOutcome } from '../core/domain';
import { GlossError } from '../core/errors';
import { codePointLength } from '../core/offsets';
import { listDocumentAnnotations } from '../db/annotations';
import { findDocumentSummary, insertDocument, listDocumentIds } from '../db/documents';
import { tagNamesById } from '../db/tags';
import { EXPORT_FORMATS, exportToString } from '../formats/export';
import type { ExportDocument } from '../formats/export';
import { importFile } from '../formats/import';
import type { ServiceContext } from './context';
import { newId, now, requireDocument } from './context';

/**
 * Imports a batch of files, each in its own transaction: a file that cannot be read is reported
 * as failed and leaves nothing behind, and the rest of the batch still imports.
 */
export function importFiles(
  ctx: ServiceContext,
  { files }: ApiArgs['importFiles'],
): ImportOutcome[] {
  return files.map((file): ImportOutcome => {
    try {
      const imported = importFile(file.name, Buffer.from(file.data, 'base64'));
      const id = newId();
      ctx.db.transaction(() => {
        insertDocument(ctx.db, {
          id,
          title: imported.title,
          text: imported.text,
          length: codePointLength(imported.text),
          blocks: imported.blocks,
          format: imported.format,
          // Browser uploads have no path; the name is the best record of where the text came from.
          sourcePath: file.path ?? file.name,
          sha256: imported.sha256,
          byteSize: imported.byteSize,
          importedAt: now(),
          importedBy: ctx.author,
        });
      })();
      return { name: file.name, status: 'imported', document: findDocumentSummary(ctx.db, id)! };
    } catch (error) {
      return { name: file.name, status: 'failed', error: failureMessage(file.name, error) };
    }
  });
}

function failureMessage(name: string, error: unknown): string {
  if (error instanceof GlossError) return error.message;
  process.stderr.write(`[gloss] importing ${name} failed: ${(error as Error)?.stack ?? error}\n`);
  return `${name}: could not be imported because of an internal error (details are in the log)`;
}

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
