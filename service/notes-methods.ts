import type { Handlers } from './handlers';

/** The handlers of core/api-notes.ts; service.ts spreads them into the full table. */
export const notesHandlers = {} satisfies Partial<Handlers>;
