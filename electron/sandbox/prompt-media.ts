import type { IncomingMessage, ServerResponse } from 'node:http';
import { AUDIO_MAX_BYTES } from '../../shared/model/prompt-audio';
import { ORG_KEYS, type OrgKey } from './org-state';
import type { OrgStore } from './org-store';
import { acceptPromptUpload, PROMPT_MEDIA_PREFIX, promptMedia } from './routes/prompts-routes';

/**
 * The two links of prompt audio that are not Platform API calls, served like the storage they
 * stand for: `PUT /sandbox-media/prompts/uploads/<org>/<uploadId>` takes the file for a pre-signed
 * upload (its headers must be the ones handed out; no bearer token), and
 * `GET /sandbox-media/prompts/<org>/<prompt>/<language>/<version>.wav` is a resource's `mediaUri`.
 */
export async function handlePromptMedia(
  parts: { store: OrgStore; clock: () => number },
  request: IncomingMessage,
  response: ServerResponse,
  path: string,
  method: string,
  correlationId: string,
): Promise<void> {
  const segments = path.slice(PROMPT_MEDIA_PREFIX.length + 1).split('/');
  if (segments[0] === 'uploads' && segments.length === 3) {
    if (method !== 'PUT') return answer(response, 405, 'Uploads take PUT.', correlationId);
    const orgKey = orgByOrganizationId(parts.store, segments[1] ?? '');
    if (orgKey === null) return answer(response, 403, 'The upload URL is not valid.', correlationId);
    const bytes = await readBytes(request, AUDIO_MAX_BYTES);
    if (bytes === null) return answer(response, 413, 'The file is too large.', correlationId);
    const token = request.headers['x-sandbox-upload-token'];
    const outcome = acceptPromptUpload(
      parts.store.get(orgKey),
      segments[2] ?? '',
      typeof token === 'string' ? token : undefined,
      bytes,
      parts.clock(),
    );
    if (outcome.status === 200) await parts.store.save(orgKey);
    return answer(response, outcome.status, outcome.message, correlationId);
  }
  if (segments.length === 4 && method === 'GET') {
    const [organizationId, promptId, language, file] = segments as [string, string, string, string];
    const orgKey = orgByOrganizationId(parts.store, organizationId);
    const version = file.endsWith('.wav') ? file.slice(0, -'.wav'.length) : '';
    const bytes =
      orgKey === null
        ? null
        : promptMedia(parts.store.get(orgKey), promptId, language, version, parts.clock());
    if (bytes === null) return answer(response, 404, 'No such media.', correlationId);
    response.writeHead(200, { 'Content-Type': 'audio/wav', 'Content-Length': bytes.byteLength });
    response.end(Buffer.from(bytes));
    return;
  }
  return answer(response, 404, `No resource at ${path}.`, correlationId);
}

export function orgByOrganizationId(store: OrgStore, id: string): OrgKey | null {
  return ORG_KEYS.find((key) => store.get(key).organization.id === id) ?? null;
}

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
