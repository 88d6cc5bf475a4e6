/**
 * Attaches what an importer read (an ExchangeBundle) to the open project, in ONE transaction:
 * either all of it that can be placed is, or nothing is. Documents are matched by content hash,
 * then by identical text; a file that carries text and matches nothing becomes a new document;
 * otherwise its annotations are found by quote in a document that contains them. Whatever cannot
 * be placed is in the report with why — nothing is dropped silently. Importing the same file
 * twice adds nothing the second time (same id, or same tag, range and document, is skipped).
 */
import type { ImportAnnotationsReport, ImportedDocumentReport } from '../core/api-exchange';
import { blocksFromPlainText } from '../core/blocks';
import type { Annotation, Id, Memo } from '../core/domain';
import { codePointLength } from '../core/offsets';
import { insertDocument } from '../db/documents';
import { readSettings } from '../db/settings';
import { statement } from '../db/statements';
import type { ExchangeBundle, ExchangeDocument } from '../formats/exchange/model';
import { sha256Hex } from '../formats/import';
import type { ServiceContext } from './context';
import { now } from './context';
import {
  attachAnnotations,
  resolveAnnotationReferences,
  shorten,
  type AnnotationIds,
} from './exchange-attach-annotations';
import { attachCodebook, freshId } from './exchange-attach-codebook';
import type { CodebookMapping } from './exchange-attach-codebook';

/** The importer recorded on documents made from an exchange file's text. */
const EXCHANGE_IMPORTER = { name: 'Gloss exchange import', version: '1' };

export function emptyReport(format: string, fileName: string): ImportAnnotationsReport {
  return {
    format,
    fileName,
    documents: [],
    annotationsAdded: 0,
    annotationsAlreadyPresent: 0,
    relationsAdded: 0,
    memosAdded: 0,
    tagsCreated: [],
    attributesCreated: [],
    entitiesCreated: [],
    relationTypesCreated: [],
    skipped: [],
    warnings: [],
  };
}

/** Attaches the bundle and reports what became of each part of it. */
export function attachBundle(
  ctx: ServiceContext,
  bundle: ExchangeBundle,
  fileName: string,
): ImportAnnotationsReport {
  const report = emptyReport(bundle.format, fileName);
  report.warnings.push(...bundle.warnings);
  ctx.db
    .transaction(() => {
      const mapping = attachCodebook(ctx, bundle, report);
      const ids: AnnotationIds = { byFileId: new Map(), pending: [] };
      const placed = new Map<ExchangeDocument, Id | null>();
      for (const doc of bundle.documents) {
        const documentId = attachDocument(ctx, doc, fileName, mapping, ids, report);
        placed.set(doc, documentId);
      }
      resolveAnnotationReferences(ctx, ids, report);
      for (const doc of bundle.documents) attachRelations(ctx, doc, mapping, ids, report);
      for (const doc of bundle.documents) {
        attachMemos(ctx, doc.memos, placed.get(doc) ?? null, doc.document.title, report);
      }
      attachMemos(ctx, bundle.projectMemos, null, null, report);
    })
    .immediate();
  return report;
}

interface Placement {
  status: ImportedDocumentReport['status'];
  id: Id;
  title: string;
  text: string;
}

/** Places one document and its annotations; returns the project document, or null. */
function attachDocument(
  ctx: ServiceContext,
  doc: ExchangeDocument,
  fileName: string,
  mapping: CodebookMapping,
  ids: AnnotationIds,
  report: ImportAnnotationsReport,
): Id | null {
  const info = doc.document;
  const label = info.title || info.id || fileName;
  const placement =
    matchByHash(ctx, info.sha256) ??
    (info.text ? matchByText(ctx, info.text) : undefined) ??
    (info.text ? createDocument(ctx, doc, fileName, report) : undefined) ??
    findByQuotes(ctx, doc.annotations);
  const entry: ImportedDocumentReport = {
    title: label,
    status: placement?.status ?? 'unanchored',
    documentId: placement?.id ?? null,
    projectTitle: placement?.title ?? null,
    annotationsAdded: 0,
    annotationsAlreadyPresent: 0,
  };
  report.documents.push(entry);
  if (!placement) {
    for (const annotation of doc.annotations) {
      report.skipped.push({
        what: `annotation "${shorten(annotation.exact)}" in ${label}`,
        id: annotation.id,
        reason: 'no document of the project contains its text',
      });
    }
    return null;
  }
  const counts = attachAnnotations(ctx, doc.annotations, placement, label, mapping, ids, report);
  entry.annotationsAdded = counts.added;
  entry.annotationsAlreadyPresent = counts.present;
  report.annotationsAdded += counts.added;
  report.annotationsAlreadyPresent += counts.present;
  return placement.id;
}

interface DocumentRow {
  id: string;
  title: string;
  text: string;
}

function matchByHash(ctx: ServiceContext, sha256: string): Placement | undefined {
  if (!/^[0-9a-f]{64}$/.test(sha256)) return undefined;
  const row = statement<DocumentRow>(
    ctx.db,
    `SELECT id, title, text FROM documents WHERE sha256 = ? AND deleted_at IS NULL
     ORDER BY imported_at DESC, id DESC LIMIT 1`,
  ).get(sha256);
  return row && { status: 'matched-hash', ...row };
}

/**
 * A live document with exactly this text. A .txt file's hash is its text's, so the hash finds
 * those at once; otherwise the length (stored, indexed by nothing but cheap to compare) narrows
 * the candidates before any text is compared.
 */
function matchByText(ctx: ServiceContext, text: string): Placement | undefined {
  const byHash = matchByHash(ctx, sha256Hex(Buffer.from(text, 'utf8')));
  if (byHash && byHash.text === text) return { ...byHash, status: 'matched-text' };
  const row = statement<DocumentRow>(
    ctx.db,
    `SELECT id, title, text FROM documents
     WHERE deleted_at IS NULL AND length = ? AND text = ?
     ORDER BY imported_at DESC, id DESC LIMIT 1`,
  ).get(codePointLength(text), text);
  return row && { status: 'matched-text', ...row };
}

/** A new plain-text document from the file's text, with the file's citation details. */
function createDocument(
  ctx: ServiceContext,
  doc: ExchangeDocument,
  fileName: string,
  report: ImportAnnotationsReport,
): Placement | undefined {
  const { text, title } = doc.document;
  const length = codePointLength(text);
  const { maxTextChars } = readSettings(ctx.db);
  if (length > maxTextChars) {
    report.warnings.push(
      `${title || fileName}: its text (${length} characters) is over the project's limit of ` +
        `${maxTextChars}; its annotations were looked for in existing documents instead.`,
    );
    return undefined;
  }
  const bytes = Buffer.from(text, 'utf8');
  const id = freshId(ctx, 'documents', doc.document.id);
  const at = now();
  insertDocument(ctx.db, {
    id,
    title: title || fileName,
    text,
    length,
    blocks: blocksFromPlainText(text),
    format: 'txt',
    sourcePath: null,
    sha256: sha256Hex(bytes),
    byteSize: bytes.byteLength,
    importedAt: at,
    importedBy: ctx.author,
    sourceName: fileName,
    importer: EXCHANGE_IMPORTER.name,
    importerVersion: EXCHANGE_IMPORTER.version,
    encoding: 'utf-8',
    metadata: {},
    versionOf: null,
    details: doc.document.details,
  });
  return { status: 'created', id, title: title || fileName, text };
}

/** How many candidate documents are compared when annotations are placed by quote alone. */
const MAX_QUOTE_CANDIDATES = 20;

/**
 * The live document that contains the most of these quotes (at least one): candidates are the
 * documents containing the longest quote, searched inside SQLite so no text is copied for it.
 */
function findByQuotes(
  ctx: ServiceContext,
  annotations: readonly Annotation[],
): Placement | undefined {
  const quotes = [...new Set(annotations.map((a) => a.exact).filter((q) => q.trim() !== ''))];
  if (quotes.length === 0) return undefined;
  quotes.sort((a, b) => b.length - a.length);
  const candidates = new Map<Id, DocumentRow>();
  for (const quote of quotes.slice(0, 5)) {
    const rows = statement<DocumentRow>(
      ctx.db,
      `SELECT id, title, text FROM documents WHERE deleted_at IS NULL AND instr(text, ?) > 0
       ORDER BY imported_at DESC, id DESC LIMIT ${MAX_QUOTE_CANDIDATES}`,
    ).all(quote);
    for (const row of rows) candidates.set(row.id, row);
    if (candidates.size >= MAX_QUOTE_CANDIDATES) break;
  }
  let best: { row: DocumentRow; hits: number } | undefined;
  for (const row of candidates.values()) {
    const hits = quotes.filter((q) => row.text.includes(q)).length;
    if (!best || hits > best.hits) best = { row, hits };
  }
  return best && { status: 'reanchored', ...best.row };
}

function attachRelations(
  ctx: ServiceContext,
  doc: ExchangeDocument,
  mapping: CodebookMapping,
  ids: AnnotationIds,
  report: ImportAnnotationsReport,
): void {
  const liveAnnotation = statement(
    ctx.db,
    'SELECT 1 FROM annotations WHERE id = ? AND deleted_at IS NULL',
  );
  const liveType = statement(
    ctx.db,
    'SELECT 1 FROM relation_types WHERE id = ? AND deleted_at IS NULL',
  );
  const resolve = (fileId: Id) =>
    ids.byFileId.get(fileId) ?? (liveAnnotation.get(fileId) ? fileId : undefined);
  for (const relation of doc.relations) {
    const what = `relation ${relation.id}`;
    const source = resolve(relation.sourceId);
    const target = resolve(relation.targetId);
    const typeId =
      mapping.relationTypes.get(relation.typeId) ??
      (liveType.get(relation.typeId) ? relation.typeId : undefined);
    const missing = !source ? 'its source annotation' : !target ? 'its target annotation' : null;
    if (missing || !typeId || source === target) {
      report.skipped.push({
        what,
        id: relation.id,
        reason: missing
          ? `${missing} was not imported`
          : !typeId
            ? 'its relation type is neither in the file nor in the project'
            : 'it links an annotation to itself',
      });
      continue;
    }
    const exists = statement(
      ctx.db,
      `SELECT 1 FROM relations WHERE deleted_at IS NULL AND
         (id = @id OR (type_id = @typeId AND source_id = @source AND target_id = @target))`,
    ).get({ id: relation.id, typeId, source, target });
    if (exists) continue;
    statement(
      ctx.db,
      `INSERT INTO relations (id, type_id, source_id, target_id, note, author, created_at,
         updated_at)
       VALUES (@id, @typeId, @source, @target, @note, @author, @createdAt, @updatedAt)`,
    ).run({
      id: freshId(ctx, 'relations', relation.id),
      typeId,
      source,
      target,
      note: relation.note,
      author: relation.author || ctx.author,
      createdAt: relation.createdAt || now(),
      updatedAt: relation.updatedAt || now(),
    });
    report.relationsAdded++;
  }
}

function attachMemos(
  ctx: ServiceContext,
  memos: readonly Memo[],
  documentId: Id | null,
  documentTitle: string | null,
  report: ImportAnnotationsReport,
): void {
  for (const memo of memos) {
    if (memo.body.trim() === '') continue;
    if (documentTitle !== null && documentId === null) {
      report.skipped.push({
        what: `memo on ${documentTitle}`,
        id: memo.id,
        reason: 'its document could not be matched',
      });
      continue;
    }
    const exists = statement(
      ctx.db,
      `SELECT 1 FROM memos WHERE id = @id
         OR (deleted_at IS NULL AND document_id IS @documentId AND body = @body)`,
    ).get({ id: memo.id, documentId, body: memo.body });
    if (exists) continue;
    statement(
      ctx.db,
      `INSERT INTO memos (id, document_id, body, author, created_at, updated_at)
       VALUES (@id, @documentId, @body, @author, @createdAt, @updatedAt)`,
    ).run({
      id: freshId(ctx, 'memos', memo.id),
      documentId,
      body: memo.body,
      author: memo.author || ctx.author,
      createdAt: memo.createdAt || now(),
      updatedAt: memo.updatedAt || now(),
    });
    report.memosAdded++;
  }
}
