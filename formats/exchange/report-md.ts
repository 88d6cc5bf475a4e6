/**
 * The Markdown report: the same claims register, entity index and opinions by holder as the HTML
 * report (report-data.ts), as CommonMark. Every string from the project is escaped — each ASCII
 * punctuation character gets a backslash (CommonMark allows that for all of them), so a quote
 * such as `*bold* [x](javascript:…) <img>` reads as text, never as markup, links or HTML.
 */
import { clip } from './export-kit';
import type { ExchangeSource } from './model';
import type { ExchangeFormat, ExportOptions, ExportReport, ExportSink } from './registry-types';
import { citationOf, writeReport } from './report-data';
import type { ClaimRow, EntityRow, ReportData, SpanRef } from './report-data';

export async function writeMarkdownReport(
  source: ExchangeSource,
  sink: ExportSink,
  options: ExportOptions,
): Promise<ExportReport> {
  return writeReport(source, sink, options, renderMarkdown);
}

export function* renderMarkdown(data: ReportData): Generator<string> {
  const opinions = data.holders.reduce((n, h) => n + h.opinions.length, 0);
  yield (
    `# ${md(data.title)}\n\n` +
    `_${data.scope === 'document' ? 'Report on one document' : `Report on ${data.documents.length} documents`}: ` +
    `${data.claims.length} claims, ${data.entities.length} entities, ${opinions} opinions. ` +
    `Made ${md(data.exportedAt.slice(0, 16).replace('T', ' '))} UTC by ${md(data.generator)}._\n\n`
  );
  yield '## Claims register\n\n';
  if (data.claims.length === 0) yield '_No claims tagged._\n\n';
  for (const [i, claim] of data.claims.entries()) yield claimBlock(claim, i + 1);
  yield '## Entity index\n\n';
  if (data.entities.length + data.unlinked.length === 0) yield '_No entities tagged._\n\n';
  for (const entity of data.entities) yield entityBlock(entity, true);
  for (const entity of data.unlinked) yield entityBlock(entity, false);
  yield '## Opinions by holder\n\n';
  if (data.holders.length === 0) yield '_No opinions tagged._\n\n';
  for (const { holder, opinions: rows } of data.holders) {
    yield `### ${md(holder)}\n\n`;
    for (const o of rows) {
      yield (
        `${quoteBlock(o.quote)}\n` +
        field('Stance', o.stance ? md(o.stance) : '_not recorded_') +
        field('Target', o.targets.length ? md(o.targets.join('; ')) : '_not recorded_') +
        field('Document', md(o.documentTitle)) +
        (o.note ? field('Note', md(o.note)) : '') +
        '\n'
      );
    }
  }
  yield '## Documents\n\n| Title | Author, outlet, date | Spans |\n| --- | --- | ---: |\n';
  for (const d of data.documents) {
    yield `| ${md(d.title)} | ${md(citationOf(d.details))} | ${d.annotations} |\n`;
  }
  yield (
    '\n---\n\n_Grades follow the Admiralty (NATO) system: source reliability A (completely reliable) ' +
    'to E (unreliable), F cannot be judged; information credibility 1 (confirmed by other sources) ' +
    'to 5 (improbable), 6 cannot be judged._\n'
  );
}

function claimBlock(claim: ClaimRow, n: number): string {
  const grade =
    claim.reliability || claim.credibility
      ? `**${md(`${claim.reliability ?? '?'}${claim.credibility ?? '?'}`)}** ` +
        md([claim.reliabilityLabel, claim.credibilityLabel].filter(Boolean).join('; '))
      : '_not graded_';
  return (
    `### Claim ${n}\n\n${quoteBlock(claim.quote)}\n` +
    field('Document', md(claim.documentTitle)) +
    field('Tag', md(claim.tag)) +
    field(
      'Attributed to',
      claim.attribution.length ? md(claim.attribution.join('; ')) : '_not recorded_',
    ) +
    field('Grade', grade) +
    refs('Supports', claim.supports) +
    refs('Supported by', claim.supportedBy) +
    refs('Contradicts', claim.contradicts) +
    (claim.note ? field('Note', md(claim.note)) : '') +
    '\n'
  );
}

function entityBlock(entity: EntityRow, linked: boolean): string {
  const byDocument = new Map<string, string[]>();
  for (const m of entity.mentions) {
    byDocument.set(m.documentTitle, [
      ...(byDocument.get(m.documentTitle) ?? []),
      `“${md(m.quote)}” (${md(m.tag)})`,
    ]);
  }
  return (
    `### ${md(entity.name)}${linked ? '' : ' _(not linked to an entity)_'}\n\n` +
    (entity.kind ? field('Kind', md(entity.kind)) : '') +
    (entity.aliases.length ? field('Also known as', md(entity.aliases.join('; '))) : '') +
    (entity.description ? field('About', md(entity.description)) : '') +
    field(`Mentions (${entity.mentions.length})`, '') +
    [...byDocument].map(([title, quotes]) => `  - ${md(title)}: ${quotes.join(', ')}\n`).join('') +
    '\n'
  );
}

function refs(term: string, list: SpanRef[]): string {
  if (list.length === 0) return '';
  return (
    field(term, '') +
    list
      .map(
        (r) =>
          `  - “${md(clip(r.quote, 160))}”${r.documentTitle ? ` — ${md(r.documentTitle)}` : ''}\n`,
      )
      .join('')
  );
}

function field(term: string, value: string): string {
  return `- **${term}:**${value ? ` ${value}` : ''}\n`;
}

/** A quote as a block quote, every line of it prefixed, so a blank line cannot end it early. */
function quoteBlock(text: string): string {
  return `${text
    .split('\n')
    .map((line) => (line.trim() === '' ? '>' : `> ${md(line)}`))
    .join('\n')}\n`;
}

/**
 * Text as Markdown that shows as itself: ASCII punctuation backslash-escaped, line breaks inside
 * a list item turned into spaces (a list item must stay one line), leading spaces dropped (they
 * would make a code block).
 */
export function md(text: string): string {
  return text
    .replace(/[\r\n]+/g, ' ')
    .replace(/[!-/:-@[-`{-~]/g, '\\$&')
    .replace(/^\s+/, '');
}

export const markdownReportFormat: ExchangeFormat = {
  id: 'md',
  label: 'Report (Markdown)',
  extension: 'md',
  mimeType: 'text/markdown; charset=utf-8',
  write: writeMarkdownReport,
};
