import type { Handlers } from './handlers';

/** The handlers of core/api-editing.ts; service.ts spreads them into the full table. */
export const editingHandlers = {} satisfies Partial<Handlers>;
