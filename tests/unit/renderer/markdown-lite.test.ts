import { renderToStaticMarkup } from 'react-dom/server';
import { createElement, Fragment } from 'react';
import type { ReactNode } from 'react';
import { describe, expect, it } from 'vitest';
import {
  markdownToPlainText,
  parseInline,
  parseMarkdownLite,
  renderMarkdownInline,
  renderMarkdownLite,
} from '../../../renderer/markdown-lite';

const html = (node: ReactNode) => renderToStaticMarkup(createElement(Fragment, null, node));

describe('markdown-lite parsing', () => {
  it('reads bold, italic and links, nested', () => {
    expect(parseInline('a **bold *and* it** _b_ [site](https://example.org/x)')).toEqual([
      { type: 'text', text: 'a ' },
      {
        type: 'strong',
        children: [
          { type: 'text', text: 'bold ' },
          { type: 'em', children: [{ type: 'text', text: 'and' }] },
          { type: 'text', text: ' it' },
        ],
      },
      { type: 'text', text: ' ' },
      { type: 'em', children: [{ type: 'text', text: 'b' }] },
      { type: 'text', text: ' ' },
      { type: 'link', href: 'https://example.org/x', children: [{ type: 'text', text: 'site' }] },
    ]);
  });

  it('leaves stray and intra-word markers as text', () => {
    expect(parseInline('2 * 3 = 6, snake_case_name, **open')).toEqual([
      { type: 'text', text: '2 * 3 = 6, snake_case_name, **open' },
    ]);
    expect(parseInline('\\*not italic\\*')).toEqual([{ type: 'text', text: '*not italic*' }]);
  });

  it('links bare http(s) addresses, without the punctuation after them', () => {
    expect(parseInline('See https://example.org/a_(b). Or (http://x.org).')).toEqual([
      { type: 'text', text: 'See ' },
      {
        type: 'link',
        href: 'https://example.org/a_(b)',
        children: [{ type: 'text', text: 'https://example.org/a_(b)' }],
      },
      { type: 'text', text: '. Or (' },
      { type: 'link', href: 'http://x.org/', children: [{ type: 'text', text: 'http://x.org' }] },
      { type: 'text', text: ').' },
    ]);
  });

  it('refuses every address that is not http(s), showing what was typed', () => {
    for (const href of [
      'javascript:alert(1)',
      'file:///etc/passwd',
      'data:text/html,x',
      '//x.org',
    ]) {
      expect(parseInline(`[click](${href})`)).toEqual([{ type: 'text', text: `[click](${href})` }]);
    }
  });

  it('makes paragraphs, line breaks and both kinds of list', () => {
    expect(parseMarkdownLite('one\ntwo\n\n- a\n- b\n  more\n3. c\n4. d\nafter')).toEqual([
      {
        type: 'paragraph',
        children: [{ type: 'text', text: 'one' }, { type: 'break' }, { type: 'text', text: 'two' }],
      },
      {
        type: 'list',
        ordered: false,
        start: 1,
        items: [
          [{ type: 'text', text: 'a' }],
          [{ type: 'text', text: 'b' }, { type: 'break' }, { type: 'text', text: 'more' }],
        ],
      },
      {
        type: 'list',
        ordered: true,
        start: 3,
        items: [[{ type: 'text', text: 'c' }], [{ type: 'text', text: 'd' }]],
      },
      { type: 'paragraph', children: [{ type: 'text', text: 'after' }] },
    ]);
  });

  it('stays fast on a note full of unmatched markers', () => {
    const started = performance.now();
    parseMarkdownLite('*_[**'.repeat(20_000));
    expect(performance.now() - started).toBeLessThan(2000);
  });
});

describe('markdown-lite rendering', () => {
  it('renders React elements, never markup from the note', () => {
    const out = html(
      renderMarkdownLite('<script>alert(1)</script> **<b>x</b>**\n<img src=x onerror=y>'),
    );
    expect(out).toBe(
      '<p class="md-p">&lt;script&gt;alert(1)&lt;/script&gt; <strong>&lt;b&gt;x&lt;/b&gt;</strong>' +
        '<br/>&lt;img src=x onerror=y&gt;</p>',
    );
  });

  it('opens links in a new window without opener or referrer', () => {
    expect(html(renderMarkdownLite('[Київ](https://example.org/ки)'))).toBe(
      '<p class="md-p"><a href="https://example.org/%D0%BA%D0%B8" target="_blank" ' +
        'rel="noopener noreferrer nofollow" title="https://example.org/%D0%BA%D0%B8" ' +
        'class="md-link">Київ</a></p>',
    );
  });

  it('renders lists, and a one-line preview without blocks or links', () => {
    expect(html(renderMarkdownLite('1. *a*\n2. b'))).toBe(
      '<ol class="md-list" start="1"><li><em>a</em></li><li>b</li></ol>',
    );
    expect(html(renderMarkdownInline('**A** [l](https://x.org)\n\n- b', { links: false }))).toBe(
      '<strong>A</strong> l b',
    );
    expect(markdownToPlainText('**A** [l](https://x.org)\n- b\n- 🌻')).toBe('A l\n• b\n• 🌻');
  });
});
