import type { PackContextLike } from './after-pack.mjs';

export default function afterPackTestBuild(context: PackContextLike): Promise<void>;
