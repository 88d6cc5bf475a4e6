/**
 * The gloss: records of a W3C collection read back: the codebook and the entity registry. They
 * come from a file, so every field is checked and defaulted; a malformed entry is left out (its
 * annotations then match by name or are reported by the import).
 */
import {
  ATTRIBUTE_TYPES,
  ENTITY_KINDS,
  type AttributeChoice,
  type AttributeDef,
  type Entity,
  type RelationType,
  type Tag,
} from '../../core/domain';
import type { ExchangeCodebook } from './model';
import { idFromIri } from './w3c-vocab';

type Json = Record<string, unknown>;

const isObject = (value: unknown): value is Json =>
  typeof value === 'object' && value !== null && !Array.isArray(value);
const text = (value: unknown): string => (typeof value === 'string' ? value : '');
const list = (value: unknown): Json[] => (Array.isArray(value) ? value.filter(isObject) : []);
const number = (value: unknown): number =>
  typeof value === 'number' && Number.isFinite(value) ? value : 0;

/** The codebook of a collection (empty lists when the file has none). */
export function readCodebookJson(value: unknown): ExchangeCodebook {
  const json = isObject(value) ? value : {};
  const tags = list(json.tags)
    .filter((t) => text(t.id) && text(t.name))
    .map((t): Tag => ({
      id: idFromIri(text(t.id)),
      parentId: text(t.parentId) ? idFromIri(text(t.parentId)) : null,
      name: text(t.name),
      color: /^#[0-9a-fA-F]{6}$/.test(text(t.color)) ? text(t.color) : '#888888',
      hotkey: /^[a-z0-9]$/.test(text(t.hotkey)) ? text(t.hotkey) : null,
      description: text(t.description),
      position: number(t.position),
    }));
  const attributeDefs = list(json.attributeDefs)
    .filter((d) => text(d.id) && text(d.tagId) && text(d.key))
    .map((d): AttributeDef => ({
      id: idFromIri(text(d.id)),
      tagId: idFromIri(text(d.tagId)),
      key: text(d.key),
      name: text(d.name) || text(d.key),
      type: (ATTRIBUTE_TYPES as readonly string[]).includes(text(d.type))
        ? (text(d.type) as AttributeDef['type'])
        : 'text',
      choices: list(d.choices)
        .filter((c) => text(c.value))
        .map((c): AttributeChoice => ({ value: text(c.value), label: text(c.label) })),
      description: text(d.description),
      position: number(d.position),
    }));
  const relationTypes = list(json.relationTypes)
    .filter((r) => text(r.id) && text(r.key))
    .map((r): RelationType => ({
      id: idFromIri(text(r.id)),
      key: text(r.key),
      name: text(r.name) || text(r.key),
      inverseName: text(r.inverseName) || text(r.name) || text(r.key),
      symmetric: r.symmetric === true,
      builtIn: r.builtIn === true,
      position: number(r.position),
    }));
  return { tags, attributeDefs, relationTypes };
}

/** The entity records of a collection. */
export function readEntitiesJson(value: unknown): Entity[] {
  return list(value)
    .filter((e) => text(e.id) && text(e.name))
    .map((e) => {
      const externalIds: Record<string, string> = {};
      if (isObject(e.externalIds)) {
        for (const [key, id] of Object.entries(e.externalIds)) {
          if (typeof id === 'string') externalIds[key] = id;
        }
      }
      return {
        id: idFromIri(text(e.id)),
        name: text(e.name),
        kind: (ENTITY_KINDS as readonly string[]).includes(text(e.kind))
          ? (text(e.kind) as Entity['kind'])
          : 'other',
        aliases: Array.isArray(e.aliases) ? e.aliases.filter((a) => typeof a === 'string') : [],
        description: text(e.description),
        externalIds,
        mentionCount: 0,
        createdAt: text(e.created),
        updatedAt: text(e.modified),
      };
    });
}
