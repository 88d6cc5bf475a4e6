/**
 * The small card shown over highlighted text: for each annotation under the pointer (outermost
 * first), its tag, its key attributes in short (the Admiralty code "B2", a stance) and the entity
 * it names or is attributed to. Read-only; the side panel is where they are edited.
 */
import { useEffect, useMemo, useState, useSyncExternalStore } from 'react';
import '../codebook.css';
import type { CSSProperties } from 'react';
import { admiraltyCode, applicableAttributes, formatAttributeValue } from '../../core/attributes';
import type { Annotation, AttributeDef, Tag } from '../../core/domain';
import { useApp } from '../app-context';
import type { ReaderSession } from '../reader-session';

export interface HoverItem {
  id: string;
  label: string;
  color: string;
}

/** Entity names already read, shared by every card: a card appears on each hover. */
const entityNames = new Map<string, Promise<string | null>>();

export function SpanHoverCard({
  x,
  y,
  items,
  session,
}: {
  x: number;
  y: number;
  items: readonly HoverItem[];
  session: ReaderSession;
}) {
  const { api, tagById, attributeDefs } = useApp();
  // Live: a value set in the panel while the pointer rests on the span shows at once.
  const { annotations } = useSyncExternalStore(session.subscribe, session.getSnapshot);
  const rows = useMemo(
    () =>
      items.map((item) => {
        const annotation = annotations.find((a) => a.id === item.id);
        const tag = annotation && tagById.get(annotation.tagId);
        return {
          item,
          ...(annotation && tag ? summarise(annotation, tag, tagById, attributeDefs) : {}),
        };
      }),
    [items, annotations, tagById, attributeDefs],
  );
  const wanted = rows.flatMap((r) => (r.entityId ? [r.entityId] : []));
  const [names, setNames] = useState<Record<string, string>>({});

  useEffect(() => {
    let live = true;
    for (const id of wanted) {
      let name = entityNames.get(id);
      if (!name) {
        name = api.getEntity({ id }).then(
          (entity) => entity.name,
          () => null,
        );
        entityNames.set(id, name);
        // Names change (an entity is renamed): a later card asks again after a while.
        setTimeout(() => entityNames.delete(id), 30_000);
      }
      void name.then((value) => {
        if (live && value)
          setNames((known) => (known[id] === value ? known : { ...known, [id]: value }));
      });
    }
    return () => {
      live = false;
    };
    // `wanted` is derived from rows; its joined ids are the real dependency.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [api, wanted.join()]);

  return (
    <div
      className="hover-card span-card"
      role="tooltip"
      style={{ left: x + 12, top: y + 18 } as CSSProperties}
    >
      {rows.map(({ item, facts, entityId }) => (
        <span key={item.id} className="hover-card-item">
          <span
            className="tag-swatch"
            style={{ '--tag-color': item.color } as CSSProperties}
            aria-hidden="true"
          />
          {item.label}
          {facts?.map((fact) => (
            <span key={fact} className="span-card-fact">
              {fact}
            </span>
          ))}
          {entityId && names[entityId] && (
            <span className="span-card-entity">{names[entityId]}</span>
          )}
        </span>
      ))}
    </div>
  );
}

/** The key facts of an annotation in a few characters each, and the entity worth naming. */
function summarise(
  annotation: Annotation,
  tag: Tag,
  tagById: ReadonlyMap<string, Tag>,
  defs: readonly AttributeDef[],
): { facts: string[]; entityId: string | null } {
  const applicable = applicableAttributes(tag.id, tagById, defs);
  const facts: string[] = [];
  const code = admiraltyCode(annotation.attributes, applicable);
  if (code) facts.push(code);
  for (const def of applicable) {
    const value = annotation.attributes[def.id];
    if (value === undefined || def.key === 'reliability' || def.key === 'credibility') continue;
    // Short choices (a stance, a kind) read well on the card; long text does not.
    if (def.type === 'choice' || def.type === 'boolean' || def.type === 'date') {
      // A choice reads by its label ("Television", not the stored "tv") when that is short.
      const label =
        def.type === 'choice' ? def.choices.find((c) => c.value === value)?.label : undefined;
      facts.push(
        def.type === 'boolean'
          ? `${def.name}: ${formatAttributeValue(def, value)}`
          : label && Array.from(label).length <= 24
            ? label
            : formatAttributeValue(def, value),
      );
    }
    if (facts.length >= 3) break;
  }
  const entityDef = applicable.find(
    (d) => d.type === 'entity' && typeof annotation.attributes[d.id] === 'string',
  );
  const entityId =
    annotation.entityId ?? (entityDef ? (annotation.attributes[entityDef.id] as string) : null);
  return { facts, entityId };
}
