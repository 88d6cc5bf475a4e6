import JSZip from 'jszip';
import yauzl from 'yauzl';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { concatArticles } from '../../../../formats/epub/read-epub';
import { resolveInZip } from '../../../../formats/epub/package';
import { epubReader } from '../../../../formats/epub/read-epub';
import { articleFromHtml } from '../../../../formats/html/dom-to-article';
import { context, marks, outline } from '../html/helpers';
import {
  buildEpub,
  claimEntryCount,
  type FixtureChapter,
  patchDeclaredSizes,
} from './epub-fixture';

const read = (bytes: Uint8Array, name = 'book.epub') => epubReader.read(bytes, context(name));

const CHAPTERS: FixtureChapter[] = [
  {
    id: 'c1',
    href: 'Text/chapter-1.xhtml',
    entry: 'OEBPS/Text/chapter-1.xhtml',
    body: '<h1>Глава 1</h1><p>Перший <em>абзац</em> 😀.</p><p>See <a href="chapter-2.xhtml#n1">note</a> and <a href="https://example.org/src">the source</a>.</p>',
  },
  {
    id: 'c2',
    href: 'Text/Chapter%20Two.xhtml',
    entry: 'OEBPS/Text/Chapter Two.xhtml',
    body: '<h1>Chapter Two</h1><blockquote><p>A quoted line.</p></blockquote><ol><li>one</li><li>two</li></ol>',
  },
  {
    id: 'c3',
    href: '../Front/preface.xhtml',
    entry: 'Front/preface.xhtml',
    body: '<h1>Preface</h1><p>Read this first.</p>',
  },
];

const METADATA = `<dc:title>  The Port  Files </dc:title>
    <dc:creator>Maria Kovalenko</dc:creator>
    <dc:creator>Ivan Petrenko</dc:creator>
    <dc:publisher>Harbour Press</dc:publisher>
    <dc:date opf:event="modification">2024-05-01</dc:date>
    <dc:date opf:event="publication">2023-11-02</dc:date>
    <dc:language>uk</dc:language>`;

afterEach(() => vi.restoreAllMocks());

describe('epubReader', () => {
  it('reads the chapters in spine order, not manifest or zip order, each starting a block', async () => {
    const bytes = await buildEpub({
      chapters: CHAPTERS,
      spine: ['c3', 'c1', 'c2'],
      metadata: METADATA,
    });
    const article = await read(bytes);
    expect(outline(article)).toEqual([
      ['heading', 1, 'Preface'],
      ['paragraph', null, 'Read this first.'],
      ['heading', 1, 'Глава 1'],
      ['paragraph', null, 'Перший абзац 😀.'],
      ['paragraph', null, 'See note and the source.'],
      ['heading', 1, 'Chapter Two'],
      ['blockquote', null, 'A quoted line.'],
      ['ordered_item', 1, 'one'],
      ['ordered_item', 1, 'two'],
    ]);
    expect(article.text.split('\n')[0]).toBe('Preface');
    // Links inside the book have no address outside it; web links stay.
    expect(marks(article)).toEqual([
      ['em', 'абзац', null],
      ['link', 'the source', 'https://example.org/src'],
    ]);
  });

  it("reads the book's metadata", async () => {
    const bytes = await buildEpub({ chapters: CHAPTERS, spine: ['c1'], metadata: METADATA });
    const article = await read(bytes);
    expect(article.title).toBe('The Port Files');
    expect(article.encoding).toBeNull();
    expect(article.metadata).toEqual({
      byline: 'Maria Kovalenko, Ivan Petrenko',
      siteName: 'Harbour Press',
      publishedAt: '2023-11-02',
      language: 'uk',
    });
  });

  it('keeps linear="no" items in spine order, and skips spine items that are not documents', async () => {
    const chapters: FixtureChapter[] = [
      { id: 'main', href: 'main.xhtml', entry: 'OEBPS/main.xhtml', body: '<p>Main text.</p>' },
      {
        id: 'notes',
        href: 'notes.xhtml',
        entry: 'OEBPS/notes.xhtml',
        body: '<p>Note 1.</p>',
        linear: false,
      },
      {
        id: 'img',
        href: 'cover.svg',
        entry: 'OEBPS/cover.svg',
        body: '',
        raw: '<svg xmlns="http://www.w3.org/2000/svg"><text>cover</text></svg>',
        mediaType: 'image/svg+xml',
      },
    ];
    const article = await read(await buildEpub({ chapters, spine: ['img', 'main', 'notes'] }));
    expect(article.text).toBe('Main text.\nNote 1.');
    expect(article.title).toBe('Untitled');
  });

  it('reads chapters that are not well-formed XML as HTML', async () => {
    const sloppy =
      '<html><head><title>x</title></head><body><p>Broken&nbsp;markup<br>still <b>read</p></body></html>';
    const chapters: FixtureChapter[] = [
      {
        id: 'c',
        href: 'c.html',
        entry: 'OEBPS/c.html',
        body: '',
        raw: sloppy,
        mediaType: 'text/html',
      },
    ];
    const article = await read(await buildEpub({ chapters, spine: ['c'] }));
    expect(article.text).toBe('Broken\u00a0markup\nstill read');
  });

  it('ignores font obfuscation but refuses DRM-encrypted chapters with a clear message', async () => {
    const encryption = (algorithm: string, uri: string) => `<?xml version="1.0"?>
<encryption xmlns="urn:oasis:names:tc:opendocument:xmlns:container" xmlns:enc="http://www.w3.org/2001/04/xmlenc#">
  <enc:EncryptedData><enc:EncryptionMethod Algorithm="${algorithm}"/>
    <enc:CipherData><enc:CipherReference URI="${uri}"/></enc:CipherData></enc:EncryptedData>
</encryption>`;
    const fonts = await buildEpub({
      chapters: CHAPTERS,
      spine: ['c3'],
      extra: {
        'META-INF/encryption.xml': encryption(
          'http://www.idpf.org/2008/embedding',
          'OEBPS/Fonts/a.otf',
        ),
      },
    });
    expect((await read(fonts)).text).toBe('Preface\nRead this first.');
    const drm = await buildEpub({
      chapters: CHAPTERS,
      spine: ['c3'],
      extra: {
        'META-INF/encryption.xml': encryption(
          'http://www.w3.org/2001/04/xmlenc#aes128-cbc',
          'Front/preface.xhtml',
        ),
      },
    });
    await expect(read(drm, 'locked.epub')).rejects.toMatchObject({
      code: 'unsupported_format',
      message: expect.stringMatching(/^locked\.epub: this EPUB is protected by DRM/),
    });
  });

  it('refuses a chapter nested too deeply for jsdom, instead of stalling on it', async () => {
    const depth = 2000;
    const body = `${'<span>'.repeat(depth)}deep${'</span>'.repeat(depth)}`;
    const chapters: FixtureChapter[] = [{ id: 'c', href: 'c.xhtml', entry: 'OEBPS/c.xhtml', body }];
    await expect(
      read(await buildEpub({ chapters, spine: ['c'] }), 'deep.epub'),
    ).rejects.toMatchObject({
      code: 'too_large',
      message: expect.stringMatching(/^deep\.epub: the markup is nested more than 512 levels/),
    });
  });

  it('says what is wrong with a broken book', async () => {
    await expect(
      read(new TextEncoder().encode('<html>not a book</html>'), 'page.epub'),
    ).rejects.toMatchObject({
      code: 'unsupported_format',
      message:
        'page.epub: this is not an EPUB — an EPUB is a zip archive, and this file is not one',
    });
    await expect(
      read(await buildEpub({ chapters: CHAPTERS, spine: ['c1'], omit: 'container' })),
    ).rejects.toMatchObject({
      code: 'unsupported_format',
      message: 'book.epub: not a valid EPUB — META-INF/container.xml is missing',
    });
    await expect(
      read(await buildEpub({ chapters: CHAPTERS, spine: ['c1'], omit: 'opf' })),
    ).rejects.toMatchObject({
      message: 'book.epub: not a valid EPUB — the package file "OEBPS/content.opf" is missing',
    });
    const zip = await JSZip.loadAsync(await buildEpub({ chapters: CHAPTERS, spine: ['c1'] }));
    zip.file('OEBPS/content.opf', '<package><metadata>');
    await expect(read(await zip.generateAsync({ type: 'uint8array' }))).rejects.toMatchObject({
      message: 'book.epub: not a valid EPUB — "OEBPS/content.opf" is not well-formed XML',
    });
    const truncated = (await buildEpub({ chapters: CHAPTERS, spine: ['c1'] })).slice(0, 200);
    await expect(read(truncated)).rejects.toMatchObject({ code: 'unsupported_format' });
  });
});

describe('epubReader: zip bombs are refused before anything is inflated', () => {
  const inflations = () => vi.spyOn(yauzl.ZipFile.prototype, 'openReadStream');

  it('refuses an entry that shrank more than 100×', async () => {
    const zeros = new Uint8Array(20 * 1024 * 1024); // deflates to ~20 KB: a 1000× ratio
    const bytes = await buildEpub({
      chapters: CHAPTERS,
      spine: ['c1'],
      extra: { 'OEBPS/zeros.bin': zeros },
    });
    const spy = inflations();
    await expect(read(bytes, 'bomb.epub')).rejects.toMatchObject({
      code: 'too_large',
      message: expect.stringMatching(/^bomb\.epub: refused/),
    });
    expect(spy).not.toHaveBeenCalled();
  });

  it('refuses an archive that declares more than 500 MB in all', async () => {
    const honest = await buildEpub({ chapters: CHAPTERS, spine: ['c1'] });
    // Each deflated entry claims 99 MB from 1 MB (a ratio under 100): 594 MB in all.
    const lying = patchDeclaredSizes(honest, () => ({
      uncompressed: 99 * 1024 * 1024,
      compressed: 1024 * 1024,
    }));
    const spy = inflations();
    await expect(read(lying)).rejects.toMatchObject({
      code: 'too_large',
      message: expect.stringContaining('more than the 500 MB accepted'),
    });
    expect(spy).not.toHaveBeenCalled();
  });

  it('refuses an archive of more than 10,000 entries', async () => {
    const many = claimEntryCount(await buildEpub({ chapters: CHAPTERS, spine: ['c1'] }), 10_001);
    const spy = inflations();
    await expect(read(many)).rejects.toMatchObject({
      code: 'too_large',
      message: expect.stringContaining('10,001 files'),
    });
    expect(spy).not.toHaveBeenCalled();
  });
});

describe('EPUB paths and chapters', () => {
  it('resolves hrefs inside the zip and never above its root', () => {
    expect(resolveInZip('OEBPS/', 'Text/a%20b.xhtml#frag')).toBe('OEBPS/Text/a b.xhtml');
    expect(resolveInZip('OEBPS/Text/', '../Images/./x.png')).toBe('OEBPS/Images/x.png');
    expect(resolveInZip('OEBPS/', '/root.xhtml')).toBe('root.xhtml');
    expect(resolveInZip('OEBPS/', '../../etc/passwd')).toBeUndefined();
    expect(resolveInZip('OEBPS/', 'https://example.org/x.xhtml')).toBeUndefined();
    expect(resolveInZip('OEBPS/', '%E0%A4%A')).toBeUndefined();
  });

  it('concatenates chapters with code-point offsets shifted past earlier chapters', () => {
    const one = articleFromHtml('<p>😀 <b>one</b></p>');
    const two = articleFromHtml('<p>two <i>𠮷</i></p>');
    const joined = concatArticles([one, articleFromHtml(''), two]);
    expect(joined.text).toBe('😀 one\ntwo 𠮷');
    expect(marks(joined)).toEqual([
      ['strong', 'one', null],
      ['em', '𠮷', null],
    ]);
    expect(joined.blocks.map((b) => [b.start, b.end])).toEqual([
      [0, 5],
      [6, 11],
    ]);
  });
});
