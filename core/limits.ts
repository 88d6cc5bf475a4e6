/**
 * Upper bounds that keep one request from exhausting memory. Kept apart from the
 * validators so the renderer can check a file's size before sending it without bundling them.
 */
export const LIMITS = {
  /** Raw bytes of one imported file. */
  maxFileBytes: 200 * 1024 * 1024,
  /** Files in one import call. */
  maxFilesPerCall: 1000,
  maxNoteLength: 100_000,
  maxNameLength: 1024,
  maxQueryLength: 1000,
  /** Characters of pasted text or HTML. */
  maxPasteChars: 50_000_000,
} as const;
