import { describe, expect, it } from 'vitest';
import { LIMITS } from '../../../core/limits';
import { htmlPreviewText, importTextArgs, pastedFrom, pasteProblem } from '../../../renderer/paste';

/** A clipboard holding some flavours, as a paste event's `clipboardData` does. */
const clipboard = (flavours: Record<string, string>) => ({
  getData: (type: string) => flavours[type] ?? '',
});

describe('paste as new document', () => {
  it('keeps both flavours of a paste: plain text to show, HTML for the service', () => {
    expect(
      pastedFrom(clipboard({ 'text/plain': 'Headline\n\nBody', 'text/html': '<h1>Headline</h1>' })),
    ).toEqual({ text: 'Headline\n\nBody', html: '<h1>Headline</h1>' });
    expect(pastedFrom(clipboard({ 'text/plain': 'only text' }))).toEqual({
      text: 'only text',
      html: null,
    });
  });

  it('previews HTML-only clipboards as text, dropping scripts, styles and every tag', () => {
    const html =
      '<style>p{}</style><h1>Title &amp; more</h1><script>alert(1)</script>' +
      '<p>One<br>two&nbsp;&#x41;&#66;</p><!-- note --><img src=x onerror=alert(1)><ul><li>item</li></ul>';
    expect(htmlPreviewText(html)).toBe('Title & more\nOne\ntwo\u00a0AB\nitem');
    expect(pastedFrom(clipboard({ 'text/html': html })).text).toBe(htmlPreviewText(html));
  });

  it('leaves entities it does not know as they are', () => {
    expect(htmlPreviewText('a &bogus; b &#0; c')).toBe('a &bogus; b &#0; c');
  });

  it('refuses an empty paste and one beyond the service’s limit, with a reason', () => {
    expect(pasteProblem({ text: '  \n', html: null })).toMatch(/Paste some text/);
    expect(pasteProblem({ text: '', html: '<p>x</p>' })).toBeNull();
    const huge = 'x'.repeat(LIMITS.maxPasteChars + 1);
    expect(pasteProblem({ text: huge, html: null })).toMatch(/too long/);
  });

  it('sends only what there is: a trimmed title, the text, the HTML', () => {
    expect(importTextArgs({ text: 'Body', html: '<p>Body</p>' }, '  Field notes ')).toEqual({
      title: 'Field notes',
      text: 'Body',
      html: '<p>Body</p>',
    });
    expect(importTextArgs({ text: 'Body', html: null }, '   ')).toEqual({ text: 'Body' });
  });
});
