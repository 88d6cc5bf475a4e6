import { describe, expect, it } from 'vitest';
import { CodePointIndex } from '../../../../core/offsets';
import { articleFromDom, articleFromHtml } from '../../../../formats/html/dom-to-article';
import { parseHtmlDocument } from '../../../../formats/html/parse';
import { blockTexts, marks, outline } from './helpers';

describe('articleFromHtml: structure', () => {
  it('turns headings, paragraphs, quotes and code into blocks joined by newlines', () => {
    const article = articleFromHtml(`
      <h1>Main  title</h1>
      <p>First paragraph.</p>
      <h3>Sub</h3>
      <blockquote><p>Quoted one.</p><p>Quoted two.</p></blockquote>
      <pre>
  indented();
    more();
</pre>`);
    expect(article.text).toBe(
      'Main title\nFirst paragraph.\nSub\nQuoted one.\nQuoted two.\n  indented();\n    more();',
    );
    expect(outline(article)).toEqual([
      ['heading', 1, 'Main title'],
      ['paragraph', null, 'First paragraph.'],
      ['heading', 3, 'Sub'],
      ['blockquote', null, 'Quoted one.'],
      ['blockquote', null, 'Quoted two.'],
      ['code', null, '  indented();\n    more();'],
    ]);
  });

  it('gives list items their nesting depth and kind', () => {
    const article = articleFromHtml(`
      <ul>
        <li>one
          <ol><li>one.a</li><li>one.b<ul><li>deep</li></ul></li></ol>
        </li>
        <li><p>two</p><p>two, second paragraph</p></li>
      </ul>
      <ol><li>first</li></ol>`);
    expect(outline(article)).toEqual([
      ['bullet_item', 1, 'one'],
      ['ordered_item', 2, 'one.a'],
      ['ordered_item', 2, 'one.b'],
      ['bullet_item', 3, 'deep'],
      ['bullet_item', 1, 'two'],
      ['paragraph', null, 'two, second paragraph'],
      ['ordered_item', 1, 'first'],
    ]);
  });

  it('writes each table row as one paragraph, cells separated by tabs', () => {
    const article = articleFromHtml(`
      <table>
        <caption>Casualties</caption>
        <thead><tr><th>Region</th><th>Count</th><th>Note</th></tr></thead>
        <tbody>
          <tr><td>North</td><td>12</td><td><p>confirmed</p><p>by two sources</p></td></tr>
          <tr><td></td><td>7</td><td></td></tr>
        </tbody>
      </table>`);
    expect(outline(article)).toEqual([
      ['paragraph', null, 'Casualties'],
      ['paragraph', null, 'Region\tCount\tNote'],
      ['paragraph', null, 'North\t12\tconfirmed by two sources'],
      ['paragraph', null, '\t7\t'],
    ]);
  });

  it('keeps a <br> as a line break inside its block, and splits anonymous text around blocks', () => {
    const article = articleFromHtml(
      '<p>line one <br>  line two<br><br></p><div>before<p>inside</p>after</div>',
    );
    expect(blockTexts(article)).toEqual(['line one\nline two', 'before', 'inside', 'after']);
  });

  it('keeps figure captions as paragraphs and drops images and their alt text', () => {
    const article = articleFromHtml(
      '<figure><img src="a.jpg" alt="Alt words"><figcaption>The caption</figcaption></figure><p>After <img alt="inline alt">text</p>',
    );
    expect(blockTexts(article)).toEqual(['The caption', 'After text']);
  });

  it('skips blocks with no visible text', () => {
    const article = articleFromHtml(
      '<p>   </p><div><span> </span></div><p>&nbsp;</p><h2></h2><p>real</p>',
    );
    expect(outline(article)).toEqual([['paragraph', null, 'real']]);
  });
});

describe('articleFromHtml: whitespace', () => {
  it('collapses whitespace as a browser renders it', () => {
    const article = articleFromHtml(
      '<p>\n  Several\t\tspaces   and\nnewlines  <b> bold </b> end.  </p>',
    );
    expect(article.text).toBe('Several spaces and newlines bold end.');
    expect(marks(article)).toEqual([['strong', 'bold', null]]);
  });

  it('joins inline elements without inventing spaces, and keeps no-break spaces', () => {
    const article = articleFromHtml('<p>un<em>believ</em>able 10&nbsp;km</p>');
    expect(article.text).toBe('unbelievable 10\u00a0km');
  });

  it('keeps whitespace inside <pre> but drops its leading blank line and trailing newline', () => {
    const article = articleFromHtml('<pre>\n\n  a  b\n\tc\n\n</pre>');
    expect(article.text).toBe('  a  b\n\tc');
  });

  it('shows escaped markup as the literal text a browser shows', () => {
    const article = articleFromHtml('<p>Use &lt;b&gt; for bold</p>');
    expect(article.text).toBe('Use <b> for bold');
  });

  it('drops control characters', () => {
    const article = articleFromHtml('<p>a&#1;b\u0007c</p>');
    expect(article.text).toBe('abc');
  });
});

describe('articleFromHtml: marks and code-point offsets', () => {
  const html =
    '<h2>Заголовок 😀 <em>курсив</em></h2>' +
    '<p>中文 <strong>粗体 👨‍👩‍👧</strong> and <code>x = 1</code>, then <a href="https://example.org/путь?q=1">ссылка 𠮷</a>.</p>' +
    '<p><b><i>both</i></b> <b>a</b><strong>b</strong></p>';
  const article = articleFromHtml(html);

  it('stores offsets in code points: slicing by them gives the marked text', () => {
    expect(marks(article)).toEqual([
      ['em', 'курсив', null],
      ['strong', '粗体 👨‍👩‍👧', null],
      ['code', 'x = 1', null],
      ['link', 'ссылка 𠮷', 'https://example.org/%D0%BF%D1%83%D1%82%D1%8C?q=1'],
      ['em', 'both', null],
      ['strong', 'both', null],
      ['strong', 'ab', null],
    ]);
  });

  it('counts block offsets in code points, not UTF-16 units', () => {
    const index = new CodePointIndex(article.text);
    const [heading, paragraph] = article.blocks;
    expect(heading).toMatchObject({ kind: 'heading', level: 2, start: 0, end: 18 });
    expect(paragraph!.start).toBe(19);
    expect(index.codePointLength).toBe(article.blocks.at(-1)!.end);
    expect(article.text.length).toBeGreaterThan(index.codePointLength);
  });

  it('cuts a mark that spans blocks at each block boundary', () => {
    const spanning = articleFromHtml('<b>bold start<p>bold para</p>bold end</b>');
    expect(marks(spanning)).toEqual([
      ['strong', 'bold start', null],
      ['strong', 'bold para', null],
      ['strong', 'bold end', null],
    ]);
  });

  it('does not put code marks inside a <pre> block', () => {
    const code = articleFromHtml('<pre><code>let x;</code></pre>');
    expect(outline(code)).toEqual([['code', null, 'let x;']]);
    expect(code.blocks[0]!.marks).toBeUndefined();
  });
});

describe('articleFromHtml: links', () => {
  const linkOf = (href: string, baseUrl?: string) => {
    const article = articleFromHtml(
      `<p><a href="${href}">text</a></p>`,
      baseUrl ? { baseUrl } : {},
    );
    expect(article.text).toBe('text');
    return marks(article)[0]?.[2] ?? null;
  };

  it('keeps http, https and mailto links in canonical form', () => {
    expect(linkOf('https://example.org/a b')).toBe('https://example.org/a%20b');
    expect(linkOf('  HTTP://Example.ORG/x  ')).toBe('http://example.org/x');
    expect(linkOf('mailto:desk@example.org')).toBe('mailto:desk@example.org');
  });

  it('drops every other scheme, however it is spelled, and keeps the text', () => {
    for (const href of [
      'javascript:alert(1)',
      'JaVaScRiPt:alert(1)',
      '&#106;avascript:alert(1)',
      'java&#x09;script:alert(1)',
      'java\nscript:alert(1)',
      '&#x01; javascript:alert(1)',
      'vbscript:msgbox(1)',
      'data:text/html,<b>x</b>',
      'file:///etc/passwd',
      'ftp://example.org/file',
      'blob:https://example.org/uuid',
      'about:blank',
    ]) {
      expect(linkOf(href), href).toBeNull();
    }
  });

  it('resolves relative links against an http(s) base only, and drops them without one', () => {
    expect(linkOf('/story/2', 'https://news.example/world/story-1')).toBe(
      'https://news.example/story/2',
    );
    expect(linkOf('/story/2')).toBeNull();
    expect(linkOf('#notes', 'https://news.example/world/')).toBeNull();
  });

  it("uses the document's own base URL when none is given", () => {
    const document = parseHtmlDocument(
      '<base href="https://news.example/a/"><p><a href="b">b</a></p>',
    );
    expect(marks(articleFromDom(document))).toEqual([['link', 'b', 'https://news.example/a/b']]);
  });
});

describe('articleFromHtml: what is not text', () => {
  it('drops scripts, styles, hidden content, embeds, graphics and form controls entirely', () => {
    const article = articleFromHtml(`
      <p>visible one</p>
      <script>var secret = 1;</script><style>p { color: red }</style>
      <noscript>enable js</noscript><template><p>template text</p></template>
      <p hidden>hidden attr</p><p aria-hidden="true">aria hidden</p>
      <p style="color: red; display : none">display none</p><p style="visibility:hidden">invisible</p>
      <dialog>closed dialog</dialog><dialog open>open dialog</dialog>
      <iframe>frame text</iframe><object>object text</object><svg><text>svg text</text></svg>
      <math><mi>math text</mi></math><textarea>typed text</textarea>
      <select><option>option text</option></select><button>button text</button>
      <p>visible two</p>`);
    expect(blockTexts(article)).toEqual(['visible one', 'open dialog', 'visible two']);
  });

  it('walks deep nesting without recursion, and refuses nesting too deep for jsdom', () => {
    const nested = (depth: number) => `${'<span>'.repeat(depth)}deep${'</span>'.repeat(depth)}`;
    expect(articleFromHtml(nested(400)).text).toBe('deep');
    const started = performance.now();
    expect(() => articleFromHtml(nested(50_000), { name: 'bomb.html' })).toThrow(
      expect.objectContaining({
        code: 'too_large',
        message: expect.stringMatching(/^bomb\.html: .*nested/),
      }),
    );
    // Refused by the linear pre-check, long before jsdom's O(nodes × depth) build would finish.
    expect(performance.now() - started).toBeLessThan(2000);
  });
});
