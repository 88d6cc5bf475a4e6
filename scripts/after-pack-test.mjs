// The afterPack hook of the test build (electron-builder.test.yml): the release fuses, except
// EnableNodeCliInspectArguments, which Playwright's `_electron.launch` needs (see after-pack.mjs).
// Only a default export: electron-builder would prefer a named `afterPack` export over it.
import { afterPack } from './after-pack.mjs';

export default function afterPackTestBuild(context) {
  return afterPack(context, { testBuild: true });
}
