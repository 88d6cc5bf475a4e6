/**
 * Typed attribute values: which attributes an annotation carries, what a valid value of each type
 * is, and what happens to the values when an annotation changes tag. Pure; the service checks
 * every write with these, the UI shows and formats values with them.
 *
 * Retagging keeps every value (nothing is ever dropped): values of attributes the new tag does
 * not have stay stored, hidden, and reappear if the annotation goes back. Only the attributes of
 * the annotation's tag and its ancestors are shown and exported. A value also follows the
 * annotation onto an attribute of the new tag with the same key and a compatible type, when it
 * is valid there (a Claim's "reliability" B becomes an Opinion's "reliability" B, if Opinion has
 * one): that is how merging two tags "carries" attributes.
 */
import { LIMITS } from './limits';
import type {
  AttributeDef,
  AttributeType,
  AttributeValue,
  AttributeValues,
  Id,
  Tag,
} from './domain';

/** The longest one-line text value, in characters. */
export const MAX_TEXT_VALUE = LIMITS.maxNameLength;

/** An attribute key: a stable machine name, e.g. "reliability", "attributed_to". */
export const ATTRIBUTE_KEY_PATTERN = /^[a-z][a-z0-9_]{0,63}$/;

/** A tag and its ancestors, the root first; a broken chain (cycle) stops where it repeats. */
export function tagLineage(tagId: Id, tagById: ReadonlyMap<Id, Tag>): Tag[] {
  const lineage: Tag[] = [];
  const seen = new Set<Id>();
  for (let tag = tagById.get(tagId); tag && !seen.has(tag.id);) {
    seen.add(tag.id);
    lineage.unshift(tag);
    tag = tag.parentId === null ? undefined : tagById.get(tag.parentId);
  }
  return lineage;
}

/**
 * The attributes an annotation with this tag carries: its ancestors' (the root's first) and then
 * its own, each tag's by position.
 */
export function applicableAttributes(
  tagId: Id,
  tagById: ReadonlyMap<Id, Tag>,
  defs: readonly AttributeDef[],
): AttributeDef[] {
  const byTag = new Map<Id, AttributeDef[]>();
  for (const def of defs) byTag.set(def.tagId, [...(byTag.get(def.tagId) ?? []), def]);
  return tagLineage(tagId, tagById).flatMap((tag) =>
    [...(byTag.get(tag.id) ?? [])].sort(
      (a, b) => a.position - b.position || a.id.localeCompare(b.id),
    ),
  );
}

/** Only the values of the given (applicable) attributes: what is shown and exported. */
export function applicableValues(
  values: AttributeValues,
  applicable: readonly AttributeDef[],
): AttributeValues {
  const shown: AttributeValues = {};
  for (const def of applicable) {
    const value = values[def.id];
    if (value !== undefined) shown[def.id] = value;
  }
  return shown;
}

/** True for "YYYY", "YYYY-MM" and "YYYY-MM-DD" with a real month and day (leap years too). */
export function isPartialDate(value: string): boolean {
  const match = /^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$/.exec(value);
  if (!match) return false;
  const [, , month, day] = match;
  if (month === undefined) return true;
  const m = Number(month);
  if (m < 1 || m > 12) return false;
  if (day === undefined) return true;
  const d = Number(day);
  const daysInMonth = new Date(Date.UTC(Number(match[1]), m, 0)).getUTCDate();
  return d >= 1 && d <= daysInMonth;
}

/** How to tell whether a referenced entity or annotation exists; omitted, references pass. */
export interface ReferenceCheck {
  isLiveEntity(id: Id): boolean;
  isLiveAnnotation(id: Id): boolean;
}

/** The outcome of checking one value: the value to store (null: remove it), or why not. */
export type ValueCheck =
  { ok: true; value: AttributeValue | null } | { ok: false; message: string };

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/**
 * Checks (and tidies) a value for an attribute: strings are trimmed, an empty string or an empty
 * list means "no value" (null), multiple choices lose duplicates and follow the choices' order.
 * `self` is the annotation the value is for, which cannot refer to itself.
 */
export function checkAttributeValue(
  def: Pick<AttributeDef, 'name' | 'type' | 'choices'>,
  value: unknown,
  refs?: ReferenceCheck,
  self?: Id,
): ValueCheck {
  if (value === null) return { ok: true, value: null };
  const fail = (why: string): ValueCheck => ({ ok: false, message: `"${def.name}" ${why}` });
  const allowed = def.choices.map((c) => c.value);
  switch (def.type) {
    case 'text':
    case 'long_text': {
      if (typeof value !== 'string') return fail('takes text.');
      const text = def.type === 'text' ? value.trim() : value.replace(/\s+$/, '');
      const max = def.type === 'text' ? MAX_TEXT_VALUE : LIMITS.maxNoteLength;
      if (Array.from(text).length > max) return fail(`takes at most ${max} characters.`);
      return { ok: true, value: text.trim() === '' ? null : text };
    }
    case 'number':
      if (typeof value !== 'number' || !Number.isFinite(value)) return fail('takes a number.');
      return { ok: true, value };
    case 'boolean':
      if (typeof value !== 'boolean') return fail('takes yes or no (true or false).');
      return { ok: true, value };
    case 'date': {
      if (typeof value !== 'string') return fail('takes a date.');
      const date = value.trim();
      if (date === '') return { ok: true, value: null };
      if (!isPartialDate(date)) {
        return fail(`takes a date as YYYY, YYYY-MM or YYYY-MM-DD (got "${date}").`);
      }
      return { ok: true, value: date };
    }
    case 'choice': {
      if (typeof value !== 'string') return fail('takes one of its choices.');
      if (value === '') return { ok: true, value: null };
      if (!allowed.includes(value)) {
        return fail(`must be one of ${allowed.join(', ')} (got "${value}").`);
      }
      return { ok: true, value };
    }
    case 'multi_choice': {
      if (!Array.isArray(value) || value.some((v) => typeof v !== 'string')) {
        return fail('takes a list of its choices.');
      }
      const unknown = value.filter((v) => !allowed.includes(v));
      if (unknown.length) {
        return fail(`must be among ${allowed.join(', ')} (got "${unknown.join('", "')}").`);
      }
      const picked = allowed.filter((v) => value.includes(v));
      return { ok: true, value: picked.length ? picked : null };
    }
    case 'entity':
    case 'annotation': {
      if (typeof value !== 'string') return fail(`takes the id of ${an(def.type)}.`);
      if (value === '') return { ok: true, value: null };
      if (!UUID.test(value)) return fail(`takes the id of ${an(def.type)} (got "${value}").`);
      if (def.type === 'annotation' && value === self) {
        return fail('cannot refer to the annotation itself.');
      }
      const live =
        !refs || (def.type === 'entity' ? refs.isLiveEntity(value) : refs.isLiveAnnotation(value));
      if (!live) return fail(`refers to ${an(def.type)} that does not exist (or was deleted).`);
      return { ok: true, value };
    }
  }
}

function an(type: 'entity' | 'annotation'): string {
  return type === 'entity' ? 'an entity' : 'an annotation';
}

/** Whether a value stored for one type can be read as the other (carried on a retag). */
export function compatibleTypes(from: AttributeType, to: AttributeType): boolean {
  if (from === to) return true;
  const texts: AttributeType[] = ['text', 'long_text'];
  return texts.includes(from) && texts.includes(to);
}

/**
 * The values of an annotation after it moves from a tag with the attributes `before` to one with
 * `after`. Every value is kept; in addition, each attribute of `after` that `before` did not have
 * takes the value of the attribute of `before` with the same key, when the types are compatible
 * and the value is valid for it (a choice among its choices). Returns the new values and the ids
 * of the attributes that received a value.
 */
export function carryValues(
  values: AttributeValues,
  before: readonly AttributeDef[],
  after: readonly AttributeDef[],
): { values: AttributeValues; carried: Id[] } {
  const kept = new Set(before.map((d) => d.id));
  const next: AttributeValues = { ...values };
  const carried: Id[] = [];
  for (const def of after) {
    if (kept.has(def.id)) continue;
    const source = before.find((d) => d.key === def.key && compatibleTypes(d.type, def.type));
    const value = source && values[source.id];
    if (value === undefined) continue;
    const check = checkAttributeValue(def, value);
    if (!check.ok || check.value === null) continue;
    next[def.id] = check.value;
    carried.push(def.id);
  }
  return { values: next, carried };
}

/** A machine key from an attribute's name: "Date the claim refers to" → "date_the_claim_refers_to". */
export function attributeKeyFromName(name: string): string {
  const slug = name
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '_')
    .replace(/^_+|_+$/g, '')
    .slice(0, 60)
    .replace(/_+$/, '');
  if (slug === '') return 'attribute';
  return /^[a-z]/.test(slug) ? slug : `a_${slug}`.slice(0, 64);
}

/** The value as a short text: a choice's value, "yes"/"no", a list joined by commas. */
export function formatAttributeValue(
  def: Pick<AttributeDef, 'type' | 'choices'>,
  value: AttributeValue,
  describeReference?: (type: 'entity' | 'annotation', id: Id) => string | undefined,
): string {
  if (typeof value === 'boolean') return value ? 'yes' : 'no';
  if (Array.isArray(value)) return value.join(', ');
  if (typeof value === 'number') return String(value);
  if (def.type === 'entity' || def.type === 'annotation') {
    return describeReference?.(def.type, value) ?? value;
  }
  return value;
}

/**
 * The Admiralty code of an annotation, e.g. "B2": the source reliability and the information
 * credibility among its applicable attributes (keys "reliability" and "credibility"). One alone
 * gives "B" or "2"; neither gives null.
 */
export function admiraltyCode(
  values: AttributeValues,
  applicable: readonly AttributeDef[],
): string | null {
  const pick = (key: string) => {
    const def = applicable.find((d) => d.key === key);
    const value = def && values[def.id];
    return typeof value === 'string' ? value : '';
  };
  const code = pick('reliability') + pick('credibility');
  return code === '' ? null : code;
}
