import { useEffect, useId, useRef, useState } from 'react';
import type { ImportOptions } from '../../core/domain';
import { downloadPrepared, errorMessage, useApp } from '../app-context';
import { encodingLabel, ENCODING_GROUPS } from '../encodings';
import { PASTE_SHORTCUT } from '../hooks';
import { AnnotationImportDialog } from './AnnotationImportDialog';
import { ChevronDownIcon, CopyIcon, FolderIcon, ImportIcon, PasteIcon } from './icons';

/** The options in words, e.g. ["Whole web page", "Cyrillic (Windows-1251)"]; empty by default. */
export function describeImportOptions(options: ImportOptions): string[] {
  const parts: string[] = [];
  if (options.htmlMode === 'whole-page') parts.push('Whole web page');
  if (options.encoding) parts.push(encodingLabel(options.encoding));
  return parts;
}

/**
 * The "Import options" disclosure beside Import: other ways in (a folder, a paste) and the
 * options for the next imports (whole page instead of the article, a forced text encoding).
 * A dot on the button says some option is set, so a forced encoding is never forgotten.
 */
export function ImportMenu() {
  const { importOptions, setImportOptions, startFolderImport, openPaste } = useApp();
  const { api, shell, notify } = useApp();
  const [open, setOpen] = useState(false);
  const [annotationImport, setAnnotationImport] = useState(false);
  const rootRef = useRef<HTMLDivElement>(null);
  const toggleRef = useRef<HTMLButtonElement>(null);
  const panelId = useId();
  const encodingId = useId();
  const set = describeImportOptions(importOptions);
  const downloadCopyRef = useRef(downloadCopy);
  downloadCopyRef.current = downloadCopy;

  useEffect(() => {
    if (!open) return;
    // A click anywhere else closes it, as a menu does; Escape closes it and returns focus.
    const onPointer = (event: PointerEvent) => {
      if (!rootRef.current?.contains(event.target as Node)) setOpen(false);
    };
    const onKey = (event: KeyboardEvent) => {
      if (event.key !== 'Escape') return;
      event.preventDefault();
      setOpen(false);
      toggleRef.current?.focus();
    };
    document.addEventListener('pointerdown', onPointer);
    document.addEventListener('keydown', onKey);
    return () => {
      document.removeEventListener('pointerdown', onPointer);
      document.removeEventListener('keydown', onKey);
    };
  }, [open]);

  function choose(action: () => void) {
    setOpen(false);
    action();
  }

  // The desktop menu's File → Import Annotations… and Save a Copy… land here.
  useEffect(() => {
    if (!shell) return;
    return shell.onMenuCommand((command) => {
      if (command === 'import-annotations') setAnnotationImport(true);
      if (command === 'save-copy') void downloadCopyRef.current();
    });
  }, [shell]);

  /**
   * A copy of the whole project file, made with SQLite's backup API: on desktop into the file the
   * user picks, in browser mode as a download.
   */
  async function downloadCopy() {
    try {
      if (shell?.saveCopyWithDialog) {
        const where = await shell.saveCopyWithDialog();
        if (where) notify({ kind: 'info', title: `Saved a copy of the project as ${where}` });
        return;
      }
      const copy = await api.prepareProjectCopyDownload({});
      await downloadPrepared(copy.downloadId, copy.fileName);
      notify({ kind: 'info', title: `Saved a copy of the project as ${copy.fileName}` });
    } catch (error) {
      notify({ kind: 'error', title: `Could not copy the project: ${errorMessage(error)}` });
    }
  }

  return (
    <div className="import-menu" ref={rootRef}>
      <button
        ref={toggleRef}
        type="button"
        className="button button-primary import-menu-toggle"
        aria-label="Import options"
        aria-expanded={open}
        aria-controls={panelId}
        title={set.length ? `Import options: ${set.join(', ')}` : 'Import options'}
        onClick={() => setOpen((o) => !o)}
      >
        <ChevronDownIcon />
        {set.length > 0 && <span className="import-menu-dot" aria-hidden="true" />}
      </button>
      <div id={panelId} className="popover import-menu-panel" hidden={!open}>
        <button type="button" className="menu-item" onClick={() => choose(startFolderImport)}>
          <FolderIcon />
          <span className="menu-item-label">Import folder</span>
        </button>
        <button type="button" className="menu-item" onClick={() => choose(openPaste)}>
          <PasteIcon />
          <span className="menu-item-label">Paste as new document</span>
          <kbd aria-hidden="true">{PASTE_SHORTCUT}</kbd>
        </button>
        <button
          type="button"
          className="menu-item"
          onClick={() => choose(() => setAnnotationImport(true))}
        >
          <ImportIcon />
          <span className="menu-item-label">Import annotations…</span>
        </button>
        {(!shell || shell.saveCopyWithDialog) && (
          <button
            type="button"
            className="menu-item"
            onClick={() => choose(() => void downloadCopy())}
          >
            <CopyIcon />
            <span className="menu-item-label">
              {shell ? 'Save a copy of the project…' : 'Download a copy of the project'}
            </span>
          </button>
        )}
        <div className="popover-section">
          <p className="popover-heading">For the next imports</p>
          <label className="check">
            <input
              type="checkbox"
              checked={importOptions.htmlMode === 'whole-page'}
              onChange={(event) =>
                setImportOptions({
                  ...importOptions,
                  htmlMode: event.target.checked ? 'whole-page' : undefined,
                })
              }
            />
            <span>Import whole web page (no article extraction)</span>
          </label>
          <div className="field-stack">
            <label className="field-label" htmlFor={encodingId}>
              Text encoding
            </label>
            <EncodingSelect
              id={encodingId}
              value={importOptions.encoding ?? ''}
              onChange={(encoding) =>
                setImportOptions({ ...importOptions, encoding: encoding || undefined })
              }
              detectLabel="Detect automatically"
            />
          </div>
        </div>
      </div>
      {annotationImport && <AnnotationImportDialog onClose={() => setAnnotationImport(false)} />}
    </div>
  );
}

/** A select of the encodings, grouped by script; "" stands for "detect" (or "as before"). */
export function EncodingSelect({
  id,
  value,
  onChange,
  detectLabel,
  label,
  disabled,
}: {
  id?: string;
  value: string;
  onChange: (encoding: string) => void;
  detectLabel: string;
  /** An accessible name, when no `<label>` points at the select. */
  label?: string;
  disabled?: boolean;
}) {
  return (
    <select
      id={id}
      className="select"
      aria-label={label}
      value={value}
      disabled={disabled}
      onChange={(event) => onChange(event.target.value)}
    >
      <option value="">{detectLabel}</option>
      {ENCODING_GROUPS.map((group) => (
        <optgroup key={group.label} label={group.label}>
          {group.encodings.map((e) => (
            <option key={e.value} value={e.value}>
              {e.label}
            </option>
          ))}
        </optgroup>
      ))}
    </select>
  );
}
