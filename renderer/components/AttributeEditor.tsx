/**
 * The attributes of the active annotation in the side panel: one compact labelled field for each
 * attribute its tag (and the tag's ancestors) defines, and, for entity mentions, the canonical
 * entity it refers to. Every change is saved at once as an undoable step; values of attributes
 * the tag does not have (after a retag) are kept but not shown.
 */
import { useId, useMemo, useRef } from 'react';
import '../codebook.css';
import { admiraltyCode, applicableAttributes } from '../../core/attributes';
import { DEFAULT_SUBTAGS, ENTITY_TAG_ID } from '../../core/codebook';
import type { Annotation, AttributeDef, AttributeValue, EntityKind } from '../../core/domain';
import { useApp } from '../app-context';
import { newEditSession, setAttributeValue, setEntityLink } from '../attribute-edits';
import type { ReaderSession } from '../reader-session';
import { rootOf } from '../tags';
import {
  BooleanField,
  ChoiceSelect,
  MultiChoice,
  QuickChoice,
  TypedField,
  isQuickChoice,
} from './AttributeFields';
import type { FieldProps } from './AttributeFields';
import { EntityPicker } from './EntityPicker';

/** The kind a new entity gets when created from a mention of one of the default sub-tags. */
const KIND_BY_TAG: ReadonlyMap<string, EntityKind> = new Map(
  (
    [
      ['Person', 'person'],
      ['Organisation', 'organisation'],
      ['Location', 'location'],
      ['Event', 'event'],
      ['Media outlet', 'media'],
    ] as const
  ).map(([name, kind]) => [DEFAULT_SUBTAGS.find((t) => t.name === name)!.id, kind]),
);

export function AttributeEditor({
  annotation,
  session,
}: {
  annotation: Annotation;
  session: ReaderSession;
}) {
  const { tagById, attributeDefs } = useApp();
  const baseId = useId();
  const tag = tagById.get(annotation.tagId);
  const defs = useMemo(
    () => applicableAttributes(annotation.tagId, tagById, attributeDefs),
    [annotation.tagId, tagById, attributeDefs],
  );
  const isEntity = tag ? rootOf(tag, tagById).id === ENTITY_TAG_ID : false;
  if (!tag || (!isEntity && defs.length === 0)) return null;

  return (
    <div className="attr-editor" role="group" aria-label="Attributes">
      {isEntity && (
        <div className="attr-row attr-row-wide">
          <span className="field-label attr-label">Canonical entity</span>
          <EntityPicker
            value={annotation.entityId}
            onChange={(entityId) => void setEntityLink(session, annotation.id, entityId)}
            label="Canonical entity"
            suggestFor={annotation.exact}
            kind={kindFor(annotation.tagId, tagById)}
          />
        </div>
      )}
      {defs.map((def) => (
        <AttributeRow
          key={def.id}
          id={`${baseId}-${def.key}`}
          def={def}
          annotation={annotation}
          session={session}
        />
      ))}
    </div>
  );
}

/** The Admiralty code of an annotation ("B2") beside its tag on the card, when it has one. */
export function AttributeSummary({ annotation }: { annotation: Annotation }) {
  const { tagById, attributeDefs } = useApp();
  const code = admiraltyCode(
    annotation.attributes,
    applicableAttributes(annotation.tagId, tagById, attributeDefs),
  );
  return code ? (
    <span className="attr-code" title="Source reliability and information credibility">
      {code}
    </span>
  ) : null;
}

function AttributeRow({
  id,
  def,
  annotation,
  session,
}: {
  id: string;
  def: AttributeDef;
  annotation: Annotation;
  session: ReaderSession;
}) {
  const editSession = useRef(newEditSession());
  const value = annotation.attributes[def.id];
  const onChange = (next: AttributeValue | null) =>
    void setAttributeValue(session, annotation.id, def, next, editSession.current);
  const props: FieldProps = { def, value, id, onChange };
  const wide = def.type === 'long_text' || def.type === 'multi_choice' || def.type === 'entity';
  return (
    <div
      className={wide ? 'attr-row attr-row-wide' : 'attr-row'}
      // A new editing session once the focus leaves the field: its edits undo as one step.
      onBlur={(event) => {
        if (!event.currentTarget.contains(event.relatedTarget as Node | null)) {
          editSession.current = newEditSession();
        }
      }}
    >
      {def.type === 'entity' ? (
        <span id={`${id}-label`} className="field-label attr-label" title={def.description}>
          {def.name}
        </span>
      ) : (
        <label
          id={`${id}-label`}
          htmlFor={id}
          className="field-label attr-label"
          title={def.description || undefined}
        >
          {def.name}
        </label>
      )}
      <Field {...props} annotation={annotation} session={session} />
    </div>
  );
}

function Field(props: FieldProps & { annotation: Annotation; session: ReaderSession }) {
  const { def, value, onChange, annotation, session } = props;
  switch (def.type) {
    case 'choice':
      return isQuickChoice(def) ? <QuickChoice {...props} /> : <ChoiceSelect {...props} />;
    case 'multi_choice':
      return <MultiChoice {...props} />;
    case 'boolean':
      return <BooleanField {...props} />;
    case 'entity':
      return (
        <EntityPicker
          value={typeof value === 'string' ? value : null}
          onChange={onChange}
          label={def.name}
          kind="person"
        />
      );
    case 'annotation':
      return (
        <AnnotationChoice {...props} others={session.getSnapshot().annotations} self={annotation} />
      );
    default:
      return <TypedField {...props} />;
  }
}

/** Another annotation of this document, chosen from a menu of their quotes. */
function AnnotationChoice({
  id,
  value,
  onChange,
  others,
  self,
}: FieldProps & { others: readonly Annotation[]; self: Annotation }) {
  const { tagById } = useApp();
  const current = typeof value === 'string' ? value : '';
  return (
    <select
      id={id}
      className="select attr-select"
      value={current}
      onChange={(event) => onChange(event.target.value || null)}
    >
      <option value="">—</option>
      {others
        .filter((a) => a.id !== self.id)
        .map((a) => (
          <option key={a.id} value={a.id}>
            {`${tagById.get(a.tagId)?.name ?? 'Tag'}: ${shorten(a.exact, 60)}`}
          </option>
        ))}
      {current && !others.some((a) => a.id === current) && (
        <option value={current}>An annotation in another document</option>
      )}
    </select>
  );
}

function kindFor(tagId: string, tagById: ReturnType<typeof useApp>['tagById']): EntityKind {
  const seen = new Set<string>();
  for (let tag = tagById.get(tagId); tag && !seen.has(tag.id);) {
    const kind = KIND_BY_TAG.get(tag.id);
    if (kind) return kind;
    seen.add(tag.id);
    tag = tag.parentId ? tagById.get(tag.parentId) : undefined;
  }
  return 'other';
}

function shorten(text: string, max: number): string {
  const chars = Array.from(text.replace(/\s+/g, ' ').trim());
  return chars.length <= max ? chars.join('') : `${chars.slice(0, max - 1).join('')}…`;
}
