/**
 * The fuses of the packaged app (scripts/after-pack.mjs): the map itself, electron-builder's
 * configurations pointing at the hook, and the hook run on a binary that carries a fuse wire
 * exactly as Electron's does (the sentinel, the version, the length, one byte per fuse), since
 * no Electron binary can be downloaded here.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { FuseV1Options, FuseVersion, getCurrentFuseWire } from '@electron/fuses';
import { afterAll, afterEach, describe, expect, it, vi } from 'vitest';
import afterPackTestBuild from '../../../scripts/after-pack-test.mjs';
import { afterPack, electronBinaryPath, fuseConfig } from '../../../scripts/after-pack.mjs';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
const require = createRequire(import.meta.url);
const SENTINEL = 'dL7pKGdnNz796PbbjQWNKmHXBZaB9tsX';
const ON = 49;
const OFF = 48;

const dirs: string[] = [];
afterAll(() => dirs.forEach((dir) => rmSync(dir, { recursive: true, force: true })));
afterEach(() => vi.restoreAllMocks());

/** A file shaped like an Electron executable: code, then the fuse wire, then more code. */
function fakeElectron(fuseCount = 8, initial = ON): { dir: string; binary: string } {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'gloss-fuses-'));
  dirs.push(dir);
  const binary = path.join(dir, 'gloss');
  const wire = Buffer.from([1, fuseCount, ...Array.from({ length: fuseCount }, () => initial)]);
  writeFileSync(
    binary,
    Buffer.concat([Buffer.alloc(4096, 7), Buffer.from(SENTINEL), wire, Buffer.alloc(4096, 9)]),
  );
  return { dir, binary };
}

function linuxContext(dir: string) {
  return {
    appOutDir: dir,
    electronPlatformName: 'linux',
    arch: 1,
    packager: { appInfo: { productFilename: 'Gloss' }, executableName: 'gloss' },
  };
}

const name = (option: FuseV1Options): string => FuseV1Options[option];

describe('the fuse map', () => {
  it('turns off every way to run code in the main process, and on asar-only loading with integrity', () => {
    const release = fuseConfig() as unknown as Record<number, boolean>;
    expect(release[FuseV1Options.RunAsNode]).toBe(false);
    expect(release[FuseV1Options.EnableNodeOptionsEnvironmentVariable]).toBe(false);
    expect(release[FuseV1Options.EnableNodeCliInspectArguments]).toBe(false);
    expect(release[FuseV1Options.OnlyLoadAppFromAsar]).toBe(true);
    expect(release[FuseV1Options.EnableEmbeddedAsarIntegrityValidation]).toBe(true);
    expect(release[FuseV1Options.EnableCookieEncryption]).toBe(true);
    expect(release[FuseV1Options.GrantFileProtocolExtraPrivileges]).toBe(false);
  });

  it('sets every fuse @electron/fuses knows, explicitly', () => {
    const release = fuseConfig() as unknown as Record<string, unknown>;
    expect(release.version).toBe(FuseVersion.V1);
    const known = Object.values(FuseV1Options).filter((v): v is number => typeof v === 'number');
    for (const option of known) expect(typeof release[option], name(option)).toBe('boolean');
  });

  it('relaxes exactly one fuse for the test build: the inspector Playwright attaches with', () => {
    const release = fuseConfig() as unknown as Record<string, unknown>;
    const test = fuseConfig({ testBuild: true }) as unknown as Record<string, unknown>;
    const differing = Object.keys(release).filter((key) => release[key] !== test[key]);
    expect(differing.map((key) => name(Number(key)))).toEqual(['EnableNodeCliInspectArguments']);
    expect(test[FuseV1Options.EnableNodeCliInspectArguments]).toBe(true);
  });
});

describe('the afterPack hook', () => {
  it('flips the fuses of a packed binary and reads them back', async () => {
    const { dir, binary } = fakeElectron();
    vi.spyOn(console, 'log').mockImplementation(() => {});
    await afterPack(linuxContext(dir));
    const wire = (await getCurrentFuseWire(binary)) as unknown as Record<number, number>;
    expect(wire[FuseV1Options.RunAsNode]).toBe(OFF);
    expect(wire[FuseV1Options.EnableNodeOptionsEnvironmentVariable]).toBe(OFF);
    expect(wire[FuseV1Options.EnableNodeCliInspectArguments]).toBe(OFF);
    expect(wire[FuseV1Options.OnlyLoadAppFromAsar]).toBe(ON);
    expect(wire[FuseV1Options.EnableEmbeddedAsarIntegrityValidation]).toBe(ON);
    expect(wire[FuseV1Options.EnableCookieEncryption]).toBe(ON);
    // Nothing but the wire changed.
    const bytes = readFileSync(binary);
    expect(bytes.subarray(0, 4096).every((b) => b === 7)).toBe(true);
    expect(bytes.subarray(bytes.length - 4096).every((b) => b === 9)).toBe(true);
  });

  it('leaves the inspector on in the test build only', async () => {
    const { dir, binary } = fakeElectron(8, OFF);
    vi.spyOn(console, 'log').mockImplementation(() => {});
    await afterPackTestBuild(linuxContext(dir));
    const wire = (await getCurrentFuseWire(binary)) as unknown as Record<number, number>;
    expect(wire[FuseV1Options.EnableNodeCliInspectArguments]).toBe(ON);
    expect(wire[FuseV1Options.RunAsNode]).toBe(OFF);
    expect(wire[FuseV1Options.OnlyLoadAppFromAsar]).toBe(ON);
  });

  it('warns about fuses newer than @electron/fuses, and fails on a binary without fuses', async () => {
    const { dir } = fakeElectron(10);
    vi.spyOn(console, 'log').mockImplementation(() => {});
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    await afterPack(linuxContext(dir));
    expect(warn.mock.calls.flat().join(' ')).toMatch(/2 fuse\(s\) unknown/);

    const { dir: empty, binary } = fakeElectron();
    writeFileSync(binary, Buffer.alloc(1024));
    await expect(afterPack(linuxContext(empty))).rejects.toThrow(/sentinel/);
  });

  it('finds the binary of each platform', () => {
    const context = (electronPlatformName: string) => ({
      ...linuxContext('/out'),
      electronPlatformName,
    });
    expect(electronBinaryPath(context('linux'))).toBe(path.join('/out', 'gloss'));
    expect(electronBinaryPath(context('win32'))).toBe(path.join('/out', 'Gloss.exe'));
    expect(electronBinaryPath(context('darwin'))).toBe(path.join('/out', 'Gloss.app'));
  });
});

describe('electron-builder', () => {
  // electron-builder's own loader and schema validation, as `npm run dist` runs them.
  const { getConfig, validateConfiguration } = require('app-builder-lib/out/util/config/config.js');
  const { resolveFunction } = require('app-builder-lib/out/util/resolve.js');
  const { DebugLogger } = require('builder-util');

  async function load(file: string) {
    const config = await getConfig(ROOT, path.join(ROOT, file), null);
    await validateConfiguration(config, new DebugLogger(false));
    return config as {
      afterPack: string;
      appId: string;
      asar: boolean;
      directories: { output: string };
    };
  }

  it('runs the fuse hook after packing a release, and the test hook for the test build', async () => {
    vi.spyOn(console, 'log').mockImplementation(() => {});
    const release = await load('electron-builder.yml');
    const test = await load('electron-builder.test.yml');
    expect(release.afterPack).toBe('./scripts/after-pack.mjs');
    expect(release.asar).toBe(true);
    expect(test.afterPack).toBe('./scripts/after-pack-test.mjs');
    expect(test.appId).not.toBe(release.appId);
    expect(test.directories.output).not.toBe(release.directories.output);
    // The hooks electron-builder will call, resolved the way it resolves them.
    // Both are run on a binary: the inspector fuse tells which build each made.
    const inspectorAfter = async (hookPath: string): Promise<number> => {
      const hook = await resolveFunction('afterPack', hookPath, 'afterPack', ROOT);
      const { dir, binary } = fakeElectron();
      await hook(linuxContext(dir));
      const wire = (await getCurrentFuseWire(binary)) as unknown as Record<number, number>;
      return wire[FuseV1Options.EnableNodeCliInspectArguments]!;
    };
    expect(await inspectorAfter(release.afterPack)).toBe(OFF);
    expect(await inspectorAfter(test.afterPack)).toBe(ON);
  });
});
