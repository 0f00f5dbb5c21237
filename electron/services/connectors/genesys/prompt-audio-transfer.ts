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
import type { PlatformApiCall } from './platform-api-call';
import type { RequestDestinations } from './request-destinations';
import {
  checkedSignedLink,
  fetchSignedLink,
  linkHeaders,
  readSignedLinkBody,
  type SignedLinkUse,
} from './signed-link';

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

/** Media and upload links, fetched as every signed link is (`signed-link.ts`). */
const PROMPT_LINK: SignedLinkUse = {
  owner: 'prompt',
  carries: 'prompt audio',
  code: 'audio.transfer-failed',
  notUrlCode: 'audio.transfer-failed',
  thenRetry: 'snapshot or promote again',
  retries: 6,
};
/** Repeats of a request for an upload URL whose reply was lost. */
const UPLOAD_URL_RETRIES = 6;
/** Transcoding takes seconds; the poll waits up to about a minute, then the step fails. */
const POLL_DELAYS_MS = [
  100, 200, 300, 500, 750, 1000, 1500, 2000, 3000, 5000, 5000, 10_000, 10_000, 10_000, 10_000,
];

export interface PromptAudioDeps {
  call: PlatformApiCall;
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
    const url = checkedSignedLink(mediaUri, 'media link', PROMPT_LINK, this.deps.loopbackOnly);
    const response = await fetchSignedLink(this.deps, url, { method: 'GET' }, PROMPT_LINK, signal);
    if (!response.ok) {
      await response.body?.cancel();
      throw transferFailed(`Downloading prompt audio failed with HTTP ${response.status} (${url.pathname})`);
    }
    const bytes = await readSignedLinkBody(response, AUDIO_MAX_BYTES, () =>
      transferFailed(`The prompt audio at ${url.pathname} is larger than ${AUDIO_MAX_BYTES} bytes`),
    );
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
    const url = checkedSignedLink(upload.data.url, 'upload URL', PROMPT_LINK, this.deps.loopbackOnly);
    const headers = linkHeaders(upload.data.headers ?? {});
    const put = await fetchSignedLink(
      this.deps,
      url,
      { method: 'PUT', headers, body: Buffer.from(bytes) },
      PROMPT_LINK,
      signal,
    );
    await put.body?.cancel();
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
        if (!(error instanceof GenesysApiError && error.outcomeUnknown) || attempt > UPLOAD_URL_RETRIES)
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
}

function transferFailed(message: string): FerryError {
  return new FerryError('audio.transfer-failed', message);
}
