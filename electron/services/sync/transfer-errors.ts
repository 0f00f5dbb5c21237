import { FerryError, isFerryError } from '../../../shared/api/api-error';
import { PushRefusedError, type TransferCredentials } from '../git/remote-transfer';

/**
 * A failed transfer in a person's words. isomorphic-git's and node's messages are kept only as
 * a detail and only after every form of the credentials (as text, URL-encoded, in a Basic header)
 * is cut out of them, so no message, log or JSON output ever carries a password.
 */
export function transferError(
  error: unknown,
  context: {
    action: string;
    url: string;
    credentials: TransferCredentials | null;
    signal?: AbortSignal | undefined;
  },
): FerryError {
  if (isFerryError(error)) return error;
  const { action, url, credentials } = context;
  const code = errorField(error, 'code');
  const name = errorField(error, 'name');
  if (context.signal?.aborted === true || name === 'AbortError' || code === 'ABORT_ERR') {
    return new FerryError('sync.cancelled', `The ${action} was cancelled; the workspace is as it was`, {
      url,
    });
  }
  if (code === 'UserCanceledError' || (code === 'HttpError' && statusOf(error) === 401)) {
    return new FerryError(
      'sync.auth-failed',
      credentials === null
        ? `${url} asked for credentials and none are stored for it: store them with \`ferry remote login ${url}\` (or set FERRY_GIT_PASSWORD)`
        : `${url} refused the stored user name and password for the ${action}: store the right ones with \`ferry remote login ${url}\``,
      { url },
    );
  }
  if (code === 'HttpError' && statusOf(error) === 403) {
    return new FerryError(
      'sync.auth-failed',
      `${url} refused the ${action} for this account (403 Forbidden): ask the remote's owner for access, or log in as another account with \`ferry remote login ${url}\``,
      { url },
    );
  }
  // The remote's receive-pack refused a ref: behind (another push got there first) or a rule of
  // the remote's own (a hook, a protected branch).
  const refusal =
    error instanceof PushRefusedError
      ? error.reason
      : code === 'GitPushError' && error instanceof Error
        ? error.message
        : null;
  if (refusal !== null && !/non-fast-forward|fetch first/.test(refusal)) {
    return new FerryError(
      'sync.unreachable',
      `${url} refused the push (${scrub(refusal.replace(/\s+/g, ' ').trim(), credentials)}): ask the remote's owner whether the branch is protected or a hook refused it`,
      { url },
    );
  }
  if (code === 'PushRejectedError' || refusal !== null) {
    return new FerryError(
      'sync.behind',
      `${url} has commits this workspace does not have yet, so the push was refused: pull first (\`ferry pull\`), then push`,
      { url },
    );
  }
  const status = code === 'HttpError' ? statusOf(error) : undefined;
  if (status !== undefined && status >= 300 && status < 400) {
    // Redirects are never followed (they could carry the Authorization header to another host).
    return new FerryError(
      'sync.unreachable',
      `${url} answered the ${action} with a redirect (${status}) to another address, which Ferry does not follow, so nothing was sent there: ask the remote's owner for its current address and set it with \`ferry remote remove\` and \`ferry remote add\``,
      { url },
    );
  }
  if (code === 'ECONNRESET' || (error instanceof Error && error.message === 'aborted')) {
    return new FerryError(
      'sync.unreachable',
      `The connection to ${url} closed before the ${action} finished, so nothing was changed: check your connection, then try again`,
      { url },
    );
  }
  const detail = scrub(error instanceof Error ? error.message : String(error), credentials);
  const preposition = action === 'push' ? 'to' : 'from';
  return new FerryError('sync.unreachable', `The ${action} ${preposition} ${url} failed: ${detail}`, { url });
}

function errorField(error: unknown, field: 'code' | 'name'): string | undefined {
  if (typeof error !== 'object' || error === null || !(field in error)) return undefined;
  const value = (error as Record<string, unknown>)[field];
  return typeof value === 'string' ? value : undefined;
}

function statusOf(error: unknown): number | undefined {
  if (typeof error !== 'object' || error === null || !('data' in error)) return undefined;
  const data = (error as { data: unknown }).data;
  if (typeof data !== 'object' || data === null || !('statusCode' in data)) return undefined;
  const status = (data as { statusCode: unknown }).statusCode;
  return typeof status === 'number' ? status : undefined;
}

/** Cuts every recognisable form of the credentials out of a foreign message. */
export function scrub(text: string, credentials: TransferCredentials | null): string {
  if (credentials === null) return text;
  const forms = [
    credentials.password,
    encodeURIComponent(credentials.password),
    Buffer.from(`${credentials.username}:${credentials.password}`).toString('base64'),
  ].filter((form) => form.length > 0);
  let out = text;
  for (const form of forms) out = out.split(form).join('***');
  return out;
}
