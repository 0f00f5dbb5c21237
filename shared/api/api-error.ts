import { z } from 'zod';
import { isErrorCode, type ErrorCodeName } from '../errors/error-registry';

export {
  errorEntryFor,
  errorRegistry,
  isErrorCode,
  type ErrorClass,
  type ErrorCodeName,
  type ErrorEntry,
} from '../errors/error-registry';

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

/**
 * Named constants for the codes the process boundary and the workspace branch on; every code,
 * these and the rest, is declared with its class and guidance in `shared/errors/error-registry`.
 */
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
} as const satisfies Record<string, ErrorCodeName>;
export type ErrorCodeValue = (typeof ErrorCode)[keyof typeof ErrorCode];

/**
 * An expected failure with a code and a message a person can act on. Only a registered code
 * compiles, so a misspelt one cannot reach a person or the CLI's exit code.
 */
export class FerryError extends Error {
  readonly code: ErrorCodeName;
  readonly details: Record<string, unknown> | undefined;

  constructor(code: ErrorCodeName, message: string, details?: Record<string, unknown>) {
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

/**
 * The error a renderer rethrows from a failed call. The wire carries any string; one this build
 * does not register (a newer main process, say) arrives as `internal`, its own code kept in the
 * details, so no branch ever sees a code the registry cannot describe.
 */
export function ferryErrorFromApi(error: ApiError): FerryError {
  if (isErrorCode(error.code)) return new FerryError(error.code, error.message, error.details);
  return new FerryError('internal', error.message, { ...error.details, code: error.code });
}

export function isFerryError(value: unknown): value is FerryError {
  return value instanceof FerryError;
}
