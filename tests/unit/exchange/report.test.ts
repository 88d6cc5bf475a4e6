import { createHash } from 'node:crypto';
import { JSDOM } from 'jsdom';
import MarkdownIt from 'markdown-it';
import { describe, expect, it } from 'vitest';
import { htmlReportFormat } from '../../../formats/exchange/report-html';
import { markdownReportFormat } from '../../../formats/exchange/report-md';
import { fixtureSource, memorySink } from './span-formats-fixture';

async function html() {
  const sink = memorySink();
  const report = await htmlReportFormat.write!(fixtureSource(), sink, {});
  return { report, text: sink.text(), document: new JSDOM(sink.text()).window.document };
}

async function markdown() {
  const sink = memorySink();
  await markdownReportFormat.write!(fixtureSource(), sink, {});
  return sink.text();
}

/** The definition list of a card as term → text. */
function fields(card: Element): Record<string, string> {
  const out: Record<string, string> = {};
  const terms = card.querySelectorAll('dt');
  for (const dt of terms) out[dt.textContent!] = dt.nextElementSibling!.textContent!;
  return out;
}

describe('HTML report', () => {
  it('is self-contained and locked down: a strict CSP, no scripts, no handlers, no links out', async () => {
    const { document } = await html();
    const csp = document
      .querySelector('meta[http-equiv="Content-Security-Policy"]')!
      .getAttribute('content')!;
    expect(csp).toMatch(/default-src 'none'/);
    const style = document.querySelector('style')!.textContent!;
    const hash = createHash('sha256').update(style).digest('base64');
    expect(csp).toContain(`style-src 'sha256-${hash}'`);
    expect(
      document.querySelectorAll('script, iframe, img, object, embed, link, form'),
    ).toHaveLength(0);
    for (const el of document.querySelectorAll('*')) {
      for (const attribute of el.getAttributeNames()) expect(attribute).not.toMatch(/^on/i);
    }
    for (const a of document.querySelectorAll('a')) expect(a.getAttribute('href')).toMatch(/^#/);
    // The hostile note and quote are there, as text.
    expect(document.body.textContent).toContain('<script>alert(1)</script> & "quotes" | pipes');
    expect(document.body.textContent).toContain('AZTV <b>&amp;</b> | *bold* [x](y) disagreed');
    expect(document.querySelector('b')).toBeNull();
    expect(document.title).toBe('Project report — Gloss report');
  });

  it('lists each claim with its quote, document, attribution, grade and related claims', async () => {
    const { document } = await html();
    const cards = [...document.querySelectorAll('#claims article')];
    expect(cards).toHaveLength(5);
    const claim = cards.find((c) =>
      c.querySelector('blockquote')!.textContent!.includes('Armed Forces of Ukraine'),
    )!;
    const f = fields(claim);
    expect(f.Document).toBe('Azerbaijanis in Ukraine — Kavkaz Files');
    expect(f['Attributed to']).toBe('Ceyhun Mammadov');
    expect(f.Grade).toMatch(/^B2 B — Usually reliable; 2 — Probably true$/);
    expect(f['Supported by']).toMatch(/“about 500 ethnic Azerbaijanis”/);
    expect(f.Contradicts).toMatch(/“in 2023 about the participation/);
    // Across documents: the Ukrainian claim supports it.
    expect(f['Supported by']).toMatch(/“«Київ 🇺🇦 вистоїть»\.\nЦе 事实” — Заява 😀/);
    expect(f.Note).toBe('Check against \\ the Rada’s own figures.\nSecond line.');
    // A related claim listed in the report is a link to its card.
    const link = claim.querySelector('dd a')!;
    expect(document.querySelector(link.getAttribute('href')!)).not.toBeNull();
  });

  it('indexes entities with aliases and mentions by document, and opinions by holder', async () => {
    const { document } = await html();
    const entities = [...document.querySelectorAll('#entities article')];
    const ceyhun = entities.find((e) => e.querySelector('h3')!.textContent === 'Ceyhun Mammadov')!;
    expect(fields(ceyhun)['Also known as']).toBe('Jeyhun Mammadov');
    expect(fields(ceyhun)['Mentions (1)']).toBe(
      'Azerbaijanis in Ukraine — Kavkaz Files: “Ceyhun Mammadov” (Person)',
    );
    const aztv = entities.find((e) => e.querySelector('h3')!.textContent === 'AZTV')!;
    expect(fields(aztv)['Mentions (2)']).toMatch(/Kavkaz Files.*Заява 😀/s);
    const unlinked = entities.find((e) => e.querySelector('h3')!.textContent!.startsWith('Baku'))!;
    expect(unlinked.querySelector('h3')!.textContent).toBe('Baku (not linked to an entity)');
    const holder = [...document.querySelectorAll('#opinions h3')].map((h) => h.textContent);
    expect(holder).toEqual(['Ceyhun Mammadov']);
    const opinion = document.querySelector('#opinions article')!;
    expect(fields(opinion).Stance).toBe('Mixed');
  });

  it('reports on one document when the export has one', async () => {
    const source = fixtureSource();
    const [first] = [...source.documents()];
    const sink = memorySink();
    await htmlReportFormat.write!(
      { ...source, documentCount: 1, documents: () => [first!] },
      sink,
      {},
    );
    const document = new JSDOM(sink.text()).window.document;
    expect(document.querySelector('h1')!.textContent).toBe(
      'Azerbaijanis in Ukraine — Kavkaz Files',
    );
    expect(document.querySelector('.meta')!.textContent).toMatch(/^Report on one document/);
  });
});

describe('Markdown report', () => {
  it('escapes every project string: no markup, link or HTML survives rendering', async () => {
    const text = await markdown();
    const rendered = new MarkdownIt({ html: true, linkify: false }).render(text);
    const document = new JSDOM(rendered).window.document;
    expect(document.querySelectorAll('script, a, img, b')).toHaveLength(0);
    expect(document.body.textContent).toContain('AZTV <b>&amp;</b> | *bold* [x](y) disagreed');
    expect(document.body.textContent).toContain('<script>alert(1)</script> & "quotes" | pipes');
    // The title with markup characters is a heading of plain text.
    expect(document.querySelector('h1')!.textContent).toBe('Project report');
    expect([...document.querySelectorAll('td')].map((td) => td.textContent)).toContain(
      'Заява 😀 <i>title</i> & "quotes"',
    );
  });

  it('has the three registers with the same facts as the HTML report', async () => {
    const document = new JSDOM(new MarkdownIt().render(await markdown())).window.document;
    const headings = [...document.querySelectorAll('h2')].map((h) => h.textContent);
    expect(headings).toEqual([
      'Claims register',
      'Entity index',
      'Opinions by holder',
      'Documents',
    ]);
    const text = document.body.textContent!;
    expect(text).toMatch(
      /Attributed to: Ceyhun Mammadov\s+Grade: B2 B — Usually reliable; 2 — Probably true/,
    );
    expect(text).toMatch(/Also known as: Jeyhun Mammadov/);
    expect([...document.querySelectorAll('h3')].map((h) => h.textContent)).toContain(
      'Ceyhun Mammadov',
    );
  });
});
