import { version } from '../package.json';

/** The version of this build of Gloss, from package.json (bundled in at build time). */
export const APP_VERSION: string = version;
