/**
 * Files every developer and CI has beside the project, at `../shared` from its root (never
 * copied into the repository). Resolved from this file, so a clone works wherever it lives.
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

export const SHARED_DIR = path.resolve(REPO_ROOT, '../shared');

/** The real analysis article (Kavkaz Files, vol. 21 issue 2) used across the tests. */
export const SAMPLE_PATH = path.join(SHARED_DIR, 'samples/azerbaijanis-in-ukraine.txt');
