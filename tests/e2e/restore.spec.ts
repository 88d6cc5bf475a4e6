/**
 * Backups and recovery in browser mode (issue 6): the "Restore from backup" dialog on a running
 * project, and the recovery screen a damaged project opens on.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { ROOT_TAGS } from '../../core/codebook';
import { openService } from '../../service/service';
import { expect, test } from './fixtures';

const CLAIM = ROOT_TAGS[0]!.id;
const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const WEB_BUNDLE = path.join(ROOT, 'out/node/web.mjs');

const base64 = (text: string) => Buffer.from(text, 'utf8').toString('base64');
const ARTICLE = 'Министр заявил 🙂, что 東京 примет делегацию. '.repeat(30);

test('restores an earlier backup from the library, and the restore can be undone', async ({
  page,
  gloss,
}) => {
  const [imported] = await gloss.call('importFiles', {
    files: [{ name: 'report.txt', data: base64(ARTICLE) }],
  });
  if (imported?.status !== 'imported') throw new Error('import failed');
  const documentId = imported.document.id;
  const annotate = (start: number) =>
    gloss.call('createAnnotation', { documentId, tagId: CLAIM, start, end: start + 7 });
  await annotate(0);
  await annotate(10);

  await page.goto(gloss.url);
  await page.getByRole('button', { name: 'Backups…' }).click();
  const dialog = page.getByRole('dialog', { name: 'Restore from backup' });
  await expect(dialog).toBeVisible();
  await dialog.getByRole('button', { name: 'Back up now' }).click();
  const backups = dialog.getByRole('radio');
  await expect(dialog.getByText('1 document · 2 annotations').first()).toBeVisible();
  await expect(dialog.getByText('Made by hand')).toBeVisible();
  await expect(dialog.getByText(`${gloss.projectPath}.backups`)).toBeVisible();
  await dialog.getByRole('button', { name: 'Close' }).click();

  // Work goes on after the backup…
  await annotate(20);
  await annotate(30);
  expect(await gloss.call('listAnnotations', { documentId })).toHaveLength(4);

  // …and is undone by restoring it, chosen by keyboard.
  await page.getByRole('button', { name: 'Backups…' }).click();
  await expect(backups.first()).toBeFocused();
  await expect(dialog.getByRole('radio', { checked: true })).toHaveAccessibleName(
    /Made by hand 1 document · 2 annotations/,
  );
  await page.keyboard.press('Enter');
  const confirm = page.getByRole('dialog', { name: 'Restore this backup?' });
  await expect(confirm).toContainText('Gloss first backs up the project as it is now');
  await confirm.getByRole('button', { name: 'Restore' }).click();

  await expect(
    page.getByRole('status').filter({ hasText: 'Restored the backup from' }),
  ).toBeVisible();
  await expect(page.getByRole('heading', { level: 1, name: 'Library' })).toBeVisible();
  expect(await gloss.call('listAnnotations', { documentId })).toHaveLength(2);

  // The state it replaced was backed up first: restoring that brings the four back.
  await page.getByRole('button', { name: 'Backups…' }).click();
  await dialog.getByRole('radio', { name: /Before a restore/ }).check();
  await dialog.getByRole('button', { name: 'Restore…' }).click();
  await confirm.getByRole('button', { name: 'Restore' }).click();
  // (The notice of the first restore may still be showing: wait for the annotations instead.)
  await expect
    .poll(async () => (await gloss.call('listAnnotations', { documentId })).length)
    .toBe(4);
  await expect(page.getByRole('heading', { level: 1, name: 'Library' })).toBeVisible();
});

/** Starts browser mode on an existing project; resolves with its URL once it listens. */
async function serve(
  projectPath: string,
): Promise<{ url: string; child: ChildProcess; output: string[] }> {
  const child = spawn(
    process.execPath,
    [WEB_BUNDLE, '--project', projectPath, '--port', '0', '--no-open'],
    { stdio: ['ignore', 'pipe', 'pipe'] },
  );
  const output: string[] = [];
  child.stderr!.on('data', (chunk: Buffer) => output.push(chunk.toString()));
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no URL: ${output.join('')}`)), 20_000);
    child.stdout!.on('data', (chunk: Buffer) => {
      output.push(chunk.toString());
      const match = /Gloss is running at (\S+)/.exec(output.join(''));
      if (match) {
        clearTimeout(timer);
        resolve(match[1]!);
      }
    });
    child.once('exit', (code) => reject(new Error(`exited ${code}: ${output.join('')}`)));
  });
  return { url, child, output };
}

test('a damaged project opens on the recovery screen, which restores its newest backup', async ({
  page,
}) => {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'gloss-e2e-damaged-'));
  const projectPath = path.join(dir, 'case.gloss');
  let server: { child: ChildProcess } | undefined;
  try {
    // A real project with a backup, then its pages overwritten from the middle on.
    const service = openService({ projectPath, author: 'analyst', appVersion: 'test' });
    await service.api.importFiles({ files: [{ name: 'report.txt', data: base64(ARTICLE) }] });
    const backup = await service.api.createBackup({});
    service.close();
    const bytes = await readFile(projectPath);
    bytes.fill(0xa5, 4096 * 2, 4096 * 4);
    await writeFile(projectPath, bytes);

    const started = await serve(projectPath);
    server = started;
    expect(started.output.join('')).toContain('case.gloss is damaged');
    await page.goto(started.url);
    await expect(page.getByRole('heading', { name: 'This project is damaged' })).toBeVisible();
    await expect(page.getByRole('alert')).toContainText('case.gloss is damaged:');
    await expect(page.getByRole('alert')).toContainText(`(${backup.name})`);
    await expect(page.getByRole('radio', { checked: true })).toHaveAccessibleName(/Made by hand/);

    await page.getByRole('button', { name: 'Restore newest backup' }).click();
    // The server starts the service on the restored file, then the page reloads on it.
    await expect(
      page.getByRole('status').filter({ hasText: 'The damaged file was kept as' }),
    ).toBeVisible({ timeout: 20_000 });
    await expect(page.getByRole('heading', { level: 1, name: 'Library' })).toBeVisible();
    await expect(page.getByRole('list', { name: 'Documents' }).getByRole('listitem')).toHaveCount(
      1,
    );

    const aside = (await readdir(dir)).filter((name) => name.startsWith('case.gloss.damaged-'));
    expect(aside.filter((name) => !/-(wal|shm)$/.test(name))).toHaveLength(1);
    expect(
      (
        await readFile(
          path.join(
            dir,
            aside.find((n) => !/-(wal|shm)$/.test(n))!,
          ),
        )
      ).equals(bytes),
    ).toBe(true);
  } finally {
    if (server) {
      const exited = new Promise((resolve) => server!.child.once('exit', resolve));
      server.child.kill('SIGTERM');
      await exited;
    }
    await rm(dir, { recursive: true, force: true });
  }
});
