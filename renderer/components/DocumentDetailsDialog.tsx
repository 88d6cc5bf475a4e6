import { useEffect, useId, useRef, useState } from 'react';
import type { ReactNode } from 'react';
import type { ReimportResult } from '../../core/api';
import type { DocumentSummary, GlossDocument, ImportOptions } from '../../core/domain';
import { errorMessage, useApp } from '../app-context';
import {
  formatLabel,
  hasPageMode,
  languageLabel,
  publishedLabel,
  reimportSummary,
} from '../document-info';
import { encodingDescription, encodingLabel } from '../encodings';
import '../memos.css';
import type { ReaderSession } from '../reader-session';
import { Dialog } from './Dialog';
import { DocumentDetailsForm } from './DocumentDetailsForm';
import { CheckIcon, CopyIcon } from './icons';
import { EncodingSelect } from './ImportMenu';

const dateTimeFormat = new Intl.DateTimeFormat(undefined, {
  dateStyle: 'long',
  timeStyle: 'short',
});

/**
 * The document's citation, editable (title, author, outlet, date, URL, language, the outlet's
 * reliability); what the file itself said; where it came from and how it was read — what an
 * analyst cites and checks — and "Re-import as…", which extracts the text again from the kept
 * original (another encoding, the whole page) and moves the annotations that re-anchor to the
 * new version.
 */
export function DocumentDetailsDialog({
  doc,
  onClose,
  onOpenVersion,
  session,
  onSaved,
}: {
  doc: GlossDocument;
  onClose: () => void;
  /** Opens the new version made by a re-import (replacing this one in the reader). */
  onOpenVersion: (documentId: string) => void;
  /** The reader's session: an edit of the details is a step of its undo history. */
  session?: ReaderSession;
  /** The details were saved: the title and citation shown elsewhere follow. */
  onSaved?: (summary: DocumentSummary) => void;
}) {
  const metadata = doc.metadata ?? {};
  const provenance = doc.provenance ?? null;
  const [done, setDone] = useState<ReimportResult | null>(null);
  const openRef = useRef<HTMLButtonElement>(null);
  const imported = new Date(doc.importedAt);
  // The Re-import button is disabled once done: the next step, and the focus, is the new version.
  useEffect(() => {
    if (done) openRef.current?.focus();
  }, [done]);
  // Once re-imported, this version has lost the annotations that moved: never stay on it.
  const close = done ? () => onOpenVersion(done.document.id) : onClose;

  const known: [string, ReactNode][] = [];
  if (metadata.byline) known.push(['Byline', metadata.byline]);
  if (metadata.siteName) known.push(['Site', metadata.siteName]);
  if (metadata.publishedAt) {
    known.push([
      'Published',
      <span title={metadata.publishedAt}>{publishedLabel(metadata.publishedAt)}</span>,
    ]);
  }
  if (metadata.canonicalUrl) {
    // Plain text, never a link: the reader opens nothing on the network by a stray click.
    known.push(['Canonical URL', <span className="details-url">{metadata.canonicalUrl}</span>]);
  }
  if (metadata.language) known.push(['Language', languageLabel(metadata.language)]);

  return (
    <Dialog open title="Document details" onClose={close} className="dialog-details">
      <div className="details-scroll">
        <DocumentDetailsForm doc={doc} session={session} onSaved={onSaved} />
        <h3 className="details-heading">As the document describes itself</h3>
        <dl className="details-list">
          {known.map(([term, value]) => (
            <Row key={term} term={term}>
              {value}
            </Row>
          ))}
        </dl>
        {known.length === 0 && (
          <p className="details-none">The document names no author, site, date or address.</p>
        )}
        <h3 className="details-heading">File</h3>
        <dl className="details-list">
          <Row term="Format">{formatLabel(doc.format)}</Row>
          <Row term="Encoding">
            {provenance?.encoding ? (
              encodingDescription(provenance.encoding)
            ) : (
              <Muted>None (not read as text)</Muted>
            )}
          </Row>
          {provenance && (
            <Row term="Importer">
              {provenance.importer} {provenance.importerVersion}
            </Row>
          )}
          <Row term="Source">
            {provenance?.sourceName ?? doc.sourcePath ?? <Muted>Unknown</Muted>}
          </Row>
          {provenance?.sourcePath && provenance.sourcePath !== provenance.sourceName && (
            <Row term="Source path">
              <span className="details-path">{provenance.sourcePath}</span>
            </Row>
          )}
          <Row term="SHA-256">
            <Sha256 value={doc.sha256} />
          </Row>
          <Row term="Imported">
            {Number.isNaN(imported.getTime()) ? doc.importedAt : dateTimeFormat.format(imported)}
          </Row>
          <Row term="Original kept">
            {provenance ? provenance.originalKept ? 'Yes' : 'No' : <Muted>Unknown</Muted>}
          </Row>
        </dl>
        <Reimport doc={doc} done={done} onDone={setDone} />
      </div>
      <div className="dialog-actions">
        {done ? (
          <button ref={openRef} type="button" className="button button-primary" onClick={close}>
            Open new version
          </button>
        ) : (
          <button type="button" className="button" onClick={onClose} data-autofocus>
            Close
          </button>
        )}
      </div>
    </Dialog>
  );
}

function Row({ term, children }: { term: string; children: ReactNode }) {
  return (
    <div className="details-row">
      <dt>{term}</dt>
      <dd>{children}</dd>
    </div>
  );
}

function Muted({ children }: { children: ReactNode }) {
  return <span className="muted">{children}</span>;
}

/** The hash in full (monospace, selectable) with a copy button. */
function Sha256({ value }: { value: string }) {
  const [copied, setCopied] = useState(false);
  useEffect(() => {
    if (!copied) return;
    const timer = setTimeout(() => setCopied(false), 2000);
    return () => clearTimeout(timer);
  }, [copied]);
  return (
    <span className="details-hash">
      <code className="details-hash-value">{value}</code>
      <button
        type="button"
        className="icon-button"
        aria-label="Copy SHA-256"
        title="Copy SHA-256"
        onClick={() =>
          navigator.clipboard?.writeText(value).then(
            () => setCopied(true),
            () => setCopied(false),
          )
        }
      >
        {copied ? <CheckIcon /> : <CopyIcon />}
      </button>
      <span role="status" className="details-copied">
        {copied ? 'Copied' : ''}
      </span>
    </span>
  );
}

/** "Re-import as…": another encoding (and, for web pages, the whole page), then the result. */
function Reimport({
  doc,
  done,
  onDone,
}: {
  doc: GlossDocument;
  done: ReimportResult | null;
  onDone: (result: ReimportResult) => void;
}) {
  const { api, save } = useApp();
  const [encoding, setEncoding] = useState('');
  const [wholePage, setWholePage] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [keptUpTo, setKeptUpTo] = useState<number | null>(null);
  const explainId = useId();
  const kept = doc.provenance?.originalKept === true;

  useEffect(() => {
    if (kept) return;
    // Only to explain why there is no original: the project's size limit for keeping one.
    api.getSettings({}).then(
      (settings) => setKeptUpTo(settings.keepOriginalBytes),
      () => setKeptUpTo(null),
    );
  }, [api, kept]);

  async function reimport() {
    const options: ImportOptions = {};
    if (encoding) options.encoding = encoding;
    if (hasPageMode(doc.format)) options.htmlMode = wholePage ? 'whole-page' : 'article';
    setBusy(true);
    setError(null);
    try {
      onDone(await save(() => api.reimportDocument({ id: doc.id, options }), 'Re-imported'));
    } catch (e) {
      setError(errorMessage(e));
    } finally {
      setBusy(false);
    }
  }

  const disabled = !kept || busy || done !== null;
  return (
    <section className="details-reimport" aria-labelledby={`${explainId}-h`}>
      <h3 id={`${explainId}-h`} className="details-heading">
        Re-import as…
      </h3>
      {!kept && (
        <p id={explainId} className="details-none">
          {notKeptReason(keptUpTo)} Import the file again to read it another way.
        </p>
      )}
      <div className="reimport-row">
        <EncodingSelect
          value={encoding}
          onChange={setEncoding}
          label="Re-import encoding"
          detectLabel="Detect automatically"
          disabled={disabled}
        />
        {hasPageMode(doc.format) && (
          <label className="check">
            <input
              type="checkbox"
              checked={wholePage}
              disabled={disabled}
              onChange={(event) => setWholePage(event.target.checked)}
            />
            <span>Re-import whole web page</span>
          </label>
        )}
        <button
          type="button"
          className="button"
          disabled={disabled}
          aria-describedby={kept ? undefined : explainId}
          onClick={() => void reimport()}
        >
          {busy ? 'Re-importing…' : 'Re-import'}
        </button>
      </div>
      {error && (
        <p className="form-error" role="alert">
          Re-import failed: {error}
        </p>
      )}
      {done && (
        <p className="form-note" role="status">
          Re-imported{encoding ? ` as ${encodingLabel(encoding)}` : ''}. {reimportSummary(done)}
        </p>
      )}
    </section>
  );
}

function notKeptReason(limit: number | null): string {
  if (limit === 0) return 'This project keeps no original files, so the text cannot be re-read.';
  if (limit) {
    const mb = Math.round((limit / (1024 * 1024)) * 10) / 10;
    return `The original file was not kept (this project keeps originals up to ${mb} MB).`;
  }
  return 'The original file was not kept with this document.';
}
