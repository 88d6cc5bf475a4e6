import type { FuseV1Config } from '@electron/fuses';

/** The part of electron-builder's AfterPackContext the hook reads. */
export interface PackContextLike {
  appOutDir: string;
  electronPlatformName: string;
  arch: number;
  packager: { appInfo: { productFilename: string }; executableName: string };
}

export declare function fuseConfig(options?: { testBuild?: boolean }): FuseV1Config;
export declare function electronBinaryPath(context: PackContextLike): string;
export declare function fusesOutOfPlace(
  wire: Record<string, unknown>,
  config: Record<string, unknown>,
): string[];
export declare function afterPack(
  context: PackContextLike,
  options?: { testBuild?: boolean },
): Promise<void>;
export default afterPack;
