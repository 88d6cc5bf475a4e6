/**
 * The sidecar file (`gloss-manifest.json`) a zipped span export carries beside the other tool's
 * files (brat, Label Studio). The other tool ignores it; Gloss's reader uses it to restore what
 * that format cannot name: tag ids, colours and tree, attribute types, document titles and
 * details, entities with their aliases. Without it the reader falls back on the format alone.
 */
import { z } from 'zod';
import { ATTRIBUTE_TYPES, ENTITY_KINDS } from '../../core/domain';
import type { DocumentDetails } from '../../core/domain';
import type { ImportWarnings } from './import-kit';
import type { ExchangeSource } from './model';

export const MANIFEST_FILE = 'gloss-manifest.json';
const MANIFEST_FORMAT = 'gloss-export-manifest';

/** One document as the manifest records it: which file (or task) is its, and its identity. */
export interface ManifestDocument {
  /** The file stem (brat) or task id (Label Studio) the document was written as. */
  file: string;
  id: string;
  title: string;
  sha256: string;
  format: string;
  importedAt: string;
  details: DocumentDetails;
}

/** The manifest's text, written once every document is (documents are listed as they go). */
export function manifestText(source: ExchangeSource, documents: ManifestDocument[]): string {
  const manifest = {
    format: MANIFEST_FORMAT,
    version: 1,
    generator: source.generator,
    exportedAt: source.exportedAt,
    codebook: source.codebook,
    entities: source.entities,
    documents,
  };
  return `${JSON.stringify(manifest, null, 1)}\n`;
}

/** The manifest among a zip's entries (the one nearest the top), or null with a warning. */
export function readManifest(
  entries: Map<string, Uint8Array>,
  warnings: ImportWarnings,
): GlossManifest | null {
  const name = [...entries.keys()]
    .filter((n) => n === MANIFEST_FILE || n.endsWith(`/${MANIFEST_FILE}`))
    .sort((a, b) => a.length - b.length)[0];
  if (!name) return null;
  try {
    const parsed = manifestSchema.safeParse(
      JSON.parse(new TextDecoder().decode(entries.get(name))),
    );
    if (parsed.success) return parsed.data;
    const issue = parsed.error.issues[0];
    warnings.add(
      `${name}: not a manifest Gloss can read (${issue?.path.join('.')}: ${issue?.message}); the rest was read without it`,
    );
  } catch (error) {
    warnings.add(
      `${name}: not valid JSON (${(error as Error).message}); the rest was read without it`,
    );
  }
  return null;
}

const text = (max: number) => z.string().max(max);
const tagSchema = z.object({
  id: text(64),
  parentId: text(64).nullable(),
  name: text(500),
  color: text(16),
  hotkey: text(8).nullable(),
  description: text(10_000),
  position: z.number(),
});
const attributeSchema = z.object({
  id: text(64),
  tagId: text(64),
  key: text(200),
  name: text(500),
  type: z.enum(ATTRIBUTE_TYPES),
  choices: z.array(z.object({ value: text(500), label: text(500) })).max(1000),
  description: text(10_000),
  position: z.number(),
});
const relationTypeSchema = z.object({
  id: text(64),
  key: text(200),
  name: text(500),
  inverseName: text(500),
  symmetric: z.boolean(),
  builtIn: z.boolean(),
  position: z.number(),
});
const entitySchema = z.object({
  id: text(64),
  name: text(2000),
  kind: z.enum(ENTITY_KINDS),
  aliases: z.array(text(2000)).max(1000),
  description: text(100_000),
  externalIds: z.record(z.string().max(200), z.string().max(2000)),
  mentionCount: z.number(),
  createdAt: text(64),
  updatedAt: text(64),
});
const detailsSchema = z.object({
  author: text(2000),
  outlet: text(2000),
  publishedAt: text(64),
  url: text(4096),
  language: text(64),
  outletReliability: z.enum(['A', 'B', 'C', 'D', 'E', 'F']).nullable(),
});

/** The manifest, checked when read: it is as untrusted as the rest of the zip. */
export const manifestSchema = z.object({
  format: z.literal(MANIFEST_FORMAT),
  version: z.literal(1),
  exportedAt: text(64),
  codebook: z.object({
    tags: z.array(tagSchema).max(10_000),
    attributeDefs: z.array(attributeSchema).max(10_000),
    relationTypes: z.array(relationTypeSchema).max(10_000),
  }),
  entities: z.array(entitySchema).max(1_000_000),
  documents: z
    .array(
      z.object({
        file: text(1000),
        id: text(64),
        title: text(2000),
        sha256: text(64),
        format: z.enum(['txt', 'md', 'html', 'mhtml', 'docx', 'pdf', 'epub']),
        importedAt: text(64),
        details: detailsSchema,
      }),
    )
    .max(1_000_000),
});

export type GlossManifest = z.infer<typeof manifestSchema>;
