/**
 * The printable HTML report: one self-contained file (no scripts, no external resources) with the
 * claims register, the entity index and the opinions by holder, for one document or the project.
 *
 * Every string from the project is untrusted (articles come from hostile places): all of it is
 * escaped, and a strict Content-Security-Policy in the page forbids scripts, frames, images and
 * any fetch, allowing only the report's own stylesheet (by its hash) — so even a mistake in
 * escaping could not run anything when the file is opened in a browser.
 */
import { createHash } from 'node:crypto';
import { clip } from './export-kit';
import type { ExchangeSource } from './model';
import type { ExchangeFormat, ExportOptions, ExportReport, ExportSink } from './registry-types';
import { citationOf, writeReport } from './report-data';
import type { ClaimRow, EntityRow, ReportData, SpanRef } from './report-data';

const STYLE = `
:root { color-scheme: light; --ink: #1d2127; --muted: #5b6470; --line: #d7dbe0; --claim: #e6a700;
  --entity: #2f7fd8; --opinion: #c2459a; --paper: #ffffff; --soft: #f5f6f8; }
* { box-sizing: border-box; }
body { margin: 0 auto; max-width: 58rem; padding: 2rem 1.5rem 4rem; color: var(--ink);
  background: var(--paper); font: 15px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; }
h1 { font-size: 1.7rem; margin: 0 0 .25rem; }
h2 { font-size: 1.3rem; margin: 2.5rem 0 .75rem; padding-bottom: .3rem; border-bottom: 2px solid var(--line); }
h3 { font-size: 1.05rem; margin: 1.5rem 0 .5rem; }
.meta, .muted { color: var(--muted); }
.meta { margin: 0 0 1rem; }
nav ol { padding-left: 1.2rem; }
table { width: 100%; border-collapse: collapse; font-size: .92rem; }
th, td { text-align: left; vertical-align: top; padding: .35rem .5rem; border-bottom: 1px solid var(--line); }
th { background: var(--soft); }
.card { border: 1px solid var(--line); border-left: 4px solid var(--claim); border-radius: 4px;
  padding: .75rem 1rem; margin: .75rem 0; break-inside: avoid; page-break-inside: avoid; }
.card.opinion { border-left-color: var(--opinion); }
.card.entity { border-left-color: var(--entity); }
blockquote { margin: 0 0 .5rem; font-size: 1rem; white-space: pre-wrap; overflow-wrap: anywhere; }
dl { display: grid; grid-template-columns: max-content 1fr; gap: .15rem 1rem; margin: 0; font-size: .92rem; }
dt { color: var(--muted); }
dd { margin: 0; overflow-wrap: anywhere; }
.grade { display: inline-block; min-width: 2.4em; padding: 0 .4em; border-radius: 3px; text-align: center;
  font-weight: 700; background: var(--soft); border: 1px solid var(--line); }
.note { white-space: pre-wrap; }
ul.refs { margin: 0; padding-left: 1.1rem; }
a { color: inherit; }
footer { margin-top: 3rem; font-size: .85rem; color: var(--muted); }
@media print {
  body { max-width: none; padding: 0; font-size: 10.5pt; }
  nav { display: none; }
  h2 { break-after: avoid; page-break-after: avoid; }
  a { text-decoration: none; }
  @page { margin: 18mm 16mm; }
}
`;

/** The page's policy: nothing runs, nothing loads; only the style block above, by its hash. */
const CSP = [
  "default-src 'none'",
  `style-src 'sha256-${createHash('sha256').update(STYLE).digest('base64')}'`,
  "img-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
].join('; ');

export async function writeHtmlReport(
  source: ExchangeSource,
  sink: ExportSink,
  options: ExportOptions,
): Promise<ExportReport> {
  return writeReport(source, sink, options, renderHtml);
}

/** The page, section by section (each section one chunk for the sink). */
export function* renderHtml(data: ReportData): Generator<string> {
  yield `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="${CSP}">
<meta name="referrer" content="no-referrer">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="generator" content="${esc(data.generator)}">
<title>${esc(data.title)} — Gloss report</title>
<style>${STYLE}</style>
</head>
<body>
<header>
<h1>${esc(data.title)}</h1>
<p class="meta">${data.scope === 'document' ? 'Report on one document' : `Report on ${data.documents.length} documents`}
 · ${data.claims.length} claims · ${data.entities.length} entities · ${data.holders.reduce((n, h) => n + h.opinions.length, 0)} opinions
 · made ${esc(data.exportedAt.slice(0, 16).replace('T', ' '))} UTC by ${esc(data.generator)}</p>
</header>
<nav aria-label="Contents"><ol>
<li><a href="#claims">Claims register</a></li>
<li><a href="#entities">Entity index</a></li>
<li><a href="#opinions">Opinions by holder</a></li>
<li><a href="#sources">Documents</a></li>
</ol></nav>
`;
  yield `<section id="claims" aria-labelledby="claims-title">\n<h2 id="claims-title">Claims register</h2>\n`;
  if (data.claims.length === 0) yield '<p class="muted">No claims tagged.</p>\n';
  for (const [i, claim] of data.claims.entries()) yield claimCard(claim, i + 1);
  yield '</section>\n';
  yield entitySection(data);
  yield opinionSection(data);
  yield documentSection(data);
  yield `<footer><p>Grades follow the Admiralty (NATO) system: source reliability A (completely reliable) to E
 (unreliable), F cannot be judged; information credibility 1 (confirmed by other sources) to 5 (improbable), 6
 cannot be judged.</p></footer>\n</body>\n</html>\n`;
}

function claimCard(claim: ClaimRow, n: number): string {
  const grade =
    claim.reliability || claim.credibility
      ? `<span class="grade" title="${esc(`${claim.reliabilityLabel}; ${claim.credibilityLabel}`)}">${esc(`${claim.reliability ?? '?'}${claim.credibility ?? '?'}`)}</span> ${esc([claim.reliabilityLabel, claim.credibilityLabel].filter(Boolean).join('; '))}`
      : '<span class="muted">not graded</span>';
  const rows = [
    ['Document', esc(claim.documentTitle)],
    ['Tag', esc(claim.tag)],
    [
      'Attributed to',
      claim.attribution.length
        ? esc(claim.attribution.join('; '))
        : '<span class="muted">not recorded</span>',
    ],
    ['Grade', grade],
    ...refsRow('Supports', claim.supports),
    ...refsRow('Supported by', claim.supportedBy),
    ...refsRow('Contradicts', claim.contradicts),
    ...(claim.note ? [['Note', `<span class="note">${esc(claim.note)}</span>`]] : []),
  ];
  return `<article class="card" id="${anchor(claim.id)}" aria-label="Claim ${n}">
<blockquote>${n}. “${esc(claim.quote)}”</blockquote>
<dl>${rows.map(([term, value]) => `<dt>${term}</dt><dd>${value}</dd>`).join('')}</dl>
</article>\n`;
}

function refsRow(term: string, refs: SpanRef[]): string[][] {
  if (refs.length === 0) return [];
  const items = refs.map((ref) => {
    const quote = `“${esc(clip(ref.quote, 160))}”`;
    const linked = ref.listed ? `<a href="#${anchor(ref.id)}">${quote}</a>` : quote;
    return `<li>${linked}${ref.documentTitle ? ` <span class="muted">— ${esc(ref.documentTitle)}</span>` : ''}</li>`;
  });
  return [[term, `<ul class="refs">${items.join('')}</ul>`]];
}

function entitySection(data: ReportData): string {
  const body = [
    ...data.entities.map((e) => entityCard(e, true)),
    ...data.unlinked.map((e) => entityCard(e, false)),
  ];
  return `<section id="entities" aria-labelledby="entities-title">
<h2 id="entities-title">Entity index</h2>
${body.length ? body.join('') : '<p class="muted">No entities tagged.</p>\n'}</section>\n`;
}

function entityCard(entity: EntityRow, linked: boolean): string {
  const byDocument = new Map<string, string[]>();
  for (const m of entity.mentions) {
    byDocument.set(m.documentTitle, [
      ...(byDocument.get(m.documentTitle) ?? []),
      `“${esc(m.quote)}” (${esc(m.tag)})`,
    ]);
  }
  const rows = [
    ...(entity.kind ? [['Kind', esc(entity.kind)]] : []),
    ...(entity.aliases.length ? [['Also known as', esc(entity.aliases.join('; '))]] : []),
    ...(entity.description
      ? [['About', `<span class="note">${esc(entity.description)}</span>`]]
      : []),
    [
      `Mentions (${entity.mentions.length})`,
      `<ul class="refs">${[...byDocument].map(([title, quotes]) => `<li>${esc(title)}: ${quotes.join(', ')}</li>`).join('')}</ul>`,
    ],
  ];
  const heading = linked
    ? esc(entity.name)
    : `${esc(entity.name)} <span class="muted">(not linked to an entity)</span>`;
  return `<article class="card entity" id="${anchor(entity.id)}">
<h3>${heading}</h3>
<dl>${rows.map(([term, value]) => `<dt>${term}</dt><dd>${value}</dd>`).join('')}</dl>
</article>\n`;
}

function opinionSection(data: ReportData): string {
  const groups = data.holders.map(
    ({ holder, opinions }) =>
      `<h3>${esc(holder)}</h3>\n${opinions
        .map((o) => {
          const rows = [
            ['Stance', o.stance ? esc(o.stance) : '<span class="muted">not recorded</span>'],
            [
              'Target',
              o.targets.length
                ? esc(o.targets.join('; '))
                : '<span class="muted">not recorded</span>',
            ],
            ['Document', esc(o.documentTitle)],
            ...(o.note ? [['Note', `<span class="note">${esc(o.note)}</span>`]] : []),
          ];
          return `<article class="card opinion" id="${anchor(o.id)}">
<blockquote>“${esc(o.quote)}”</blockquote>
<dl>${rows.map(([term, value]) => `<dt>${term}</dt><dd>${value}</dd>`).join('')}</dl>
</article>\n`;
        })
        .join('')}`,
  );
  return `<section id="opinions" aria-labelledby="opinions-title">
<h2 id="opinions-title">Opinions by holder</h2>
${groups.length ? groups.join('') : '<p class="muted">No opinions tagged.</p>\n'}</section>\n`;
}

function documentSection(data: ReportData): string {
  const rows = data.documents.map((d) => {
    // The URL is shown as text, never as a link: it came from the article.
    const url = d.details.url ? `<br><span class="muted">${esc(d.details.url)}</span>` : '';
    return `<tr><td>${esc(d.title)}${url}</td><td>${esc(citationOf(d.details))}</td><td>${d.annotations}</td></tr>`;
  });
  return `<section id="sources" aria-labelledby="sources-title">
<h2 id="sources-title">Documents</h2>
<table><thead><tr><th scope="col">Title</th><th scope="col">Author, outlet, date</th><th scope="col">Spans</th></tr></thead>
<tbody>${rows.join('\n')}</tbody></table>
</section>\n`;
}

/** Text for HTML content and quoted attribute values. */
export function esc(text: string): string {
  return text
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#39;');
}

/** An id attribute from a UUID; anything else becomes a hash, so no markup can pass. */
function anchor(id: string): string {
  return /^[A-Za-z0-9-]{1,64}$/.test(id)
    ? `span-${id}`
    : `span-${createHash('sha256').update(id).digest('hex').slice(0, 16)}`;
}

export const htmlReportFormat: ExchangeFormat = {
  id: 'html',
  label: 'Report (HTML, printable)',
  extension: 'html',
  mimeType: 'text/html; charset=utf-8',
  write: writeHtmlReport,
};
