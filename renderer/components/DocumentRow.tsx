import { memo } from 'react';
import type { DocumentSummary } from '../../core/domain';
import { useApp } from '../app-context';
import { RELIABILITY_CHOICES } from '../../core/codebook';
import { formatLabel, publishedLabel, sourceLine } from '../document-info';
import { TrashIcon } from './icons';
import { TagSwatch } from './TagSwatch';

const dateFormat = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium' });
const dateTimeFormat = new Intl.DateTimeFormat(undefined, {
  dateStyle: 'full',
  timeStyle: 'short',
});
const numberFormat = new Intl.NumberFormat();

/**
 * Who, where and when, for the row: "Author · Outlet · 1 March 2024" from the editable details
 * (falling back to what the file said about itself), or null when nothing is known.
 */
export function citationLine(doc: DocumentSummary): string | null {
  const details = doc.details;
  if (!details) return sourceLine(doc);
  const parts = [details.author, details.outlet].map((part) => part.trim()).filter(Boolean);
  if (details.publishedAt.trim()) parts.push(publishedLabel(details.publishedAt.trim()));
  return parts.length ? parts.join(' · ') : sourceLine(doc);
}

/**
 * One document in the library: open it; see its format, who wrote it, where and when, how
 * reliable the outlet is, and its counts per tag; delete it.
 */
export const DocumentRow = memo(function DocumentRow({
  document: doc,
  onOpen,
  onDelete,
}: {
  document: DocumentSummary;
  onOpen: (id: string) => void;
  onDelete: (doc: DocumentSummary) => void;
}) {
  const { tags } = useApp();
  const counted = tags.filter((t) => (doc.counts[t.id] ?? 0) > 0);
  const imported = new Date(doc.importedAt);
  const validDate = !Number.isNaN(imported.getTime());
  const source = citationLine(doc);
  const grade = doc.details?.outletReliability ?? null;
  const gradeLabel = RELIABILITY_CHOICES.find((c) => c.value === grade)?.label;
  return (
    <li className="doc-row">
      <div className="doc-main">
        <button
          type="button"
          className="doc-open"
          aria-label={`Open ${doc.title}`}
          onClick={() => onOpen(doc.id)}
        >
          {doc.title}
        </button>
        <div className="doc-meta">
          <span className="doc-format" title={formatLabel(doc.format)}>
            {doc.format.toUpperCase()}
          </span>
          {source && (
            <span className="doc-byline" title={source}>
              {source}
            </span>
          )}
          {grade && (
            <span
              className="doc-reliability"
              title={`Outlet reliability: ${gradeLabel ?? grade}`}
              aria-label={`Outlet reliability ${gradeLabel ?? grade}`}
            >
              {grade}
            </span>
          )}
          <span>{numberFormat.format(doc.length)} characters</span>
          {doc.sourcePath && (
            <span className="doc-source" title={doc.sourcePath}>
              {doc.sourcePath.split(/[\\/]/).pop()}
            </span>
          )}
        </div>
      </div>
      <div className="doc-counts" role="group" aria-label="Annotations per tag">
        {counted.length === 0 && <span className="muted doc-none">No annotations</span>}
        {counted.map((tag) => (
          <span key={tag.id} className="count-chip" title={`${doc.counts[tag.id]} ${tag.name}`}>
            <TagSwatch color={tag.color} />
            <span className="count-chip-n">{doc.counts[tag.id]}</span>
            <span className="count-chip-name">{tag.name}</span>
          </span>
        ))}
      </div>
      <time
        className="doc-date"
        dateTime={doc.importedAt}
        title={validDate ? `Imported ${dateTimeFormat.format(imported)}` : undefined}
      >
        {validDate ? dateFormat.format(imported) : '—'}
      </time>
      <button
        type="button"
        className="icon-button doc-delete"
        aria-label={`Delete ${doc.title}`}
        title="Delete document"
        onClick={() => onDelete(doc)}
      >
        <TrashIcon />
      </button>
    </li>
  );
});
