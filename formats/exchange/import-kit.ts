/**
 * What the readers of other tools' files (brat, doccano, Label Studio) share: stable ids for
 * things those files only number, documents whose text Gloss would store (BOM dropped, CRLF as
 * LF) with the file's offsets carried over, annotations with their quotes, and warnings.
 */
import { createHash } from 'node:crypto';
import { v5 as uuidv5 } from 'uuid';
import type {
  Annotation,
  AttributeValues,
  DocumentDetails,
  DocumentFormat,
  Relation,
  RelationType,
  Tag,
} from '../../core/domain';
import { BUILTIN_RELATION_TYPES, DEFAULT_SUBTAGS, ROOT_TAGS } from '../../core/codebook';
import { CodePointIndex } from '../../core/offsets';
import { quoteOf } from '../../core/quote';
import type { ExchangeCodebook, ExchangeDocumentInfo } from './model';

/** The namespace of the name-based (v5) UUIDs the readers make. */
const IMPORT_NAMESPACE = '6f1d6c7e-3f0b-5a52-9a4e-6c6f73732d69';

/**
 * A UUID made from names (v5): the same file read twice gives the same ids, so importing it
 * again finds its annotations already present instead of doubling them.
 */
export function stableId(...parts: (string | number)[]): string {
  return uuidv5(parts.map(String).join('\u0000'), IMPORT_NAMESPACE);
}

/** Whether a string is a UUID (a Gloss id the file carried over). */
export function isUuid(value: unknown): value is string {
  return (
    typeof value === 'string' &&
    /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(value)
  );
}

/** Warnings, capped so a damaged file cannot fill memory with them; the rest are counted. */
export class ImportWarnings {
  private readonly lines: string[] = [];
  private dropped = 0;

  constructor(private readonly cap = 200) {}

  add(line: string): void {
    if (this.lines.length < this.cap) this.lines.push(line);
    else this.dropped += 1;
  }

  list(): string[] {
    return this.dropped > 0
      ? [...this.lines, `… and ${this.dropped} more warnings`]
      : [...this.lines];
  }
}

export const EMPTY_DETAILS: DocumentDetails = {
  author: '',
  outlet: '',
  publishedAt: '',
  url: '',
  language: '',
  outletReliability: null,
};

/** UTF-8 bytes as text; a file that is not valid UTF-8 is read with U+FFFD and a warning. */
export function decodeUtf8(bytes: Uint8Array, name: string, warnings: ImportWarnings): string {
  try {
    return new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(bytes);
  } catch {
    warnings.add(`${name}: not valid UTF-8; unreadable bytes were replaced by U+FFFD`);
    return new TextDecoder('utf-8', { ignoreBOM: true }).decode(bytes);
  }
}

export function sha256Hex(bytes: Uint8Array | string): string {
  return createHash('sha256').update(bytes).digest('hex');
}

/**
 * A document as Gloss stores it, from a text another tool counted offsets in. Gloss drops a
 * leading BOM and turns CRLF into LF (DESIGN.md §3); `offset` moves a code-point offset of the
 * raw text onto the stored one (each dropped character before it shifts it back by one).
 */
export class ImportedText {
  readonly text: string;
  readonly index: CodePointIndex;
  /** Code-point offsets, in the raw text, of the characters Gloss drops. */
  private readonly dropped: number[] = [];
  readonly rawLength: number;
  /** Whether Gloss's text differs from the file's (so offsets were moved). */
  readonly changed: boolean;

  constructor(raw: string) {
    let cp = 0;
    let previousCr = false;
    for (const char of raw) {
      if ((cp === 0 && char === '\uFEFF') || (previousCr && char === '\n')) this.dropped.push(cp);
      previousCr = char === '\r';
      cp += 1;
    }
    this.rawLength = cp;
    this.changed = this.dropped.length > 0 || raw.includes('\r');
    // Most texts need no change: keep the original string rather than a rebuilt copy.
    this.text = this.changed ? normalise(raw) : raw;
    this.index = new CodePointIndex(this.text);
  }

  /** The stored text's offset for a raw offset. */
  offset(raw: number): number {
    let lo = 0;
    let hi = this.dropped.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (this.dropped[mid]! < raw) lo = mid + 1;
      else hi = mid;
    }
    return raw - lo;
  }
}

function normalise(raw: string): string {
  const withoutBom = raw.charCodeAt(0) === 0xfeff ? raw.slice(1) : raw;
  return withoutBom.replace(/\r\n?/g, '\n');
}

export function documentInfo(
  fields: Partial<ExchangeDocumentInfo> & { id: string; title: string; text: string },
): ExchangeDocumentInfo {
  return {
    sha256: sha256Hex(fields.text),
    format: 'txt' as DocumentFormat,
    importedAt: new Date().toISOString(),
    details: { ...EMPTY_DETAILS },
    ...fields,
  };
}

/** An annotation read from a file, with its quote taken from the stored text. */
export function readAnnotation(fields: {
  id: string;
  documentId: string;
  tagId: string;
  start: number;
  end: number;
  index: CodePointIndex;
  note?: string;
  attributes?: AttributeValues;
  entityId?: string | null;
  author?: string;
  createdAt?: string;
  updatedAt?: string;
}): Annotation {
  const { exact, prefix, suffix } = quoteOf(fields.index, fields.start, fields.end);
  const createdAt = fields.createdAt ?? new Date().toISOString();
  return {
    id: fields.id,
    documentId: fields.documentId,
    tagId: fields.tagId,
    start: fields.start,
    end: fields.end,
    exact,
    prefix,
    suffix,
    note: fields.note ?? '',
    author: fields.author ?? '',
    createdAt,
    updatedAt: fields.updatedAt ?? createdAt,
    attributes: fields.attributes ?? {},
    entityId: fields.entityId ?? null,
  };
}

/** Colours for tags a file names without one: distinct, readable on both themes. */
const PALETTE = [
  '#2f7fd8',
  '#e6a700',
  '#c2459a',
  '#1b9e9e',
  '#4a8f3c',
  '#7a6fd0',
  '#d9622b',
  '#5b7390',
];

/**
 * A relation read from a file, between two spans already read. The files carry no note or
 * author for it; `at` is when it was made (the file's date if it has one, else the import's).
 */
export function importedRelation(
  fields: Pick<Relation, 'id' | 'typeId' | 'sourceId' | 'targetId'>,
  at = new Date().toISOString(),
): Relation {
  return { ...fields, note: '', author: '', createdAt: at, updatedAt: at };
}

/** A tag the file names but does not describe: a root, unless a parent is given. */
export function namedTag(name: string, position: number, parentId: string | null = null): Tag {
  return {
    id: stableId('tag', name),
    parentId,
    name,
    color: PALETTE[position % PALETTE.length]!,
    hotkey: null,
    description: '',
    position,
  };
}

/** A relation type the file names: directed, not built in. */
export function namedRelationType(key: string, position: number, symmetric = false): RelationType {
  const name = key.replace(/_/g, ' ');
  return {
    id: stableId('relation-type', key),
    key,
    name,
    inverseName: name,
    symmetric,
    builtIn: false,
    position,
  };
}

/**
 * A codebook made from the labels a file uses (doccano, Label Studio without a manifest). A label
 * that names a tag every Gloss project has (Claim, Person, Organisation…) becomes that tag, with
 * its fixed id and place in the tree; any other label a new root tag.
 */
export class LabelCodebook {
  readonly codebook: ExchangeCodebook = { tags: [], attributeDefs: [], relationTypes: [] };

  tagId(label: string): string {
    const wanted = label.trim().toLowerCase();
    const known = this.codebook.tags.find((t) => t.name.toLowerCase() === wanted);
    if (known) return known.id;
    const builtIn = [...ROOT_TAGS, ...DEFAULT_SUBTAGS].find((t) => t.name.toLowerCase() === wanted);
    if (!builtIn) {
      const tag = namedTag(label.trim() || 'Unlabelled', this.codebook.tags.length);
      this.codebook.tags.push(tag);
      return tag.id;
    }
    if (builtIn.parentId !== null && !this.codebook.tags.some((t) => t.id === builtIn.parentId)) {
      this.codebook.tags.push(ROOT_TAGS.find((t) => t.id === builtIn.parentId)!);
    }
    this.codebook.tags.push(builtIn);
    return builtIn.id;
  }

  relationTypeId(label: string): string {
    const wanted = label.trim().toLowerCase();
    const matches = (t: RelationType) =>
      t.key.toLowerCase() === wanted || t.name.toLowerCase() === wanted;
    const known = this.codebook.relationTypes.find(matches);
    if (known) return known.id;
    const type =
      BUILTIN_RELATION_TYPES.find(matches) ??
      namedRelationType(
        wanted.replace(/\s+/g, '_') || 'related',
        this.codebook.relationTypes.length,
      );
    this.codebook.relationTypes.push(type);
    return type.id;
  }
}
