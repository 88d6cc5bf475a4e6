/**
 * The vocabulary a brat collection's .ann files use, as Gloss reads it: either rebuilt exactly
 * from the codebook in a Gloss export's manifest, or made from brat's own annotation.conf and
 * visual.conf (any brat corpus).
 */
import type { AttributeDef, RelationType, Tag } from '../../core/domain';
import { bratScheme } from './brat-conf';
import { CodebookIndex } from './export-kit';
import { namedRelationType, stableId } from './import-kit';
import type { ImportWarnings } from './import-kit';
import type { ExchangeCodebook } from './model';

/** How one brat attribute name is read back into a Gloss attribute value. */
export type AttributeReader =
  | { kind: 'valued'; defId: string; values: Map<string, string> }
  | { kind: 'binary'; defId: string }
  /** One choice of a multi-choice attribute, written as its own binary attribute. */
  | { kind: 'flag'; defId: string; value: string };

export interface BratVocabulary {
  codebook: ExchangeCodebook;
  tagOfType: Map<string, string>;
  attributeOfName: Map<string, AttributeReader>;
  /** Attributes written as AnnotatorNotes "name: value" (Gloss exports only). */
  noteAttributeOfName: Map<string, string>;
  relationTypeOfName: Map<string, string>;
}

/** The vocabulary of a Gloss export: the same names the writer made from the same codebook. */
export function vocabularyFromCodebook(codebook: ExchangeCodebook): BratVocabulary {
  const index = new CodebookIndex(codebook);
  const scheme = bratScheme(index);
  const vocabulary = emptyVocabulary(codebook);
  for (const [tagId, type] of scheme.types) vocabulary.tagOfType.set(type, tagId);
  for (const [typeId, name] of scheme.relations) vocabulary.relationTypeOfName.set(name, typeId);
  for (const [defId, attribute] of scheme.attributes) {
    if (attribute.kind === 'valued') {
      const values = new Map([...attribute.tokens].map(([value, token]) => [token, value]));
      vocabulary.attributeOfName.set(attribute.name, { kind: 'valued', defId, values });
    } else if (attribute.kind === 'binary') {
      vocabulary.attributeOfName.set(attribute.name, { kind: 'binary', defId });
    } else if (attribute.kind === 'per-choice') {
      for (const [value, name] of attribute.names) {
        vocabulary.attributeOfName.set(name, { kind: 'flag', defId, value });
      }
    } else {
      vocabulary.noteAttributeOfName.set(attribute.name, defId);
    }
  }
  return vocabulary;
}

function emptyVocabulary(codebook: ExchangeCodebook): BratVocabulary {
  return {
    codebook,
    tagOfType: new Map(),
    attributeOfName: new Map(),
    noteAttributeOfName: new Map(),
    relationTypeOfName: new Map(),
  };
}

/** Lines of a brat .conf file by section; comments and blank lines dropped, tabs kept. */
function sections(text: string): Map<string, string[]> {
  const out = new Map<string, string[]>();
  let current = '';
  for (const line of text.split(/\r\n|\r|\n/)) {
    if (line.trim() === '' || line.trimStart().startsWith('#')) continue;
    const header = /^\s*\[([^\]]+)\]\s*$/.exec(line);
    if (header) {
      current = header[1]!.trim().toLowerCase();
      continue;
    }
    out.set(current, [...(out.get(current) ?? []), line.replace(/\s+$/, '')]);
  }
  return out;
}

/**
 * The vocabulary of a brat corpus: entity and event types as tags (the [entities] indentation
 * as the tag tree), relation types, attributes (valued ones as choices, binary ones as
 * yes/no). Display names and colours come from visual.conf when it gives them.
 */
export function vocabularyFromConf(
  annotationConf: string,
  visualConf: string | undefined,
  warnings: ImportWarnings,
): BratVocabulary {
  const conf = sections(annotationConf);
  const visual = visualConf === undefined ? new Map<string, string[]>() : sections(visualConf);
  const labels = new Map<string, string>();
  for (const line of visual.get('labels') ?? []) {
    const [type, label] = line.split('|').map((part) => part.trim());
    if (type && label) labels.set(type, label);
  }
  const colours = new Map<string, string>();
  for (const line of visual.get('drawing') ?? []) {
    const match = /^(\S+)\s+.*\bbgColor:(#[0-9a-fA-F]{6})\b/.exec(line);
    if (match) colours.set(match[1]!, match[2]!.toLowerCase());
  }
  const tags: Tag[] = [];
  const vocabulary = emptyVocabulary({ tags, attributeDefs: [], relationTypes: [] });
  const parents: string[] = [];
  const addType = (type: string, depth: number) => {
    const bare = type.replace(/^!/, '');
    if (vocabulary.tagOfType.has(bare)) return;
    const id = stableId('brat-type', bare);
    const siblings = tags.filter((t) => t.parentId === (parents[depth - 1] ?? null)).length;
    tags.push({
      id,
      parentId: depth > 0 ? (parents[depth - 1] ?? null) : null,
      name: labels.get(bare) ?? bare.replace(/_/g, ' '),
      color: colours.get(bare) ?? '#5b7390',
      hotkey: null,
      description: '',
      position: siblings,
    });
    parents[depth] = id;
    parents.length = depth + 1;
    vocabulary.tagOfType.set(bare, id);
  };
  for (const line of conf.get('entities') ?? []) {
    const type = line.trim().split(/\s+/)[0]!;
    if (type.startsWith('<')) continue; // a macro definition, not a type
    addType(type, /^\t*/.exec(line)![0].length);
  }
  const events = conf.get('events') ?? [];
  for (const line of events) {
    const type = line.trim().split(/\s+/)[0]!;
    if (!type.startsWith('<')) addType(type, /^\t*/.exec(line)![0].length);
  }
  if (events.length > 0) {
    warnings.add(
      'annotation.conf: Gloss has no events; event types are read as tags of their trigger spans',
    );
  }
  for (const line of conf.get('relations') ?? []) {
    const [name, rest = ''] = line.trim().split(/\s+(.*)/);
    if (!name || name.startsWith('<')) continue;
    const type = namedRelationType(
      name,
      vocabulary.codebook.relationTypes.length,
      /<REL-TYPE>:\S*symmetric/.test(rest),
    );
    type.name = labels.get(name) ?? type.name;
    type.inverseName = type.name;
    vocabulary.codebook.relationTypes.push(type);
    vocabulary.relationTypeOfName.set(name, type.id);
  }
  for (const line of conf.get('attributes') ?? []) {
    const [name, rest = ''] = line.trim().split(/\s+(.*)/);
    if (!name || name.startsWith('<')) continue;
    const args = /\bArg:([^,\s]+)/.exec(rest)?.[1]?.split('|') ?? [];
    const values = /\bValue:([^,\s]+)/.exec(rest)?.[1]?.split('|');
    const tagId = args.map((t) => vocabulary.tagOfType.get(t)).find(Boolean) ?? tags[0]?.id;
    if (!tagId) continue;
    if (args.some((t) => t.startsWith('<'))) {
      warnings.add(
        `annotation.conf: attribute ${name} applies to ${args.join('|')}; Gloss attaches it to one tag`,
      );
    }
    const def: AttributeDef = {
      id: stableId('brat-attribute', name),
      tagId,
      key: name,
      name: labels.get(name) ?? name.replace(/_/g, ' '),
      type: values ? 'choice' : 'boolean',
      choices: (values ?? []).map((value) => ({ value, label: value })),
      description: '',
      position: vocabulary.codebook.attributeDefs.length,
    };
    vocabulary.codebook.attributeDefs.push(def);
    vocabulary.attributeOfName.set(
      name,
      values
        ? { kind: 'valued', defId: def.id, values: new Map(values.map((v) => [v, v])) }
        : { kind: 'binary', defId: def.id },
    );
  }
  return vocabulary;
}

/** Relation types a file names that its configuration does not: created, with a warning. */
export function relationTypeFor(
  vocabulary: BratVocabulary,
  name: string,
  warnings: ImportWarnings,
  symmetric = false,
): RelationType['id'] {
  const known = vocabulary.relationTypeOfName.get(name);
  if (known) return known;
  const type = namedRelationType(name, vocabulary.codebook.relationTypes.length, symmetric);
  vocabulary.codebook.relationTypes.push(type);
  vocabulary.relationTypeOfName.set(name, type.id);
  warnings.add(`relation type ${name} is not in annotation.conf; it was added`);
  return type.id;
}
