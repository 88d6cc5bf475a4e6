/**
 * Codebooks as JSON files (docs/codebook-format.md): export the live tree with its attributes;
 * import one by merging it into the project. An import never deletes or moves anything: each tag
 * of the file is matched to a live tag by id, else by its name under the matched parent, else
 * created; matched rows take the file's colour, description and attributes. What could not be
 * applied (a hotkey in use, a key that would clash, an unknown root) is reported, not forced.
 */
import type { ApiArgs } from '../core/api';
import type { CodebookImportChange, CodebookImportReport } from '../core/api-codebook';
import { compatibleTypes } from '../core/attributes';
import {
  CODEBOOK_FORMAT,
  CODEBOOK_FORMAT_VERSION,
  hotkeyProblem,
  normalName,
} from '../core/codebook-rules';
import type { CodebookFile, CodebookFileAttribute, CodebookFileTag } from '../core/codebook-rules';
import type { AttributeChoice, AttributeDef, Id, Tag } from '../core/domain';
import {
  findAttributeDef,
  insertAttributeDef,
  listAttributeDefs,
  writeAttributeDef,
} from '../db/attributes';
import {
  findStoredTag,
  findTag,
  findTagByHotkey,
  insertTag,
  listChildTags,
  writeTag,
} from '../db/tags';
import { CodebookState } from './codebook-state';
import type { ServiceContext } from './context';
import { newId, now } from './context';

/** The live codebook as a file: the roots by position, each with its attributes and sub-tags. */
export function exportCodebook(ctx: ServiceContext): CodebookFile {
  const defs = listAttributeDefs(ctx.db);
  const toFile = (tag: Tag): CodebookFileTag => ({
    id: tag.id,
    name: tag.name,
    color: tag.color,
    hotkey: tag.hotkey,
    description: tag.description,
    attributes: defs
      .filter((d) => d.tagId === tag.id)
      .map((d) => ({
        id: d.id,
        key: d.key,
        name: d.name,
        type: d.type,
        choices: d.choices,
        description: d.description,
      })),
    children: listChildTags(ctx.db, tag.id).map(toFile),
  });
  return {
    format: CODEBOOK_FORMAT,
    version: CODEBOOK_FORMAT_VERSION,
    exportedAt: now(),
    tags: listChildTags(ctx.db, null).map(toFile),
  };
}

/** Merges a codebook file into the project and reports what it did. */
export function importCodebook(
  ctx: ServiceContext,
  { codebook }: ApiArgs['importCodebook'],
): CodebookImportReport {
  // Validated: the schema's defaults (no hotkey, no attributes…) have been filled in.
  return new CodebookImport(ctx).run(codebook.tags as CodebookFileTag[]);
}

class CodebookImport {
  private readonly at = now();
  private readonly seen = new Set<Id>();
  private readonly report: CodebookImportReport = {
    tagsMatchedById: 0,
    tagsMatchedByPath: 0,
    tagsCreated: 0,
    tagsUpdated: 0,
    attributesCreated: 0,
    attributesUpdated: 0,
    changes: [],
    warnings: [],
  };

  constructor(private readonly ctx: ServiceContext) {}

  run(roots: readonly CodebookFileTag[]): CodebookImportReport {
    this.mergeLevel(roots, null, []);
    return this.report;
  }

  private mergeLevel(fileTags: readonly CodebookFileTag[], parentId: Id | null, path: string[]) {
    for (const fileTag of fileTags) {
      const here = [...path, fileTag.name.trim()];
      const label = here.join(' › ');
      if (this.seen.has(fileTag.id)) {
        this.warn(`${label}: the file lists this tag twice; the second one was skipped.`);
        continue;
      }
      this.seen.add(fileTag.id);
      const tag = this.matchOrCreate(fileTag, parentId, label);
      if (!tag) continue;
      this.mergeAttributes(tag, fileTag.attributes, label);
      this.mergeLevel(fileTag.children, tag.id, here);
    }
  }

  private matchOrCreate(file: CodebookFileTag, parentId: Id | null, label: string): Tag | null {
    const db = this.ctx.db;
    const byId = findTag(db, file.id);
    if (byId) {
      this.report.tagsMatchedById++;
      return this.update(byId, file, label);
    }
    const wanted = normalName(file.name);
    const byPath = listChildTags(db, parentId).find((t) => normalName(t.name) === wanted);
    if (byPath) {
      this.report.tagsMatchedByPath++;
      return this.update(byPath, file, label);
    }
    if (parentId === null) {
      this.warn(
        `${label}: not one of the roots (Claim, Entity, Opinion); skipped with its sub-tags.`,
      );
      return null;
    }
    const tag: Tag = {
      // The file's id when it is free, so a second import of the same file matches by id.
      id: findStoredTag(db, file.id) ? newId() : file.id,
      parentId,
      name: file.name.trim(),
      color: file.color.toLowerCase(),
      hotkey: this.usableHotkey(file.hotkey, null, label),
      description: file.description,
      position: listChildTags(db, parentId).length,
    };
    insertTag(db, tag, this.ctx.author, this.at);
    this.report.tagsCreated++;
    this.change({ kind: 'tag', action: 'created', id: tag.id, path: label });
    return tag;
  }

  /** The file's colour, description and hotkey (when free) on a matched tag; a rename by id. */
  private update(tag: Tag, file: CodebookFileTag, label: string): Tag {
    const next: Tag = {
      ...tag,
      color: file.color.toLowerCase(),
      description: file.description,
    };
    const name = file.name.trim();
    if (name !== tag.name) {
      const clash = listChildTags(this.ctx.db, tag.parentId).find(
        (t) => t.id !== tag.id && normalName(t.name) === normalName(name),
      );
      if (clash) this.warn(`${label}: not renamed from "${tag.name}", a sibling has that name.`);
      else next.name = name;
    }
    // A hotkey the analyst has is kept when the file has none: an import adds, never takes away.
    if (file.hotkey !== null && file.hotkey !== tag.hotkey) {
      next.hotkey = this.usableHotkey(file.hotkey, tag.id, label) ?? tag.hotkey;
    }
    if (sameTag(tag, next)) return tag;
    writeTag(this.ctx.db, next, this.at);
    this.report.tagsUpdated++;
    this.change({
      kind: 'tag',
      action: 'updated',
      id: tag.id,
      path: label,
      before: tag,
      after: next,
    });
    return next;
  }

  private usableHotkey(hotkey: string | null, selfId: Id | null, label: string): string | null {
    if (hotkey === null) return null;
    const problem = hotkeyProblem(hotkey);
    if (problem) {
      this.warn(`${label}: hotkey ${hotkey.toUpperCase()} not used. ${problem}`);
      return null;
    }
    const holder = findTagByHotkey(this.ctx.db, hotkey);
    if (holder && holder.id !== selfId) {
      this.warn(`${label}: hotkey ${hotkey.toUpperCase()} not used; "${holder.name}" has it.`);
      return null;
    }
    return hotkey;
  }

  private mergeAttributes(tag: Tag, fileDefs: readonly CodebookFileAttribute[], label: string) {
    for (const file of fileDefs) {
      const where = `${label} › ${file.name}`;
      const state = CodebookState.read(this.ctx.db);
      const own = state.ownDefs(tag.id);
      const match = own.find((d) => d.id === file.id) ?? own.find((d) => d.key === file.key);
      if (match) {
        this.updateAttribute(match, file, where);
        continue;
      }
      const scope = new Set([...state.lineage(tag.id), ...state.subtree(tag.id)]);
      const holder = state.defs.find((d) => d.key === file.key && scope.has(d.tagId));
      if (holder) {
        const owner = state.tagById.get(holder.tagId)?.name ?? 'another tag';
        this.warn(
          `${where}: skipped; the key "${file.key}" is used by "${holder.name}" of "${owner}".`,
        );
        continue;
      }
      const def: AttributeDef = {
        id: findAttributeDef(this.ctx.db, file.id) ? newId() : file.id,
        tagId: tag.id,
        key: file.key,
        name: file.name.trim(),
        type: file.type,
        choices: tidyChoices(file.choices),
        description: file.description,
        position: own.length,
      };
      if (isChoiceType(def.type) && def.choices.length === 0) {
        this.warn(`${where}: skipped; a choice attribute needs choices.`);
        continue;
      }
      if (!isChoiceType(def.type)) def.choices = [];
      insertAttributeDef(this.ctx.db, def, this.ctx.author, this.at);
      this.report.attributesCreated++;
      this.change({ kind: 'attribute', action: 'created', id: def.id, path: where });
    }
  }

  /** Name, description; the type only between text types; choices: the file's plus ours. */
  private updateAttribute(def: AttributeDef, file: CodebookFileAttribute, where: string) {
    const next: AttributeDef = { ...def, name: file.name.trim(), description: file.description };
    if (file.type !== def.type) {
      if (compatibleTypes(def.type, file.type)) next.type = file.type;
      else this.warn(`${where}: kept as ${def.type}; the file says ${file.type}.`);
    }
    if (isChoiceType(next.type)) {
      // Choices already used by annotations must stay: add the file's, keep ours after them.
      const fromFile = tidyChoices(file.choices);
      const values = new Set(fromFile.map((c) => c.value));
      next.choices = [...fromFile, ...def.choices.filter((c) => !values.has(c.value))];
    }
    if (JSON.stringify(next) === JSON.stringify(def)) return;
    writeAttributeDef(this.ctx.db, next, this.at);
    this.report.attributesUpdated++;
    this.change({
      kind: 'attribute',
      action: 'updated',
      id: def.id,
      path: where,
      before: def,
      after: next,
    });
  }

  private change(change: CodebookImportChange) {
    this.report.changes.push(change);
  }

  private warn(message: string) {
    this.report.warnings.push(message);
  }
}

function sameTag(a: Tag, b: Tag): boolean {
  return (
    a.name === b.name &&
    a.color === b.color &&
    a.hotkey === b.hotkey &&
    a.description === b.description
  );
}

function isChoiceType(type: AttributeDef['type']): boolean {
  return type === 'choice' || type === 'multi_choice';
}

function tidyChoices(choices: readonly AttributeChoice[]): AttributeChoice[] {
  const seen = new Set<string>();
  const tidy: AttributeChoice[] = [];
  for (const c of choices) {
    const value = c.value.trim();
    if (value === '' || seen.has(value)) continue;
    seen.add(value);
    tidy.push({ value, label: c.label.trim() || value });
  }
  return tidy;
}
