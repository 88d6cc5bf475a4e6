/**
 * What the HTML and Markdown reports show, gathered from an ExchangeSource in one pass: the claims
 * register (each claim with its quote, document, attribution, Admiralty grade and the claims that
 * support or contradict it), the entity index (entities, aliases, mentions by document) and the
 * opinions grouped by holder. Plain data, so both renderers show the same facts.
 */
import {
  BUILTIN_ATTRIBUTE_IDS,
  CLAIM_TAG_ID,
  ENTITY_TAG_ID,
  OPINION_TAG_ID,
} from '../../core/codebook';
import type {
  Annotation,
  AttributeDef,
  DocumentDetails,
  Entity,
  Relation,
} from '../../core/domain';
import {
  CodebookIndex,
  entitiesById,
  inSpanOrder,
  OmissionLog,
  ProgressTicker,
  selectedTags,
} from './export-kit';
import type { ExchangeSource } from './model';
import type { ExportOptions, ExportReport, ExportSink } from './registry-types';

/** A pointer to another span, as a reader sees it. */
export interface SpanRef {
  id: string;
  quote: string;
  documentTitle: string;
  /** Whether the span is listed in this report (so a link to it works). */
  listed: boolean;
}

export interface ClaimRow {
  id: string;
  tag: string;
  quote: string;
  note: string;
  documentTitle: string;
  attribution: string[];
  /** The Admiralty grade: source reliability A–F, information credibility 1–6. */
  reliability: string | null;
  credibility: string | null;
  reliabilityLabel: string;
  credibilityLabel: string;
  supports: SpanRef[];
  supportedBy: SpanRef[];
  contradicts: SpanRef[];
}

export interface EntityRow {
  id: string;
  name: string;
  kind: string;
  aliases: string[];
  description: string;
  mentions: { quote: string; tag: string; documentTitle: string }[];
}

export interface OpinionRow {
  id: string;
  quote: string;
  note: string;
  documentTitle: string;
  stance: string | null;
  targets: string[];
}

export interface ReportData {
  title: string;
  generator: string;
  exportedAt: string;
  scope: 'document' | 'project';
  documents: { id: string; title: string; details: DocumentDetails; annotations: number }[];
  claims: ClaimRow[];
  entities: EntityRow[];
  /** Entity-tag spans linked to no entity, grouped by their text. */
  unlinked: EntityRow[];
  holders: { holder: string; opinions: OpinionRow[] }[];
  annotationCount: number;
}

/**
 * Writes a report into `sink`, section by section as `render` yields them: the HTML and Markdown
 * reports differ only in their markup.
 */
export async function writeReport(
  source: ExchangeSource,
  sink: ExportSink,
  options: ExportOptions,
  render: (data: ReportData) => Iterable<string>,
): Promise<ExportReport> {
  const log = new OmissionLog();
  const data = buildReportData(source, options, log, source.documentCount === 1);
  for (const part of render(data)) await sink.write(part);
  return log.report(data.documents.length, data.annotationCount);
}

/** How the documents table cites a document: "author, outlet, date · outlet B" (unescaped). */
export function citationOf(details: DocumentDetails): string {
  const cite = [details.author, details.outlet, details.publishedAt].filter(Boolean).join(', ');
  return details.outletReliability ? `${cite} · outlet ${details.outletReliability}` : cite;
}

/** The group of opinions whose holder nobody recorded: listed last. */
export const NO_HOLDER = 'Holder not recorded';

interface SpanInfo {
  quote: string;
  documentTitle: string;
  entityId: string | null;
  tagId: string;
}

/** Reads the source once and builds the report; spans outside the three roots are logged. */
export function buildReportData(
  source: ExchangeSource,
  options: ExportOptions,
  log: OmissionLog,
  single: boolean,
): ReportData {
  const index = new CodebookIndex(source.codebook);
  const selected = selectedTags(index, options);
  const entities = entitiesById(source);
  const ticker = new ProgressTicker(source.annotationCount, options.onProgress);
  const spans = new Map<string, SpanInfo>();
  const claims: { a: Annotation; documentTitle: string }[] = [];
  const mentions: { a: Annotation; documentTitle: string }[] = [];
  const opinions: { a: Annotation; documentTitle: string }[] = [];
  const relations: Relation[] = [];
  const documents: ReportData['documents'] = [];
  let annotationCount = 0;
  for (const doc of source.documents()) {
    const title = doc.document.title;
    const chosen = inSpanOrder(doc.annotations.filter((a) => selected.has(a.tagId)));
    for (const a of chosen) {
      spans.set(a.id, {
        quote: a.exact,
        documentTitle: title,
        entityId: a.entityId,
        tagId: a.tagId,
      });
      const row = { a, documentTitle: title };
      if (index.isWithin(a.tagId, CLAIM_TAG_ID)) claims.push(row);
      else if (index.isWithin(a.tagId, ENTITY_TAG_ID)) mentions.push(row);
      else if (index.isWithin(a.tagId, OPINION_TAG_ID)) opinions.push(row);
      else
        log.field(
          'spans of tags outside Claim, Entity and Opinion',
          'the report lists claims, entities and opinions',
        );
    }
    relations.push(...doc.relations);
    documents.push({
      id: doc.document.id,
      title,
      details: doc.document.details,
      annotations: chosen.length,
    });
    annotationCount += chosen.length;
    ticker.add(doc.annotations.length);
  }
  ticker.finish();
  const defs = new AttributeLookup(source.codebook.attributeDefs);
  const nameOfEntity = (id: string) => entities.get(id)?.name ?? 'an entity not in this export';
  const refOf = (id: string): SpanRef => {
    const span = spans.get(id);
    return span
      ? { id, quote: span.quote, documentTitle: span.documentTitle, listed: true }
      : { id, quote: '(a span not in this report)', documentTitle: '', listed: false };
  };
  /** Who or what a relation's end names: its entity, else its quote. */
  const named = (id: string) => {
    const span = spans.get(id);
    if (!span) return '(a span not in this report)';
    return span.entityId ? nameOfEntity(span.entityId) : `“${span.quote}”`;
  };
  const relationKey = (r: Relation) => index.relationTypes.get(r.typeId)?.key ?? '';
  const bySource = groupBy(relations, (r) => r.sourceId);
  const byTarget = groupBy(relations, (r) => r.targetId);
  const claimRows = claims.map(({ a, documentTitle }): ClaimRow => {
    const out = bySource.get(a.id) ?? [];
    const into = byTarget.get(a.id) ?? [];
    const attributed = defs.value(a, 'attributed_to', BUILTIN_ATTRIBUTE_IDS.attributedTo);
    const reliability = defs.value(a, 'reliability', BUILTIN_ATTRIBUTE_IDS.reliability);
    const credibility = defs.value(a, 'credibility', BUILTIN_ATTRIBUTE_IDS.credibility);
    return {
      id: a.id,
      tag: index.nameOf(a.tagId),
      quote: a.exact,
      note: a.note,
      documentTitle,
      attribution: unique([
        ...(typeof attributed === 'string' ? [nameOfEntity(attributed)] : []),
        ...out.filter((r) => relationKey(r) === 'attributed_to').map((r) => named(r.targetId)),
      ]),
      reliability: typeof reliability === 'string' ? reliability : null,
      credibility: typeof credibility === 'string' ? credibility : null,
      reliabilityLabel: defs.choiceLabel(
        'reliability',
        BUILTIN_ATTRIBUTE_IDS.reliability,
        reliability,
      ),
      credibilityLabel: defs.choiceLabel(
        'credibility',
        BUILTIN_ATTRIBUTE_IDS.credibility,
        credibility,
      ),
      supports: out.filter((r) => relationKey(r) === 'supports').map((r) => refOf(r.targetId)),
      supportedBy: into.filter((r) => relationKey(r) === 'supports').map((r) => refOf(r.sourceId)),
      contradicts: [
        ...out.filter((r) => relationKey(r) === 'contradicts').map((r) => refOf(r.targetId)),
        ...into.filter((r) => relationKey(r) === 'contradicts').map((r) => refOf(r.sourceId)),
      ],
    };
  });
  const holders = new Map<string, OpinionRow[]>();
  for (const { a, documentTitle } of opinions) {
    const holder = defs.value(a, 'holder', BUILTIN_ATTRIBUTE_IDS.holder);
    const heldBy = (bySource.get(a.id) ?? [])
      .filter((r) => relationKey(r) === 'held_by')
      .map((r) => named(r.targetId));
    const names = unique([
      ...(typeof holder === 'string' ? [nameOfEntity(holder)] : []),
      ...heldBy,
    ]);
    const target = defs.value(a, 'target', BUILTIN_ATTRIBUTE_IDS.target);
    const about = (bySource.get(a.id) ?? [])
      .filter((r) => relationKey(r) === 'about')
      .map((r) => named(r.targetId));
    const row: OpinionRow = {
      id: a.id,
      quote: a.exact,
      note: a.note,
      documentTitle,
      stance:
        defs.choiceLabel(
          'stance',
          BUILTIN_ATTRIBUTE_IDS.stance,
          defs.value(a, 'stance', BUILTIN_ATTRIBUTE_IDS.stance),
        ) || null,
      targets: unique([...(typeof target === 'string' ? [nameOfEntity(target)] : []), ...about]),
    };
    for (const name of names.length > 0 ? names : [NO_HOLDER]) {
      const group = holders.get(name);
      if (group) group.push(row);
      else holders.set(name, [row]);
    }
  }
  return {
    title: single && documents[0] ? documents[0].title : 'Project report',
    generator: source.generator,
    exportedAt: source.exportedAt,
    scope: single ? 'document' : 'project',
    documents,
    claims: claimRows,
    ...entityIndex(mentions, entities, index),
    holders: [...holders]
      .sort(([a], [b]) => (a === NO_HOLDER ? 1 : b === NO_HOLDER ? -1 : a.localeCompare(b)))
      .map(([holder, rows]) => ({ holder, opinions: rows })),
    annotationCount,
  };
}

function entityIndex(
  mentions: { a: Annotation; documentTitle: string }[],
  entities: Map<string, Entity>,
  index: CodebookIndex,
): Pick<ReportData, 'entities' | 'unlinked'> {
  const linked = new Map<string, EntityRow>();
  const unlinked = new Map<string, EntityRow>();
  for (const { a, documentTitle } of mentions) {
    const mention = { quote: a.exact, tag: index.nameOf(a.tagId), documentTitle };
    if (a.entityId) {
      const entity = entities.get(a.entityId);
      const row = linked.get(a.entityId) ?? {
        id: a.entityId,
        name: entity?.name ?? a.exact,
        kind: entity?.kind ?? '',
        aliases: entity?.aliases ?? [],
        description: entity?.description ?? '',
        mentions: [],
      };
      row.mentions.push(mention);
      linked.set(a.entityId, row);
    } else {
      const key = a.exact.normalize('NFKC').toLocaleLowerCase().replace(/\s+/g, ' ').trim();
      const row = unlinked.get(key) ?? {
        id: `unlinked-${unlinked.size + 1}`,
        name: a.exact.trim(),
        kind: '',
        aliases: [],
        description: '',
        mentions: [],
      };
      row.mentions.push(mention);
      unlinked.set(key, row);
    }
  }
  const byName = (x: EntityRow, y: EntityRow) => x.name.localeCompare(y.name);
  return {
    entities: [...linked.values()].sort(byName),
    unlinked: [...unlinked.values()].sort(byName),
  };
}

/** Attribute values by built-in id, or by key for a project whose definitions were re-made. */
class AttributeLookup {
  private readonly byKey = new Map<string, AttributeDef[]>();
  private readonly byId: Map<string, AttributeDef>;

  constructor(defs: readonly AttributeDef[]) {
    this.byId = new Map(defs.map((d) => [d.id, d]));
    for (const def of defs) this.byKey.set(def.key, [...(this.byKey.get(def.key) ?? []), def]);
  }

  value(a: Annotation, key: string, builtInId: string): unknown {
    if (builtInId in a.attributes) return a.attributes[builtInId];
    const def = this.byKey.get(key)?.find((d) => d.id in a.attributes);
    return def ? a.attributes[def.id] : undefined;
  }

  choiceLabel(key: string, builtInId: string, value: unknown): string {
    if (typeof value !== 'string') return '';
    const defs = [this.byId.get(builtInId), ...(this.byKey.get(key) ?? [])];
    for (const def of defs) {
      const choice = def?.choices.find((c) => c.value === value);
      if (choice) return choice.label;
    }
    return value;
  }
}

function groupBy<T>(items: readonly T[], key: (item: T) => string): Map<string, T[]> {
  const out = new Map<string, T[]>();
  for (const item of items) {
    const group = out.get(key(item));
    if (group) group.push(item);
    else out.set(key(item), [item]);
  }
  return out;
}

function unique(values: string[]): string[] {
  return [...new Set(values)];
}
