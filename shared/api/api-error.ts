import { z } from 'zod';

/**
 * The one error shape that crosses the process boundary. It never carries a stack trace:
 * internal details stay in the main process log.
 */
export const apiErrorSchema = z.object({
  code: z.string().min(1),
  message: z.string(),
  details: z.record(z.string(), z.unknown()).optional(),
});
export type ApiError = z.infer<typeof apiErrorSchema>;

export type ApiResult<T> = { ok: true; value: T } | { ok: false; error: ApiError };

export const apiResultSchema = z.discriminatedUnion('ok', [
  z.object({ ok: z.literal(true), value: z.unknown() }),
  z.object({ ok: z.literal(false), error: apiErrorSchema }),
]);

/** Stable codes callers can branch on; messages are for people. */
export const ErrorCode = {
  channelUnknown: 'channel.unknown',
  requestInvalid: 'request.invalid',
  senderRefused: 'sender.refused',
  unauthorized: 'unauthorized',
  unsupported: 'unsupported',
  internal: 'internal',
  workspaceNotFound: 'workspace.not-found',
  workspaceNotAWorkspace: 'workspace.not-a-workspace',
  workspaceNewerFormat: 'workspace.newer-format',
  workspaceCorrupt: 'workspace.corrupt',
  workspaceExists: 'workspace.exists',
  workspaceFolderNotEmpty: 'workspace.folder-not-empty',
  workspaceNoneOpen: 'workspace.none-open',
  pathInvalid: 'path.invalid',
} as const;
export type ErrorCodeValue = (typeof ErrorCode)[keyof typeof ErrorCode];

/** An expected failure with a code and a message a person can act on. */
export class FerryError extends Error {
  readonly code: string;
  readonly details: Record<string, unknown> | undefined;

  constructor(code: string, message: string, details?: Record<string, unknown>) {
    super(message);
    this.name = 'FerryError';
    this.code = code;
    this.details = details;
  }

  toApiError(): ApiError {
    return this.details === undefined
      ? { code: this.code, message: this.message }
      : { code: this.code, message: this.message, details: this.details };
  }
}

export function isFerryError(value: unknown): value is FerryError {
  return value instanceof FerryError;
}
