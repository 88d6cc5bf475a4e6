import { useEffect, useId, useRef, useState } from 'react';
import type { ExchangeExportResult, ExchangeFormatName } from '../../core/api-exchange';
import { ENTITY_TAG_ID } from '../../core/codebook';
import { downloadPrepared, errorMessage, useApp } from '../app-context';
import { downloadText } from '../files';
import { Dialog } from './Dialog';
import {
  ALL_FORMATS,
  ExportProgressBar,
  ExportReportView,
  FORMAT_GROUPS,
  summary,
  TagPicker,
} from './ExportDialogParts';
import type { Progress } from './ExportDialogParts';
import '../export-dialog.css';

type Scope = 'document' | 'project';

const PROGRESS_POLL_MS = 250;

/**
 * Exports annotations in any exchange format: a format, a scope, tags where the format needs a
 * choice, then `exportProject` with a progress bar for large exports. Afterwards the dialog shows
 * what was written and everything the format could not carry. The file goes through the native
 * save dialog on desktop (text formats) or a download.
 */
export function ExportDialog({
  open,
  documentId,
  onClose,
}: {
  open: boolean;
  /** The open document; null in the library, where only the whole project can be exported. */
  documentId: string | null;
  onClose: () => void;
}) {
  const { api, shell, tags, tagById, notify } = useApp();
  const [format, setFormat] = useState<ExchangeFormatName>('w3c');
  const [scope, setScope] = useState<Scope>(documentId ? 'document' : 'project');
  const [limitTags, setLimitTags] = useState(false);
  const [chosenTags, setChosenTags] = useState<ReadonlySet<string>>(() => new Set([ENTITY_TAG_ID]));
  const [progress, setProgress] = useState<Progress | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [done, setDone] = useState<{ result: ExchangeExportResult; where: string } | null>(null);
  const ids = useId();
  const alive = useRef(true);
  useEffect(() => () => void (alive.current = false), []);
  const effectiveScope: Scope = documentId ? scope : 'project';
  const choice = ALL_FORMATS.find((f) => f.value === format)!;
  const pickingTags = choice.pickTags === true || limitTags;
  const busy = progress !== null;

  async function runExport() {
    if (pickingTags && chosenTags.size === 0) {
      setError('Choose at least one tag to export.');
      return;
    }
    setError(null);
    setProgress({ done: 0, total: 0 });
    const jobId = crypto.randomUUID();
    const timer = setInterval(() => {
      void api
        .exportProgress({ jobId })
        .then((p) => alive.current && !p.finished && setProgress({ done: p.done, total: p.total }))
        .catch(() => {});
    }, PROGRESS_POLL_MS);
    const request = {
      format,
      jobId,
      ...(effectiveScope === 'document' && documentId ? { documentId } : {}),
      ...(pickingTags ? { tagIds: [...chosenTags] } : {}),
    };
    try {
      let result: ExchangeExportResult;
      let where: string | null;
      if (shell?.exportWithDialog) {
        // Desktop: the user picks the file first, then the service streams straight into it.
        const written = await shell.exportWithDialog(request);
        clearInterval(timer);
        if (!written) return; // Cancelled: stay open.
        where = written.path;
        result = {
          format,
          fileName: written.path.split(/[\\/]/).pop() ?? written.path,
          mimeType: '',
          byteSize: written.byteSize,
          report: written.report,
        };
      } else {
        result = await api.exportProject(request);
        clearInterval(timer);
        where = await save(result);
      }
      if (where === null || !alive.current) return; // The save dialog was cancelled: stay open.
      notify({ kind: 'info', title: `Exported ${summary(result)} to ${where}` });
      // Everything carried: nothing more to say. Otherwise the dialog lists what was left out.
      if (result.report.omitted.length === 0) onClose();
      else setDone({ result, where });
    } catch (e) {
      if (alive.current) setError(errorMessage(e));
    } finally {
      clearInterval(timer);
      if (alive.current) setProgress(null);
    }
  }

  /** Hands the file to the user; the place it went, or null when they cancelled. */
  async function save(result: ExchangeExportResult): Promise<string | null> {
    const { fileName, mimeType, content, downloadId } = result;
    if (downloadId) {
      await downloadPrepared(downloadId, fileName);
      return fileName;
    }
    if (!content) throw new Error('The export came back empty.');
    if (content.encoding === 'text') {
      if (shell) return shell.saveExport(fileName, content.data);
      downloadText(fileName, content.data, mimeType);
      return fileName;
    }
    // A zip: bytes, which the desktop's text save cannot write; the download asks where instead.
    const bytes = Uint8Array.from(atob(content.data), (c) => c.charCodeAt(0));
    const url = URL.createObjectURL(new Blob([bytes], { type: mimeType }));
    const link = document.createElement('a');
    link.href = url;
    link.download = fileName;
    document.body.append(link);
    link.click();
    link.remove();
    setTimeout(() => URL.revokeObjectURL(url), 60_000);
    return fileName;
  }

  if (done) {
    return (
      <Dialog open={open} title="Export finished" onClose={onClose} className="dialog-export">
        <ExportReportView result={done.result} where={done.where} label={choice.label} />
        <div className="dialog-actions">
          <button type="button" className="button" onClick={() => setDone(null)}>
            Export again…
          </button>
          <button type="button" className="button button-primary" data-autofocus onClick={onClose}>
            Done
          </button>
        </div>
      </Dialog>
    );
  }

  return (
    <Dialog open={open} title="Export annotations" onClose={onClose} className="dialog-export">
      <form
        onSubmit={(event) => {
          event.preventDefault();
          if (!busy) void runExport();
        }}
      >
        <div className="export-formats">
          {FORMAT_GROUPS.map((group) => (
            <fieldset key={group.title} className="field-group" disabled={busy}>
              <legend>{group.title}</legend>
              {group.formats.map((f) => (
                <label key={f.value} className="choice export-choice">
                  <input
                    type="radio"
                    name="export-format"
                    value={f.value}
                    checked={format === f.value}
                    onChange={() => setFormat(f.value)}
                    // Named by the format alone; what it carries is its description.
                    aria-labelledby={`${ids}-${f.value}`}
                    aria-describedby={`${ids}-${f.value}-hint`}
                    {...(format === f.value ? { 'data-autofocus': true } : {})}
                  />
                  <span className="choice-label" id={`${ids}-${f.value}`}>
                    {f.label}
                  </span>
                  <span className="choice-hint" id={`${ids}-${f.value}-hint`}>
                    {f.hint}
                  </span>
                </label>
              ))}
            </fieldset>
          ))}
        </div>
        <fieldset className="field-group export-scope" disabled={busy}>
          <legend>Scope</legend>
          <label className="choice">
            <input
              type="radio"
              name="export-scope"
              value="document"
              checked={effectiveScope === 'document'}
              disabled={!documentId}
              onChange={() => setScope('document')}
            />
            <span className="choice-label">This document</span>
            {!documentId && <span className="choice-hint">Open a document first</span>}
          </label>
          <label className="choice">
            <input
              type="radio"
              name="export-scope"
              value="project"
              checked={effectiveScope === 'project'}
              onChange={() => setScope('project')}
            />
            <span className="choice-label">Whole project</span>
          </label>
        </fieldset>
        {!choice.pickTags && (
          <label className="export-limit">
            <input
              type="checkbox"
              checked={limitTags}
              disabled={busy}
              onChange={(event) => setLimitTags(event.target.checked)}
            />
            Only some tags
          </label>
        )}
        {pickingTags && (
          <TagPicker
            tags={tags}
            tagById={tagById}
            chosen={chosenTags}
            onChange={setChosenTags}
            disabled={busy}
            note={
              choice.pickTags
                ? `${choice.label} cannot hold overlapping spans: where two overlap, the one that starts first is kept (then the longer), and every span left out is listed after the export.`
                : 'A tag brings its sub-tags with it.'
            }
          />
        )}
        {progress && <ExportProgressBar progress={progress} />}
        {error && (
          <p className="form-error" role="alert">
            Export failed: {error}
          </p>
        )}
        <div className="dialog-actions">
          <button type="button" className="button" onClick={onClose}>
            {busy ? 'Close' : 'Cancel'}
          </button>
          <button type="submit" className="button button-primary" disabled={busy}>
            {busy ? 'Exporting…' : 'Save export'}
          </button>
        </div>
      </form>
    </Dialog>
  );
}
