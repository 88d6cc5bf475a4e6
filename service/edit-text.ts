/**
 * Editing a document's text (fixing OCR errors, trimming boilerplate) without losing anything.
 * Documents never change: an edit stores a NEW version (`version_of` = the old one, details
 * copied), copies every annotation that survived onto it (`previous_id` = the original, quote
 * recomputed, note/attributes/entity kept; relations follow by trigger, migration 004) and
 * soft-deletes the old version. Annotations whose text was deleted stay live on the old version:
 * they are the document's orphans (listOrphans), until re-attached or deleted. Undo and redo
 * (revert / reapply) move everything back and forth, so an edit is a proper history step.
 */
import type { ApiArgs } from '../core/api';
import type { EditTextResult } from '../core/api-editing';
import type { Annotation, Block, DocumentSummary, Id } from '../core/domain';
import { GlossError } from '../core/errors';
import { CodePointIndex } from '../core/offsets';
import { quoteOf } from '../core/quote';
import { insertAnnotation, listDocumentAnnotations, setAnnotationDeleted } from '../db/annotations';
import { findDocumentSummary, insertDocument, isLiveDocument } from '../db/documents';
import {
  findVersionLink,
  findVersionSource,
  listCopies,
  liveSuccessorIds,
  setDocumentDeleted,
} from '../db/versions';
import { readSettings } from '../db/settings';
import { reanchor } from '../formats/anchor';
import type { ServiceContext } from './context';
import { documentNotFound, newId, now } from './context';

/** The importer recorded for a version made by an edit: how its text was produced. */
export const EDIT_IMPORTER = 'Gloss text edit';

/** Saves an edit of document `id` as a new version; see the file comment. */
export function editDocumentText(
  ctx: ServiceContext,
  args: ApiArgs['editDocumentText'],
): EditTextResult {
  const source = findVersionSource(ctx.db, args.id);
  if (!source || !isLiveDocument(ctx.db, args.id)) throw documentNotFound(args.id);
  const index = new CodePointIndex(args.text);
  checkText(ctx, args.text, index.codePointLength);
  checkBlocks(args.blocks, index.codePointLength);
  const oldBlocks = findOldBlocks(ctx, args.id);
  if (args.text === source.text && JSON.stringify(args.blocks) === oldBlocks) {
    throw new GlossError('invalid_argument', 'editDocumentText: the text is unchanged', {
      path: ['text'],
    });
  }
  const annotations = listDocumentAnnotations(ctx.db, args.id);
  const placements = args.annotations
    ? placeAsMapped(annotations, args.annotations, index.codePointLength)
    : placeByQuote(annotations, args.text);

  const at = now();
  const versionId = newId();
  insertDocument(ctx.db, {
    id: versionId,
    title: source.title,
    text: args.text,
    length: index.codePointLength,
    blocks: args.blocks as Block[],
    format: source.format as DocumentSummary['format'],
    sourcePath: source.sourcePath,
    // The same source file: importing it again is still a duplicate of this document.
    sha256: source.sha256,
    byteSize: source.byteSize,
    importedAt: source.importedAt,
    importedBy: ctx.author,
    sourceName: source.sourceName,
    importer: EDIT_IMPORTER,
    importerVersion: ctx.appVersion,
    encoding: source.encoding,
    metadata: JSON.parse(source.metadataJson) as Record<string, string>,
    versionOf: args.id,
    ...(source.details ? { details: source.details } : {}),
  });
  const orphaned: EditTextResult['orphaned'] = [];
  let moved = 0;
  for (const annotation of annotations) {
    const place = placements.get(annotation.id);
    if (!place) {
      orphaned.push({ id: annotation.id, exact: annotation.exact });
      continue;
    }
    insertAnnotation(
      ctx.db,
      {
        ...annotation,
        id: newId(),
        documentId: versionId,
        ...place,
        ...quoteOf(index, place.start, place.end),
        updatedAt: at,
      },
      annotation.id,
    );
    setAnnotationDeleted(ctx.db, annotation.id, at, at);
    moved++;
  }
  setDocumentDeleted(ctx.db, args.id, at);
  return { document: findDocumentSummary(ctx.db, versionId)!, moved, orphaned };
}

/**
 * Undoes an edit: version `id` (made by editDocumentText) goes, the version it replaced comes
 * back with the annotations that had moved (relations and memos follow them back by trigger).
 */
export function revertDocumentEdit(
  ctx: ServiceContext,
  { id }: ApiArgs['revertDocumentEdit'],
): { document: DocumentSummary } {
  const previous = requireEditedVersion(ctx, id, 'live');
  const copies = listCopies(ctx.db, id).filter((c) => c.deletedAt === null);
  const madeAfter = copies.filter((c) => c.previousId === null);
  if (madeAfter.length > 0) {
    throw new GlossError(
      'conflict',
      `Cannot undo the edit: ${madeAfter.length} annotation(s) were made on the edited text since. Undo or delete them first.`,
      { id, annotations: madeAfter.map((c) => c.id) },
    );
  }
  const at = now();
  setDocumentDeleted(ctx.db, previous, null);
  for (const copy of copies) {
    setAnnotationDeleted(ctx.db, copy.id, at, at);
    setAnnotationDeleted(ctx.db, copy.previousId!, null, at);
  }
  setDocumentDeleted(ctx.db, id, at);
  return { document: findDocumentSummary(ctx.db, previous)! };
}

/** Redoes an edit undone by revertDocumentEdit: version `id` and its annotations come back. */
export function reapplyDocumentEdit(
  ctx: ServiceContext,
  { id }: ApiArgs['reapplyDocumentEdit'],
): { document: DocumentSummary } {
  const previous = requireEditedVersion(ctx, id, 'deleted');
  const revertedAt = findVersionLink(ctx.db, id)!.deletedAt;
  const at = now();
  // The copies the revert removed went in the same instant as the version itself.
  const copies = listCopies(ctx.db, id).filter(
    (c) => c.deletedAt === revertedAt && c.previousId !== null,
  );
  setDocumentDeleted(ctx.db, id, null);
  for (const copy of copies) {
    setAnnotationDeleted(ctx.db, copy.id, null, at);
    setAnnotationDeleted(ctx.db, copy.previousId!, at, at);
  }
  setDocumentDeleted(ctx.db, previous, at);
  return { document: findDocumentSummary(ctx.db, id)! };
}

/**
 * Checks that `id` is a version made by an edit, in the given state, whose previous version is
 * in the other one; returns the previous version's id.
 */
function requireEditedVersion(ctx: ServiceContext, id: Id, state: 'live' | 'deleted'): Id {
  const link = findVersionLink(ctx.db, id);
  const source = link && findVersionSource(ctx.db, id);
  if (!link || !source) throw documentNotFound(id);
  if (source.importer !== EDIT_IMPORTER || link.versionOf === null) {
    throw new GlossError('conflict', `Document ${id} was not made by an edit of its text.`, {
      id,
    });
  }
  const previous = findVersionLink(ctx.db, link.versionOf)!;
  const live = state === 'live';
  if ((link.deletedAt === null) !== live || (previous.deletedAt === null) === live) {
    throw new GlossError(
      'conflict',
      live
        ? 'This edit cannot be undone: it is not the current version of the document.'
        : 'This edit cannot be redone: the document has changed since it was undone.',
      { id },
    );
  }
  if (!live && liveSuccessorIds(ctx.db, previous.id).length > 0) {
    throw new GlossError('conflict', 'This edit cannot be redone: a newer version exists.', {
      id,
    });
  }
  return previous.id;
}

function findOldBlocks(ctx: ServiceContext, id: Id): string {
  const row = ctx.db.prepare('SELECT blocks_json FROM documents WHERE id = ?').get(id) as
    { blocks_json: string } | undefined;
  return row?.blocks_json ?? '';
}

function invalid(message: string, path: (string | number)[]): GlossError {
  return new GlossError('invalid_argument', `editDocumentText: ${message}`, {
    path: path.map(String),
  });
}

function checkText(ctx: ServiceContext, text: string, length: number): void {
  const { maxTextChars } = readSettings(ctx.db);
  if (length > maxTextChars) {
    throw invalid(`the text has ${length} characters; the limit is ${maxTextChars}`, ['text']);
  }
  // Stored text has LF line ends and no BOM (DESIGN.md §3): an edit keeps it that way.
  if (text.includes('\r') || text.includes('\uFEFF')) {
    throw invalid('the text must not contain carriage returns or byte-order marks', ['text']);
  }
  if (text.trim() === '') throw invalid('the text must not be empty', ['text']);
}

const SAFE_HREF = /^(https?:\/\/|mailto:)/i;

/** Blocks must be ordered, not overlap, lie inside the text; marks inside their block. */
export function checkBlocks(blocks: ApiArgs['editDocumentText']['blocks'], length: number): void {
  let previousEnd = 0;
  blocks.forEach((block, i) => {
    if (block.start > block.end || block.end > length) {
      throw invalid(`block ${i} (${block.start}–${block.end}) is outside the text`, ['blocks', i]);
    }
    if (block.start < previousEnd) {
      throw invalid(`block ${i} starts before the previous block ends`, ['blocks', i]);
    }
    previousEnd = block.end;
    (block.marks ?? []).forEach((mark, j) => {
      if (mark.start >= mark.end || mark.start < block.start || mark.end > block.end) {
        throw invalid(`mark ${j} of block ${i} is outside its block`, ['blocks', i, 'marks', j]);
      }
      if (mark.kind === 'link' ? !mark.href || !SAFE_HREF.test(mark.href) : mark.href) {
        throw invalid(`mark ${j} of block ${i} has an unsafe or misplaced href`, [
          'blocks',
          i,
          'marks',
          j,
        ]);
      }
    });
  });
}

type Placement = { start: number; end: number };

/** The positions the editor mapped; each must name a live annotation of the document once. */
function placeAsMapped(
  annotations: readonly Annotation[],
  mapped: NonNullable<ApiArgs['editDocumentText']['annotations']>,
  length: number,
): Map<Id, Placement> {
  const known = new Set(annotations.map((a) => a.id));
  const placements = new Map<Id, Placement>();
  mapped.forEach((entry, i) => {
    if (!known.has(entry.id)) {
      throw invalid(`annotation ${entry.id} is not a live annotation of the document`, [
        'annotations',
        i,
      ]);
    }
    if (placements.has(entry.id)) throw invalid(`annotation ${entry.id} is listed twice`, []);
    if (entry.start >= entry.end || entry.end > length) {
      throw invalid(`annotation ${entry.id} (${entry.start}–${entry.end}) is outside the text`, [
        'annotations',
        i,
      ]);
    }
    placements.set(entry.id, { start: entry.start, end: entry.end });
  });
  return placements;
}

/** Without the editor's mapping (CLI, API): re-anchor each annotation by its quote. */
function placeByQuote(annotations: readonly Annotation[], text: string): Map<Id, Placement> {
  const anchorings = reanchor(annotations, text);
  const placements = new Map<Id, Placement>();
  annotations.forEach((annotation, i) => {
    const anchoring = anchorings[i]!;
    if (anchoring.status !== 'orphaned') {
      placements.set(annotation.id, { start: anchoring.start, end: anchoring.end });
    }
  });
  return placements;
}
