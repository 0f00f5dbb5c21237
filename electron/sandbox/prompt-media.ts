import type { IncomingMessage, ServerResponse } from 'node:http';
import { AUDIO_MAX_BYTES } from '../../shared/model/prompt-audio';
import type { OrgStore } from './org-store';
import { acceptPromptUpload, PROMPT_MEDIA_PREFIX, promptMedia } from './routes/prompts-routes';
import { answer, orgByOrganizationId, readBytes, uploadOrg } from './storage-link';

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
    const orgKey = uploadOrg(parts.store, method, segments[1] ?? '', response, correlationId);
    if (orgKey === null) return;
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
