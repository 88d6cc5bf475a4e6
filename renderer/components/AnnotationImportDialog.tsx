import { useId, useRef, useState } from 'react';
import type { ReactNode } from 'react';
import type { ImportAnnotationsReport, ImportedDocumentReport } from '../../core/api-exchange';
import { LIMITS } from '../../core/limits';
import { errorMessage, useApp } from '../app-context';
import { readBase64 } from '../files';
import { Dialog } from './Dialog';

/** The formats Gloss reads, for "Read as"; the file is recognised by its content otherwise. */
const READABLE = [
  { id: 'w3c', label: 'W3C Web Annotation (JSON-LD)' },
  { id: 'qdpx', label: 'REFI-QDA project (.qdpx)' },
  { id: 'qdc', label: 'REFI-QDA codebook (.qdc)' },
  { id: 'brat', label: 'brat standoff (.ann, .zip)' },
  { id: 'doccano', label: 'doccano (.jsonl)' },
  { id: 'labelstudio', label: 'Label Studio (.json)' },
] as const;
type ReadableId = (typeof READABLE)[number]['id'];

const ACCEPT = '.jsonld,.json,.qdpx,.qdc,.ann,.zip,.jsonl';

const STATUS_TEXT: Record<ImportedDocumentReport['status'], string> = {
  'matched-hash': 'Matched: the same file',
  'matched-text': 'Matched: the same text',
  created: 'Added as a new document',
  reanchored: 'Found by quote in',
  unanchored: 'Not found in this project',
};

/**
 * "Import annotations…": a W3C, REFI-QDA, brat, doccano or Label Studio file attached to the
 * project in one go, then the report — each document and how it was matched, what was added to
 * the codebook, and everything that was not imported with why.
 */
export function AnnotationImportDialog({ onClose }: { onClose: () => void }) {
  const { api, reloadTags, refreshLibrary, openDocument } = useApp();
  const [file, setFile] = useState<File | null>(null);
  const [format, setFormat] = useState<ReadableId | ''>('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [report, setReport] = useState<ImportAnnotationsReport | null>(null);
  const fileId = useId();
  const formatId = useId();
  const headlineId = useId();
  const inputRef = useRef<HTMLInputElement>(null);

  async function runImport() {
    if (!file) {
      setError('Choose a file first.');
      inputRef.current?.focus();
      return;
    }
    if (file.size > LIMITS.maxFileBytes) {
      setError(`${file.name} is larger than ${Math.round(LIMITS.maxFileBytes / 1048576)} MB.`);
      return;
    }
    setBusy(true);
    setError(null);
    try {
      const data = await readBase64(file);
      const result = await api.importAnnotations({
        fileName: file.name,
        data,
        ...(format ? { format } : {}),
      });
      setReport(result);
      refreshLibrary();
      await reloadTags().catch(() => undefined);
    } catch (e) {
      setError(errorMessage(e));
    } finally {
      setBusy(false);
    }
  }

  function another() {
    setReport(null);
    setFile(null);
    setError(null);
  }

  if (report) {
    return (
      <Dialog
        open
        title="Annotations imported"
        onClose={onClose}
        className="dialog-results"
        describedBy={headlineId}
      >
        <p id={headlineId} className="results-headline">
          {headline(report)}
        </p>
        <ReportBody
          report={report}
          onOpen={(id) => {
            onClose();
            openDocument(id);
          }}
        />
        <div className="dialog-actions">
          <button type="button" className="button" onClick={another}>
            Import another file
          </button>
          <button type="button" className="button button-primary" onClick={onClose} data-autofocus>
            Close
          </button>
        </div>
      </Dialog>
    );
  }

  return (
    <Dialog open title="Import annotations" onClose={onClose} className="dialog-export">
      <form
        onSubmit={(event) => {
          event.preventDefault();
          if (!busy) void runImport();
        }}
      >
        <p className="dialog-message">
          Annotations from another tool or another Gloss project: W3C Web Annotation, REFI-QDA
          (NVivo, ATLAS.ti, MAXQDA), brat, doccano or Label Studio. They attach to the documents
          with the same text; files that carry their texts add the documents you do not have.
        </p>
        <div className="field-stack">
          <label className="field-label" htmlFor={fileId}>
            File
          </label>
          <input
            ref={inputRef}
            id={fileId}
            type="file"
            accept={ACCEPT}
            data-autofocus
            onChange={(event) => {
              setFile(event.target.files?.[0] ?? null);
              setError(null);
            }}
          />
        </div>
        <div className="field-stack">
          <label className="field-label" htmlFor={formatId}>
            Read as
          </label>
          <select
            id={formatId}
            className="select"
            value={format}
            onChange={(event) => setFormat(event.target.value as ReadableId | '')}
          >
            <option value="">Recognise from the file</option>
            {READABLE.map((f) => (
              <option key={f.id} value={f.id}>
                {f.label}
              </option>
            ))}
          </select>
        </div>
        {error && (
          <p className="form-error" role="alert">
            Import failed: {error}
          </p>
        )}
        <div className="dialog-actions">
          <button type="button" className="button" onClick={onClose}>
            Cancel
          </button>
          <button type="submit" className="button button-primary" disabled={busy}>
            {busy ? 'Importing…' : 'Import'}
          </button>
        </div>
      </form>
    </Dialog>
  );
}

function plural(count: number, noun: string): string {
  return `${count} ${noun}${count === 1 ? '' : 's'}`;
}

function headline(report: ImportAnnotationsReport): string {
  const added = [
    plural(report.annotationsAdded, 'annotation'),
    report.relationsAdded ? plural(report.relationsAdded, 'relation') : '',
    report.memosAdded ? plural(report.memosAdded, 'memo') : '',
  ].filter(Boolean);
  const present = report.annotationsAlreadyPresent
    ? ` ${plural(report.annotationsAlreadyPresent, 'annotation')} ${
        report.annotationsAlreadyPresent === 1 ? 'was' : 'were'
      } already in the project.`
    : '';
  const left = report.skipped.length
    ? ` ${plural(report.skipped.length, 'item')} could not be imported (listed below).`
    : '';
  return `Added ${added.join(', ')} from ${report.fileName} (${report.format}).${present}${left}`;
}

function ReportBody({
  report,
  onOpen,
}: {
  report: ImportAnnotationsReport;
  onOpen: (documentId: string) => void;
}) {
  const created = [
    ...report.tagsCreated.map((name) => ['Tag', name]),
    ...report.attributesCreated.map((name) => ['Attribute', name]),
    ...report.entitiesCreated.map((name) => ['Entity', name]),
    ...report.relationTypesCreated.map((name) => ['Relation type', name]),
  ];
  return (
    <div className="results-body">
      {report.skipped.length > 0 && (
        <Section title="Not imported" count={report.skipped.length} tone="danger">
          {report.skipped.map((item, i) => (
            <li key={i} className="result-row">
              <span className="result-name">{item.what}</span>
              <span className="result-reason">{item.reason}</span>
            </li>
          ))}
        </Section>
      )}
      {report.documents.length > 0 && (
        <Section title="Documents" count={report.documents.length}>
          {report.documents.map((doc, i) => (
            <li key={i} className="result-row">
              <span className="result-title">{doc.title}</span>
              <span className="result-reason">
                {STATUS_TEXT[doc.status]}
                {doc.status === 'reanchored' && ` “${doc.projectTitle}”`} ·{' '}
                {plural(doc.annotationsAdded, 'annotation')} added
                {doc.annotationsAlreadyPresent > 0 &&
                  `, ${doc.annotationsAlreadyPresent} already there`}
              </span>
              {doc.documentId && (
                <button
                  type="button"
                  className="button button-small result-action"
                  aria-label={`Open ${doc.projectTitle ?? doc.title}`}
                  onClick={() => onOpen(doc.documentId!)}
                >
                  Open
                </button>
              )}
            </li>
          ))}
        </Section>
      )}
      {created.length > 0 && (
        <Section title="Added to the codebook and entities" count={created.length} tone="ok">
          {created.map(([kind, name], i) => (
            <li key={i} className="result-row">
              <span className="doc-format">{kind}</span>
              <span className="result-title">{name}</span>
            </li>
          ))}
        </Section>
      )}
      {report.warnings.length > 0 && (
        <Section title="Notes on the file" count={report.warnings.length}>
          {report.warnings.map((warning, i) => (
            <li key={i} className="result-row">
              <span className="result-reason">{warning}</span>
            </li>
          ))}
        </Section>
      )}
    </div>
  );
}

function Section({
  title,
  count,
  tone,
  children,
}: {
  title: string;
  count: number;
  tone?: 'danger' | 'ok';
  children: ReactNode;
}) {
  const headingId = useId();
  return (
    <section className="results-section" aria-labelledby={headingId}>
      <div className="results-section-head">
        <h3 id={headingId} className="results-title">
          <span className={`results-heading ${tone ? `results-heading-${tone}` : ''}`}>
            {title} <span className="results-count">{count}</span>
          </span>
        </h3>
      </div>
      <ul className="results-list" aria-labelledby={headingId}>
        {children}
      </ul>
    </section>
  );
}
