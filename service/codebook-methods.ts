import type { Handlers } from './handlers';

/** The handlers of core/api-codebook.ts; service.ts spreads them into the full table. */
export const codebookHandlers = {} satisfies Partial<Handlers>;
