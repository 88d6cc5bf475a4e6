import type { ApiArgs, ApiMethod, ApiResults } from '../core/api';
import type { ServiceContext } from './context';

/** The implementation of each API method; called only with arguments that passed validation. */
export type Handlers = {
  [M in ApiMethod]: (
    ctx: ServiceContext,
    args: ApiArgs[M],
  ) => ApiResults[M] | Promise<ApiResults[M]>;
};

/** Runs a read-check-write method in one transaction, so its checks still hold when it writes. */
export function inTransaction<A, R>(
  method: (ctx: ServiceContext, args: A) => R,
): (ctx: ServiceContext, args: A) => R {
  return (ctx, args) => ctx.db.transaction(() => method(ctx, args)).immediate();
}
