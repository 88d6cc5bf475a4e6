/**
 * Builds the benchmark's project: the generated article imported and its spans annotated, through
 * the real service (the same code the web server's worker runs), so the reader later opens
 * exactly what an analyst's project would hold.
 */
import { writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import * as esbuild from 'esbuild';
import { nodeBundleOptions, nodeExternals } from '../../scripts/bundle-options.mjs';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

/**
 * Bundles the service and the codebook into one ESM file in `dir`, with the options the shipped
 * Node bundles are built with, and imports it. The packages those leave external (better-sqlite3,
 * a native module, and the like) stay external, but are pointed at by absolute URL: the bundle
 * lives in a temporary folder, outside any node_modules lookup path.
 * @param {string} dir
 */
async function loadService(dir) {
  const require = createRequire(path.join(ROOT, 'package.json'));
  const outfile = path.join(dir, 'service.bench.mjs');
  const names = nodeExternals.map((name) => name.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&'));
  await esbuild.build({
    ...nodeBundleOptions,
    // The plugin below decides what stays external, and where it is loaded from.
    external: [],
    stdin: {
      contents:
        "export { openService } from './service/service';\n" +
        "export { ROOT_TAGS } from './core/codebook';\n",
      resolveDir: ROOT,
      loader: 'ts',
    },
    absWorkingDir: ROOT,
    outfile,
    logLevel: 'error',
    plugins: [
      {
        name: 'externals-by-path',
        setup(build) {
          build.onResolve({ filter: new RegExp(`^(${names.join('|')})$`) }, (args) => ({
            path: pathToFileURL(require.resolve(args.path)).href,
            external: true,
          }));
        },
      },
    ],
  });
  return import(pathToFileURL(outfile).href);
}

/**
 * @typedef {object} BenchProject
 * @property {string} projectPath
 * @property {string} documentId
 * @property {string} title
 * @property {number} annotations  how many were created
 * @property {number} overlapping  how many of them overlap another
 * @property {{ importMs: number, annotateMs: number, perSecond: number }} populate
 */

/**
 * Writes the article to `dir`, imports it into a new project there and creates one annotation per
 * span, one API call (and so one transaction, fsync included) each, as the reader makes them.
 * @param {string} dir  a fresh temporary folder
 * @param {{ text: string, spans: { start: number, end: number, tag: number }[], overlapping: number }} article
 * @returns {Promise<BenchProject>}
 */
export async function createBenchProject(dir, article) {
  const { openService, ROOT_TAGS } = await loadService(dir);
  const articlePath = path.join(dir, 'bench-article.txt');
  await writeFile(articlePath, article.text);
  const projectPath = path.join(dir, 'bench.gloss');
  const service = openService({ projectPath, author: 'bench', appVersion: 'bench' });
  try {
    const importStart = performance.now();
    const [outcome] = await service.api.importFiles({
      files: [
        {
          name: path.basename(articlePath),
          path: articlePath,
          data: Buffer.from(article.text).toString('base64'),
        },
      ],
    });
    const importMs = performance.now() - importStart;
    if (outcome?.status !== 'imported') {
      throw new Error(`The article could not be imported: ${outcome?.error ?? 'no outcome'}`);
    }
    const documentId = outcome.document.id;

    const annotateStart = performance.now();
    for (const span of article.spans) {
      await service.api.createAnnotation({
        documentId,
        tagId: ROOT_TAGS[span.tag].id,
        start: span.start,
        end: span.end,
      });
    }
    const annotateMs = performance.now() - annotateStart;
    return {
      projectPath,
      documentId,
      title: outcome.document.title,
      annotations: article.spans.length,
      overlapping: article.overlapping,
      populate: {
        importMs,
        annotateMs,
        perSecond: article.spans.length / (annotateMs / 1000),
      },
    };
  } finally {
    // Closing checkpoints the WAL into the project file before the web server opens it.
    service.close();
  }
}
