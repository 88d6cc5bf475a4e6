/**
 * Reads REFI-QDA: a .qdpx project (project.qde plus the sources' text files) or a .qdc codebook.
 * Vendors' known quirks are handled: the sources folder as `sources/` or `Sources/`, texts inline
 * (PlainTextContent) or in files, CRLF counted as one character or two (offsets.ts decides), GUIDs
 * in braces or upper case. What Gloss cannot hold (picture, audio, video and PDF sources, cases
 * of whole documents, variables it has no field for) is listed in the warnings.
 */
import { v5 as uuidv5 } from 'uuid';
import { normaliseText } from '../../../core/text';
import type {
  Annotation,
  DocumentDetails,
  Entity,
  Memo,
  Relation,
  Tag,
} from '../../../core/domain';
import { readZipEntries } from '../../zip-guard';
import { EMPTY_DETAILS } from '../import-kit';
import type { ExchangeBundle, ExchangeDocument } from '../model';
import { chooseCounting, describeCounting } from './offsets';
import { derivedGuid, DOCUMENT_VARIABLES } from './write';
import { attr, children, descendants, firstChild, guidOf, parseXml, textOf } from './xml-read';

export async function readQdc(bytes: Uint8Array, fileName: string): Promise<ExchangeBundle> {
  const root = await parseXml(decode(bytes), fileName);
  const codeBook = root.localName === 'CodeBook' ? root : firstChild(root, 'CodeBook');
  if (!codeBook) throw new Error(`${fileName} has no CodeBook element`);
  const bundle = emptyBundle('REFI-QDA codebook');
  bundle.codebook.tags = readCodes(codeBook);
  return bundle;
}

export async function readQdpx(bytes: Uint8Array, fileName: string): Promise<ExchangeBundle> {
  const isZip = bytes[0] === 0x50 && bytes[1] === 0x4b;
  // A bare project.qde (the XML alone) is read too; its sources must then be inline.
  const files = isZip
    ? await readZipEntries(
        bytes,
        (name) => /(^|\/)project\.qde$/i.test(name) || /^sources\//i.test(name),
        { name: fileName, kind: 'REFI-QDA project' },
      )
    : new Map([['project.qde', bytes]]);
  const qdeName = [...files.keys()].find((name) => /(^|\/)project\.qde$/i.test(name));
  if (!qdeName) throw new Error(`${fileName} has no project.qde inside`);
  // Sources by lower-cased file name: `sources/` and `Sources/` alike.
  const sources = new Map<string, Uint8Array>();
  for (const [name, content] of files) {
    const match = /^sources\/(.+)$/i.exec(name);
    if (match) sources.set(match[1]!.toLowerCase(), content);
  }
  const root = await parseXml(decode(files.get(qdeName)!), fileName);
  if (root.localName !== 'Project') throw new Error(`${fileName}: project.qde is not a Project`);
  return new ProjectReader(root, sources).read();
}

function decode(bytes: Uint8Array): string {
  return new TextDecoder('utf-8').decode(bytes).replace(/^\uFEFF/, '');
}

function emptyBundle(format: string): ExchangeBundle {
  return {
    format,
    codebook: { tags: [], attributeDefs: [], relationTypes: [] },
    entities: [],
    documents: [],
    projectMemos: [],
    warnings: [],
  };
}

/** Codes, nested, as tags: parents first; colours as #rrggbb. */
function readCodes(codeBook: Element): Tag[] {
  const tags: Tag[] = [];
  const walk = (parent: Element, parentId: string | null) => {
    for (const [position, code] of children(parent, 'Code').entries()) {
      const id = guidOf(attr(code, 'guid'));
      if (!id) continue;
      tags.push({
        id,
        parentId,
        name: attr(code, 'name') || 'Unnamed code',
        color: colour(attr(code, 'color')),
        hotkey: null,
        description: textOf(firstChild(code, 'Description')),
        position,
      });
      walk(code, id);
    }
  };
  const codes = firstChild(codeBook, 'Codes');
  if (codes) walk(codes, null);
  return tags;
}

function colour(value: string): string {
  const short = /^#([0-9a-f])([0-9a-f])([0-9a-f])$/i.exec(value);
  if (short)
    return `#${short[1]!.repeat(2)}${short[2]!.repeat(2)}${short[3]!.repeat(2)}`.toLowerCase();
  return /^#[0-9a-f]{6}$/i.test(value) ? value.toLowerCase() : '#888888';
}

const NAMESPACE = derivedGuid('refi-import');

class ProjectReader {
  private readonly bundle = emptyBundle('REFI-QDA project');
  private readonly users = new Map<string, string>();
  private readonly variables = new Map<string, string>();
  private readonly notes = new Map<string, Element>();
  /** Selection GUID → the annotations made of it (one per coding). */
  private readonly selections = new Map<string, Annotation[]>();
  private readonly fromGloss: boolean;

  constructor(
    private readonly root: Element,
    private readonly sources: Map<string, Uint8Array>,
  ) {
    this.fromGloss = attr(root, 'origin').startsWith('Gloss');
  }

  read(): ExchangeBundle {
    const { root, bundle } = this;
    for (const user of descendants(firstChild(root, 'Users'), 'User')) {
      this.users.set(guidOf(attr(user, 'guid')), attr(user, 'name') || attr(user, 'id'));
    }
    for (const variable of descendants(firstChild(root, 'Variables'), 'Variable')) {
      this.variables.set(guidOf(attr(variable, 'guid')), attr(variable, 'name'));
    }
    for (const note of children(firstChild(root, 'Notes'), 'Note')) {
      this.notes.set(guidOf(attr(note, 'guid')), note);
    }
    const codeBook = firstChild(root, 'CodeBook');
    if (codeBook) bundle.codebook.tags = readCodes(codeBook);
    const sources = firstChild(root, 'Sources');
    for (const source of sources ? Array.from(sources.children) : []) {
      if (source.localName === 'TextSource') this.readTextSource(source);
      else {
        bundle.warnings.push(
          `${source.localName} "${attr(source, 'name')}" was not imported: Gloss holds text only.`,
        );
      }
    }
    this.readCases();
    this.readLinks();
    bundle.projectMemos = this.memos(root, null);
    return bundle;
  }

  private userName(guid: string): string {
    return this.users.get(guidOf(guid)) ?? '';
  }

  /** The text of the notes an element refers to (NoteRef), as memos. */
  private memos(element: Element, documentId: string | null): Memo[] {
    return children(element, 'NoteRef').flatMap((ref) => {
      const note = this.notes.get(guidOf(attr(ref, 'targetGUID')));
      if (!note) return [];
      return [
        {
          id: guidOf(attr(note, 'guid')),
          documentId,
          body: this.noteText(note),
          author: this.userName(attr(note, 'creatingUser')),
          createdAt: attr(note, 'creationDateTime'),
          updatedAt: attr(note, 'modifiedDateTime') || attr(note, 'creationDateTime'),
        },
      ];
    });
  }

  private noteText(note: Element): string {
    const inline = firstChild(note, 'PlainTextContent');
    if (inline) return normaliseText(textOf(inline));
    const file = this.sourceFile(attr(note, 'plainTextPath'));
    return file === undefined ? '' : normaliseText(file);
  }

  /** A source file by its path: "internal://x.txt" is sources/x.txt; others are not in the zip. */
  private sourceFile(path: string): string | undefined {
    const internal = /^internal:\/\/(.+)$/i.exec(path);
    const name = (internal ? internal[1]! : (path.split(/[\\/]/).pop() ?? '')).toLowerCase();
    const bytes = name ? this.sources.get(name) : undefined;
    return bytes && decode(bytes);
  }

  private readTextSource(source: Element): void {
    const name = attr(source, 'name') || attr(source, 'guid');
    const inline = firstChild(source, 'PlainTextContent');
    const raw = inline ? textOf(inline) : this.sourceFile(attr(source, 'plainTextPath'));
    if (raw === undefined) {
      this.bundle.warnings.push(
        `Source "${name}": its text file ${attr(source, 'plainTextPath') || '(none named)'} is not ` +
          'in the project, so its codings were not imported.',
      );
      return;
    }
    const text = normaliseText(raw);
    const id = guidOf(attr(source, 'guid')) || uuidv5(`source:${name}`, NAMESPACE);
    const elements = children(source, 'PlainTextSelection');
    const choice = chooseCounting(
      raw,
      text,
      elements.map((s) => ({
        start: Number(attr(s, 'startPosition')),
        end: Number(attr(s, 'endPosition')),
        name: attr(s, 'name'),
      })),
    );
    if (choice.ambiguous)
      this.bundle.warnings.push(`Source "${name}": ${describeCounting(choice)}.`);
    const doc: ExchangeDocument = {
      document: {
        id,
        title: name,
        text,
        sha256: '',
        format: 'txt',
        importedAt: attr(source, 'creationDateTime'),
        details: this.details(source, name),
      },
      annotations: [],
      relations: [],
      memos: this.memos(source, id),
    };
    for (const selection of elements) this.readSelection(selection, doc, choice.convert);
    if (children(source, 'Coding').length > 0) {
      this.bundle.warnings.push(
        `Source "${name}": codings of the whole source were not imported (Gloss codes spans).`,
      );
    }
    this.bundle.documents.push(doc);
  }

  private details(source: Element, name: string): DocumentDetails {
    const details: DocumentDetails = { ...EMPTY_DETAILS };
    for (const value of children(source, 'VariableValue')) {
      const variable = this.variables.get(
        guidOf(attr(firstChild(value, 'VariableRef'), 'targetGUID')),
      );
      const content = Array.from(value.children).find((c) => c.localName !== 'VariableRef');
      const text = textOf(content ?? null).trim();
      const field = DOCUMENT_VARIABLES.find(
        ([, label]) => label.toLowerCase() === variable?.toLowerCase(),
      );
      if (!field) {
        this.bundle.warnings.push(
          `Source "${name}": the variable "${variable ?? '?'}" has no field in Gloss.`,
        );
      } else if (field[0] === 'outletReliability') {
        details.outletReliability = /^[A-F]$/.test(text)
          ? (text as DocumentDetails['outletReliability'])
          : null;
      } else {
        details[field[0]] = text;
      }
    }
    return details;
  }

  private readSelection(selection: Element, doc: ExchangeDocument, convert: (p: number) => number) {
    const guid = guidOf(attr(selection, 'guid'));
    const start = convert(Number(attr(selection, 'startPosition')));
    const end = convert(Number(attr(selection, 'endPosition')));
    const codings = children(selection, 'Coding');
    const description = textOf(firstChild(selection, 'Description'));
    const noteParts = this.memos(selection, null).map((m) => m.body);
    // Gloss writes attribute values into the description; another tool's description is a note.
    if (description && !this.fromGloss) noteParts.push(description);
    if (
      codings.length === 0 ||
      !Number.isInteger(start) ||
      !Number.isInteger(end) ||
      end <= start
    ) {
      this.bundle.warnings.push(
        `Selection "${attr(selection, 'name') || guid}" in "${doc.document.title}" was not imported: ` +
          (codings.length === 0 ? 'it has no code.' : 'its positions are not a span of the text.'),
      );
      return;
    }
    const made: Annotation[] = [];
    for (const [n, coding] of codings.entries()) {
      const tagId = guidOf(attr(firstChild(coding, 'CodeRef'), 'targetGUID'));
      const created = attr(coding, 'creationDateTime') || attr(selection, 'creationDateTime');
      made.push({
        id: n === 0 && guid ? guid : uuidv5(`${guid}#${attr(coding, 'guid')}`, NAMESPACE),
        documentId: doc.document.id,
        tagId,
        start,
        end,
        exact: '',
        prefix: '',
        suffix: '',
        note: noteParts.join('\n\n'),
        author: this.userName(attr(coding, 'creatingUser') || attr(selection, 'creatingUser')),
        createdAt: created,
        updatedAt: attr(selection, 'modifiedDateTime') || created,
        attributes: {},
        entityId: null,
      });
    }
    doc.annotations.push(...made);
    this.selections.set(guid, made);
  }

  /** Cases that name selections become entities; cases of whole sources are reported. */
  private readCases(): void {
    for (const item of children(firstChild(this.root, 'Cases'), 'Case')) {
      const name = attr(item, 'name');
      const refs = children(item, 'SelectionRef').map((r) => guidOf(attr(r, 'targetGUID')));
      if (refs.length === 0 || !name) {
        this.bundle.warnings.push(
          `Case "${name || attr(item, 'guid')}" was not imported: it names no selections ` +
            '(Gloss links entities to spans, not to whole documents).',
        );
        continue;
      }
      const values = new Map<string, string>();
      for (const value of children(item, 'VariableValue')) {
        const variable = this.variables.get(
          guidOf(attr(firstChild(value, 'VariableRef'), 'targetGUID')),
        );
        const content = Array.from(value.children).find((c) => c.localName !== 'VariableRef');
        if (variable) values.set(variable, textOf(content ?? null).trim());
      }
      const entity: Entity = {
        id: guidOf(attr(item, 'guid')) || uuidv5(`case:${name}`, NAMESPACE),
        name,
        kind: (values.get('Entity kind') as Entity['kind'] | undefined) ?? 'other',
        aliases: (values.get('Aliases') ?? '')
          .split(';')
          .map((a) => a.trim())
          .filter(Boolean),
        description: textOf(firstChild(item, 'Description')),
        externalIds: values.get('Wikidata') ? { wikidata: values.get('Wikidata')! } : {},
        mentionCount: 0,
        createdAt: '',
        updatedAt: '',
      };
      this.bundle.entities.push(entity);
      for (const ref of refs) {
        for (const annotation of this.selections.get(ref) ?? []) annotation.entityId = entity.id;
      }
    }
  }

  /** Links between two selections become relations, typed by the link's name. */
  private readLinks(): void {
    const types = this.bundle.codebook.relationTypes;
    for (const link of children(firstChild(this.root, 'Links'), 'Link')) {
      const source = this.selections.get(guidOf(attr(link, 'originGUID')))?.[0];
      const target = this.selections.get(guidOf(attr(link, 'targetGUID')))?.[0];
      const name = attr(link, 'name') || 'related to';
      if (!source || !target) {
        this.bundle.warnings.push(
          `Link "${name}" was not imported: it does not join two text selections.`,
        );
        continue;
      }
      const key =
        name
          .toLowerCase()
          .replace(/[^a-z0-9]+/g, '_')
          .replace(/^_|_$/g, '') || 'related';
      let type = types.find((t) => t.key === key);
      if (!type) {
        type = {
          id: uuidv5(`relation:${key}`, NAMESPACE),
          key,
          name,
          inverseName: name,
          symmetric: attr(link, 'direction') !== 'OneWay',
          builtIn: false,
          position: types.length,
        };
        types.push(type);
      }
      const doc = this.bundle.documents.find((d) => d.document.id === source.documentId);
      const relation: Relation = {
        id: guidOf(attr(link, 'guid')) || uuidv5(`link:${source.id}:${target.id}`, NAMESPACE),
        typeId: type.id,
        sourceId: source.id,
        targetId: target.id,
        note: this.memos(link, null)
          .map((m) => m.body)
          .join('\n\n'),
        author: '',
        createdAt: '',
        updatedAt: '',
      };
      doc?.relations.push(relation);
    }
  }
}
