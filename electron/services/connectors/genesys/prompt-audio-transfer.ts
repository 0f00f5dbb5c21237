import { setTimeout as delay } from 'node:timers/promises';
import { z } from 'zod';
import { FerryError } from '../../../../shared/api/api-error';
import { isJsonObject } from '../../../../shared/model/canonical/json-value';
import { PROMPT_RESOURCE_VOLATILE_FIELDS } from '../../../../shared/model/object-types/architect-prompt';
import {
  AUDIO_MAX_BYTES,
  audioDescriptorSchema,
  type AudioDescriptor,
} from '../../../../shared/model/prompt-audio';
import { mapBounded } from '../../../../shared/concurrency/concurrency-limit';
import { audioSha256, describeWav } from '../../audio/audio-bytes';
import { GenesysApiError } from './genesys-error';
import type { TransportStats } from './genesys-transport';
import type { RequestDestinations } from './request-destinations';

/** `PromptAssetUpload`: where to PUT the file, with which headers (a pre-signed link). */
const uploadSchema = z.object({
  url: z.string().min(1),
  uploadId: z.string().nullish(),
  headers: z.record(z.string(), z.string()).nullish(),
});

const assetSchema = z
  .object({
    language: z.string(),
    uploadStatus: z.string().nullish(),
    mediaUri: z.string().nullish(),
  })
  .loose();

const LOOPBACK = new Set(['127.0.0.1', 'localhost', '[::1]']);

/** Repeats of a media or upload request that met a 429, a 5xx or a lost connection. */
const LINK_RETRIES = 6;
/** Storage links rarely say how long to wait; a short pause, then again. */
const RETRY_AFTER_CAP_MS = 500;
/** How long one download or upload of a file may take. */
const TRANSFER_TIMEOUT_MS = 60_000;
/** Transcoding takes seconds; the poll waits up to about a minute, then the step fails. */
const POLL_DELAYS_MS = [
  100, 200, 300, 500, 750, 1000, 1500, 2000, 3000, 5000, 5000, 10_000, 10_000, 10_000, 10_000,
];

export type ApiCall = (
  method: string,
  path: string,
  query: Record<string, unknown>,
  body: unknown,
  signal: AbortSignal | undefined,
) => Promise<unknown>;

export interface PromptAudioDeps {
  call: ApiCall;
  fetch: typeof fetch;
  stats: TransportStats;
  destinations: RequestDestinations;
  /** True for a sandbox gateway: its media links must then be on the gateway itself. */
  loopbackOnly: boolean;
  concurrency: number;
  /** The WAV a plan's upload names, by hash, read (and checked) from the workspace. */
  audioSource?: (sha256: string) => Promise<Uint8Array>;
}

/** The path of a prompt resource's upload call, as plans write it: `…/prompts/{id}/resources/{lang}/uploads`. */
export const PROMPT_UPLOAD_PATH = /^\/api\/v2\/architect\/prompts\/([^/]+)\/resources\/([^/]+)\/uploads$/;

/**
 * Prompt audio through Genesys's own flow: media links are downloaded (and hashed) when prompts
 * are read; new audio goes up through the pre-signed upload URL, is waited for until it is
 * transcoded, and is then downloaded again and compared by hash. Neither link ever gets the bearer
 * token: they are signed links to storage, not API calls.
 */
export class PromptAudioTransfer {
  /** Bytes read this session, by hash: the snapshot writes them beside the JSON. */
  readonly downloaded = new Map<string, Uint8Array>();

  constructor(private readonly deps: PromptAudioDeps) {}

  /**
   * Rewrites each prompt's `resources` (read inline with the prompt) into Ferry's form: per-org
   * links and states dropped, `audio` the descriptor of the downloaded WAV or null.
   */
  async describePrompts(prompts: Record<string, unknown>[], signal: AbortSignal | undefined): Promise<void> {
    const work: { resource: Record<string, unknown>; mediaUri: string | null; status: string | null }[] = [];
    for (const prompt of prompts) {
      const resources = Array.isArray(prompt.resources) ? prompt.resources : [];
      prompt.resources = resources.filter(isJsonObject).map((raw) => {
        const parsed = assetSchema.safeParse(raw);
        const resource: Record<string, unknown> = { ...raw };
        for (const field of PROMPT_RESOURCE_VOLATILE_FIELDS) Reflect.deleteProperty(resource, field);
        if (isJsonObject(resource.tags) && Object.keys(resource.tags).length === 0) delete resource.tags;
        work.push({
          resource,
          mediaUri: parsed.success ? (parsed.data.mediaUri ?? null) : null,
          status: parsed.success ? (parsed.data.uploadStatus ?? null) : null,
        });
        return resource;
      });
    }
    await mapBounded(work, this.deps.concurrency, async ({ resource, mediaUri, status }) => {
      // Only transcoded audio is playable; a resource still transcoding or never given audio has none.
      resource.audio =
        status === 'transcoded' && mediaUri !== null && mediaUri !== ''
          ? (await this.download(mediaUri, signal)).descriptor
          : null;
    });
  }

  /** Downloads one media link (no token), keeps the bytes by hash and describes them. */
  async download(
    mediaUri: string,
    signal: AbortSignal | undefined,
  ): Promise<{ bytes: Uint8Array; descriptor: AudioDescriptor }> {
    const url = this.checkedLink(mediaUri, 'media link');
    const response = await this.fetchLink(url, { method: 'GET' }, signal);
    if (!response.ok) {
      throw transferFailed(`Downloading prompt audio failed with HTTP ${response.status} (${url.pathname})`);
    }
    const bytes = await readBounded(response, url);
    const descriptor = describeWav(bytes, `the prompt audio at ${url.pathname}`);
    this.downloaded.set(descriptor.sha256, bytes);
    return { bytes, descriptor };
  }

  /**
   * Puts the audio `wanted` names on one prompt resource: bytes from the workspace (checked by
   * hash), the upload URL, the PUT, the wait for the transcode, then a download compared by hash.
   * When the resource already plays exactly this audio (a resend after a lost reply), nothing is
   * uploaded again.
   */
  async upload(
    promptId: string,
    language: string,
    wanted: unknown,
    signal: AbortSignal | undefined,
  ): Promise<unknown> {
    const audio = isJsonObject(wanted) ? audioDescriptorSchema.safeParse(wanted.audio) : null;
    if (audio === null || !audio.success) {
      throw new FerryError('promotion.plan-invalid', 'A prompt upload must name the audio by its descriptor');
    }
    const sha256 = audio.data.sha256;
    const resourcePath = `/api/v2/architect/prompts/${encodeURIComponent(promptId)}/resources/${encodeURIComponent(language)}`;
    const current = assetSchema.safeParse(await this.deps.call('GET', resourcePath, {}, undefined, signal));
    if (current.success && current.data.uploadStatus === 'transcoded' && current.data.mediaUri) {
      const held = await this.download(current.data.mediaUri, signal);
      if (held.descriptor.sha256 === sha256) return { language, audio: held.descriptor };
    }
    if (this.deps.audioSource === undefined) {
      throw new FerryError('audio.not-found', 'This connector cannot read audio from a workspace');
    }
    const bytes = await this.deps.audioSource(sha256);
    if (audioSha256(bytes) !== sha256) {
      throw new FerryError(
        'audio.hash-mismatch',
        `The workspace's audio ${sha256.slice(0, 12)}… does not hash to its name; nothing was uploaded`,
      );
    }
    const upload = uploadSchema.safeParse(await this.uploadUrl(`${resourcePath}/uploads`, signal));
    if (!upload.success) throw transferFailed(`The reply to POST ${resourcePath}/uploads had no upload URL`);
    const url = this.checkedLink(upload.data.url, 'upload URL');
    const headers: Record<string, string> = {};
    for (const [name, value] of Object.entries(upload.data.headers ?? {})) {
      // The pre-signed link is its own credential: the bearer token is never sent there.
      if (name.toLowerCase() !== 'authorization') headers[name] = value;
    }
    const put = await this.fetchLink(url, { method: 'PUT', headers, body: Buffer.from(bytes) }, signal);
    if (!put.ok) throw transferFailed(`Uploading the prompt audio failed with HTTP ${put.status}`);
    const mediaUri = await this.waitForTranscode(resourcePath, signal);
    const held = await this.download(mediaUri, signal);
    if (held.descriptor.sha256 !== sha256) {
      throw new FerryError(
        'audio.verify-failed',
        `After the upload, the ${language} audio of the prompt hashes to ${held.descriptor.sha256.slice(0, 12)}…, not ${sha256.slice(0, 12)}… as sent`,
        { language, expected: sha256, actual: held.descriptor.sha256 },
      );
    }
    return { language, audio: held.descriptor };
  }

  /**
   * Asks for a pre-signed upload URL. Asking again is harmless (an unused URL just expires), so a
   * request whose reply was lost is sent again, a bounded number of times.
   */
  private async uploadUrl(path: string, signal: AbortSignal | undefined): Promise<unknown> {
    for (let attempt = 1; ; attempt += 1) {
      try {
        return await this.deps.call('POST', path, {}, {}, signal);
      } catch (error) {
        if (!(error instanceof GenesysApiError && error.outcomeUnknown) || attempt > LINK_RETRIES)
          throw error;
        await delay(50 * 2 ** attempt, undefined, signal ? { signal } : undefined);
      }
    }
  }

  /** Polls the resource (bounded) until it is transcoded; a failed transcode fails the step. */
  private async waitForTranscode(resourcePath: string, signal: AbortSignal | undefined): Promise<string> {
    for (const wait of [0, ...POLL_DELAYS_MS]) {
      if (wait > 0) await delay(wait, undefined, signal ? { signal } : undefined);
      const asset = assetSchema.safeParse(await this.deps.call('GET', resourcePath, {}, undefined, signal));
      if (!asset.success) continue;
      if (asset.data.uploadStatus === 'transcodeFailed') {
        throw transferFailed(
          'Genesys Cloud could not transcode the uploaded prompt audio (transcodeFailed): the file is not audio it can play',
        );
      }
      if (asset.data.uploadStatus === 'transcoded' && asset.data.mediaUri) return asset.data.mediaUri;
    }
    throw transferFailed('The uploaded prompt audio was still not transcoded after about a minute');
  }

  /**
   * Media and upload links go over https (a sandbox: its own loopback origin only), never with
   * credentials in them, since nothing else vouches for where they point.
   */
  private checkedLink(raw: string, what: string): URL {
    let url: URL;
    try {
      url = new URL(raw);
    } catch {
      throw transferFailed(`The prompt's ${what} is not a URL`);
    }
    // A sandbox's links stay on this machine (a test gateway may sit in front of it on another port).
    const ok = this.deps.loopbackOnly
      ? (url.protocol === 'http:' || url.protocol === 'https:') && LOOPBACK.has(url.hostname)
      : url.protocol === 'https:';
    if (!ok || url.username !== '' || url.password !== '') {
      throw new FerryError(
        'genesys.destination-refused',
        `Ferry refused to follow the prompt's ${what} to ${url.origin}: it must be ${this.deps.loopbackOnly ? 'on this machine (a sandbox)' : 'an https link'}`,
        { origin: url.origin },
      );
    }
    return url;
  }

  /**
   * One request to a media or upload link. A GET, and a PUT of the same bytes to the same signed
   * URL, may be repeated: 429s, 5xx and lost connections are retried a bounded number of times
   * (waiting out `Retry-After`), as the API's own calls are.
   */
  private async fetchLink(url: URL, init: RequestInit, signal: AbortSignal | undefined): Promise<Response> {
    let failure = '';
    for (let attempt = 0; attempt <= LINK_RETRIES; attempt += 1) {
      if (attempt > 0) {
        await delay(
          failure.startsWith('429') ? RETRY_AFTER_CAP_MS : 50 * 2 ** attempt,
          undefined,
          signal ? { signal } : undefined,
        );
      }
      this.deps.stats.requests += 1;
      const timeout = AbortSignal.timeout(TRANSFER_TIMEOUT_MS);
      let response: Response;
      try {
        response = await this.deps.fetch(url, {
          ...init,
          // A redirect is seen, not followed: the next host could be anyone's, and asking the
          // same link again would only be redirected again.
          redirect: 'manual',
          signal: signal ? AbortSignal.any([signal, timeout]) : timeout,
        });
      } catch (error) {
        if (signal?.aborted)
          throw new FerryError('cancelled', `${init.method ?? 'GET'} ${url.pathname} was cancelled`);
        failure = error instanceof Error ? error.message : String(error);
        continue;
      }
      if ((response.status >= 300 && response.status < 400) || response.type === 'opaqueredirect') {
        await response.body?.cancel();
        throw transferFailed(
          `${init.method ?? 'GET'} ${url.pathname} answered with a redirect (HTTP ${response.status}), which Ferry does not follow for prompt audio; check the org's storage settings, then snapshot or promote again`,
        );
      }
      if (response.status === 429 || response.status >= 500) {
        failure = `${response.status}`;
        await response.body?.cancel();
        continue;
      }
      const length = Number(response.headers.get('content-length') ?? '0');
      if (length > AUDIO_MAX_BYTES) {
        await response.body?.cancel();
        throw transferFailed(`The prompt audio at ${url.pathname} is larger than ${AUDIO_MAX_BYTES} bytes`);
      }
      return response;
    }
    throw transferFailed(
      `${init.method ?? 'GET'} ${url.pathname} did not complete after ${LINK_RETRIES + 1} attempts (${failure})`,
    );
  }
}

/**
 * Reads a media reply's body, hanging up as soon as it passes what a prompt can be: a reply with no
 * Content-Length (or a lying one) must not be buffered whole before its size is known.
 */
async function readBounded(response: Response, url: URL): Promise<Uint8Array> {
  const tooLarge = () =>
    transferFailed(`The prompt audio at ${url.pathname} is larger than ${AUDIO_MAX_BYTES} bytes`);
  if (response.body === null) return new Uint8Array(0);
  const reader = response.body.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.byteLength;
    if (total > AUDIO_MAX_BYTES) {
      await reader.cancel();
      throw tooLarge();
    }
    chunks.push(value);
  }
  const bytes = new Uint8Array(total);
  let offset = 0;
  for (const chunk of chunks) {
    bytes.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return bytes;
}

function transferFailed(message: string): FerryError {
  return new FerryError('audio.transfer-failed', message);
}
