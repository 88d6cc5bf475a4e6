import type { Handlers } from './handlers';

/** The handlers of core/api-exchange.ts; service.ts spreads them into the full table. */
export const exchangeHandlers = {} satisfies Partial<Handlers>;
