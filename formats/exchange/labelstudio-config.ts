/**
 * Label Studio's side of a Gloss codebook: the names of the labelling config's controls (one per
 * attribute, `attr_<key>`), and the config XML itself — `<Labels>` for the tags with their
 * colours, `<Relations>` for the relation types, and per-region `<Choices>`, `<Number>` and
 * `<TextArea>` controls for the attributes, shown when a region is selected. Paste it into the
 * project's Settings → Labeling Interface → Code before importing tasks.json.
 */
import type { AttributeDef } from '../../core/domain';
import { spanLabels } from './doccano';
import type { CodebookIndex } from './export-kit';
import { distinctNames, safeToken } from './export-kit';

/** The control holding the tag of each region, and the object it labels. */
export const LABELS_CONTROL = 'label';
export const TEXT_OBJECT = 'text';
/** A per-region text area naming the canonical entity of a span. */
export const ENTITY_CONTROL = 'entity';

/** How an attribute is written as a per-region result. */
export type ControlKind = 'choices' | 'number' | 'textarea';

export interface LabelStudioScheme {
  /** Tag id → the Label's value. */
  labels: Map<string, string>;
  /** Relation type id → the Relation's value. */
  relations: Map<string, string>;
  /** Attribute definition id → control name. */
  controls: Map<string, string>;
}

export function controlKind(def: AttributeDef): ControlKind {
  if (def.type === 'choice' || def.type === 'multi_choice' || def.type === 'boolean')
    return 'choices';
  return def.type === 'number' ? 'number' : 'textarea';
}

/** Booleans are a two-choice control whose stored values (aliases) are "true" and "false". */
export const BOOLEAN_CHOICES = [
  { value: 'true', label: 'Yes' },
  { value: 'false', label: 'No' },
];

export function labelStudioScheme(index: CodebookIndex): LabelStudioScheme {
  const relationTypes = [...index.codebook.relationTypes].sort((a, b) => a.position - b.position);
  const defs = [...index.codebook.attributeDefs].sort(
    (a, b) => a.position - b.position || (a.id < b.id ? -1 : 1),
  );
  return {
    labels: spanLabels(index),
    relations: distinctNames(
      relationTypes,
      (t) => t.id,
      (t) => t.name.trim() || t.key,
    ),
    controls: distinctNames(
      defs,
      (d) => d.id,
      (d) => `attr_${safeToken(d.key, 'attribute')}`,
      [LABELS_CONTROL, TEXT_OBJECT, ENTITY_CONTROL],
    ),
  };
}

/** The labelling config XML for the codebook. Every value from the project is escaped. */
export function labelingConfig(index: CodebookIndex, scheme: LabelStudioScheme): string {
  const lines = [
    '<View>',
    '  <Header value="$title"/>',
    `  <Labels name="${LABELS_CONTROL}" toName="${TEXT_OBJECT}">`,
  ];
  for (const { tag } of index.treeOrder()) {
    const colour = /^#[0-9a-f]{6}$/i.test(tag.color) ? ` background="${tag.color}"` : '';
    const hint = tag.description ? ` hint="${xml(tag.description)}"` : '';
    lines.push(`    <Label value="${xml(scheme.labels.get(tag.id)!)}"${colour}${hint}/>`);
  }
  lines.push('  </Labels>', `  <Text name="${TEXT_OBJECT}" value="$text"/>`, '  <Relations>');
  for (const type of index.codebook.relationTypes) {
    lines.push(`    <Relation value="${xml(scheme.relations.get(type.id)!)}"/>`);
  }
  lines.push('  </Relations>', '  <View visibleWhen="region-selected">');
  for (const def of index.codebook.attributeDefs) {
    const name = scheme.controls.get(def.id)!;
    const appliesTo = index.nameOf(def.tagId);
    lines.push(`    <Header value="${xml(`${def.name} (${appliesTo})`)}"/>`);
    const common = `name="${xml(name)}" toName="${TEXT_OBJECT}" perRegion="true"`;
    const kind = controlKind(def);
    if (kind === 'choices') {
      const multiple = def.type === 'multi_choice' ? 'multiple' : 'single';
      lines.push(`    <Choices ${common} choice="${multiple}" showInline="true">`);
      for (const choice of def.type === 'boolean' ? BOOLEAN_CHOICES : def.choices) {
        lines.push(
          `      <Choice value="${xml(choice.label || choice.value)}" alias="${xml(choice.value)}"/>`,
        );
      }
      lines.push('    </Choices>');
    } else if (kind === 'number') {
      lines.push(`    <Number ${common}/>`);
    } else {
      const placeholder = def.type === 'date' ? ' placeholder="YYYY-MM-DD"' : '';
      lines.push(`    <TextArea ${common} maxSubmissions="1" editable="true"${placeholder}/>`);
    }
  }
  lines.push(
    '    <Header value="Canonical entity"/>',
    `    <TextArea name="${ENTITY_CONTROL}" toName="${TEXT_OBJECT}" perRegion="true" maxSubmissions="1" editable="true"/>`,
    '  </View>',
    '</View>',
  );
  return `${lines.join('\n')}\n`;
}

/** Text as an XML attribute value: markup characters and line breaks escaped. */
export function xml(text: string): string {
  return (
    text
      .replace(/&/g, '&amp;')
      .replace(/</g, '&lt;')
      .replace(/>/g, '&gt;')
      .replace(/"/g, '&quot;')
      .replace(/'/g, '&apos;')
      .replace(/\n/g, '&#10;')
      .replace(/\r/g, '&#13;')
      .replace(/\t/g, '&#9;')
      // eslint-disable-next-line no-control-regex -- these control characters are the point
      .replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]/g, '')
  );
}
