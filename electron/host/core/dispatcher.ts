import { randomUUID } from 'node:crypto';
import { ErrorCode, FerryError, type ApiResult, type ErrorCodeName } from '../../../shared/api/api-error';
import {
  channels,
  isChannelName,
  type ChannelName,
  type ParsedRequestOf,
  type ResponseOf,
} from '../../../shared/api/channels';
import { formatIssuePath } from '../../../shared/api/issues';
import { describeWordedIssues, issueSentence, wordIssue } from '../../../shared/api/issue-wording';
import type { Logger } from '../../services/logging/logger';

export type ChannelHandlers = {
  [C in ChannelName]: (request: ParsedRequestOf<C>) => Promise<ResponseOf<C>>;
};

export interface Dispatcher {
  /** Never throws: every outcome is an `ApiResult` safe to hand to the renderer. */
  dispatch(channel: unknown, request: unknown): Promise<ApiResult<unknown>>;
}

/**
 * The single entry for every call from a renderer, whatever the transport: unknown channels and
 * malformed requests are refused before any handler runs, and failures leave as `{code, message,
 * details}` without stacks.
 */
export function createDispatcher(handlers: ChannelHandlers, logger: Logger): Dispatcher {
  return {
    async dispatch(channel, request) {
      if (!isChannelName(channel)) {
        const name = typeof channel === 'string' ? channel.slice(0, 100) : typeof channel;
        return fail(ErrorCode.channelUnknown, `Unknown channel "${name}"`, { channel: name });
      }
      const parsed = channels[channel].request.safeParse(request ?? {});
      if (!parsed.success) {
        // Worded for a person here, the one place requests are checked: zod's own texts never reach anyone.
        const worded = parsed.error.issues.map((issue) => wordIssue(issue, formatIssuePath(issue.path)));
        return fail(ErrorCode.requestInvalid, describeWordedIssues(worded), {
          channel,
          issues: worded.map((issue) => ({
            path: issue.path,
            label: issue.label,
            message: issueSentence(issue),
          })),
        });
      }
      try {
        const handler = handlers[channel] as (input: unknown) => Promise<unknown>;
        const value = await handler(parsed.data);
        return { ok: true, value };
      } catch (error) {
        if (error instanceof FerryError) return { ok: false, error: error.toApiError() };
        // Unexpected failures keep their detail in the local log only; the caller gets an id to quote.
        const incident = randomUUID();
        logger.error('handler failed', {
          channel,
          incident,
          error: error instanceof Error ? error.message : String(error),
        });
        return fail(ErrorCode.internal, `Ferry hit an unexpected error (incident ${incident})`, {
          channel,
          incident,
        });
      }
    },
  };
}

function fail(code: ErrorCodeName, message: string, details?: Record<string, unknown>): ApiResult<never> {
  return { ok: false, error: details ? { code, message, details } : { code, message } };
}
