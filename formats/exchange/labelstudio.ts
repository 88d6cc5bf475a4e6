/**
 * Label Studio export: a zip with `tasks.json` (Label Studio's JSON import: a list of tasks, each
 * `{"id", "data": {"text", "title", "document_id"}, "annotations": [{"result": [...]}]}`),
 * `labeling-config.xml` (the labelling interface for the codebook, see labelstudio-config.ts)
 * and `gloss-manifest.json` (manifest.ts).
 *
 * Each span is a `labels` region `{id, from_name: "label", to_name: "text", type: "labels",
 * value: {start, end, text, labels: [tag]}}` with its note as the region's `meta.text`; each
 * attribute a per-region result with the same id (`choices`, `number` or `textarea`); the entity
 * link a per-region `textarea` named "entity"; each relation `{type: "relation", from_id, to_id,
 * direction: "right", labels: [type]}`. Offsets count code points, as Label Studio has stored
 * them since its fix for emoji (label-studio-frontend #308).
 */
import type { Annotation } from '../../core/domain';
import { relationsOf } from './doccano';
import {
  attributeText,
  CodebookIndex,
  entitiesById,
  inSpanOrder,
  logAuthorship,
  OmissionLog,
  ProgressTicker,
  selectedTags,
  chosenAnnotations,
} from './export-kit';
import type { Entity } from '../../core/domain';
import {
  controlKind,
  ENTITY_CONTROL,
  LABELS_CONTROL,
  labelingConfig,
  labelStudioScheme,
  TEXT_OBJECT,
} from './labelstudio-config';
import type { LabelStudioScheme } from './labelstudio-config';
import { readLabelStudio } from './labelstudio-read';
import { MANIFEST_FILE, manifestText } from './manifest';
import type { ManifestDocument } from './manifest';
import type { ExchangeDocument, ExchangeSource } from './model';
import type { ExchangeFormat, ExportOptions, ExportReport, ExportSink } from './registry-types';
import { ZipStreamWriter } from './zip-stream';

export const TASKS_FILE = 'tasks.json';
export const CONFIG_FILE = 'labeling-config.xml';

export async function writeLabelStudio(
  source: ExchangeSource,
  sink: ExportSink,
  options: ExportOptions,
): Promise<ExportReport> {
  const index = new CodebookIndex(source.codebook);
  const scheme = labelStudioScheme(index);
  const selected = selectedTags(index, options);
  const entities = entitiesById(source);
  const log = new OmissionLog();
  const ticker = new ProgressTicker(source.annotationCount, options.onProgress);
  const zip = new ZipStreamWriter(sink, new Date(source.exportedAt));
  const manifestDocuments: ManifestDocument[] = [];
  const counts = { documents: 0, annotations: 0 };
  async function* tasks(): AsyncGenerator<string> {
    yield '[\n';
    for (const doc of source.documents()) {
      const spans = inSpanOrder(chosenAnnotations(doc, selected, log));
      const taskId = counts.documents + 1;
      const task = {
        id: taskId,
        data: { text: doc.document.text, title: doc.document.title, document_id: doc.document.id },
        annotations: [
          {
            result: [
              ...spans.flatMap((a) => regionResults(a, index, scheme, entities, log)),
              ...relationsOf(doc, new Map(spans.map((a) => [a.id, a])), log).map((r) => ({
                type: 'relation',
                from_id: r.sourceId,
                to_id: r.targetId,
                direction: 'right',
                labels: [scheme.relations.get(r.typeId) ?? r.typeId],
              })),
            ],
            was_cancelled: false,
            ground_truth: false,
            created_at: source.exportedAt,
            updated_at: source.exportedAt,
          },
        ],
      };
      logDocumentExtras(doc, log);
      const { id, title, sha256, format, importedAt, details } = doc.document;
      manifestDocuments.push({
        file: String(taskId),
        id,
        title,
        sha256,
        format,
        importedAt,
        details,
      });
      counts.documents += 1;
      counts.annotations += spans.length;
      logAuthorship(log, spans.length, 'Label Studio');
      ticker.add(doc.annotations.length);
      yield `${taskId > 1 ? ',\n' : ''}${JSON.stringify(task)}`;
    }
    yield '\n]\n';
  }
  await zip.add(TASKS_FILE, tasks());
  await zip.add(CONFIG_FILE, labelingConfig(index, scheme));
  await zip.add(MANIFEST_FILE, manifestText(source, manifestDocuments));
  await zip.finish();
  for (const memo of source.projectMemos)
    log.item(memo.id, 'project memo', 'Label Studio tasks have no project notes');
  ticker.finish();
  return log.report(counts.documents, counts.annotations);
}

function logDocumentExtras(doc: ExchangeDocument, log: OmissionLog): void {
  for (const memo of doc.memos)
    log.item(memo.id, 'document memo', 'Label Studio tasks have no notes');
  const relationNotes = doc.relations.filter((r) => r.note !== '').length;
  log.field('relation notes', 'Label Studio relations carry only a label', relationNotes);
}

/** The region of a span and its per-region results (same id): attributes, entity link. */
function regionResults(
  a: Annotation,
  index: CodebookIndex,
  scheme: LabelStudioScheme,
  entities: ReadonlyMap<string, Entity>,
  log: OmissionLog,
): object[] {
  const where = { start: a.start, end: a.end };
  const region: Record<string, unknown> = {
    id: a.id,
    from_name: LABELS_CONTROL,
    to_name: TEXT_OBJECT,
    type: 'labels',
    origin: 'manual',
    value: {
      ...where,
      text: a.exact,
      labels: [scheme.labels.get(a.tagId) ?? index.nameOf(a.tagId)],
    },
  };
  if (a.note) region.meta = { text: [a.note] };
  const results: object[] = [region];
  const perRegion = (from_name: string, type: string, value: object) =>
    results.push({
      id: a.id,
      from_name,
      to_name: TEXT_OBJECT,
      type,
      origin: 'manual',
      value: { ...where, ...value },
    });
  for (const [defId, value] of Object.entries(a.attributes)) {
    const def = index.attributeDefs.get(defId);
    const control = scheme.controls.get(defId);
    if (!def || !control) {
      log.item(a.id, 'attribute value', `its attribute ${defId} is not in the codebook`);
      continue;
    }
    const kind = controlKind(def);
    if (kind === 'choices') {
      perRegion(control, 'choices', { choices: Array.isArray(value) ? value : [String(value)] });
    } else if (kind === 'number') {
      perRegion(control, 'number', { number: Number(value) });
    } else {
      // Entities by name (what Label Studio shows); the reader maps names back through the manifest.
      const shown = def.type === 'annotation' ? String(value) : attributeText(def, value, entities);
      perRegion(control, 'textarea', { text: [shown] });
    }
  }
  if (a.entityId) {
    perRegion(ENTITY_CONTROL, 'textarea', { text: [entities.get(a.entityId)?.name ?? a.entityId] });
  }
  return results;
}

export const labelStudioFormat: ExchangeFormat = {
  id: 'labelstudio',
  label: 'Label Studio (tasks JSON + labelling config, zipped)',
  extension: 'zip',
  mimeType: 'application/zip',
  write: writeLabelStudio,
  read: readLabelStudio,
};
