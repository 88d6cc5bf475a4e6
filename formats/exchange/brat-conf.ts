/**
 * How a Gloss codebook becomes brat's vocabulary, and brat's configuration files.
 *
 * brat types, attribute names and values are tokens in whitespace-separated lines, so each tag,
 * attribute and relation type gets a token made from its name (transliterated to ASCII, other
 * characters as `_`, clashes numbered). The mapping is a pure function of the codebook, so the
 * reader rebuilds exactly the same one from the codebook saved in the export's manifest.
 *
 * Attributes: brat attributes are binary (present or not) or multi-valued (one value of a
 * list). A choice becomes a multi-valued attribute, a boolean a binary one, and each choice of a
 * multi-choice its own binary attribute (`topic_economy`). Text, numbers, dates and entities have
 * no brat attribute type: they are written as AnnotatorNotes lines `name: value`.
 */
import type { AttributeDef } from '../../core/domain';
import type { CodebookIndex } from './export-kit';
import { distinctNames, safeToken } from './export-kit';

export type BratAttribute =
  | { kind: 'valued'; name: string; tokens: Map<string, string> }
  | { kind: 'binary'; name: string }
  | { kind: 'per-choice'; name: string; names: Map<string, string> }
  | { kind: 'note'; name: string };

export interface BratScheme {
  /** Tag id → brat entity type. */
  types: Map<string, string>;
  /** Attribute definition id → how it is written. */
  attributes: Map<string, BratAttribute>;
  /** Relation type id → brat relation type. */
  relations: Map<string, string>;
}

/**
 * Names brat gives a meaning of its own (its macros are written `<ENTITY>`, with brackets, so
 * a tag may well be called Entity).
 */
const RESERVED = ['AnnotatorNotes', 'Equiv', 'Reference'];

export function bratScheme(index: CodebookIndex): BratScheme {
  const tags = index.treeOrder().map(({ tag }) => tag);
  const types = distinctNames(
    tags,
    (t) => t.id,
    (t) => safeToken(t.name, 'Tag'),
    RESERVED,
  );
  const defs = [...index.codebook.attributeDefs].sort(
    (a, b) => a.position - b.position || (a.id < b.id ? -1 : 1),
  );
  const attributeNames = distinctNames(
    defs,
    (d) => d.id,
    (d) => safeToken(d.key, 'attribute'),
    [...RESERVED, ...types.values()],
  );
  const attributes = new Map<string, BratAttribute>();
  const used = new Set([...attributeNames.values()].map((n) => n.toLowerCase()));
  for (const def of defs) {
    attributes.set(def.id, attributeOf(def, attributeNames.get(def.id)!, used));
  }
  const relationTypes = [...index.codebook.relationTypes].sort((a, b) => a.position - b.position);
  const relations = distinctNames(
    relationTypes,
    (r) => r.id,
    (r) => safeToken(r.key, 'relation'),
    [...RESERVED, ...types.values()],
  );
  return { types, attributes, relations };
}

function attributeOf(def: AttributeDef, name: string, used: Set<string>): BratAttribute {
  switch (def.type) {
    case 'choice': {
      const tokens = distinctNames(
        def.choices,
        (c) => c.value,
        (c) => safeToken(c.value, 'value'),
      );
      return { kind: 'valued', name, tokens };
    }
    case 'boolean':
      return { kind: 'binary', name };
    case 'multi_choice': {
      const names = distinctNames(
        def.choices,
        (c) => c.value,
        (c) => `${name}_${safeToken(c.value, 'value')}`,
        used,
      );
      for (const n of names.values()) used.add(n.toLowerCase());
      return { kind: 'per-choice', name, names };
    }
    default:
      return { kind: 'note', name };
  }
}

/** annotation.conf for the whole codebook: the tag tree by indentation, relations, attributes. */
export function annotationConf(
  index: CodebookIndex,
  scheme: BratScheme,
  generator: string,
): string {
  const lines = [
    `# brat annotation configuration written by ${oneLine(generator)}.`,
    '# Every Gloss tag is a text-bound entity type; sub-tags are indented under their parent.',
    '[entities]',
  ];
  for (const { tag, depth } of index.treeOrder()) {
    lines.push(`${'\t'.repeat(depth)}${scheme.types.get(tag.id)}`);
  }
  lines.push('', '[relations]');
  for (const type of [...index.codebook.relationTypes].sort((a, b) => a.position - b.position)) {
    const symmetric = type.symmetric ? ', <REL-TYPE>:symmetric' : '';
    lines.push(`${scheme.relations.get(type.id)}\tArg1:<ENTITY>, Arg2:<ENTITY>${symmetric}`);
  }
  lines.push('', '[events]', '', '[attributes]');
  for (const def of index.codebook.attributeDefs) {
    const attribute = scheme.attributes.get(def.id);
    if (!attribute || attribute.kind === 'note') continue;
    const arg = `Arg:${typesUnder(index, scheme, def.tagId).join('|')}`;
    if (attribute.kind === 'valued') {
      lines.push(`${attribute.name}\t${arg}, Value:${[...attribute.tokens.values()].join('|')}`);
    } else if (attribute.kind === 'binary') {
      lines.push(`${attribute.name}\t${arg}`);
    } else {
      for (const name of attribute.names.values()) lines.push(`${name}\t${arg}`);
    }
  }
  const notes = index.codebook.attributeDefs
    .map((def) => scheme.attributes.get(def.id))
    .filter((a): a is BratAttribute => a?.kind === 'note')
    .map((a) => a.name);
  if (notes.length > 0) {
    lines.push(
      '',
      `# Written as AnnotatorNotes lines "name: value" (no brat attribute type fits): ${notes.join(', ')}`,
    );
  }
  return `${lines.join('\n')}\n`;
}

/** The type of a tag and of every tag beneath it: an attribute applies to all of them. */
function typesUnder(index: CodebookIndex, scheme: BratScheme, tagId: string): string[] {
  return [...index.withDescendants([tagId])].map((id) => scheme.types.get(id)!).filter(Boolean);
}

/** visual.conf: the tags' full names and colours, relation names, attribute glyphs. */
export function visualConf(index: CodebookIndex, scheme: BratScheme, generator: string): string {
  const lines = [`# brat visual configuration written by ${oneLine(generator)}.`, '[labels]'];
  for (const { tag } of index.treeOrder()) {
    lines.push(`${scheme.types.get(tag.id)} | ${label(tag.name)}`);
  }
  for (const type of index.codebook.relationTypes) {
    lines.push(`${scheme.relations.get(type.id)} | ${label(type.name)}`);
  }
  for (const def of index.codebook.attributeDefs) {
    const attribute = scheme.attributes.get(def.id);
    if (attribute && attribute.kind !== 'note' && attribute.kind !== 'per-choice') {
      lines.push(`${attribute.name} | ${label(def.name)}`);
    }
  }
  lines.push(
    '',
    '[drawing]',
    'SPAN_DEFAULT\tfgColor:black, bgColor:lightgreen, borderColor:darken',
    'ARC_DEFAULT\tcolor:black, arrowHead:triangle-5',
    'ATTRIBUTE_DEFAULT\tglyph:*',
  );
  for (const { tag } of index.treeOrder()) {
    if (!/^#[0-9a-f]{6}$/i.test(tag.color)) continue;
    const foreground = isDark(tag.color) ? 'white' : 'black';
    lines.push(`${scheme.types.get(tag.id)}\tfgColor:${foreground}, bgColor:${tag.color}`);
  }
  for (const attribute of scheme.attributes.values()) {
    if (attribute.kind === 'valued' && attribute.tokens.size > 0) {
      lines.push(`${attribute.name}\tglyph:${[...attribute.tokens.values()].join('|')}`);
    }
  }
  return `${lines.join('\n')}\n`;
}

/** A display label for visual.conf: one line, no `|` (its field separator). */
function label(text: string): string {
  return oneLine(text).replace(/\|/g, '/').trim() || '?';
}

function oneLine(text: string): string {
  // eslint-disable-next-line no-control-regex -- these control characters are the point
  return text.replace(/[\t\n\v\f\r\x1c-\x1e\x85\u2028\u2029]+/g, ' ');
}

/** Whether white text reads better than black on this background (WCAG relative luminance). */
function isDark(hex: string): boolean {
  const channel = (i: number) => {
    const c = parseInt(hex.slice(i, i + 2), 16) / 255;
    return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  };
  const luminance = 0.2126 * channel(1) + 0.7152 * channel(3) + 0.0722 * channel(5);
  return luminance < 0.18;
}

/** Characters Python treats as line ends (str.splitlines): none may appear in an .ann field. */
// eslint-disable-next-line no-control-regex -- these control characters are the point
export const LINE_BREAKS = /[\n\v\f\r\x1c-\x1e\x85\u2028\u2029]/;

/** The inverse of the writer's note escaping: `\n` is a line break, `\\` a backslash. */
export function unescapeNote(text: string): string {
  return text.replace(/\\(\\|n)/g, (_, c: string) => (c === 'n' ? '\n' : '\\'));
}
