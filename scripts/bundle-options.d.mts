import type { BuildOptions } from 'esbuild';

export declare const nodeExternals: string[];
export declare const nodeBundleOptions: BuildOptions;
