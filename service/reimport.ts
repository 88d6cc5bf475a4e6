/**
 * Re-import: read a document again from its kept original (another encoding, the whole page
 * instead of the article), store the result as a new version, and carry the annotations over by
 * re-anchoring them (formats/anchor.ts). Nothing is rewritten: the old version and its
 * annotations stay in the project; the old version is soft-deleted, and the annotations that
 * could not be placed stay live on it as the new version's orphans (listOrphans), exactly as an
 * edit of the text leaves them (service/edit-text.ts).
 */
import type { ApiArgs, ReimportResult } from '../core/api';
import type { Annotation } from '../core/domain';
import { GlossError } from '../core/errors';
import { CodePointIndex } from '../core/offsets';
import { quoteOf } from '../core/quote';
import { insertAnnotation, listDocumentAnnotations, setAnnotationDeleted } from '../db/annotations';
import {
  findDocumentSource,
  findDocumentSummary,
  isLiveDocument,
  softDeleteDocument,
} from '../db/documents';
import type { DocumentSource } from '../db/documents';
import { dropHistory } from '../db/history';
import { readOriginal } from '../db/originals';
import { readSettings } from '../db/settings';
import { reanchor } from '../formats/anchor';
import { CLIPBOARD_SOURCE, importFile, importPastedText } from '../formats/import';
import type { ImportedFile } from '../formats/import';
import type { ServiceContext } from './context';
import { documentNotFound, newId, now } from './context';
import { insertImported } from './import-store';

/**
 * Re-extracts document `id` from its kept original with `options` and makes the result a new
 * document whose `version_of` is `id`. Every live annotation is re-anchored in the new text:
 * those that are kept or moved get a new row on the new version (its `previous_id` names the old
 * row, which is soft-deleted); those that cannot be placed unambiguously stay on the old version
 * and are listed as orphaned (listOrphans shows them with the new version, to re-attach or
 * delete), so no annotation is ever lost or silently misplaced. The old version is soft-deleted:
 * the library shows one version of a document. Its undo history is dropped: its steps name the
 * annotations as they were before they moved.
 *
 * Throws GlossError: not_found (no live document), conflict (its original was not kept), and what
 * the reader throws (the new extraction failed: nothing changed).
 */
export async function reimportDocument(
  ctx: ServiceContext,
  { id, options }: ApiArgs['reimportDocument'],
): Promise<ReimportResult> {
  const source = findDocumentSource(ctx.db, id);
  if (!source) throw documentNotFound(id);
  const original = readOriginal(ctx.db, source.sha256);
  if (!original) {
    throw new GlossError(
      'conflict',
      `${source.sourceName}: the original file was not kept (larger than the limit) — import it again`,
      { id },
    );
  }
  const imported = await reextract(ctx, source, original, options ?? {});

  return ctx.db
    .transaction((): ReimportResult => {
      // The extraction awaited: the document may have been deleted in the meantime.
      if (!isLiveDocument(ctx.db, id)) throw documentNotFound(id);
      const document = insertImported(ctx, imported, {
        sourceName: source.sourceName,
        sourcePath: source.sourcePath,
        versionOf: id,
      });
      const annotations = listDocumentAnnotations(ctx.db, id);
      const { moved, orphaned } = carryAnnotations(ctx, annotations, document.id, imported.text);
      const at = now();
      softDeleteDocument(ctx.db, id, at);
      dropHistory(ctx.db, id, at);
      // Read again: the summary's counts include the annotations that just moved.
      return { document: findDocumentSummary(ctx.db, document.id)!, moved, orphaned };
    })
    .immediate();
}

async function reextract(
  ctx: ServiceContext,
  source: DocumentSource,
  original: Uint8Array,
  options: NonNullable<ApiArgs['reimportDocument']['options']>,
): Promise<ImportedFile> {
  const settings = readSettings(ctx.db);
  if (source.sourceName === CLIPBOARD_SOURCE && source.format === 'html') {
    // A pasted page is read again the way a paste is, and keeps the title it was given.
    const html = new TextDecoder().decode(original);
    const { file } = await importPastedText({ html, title: source.title }, settings);
    return file;
  }
  // The stored format, not a new guess: the file was already identified by its content (and a
  // pasted fragment would not be recognised as HTML on its own).
  return importFile(source.sourceName, original, {
    options,
    settings,
    format: source.format,
    sha256: source.sha256,
  });
}

/** Copies each annotation that re-anchors onto the new version; lists those that do not. */
function carryAnnotations(
  ctx: ServiceContext,
  annotations: Annotation[],
  documentId: string,
  text: string,
): { moved: number; orphaned: ReimportResult['orphaned'] } {
  const anchorings = reanchor(annotations, text);
  const index = new CodePointIndex(text);
  const at = now();
  const orphaned: ReimportResult['orphaned'] = [];
  let moved = 0;
  annotations.forEach((annotation, i) => {
    const anchoring = anchorings[i]!;
    if (anchoring.status === 'orphaned') {
      orphaned.push({ id: annotation.id, exact: annotation.exact });
      return;
    }
    const copy: Annotation = {
      ...annotation,
      id: newId(),
      documentId,
      start: anchoring.start,
      end: anchoring.end,
      ...quoteOf(index, anchoring.start, anchoring.end),
      updatedAt: at,
    };
    insertAnnotation(ctx.db, copy, annotation.id);
    setAnnotationDeleted(ctx.db, annotation.id, at, at);
    moved++;
  });
  return { moved, orphaned };
}
