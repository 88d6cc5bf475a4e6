/**
 * The rules of an editable codebook that every side applies the same way: which keys may be tag
 * hotkeys, how a tag is named by its path, and the versioned JSON shape codebooks are exchanged
 * in. The service enforces them; the UI uses them to explain a refusal before it is made.
 */
import type { AttributeChoice, AttributeType, Id, Tag } from './domain';

/** A hotkey is one lower-case letter or digit; the reader lower-cases the key it sees. */
export const HOTKEY_PATTERN = /^[a-z0-9]$/;

/**
 * Single keys the reader already gives a meaning of its own, so no tag may take them:
 * N edits the active annotation's note.
 */
export const RESERVED_READER_KEYS: ReadonlyMap<string, string> = new Map([
  ['n', 'the note of the active annotation'],
]);

/** Why `key` cannot be a hotkey at all (whatever the other tags use), or null when it can. */
export function hotkeyProblem(key: string): string | null {
  if (!HOTKEY_PATTERN.test(key)) return 'A hotkey is a single letter (a–z) or digit (0–9).';
  const reserved = RESERVED_READER_KEYS.get(key);
  return reserved
    ? `${key.toUpperCase()} is kept for ${reserved} in the reader; choose another key.`
    : null;
}

/** The message for a hotkey another tag already has. */
export function hotkeyTakenMessage(key: string, holder: Pick<Tag, 'name'>): string {
  return `Hotkey ${key.toUpperCase()} is already used by the tag "${holder.name}". Remove it there first, or choose another key.`;
}

/** Tag names are compared trimmed and case-insensitively, so "Quote" and " quote" clash. */
export function sameName(a: string, b: string): boolean {
  return normalName(a) === normalName(b);
}

export function normalName(name: string): string {
  return name.trim().normalize('NFC').toLocaleLowerCase();
}

/**
 * The tag's names from its root down, e.g. ["Claim", "Quote"], the way an imported codebook is
 * matched when its ids are unknown. A broken chain (a cycle) stops where it repeats.
 */
export function tagNamePath(tagId: Id, tagById: ReadonlyMap<Id, Tag>): string[] {
  const names: string[] = [];
  const seen = new Set<Id>();
  for (let tag = tagById.get(tagId); tag && !seen.has(tag.id);) {
    seen.add(tag.id);
    names.unshift(tag.name);
    tag = tag.parentId === null ? undefined : tagById.get(tag.parentId);
  }
  return names;
}

/** The ids of a tag and all its descendants (the tag first). */
export function subtreeIds(tagId: Id, tags: readonly Tag[]): Id[] {
  const children = new Map<Id, Id[]>();
  for (const tag of tags) {
    if (tag.parentId !== null)
      children.set(tag.parentId, [...(children.get(tag.parentId) ?? []), tag.id]);
  }
  const ids: Id[] = [];
  const visit = (id: Id) => {
    if (ids.includes(id)) return;
    ids.push(id);
    for (const child of children.get(id) ?? []) visit(child);
  };
  visit(tagId);
  return ids;
}

// ---------------------------------------------------------------------------------------------
// The exchange format of a codebook (docs/codebook-format.md).

/** What `format` says in every codebook file Gloss writes. */
export const CODEBOOK_FORMAT = 'gloss-codebook';
/** The version of the shape below; a reader refuses a file whose version it does not know. */
export const CODEBOOK_FORMAT_VERSION = 1;

/** One attribute definition in a codebook file. */
export interface CodebookFileAttribute {
  id: Id;
  key: string;
  name: string;
  type: AttributeType;
  choices: AttributeChoice[];
  description: string;
}

/** One tag in a codebook file, with its own attributes and its sub-tags in order. */
export interface CodebookFileTag {
  id: Id;
  name: string;
  color: string;
  hotkey: string | null;
  description: string;
  attributes: CodebookFileAttribute[];
  children: CodebookFileTag[];
}

/** A whole codebook: the tree of tags from the roots down, each with its attributes. */
export interface CodebookFile {
  format: typeof CODEBOOK_FORMAT;
  version: typeof CODEBOOK_FORMAT_VERSION;
  /** ISO 8601 time of the export; informative only. */
  exportedAt: string;
  tags: CodebookFileTag[];
}
