import { useState } from 'react';
import type { ExportFormat } from '../../core/domain';
import { errorMessage, useApp } from '../app-context';
import { downloadText } from '../files';
import { Dialog } from './Dialog';

type Scope = 'document' | 'project';

const FORMATS: { value: ExportFormat; label: string; hint: string }[] = [
  { value: 'jsonl', label: 'JSONL', hint: 'One JSON object per annotation' },
  { value: 'csv', label: 'CSV', hint: 'For spreadsheets' },
];

/**
 * Exports annotations: a format and a scope, then `exportAnnotations`. The file goes through the
 * native save dialog on desktop and is downloaded in browser mode.
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
  const { api, shell, notify } = useApp();
  const [format, setFormat] = useState<ExportFormat>('jsonl');
  const [scope, setScope] = useState<Scope>(documentId ? 'document' : 'project');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const effectiveScope: Scope = documentId ? scope : 'project';

  async function runExport() {
    setBusy(true);
    setError(null);
    try {
      const result = await api.exportAnnotations(
        effectiveScope === 'document' && documentId ? { format, documentId } : { format },
      );
      let where: string | null = result.fileName;
      if (shell) where = await shell.saveExport(result.fileName, result.content);
      else downloadText(result.fileName, result.content, result.mimeType);
      if (where === null) return; // The save dialog was cancelled: stay open.
      const count = `${result.annotationCount} annotation${result.annotationCount === 1 ? '' : 's'}`;
      const docs = `${result.documentCount} document${result.documentCount === 1 ? '' : 's'}`;
      notify({ kind: 'info', title: `Exported ${count} from ${docs} to ${where}` });
      onClose();
    } catch (e) {
      setError(errorMessage(e));
    } finally {
      setBusy(false);
    }
  }

  return (
    <Dialog open={open} title="Export annotations" onClose={onClose} className="dialog-export">
      <form
        onSubmit={(event) => {
          event.preventDefault();
          if (!busy) void runExport();
        }}
      >
        <fieldset className="field-group">
          <legend>Format</legend>
          {FORMATS.map((f) => (
            <label key={f.value} className="choice">
              <input
                type="radio"
                name="export-format"
                value={f.value}
                checked={format === f.value}
                onChange={() => setFormat(f.value)}
              />
              <span className="choice-label">{f.label}</span>
              <span className="choice-hint">{f.hint}</span>
            </label>
          ))}
        </fieldset>
        <fieldset className="field-group">
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
        {error && (
          <p className="form-error" role="alert">
            Export failed: {error}
          </p>
        )}
        <div className="dialog-actions">
          <button type="button" className="button" onClick={onClose}>
            Cancel
          </button>
          <button type="submit" className="button button-primary" disabled={busy}>
            {busy ? 'Exporting…' : 'Save export'}
          </button>
        </div>
      </form>
    </Dialog>
  );
}
