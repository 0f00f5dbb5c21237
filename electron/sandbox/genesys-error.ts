/**
 * Errors in the shape Genesys Cloud answers with, so a connector's error handling is exercised
 * against the real body: `{message, code, status, contextId, details, errors}`.
 */
export interface GenesysErrorDetail {
  errorCode: string;
  fieldName?: string;
  entityId?: string;
  entityName?: string;
}

export interface GenesysErrorBody {
  message: string;
  code: string;
  status: number;
  contextId: string;
  details: GenesysErrorDetail[];
  errors: GenesysErrorBody[];
}

export class GenesysHttpError extends Error {
  readonly status: number;
  readonly code: string;
  readonly details: GenesysErrorDetail[];
  readonly headers: Readonly<Record<string, string>>;

  constructor(
    status: number,
    code: string,
    message: string,
    details: GenesysErrorDetail[] = [],
    headers: Record<string, string> = {},
  ) {
    super(message);
    this.name = 'GenesysHttpError';
    this.status = status;
    this.code = code;
    this.details = details;
    this.headers = headers;
  }

  toBody(contextId: string): GenesysErrorBody {
    return {
      message: this.message,
      code: this.code,
      status: this.status,
      contextId,
      details: this.details,
      errors: [],
    };
  }
}

export function badRequest(message: string, details: GenesysErrorDetail[] = []): GenesysHttpError {
  return new GenesysHttpError(400, 'bad.request', message, details);
}

export function notFound(message: string): GenesysHttpError {
  return new GenesysHttpError(404, 'not.found', message);
}

/** The exact text Genesys uses for a stale `version`; connectors match on it. */
export const VERSION_MISMATCH_MESSAGE = 'Version does not match current version.';

export function versionConflict(entityId: string): GenesysHttpError {
  return new GenesysHttpError(409, 'general.conflict', VERSION_MISMATCH_MESSAGE, [
    { errorCode: 'version.mismatch', fieldName: 'version', entityId },
  ]);
}

export function inUseConflict(message: string): GenesysHttpError {
  return new GenesysHttpError(409, 'general.conflict', message);
}

export function nameTaken(kind: string, name: string): GenesysHttpError {
  return badRequest(`A ${kind} named "${name}" already exists.`, [
    { errorCode: 'name.exists', fieldName: 'name', entityName: name },
  ]);
}
