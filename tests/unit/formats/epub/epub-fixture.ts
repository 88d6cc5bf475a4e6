/**
 * Builds EPUB files for the tests with jszip: a container, a package (OPF) with Dublin Core
 * metadata, a manifest in one order and a spine in another, and XHTML chapters.
 */
import JSZip from 'jszip';

export interface FixtureChapter {
  id: string;
  /** Href as written in the manifest (relative to the OPF's folder, percent-encoded). */
  href: string;
  /** The zip entry name the href points to. */
  entry: string;
  body: string;
  linear?: boolean;
  /** Raw chapter source instead of the XHTML wrapper around `body`. */
  raw?: string;
  mediaType?: string;
}

export interface FixtureBook {
  chapters: FixtureChapter[];
  /** Chapter ids in reading order. */
  spine: string[];
  /** Dublin Core elements inside <metadata>, as XML. */
  metadata?: string;
  opfPath?: string;
  /** Extra zip entries (encryption.xml, fonts…). */
  extra?: Record<string, string | Uint8Array>;
  /** Leave out META-INF/container.xml, or the OPF. */
  omit?: 'container' | 'opf';
}

export const xhtml = (title: string, body: string): string =>
  `<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE html>
<html xmlns="http://www.w3.org/1999/xhtml" xmlns:epub="http://www.idpf.org/2007/ops" lang="en">
<head><title>${title}</title><link rel="stylesheet" type="text/css" href="../Styles/style.css"/></head>
<body>${body}</body>
</html>`;

export async function buildEpub(book: FixtureBook): Promise<Uint8Array> {
  const opfPath = book.opfPath ?? 'OEBPS/content.opf';
  const zip = new JSZip();
  zip.file('mimetype', 'application/epub+zip', { compression: 'STORE' });
  if (book.omit !== 'container') {
    zip.file(
      'META-INF/container.xml',
      `<?xml version="1.0"?>
<container version="1.0" xmlns="urn:oasis:names:tc:opendocument:xmlns:container">
  <rootfiles><rootfile full-path="${opfPath}" media-type="application/oebps-package+xml"/></rootfiles>
</container>`,
    );
  }
  const manifest = book.chapters
    .map(
      (c) =>
        `<item id="${c.id}" href="${c.href}" media-type="${c.mediaType ?? 'application/xhtml+xml'}"/>`,
    )
    .join('\n    ');
  const byId = new Map(book.chapters.map((c) => [c.id, c]));
  const spine = book.spine
    .map((id) => `<itemref idref="${id}"${byId.get(id)?.linear === false ? ' linear="no"' : ''}/>`)
    .join('\n    ');
  if (book.omit !== 'opf') {
    zip.file(
      opfPath,
      `<?xml version="1.0" encoding="UTF-8"?>
<package xmlns="http://www.idpf.org/2007/opf" version="3.0" unique-identifier="uid">
  <metadata xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:opf="http://www.idpf.org/2007/opf">
    <dc:identifier id="uid">urn:uuid:0b8a6c3e-2f4f-4d8c-9c55-1b7c7e4d2a11</dc:identifier>
    ${book.metadata ?? '<dc:title>Untitled</dc:title>'}
  </metadata>
  <manifest>
    <item id="nav" href="nav.xhtml" media-type="application/xhtml+xml" properties="nav"/>
    <item id="css" href="Styles/style.css" media-type="text/css"/>
    ${manifest}
  </manifest>
  <spine>
    ${spine}
  </spine>
</package>`,
    );
  }
  zip.file('OEBPS/Styles/style.css', 'body { font-family: serif }');
  // Chapters are added in manifest order, which is not the spine order.
  for (const chapter of book.chapters) {
    zip.file(chapter.entry, chapter.raw ?? xhtml(chapter.id, chapter.body));
  }
  for (const [name, content] of Object.entries(book.extra ?? {})) zip.file(name, content);
  return zip.generateAsync({ type: 'uint8array', compression: 'DEFLATE' });
}

/**
 * A copy of a zip whose central directory declares other sizes for each deflated entry `patch`
 * picks (stored entries and folders are left alone: yauzl requires their two sizes to match).
 */
export function patchDeclaredSizes(
  bytes: Uint8Array,
  patch: (index: number) => { uncompressed?: number; compressed?: number } | undefined,
): Uint8Array {
  const copy = bytes.slice();
  const view = new DataView(copy.buffer);
  let index = 0;
  for (let i = 0; i + 46 <= copy.length; i++) {
    if (view.getUint32(i, true) !== 0x02014b50) continue; // central directory file header
    if (view.getUint16(i + 10, true) !== 8) continue; // not deflated
    const sizes = patch(index++);
    if (sizes?.compressed !== undefined) view.setUint32(i + 20, sizes.compressed, true);
    if (sizes?.uncompressed !== undefined) view.setUint32(i + 24, sizes.uncompressed, true);
  }
  return copy;
}

/** A copy of a zip whose end-of-central-directory record claims `count` entries. */
export function claimEntryCount(bytes: Uint8Array, count: number): Uint8Array {
  const copy = bytes.slice();
  const view = new DataView(copy.buffer);
  for (let i = copy.length - 22; i >= 0; i--) {
    if (view.getUint32(i, true) !== 0x06054b50) continue;
    view.setUint16(i + 8, count, true);
    view.setUint16(i + 10, count, true);
    return copy;
  }
  throw new Error('no end-of-central-directory record');
}
