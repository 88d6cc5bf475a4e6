import { describe, expect, it } from 'vitest';
import type { Block } from '../../../core/domain';
import { buildArticleDoc } from '../../../renderer/editor/build-doc';
import { PositionMap } from '../../../renderer/editor/positions';
import { articleSchema, isSafeHref } from '../../../renderer/editor/schema';

describe('buildArticleDoc', () => {
  it('builds headings, lists, quotes and code with their marks at the right characters', () => {
    const text =
      '# Title 🇺🇦\n\nSee **bold** and [site](x)\n\n- one\n- two\n\n1. first\n2. second\n\n> quoted\n\n```\ncode\n```';
    const find = (s: string) => ({
      start: [...text.slice(0, text.indexOf(s))].length,
      end: [...text.slice(0, text.indexOf(s) + s.length)].length,
    });
    const blocks: Block[] = [
      { kind: 'heading', level: 1, ...find('Title 🇺🇦') },
      {
        kind: 'paragraph',
        ...find('See **bold** and [site](x)'),
        marks: [
          { kind: 'strong', ...find('bold') },
          { kind: 'link', href: 'javascript:alert(1)', ...find('site') },
          { kind: 'link', href: 'https://example.org', ...find('See') },
        ],
      },
      { kind: 'bullet_item', level: 1, ...find('one') },
      { kind: 'bullet_item', level: 1, ...find('two') },
      { kind: 'ordered_item', level: 1, ...find('first') },
      { kind: 'ordered_item', level: 1, ...find('second') },
      { kind: 'blockquote', ...find('quoted') },
      { kind: 'code', ...find('code') },
    ];
    const built = buildArticleDoc(new PositionMap(text, blocks));
    // All eight blocks fit in the first section.
    expect(built.childCount).toBe(1);
    const doc = built.child(0);
    expect(doc.child(0).type.name).toBe('heading');
    expect(doc.child(0).attrs.level).toBe(1);
    expect(doc.child(0).textContent).toBe('Title 🇺🇦');

    const paragraph = doc.child(1);
    const bold = paragraph.child(2);
    expect(bold.text).toBe('bold');
    expect(bold.marks.map((m) => m.type.name)).toEqual(['strong']);
    // The javascript: link lost its link; the https one kept it.
    expect(paragraph.child(0).marks[0]!.attrs.href).toBe('https://example.org');
    paragraph.forEach((node) => {
      if (node.text?.includes('site')) expect(node.marks).toEqual([]);
    });

    expect(doc.child(2).attrs).toMatchObject({ ordered: false, marker: '•' });
    expect(doc.child(5).attrs).toMatchObject({ ordered: true, marker: '2.' });
    expect(doc.child(6).type.name).toBe('blockquote');
    expect(doc.child(7).type.name).toBe('code_block');
  });

  it('renders links safely', () => {
    expect(isSafeHref('https://x.org')).toBe(true);
    expect(isSafeHref('mailto:a@b.c')).toBe(true);
    expect(isSafeHref('javascript:alert(1)')).toBe(false);
    expect(isSafeHref('file:///etc/passwd')).toBe(false);
    const link = articleSchema.marks.link!.create({ href: 'https://x.org' });
    const spec = articleSchema.marks.link!.spec.toDOM!(link, true) as [
      string,
      Record<string, string>,
    ];
    expect(spec[0]).toBe('a');
    expect(spec[1].rel).toBe('noopener noreferrer');
    const bad = articleSchema.marks.link!.create({ href: 'javascript:alert(1)' });
    expect((articleSchema.marks.link!.spec.toDOM!(bad, true) as unknown as string[])[0]).toBe(
      'span',
    );
  });
});
