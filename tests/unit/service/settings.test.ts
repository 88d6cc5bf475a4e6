import { join } from 'node:path';
import Sqlite from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { openService } from '../../../service/service';
import { makeTempDir, rejectionOf } from './helpers';

describe('getSettings and updateSettings', () => {
  it('stores what changes, keeps the rest, records who and when, and survives a reopen', async () => {
    const projectPath = join(makeTempDir(), 'settings.gloss');
    const first = openService({ projectPath, author: 'analyst', appVersion: '1' });
    const defaults = await first.api.getSettings({});
    expect(defaults).toEqual({
      maxImportBytes: 209_715_200,
      maxTextChars: 50_000_000,
      keepOriginalBytes: 52_428_800,
      backupIntervalMinutes: 10,
      backupsKept: 10,
    });
    const updated = await first.api.updateSettings({
      keepOriginalBytes: 0,
      maxTextChars: 1_000_000,
    });
    expect(updated).toEqual({ ...defaults, keepOriginalBytes: 0, maxTextChars: 1_000_000 });
    const invalid = await rejectionOf(first.api.updateSettings({ maxImportBytes: 1e12 }));
    expect(invalid.code).toBe('invalid_argument');
    first.close();

    const second = openService({ projectPath, author: 'other', appVersion: '1' });
    expect(await second.api.getSettings({})).toEqual(updated);
    second.close();
    const db = new Sqlite(projectPath, { readonly: true });
    const row = db
      .prepare("SELECT value, updated_by, updated_at FROM settings WHERE key = 'keepOriginalBytes'")
      .get();
    db.close();
    expect(row).toMatchObject({
      value: '0',
      updated_by: 'analyst',
      updated_at: expect.stringMatching(/Z$/),
    });
  });

  it('keeps no original when keepOriginalBytes is 0, so re-import says why it cannot', async () => {
    const projectPath = join(makeTempDir(), 'settings.gloss');
    const service = openService({ projectPath, author: 'analyst', appVersion: '1' });
    try {
      await service.api.updateSettings({ keepOriginalBytes: 0 });
      const [outcome] = await service.api.importFiles({
        files: [{ name: 'a.txt', data: Buffer.from('Text.').toString('base64') }],
      });
      if (outcome?.status !== 'imported') throw new Error('not imported');
      const doc = await service.api.getDocument({ id: outcome.document.id });
      expect(doc.provenance.originalKept).toBe(false);
      expect((await rejectionOf(service.api.reimportDocument({ id: doc.id }))).code).toBe(
        'conflict',
      );
    } finally {
      service.close();
    }
  });
});
