import { memo } from 'react';
import type { DocumentSummary } from '../../core/domain';
import { useApp } from '../app-context';
import { formatLabel, sourceLine } from '../document-info';
import { TrashIcon } from './icons';
import { TagSwatch } from './TagSwatch';

const dateFormat = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium' });
const dateTimeFormat = new Intl.DateTimeFormat(undefined, {
  dateStyle: 'full',
  timeStyle: 'short',
});
const numberFormat = new Intl.NumberFormat();

/**
 * One document in the library: open it; see its format, author and site (when the document
 * named them) and its counts per tag; delete it.
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
  const source = sourceLine(doc);
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
