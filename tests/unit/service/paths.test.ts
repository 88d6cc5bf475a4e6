import { describe, expect, it } from 'vitest';
import { defaultAuthor, defaultProjectPath, userDataPath } from '../../../service/paths';

describe('userDataPath', () => {
  it("matches Electron's userData folder for an app named Gloss on each platform", () => {
    expect(userDataPath('linux', {}, '/home/ana')).toBe('/home/ana/.config/Gloss');
    expect(userDataPath('linux', { XDG_CONFIG_HOME: '/xdg' }, '/home/ana')).toBe('/xdg/Gloss');
    expect(userDataPath('darwin', {}, '/Users/ana')).toBe(
      '/Users/ana/Library/Application Support/Gloss',
    );
    expect(
      userDataPath('win32', { APPDATA: 'C:\\Users\\ana\\AppData\\Roaming' }, 'C:\\Users\\ana'),
    ).toBe('C:\\Users\\ana\\AppData\\Roaming\\Gloss');
  });

  it('follows GLOSS_USER_DATA_DIR, as the desktop app does', () => {
    expect(userDataPath('darwin', { GLOSS_USER_DATA_DIR: '/tmp/e2e' }, '/Users/ana')).toBe(
      '/tmp/e2e',
    );
  });

  it('puts the default project in that folder and names the current user', () => {
    expect(defaultProjectPath()).toBe(`${userDataPath()}/default.gloss`);
    expect(defaultAuthor()).not.toBe('');
  });
});
