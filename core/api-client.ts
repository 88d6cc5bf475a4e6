import type { ApiArgs, ApiMethod, ApiResults, GlossApi } from './api';
import { API_METHOD_NAMES } from './methods';

/**
 * Builds a GlossApi from one generic `call` function: how every door's client side is made, so
 * that no door can forget a method.
 */
export function apiFromCall(
  call: <M extends ApiMethod>(method: M, args: ApiArgs[M]) => Promise<ApiResults[M]>,
): GlossApi {
  const api = {} as Record<ApiMethod, unknown>;
  for (const method of API_METHOD_NAMES) {
    api[method] = (args: ApiArgs[typeof method]) => call(method, args);
  }
  return api as GlossApi;
}
