/**
 * REFI-QDA export (QDA-XML 1.0, www.qdasoftware.org): a .qdpx project — a zip of `project.qde`
 * and each document's text as `sources/<guid>.txt` — and a .qdc codebook on its own.
 *
 * How Gloss's model maps onto the standard (Project.xsd):
 * - tags → Codes (nested as the codebook is, colour as #RRGGBB, description);
 * - annotations → PlainTextSelections with one Coding each; positions in code points of the
 *   stored text, whose line breaks are LF (the file in sources/ is that text, byte for byte);
 * - notes, document memos and project memos → Notes, referenced by NoteRef where they belong;
 * - entities → Cases (a unit of analysis, as in NVivo) with SelectionRefs to their mentions,
 *   their kind, aliases and Wikidata id as case variables;
 * - document details → Variables with VariableValues on each TextSource;
 * - relations → Links between two selections (OneWay, or Associative when symmetric).
 * Typed attribute values have no place in the standard: they are written as text in the
 * selection's Description, and the export report lists them as not carried.
 *
 * The project streams in two passes over the documents: the texts first (noting which
 * annotations and mentions exist), then project.qde, so no document's text is held for long.
 */
import { v5 as uuidv5 } from 'uuid';
import { formatAttributeValue } from '../../../core/attributes';
import type { Annotation, AttributeDef, Entity, Memo, Relation } from '../../../core/domain';
import { CodebookIndex, entitiesById, OmissionLog, ProgressTicker } from '../export-kit';
import type { ExchangeSource } from '../model';
import type { ExportOptions, ExportReport, ExportSink } from '../registry-types';
import { ZipStreamWriter } from '../zip-stream';
import { attributes, isDateTime, textElement } from './xml';

export const PROJECT_NAMESPACE = 'urn:QDA-XML:project:1.0';
export const CODEBOOK_NAMESPACE = 'urn:QDA-XML:codebook:1.0';

/** Derived GUIDs (users, codings, notes, variables) are name-based, so exports are stable. */
const GUID_NAMESPACE = '6f1c2a4e-3b7d-5e8f-9a0b-1c2d3e4f5a6b';
export const derivedGuid = (name: string): string => uuidv5(name, GUID_NAMESPACE);

/** The document variables, in the order they are declared. */
export const DOCUMENT_VARIABLES = [
  ['author', 'Author'],
  ['outlet', 'Outlet'],
  ['publishedAt', 'Published'],
  ['url', 'URL'],
  ['language', 'Language'],
  ['outletReliability', 'Outlet reliability'],
] as const;
export const ENTITY_VARIABLES = ['Entity kind', 'Aliases', 'Wikidata'] as const;

/** Characters of project.qde gathered before they go to the zip. */
const CHUNK_CHARS = 64 * 1024;

const variableGuid = (name: string) => derivedGuid(`variable:${name}`);
export const userGuid = (name: string) => derivedGuid(`user:${name}`);

/** The codebook as nested Codes (`<Codes>…</Codes>`), or '' when there are no tags. */
export function codesXml(index: CodebookIndex): string {
  const code = (tagId: string | null): string =>
    index
      .childrenOf(tagId)
      .map(
        (tag) =>
          `<Code${attributes({ guid: tag.id, name: tag.name, isCodable: true, color: tag.color })}>` +
          textElement('Description', tag.description) +
          code(tag.id) +
          '</Code>',
      )
      .join('\n');
  const codes = code(null);
  return codes ? `<Codes>\n${codes}\n</Codes>` : '';
}

/** The .qdc: the codebook alone, in the codebook namespace. */
export async function writeQdc(source: ExchangeSource, sink: ExportSink): Promise<ExportReport> {
  const codes = codesXml(new CodebookIndex(source.codebook));
  await sink.write(
    `<?xml version="1.0" encoding="utf-8"?>\n` +
      `<CodeBook xmlns="${CODEBOOK_NAMESPACE}"${attributes({ origin: source.generator })}>\n` +
      `${codes || '<Codes/>'}\n</CodeBook>\n`,
  );
  const log = new OmissionLog();
  const defs = source.codebook.attributeDefs.length;
  log.field('attribute definitions', 'a REFI-QDA codebook holds codes only', defs);
  log.field(
    'relation types',
    'a REFI-QDA codebook holds codes only',
    source.codebook.relationTypes.length,
  );
  return log.report(0, 0);
}

/** The .qdpx project. */
export async function writeQdpx(
  source: ExchangeSource,
  sink: ExportSink,
  options: ExportOptions,
): Promise<ExportReport> {
  const zip = new ZipStreamWriter(sink, new Date(source.exportedAt));
  const exported = new Set<string>();
  const mentions = new Map<string, string[]>();
  let documentCount = 0;
  for (const doc of source.documents()) {
    documentCount++;
    await zip.add(`sources/${doc.document.id}.txt`, doc.document.text);
    for (const a of doc.annotations) {
      exported.add(a.id);
      if (a.entityId) mentions.set(a.entityId, [...(mentions.get(a.entityId) ?? []), a.id]);
    }
  }
  const log = new OmissionLog();
  const ticker = new ProgressTicker(source.annotationCount, options.onProgress);
  await zip.add('project.qde', projectXml(source, { exported, mentions, log, ticker }));
  await zip.finish();
  ticker.finish();
  return log.report(documentCount, exported.size);
}

interface WriteState {
  exported: Set<string>;
  mentions: Map<string, string[]>;
  log: OmissionLog;
  ticker: ProgressTicker;
}

async function* projectXml(source: ExchangeSource, state: WriteState): AsyncGenerator<string> {
  const index = new CodebookIndex(source.codebook);
  const entities = entitiesById(source);
  const users = new Set(source.users);
  const user = (name: string) => (name && users.has(name) ? userGuid(name) : undefined);
  const notes: string[] = [];
  const links: string[] = [];
  const attributeCache = new Map<string, AttributeDef[]>();
  const attributesOf = (tagId: string): AttributeDef[] => {
    let defs = attributeCache.get(tagId);
    if (!defs) attributeCache.set(tagId, (defs = index.attributesOf(tagId)));
    return defs;
  };
  let pending = '';
  const noteFor = (guid: string, name: string, body: string, author: string, at: string) => {
    notes.push(
      `<Note${attributes({ guid, name, creatingUser: user(author), creationDateTime: dateTime(at) })}>` +
        `${textElement('PlainTextContent', body)}</Note>`,
    );
    return `<NoteRef targetGUID="${guid}"/>`;
  };

  yield `<?xml version="1.0" encoding="utf-8"?>\n<Project xmlns="${PROJECT_NAMESPACE}"${attributes({
    name: `Gloss export`,
    origin: source.generator,
    creationDateTime: dateTime(source.exportedAt),
  })}>\n`;
  if (users.size > 0) {
    yield '<Users>\n';
    for (const name of users) yield `<User${attributes({ guid: userGuid(name), name })}/>\n`;
    yield '</Users>\n';
  }
  const codes = codesXml(index);
  if (codes) yield `<CodeBook>\n${codes}\n</CodeBook>\n`;
  const variables = [
    ...(source.documentCount > 0 ? DOCUMENT_VARIABLES.map(([, name]) => name) : []),
    ...(source.entities.length > 0 ? ENTITY_VARIABLES : []),
  ];
  if (variables.length > 0) {
    yield `<Variables>\n${variables
      .map(
        (name) =>
          `<Variable${attributes({ guid: variableGuid(name), name, typeOfVariable: 'Text' })}/>`,
      )
      .join('\n')}\n</Variables>\n`;
  }
  if (source.entities.length > 0) {
    yield '<Cases>\n';
    for (const entity of source.entities)
      yield caseXml(entity, state.mentions.get(entity.id) ?? []);
    yield '</Cases>\n';
  }
  let opened = false;
  for (const doc of source.documents()) {
    if (!opened) yield '<Sources>\n';
    opened = true;
    const { document } = doc;
    yield `<TextSource${attributes({
      guid: document.id,
      name: document.title,
      plainTextPath: `internal://${document.id}.txt`,
      creationDateTime: dateTime(document.importedAt),
    })}>\n`;
    for (const a of doc.annotations) {
      // Gathered into pieces of some size: one chunk per selection would cost a stream
      // round trip each.
      pending += selectionXml(a, attributesOf, entities, state.log, user, noteFor) + '\n';
      if (pending.length >= CHUNK_CHARS) {
        yield pending;
        pending = '';
      }
    }
    yield pending;
    pending = '';
    state.ticker.add(doc.annotations.length);
    yield doc.memos
      .filter((m) => m.body.trim() !== '')
      .map((m) => noteFor(m.id, `Memo on ${document.title}`, m.body, m.author, m.createdAt))
      .join('');
    for (const [key, name] of DOCUMENT_VARIABLES) {
      const value = document.details[key] ?? '';
      if (value) yield variableValue(name, value);
    }
    yield '</TextSource>\n';
    for (const relation of doc.relations) links.push(...linkXml(relation, index, state, noteFor));
  }
  if (opened) yield '</Sources>\n';
  const projectNoteRefs = source.projectMemos
    .filter((m) => m.body.trim() !== '')
    .map((m: Memo) => noteFor(m.id, 'Project memo', m.body, m.author, m.createdAt));
  if (notes.length > 0) yield `<Notes>\n${notes.join('\n')}\n</Notes>\n`;
  if (links.length > 0) yield `<Links>\n${links.join('\n')}\n</Links>\n`;
  yield projectNoteRefs.join('');
  yield '</Project>\n';
}

function dateTime(value: string): string | undefined {
  return isDateTime(value) ? value : undefined;
}

function variableValue(name: string, value: string): string {
  return (
    `<VariableValue><VariableRef targetGUID="${variableGuid(name)}"/>` +
    `${textElement('TextValue', value) || '<TextValue></TextValue>'}</VariableValue>`
  );
}

function caseXml(entity: Entity, mentionIds: string[]): string {
  return (
    `<Case${attributes({ guid: entity.id, name: entity.name })}>` +
    textElement('Description', entity.description) +
    variableValue('Entity kind', entity.kind) +
    (entity.aliases.length ? variableValue('Aliases', entity.aliases.join('; ')) : '') +
    (entity.externalIds.wikidata ? variableValue('Wikidata', entity.externalIds.wikidata) : '') +
    mentionIds.map((id) => `<SelectionRef targetGUID="${id}"/>`).join('') +
    '</Case>\n'
  );
}

type NoteFor = (guid: string, name: string, body: string, author: string, at: string) => string;

function selectionXml(
  a: Annotation,
  attributesOf: (tagId: string) => AttributeDef[],
  entities: ReadonlyMap<string, Entity>,
  log: OmissionLog,
  user: (name: string) => string | undefined,
  noteFor: NoteFor,
): string {
  // Attribute values as lines a person can read; the typed values cannot travel.
  const lines: string[] = [];
  for (const def of attributesOf(a.tagId)) {
    const value = a.attributes[def.id];
    if (value === undefined) continue;
    const choice = def.choices.find((c) => c.value === value);
    const words = formatAttributeValue(def, value, (type, id) =>
      type === 'entity' ? entities.get(id)?.name : undefined,
    );
    lines.push(`${def.name}: ${choice ? choice.label : words}`);
  }
  log.field(
    'attribute values',
    'REFI-QDA has no typed values on a coding: written as text in the selection description',
    lines.length,
  );
  const name = Array.from(a.exact).slice(0, 200).join('');
  const creator = user(a.author);
  return (
    `<PlainTextSelection${attributes({
      guid: a.id,
      name,
      startPosition: a.start,
      endPosition: a.end,
      creatingUser: creator,
      creationDateTime: dateTime(a.createdAt),
      modifyingUser: creator,
      modifiedDateTime: dateTime(a.updatedAt),
    })}>` +
    textElement('Description', lines.join('\n')) +
    `<Coding${attributes({
      guid: derivedGuid(`coding:${a.id}`),
      creatingUser: creator,
      creationDateTime: dateTime(a.createdAt),
    })}><CodeRef targetGUID="${a.tagId}"/></Coding>` +
    (a.note
      ? noteFor(
          derivedGuid(`note:${a.id}`),
          `Note on "${name.slice(0, 60)}"`,
          a.note,
          a.author,
          a.updatedAt,
        )
      : '') +
    '</PlainTextSelection>'
  );
}

function linkXml(r: Relation, index: CodebookIndex, state: WriteState, noteFor: NoteFor): string[] {
  if (!state.exported.has(r.sourceId) || !state.exported.has(r.targetId)) {
    state.log.item(r.id, 'relation', 'it links to an annotation outside this export');
    return [];
  }
  const type = index.relationTypes.get(r.typeId);
  const note = r.note
    ? noteFor(derivedGuid(`note:${r.id}`), `Note on a link`, r.note, r.author, r.updatedAt)
    : '';
  return [
    `<Link${attributes({
      guid: r.id,
      name: type?.name ?? type?.key ?? 'related',
      direction: type?.symmetric ? 'Associative' : 'OneWay',
      originGUID: r.sourceId,
      targetGUID: r.targetId,
    })}>${note}</Link>`,
  ];
}
