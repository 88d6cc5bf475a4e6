/**
 * Which links may leave Gloss (core/security.ts externalLinkTarget), what the user is asked
 * (electron/link-prompt.ts), and which IPC senders are trusted (electron/app-origin.ts). These
 * are the pure halves of the Electron code, testable without an Electron binary.
 */
import { describe, expect, it } from 'vitest';
import { externalLinkTarget, MAX_EXTERNAL_URL_LENGTH } from '../../../core/security';
import { APP_INDEX_URL, isAppUrl, isTrustedSenderFacts } from '../../../electron/app-origin';
import { linkPrompt, OPEN_BUTTON } from '../../../electron/link-prompt';

describe('links that may open in the browser', () => {
  it('are absolute http(s) URLs, normalised', () => {
    expect(externalLinkTarget('https://example.org/a?b=1#c')).toBe('https://example.org/a?b=1#c');
    expect(externalLinkTarget('  HTTP://Example.ORG  ')).toBe('http://example.org/');
    expect(externalLinkTarget('https://пример.рф/путь')).toBe(
      'https://xn--e1afmkfd.xn--p1ai/%D0%BF%D1%83%D1%82%D1%8C',
    );
  });

  it('never anything that runs code, reads files or starts another program', () => {
    const refused = [
      'javascript:alert(1)',
      ' JaVaScRiPt:alert(1)',
      'java\tscript:alert(1)',
      'data:text/html,<script>alert(1)</script>',
      'file:///etc/passwd',
      'app://gloss/index.html',
      'vbscript:msgbox',
      'ms-msdt:/id PCWDiagnostic',
      'smb://attacker/share',
      'mailto:someone@example.org',
      '//evil.example/path',
      '/relative/path',
      'https://bank.example@evil.example/',
      'https://user:pass@example.org/',
      'https://example.org/\u0000.html',
      'https://exa\nmple.org/',
      `https://example.org/${'a'.repeat(MAX_EXTERNAL_URL_LENGTH)}`,
      '',
      'not a url',
    ];
    for (const href of refused) expect(externalLinkTarget(href), JSON.stringify(href)).toBeNull();
    for (const value of [null, undefined, 42, {}, ['https://example.org']]) {
      expect(externalLinkTarget(value)).toBeNull();
    }
  });

  it('are offered with Cancel as the default answer, showing the whole address', () => {
    const prompt = linkPrompt('https://news.example/story?id=7');
    expect(prompt).not.toBeNull();
    const { options, href } = prompt!;
    expect(href).toBe('https://news.example/story?id=7');
    expect(options.buttons[OPEN_BUTTON]).toBe('Open in Browser');
    expect(options.defaultId).not.toBe(OPEN_BUTTON);
    expect(options.cancelId).not.toBe(OPEN_BUTTON);
    expect(options.message).toContain('news.example');
    expect(options.detail).toContain(href);
    expect(linkPrompt('file:///etc/passwd')).toBeNull();
  });
});

describe('IPC senders', () => {
  const trusted = { frameUrl: APP_INDEX_URL, isTopFrame: true, fromMainWindow: true };

  it('are trusted only as the top frame of our window, showing app://gloss/', () => {
    expect(isTrustedSenderFacts(trusted)).toBe(true);
    expect(isTrustedSenderFacts({ ...trusted, frameUrl: 'app://gloss/assets/x.html#a' })).toBe(
      true,
    );
    expect(isTrustedSenderFacts({ ...trusted, isTopFrame: false })).toBe(false);
    expect(isTrustedSenderFacts({ ...trusted, fromMainWindow: false })).toBe(false);
    for (const frameUrl of [
      null,
      '',
      'https://evil.example/',
      'file:///tmp/index.html',
      'app://evil/index.html',
      'app://gloss.evil.example/',
      'app://gloss@evil/',
      'about:blank',
      'data:text/html,x',
      'http://127.0.0.1:5173/',
    ]) {
      expect(isTrustedSenderFacts({ ...trusted, frameUrl }), String(frameUrl)).toBe(false);
    }
  });

  it('compare origins as parsed URLs, not as string prefixes', () => {
    expect(isAppUrl('app://gloss/index.html')).toBe(true);
    expect(isAppUrl('APP://gloss/index.html')).toBe(true);
    expect(isAppUrl('app://gloss:8080/')).toBe(false);
    expect(isAppUrl('app://glossy/')).toBe(false);
  });
});
