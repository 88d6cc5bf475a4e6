// electron-builder `afterPack` hook (electron-builder.yml): flips Electron's fuses in the packaged
// binary before it is signed and wrapped into an installer. Fuses are switches compiled into the
// Electron executable; once flipped in a signed build they cannot be turned back from outside.
//   RunAsNode off                            ELECTRON_RUN_AS_NODE cannot turn Gloss into plain Node
//   EnableNodeOptionsEnvironmentVariable off NODE_OPTIONS cannot inject code or flags
//   EnableNodeCliInspectArguments off        --inspect cannot attach a debugger to the main process
//   OnlyLoadAppFromAsar on                   only the app.asar that shipped is loaded, no app/ folder
//   EnableEmbeddedAsarIntegrityValidation on that app.asar is checked against its signed hash
//   EnableCookieEncryption on                cookies on disk are encrypted with the OS keychain
//   GrantFileProtocolExtraPrivileges off     Gloss serves its UI from app://, file:// needs nothing
//   LoadBrowserProcessSpecificV8Snapshot off Gloss ships no separate snapshot for the main process
// The test build (electron-builder.test.yml, hook scripts/after-pack-test.mjs) differs in ONE
// fuse: EnableNodeCliInspectArguments stays on, because Playwright's `_electron.launch` drives the
// app by attaching to its main process with `--inspect=0` (that is how `app.evaluate` works). A
// test build is never published: it goes to release/test/ and carries another app id.
import path from 'node:path';
import fuses from '@electron/fuses';

const { flipFuses, FuseV1Options, FuseVersion, getCurrentFuseWire } = fuses;

/** Fuse states as @electron/fuses writes them into the binary: the characters '1' and '0'. */
const FUSE_ON = 49;
const FUSE_OFF = 48;
/** electron-builder's Arch.arm64. */
const ARCH_ARM64 = 3;

/**
 * The fuse map of a release build, or of the test build with `{ testBuild: true }`: every fuse
 * @electron/fuses knows, set explicitly, so none is left to Electron's default.
 */
export function fuseConfig({ testBuild = false } = {}) {
  return {
    version: FuseVersion.V1,
    [FuseV1Options.RunAsNode]: false,
    [FuseV1Options.EnableCookieEncryption]: true,
    [FuseV1Options.EnableNodeOptionsEnvironmentVariable]: false,
    [FuseV1Options.EnableNodeCliInspectArguments]: testBuild,
    [FuseV1Options.EnableEmbeddedAsarIntegrityValidation]: true,
    [FuseV1Options.OnlyLoadAppFromAsar]: true,
    [FuseV1Options.LoadBrowserProcessSpecificV8Snapshot]: false,
    [FuseV1Options.GrantFileProtocolExtraPrivileges]: false,
  };
}

/** The file whose fuses are flipped: the .app bundle on macOS, the executable elsewhere. */
export function electronBinaryPath(context) {
  const { appOutDir, electronPlatformName, packager } = context;
  const productFilename = packager.appInfo.productFilename;
  if (electronPlatformName === 'darwin' || electronPlatformName === 'mas') {
    return path.join(appOutDir, `${productFilename}.app`);
  }
  if (electronPlatformName === 'win32') return path.join(appOutDir, `${productFilename}.exe`);
  return path.join(appOutDir, packager.executableName);
}

/** Names of the fuses whose state in `wire` differs from `config` (after flipping: none). */
export function fusesOutOfPlace(wire, config) {
  const wrong = [];
  for (const [key, name] of Object.entries(FuseV1Options)) {
    if (typeof name !== 'string' || config[key] === undefined) continue;
    if (wire[key] !== (config[key] ? FUSE_ON : FUSE_OFF)) wrong.push(name);
  }
  return wrong;
}

/** Flips the fuses of the packed app and reads them back: a fuse out of place fails the build. */
export async function afterPack(context, { testBuild = false } = {}) {
  const binary = electronBinaryPath(context);
  const config = {
    ...fuseConfig({ testBuild }),
    // An arm64 macOS build must be re-signed ad hoc to start at all once its bytes changed.
    resetAdHocDarwinSignature:
      context.electronPlatformName === 'darwin' && context.arch === ARCH_ARM64,
  };
  await flipFuses(binary, config);
  const wire = await getCurrentFuseWire(binary);
  const wrong = fusesOutOfPlace(wire, config);
  if (wrong.length > 0) {
    throw new Error(`after-pack: fuses not set in ${binary}: ${wrong.join(', ')}`);
  }
  const known = Object.values(FuseV1Options).filter((value) => typeof value === 'number').length;
  const present = Object.keys(wire).filter((key) => key !== 'version').length;
  if (present > known) {
    // A newer Electron has fuses this @electron/fuses does not know: they keep Electron's default.
    console.warn(
      `after-pack: ${present - known} fuse(s) unknown to @electron/fuses left as they are`,
    );
  }
  console.log(`after-pack: fuses set for a ${testBuild ? 'TEST' : 'release'} build in ${binary}`);
}

export default afterPack;
