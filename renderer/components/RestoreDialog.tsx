import { useCallback, useEffect, useId, useRef, useState } from 'react';
import type { GlossApi } from '../../core/api';
import type { BackupInfo, BackupList, BackupReason, RestoreResult } from '../../core/api-safety';
import { errorMessage, useApp } from '../app-context';
import { Dialog } from './Dialog';
import '../safety.css';

const REASONS: Record<BackupReason, string> = {
  open: 'On opening',
  auto: 'While working',
  manual: 'Made by hand',
  migration: 'Before an upgrade',
  restore: 'Before a restore',
};

/** "31 Jan 2025, 09:15" in the analyst's own time zone and language. */
export function backupTime(iso: string): string {
  return new Date(iso).toLocaleString(undefined, { dateStyle: 'medium', timeStyle: 'short' });
}

function size(bytes: number): string {
  if (bytes < 1024 * 1024) return `${Math.max(1, Math.round(bytes / 1024))} KB`;
  return `${(bytes / (1024 * 1024)).toFixed(1)} MB`;
}

function plural(count: number | null, noun: string): string {
  if (count === null) return `? ${noun}s`;
  return `${count.toLocaleString()} ${noun}${count === 1 ? '' : 's'}`;
}

/** What a backup holds, in a line: "3 documents · 120 annotations · 1.2 MB". */
export function backupContents(backup: BackupInfo): string {
  return [
    plural(backup.documentCount, 'document'),
    plural(backup.annotationCount, 'annotation'),
    size(backup.sizeBytes),
  ].join(' · ');
}

/**
 * The backups as radio choices, newest first: time, why it was made, and what it holds. Arrow
 * keys move between them (one radio group), so the list is usable without a mouse. The list
 * arrives after its dialog opened, so it takes the focus itself (on the chosen backup) when it
 * appears.
 */
export function BackupChoices({
  backups,
  selected,
  onSelect,
  legend,
}: {
  backups: readonly BackupInfo[];
  selected: string | null;
  onSelect: (name: string) => void;
  legend: string;
}) {
  const group = useId();
  const ref = useRef<HTMLFieldSetElement>(null);
  useEffect(() => {
    ref.current?.querySelector<HTMLInputElement>('input:checked, input')?.focus();
  }, []);
  return (
    <fieldset ref={ref} className="field-group backup-choices">
      <legend>{legend}</legend>
      <ul className="backup-list">
        {backups.map((backup) => (
          <li key={backup.name}>
            <label className="backup-choice">
              <input
                type="radio"
                name={group}
                value={backup.name}
                checked={selected === backup.name}
                onChange={() => onSelect(backup.name)}
              />
              <span className="backup-time">{backupTime(backup.createdAt)}</span>
              <span className="backup-reason">{REASONS[backup.reason]}</span>
              <span className="backup-contents">{backupContents(backup)}</span>
            </label>
          </li>
        ))}
      </ul>
    </fieldset>
  );
}

/** Where the app keeps a message to show once the page has reloaded after a restore. */
const RESTORED_NOTICE_KEY = 'gloss.restoredNotice';

/**
 * Reloads the app on the restored project (every view re-reads it; the undo history of the
 * replaced state is dropped), leaving a message for after the reload.
 */
export function reloadAfterRestore(message: string): void {
  try {
    sessionStorage.setItem(RESTORED_NOTICE_KEY, message);
  } catch {
    // Without storage the reload still shows the restored project.
  }
  // Back to the library: the open document may not exist in the restored project.
  history.replaceState(null, '');
  location.reload();
}

/** The message left by `reloadAfterRestore`, once. */
export function takeRestoredNotice(): string | null {
  try {
    const message = sessionStorage.getItem(RESTORED_NOTICE_KEY);
    sessionStorage.removeItem(RESTORED_NOTICE_KEY);
    return message;
  } catch {
    return null;
  }
}

export function restoredMessage(result: RestoreResult): string {
  const when = backupTime(result.restored.createdAt);
  return result.safetyBackup
    ? `Restored the backup from ${when}. The state it replaced was backed up first: restore ` +
        `the backup “Before a restore” to undo this.`
    : `Restored the backup from ${when}.`;
}

/** Loads the backup list; `reload` fetches it again. */
export function useBackupList(api: GlossApi, active: boolean) {
  const [list, setList] = useState<BackupList | null>(null);
  const [error, setError] = useState<string | null>(null);
  const reload = useCallback(() => {
    setError(null);
    return api.listBackups({}).then(
      (loaded) => {
        setList(loaded);
        return loaded;
      },
      (e: unknown) => {
        setError(errorMessage(e));
        return null;
      },
    );
  }, [api]);
  useEffect(() => {
    if (active) void reload();
  }, [active, reload]);
  return { list, error, reload };
}

/**
 * "Restore from backup…": the project's backups with their times, sizes and annotation counts;
 * "Back up now"; and, after a confirmation that says what will happen, the restore itself.
 */
export function RestoreDialog({ open, onClose }: { open: boolean; onClose: () => void }) {
  const { api, notify } = useApp();
  const { list, error: loadError, reload } = useBackupList(api, open);
  const [selected, setSelected] = useState<string | null>(null);
  const [confirming, setConfirming] = useState(false);
  const [busy, setBusy] = useState<'backup' | 'restore' | null>(null);
  const [error, setError] = useState<string | null>(null);
  const confirmId = useId();

  useEffect(() => {
    if (!open) setConfirming(false);
  }, [open]);
  useEffect(() => {
    // Keep the choice while it still exists; otherwise the newest.
    setSelected((current) =>
      list?.backups.some((b) => b.name === current) ? current : (list?.backups[0]?.name ?? null),
    );
  }, [list]);

  const chosen = list?.backups.find((b) => b.name === selected) ?? null;

  async function backUpNow() {
    setBusy('backup');
    setError(null);
    try {
      const made = await api.createBackup({});
      await reload();
      setSelected(made.name);
      notify({ kind: 'info', title: `Backed up the project (${backupContents(made)})` });
    } catch (e) {
      setError(errorMessage(e));
    } finally {
      setBusy(null);
    }
  }

  async function restore(backup: BackupInfo) {
    setBusy('restore');
    setError(null);
    try {
      reloadAfterRestore(restoredMessage(await api.restoreBackup({ name: backup.name })));
    } catch (e) {
      setError(errorMessage(e));
      setConfirming(false);
      setBusy(null);
    }
  }

  const writable = list?.writable !== false;
  return (
    <Dialog
      open={open}
      title={confirming ? 'Restore this backup?' : 'Restore from backup'}
      onClose={busy ? () => undefined : onClose}
      className="dialog-restore"
      describedBy={confirming ? confirmId : undefined}
    >
      {confirming && chosen ? (
        <>
          <p id={confirmId} className="dialog-message">
            The project will be replaced by the backup from{' '}
            <strong>{backupTime(chosen.createdAt)}</strong> ({backupContents(chosen)}). Gloss first
            backs up the project as it is now, so you can undo this by restoring that backup.
          </p>
          <div className="dialog-actions">
            <button
              type="button"
              className="button"
              onClick={() => setConfirming(false)}
              disabled={busy !== null}
            >
              Back
            </button>
            <button
              type="button"
              className="button button-danger"
              onClick={() => void restore(chosen)}
              disabled={busy !== null}
              data-autofocus
            >
              {busy === 'restore' ? 'Restoring…' : 'Restore'}
            </button>
          </div>
        </>
      ) : (
        <form
          onSubmit={(event) => {
            event.preventDefault();
            if (chosen && writable && !busy) setConfirming(true);
          }}
        >
          {loadError && <p className="form-error">Could not list the backups: {loadError}</p>}
          {!list && !loadError && <p className="muted">Loading…</p>}
          {list && list.backups.length === 0 && (
            <p className="dialog-message">
              There are no backups yet. Gloss makes them when the project is opened after a change,
              every few minutes while you work, and before an upgrade or a restore.
            </p>
          )}
          {list && list.backups.length > 0 && (
            <BackupChoices
              backups={list.backups}
              selected={selected}
              onSelect={setSelected}
              legend="Backups, newest first"
            />
          )}
          {list && (
            <p className="backup-folder muted">
              Kept in <code>{list.folder}</code>
            </p>
          )}
          {list?.lastError && (
            <p className="form-error">The last automatic backup failed: {list.lastError}</p>
          )}
          {!writable && (
            <p className="form-error">
              This project is read-only here: it cannot be backed up or restored.
            </p>
          )}
          {error && (
            <p className="form-error" role="alert">
              {error}
            </p>
          )}
          <div className="dialog-actions">
            <button
              type="button"
              className="button button-ghost backup-now"
              onClick={() => void backUpNow()}
              disabled={busy !== null || !writable}
            >
              {busy === 'backup' ? 'Backing up…' : 'Back up now'}
            </button>
            <button type="button" className="button" onClick={onClose}>
              Close
            </button>
            <button
              type="submit"
              className="button button-primary"
              disabled={!chosen || busy !== null || !writable}
            >
              Restore…
            </button>
          </div>
        </form>
      )}
    </Dialog>
  );
}
