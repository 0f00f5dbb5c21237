import { z } from 'zod';
import { FerryError, type ErrorCodeName } from '../../../../shared/api/api-error';

/** The error body Genesys returns; every field optional because proxies and gateways vary. */
export const genesysErrorBodySchema = z
  .object({
    message: z.string().optional(),
    code: z.string().optional(),
    status: z.number().optional(),
    contextId: z.string().optional(),
    entityId: z.string().optional(),
    entityName: z.string().optional(),
  })
  .loose();

export const GenesysErrorCode = {
  badRequest: 'genesys.bad-request',
  unauthorized: 'genesys.unauthorized',
  forbidden: 'genesys.forbidden',
  notFound: 'genesys.not-found',
  conflict: 'conflict',
  rateLimited: 'genesys.rate-limited',
  serverError: 'genesys.server-error',
  unreachable: 'network.unreachable',
  timeout: 'network.timeout',
  malformed: 'genesys.malformed-response',
  cancelled: 'cancelled',
} as const;

/**
 * A failed Platform API call. Carries Genesys's own code, message and contextId (what support
 * asks for) and the method and path; never a header, a token or a secret.
 */
export class GenesysApiError extends FerryError {
  readonly status: number | null;
  /**
   * A write that failed in a way that does not show whether the server carried it out (the
   * connection lost after sending, a timeout, a 500/502/504): only reading the target can tell.
   */
  readonly outcomeUnknown: boolean;

  constructor(
    code: ErrorCodeName,
    message: string,
    details: {
      status: number | null;
      method: string;
      path: string;
      genesysCode?: string;
      contextId?: string;
    },
    options: { outcomeUnknown?: boolean } = {},
  ) {
    super(code, message, { ...details });
    this.name = 'GenesysApiError';
    this.status = details.status;
    this.outcomeUnknown = options.outcomeUnknown ?? false;
  }
}

/** A reply Ferry cannot read as what `path` answers: `what` says what was wrong with it. */
export function malformedReply(path: string, what: string, method = 'GET'): GenesysApiError {
  return new GenesysApiError(GenesysErrorCode.malformed, `The reply to ${path} was malformed: ${what}`, {
    status: null,
    method,
    path,
  });
}

export function errorCodeForStatus(status: number): ErrorCodeName {
  if (status === 400) return GenesysErrorCode.badRequest;
  if (status === 401) return GenesysErrorCode.unauthorized;
  if (status === 403) return GenesysErrorCode.forbidden;
  if (status === 404) return GenesysErrorCode.notFound;
  if (status === 409) return GenesysErrorCode.conflict;
  if (status === 429) return GenesysErrorCode.rateLimited;
  if (status >= 500) return GenesysErrorCode.serverError;
  return `genesys.http-${status}`;
}

/** Builds the typed error from a non-2xx reply. A 400 about a stale version is a conflict too. */
export function apiErrorFromResponse(
  status: number,
  body: unknown,
  method: string,
  path: string,
  options: { outcomeUnknown?: boolean } = {},
): GenesysApiError {
  const parsed = genesysErrorBodySchema.safeParse(body);
  const info = parsed.success ? parsed.data : {};
  const versionMismatch = /does not match (the )?current version|Unexpected version/i.test(
    info.message ?? '',
  );
  const code = versionMismatch ? GenesysErrorCode.conflict : errorCodeForStatus(status);
  const summary = info.message ?? `HTTP ${status}`;
  return new GenesysApiError(
    code,
    `${method} ${path} failed: ${summary}${info.code ? ` (${info.code})` : ''}`,
    {
      status,
      method,
      path,
      ...(info.code ? { genesysCode: info.code } : {}),
      ...(info.contextId ? { contextId: info.contextId } : {}),
    },
    options,
  );
}
