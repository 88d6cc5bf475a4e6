/**
 * The structure of an EPUB (OCF container + OPF package, EPUB 2 and 3): where the package file is,
 * what the book says about itself, and which documents make up its reading order (the spine).
 * Paths are zip entry names; hrefs in the package are resolved against the package's folder and
 * never leave the archive's root.
 */
import { parseXmlDocument } from '../html/parse';

const DC = 'http://purl.org/dc/elements/1.1/';

/** A document of the manifest, its href resolved to a zip entry name. */
export interface ManifestItem {
  id: string;
  path: string;
  mediaType: string;
}

/** One document of the reading order. */
export interface SpineItem {
  item: ManifestItem;
  /** false for `linear="no"`: auxiliary content (notes, answers) a reading system may skip. */
  linear: boolean;
}

export interface EpubPackage {
  title?: string;
  creators: string[];
  publisher?: string;
  date?: string;
  language?: string;
  spine: SpineItem[];
}

/** The package file's path named by `META-INF/container.xml`, or undefined when it names none. */
export function packagePath(containerXml: string): string | undefined {
  const document = parseXmlDocument(containerXml);
  const rootfiles = byLocalName(document, 'rootfile');
  const opf =
    rootfiles.find((r) => r.getAttribute('media-type') === 'application/oebps-package+xml') ??
    rootfiles[0];
  const fullPath = opf?.getAttribute('full-path');
  return fullPath ? resolveInZip('', fullPath) : undefined;
}

/** Reads a package file (at `path` in the zip): its Dublin Core metadata and its spine. */
export function readPackage(opfXml: string, path: string): EpubPackage {
  const document = parseXmlDocument(opfXml);
  const folder = path.includes('/') ? path.slice(0, path.lastIndexOf('/') + 1) : '';
  const dc = (name: string): string[] =>
    Array.from(document.getElementsByTagNameNS(DC, name))
      .map((element) => (element.textContent ?? '').trim())
      .filter((value) => value !== '');

  const manifest = new Map<string, ManifestItem>();
  for (const item of byLocalName(document, 'item')) {
    const id = item.getAttribute('id');
    const href = item.getAttribute('href');
    const resolved = href === null ? undefined : resolveInZip(folder, href);
    if (id === null || resolved === undefined) continue;
    const mediaType = (item.getAttribute('media-type') ?? '').trim().toLowerCase();
    manifest.set(id, { id, path: resolved, mediaType });
  }
  const spine: SpineItem[] = [];
  for (const itemref of byLocalName(document, 'itemref')) {
    const item = manifest.get(itemref.getAttribute('idref') ?? '');
    if (item) spine.push({ item, linear: itemref.getAttribute('linear')?.trim() !== 'no' });
  }

  const result: EpubPackage = { creators: dc('creator'), spine };
  const [title] = dc('title');
  if (title) result.title = title;
  const [publisher] = dc('publisher');
  if (publisher) result.publisher = publisher;
  const date = publicationDate(document);
  if (date) result.date = date;
  const [language] = dc('language');
  if (language) result.language = language;
  return result;
}

/**
 * The zip entry name an href points to, from the folder (`OEBPS/`, or '' for the root) of the
 * document that holds it: fragment and query dropped, percent-escapes decoded, `.` and `..`
 * resolved. Undefined for an absolute URL (`http:`, `data:`…) or a path that climbs above the root.
 */
export function resolveInZip(folder: string, href: string): string | undefined {
  const path = href.trim().replace(/[#?].*$/s, '');
  if (path === '' || /^[a-z][a-z0-9+.-]*:/i.test(path)) return undefined;
  const segments: string[] = path.startsWith('/') ? [] : folder.split('/').filter((s) => s !== '');
  for (const raw of path.split('/')) {
    let segment: string;
    try {
      segment = decodeURIComponent(raw);
    } catch {
      return undefined;
    }
    if (segment === '' || segment === '.') continue;
    if (segment === '..') {
      if (segments.pop() === undefined) return undefined;
      continue;
    }
    segments.push(segment);
  }
  return segments.length === 0 ? undefined : segments.join('/');
}

/** The `dc:date` marked as the publication (EPUB 2's `opf:event`), else the first one. */
function publicationDate(document: Document): string | undefined {
  const dates = Array.from(document.getElementsByTagNameNS(DC, 'date'));
  const publication = dates.find((d) =>
    Array.from(d.attributes).some((a) => a.localName === 'event' && a.value === 'publication'),
  );
  const value = (publication ?? dates[0])?.textContent?.trim();
  return value === '' ? undefined : value;
}

/** Elements by local name, whatever their namespace or prefix (packages in the wild vary). */
function byLocalName(document: Document, localName: string): Element[] {
  return Array.from(document.getElementsByTagNameNS('*', localName));
}
