import type { GlossApi } from '../core/api';
import type { RelationEnd, RelationWithEnds } from '../core/api-notes';
import type { RelationType } from '../core/domain';
import { historyCall } from '../core/history-rules';
import type { ArticleView } from './editor/article-view';
import { relationPlugin } from './editor/relation-plugin';
import type { RelationMark, RelationMarksMeta } from './editor/relation-plugin';
import { performProjectStep, projectHistory } from './project-history';
import type { ReaderSession } from './reader-session';

/** One relation as seen from one of its annotations. */
export interface RelationItem {
  relation: RelationWithEnds;
  /** out: this annotation is the source; in: the target; both: the type reads both ways. */
  direction: 'out' | 'in' | 'both';
  /** What the relation says, read from this annotation: "supports", "supported by". */
  label: string;
  /** The annotation at the other end. */
  other: RelationEnd;
}

/** How a new relation reads from the annotation it is made on. */
export interface RelationChoice {
  typeId: string;
  /** out: the annotation relates to the target; in: the target relates to the annotation. */
  direction: 'out' | 'in';
}

export interface RelationsSnapshot {
  types: readonly RelationType[];
  relations: readonly RelationWithEnds[];
  /** The annotation the relation picker is open for, or null. */
  pickerFor: string | null;
  loaded: boolean;
}

const NO_ITEMS: readonly RelationItem[] = [];

/**
 * The relations of one open document, in step with its reader session: loaded with the
 * document, read again after every step (a relation created, an end deleted, an undo), listed
 * per annotation for the side panel's cards, and marked in the article around the active span.
 * Creating and deleting go through the session's undoable steps.
 */
export class RelationStore {
  private snapshot: RelationsSnapshot = {
    types: [],
    relations: [],
    pickerFor: null,
    loaded: false,
  };
  private readonly listeners = new Set<() => void>();
  private byAnnotation = new Map<string, RelationItem[]>();
  private loading = 0;
  private stopWatching: (() => void) | null = null;

  constructor(
    private readonly api: GlossApi,
    private readonly session: ReaderSession,
    private readonly onError: (error: unknown, context: string) => void,
  ) {}

  // --- React glue ---

  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    if (this.listeners.size === 1) this.watch();
    return () => {
      this.listeners.delete(listener);
      if (this.listeners.size === 0) this.unwatch();
    };
  };

  getSnapshot = (): RelationsSnapshot => this.snapshot;

  /** The relations of one annotation, the same array until they change (for memoised cards). */
  itemsFor(annotationId: string): readonly RelationItem[] {
    return this.byAnnotation.get(annotationId) ?? NO_ITEMS;
  }

  typeById(id: string): RelationType | undefined {
    return this.snapshot.types.find((t) => t.id === id);
  }

  // --- Loading ---

  /** Reads the types and the document's relations; a later call wins over an earlier one. */
  async load(): Promise<void> {
    const ticket = ++this.loading;
    try {
      const [types, relations] = await Promise.all([
        this.api.listRelationTypes({}),
        this.api.listRelations({ documentId: this.session.documentId }),
      ]);
      if (ticket !== this.loading) return;
      this.update({ types, relations, loaded: true });
    } catch (error) {
      if (ticket === this.loading) this.onError(error, 'Could not load the relations');
    }
  }

  // --- Actions (undoable) ---

  /** Relates `annotationId` to `otherId` as chosen; rejects (reported) when the service refuses. */
  async create(annotationId: string, otherId: string, choice: RelationChoice): Promise<void> {
    const type = this.typeById(choice.typeId);
    const [sourceId, targetId] =
      choice.direction === 'out' ? [annotationId, otherId] : [otherId, annotationId];
    const idOf = (results: unknown[]) => (results[0] as RelationWithEnds).id;
    const [created] = await this.session.perform({
      label: `Relate: ${type?.name ?? 'relation'}`,
      redo: [historyCall('createRelation', { typeId: choice.typeId, sourceId, targetId })],
      undo: (results) => [historyCall('deleteRelation', { id: idOf(results) })],
      // Redone by bringing the same relation back, so later steps that name it still apply.
      replay: (results) => [historyCall('restoreRelation', { id: idOf(results) })],
    });
    this.upsert(created as RelationWithEnds);
  }

  async remove(relationId: string): Promise<void> {
    const relation = this.snapshot.relations.find((r) => r.id === relationId);
    const type = relation && this.typeById(relation.typeId);
    await this.session.perform({
      label: `Delete relation${type ? ` “${type.name}”` : ''}`,
      redo: [historyCall('deleteRelation', { id: relationId })],
      undo: [historyCall('restoreRelation', { id: relationId })],
    });
    this.update({ relations: this.snapshot.relations.filter((r) => r.id !== relationId) });
  }

  /** A new relation type of the analyst's, undoable from the project history. */
  async createType(args: {
    name: string;
    inverseName?: string;
    symmetric: boolean;
  }): Promise<RelationType> {
    const idOf = (results: unknown[]) => (results[0] as RelationType).id;
    const [type] = await performProjectStep(this.api, {
      label: `New relation type “${args.name}”`,
      redo: [historyCall('createRelationType', args)],
      undo: (results) => [historyCall('deleteRelationType', { id: idOf(results) })],
      replay: (results) => [historyCall('restoreRelationType', { id: idOf(results) })],
    });
    const created = type as RelationType;
    this.update({ types: [...this.snapshot.types, created] });
    return created;
  }

  /** Deletes a type of the analyst's that no relation uses (the service refuses otherwise). */
  async deleteType(id: string): Promise<void> {
    const type = this.typeById(id);
    await performProjectStep(this.api, {
      label: `Delete relation type “${type?.name ?? ''}”`,
      redo: [historyCall('deleteRelationType', { id })],
      undo: [historyCall('restoreRelationType', { id })],
    });
    this.update({ types: this.snapshot.types.filter((t) => t.id !== id) });
  }

  // --- The picker ---

  openPicker(annotationId: string): void {
    this.update({ pickerFor: annotationId });
  }

  closePicker(): void {
    this.update({ pickerFor: null });
  }

  // --- The article ---

  /**
   * Marks, in the article, the spans related to the active annotation, from now until the
   * returned function is called (when the article goes away).
   */
  attach(article: ArticleView): () => void {
    const send = article.addPlugin(relationPlugin());
    let last = '';
    const redraw = () => {
      // While the text is being edited the stored offsets no longer match it; the marks drawn
      // follow the edit through the plugin's mapping.
      if (article.editing) return;
      const marks = this.marksFor(article, this.session.getSnapshot().activeId);
      const key = JSON.stringify(marks);
      if (key === last) return;
      last = key;
      send({ marks } satisfies RelationMarksMeta);
    };
    const unsubscribeSession = this.session.subscribe(redraw);
    const unsubscribeSelf = this.subscribe(redraw);
    redraw();
    return () => {
      unsubscribeSession();
      unsubscribeSelf();
    };
  }

  /** The marks for the spans in this document related to `activeId`. */
  marksFor(article: Pick<ArticleView, 'map'>, activeId: string | null): RelationMark[] {
    if (!activeId) return [];
    const documentId = this.session.documentId;
    const current = new Map(this.session.getSnapshot().annotations.map((a) => [a.id, a]));
    const marks = new Map<string, RelationMark>();
    for (const item of this.itemsFor(activeId)) {
      if (item.other.documentId !== documentId) continue;
      // The session's copy is the one drawn (it follows edits before the relations reload).
      const span = current.get(item.other.annotationId) ?? item.other;
      const range = article.map.spanToRange(span);
      if (!range) continue;
      const existing = marks.get(item.other.annotationId);
      if (existing) {
        existing.labels.push(item.label);
        if (existing.direction !== item.direction) existing.direction = 'both';
      } else {
        marks.set(item.other.annotationId, {
          id: item.other.annotationId,
          ...range,
          labels: [item.label],
          direction: item.direction,
        });
      }
    }
    return [...marks.values()];
  }

  // --- Internals ---

  /** Follows the session: any step (done, undone, redone) may have changed relations. */
  private watch(): void {
    let revision = this.session.getSnapshot().revision;
    const unsubscribeSession = this.session.subscribe(() => {
      const next = this.session.getSnapshot().revision;
      if (next === revision) return;
      revision = next;
      void this.load();
    });
    // Relation types are project-wide: a type created, renamed or deleted (or that undone).
    const unsubscribeProject = projectHistory(this.api).onApplied((effect) => {
      if (effect.calls.some((call) => /RelationType$/.test(call.method))) void this.load();
    });
    this.stopWatching = () => {
      unsubscribeSession();
      unsubscribeProject();
    };
    void this.load();
  }

  private unwatch(): void {
    this.stopWatching?.();
    this.stopWatching = null;
  }

  private upsert(relation: RelationWithEnds): void {
    const others = this.snapshot.relations.filter((r) => r.id !== relation.id);
    this.update({ relations: [...others, relation] });
  }

  private update(patch: Partial<RelationsSnapshot>): void {
    const previous = this.snapshot;
    this.snapshot = { ...previous, ...patch };
    if (previous.relations !== this.snapshot.relations || previous.types !== this.snapshot.types) {
      this.byAnnotation = this.index();
    }
    for (const listener of this.listeners) listener();
  }

  /**
   * Relations per annotation, reusing the previous array of an annotation whose relations did
   * not change, so that only the cards concerned render again.
   */
  private index(): Map<string, RelationItem[]> {
    const types = new Map(this.snapshot.types.map((t) => [t.id, t]));
    const next = new Map<string, RelationItem[]>();
    const add = (id: string, item: RelationItem) => {
      let list = next.get(id);
      if (!list) next.set(id, (list = []));
      list.push(item);
    };
    for (const relation of this.snapshot.relations) {
      const type = types.get(relation.typeId);
      const name = type?.name ?? 'related to';
      const symmetric = type?.symmetric ?? false;
      add(relation.sourceId, {
        relation,
        direction: symmetric ? 'both' : 'out',
        label: name,
        other: relation.target,
      });
      add(relation.targetId, {
        relation,
        direction: symmetric ? 'both' : 'in',
        label: symmetric ? name : (type?.inverseName ?? 'related from'),
        other: relation.source,
      });
    }
    for (const [id, items] of next) {
      const previous = this.byAnnotation.get(id);
      if (previous && sameItems(previous, items)) next.set(id, previous);
    }
    return next;
  }
}

function sameItems(a: readonly RelationItem[], b: readonly RelationItem[]): boolean {
  return a.length === b.length && a.every((item, i) => itemKey(item) === itemKey(b[i]!));
}

/** What a card shows of an item: equal keys render the same. */
function itemKey({ relation, label, other }: RelationItem): string {
  return [
    relation.id,
    relation.updatedAt,
    label,
    other.annotationId,
    other.tagId,
    other.exact,
    other.documentTitle,
  ].join('\u0000');
}

const stores = new WeakMap<ReaderSession, RelationStore>();

/**
 * The relation store of a reader session: the reader makes one per session (useReaderRelations)
 * and the article, the cards and the picker find it from the session they already hold.
 */
export function relationStoreOf(session: ReaderSession): RelationStore | undefined {
  return stores.get(session);
}

/** The session's store, made on first use. */
export function relationStoreFor(session: ReaderSession, make: () => RelationStore): RelationStore {
  let store = stores.get(session);
  if (!store) stores.set(session, (store = make()));
  return store;
}
