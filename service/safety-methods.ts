import type { Handlers } from './handlers';

/** The handlers of core/api-safety.ts; service.ts spreads them into the full table. */
export const safetyHandlers = {} satisfies Partial<Handlers>;
