import { describe, expect, it } from 'vitest';
import { CodePointIndex } from '../../../core/offsets';
import { XSS_PAYLOADS, assertInert } from '../../xss/payloads';
import { openTestService } from './helpers';

describe('importText (paste as new document)', () => {
  it('keeps pasted plain text verbatim, titled by its first line, from the clipboard', async () => {
    const { api } = openTestService();
    const text = '\r\n  Заявление МИД 😀\r\nВторая строка.\r\n';
    const outcome = await api.importText({ text });
    if (outcome.status !== 'imported') throw new Error(JSON.stringify(outcome));
    expect(outcome).toMatchObject({
      name: 'clipboard',
      document: { title: 'Заявление МИД 😀', format: 'txt', sourcePath: null },
    });
    const doc = await api.getDocument({ id: outcome.document.id });
    expect(doc.text).toBe('\n  Заявление МИД 😀\nВторая строка.\n');
    expect(doc.provenance).toMatchObject({
      sourceName: 'clipboard',
      sourcePath: null,
      encoding: null,
      originalKept: true,
    });
  });

  it('reads pasted HTML into blocks and safe links, preferring the given title', async () => {
    const { api } = openTestService();
    const html =
      '<meta charset="utf-8"><h2>Talks fail</h2><p>The <b>minister</b> said so, ' +
      '<a href="https://example.org/x">reported</a> by <a href="javascript:alert(1)">us</a>.</p>';
    const outcome = await api.importText({ html, text: 'Talks fail\nThe minister said so' });
    if (outcome.status !== 'imported') throw new Error(JSON.stringify(outcome));
    const doc = await api.getDocument({ id: outcome.document.id });
    expect(doc).toMatchObject({ title: 'Talks fail', format: 'html' });
    expect(doc.text).toBe('Talks fail\nThe minister said so, reported by us.');
    const index = new CodePointIndex(doc.text);
    const marks = doc.blocks.flatMap((b) => b.marks ?? []);
    expect(marks.map((m) => [m.kind, index.slice(m.start, m.end), m.href ?? null])).toEqual([
      ['strong', 'minister', null],
      ['link', 'reported', 'https://example.org/x'],
    ]);
    const titled = await api.importText({
      html: '<p>Other text entirely.</p>',
      title: ' My  note ',
    });
    expect(titled).toMatchObject({ status: 'imported', document: { title: 'My note' } });
  });

  it('falls back on the plain text when the HTML holds none, and skips the same paste twice', async () => {
    const { api } = openTestService();
    const first = await api.importText({ html: '<img src="x.png">', text: 'Caption only' });
    expect(first).toMatchObject({
      status: 'imported',
      document: { format: 'txt', title: 'Caption only' },
    });
    const again = await api.importText({ text: 'Caption only' });
    expect(again).toMatchObject({ status: 'duplicate', name: 'clipboard' });
    const nothing = await api.importText({ html: '<img src="x.png">' });
    expect(nothing).toEqual({
      name: 'clipboard',
      status: 'failed',
      error: 'clipboard: the file has no readable text',
    });
  });

  it(`stores nothing unsafe for any of the ${XSS_PAYLOADS.length} hostile HTML payloads`, async () => {
    const { api } = openTestService();
    for (const payload of XSS_PAYLOADS) {
      // Distinct words around each payload, so that no two pastes are duplicates of one another.
      const html = `<p>Before paste ${XSS_PAYLOADS.indexOf(payload)}.</p>${payload.html}<p>After.</p>`;
      const outcome = await api.importText({ html });
      if (outcome.status !== 'imported') {
        throw new Error(`${payload.name}: ${JSON.stringify(outcome)}`);
      }
      const doc = await api.getDocument({ id: outcome.document.id });
      assertInert(doc, `paste of ${payload.name}`);
      expect(
        doc.text.startsWith(`Before paste ${XSS_PAYLOADS.indexOf(payload)}.`),
        payload.name,
      ).toBe(true);
      const hrefs = doc.blocks.flatMap((b) => (b.marks ?? []).flatMap((m) => m.href ?? []));
      for (const href of hrefs) expect(href, payload.name).toMatch(/^(https?|mailto):/);
    }
  }, 120_000);
});
