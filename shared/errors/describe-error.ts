import type { ApiError } from '../api/api-error';
import { errorEntryFor } from './error-registry';

/**
 * Verbs a message starts a clause with when it tells a person what to do ("…; try again",
 * "Restore it from a backup"). `run` counts only before a command, "the" or "it": "Run 4f2c
 * has…" names a run.
 */
const NEXT_STEP_CLAUSE =
  /(?:^|[.;:!?—]\s+|,\s+(?:then|or)\s+)(?:(?:try|use|choose|give|ask|restore|remove|delete|start|open|check|set|add|confirm|unlock|wait|plan|resume|take|enter|store|write|pick|correct|make|update|rename|install|print)\b|run\s+(?:`|the\b|it\b))/i;

/** Whether a throw site's message already says what to do next. */
export function saysWhatToDo(message: string): boolean {
  return NEXT_STEP_CLAUSE.test(message) || /`ferry [^`]+`/.test(message);
}

/**
 * A failure as a person reads it: the throw site's specific message, followed by the registry's
 * next step for its code when that message does not already give one.
 */
export function describeError(error: Pick<ApiError, 'code' | 'message'>): string {
  const message = error.message.trim();
  if (saysWhatToDo(message)) return message;
  const entry = errorEntryFor(error.code);
  if (message === '') return `${entry.message} ${entry.nextStep}`;
  return `${/[.!?]$/.test(message) ? message : `${message}.`} ${entry.nextStep}`;
}
