/**
 * pdf.js, run the way an offline tool handling hostile files should: in this thread (its worker
 * module imported directly, so nothing is fetched and a bundler can see it), with no eval, no
 * fonts installed into anything, no network or file fetches for standard fonts or CMaps, and only
 * errors reported (warnings about missing font data would otherwise reach the console).
 */
import type * as PdfJsModule from 'pdfjs-dist/legacy/build/pdf.mjs';
import { GlossError } from '../../core/errors';
import type { TextRun, PageText } from './layout-types';
import type { PdfInfo } from './metadata';

type PdfJs = typeof PdfJsModule;

let loading: Promise<PdfJs> | undefined;

/** pdf.js, loaded on first use: it is large and most sessions import no PDF. */
function pdfjs(): Promise<PdfJs> {
  loading ??= (async () => {
    // pdf.js looks for an already-loaded worker on globalThis before trying to fetch one.
    const worker = await import('pdfjs-dist/legacy/build/pdf.worker.mjs');
    (globalThis as { pdfjsWorker?: unknown }).pdfjsWorker = worker;
    return import('pdfjs-dist/legacy/build/pdf.mjs');
  })();
  return loading;
}

/** The text of a PDF, page by page, and its information dictionary. */
export interface ExtractedPdf {
  pages: PageText[];
  info: PdfInfo;
}

/**
 * Reads every page's text runs. Throws GlossError('unsupported_format') for a password-protected
 * or unreadable file and GlossError('too_large') once the text passes `maxTextChars`.
 */
export async function extractPdf(
  bytes: Uint8Array,
  name: string,
  maxTextChars: number,
): Promise<ExtractedPdf> {
  const { getDocument, Util, VerbosityLevel } = await pdfjs();
  const task = getDocument({
    // pdf.js takes ownership of (detaches) the buffer it is given: hand it a copy.
    data: bytes.slice(),
    isEvalSupported: false,
    disableFontFace: true,
    useSystemFonts: false,
    useWorkerFetch: false,
    isOffscreenCanvasSupported: false,
    enableXfa: false,
    verbosity: VerbosityLevel.ERRORS,
  });
  try {
    const pdf = await task.promise.catch((error: unknown) => {
      throw loadError(name, error);
    });
    const { info } = await pdf.getMetadata().catch(() => ({ info: {} }));
    const pages: PageText[] = [];
    let characters = 0;
    for (let number = 1; number <= pdf.numPages; number++) {
      const page = await pdf.getPage(number).catch((error: unknown) => {
        throw loadError(name, error);
      });
      const viewport = page.getViewport({ scale: 1 });
      const content = await page.getTextContent();
      const runs: TextRun[] = [];
      for (const item of content.items) {
        if (!('str' in item) || !item.str) continue;
        // Into the page as shown: rotation applied, y measured down from the top edge.
        const [a, b, , d, e, f] = Util.transform(viewport.transform, item.transform) as number[];
        // Only horizontal text: a vertical label in the margin is not part of the article.
        if (!(a! > 0) || Math.abs(b!) > Math.abs(a!) * 0.1) continue;
        runs.push({
          text: item.str,
          x: e!,
          y: f!,
          width: item.width,
          fontSize: Math.abs(d!) || item.height,
        });
        characters += item.str.length;
      }
      if (characters > maxTextChars) {
        throw new GlossError(
          'too_large',
          `${name}: the text is longer than ${maxTextChars.toLocaleString('en')} characters`,
        );
      }
      pages.push({ page: number, width: viewport.width, height: viewport.height, runs });
      page.cleanup();
    }
    return { pages, info: info as PdfInfo };
  } finally {
    await task.destroy();
  }
}

function loadError(name: string, error: unknown): GlossError {
  const kind = (error as { name?: string } | null)?.name;
  const cause = error instanceof Error ? error.message : String(error);
  if (kind === 'PasswordException') {
    return new GlossError('unsupported_format', `${name}: this PDF is password-protected`, {
      cause,
    });
  }
  return new GlossError(
    'unsupported_format',
    `${name}: not a valid PDF file (damaged or truncated?)`,
    { cause },
  );
}
