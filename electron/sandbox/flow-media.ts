import type { IncomingMessage, ServerResponse } from 'node:http';
import type { FaultInjector } from './fault-injector';
import { FLOW_FILE_MAX_BYTES } from './flow-file';
import type { OrgStore } from './org-store';
import type { LinkSigner } from './presigned-link';
import {
  acceptFlowUpload,
  DEFAULT_FLOW_JOB_DURATION_MS,
  exportDownload,
  FLOW_MEDIA_PREFIX,
} from './routes/flow-jobs-routes';
import { orgByOrganizationId, readBytes } from './storage-link';

/**
 * The two links of Architect jobs that are not Platform API calls, served on the sandbox's storage
 * host (not the API's) like the S3 they stand for: `PUT /sandbox-media/flows/imports/<org>/<jobId>?<signature>`
 * takes an import job's flow file (with the headers the job handed out, which the link signs), and
 * `GET /sandbox-media/flows/exports/<org>/<jobId>?<signature>` is an export job's `downloadUrl`.
 * The signature is the only credential (presigned-link.ts): a bearer token is refused, an expired
 * or altered link answers 403, and errors come in S3's XML.
 */
export async function handleFlowMedia(
  parts: {
    store: OrgStore;
    clock: () => number;
    faults: FaultInjector;
    flowJobDurationMs?: number;
    signer: LinkSigner;
  },
  request: IncomingMessage,
  response: ServerResponse,
  url: URL,
  correlationId: string,
): Promise<void> {
  const path = url.pathname;
  const method = request.method ?? 'GET';
  const segments = path.startsWith(`${FLOW_MEDIA_PREFIX}/`)
    ? path.slice(FLOW_MEDIA_PREFIX.length + 1).split('/')
    : [];
  const kind = segments.length === 3 ? segments[0] : undefined;
  if (kind !== 'imports' && kind !== 'exports') {
    return storageError(response, 404, 'NoSuchKey', 'The specified key does not exist.', correlationId);
  }
  const wanted = kind === 'imports' ? 'PUT' : 'GET';
  if (method !== wanted) {
    return storageError(
      response,
      405,
      'MethodNotAllowed',
      `The specified method is not allowed against this resource; use ${wanted}.`,
      correlationId,
    );
  }
  const nowMs = parts.clock();
  const refused = parts.signer.verify(method, path, url.searchParams, request.headers, nowMs);
  if (refused !== null) {
    request.resume();
    return storageError(response, refused.status, refused.code, refused.message, correlationId);
  }
  const [, organizationId = '', jobId = ''] = segments;
  const orgKey = orgByOrganizationId(parts.store, organizationId);
  const now = new Date(nowMs).toISOString();
  if (kind === 'exports') {
    const text = orgKey === null ? null : exportDownload(parts.store.get(orgKey), jobId, now);
    if (text === null) {
      return storageError(response, 404, 'NoSuchKey', 'The export is not there (any more).', correlationId);
    }
    response.writeHead(200, {
      'Content-Type': 'application/x-yaml; charset=UTF-8',
      'Content-Length': Buffer.byteLength(text),
    });
    response.end(text);
    return;
  }
  if (orgKey === null) {
    request.resume();
    return storageError(response, 404, 'NoSuchKey', 'The upload URL names no org here.', correlationId);
  }
  const armed = parts.faults.takeArmed('flowUpload');
  if (armed === 'tooManyRequests') {
    request.resume();
    response.setHeader('Retry-After', '1');
    return storageError(response, 503, 'SlowDown', 'Please reduce your request rate.', correlationId);
  }
  const bytes = await readBytes(request, FLOW_FILE_MAX_BYTES);
  if (bytes === null) {
    return storageError(response, 413, 'EntityTooLarge', 'The flow file is too large.', correlationId);
  }
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return storageError(response, 400, 'InvalidRequest', 'The flow file is not UTF-8 text.', correlationId);
  }
  const outcome = acceptFlowUpload(
    parts.store.get(orgKey),
    jobId,
    text,
    now,
    parts.flowJobDurationMs ?? DEFAULT_FLOW_JOB_DURATION_MS,
  );
  // The upload is held with the job in memory (flow-jobs.ts): the org itself has not changed.
  // The upload landed; its answer is lost on the way, as a test asked.
  if (armed === 'lostReply') {
    request.socket.destroy();
    return;
  }
  if (outcome.status === 200) {
    response.writeHead(200, { ETag: `"${jobId}"`, 'Content-Length': 0 });
    response.end();
    return;
  }
  const code =
    outcome.status === 409 ? 'OperationAborted' : outcome.status === 403 ? 'AccessDenied' : 'NoSuchKey';
  return storageError(response, outcome.status, code, outcome.message, correlationId);
}

/** S3's error reply: XML with a code and a message, and the request's id. */
function storageError(
  response: ServerResponse,
  status: number,
  code: string,
  message: string,
  requestId: string,
): void {
  const escape = (text: string) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
  const text = `<?xml version="1.0" encoding="UTF-8"?>\n<Error><Code>${code}</Code><Message>${escape(message)}</Message><RequestId>${requestId}</RequestId></Error>`;
  response.writeHead(status, {
    'Content-Type': 'application/xml',
    'Content-Length': Buffer.byteLength(text),
  });
  response.end(text);
}
