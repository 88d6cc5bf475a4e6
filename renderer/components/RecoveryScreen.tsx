import { useEffect, useState } from 'react';
import type { GlossApi } from '../../core/api';
import type { GlossError } from '../../core/errors';
import { errorMessage } from '../app-context';
import {
  BackupChoices,
  backupContents,
  backupTime,
  reloadAfterRestore,
  restoredMessage,
  useBackupList,
} from './RestoreDialog';
import '../safety.css';

/** What the service says about a damaged project (db/connection.ts `damagedError`). */
interface DamageDetails {
  projectPath?: string;
  backup?: { name: string; createdAt: string } | null;
}

/**
 * Shown instead of the app when the project cannot be opened because its file is damaged: what
 * happened, in the service's words, and the way back — the newest good backup (or another one),
 * or, when there is none, a new empty project. Either way the damaged file is set aside
 * untouched, never deleted.
 */
export function RecoveryScreen({ api, error }: { api: GlossApi; error: GlossError }) {
  const details = (error.details ?? {}) as DamageDetails;
  const newest = details.backup ?? null;
  const { list, error: loadError } = useBackupList(api, true);
  const [selected, setSelected] = useState<string | null>(newest?.name ?? null);
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<string | null>(null);

  useEffect(() => {
    if (!selected && list?.backups[0]) setSelected(list.backups[0].name);
  }, [list, selected]);

  const backups = list?.backups ?? [];
  const chosen = backups.find((b) => b.name === selected) ?? null;
  const isNewest = chosen !== null && chosen.name === newest?.name;

  async function run(action: () => Promise<string>) {
    setBusy(true);
    setFailure(null);
    try {
      reloadAfterRestore(await action());
    } catch (e) {
      setFailure(errorMessage(e));
      setBusy(false);
    }
  }

  const restore = () =>
    run(async () => {
      const result = await api.restoreBackup(chosen ? { name: chosen.name } : {});
      const aside = result.setAside ? ` The damaged file was kept as ${result.setAside}.` : '';
      return `${restoredMessage(result)}${aside}`;
    });
  const startEmpty = () =>
    run(async () => {
      const result = await api.startEmptyProject({});
      const aside = result.setAside ? ` The damaged file was kept as ${result.setAside}.` : '';
      return `Started a new, empty project.${aside}`;
    });

  return (
    <main className="splash recovery" aria-labelledby="recovery-title">
      <h1 className="splash-title">Gloss</h1>
      <div className="splash-card recovery-card">
        <h2 id="recovery-title" className="splash-heading">
          This project is damaged
        </h2>
        <p role="alert" className="recovery-message">
          {error.message}
        </p>
        {details.projectPath && (
          <p className="muted recovery-path">
            <code>{details.projectPath}</code>
          </p>
        )}
        {loadError && <p className="form-error">Could not list the backups: {loadError}</p>}
        {backups.length > 0 && (
          <form
            onSubmit={(event) => {
              event.preventDefault();
              if (!busy) void restore();
            }}
          >
            <BackupChoices
              backups={backups}
              selected={selected}
              onSelect={setSelected}
              legend="Backups, newest first"
            />
            <p className="muted recovery-note">
              The damaged file is set aside untouched (renamed, never deleted), and the backup takes
              its place.
            </p>
            {failure && (
              <p className="form-error" role="alert">
                {failure}
              </p>
            )}
            <div className="dialog-actions">
              <button type="submit" className="button button-primary" disabled={!chosen || busy}>
                {busy ? 'Restoring…' : isNewest ? 'Restore newest backup' : 'Restore this backup'}
              </button>
            </div>
            {chosen && (
              <p className="muted recovery-choice" aria-live="polite">
                {backupTime(chosen.createdAt)}: {backupContents(chosen)}
              </p>
            )}
          </form>
        )}
        {list && backups.length === 0 && (
          <>
            <p>
              There is no backup of this project. You can start a new, empty project in its place;
              the damaged file is kept, untouched, next to it for a specialist to look at.
            </p>
            {failure && (
              <p className="form-error" role="alert">
                {failure}
              </p>
            )}
            <div className="dialog-actions">
              <button
                type="button"
                className="button button-danger"
                onClick={() => void startEmpty()}
                disabled={busy}
              >
                Start a new, empty project
              </button>
            </div>
          </>
        )}
      </div>
    </main>
  );
}
