import type { Handlers } from './handlers';

/** The handlers of core/api-entities.ts; service.ts spreads them into the full table. */
export const entityHandlers = {} satisfies Partial<Handlers>;
