/**
 * Reads Label Studio's JSON export (a list of tasks with `annotations`, or `predictions` when a
 * task has none) or a Gloss Label Studio zip. `labels` regions become annotations (one per
 * label); per-region results with a region's id become its attributes and entity link; the
 * region's `meta.text` its note; `relation` results relations. With Gloss's manifest the codebook
 * is restored exactly; otherwise tags come from the labels and attributes from the controls.
 */
import { GlossError } from '../../core/errors';
import type { Annotation, AttributeDef, AttributeValue, Entity, Relation } from '../../core/domain';
import { CodebookIndex, inSpanOrder } from './export-kit';
import {
  decodeUtf8,
  documentInfo,
  importedRelation,
  ImportedText,
  ImportWarnings,
  isUuid,
  LabelCodebook,
  readAnnotation,
  stableId,
} from './import-kit';
import { BOOLEAN_CHOICES, ENTITY_CONTROL, labelStudioScheme } from './labelstudio-config';
import { readManifest } from './manifest';
import type { GlossManifest } from './manifest';
import type { ExchangeBundle, ExchangeCodebook, ExchangeDocument } from './model';
import { readZipEntries } from '../zip-guard';

type Json = Record<string, unknown>;

export async function readLabelStudio(
  bytes: Uint8Array,
  fileName: string,
): Promise<ExchangeBundle> {
  const warnings = new ImportWarnings();
  let json: string;
  let manifest: GlossManifest | null = null;
  if (bytes[0] === 0x50 && bytes[1] === 0x4b) {
    const entries = await readZipEntries(bytes, (name) => /\.json$/i.test(name), {
      name: fileName,
      kind: 'Label Studio export (zip)',
    });
    manifest = readManifest(entries, warnings);
    const tasksName =
      [...entries.keys()].find((n) => /(^|\/)tasks\.json$/i.test(n)) ??
      [...entries.keys()].find((n) => !/gloss-manifest\.json$/i.test(n));
    if (!tasksName)
      throw new GlossError('unsupported_format', `${fileName}: no tasks .json file in the zip`);
    json = decodeUtf8(entries.get(tasksName)!, tasksName, warnings);
  } else {
    json = decodeUtf8(bytes, fileName, warnings);
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(json.replace(/^\uFEFF/, ''));
  } catch (error) {
    throw new GlossError(
      'unsupported_format',
      `${fileName}: not valid JSON (${(error as Error).message})`,
    );
  }
  const tasks = (Array.isArray(parsed) ? parsed : [parsed]).filter(
    (t): t is Json => typeof t === 'object' && t !== null && typeof (t as Json).data === 'object',
  );
  if (tasks.length === 0)
    throw new GlossError('unsupported_format', `${fileName}: no Label Studio tasks in it`);
  const reader = new TaskReader(fileName, manifest, warnings);
  const documents = tasks.flatMap((task, i) => reader.document(task, i) ?? []);
  return {
    format: 'Label Studio JSON',
    codebook: reader.codebook(),
    entities: [...reader.entities.values()],
    documents,
    projectMemos: [],
    warnings: warnings.list(),
  };
}

/** Reads tasks one by one, growing the codebook and entities as it meets them. */
class TaskReader {
  readonly entities = new Map<string, Entity>();
  private readonly labels = new LabelCodebook();
  private readonly exact: { codebook: ExchangeCodebook; index: CodebookIndex } | null;
  private readonly tagOfLabel = new Map<string, string>();
  private readonly relationOfLabel = new Map<string, string>();
  private readonly defOfControl = new Map<string, AttributeDef>();

  constructor(
    private readonly fileName: string,
    private readonly manifest: GlossManifest | null,
    private readonly warnings: ImportWarnings,
  ) {
    for (const entity of manifest?.entities ?? []) this.entities.set(entity.id, entity);
    if (!manifest) {
      this.exact = null;
      return;
    }
    const index = new CodebookIndex(manifest.codebook);
    const scheme = labelStudioScheme(index);
    this.exact = { codebook: manifest.codebook, index };
    for (const [id, label] of scheme.labels) this.tagOfLabel.set(label, id);
    for (const [id, label] of scheme.relations) this.relationOfLabel.set(label, id);
    for (const [id, control] of scheme.controls)
      this.defOfControl.set(control, index.attributeDefs.get(id)!);
  }

  /** The manifest's codebook (when there is one) and whatever the tasks named beyond it. */
  codebook(): ExchangeCodebook {
    const base = this.exact?.codebook ?? { tags: [], attributeDefs: [], relationTypes: [] };
    const merge = <T extends { id: string }>(known: T[], more: T[]) => [
      ...known,
      ...more.filter((x) => !known.some((y) => y.id === x.id)),
    ];
    return {
      tags: merge(base.tags, this.labels.codebook.tags),
      attributeDefs: merge(base.attributeDefs, [...this.defOfControl.values()]),
      relationTypes: merge(base.relationTypes, this.labels.codebook.relationTypes),
    };
  }

  document(task: Json, i: number): ExchangeDocument | null {
    const data = task.data as Json;
    const taskId = task.id ?? i + 1;
    const where = `${this.fileName} task ${String(taskId)}`;
    const textKey =
      typeof data.text === 'string'
        ? 'text'
        : Object.keys(data).find((k) => typeof data[k] === 'string');
    if (!textKey) {
      this.warnings.add(`${where}: no text in its data; skipped`);
      return null;
    }
    if (textKey !== 'text') this.warnings.add(`${where}: read its text from data.${textKey}`);
    const imported = new ImportedText(data[textKey] as string);
    const known = this.manifest?.documents.find((d) => d.file === String(taskId));
    const id =
      known?.id ??
      (isUuid(data.document_id)
        ? data.document_id
        : stableId('labelstudio', this.fileName, String(taskId)));
    const title =
      known?.title ??
      (typeof data.title === 'string' && data.title ? data.title : `Task ${String(taskId)}`);
    const info = documentInfo({
      id,
      title,
      text: imported.text,
      ...(known
        ? {
            sha256: known.sha256,
            format: known.format,
            importedAt: known.importedAt,
            details: known.details,
          }
        : {}),
    });
    let sets = Array.isArray(task.annotations)
      ? task.annotations
      : Array.isArray(task.completions)
        ? task.completions
        : [];
    if (sets.length === 0 && Array.isArray(task.predictions) && task.predictions.length > 0) {
      this.warnings.add(`${where}: no annotations; its predictions were read instead`);
      sets = task.predictions;
    }
    if (sets.length > 1)
      this.warnings.add(`${where}: ${sets.length} annotations (annotators); all were read`);
    const regions = new Map<string, Annotation[]>();
    const relations: Relation[] = [];
    for (const [s, set] of sets.entries()) {
      const results = Array.isArray((set as Json)?.result) ? ((set as Json).result as Json[]) : [];
      const ctx = { where, documentId: id, imported, set: s, multiple: sets.length > 1 };
      for (const r of results) if (r?.type === 'labels') this.region(r, ctx, regions);
      for (const r of results) {
        if (!r || r.type === 'labels') continue;
        if (r.type === 'relation') this.relation(r, ctx, regions, relations);
        else this.perRegion(r, ctx, regions);
      }
    }
    if (imported.changed)
      this.warnings.add(
        `${where}: CRLF line ends or a byte-order mark were normalised; offsets moved to match`,
      );
    const annotations = inSpanOrder([...regions.values()].flat());
    return { document: info, annotations, relations, memos: [] };
  }

  private region(r: Json, ctx: RegionContext, regions: Map<string, Annotation[]>): void {
    const value = (r.value ?? {}) as Json;
    const { start, end } = value;
    const valid =
      Number.isInteger(start) &&
      Number.isInteger(end) &&
      (start as number) >= 0 &&
      (start as number) < (end as number) &&
      (end as number) <= ctx.imported.rawLength;
    const labels = Array.isArray(value.labels)
      ? value.labels.filter((l): l is string => typeof l === 'string')
      : [];
    if (!valid || labels.length === 0) {
      this.warnings.add(
        `${ctx.where}: region ${String(r.id)} has no labels over a range of the text; skipped`,
      );
      return;
    }
    const note = Array.isArray((r.meta as Json)?.text)
      ? ((r.meta as Json).text as unknown[]).join('\n')
      : '';
    const key = `${ctx.set}/${String(r.id)}`;
    const made = labels.map((label, n) =>
      readAnnotation({
        id:
          isUuid(r.id) && labels.length === 1 && !ctx.multiple
            ? r.id
            : stableId('labelstudio', ctx.documentId, key, n),
        documentId: ctx.documentId,
        tagId: this.tagId(label),
        start: ctx.imported.offset(start as number),
        end: ctx.imported.offset(end as number),
        index: ctx.imported.index,
        note,
      }),
    );
    if (typeof value.text === 'string' && made[0] && value.text !== made[0].exact) {
      this.warnings.add(
        `${ctx.where}: region ${String(r.id)}'s text "${value.text}" differs from the task text ("${made[0].exact}")`,
      );
    }
    regions.set(key, [...(regions.get(key) ?? []), ...made]);
  }

  private tagId(label: string): string {
    return this.tagOfLabel.get(label) ?? this.labels.tagId(label);
  }

  private perRegion(r: Json, ctx: RegionContext, regions: Map<string, Annotation[]>): void {
    const targets = regions.get(`${ctx.set}/${String(r.id)}`);
    const control = typeof r.from_name === 'string' ? r.from_name : '';
    const value = (r.value ?? {}) as Json;
    if (!targets) {
      this.warnings.add(
        `${ctx.where}: ${String(r.type)} result "${control}" is not on a region (a task-level answer); not read`,
      );
      return;
    }
    if (control === ENTITY_CONTROL && r.type === 'textarea') {
      const name = textOf(value);
      if (name) for (const a of targets) a.entityId = this.entityId(name);
      return;
    }
    const def = this.defOfControl.get(control) ?? this.inferDef(control, r, targets[0]!.tagId);
    if (!def) {
      this.warnings.add(
        `${ctx.where}: ${String(r.type)} result "${control}" is not a kind of value Gloss reads; skipped`,
      );
      return;
    }
    const read = this.valueOf(def, r, value);
    if (read === undefined) {
      this.warnings.add(
        `${ctx.where}: the value of "${control}" on region ${String(r.id)} could not be read; skipped`,
      );
      return;
    }
    for (const a of targets) a.attributes[def.id] = read;
  }

  /** An attribute for a control the file uses but no manifest describes. */
  private inferDef(control: string, r: Json, tagId: string): AttributeDef | undefined {
    const value = (r.value ?? {}) as Json;
    const type: AttributeDef['type'] | undefined =
      r.type === 'choices'
        ? Array.isArray(value.choices) && value.choices.length > 1
          ? 'multi_choice'
          : 'choice'
        : r.type === 'number' || r.type === 'rating'
          ? 'number'
          : r.type === 'datetime'
            ? 'date'
            : r.type === 'textarea'
              ? 'long_text'
              : undefined;
    if (!type || this.exact) return undefined;
    const def: AttributeDef = {
      id: stableId('labelstudio-attribute', control),
      tagId,
      key: control.replace(/^attr_/, ''),
      name: control.replace(/^attr_/, '').replace(/_/g, ' '),
      type,
      choices: [],
      description: '',
      position: this.defOfControl.size,
    };
    this.defOfControl.set(control, def);
    return def;
  }

  private valueOf(def: AttributeDef, r: Json, value: Json): AttributeValue | undefined {
    if (r.type === 'choices' && Array.isArray(value.choices)) {
      const choices = value.choices.map(String);
      if (!this.exact) {
        for (const c of choices)
          if (!def.choices.some((x) => x.value === c)) def.choices.push({ value: c, label: c });
        if (choices.length > 1) def.type = 'multi_choice';
      }
      if (def.type === 'boolean') return choices[0] === BOOLEAN_CHOICES[0]!.value;
      return def.type === 'multi_choice' ? choices : choices[0];
    }
    if (r.type === 'number' || r.type === 'rating') {
      const n = Number(value.number ?? value.rating);
      return Number.isFinite(n) ? n : undefined;
    }
    if (r.type === 'datetime' && typeof value.datetime === 'string') return value.datetime;
    const text = textOf(value);
    if (text === undefined) return undefined;
    if (def.type === 'entity') return this.entityId(text);
    if (def.type === 'number') return Number.isFinite(Number(text)) ? Number(text) : undefined;
    return text;
  }

  private entityId(name: string): string {
    const found = [...this.entities.values()].find(
      (e) => e.name === name || e.aliases.includes(name),
    );
    if (found) return found.id;
    const id = stableId('entity-name', name);
    const at = new Date().toISOString();
    this.entities.set(id, {
      id,
      name,
      kind: 'other',
      aliases: [],
      description: '',
      externalIds: {},
      mentionCount: 0,
      createdAt: at,
      updatedAt: at,
    });
    return id;
  }

  private relation(
    r: Json,
    ctx: RegionContext,
    regions: Map<string, Annotation[]>,
    out: Relation[],
  ): void {
    let from = regions.get(`${ctx.set}/${String(r.from_id)}`)?.[0];
    let to = regions.get(`${ctx.set}/${String(r.to_id)}`)?.[0];
    if (!from || !to) {
      this.warnings.add(
        `${ctx.where}: a relation links ${String(r.from_id)} and ${String(r.to_id)}, which are not both regions; skipped`,
      );
      return;
    }
    if (r.direction === 'left') [from, to] = [to, from];
    const labels =
      Array.isArray(r.labels) && r.labels.length > 0 ? r.labels.map(String) : ['related'];
    const at = new Date().toISOString();
    for (const label of labels) {
      out.push(
        importedRelation(
          {
            id: stableId('labelstudio', ctx.documentId, ctx.set, 'relation', out.length),
            typeId: this.relationOfLabel.get(label) ?? this.labels.relationTypeId(label),
            sourceId: from.id,
            targetId: to.id,
          },
          at,
        ),
      );
    }
  }
}

interface RegionContext {
  where: string;
  documentId: string;
  imported: ImportedText;
  set: number;
  multiple: boolean;
}

function textOf(value: Json): string | undefined {
  const text = value.text;
  if (Array.isArray(text)) return text.map(String).join('\n');
  return typeof text === 'string' ? text : undefined;
}
