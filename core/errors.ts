/**
 * The one error type that crosses every door (IPC, HTTP, CLI). Its `code` is stable and
 * machine-readable; its `message` is written for the analyst who will read it.
 */
export type GlossErrorCode =
  | 'invalid_argument'
  | 'not_found'
  | 'unsupported_format'
  | 'conflict'
  | 'too_large'
  | 'schema_too_new'
  | 'unauthorized'
  // Storage (issue 6): the project file is damaged, the disk is full, the project or its disk is
  // read-only, another Gloss holds the project's write lock, or the disk failed a read or write.
  | 'damaged'
  | 'disk_full'
  | 'read_only'
  | 'busy'
  | 'io_error'
  | 'internal';

export interface GlossErrorShape {
  code: GlossErrorCode;
  message: string;
  /** Optional structured detail, e.g. which argument failed validation. */
  details?: unknown;
}

export class GlossError extends Error {
  readonly code: GlossErrorCode;
  readonly details?: unknown;

  constructor(code: GlossErrorCode, message: string, details?: unknown) {
    super(message);
    this.name = 'GlossError';
    this.code = code;
    this.details = details;
  }

  toJSON(): GlossErrorShape {
    return this.details === undefined
      ? { code: this.code, message: this.message }
      : { code: this.code, message: this.message, details: this.details };
  }

  /** Rebuilds an error that was serialised by another process or door. */
  static fromShape(shape: GlossErrorShape): GlossError {
    return new GlossError(shape.code, shape.message, shape.details);
  }
}

export function isGlossErrorShape(value: unknown): value is GlossErrorShape {
  return (
    typeof value === 'object' &&
    value !== null &&
    typeof (value as GlossErrorShape).code === 'string' &&
    typeof (value as GlossErrorShape).message === 'string'
  );
}
