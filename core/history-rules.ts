/**
 * What an undo history may replay. A stored step is a list of API calls run again through the
 * normal, validated API; a stored history is data that could have been tampered with (it lives
 * in the project file, which may come from someone else), so only calls that change the
 * analyst's own records may be replayed. Anything that reads or writes files, paths, backups or
 * the project itself is never replayed, whatever the step says.
 */
import type { ApiArgs, ApiMethod } from './api';
import type { HistoryCall } from './domain';
import { API_METHOD_NAMES, type ApiMethodName } from './methods';

/** Verbs of the methods that change records and can be replayed. */
const REPLAYABLE_VERBS = [
  'create',
  'update',
  'delete',
  'restore',
  'set',
  'merge',
  'split',
  'move',
  'reorder',
  'rename',
  'link',
  'unlink',
  'add',
  'remove',
  'reattach',
  'revert',
  'reapply',
  'edit',
] as const;

/**
 * Words that rule a method out even with a replayable verb: file and path access, import and
 * export, backups and projects (restoring a backup is not an undo step), settings, and the
 * history itself (a step must not rewrite the history it is part of).
 */
const NEVER_REPLAYED = /import|export|path|file|backup|snapshot|project|settings|history|token/i;

/** Methods with a replayable verb that still must never be replayed. */
const NEVER_REPLAYED_NAMES: ReadonlySet<string> = new Set(['deleteDocument']);

const KNOWN_METHODS: ReadonlySet<string> = new Set(API_METHOD_NAMES);

const VERB_PATTERN = new RegExp(`^(${REPLAYABLE_VERBS.join('|')})[A-Z]`);

/** Whether a stored step may call `method`. */
export function isReplayableMethod(method: string): method is ApiMethodName {
  return (
    KNOWN_METHODS.has(method) &&
    VERB_PATTERN.test(method) &&
    !NEVER_REPLAYED.test(method) &&
    !NEVER_REPLAYED_NAMES.has(method)
  );
}

/** A typed history call: the arguments are checked against the method at compile time. */
export function historyCall<M extends ApiMethod>(method: M, args: ApiArgs[M]): HistoryCall {
  return { method, args };
}

/** Limits of the stored history. */
export const HISTORY_LIMITS = {
  /** Steps kept per document (and for the project); older ones are dropped. */
  stepsPerDocument: 500,
  /** Calls in one direction of one step. */
  callsPerStep: 200,
  /** The JSON of one direction of one step, in characters. */
  stepJsonChars: 256 * 1024,
  labelChars: 200,
} as const;

/** Why a step cannot be stored, or null when it can. */
export function historyStepProblem(step: {
  undo: readonly HistoryCall[];
  redo: readonly HistoryCall[];
}): string | null {
  for (const [side, calls] of [
    ['undo', step.undo],
    ['redo', step.redo],
  ] as const) {
    if (calls.length > HISTORY_LIMITS.callsPerStep) {
      return `${side} has ${calls.length} calls; at most ${HISTORY_LIMITS.callsPerStep}`;
    }
    for (const call of calls) {
      if (!isReplayableMethod(call.method)) {
        return `${side} calls ${call.method}, which a history step may not call`;
      }
    }
    if (JSON.stringify(calls).length > HISTORY_LIMITS.stepJsonChars) {
      return `${side} is larger than ${HISTORY_LIMITS.stepJsonChars} characters`;
    }
  }
  return null;
}
