import { beforeAll, describe, expect, it } from 'vitest';
import type { Block } from '../../../core/domain';
import { CodePointIndex } from '../../../core/offsets';
import { importFile } from '../../../formats/import';
import type { ImportedFile } from '../../../formats/import';

const utf8 = (text: string) => new TextEncoder().encode(text);
const importMd = (source: string, name = 'article.md') => importFile(name, utf8(source));

/** Each block as [kind, level, its text], cut out of the stored text by code-point offsets. */
function outline(text: string, blocks: Block[]) {
  const index = new CodePointIndex(text);
  return blocks.map((b) => [b.kind, b.level ?? null, index.slice(b.start, b.end)]);
}

/** Each mark as [kind, the text it covers, href]. */
function marks(text: string, blocks: Block[]) {
  const index = new CodePointIndex(text);
  return blocks.flatMap((b) =>
    (b.marks ?? []).map((m) => [m.kind, index.slice(m.start, m.end), m.href ?? null]),
  );
}

const ARTICLE = `# Азербайджанцы 😀 в *Украине*

A **bold claim** by [Caspian Policy Centre](https://example.org/cpc?a=1&b=2) —
wrapped onto a second line, with \`code\` and a break\\
here.

> Quoted 𠮷 opinion.
> Still quoted.

- first 👨‍👩‍👧 item
- second item
  - nested _item_
    more of nested

1. one
2. two

\`\`\`
const x = "<b>raw</b>";
\`\`\`

<script>alert(1)</script>
`;

describe('importFile: Markdown', () => {
  let doc: ImportedFile;
  beforeAll(async () => {
    doc = await importMd(ARTICLE);
  });

  it('records the reader and the encoding it decoded', () => {
    expect(doc.importer).toEqual({ name: 'Gloss Markdown (markdown-it 15)', version: '2' });
    expect(doc.encoding).toBe('utf-8');
    expect(doc.metadata).toEqual({});
  });

  it('stores the rendered plain text of each block, joined by newlines', () => {
    expect(doc.format).toBe('md');
    expect(doc.text).toBe(
      [
        'Азербайджанцы 😀 в Украине',
        'A bold claim by Caspian Policy Centre — wrapped onto a second line, with code and a break\nhere.',
        'Quoted 𠮷 opinion. Still quoted.',
        'first 👨‍👩‍👧 item',
        'second item',
        'nested item more of nested',
        'one',
        'two',
        'const x = "<b>raw</b>";',
        '<script>alert(1)</script>',
      ].join('\n'),
    );
  });

  it('gives each block its kind and level, with code-point offsets that cut out its text', () => {
    expect(outline(doc.text, doc.blocks)).toEqual([
      ['heading', 1, 'Азербайджанцы 😀 в Украине'],
      [
        'paragraph',
        null,
        'A bold claim by Caspian Policy Centre — wrapped onto a second line, with code and a break\nhere.',
      ],
      ['blockquote', null, 'Quoted 𠮷 opinion. Still quoted.'],
      ['bullet_item', 1, 'first 👨‍👩‍👧 item'],
      ['bullet_item', 1, 'second item'],
      ['bullet_item', 2, 'nested item more of nested'],
      ['ordered_item', 1, 'one'],
      ['ordered_item', 1, 'two'],
      ['code', null, 'const x = "<b>raw</b>";'],
      ['paragraph', null, '<script>alert(1)</script>'],
    ]);
    // Offsets are code points: the second block starts after 26 code points and a newline.
    expect(doc.blocks[1]!.start).toBe(Array.from('Азербайджанцы 😀 в Украине').length + 1);
  });

  it('marks emphasis, strong, code and safe links over exactly their text', () => {
    expect(marks(doc.text, doc.blocks)).toEqual([
      ['em', 'Украине', null],
      ['strong', 'bold claim', null],
      ['link', 'Caspian Policy Centre', 'https://example.org/cpc?a=1&b=2'],
      ['code', 'code', null],
      ['em', 'item', null],
    ]);
  });

  it('takes the first heading as the title, else the file name', async () => {
    expect(doc.title).toBe('Азербайджанцы 😀 в Украине');
    expect((await importMd('Just a paragraph.\n\n## Later heading', 'notes.md')).title).toBe(
      'Later heading',
    );
    expect((await importMd('No heading at all.', 'notes.md')).title).toBe('notes.md');
  });

  it('keeps the text of unsafe links but never their target', async () => {
    const unsafe = await importMd(
      '[click](javascript:alert(1)) [data](data:text/html,hi) [rel](./other.md) ' +
        '[mail](mailto:desk@example.org) [up](HTTP://EXAMPLE.ORG)',
    );
    expect(unsafe.text).toBe('click data rel mail up');
    expect(marks(unsafe.text, unsafe.blocks)).toEqual([
      ['link', 'mail', 'mailto:desk@example.org'],
      ['link', 'up', 'HTTP://EXAMPLE.ORG'],
    ]);
    expect(JSON.stringify(unsafe.blocks)).not.toMatch(/javascript|data:|other\.md/);
  });

  it('turns table rows into tab-separated paragraphs and leaves images out', async () => {
    const table = await importMd(
      '| Who | Said |\n|---|---|\n| Aliyev | “peace” |\n\n![map](m.png) caption',
    );
    expect(outline(table.text, table.blocks)).toEqual([
      ['paragraph', null, 'Who\tSaid'],
      ['paragraph', null, 'Aliyev\t“peace”'],
      ['paragraph', null, ' caption'],
    ]);
  });

  it('refuses a Markdown file with no readable text', async () => {
    await expect(importMd('---\n\n![only an image](x.png)\n', 'empty.md')).rejects.toThrow(
      'empty.md: the file has no readable text',
    );
  });
});
