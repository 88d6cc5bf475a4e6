import { spawn } from 'node:child_process';
import { readdirSync, writeFileSync } from 'node:fs';
import { hostname } from 'node:os';
import { dirname } from 'node:path';
import { describe, expect, it, onTestFinished } from 'vitest';
import { listBackupFiles } from '../../../db/backup';
import { lockFilePath } from '../../../db/project-lock';
import { rejectionOf } from '../service/helpers';
import { addAnnotations, gloss, inspect, openProject, projectWithAnnotations } from './helpers';

describe('restoreBackup', () => {
  it('swaps the open project for a backup, backing up the state it replaces first', async () => {
    const { projectPath, service, documentId, ids } = await projectWithAnnotations(3);
    const backup = await service.api.createBackup({});
    const later = await addAnnotations(service.api, documentId, 2, 'after the backup');

    const result = await service.api.restoreBackup({ name: backup.name });
    expect(result.restored).toMatchObject({ name: backup.name, annotationCount: 3 });
    expect(result.safetyBackup).toMatchObject({ reason: 'restore', annotationCount: 5 });
    expect(result.setAside).toBeNull();

    // The same service answers from the restored file, and keeps writing to it.
    const listed = await service.api.listAnnotations({ documentId });
    expect(listed.map((a) => a.id).sort()).toEqual([...ids].sort());
    const [afterRestore] = await addAnnotations(service.api, documentId, 1, 'after the restore');
    expect(inspect(projectPath)).toMatchObject({
      ids: [...ids, afterRestore!].sort(),
      integrity: 'ok',
    });
    // Nothing is left beside the project but the project, its WAL and the backups.
    expect(readdirSync(dirname(projectPath)).filter((n) => n.includes('.tmp'))).toEqual([]);

    // A restore is itself undone by restoring the backup it made.
    await service.api.restoreBackup({ name: result.safetyBackup!.name });
    const undone = await service.api.listAnnotations({ documentId });
    expect(undone.map((a) => a.id).sort()).toEqual([...ids, ...later].sort());
  });

  it('restores the newest good backup when no name is given', async () => {
    const { service, documentId } = await projectWithAnnotations(1);
    await service.api.createBackup({});
    await addAnnotations(service.api, documentId, 4);
    const newest = await service.api.createBackup({});
    await addAnnotations(service.api, documentId, 1);
    const result = await service.api.restoreBackup({});
    expect(result.restored.name).toBe(newest.name);
    expect(await service.api.listAnnotations({ documentId })).toHaveLength(5);
  });

  it('refuses unknown, malformed and damaged backups without changing anything', async () => {
    const { projectPath, service } = await projectWithAnnotations(2);
    const backup = await service.api.createBackup({});
    const before = inspect(projectPath);

    const unknown = await rejectionOf(
      service.api.restoreBackup({ name: 'backup-2001-01-01T00-00-00-000Z-manual.gloss' }),
    );
    expect(unknown).toMatchObject({ code: 'not_found' });
    for (const name of ['../case.gloss', '/etc/passwd', 'backup-x.gloss', `${backup.name}/..`]) {
      expect((await rejectionOf(service.api.restoreBackup({ name }))).code).toBe(
        'invalid_argument',
      );
    }
    writeFileSync(listBackupFiles(projectPath)[0]!.path, 'not a database any more');
    const damaged = await rejectionOf(service.api.restoreBackup({ name: backup.name }));
    expect(damaged.code).toBe('damaged');
    expect(damaged.message).toMatch(/^The backup backup-.* is damaged .*nothing was changed/);
    expect(inspect(projectPath)).toEqual(before);
    expect(listBackupFiles(projectPath)).toHaveLength(2); // on open, and the manual one
  });

  it('refuses to replace the file while another Gloss has the project open', async () => {
    const { projectPath, service } = await projectWithAnnotations(1);
    const backup = await service.api.createBackup({});
    const other = spawn(process.execPath, ['-e', 'setTimeout(() => {}, 20000)']);
    onTestFinished(() => void other.kill());
    writeFileSync(
      lockFilePath(projectPath),
      JSON.stringify({
        holders: [
          {
            pid: other.pid,
            program: 'the command line',
            app: 'Gloss 9.9.9',
            host: hostname(),
            since: new Date().toISOString(),
          },
        ],
      }),
    );
    const refused = await rejectionOf(service.api.restoreBackup({ name: backup.name }));
    expect(refused.code).toBe('busy');
    expect(refused.message).toContain(`(the command line, pid ${other.pid})`);
  });
});

describe('gloss restore', () => {
  it('lists the backups and restores the latest or a named one', async () => {
    const { projectPath, service, documentId } = await projectWithAnnotations(2);
    const first = await service.api.createBackup({});
    await addAnnotations(service.api, documentId, 3);
    const second = await service.api.createBackup({});
    service.close();
    const dir = dirname(projectPath);

    const listed = await gloss(['restore', '--list', '-p', 'case.gloss'], dir);
    expect(listed.code).toBe(0);
    expect(listed.stdout).toMatch(
      /^Backups of case\.gloss in .*case\.gloss\.backups, newest first:\n/,
    );
    expect(listed.stdout).toMatch(/NAME +TIME +MADE +SIZE +DOCUMENTS +ANNOTATIONS/);
    expect(listed.stdout).toMatch(new RegExp(`${second.name} .* by hand .* MB +1 +5\\n`));
    expect(listed.stdout.indexOf(second.name)).toBeLessThan(listed.stdout.indexOf(first.name));

    const named = await gloss(['restore', '--from', first.name, '-p', 'case.gloss'], dir);
    expect(named.code).toBe(0);
    expect(named.stderr).toContain(`Restored case.gloss from ${first.name}`);
    expect(named.stderr).toMatch(/The state it replaced was backed up as backup-.*-restore\.gloss/);
    expect(inspect(projectPath).ids).toHaveLength(2);

    const latest = await gloss(['restore', '--latest', '-p', 'case.gloss'], dir);
    expect(latest.code).toBe(0);
    // The newest backup is now the one made before the previous restore (5 annotations).
    expect(inspect(projectPath).ids).toHaveLength(5);

    const reopened = openProject(projectPath);
    expect(await reopened.api.listDocuments({})).toHaveLength(1);
  });

  it('says what is wrong with the command line', async () => {
    const { projectPath, service } = await projectWithAnnotations(0);
    service.close();
    const dir = dirname(projectPath);
    const none = await gloss(['restore', '-p', 'case.gloss'], dir);
    expect(none).toMatchObject({ code: 2 });
    expect(none.stderr).toContain('say what to do: --list, --latest or --from NAME.');
    const both = await gloss(['restore', '--list', '--latest'], dir);
    expect(both.stderr).toContain('--list, --latest and --from go alone: choose one.');
    const help = await gloss(['help', 'restore'], dir);
    expect(help.stdout).toMatch(/^Usage: gloss restore --list \| --latest \| --from NAME/);
    const missing = await gloss(['restore', '--from', 'nope.gloss', '-p', 'case.gloss'], dir);
    expect(missing.code).toBe(1);
  });
});
