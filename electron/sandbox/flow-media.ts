import type { IncomingMessage, ServerResponse } from 'node:http';
import type { FaultInjector } from './fault-injector';
import { FLOW_FILE_MAX_BYTES } from './flow-file';
import type { OrgStore } from './org-store';
import {
  acceptFlowUpload,
  DEFAULT_FLOW_JOB_DURATION_MS,
  exportDownload,
  FLOW_MEDIA_PREFIX,
  FLOW_UPLOAD_TOKEN_HEADER,
} from './routes/flow-jobs-routes';
import { answer, orgByOrganizationId, readBytes, uploadOrg } from './storage-link';

/**
 * The two links of Architect jobs that are not Platform API calls, served like the storage they
 * stand for: `PUT /sandbox-media/flows/imports/<org>/<jobId>` takes an import job's flow file
 * (with the headers the job handed out; no bearer token), and
 * `GET /sandbox-media/flows/exports/<org>/<jobId>/<token>` is an export job's `downloadUrl`.
 */
export async function handleFlowMedia(
  parts: { store: OrgStore; clock: () => number; faults: FaultInjector; flowJobDurationMs?: number },
  request: IncomingMessage,
  response: ServerResponse,
  path: string,
  method: string,
  correlationId: string,
): Promise<void> {
  const segments = path.slice(FLOW_MEDIA_PREFIX.length + 1).split('/');
  const now = new Date(parts.clock()).toISOString();
  if (segments[0] === 'imports' && segments.length === 3) {
    const orgKey = uploadOrg(parts.store, method, segments[1] ?? '', response, correlationId);
    if (orgKey === null) return;
    const armed = parts.faults.takeArmed('flowUpload');
    if (armed === 'tooManyRequests') return answer(response, 429, 'Too many requests.', correlationId);
    const bytes = await readBytes(request, FLOW_FILE_MAX_BYTES);
    if (bytes === null) return answer(response, 413, 'The flow file is too large.', correlationId);
    let text: string;
    try {
      text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
    } catch {
      return answer(response, 400, 'The flow file is not UTF-8 text.', correlationId);
    }
    const token = request.headers[FLOW_UPLOAD_TOKEN_HEADER];
    const outcome = acceptFlowUpload(
      parts.store.get(orgKey),
      segments[2] ?? '',
      typeof token === 'string' ? token : undefined,
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
    return answer(response, outcome.status, outcome.message, correlationId);
  }
  if (segments[0] === 'exports' && segments.length === 4 && method === 'GET') {
    const [, organizationId, jobId, token] = segments as [string, string, string, string];
    const orgKey = orgByOrganizationId(parts.store, organizationId);
    const text = orgKey === null ? null : exportDownload(parts.store.get(orgKey), jobId, token, now);
    if (text === null) return answer(response, 404, 'No such download, or it has expired.', correlationId);
    response.writeHead(200, {
      'Content-Type': 'application/x-yaml; charset=UTF-8',
      'Content-Length': Buffer.byteLength(text),
    });
    response.end(text);
    return;
  }
  return answer(response, 404, `No resource at ${path}.`, correlationId);
}
