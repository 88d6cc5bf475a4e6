import { describe, expect, it } from 'vitest';
import { API_METHODS } from '../../../core/api';
import { DENIED_METHODS, PATH_METHODS, refusalFor } from '../../../service/doors';

describe('the methods each door refuses', () => {
  it('keeps the path methods away from every page: browser mode and the app window', () => {
    for (const door of ['web', 'desktop'] as const) {
      expect([...DENIED_METHODS[door]].sort()).toEqual([
        'expandPaths',
        'exportToPath',
        'importAnnotationsFromPath',
        'importPaths',
        'saveProjectCopy',
        'takeDownload',
      ]);
      expect(refusalFor(door, 'importPaths')).toMatchObject({ code: 'unauthorized' });
    }
    expect(refusalFor('web', 'expandPaths')?.message).toMatch(
      /^expandPaths is not available in browser mode: Gloss reads files from disk only when/,
    );
    expect(refusalFor('desktop', 'importPaths')?.message).toMatch(/from the app window/);
  });

  it('lets the command line (the user at a shell) call everything', () => {
    expect(API_METHODS.filter((m) => refusalFor('cli', m))).toEqual([]);
  });

  it('refuses nothing else anywhere', () => {
    const others = API_METHODS.filter((m) => !PATH_METHODS.includes(m));
    for (const door of ['web', 'desktop', 'cli'] as const) {
      expect(others.filter((m) => refusalFor(door, m))).toEqual([]);
    }
  });
});
