/**
 * What the span formats (brat, CoNLL, doccano, Label Studio, spaCy) and the reports share: the
 * codebook as lookups (tag paths, sub-tags, a tag's attributes), the log of what an export had
 * to leave out, label names that survive another tool's syntax, and progress reporting.
 */
import anyAscii from 'any-ascii';
import type { Annotation, AttributeDef, Entity, RelationType, Tag } from '../../core/domain';
import { ENTITY_TAG_ID } from '../../core/codebook';
import type { ExchangeCodebook, ExchangeDocument, ExchangeSource } from './model';
import type { ExportOptions, ExportReport } from './registry-types';

/** The codebook with the lookups exporters need, built once per export. */
export class CodebookIndex {
  readonly tags = new Map<string, Tag>();
  readonly attributeDefs = new Map<string, AttributeDef>();
  readonly relationTypes = new Map<string, RelationType>();
  private readonly children = new Map<string | null, Tag[]>();

  constructor(readonly codebook: ExchangeCodebook) {
    for (const tag of codebook.tags) this.tags.set(tag.id, tag);
    for (const def of codebook.attributeDefs) this.attributeDefs.set(def.id, def);
    for (const type of codebook.relationTypes) this.relationTypes.set(type.id, type);
    for (const tag of [...codebook.tags].sort(byPosition)) {
      // A tag whose parent is missing is shown as a root rather than lost.
      const parent = tag.parentId !== null && this.tags.has(tag.parentId) ? tag.parentId : null;
      const siblings = this.children.get(parent) ?? [];
      siblings.push(tag);
      this.children.set(parent, siblings);
    }
  }

  /** The tags directly under `parentId` (roots for null), in codebook order. */
  childrenOf(parentId: string | null): Tag[] {
    return this.children.get(parentId) ?? [];
  }

  /** Every tag, parents before their children, siblings in codebook order. */
  treeOrder(): { tag: Tag; depth: number }[] {
    const out: { tag: Tag; depth: number }[] = [];
    const visit = (parentId: string | null, depth: number) => {
      for (const tag of this.childrenOf(parentId)) {
        out.push({ tag, depth });
        visit(tag.id, depth + 1);
      }
    };
    visit(null, 0);
    return out;
  }

  /** The tag and its ancestors, root first. */
  pathOf(tagId: string): Tag[] {
    const path: Tag[] = [];
    const seen = new Set<string>();
    for (let tag = this.tags.get(tagId); tag && !seen.has(tag.id);) {
      seen.add(tag.id);
      path.unshift(tag);
      tag = tag.parentId === null ? undefined : this.tags.get(tag.parentId);
    }
    return path;
  }

  /** Whether `tagId` is `ancestorId` or lies beneath it. */
  isWithin(tagId: string, ancestorId: string): boolean {
    return this.pathOf(tagId).some((tag) => tag.id === ancestorId);
  }

  /** The tags given and all their sub-tags. */
  withDescendants(tagIds: readonly string[]): Set<string> {
    const out = new Set<string>();
    const add = (id: string) => {
      if (out.has(id)) return;
      out.add(id);
      for (const child of this.childrenOf(id)) add(child.id);
    };
    for (const id of tagIds) if (this.tags.has(id)) add(id);
    return out;
  }

  /** The attributes an annotation of this tag carries: its own and its ancestors'. */
  attributesOf(tagId: string): AttributeDef[] {
    const path = new Set(this.pathOf(tagId).map((tag) => tag.id));
    return this.codebook.attributeDefs
      .filter((def) => path.has(def.tagId))
      .sort(
        (a, b) => this.pathOf(a.tagId).length - this.pathOf(b.tagId).length || byPosition(a, b),
      );
  }

  /** The tag's name, or its id when the tag is unknown (a foreign key prevents that). */
  nameOf(tagId: string): string {
    return this.tags.get(tagId)?.name ?? tagId;
  }
}

function byPosition(a: { position: number }, b: { position: number }): number {
  return a.position - b.position;
}

/** Which tags an export carries: the options' choice, or `fallback` (all tags when absent). */
export function selectedTags(
  index: CodebookIndex,
  options: ExportOptions,
  fallback?: readonly string[],
): Set<string> {
  const chosen = options.tagIds ?? fallback;
  return chosen ? index.withDescendants(chosen) : new Set(index.tags.keys());
}

/**
 * The document's annotations of the chosen tags. The others are counted in the report as left out
 * by the choice, with `reason` (a format that only carries some tags says so).
 */
export function chosenAnnotations(
  doc: ExchangeDocument,
  selected: ReadonlySet<string>,
  log: OmissionLog,
  reason = 'left out by the tag choice',
): Annotation[] {
  const chosen = doc.annotations.filter((a) => selected.has(a.tagId));
  log.field('annotations of tags not chosen', reason, doc.annotations.length - chosen.length);
  return chosen;
}

/** The entity tags (the Entity root and everything under it): what NER formats carry by default. */
export const ENTITY_TAGS: readonly string[] = [ENTITY_TAG_ID];

/**
 * What an export left out. Whole annotations and relations are listed one by one, with their
 * ids; a field a format has no place for at all (authors, timestamps) is listed once, with how
 * many values it dropped, so a 100,000-span export does not produce 100,000 identical lines.
 */
export class OmissionLog {
  private readonly items: ExportReport['omitted'] = [];
  private readonly fields = new Map<string, { reason: string; count: number }>();

  /** One annotation, relation, memo or entity left out (or changed), with why. */
  item(id: string, what: string, reason: string): void {
    this.items.push({ id, what, reason });
  }

  /** A field the format cannot hold, `count` more values of it dropped. */
  field(what: string, reason: string, count = 1): void {
    if (count <= 0) return;
    const entry = this.fields.get(what);
    if (entry) entry.count += count;
    else this.fields.set(what, { reason, count });
  }

  report(documentCount: number, annotationCount: number): ExportReport {
    const fieldEntries = [...this.fields].map(([what, { reason, count }]) => ({
      id: '*',
      what: `${what} (${count.toLocaleString('en')})`,
      reason,
    }));
    return { documentCount, annotationCount, omitted: [...this.items, ...fieldEntries] };
  }
}

/**
 * Calls `onProgress` as annotations are written, at most every `step` of them and once at the
 * end, so that a progress bar moves without each span costing a callback.
 */
export class ProgressTicker {
  private done = 0;
  private lastReported = 0;

  constructor(
    private readonly total: number,
    private readonly onProgress: ExportOptions['onProgress'],
    private readonly step = 500,
  ) {}

  add(count: number): void {
    this.done += count;
    if (this.onProgress && this.done - this.lastReported >= this.step) {
      this.lastReported = this.done;
      this.onProgress(this.done, this.total);
    }
  }

  finish(): void {
    this.onProgress?.(this.done, Math.max(this.total, this.done));
  }
}

/**
 * A name that survives a whitespace-separated syntax (brat, CoNLL labels): transliterated to
 * ASCII, then every run of other characters turned into `_`. Never empty.
 */
export function safeToken(name: string, fallback = 'unnamed'): string {
  const ascii = anyAscii(name)
    .replace(/[^A-Za-z0-9_-]+/g, '_')
    .replace(/^_+|_+$/g, '');
  return ascii || fallback;
}

/**
 * Gives each item a distinct name made by `nameOf`; a clash gets `_2`, `_3`… in item order, so
 * the same codebook always yields the same names.
 */
export function distinctNames<T>(
  items: readonly T[],
  idOf: (item: T) => string,
  nameOf: (item: T) => string,
  reserved: Iterable<string> = [],
): Map<string, string> {
  const used = new Set([...reserved].map((name) => name.toLowerCase()));
  const out = new Map<string, string>();
  for (const item of items) {
    const base = nameOf(item);
    let name = base;
    for (let n = 2; used.has(name.toLowerCase()); n++) name = `${base}_${n}`;
    used.add(name.toLowerCase());
    out.set(idOf(item), name);
  }
  return out;
}

/**
 * Labels for the token formats (CoNLL, spaCy), where a label is one word: the tag names with
 * white space as `_`, numbered where two tags share a name.
 */
export function tokenLabels(tags: readonly Tag[]): Map<string, string> {
  return distinctNames(
    tags,
    (t) => t.id,
    (t) => t.name.trim().replace(/\s+/g, '_') || 'Tag',
  );
}

/** A document's annotations in export order: by start, then the longer first, then id. */
export function inSpanOrder(annotations: readonly Annotation[]): Annotation[] {
  return [...annotations].sort(
    (a, b) => a.start - b.start || b.end - a.end || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0),
  );
}

/** An attribute value as a person reads it: choices by value, entities by name. */
export function attributeText(
  def: AttributeDef | undefined,
  value: unknown,
  entities: ReadonlyMap<string, Entity>,
): string {
  if (Array.isArray(value)) return value.map((v) => attributeText(def, v, entities)).join(', ');
  if (typeof value === 'boolean') return value ? 'yes' : 'no';
  if (typeof value === 'number') return String(value);
  if (typeof value !== 'string') return '';
  if (def?.type === 'entity') return entities.get(value)?.name ?? value;
  return value;
}

/** The source's entities by id. */
export function entitiesById(source: Pick<ExchangeSource, 'entities'>): Map<string, Entity> {
  return new Map(source.entities.map((entity) => [entity.id, entity]));
}

/** Who made each span and when: no span format holds it, so it is listed once per export. */
export function logAuthorship(log: OmissionLog, written: number, format: string): void {
  log.field(
    'annotation authors and times',
    `${format} has no place for who made a span and when`,
    written,
  );
}

/** At most `max` code points of a text (never half an emoji), with … when cut. */
export function clip(text: string, max = 60): string {
  const chars = Array.from(text);
  return chars.length <= max ? text : `${chars.slice(0, max).join('')}…`;
}
