/**
 * The parts of the export dialog: the formats it offers (with what each carries), the tag
 * picker, the progress bar, and the report of what an export wrote and left out.
 */
import { useId, useMemo } from 'react';
import type { ExchangeExportResult, ExchangeFormatName } from '../../core/api-exchange';
import type { Tag } from '../../core/domain';
import { orderTags, tagDepth } from '../tags';
import { TagSwatch } from './TagSwatch';

export interface Progress {
  done: number;
  total: number;
}

/** Items of the "left out" list shown; the rest are counted. */
const SHOWN_OMISSIONS = 200;

export interface FormatChoice {
  value: ExchangeFormatName;
  label: string;
  /** What the format carries, in one line. */
  hint: string;
  /** Formats whose spans may not overlap (NER training): the user picks the tags, entities by default. */
  pickTags?: true;
}

/** The formats by what people do with them; every exported file names what it left out. */
export const FORMAT_GROUPS: { title: string; formats: FormatChoice[] }[] = [
  {
    title: 'Exchange',
    formats: [
      {
        value: 'w3c',
        label: 'W3C Web Annotation',
        hint: 'Everything: tags, notes, attributes, entities, relations, memos',
      },
      {
        value: 'qdpx',
        label: 'REFI-QDA project',
        hint: 'NVivo, ATLAS.ti, MAXQDA: texts, codes, coded spans, notes',
      },
      {
        value: 'qdc',
        label: 'REFI-QDA codebook',
        hint: 'The tags alone, for qualitative-analysis tools',
      },
    ],
  },
  {
    title: 'NLP tools',
    formats: [
      {
        value: 'brat',
        label: 'brat standoff',
        hint: 'Spans, attributes, entity links, relations, notes (zip)',
      },
      {
        value: 'conll',
        label: 'CoNLL-2003 / IOB2',
        hint: 'A label per token for NER training; no overlaps',
        pickTags: true,
      },
      { value: 'doccano', label: 'doccano', hint: 'Spans and relations, one document a line' },
      {
        value: 'labelstudio',
        label: 'Label Studio',
        hint: 'Labels, relations, per-span attributes, labelling config (zip)',
      },
      {
        value: 'spacy',
        label: 'spaCy',
        hint: 'Text with entity offsets for training; no overlaps',
        pickTags: true,
      },
    ],
  },
  {
    title: 'Reports and tables',
    formats: [
      {
        value: 'html',
        label: 'Report (HTML)',
        hint: 'Claims register, entity index, opinions by holder; printable',
      },
      { value: 'md', label: 'Report (Markdown)', hint: 'The same report as Markdown' },
      { value: 'csv', label: 'CSV', hint: 'One row per span, for spreadsheets' },
      { value: 'jsonl', label: 'JSONL', hint: 'One document a line: spans with notes and authors' },
    ],
  },
];

export const ALL_FORMATS = FORMAT_GROUPS.flatMap((group) => group.formats);
/** The codebook as a tree of checkboxes; a checked tag includes its sub-tags. */
export function TagPicker({
  tags,
  tagById,
  chosen,
  onChange,
  disabled,
  note,
}: {
  tags: readonly Tag[];
  tagById: ReadonlyMap<string, Tag>;
  chosen: ReadonlySet<string>;
  onChange: (chosen: ReadonlySet<string>) => void;
  disabled: boolean;
  note: string;
}) {
  const noteId = useId();
  const ordered = useMemo(() => orderTags(tags), [tags]);
  /** Whether an ancestor is chosen: the tag is then in the export anyway. */
  const inherited = (tag: Tag): boolean => {
    for (let parent = tag.parentId; parent; parent = tagById.get(parent)?.parentId ?? null) {
      if (chosen.has(parent)) return true;
    }
    return false;
  };
  return (
    <fieldset className="field-group export-tags" disabled={disabled} aria-describedby={noteId}>
      <legend>Tags</legend>
      <p id={noteId} className="export-note">
        {note}
      </p>
      <div className="export-tag-list">
        {ordered.map((tag) => {
          const viaParent = inherited(tag);
          return (
            <label
              key={tag.id}
              className="export-tag"
              style={{ paddingInlineStart: `${tagDepth(tag, tagById) * 16 + 4}px` }}
            >
              <input
                type="checkbox"
                checked={viaParent || chosen.has(tag.id)}
                disabled={viaParent}
                onChange={(event) => {
                  const next = new Set(chosen);
                  if (event.target.checked) next.add(tag.id);
                  else next.delete(tag.id);
                  onChange(next);
                }}
              />
              <TagSwatch color={tag.color} />
              {tag.name}
            </label>
          );
        })}
      </div>
    </fieldset>
  );
}

export function ExportProgressBar({ progress }: { progress: Progress }) {
  const known = progress.total > 0;
  return (
    <div className="export-progress" role="status">
      <progress
        className="import-progress-bar"
        aria-label="Export progress"
        {...(known ? { value: progress.done, max: progress.total } : {})}
      />
      <span className="export-progress-count">
        {known
          ? `${progress.done.toLocaleString()} of ${progress.total.toLocaleString()} annotations`
          : 'Reading the project…'}
      </span>
    </div>
  );
}

export function summary(result: ExchangeExportResult): string {
  const { annotationCount: a, documentCount: d } = result.report;
  return `${a.toLocaleString()} annotation${a === 1 ? '' : 's'} from ${d.toLocaleString()} document${d === 1 ? '' : 's'}`;
}

/** What was written, and every item the format could not carry. */
export function ExportReportView({
  result,
  where,
  label,
}: {
  result: ExchangeExportResult;
  where: string;
  label: string;
}) {
  const { omitted } = result.report;
  const listId = useId();
  return (
    <div className="export-report">
      <p className="dialog-message" role="status">
        Exported {summary(result)} to <strong>{where}</strong> ({formatSize(result.byteSize)}).
      </p>
      {omitted.length === 0 ? (
        <p className="export-note">{label} carried everything in the export.</p>
      ) : (
        <>
          <h3 id={listId} className="export-report-title">
            Not carried by {label} ({omitted.length.toLocaleString()})
          </h3>
          <ul className="export-omitted" aria-labelledby={listId} tabIndex={0}>
            {omitted.slice(0, SHOWN_OMISSIONS).map((item, i) => (
              <li key={`${item.id}-${i}`}>
                <span className="export-omitted-what">{item.what}</span> {item.reason}
              </li>
            ))}
            {omitted.length > SHOWN_OMISSIONS && (
              <li className="export-note">
                … and {(omitted.length - SHOWN_OMISSIONS).toLocaleString()} more (`gloss export
                --report FILE` lists them all)
              </li>
            )}
          </ul>
        </>
      )}
    </div>
  );
}

function formatSize(bytes: number): string {
  if (bytes < 1024) return `${bytes} bytes`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KB`;
  return `${(bytes / (1024 * 1024)).toFixed(1)} MB`;
}
