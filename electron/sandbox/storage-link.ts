import type { IncomingMessage, ServerResponse } from 'node:http';
import { ORG_KEYS, type OrgKey } from './org-state';
import type { OrgStore } from './org-store';

/**
 * What the sandbox's storage links have in common (prompt media and uploads in prompt-media.ts,
 * flow export downloads and import uploads in flow-media.ts): they stand for S3-like storage, not
 * the Platform API, so they name the org by its organization id in the path, take no bearer token,
 * read a bounded body and answer in the API's error shape.
 */

export function orgByOrganizationId(store: OrgStore, id: string): OrgKey | null {
  return ORG_KEYS.find((key) => store.get(key).organization.id === id) ?? null;
}

/**
 * The org a pre-signed upload link (`…/<organizationId>/<id>`) is for, once the request is a PUT
 * to a known org; otherwise the refusal is answered here and the result is null.
 */
export function uploadOrg(
  store: OrgStore,
  method: string,
  organizationId: string,
  response: ServerResponse,
  correlationId: string,
): OrgKey | null {
  if (method !== 'PUT') {
    answer(response, 405, 'Uploads take PUT.', correlationId);
    return null;
  }
  const orgKey = orgByOrganizationId(store, organizationId);
  if (orgKey === null) answer(response, 403, 'The upload URL is not valid.', correlationId);
  return orgKey;
}

/** The request's body, or null once it passes `limit` (the rest is read and dropped). */
export function readBytes(request: IncomingMessage, limit: number): Promise<Uint8Array | null> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let refused = false;
    request.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > limit) refused = true;
      if (!refused) chunks.push(chunk);
    });
    request.on('end', () => resolve(refused ? null : new Uint8Array(Buffer.concat(chunks))));
    request.on('error', reject);
  });
}

export function answer(
  response: ServerResponse,
  status: number,
  message: string,
  correlationId: string,
): void {
  const text = JSON.stringify({ message, status, contextId: correlationId });
  response.writeHead(status, {
    'Content-Type': 'application/json; charset=UTF-8',
    'Content-Length': Buffer.byteLength(text),
  });
  response.end(text);
}
