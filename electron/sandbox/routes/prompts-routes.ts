import { randomBytes, randomUUID } from 'node:crypto';
import { z } from 'zod';
import { parseWavHeader } from '../../../shared/model/wav-header';
import { badRequest, GenesysHttpError, inUseConflict, notFound } from '../genesys-error';
import type { OrgState, PromptRecord, PromptResourceRecord } from '../org-state';
import { pageOf, readPageRequest } from '../paging';
import {
  assertNameFree,
  divisionRef,
  homeDivision,
  keptDivisionId,
  multiValue,
  nameMatcher,
  NO_CONTENT,
  parseBody,
  removeRecord,
  requireRecord,
  resolveDivisionId,
} from '../route-helpers';
import type { Route, RouteRequest } from '../route-table';

export const PROMPTS_PATH = '/api/v2/architect/prompts';
/** Where pre-signed uploads and media downloads live: outside `/api/v2`, without a bearer token. */
export const PROMPT_MEDIA_PREFIX = '/sandbox-media/prompts';
/** How long an upload URL stays good, as Genesys's pre-signed links expire. */
export const UPLOAD_URL_TTL_MS = 10 * 60_000;
/** Transcoding is not instant: clients must poll the resource until it reads `transcoded`. */
export const TRANSCODE_DELAY_MS = 150;

/** Genesys language codes: `en-us`, `es-us`, `fr-ca`… (lower case in URLs and bodies). */
const languageCode = z
  .string()
  .trim()
  .regex(/^[a-z]{2,3}(-[a-z0-9]{2,8})*$/i, 'must be a language code such as en-us');

const promptBody = z.object({
  name: z
    .string()
    .trim()
    .min(1)
    .max(200)
    .regex(/^[A-Za-z][A-Za-z0-9_]*$/, 'must start with a letter and use letters, digits and _'),
  description: z.string().max(512).optional(),
  division: z.object({ id: z.string().min(1) }).optional(),
});

const tagsBody = z.record(z.string(), z.array(z.string())).optional();

/** `PromptAssetCreate`. */
const resourceCreateBody = z.object({
  language: languageCode,
  ttsString: z.string().max(10_000).optional(),
  text: z.string().max(10_000).optional(),
  tags: tagsBody,
  languageDefault: z.boolean().optional(),
});

/** `PromptAsset` as a PUT body: identity fields may come along and are ignored. */
const resourceUpdateBody = z.object({
  language: languageCode.optional(),
  ttsString: z.string().max(10_000).nullish(),
  text: z.string().max(10_000).nullish(),
  tags: tagsBody.nullable(),
  languageDefault: z.boolean().nullish(),
});

export function promptResources(prompt: PromptRecord): PromptResourceRecord[] {
  return (prompt.resources ??= []);
}

/** What the resource reads as now: an upload stays `uploaded` until its transcode finishes. */
function effectiveStatus(resource: PromptResourceRecord, now: string): PromptResourceRecord['uploadStatus'] {
  if (resource.readyAt !== undefined && now < resource.readyAt) return 'uploaded';
  return resource.uploadStatus;
}

function mediaPath(org: OrgState, prompt: PromptRecord, resource: PromptResourceRecord): string {
  return `${PROMPT_MEDIA_PREFIX}/${org.organization.id}/${prompt.id}/${resource.language}/${resource.audioVersion ?? 0}.wav`;
}

export function renderPromptResource(
  request: RouteRequest,
  prompt: PromptRecord,
  resource: PromptResourceRecord,
) {
  const status = effectiveStatus(resource, request.now);
  const origin = request.origin ?? 'http://127.0.0.1';
  const path = `${PROMPTS_PATH}/${prompt.id}/resources/${resource.language}`;
  return {
    id: resource.id,
    name: prompt.name,
    promptId: prompt.id,
    language: resource.language,
    ...(status === 'transcoded' && resource.audio !== undefined
      ? { mediaUri: `${origin}${mediaPath(request.org, prompt, resource)}` }
      : {}),
    ...(resource.ttsString === undefined ? {} : { ttsString: resource.ttsString }),
    ...(resource.text === undefined ? {} : { text: resource.text }),
    uploadStatus: status,
    uploadUri: `${origin}${path}/uploads`,
    languageDefault: resource.languageDefault ?? false,
    tags: resource.tags ?? {},
    ...(status === 'transcoded' && resource.durationSeconds !== undefined
      ? { durationSeconds: resource.durationSeconds }
      : {}),
    selfUri: path,
  };
}

function renderPrompt(request: RouteRequest, prompt: PromptRecord, withResources: boolean) {
  return {
    id: prompt.id,
    name: prompt.name,
    division: divisionRef(request.org, prompt.divisionId ?? homeDivision(request.org).id),
    ...(prompt.description === undefined ? {} : { description: prompt.description }),
    resources: withResources
      ? sortedResources(prompt).map((resource) => renderPromptResource(request, prompt, resource))
      : [],
    selfUri: `${PROMPTS_PATH}/${prompt.id}`,
  };
}

function sortedResources(prompt: PromptRecord): PromptResourceRecord[] {
  return [...promptResources(prompt)].sort((a, b) => (a.language < b.language ? -1 : 1));
}

function findPrompt(request: RouteRequest): PromptRecord {
  return requireRecord(request.org.prompts, request.params.promptId ?? '', 'prompt');
}

function findResource(prompt: PromptRecord, language: string): PromptResourceRecord {
  const found = promptResources(prompt).find((resource) => resource.language === language.toLowerCase());
  if (found === undefined) {
    throw notFound(`The prompt ${prompt.id} has no resource for language ${language}.`);
  }
  return found;
}

/** `includeResources` defaults to true on a single read and on the list, as in the SDK. */
function includeResources(query: URLSearchParams): boolean {
  return (query.get('includeResources') ?? 'true').toLowerCase() !== 'false';
}

/**
 * User prompts and their per-language resources (`/api/v2/architect/prompts`), with the upload
 * flow: `POST .../uploads` hands out a pre-signed URL on this server (see prompt-media.ts) that
 * takes a PUT of the WAV without the bearer token; the resource then reads `uploaded` until its
 * transcode is done (a short delay), then `transcoded` with a `mediaUri`, or `transcodeFailed`
 * when the bytes were not audio.
 */
export const promptRoutes: Route[] = [
  {
    method: 'GET',
    pattern: PROMPTS_PATH,
    handle: (request) => {
      const { query } = request;
      const page = readPageRequest(query, request.maxPageSizes.prompts);
      // `name` is repeated (the SDK sends an array); each may use `*` wildcards.
      const names = multiValue(query, 'name').map((name) => nameMatcher(name, 'wildcard'));
      const descriptionMatch = nameMatcher(query.get('description'), 'wildcard');
      const divisions = multiValue(query, 'divisionId');
      const descending = (query.get('sortOrder') ?? '').toLowerCase() === 'desc';
      const withResources = includeResources(query);
      const records = Object.values(request.org.prompts)
        .filter((prompt) => names.length === 0 || names.some((matches) => matches(prompt.name)))
        .filter((prompt) => query.get('description') === null || descriptionMatch(prompt.description ?? ''))
        .filter(
          (prompt) =>
            divisions.length === 0 || divisions.includes(prompt.divisionId ?? homeDivision(request.org).id),
        )
        .sort((a, b) => {
          const order =
            a.name.toLowerCase() < b.name.toLowerCase()
              ? -1
              : a.name.toLowerCase() > b.name.toLowerCase()
                ? 1
                : a.id < b.id
                  ? -1
                  : 1;
          return descending ? -order : order;
        });
      const carried: [string, string][] = [];
      for (const key of [
        'name',
        'description',
        'divisionId',
        'sortOrder',
        'includeResources',
        'includeMediaUris',
      ]) {
        for (const value of query.getAll(key)) carried.push([key, value]);
      }
      return {
        status: 200,
        body: pageOf(
          records.map((prompt) => renderPrompt(request, prompt, withResources)),
          page,
          PROMPTS_PATH,
          carried,
        ),
      };
    },
  },
  {
    method: 'POST',
    pattern: PROMPTS_PATH,
    handle: (request) => {
      const input = parseBody(promptBody, request.body);
      assertNameFree(request.org.prompts, input.name, 'prompt');
      const prompt: PromptRecord = {
        id: randomUUID(),
        name: input.name,
        ...(input.description === undefined ? {} : { description: input.description }),
        divisionId: resolveDivisionId(request.org, input.division),
        resources: [],
      };
      request.org.prompts[prompt.id] = prompt;
      return { status: 200, body: renderPrompt(request, prompt, true), changed: true };
    },
  },
  {
    method: 'GET',
    pattern: `${PROMPTS_PATH}/:promptId`,
    handle: (request) => ({
      status: 200,
      body: renderPrompt(request, findPrompt(request), includeResources(request.query)),
    }),
  },
  {
    method: 'PUT',
    pattern: `${PROMPTS_PATH}/:promptId`,
    handle: (request) => {
      const prompt = findPrompt(request);
      const input = parseBody(promptBody, request.body);
      assertNameFree(request.org.prompts, input.name, 'prompt', prompt.id);
      prompt.name = input.name;
      prompt.divisionId = keptDivisionId(
        request.org,
        input.division,
        prompt.divisionId ?? homeDivision(request.org).id,
      );
      if (input.description === undefined) delete prompt.description;
      else prompt.description = input.description;
      return { status: 200, body: renderPrompt(request, prompt, true), changed: true };
    },
  },
  {
    method: 'DELETE',
    pattern: `${PROMPTS_PATH}/:promptId`,
    handle: (request) => {
      const prompt = findPrompt(request);
      const all = (request.query.get('allResources') ?? 'false').toLowerCase() === 'true';
      if (!all && promptResources(prompt).length > 0) {
        throw inUseConflict(
          `The prompt ${prompt.name} still has resources; delete them first or pass allResources=true.`,
        );
      }
      const queue = Object.values(request.org.queues).find((candidate) =>
        JSON.stringify(candidate).includes(prompt.id),
      );
      if (queue !== undefined) {
        throw inUseConflict(`The prompt ${prompt.name} is used by the queue ${queue.name}.`);
      }
      removeRecord(request.org.prompts, prompt.id);
      return NO_CONTENT;
    },
  },
  {
    method: 'GET',
    pattern: `${PROMPTS_PATH}/:promptId/resources`,
    handle: (request) => {
      const prompt = findPrompt(request);
      const page = readPageRequest(request.query, request.maxPageSizes.promptResources);
      return {
        status: 200,
        body: pageOf(
          sortedResources(prompt).map((resource) => renderPromptResource(request, prompt, resource)),
          page,
          `${PROMPTS_PATH}/${prompt.id}/resources`,
          [],
        ),
      };
    },
  },
  {
    method: 'POST',
    pattern: `${PROMPTS_PATH}/:promptId/resources`,
    handle: (request) => {
      const prompt = findPrompt(request);
      const input = parseBody(resourceCreateBody, request.body);
      const language = input.language.toLowerCase();
      if (promptResources(prompt).some((resource) => resource.language === language)) {
        throw new GenesysHttpError(
          409,
          'general.conflict',
          `The prompt ${prompt.name} already has a resource for language ${language}.`,
        );
      }
      const resource: PromptResourceRecord = {
        id: randomUUID(),
        language,
        ...(input.ttsString === undefined ? {} : { ttsString: input.ttsString }),
        ...(input.text === undefined ? {} : { text: input.text }),
        ...(input.tags === undefined ? {} : { tags: input.tags }),
        ...(input.languageDefault === undefined ? {} : { languageDefault: input.languageDefault }),
        uploadStatus: 'created',
        dateCreated: request.now,
        dateModified: request.now,
      };
      promptResources(prompt).push(resource);
      return { status: 200, body: renderPromptResource(request, prompt, resource), changed: true };
    },
  },
  {
    method: 'GET',
    pattern: `${PROMPTS_PATH}/:promptId/resources/:languageCode`,
    handle: (request) => {
      const prompt = findPrompt(request);
      const resource = findResource(prompt, request.params.languageCode ?? '');
      return { status: 200, body: renderPromptResource(request, prompt, resource) };
    },
  },
  {
    method: 'PUT',
    pattern: `${PROMPTS_PATH}/:promptId/resources/:languageCode`,
    handle: (request) => {
      const prompt = findPrompt(request);
      const resource = findResource(prompt, request.params.languageCode ?? '');
      const input = parseBody(resourceUpdateBody, request.body);
      if (input.language !== undefined && input.language.toLowerCase() !== resource.language) {
        throw badRequest('The language of a prompt resource cannot be changed.', [
          { errorCode: 'invalid.value', fieldName: 'language' },
        ]);
      }
      setOrDrop(resource, 'ttsString', input.ttsString);
      setOrDrop(resource, 'text', input.text);
      setOrDrop(resource, 'tags', input.tags);
      setOrDrop(resource, 'languageDefault', input.languageDefault);
      resource.dateModified = request.now;
      return { status: 200, body: renderPromptResource(request, prompt, resource), changed: true };
    },
  },
  {
    method: 'DELETE',
    pattern: `${PROMPTS_PATH}/:promptId/resources/:languageCode`,
    handle: (request) => {
      const prompt = findPrompt(request);
      const resource = findResource(prompt, request.params.languageCode ?? '');
      prompt.resources = promptResources(prompt).filter((one) => one !== resource);
      return NO_CONTENT;
    },
  },
  {
    method: 'POST',
    pattern: `${PROMPTS_PATH}/:promptId/resources/:languageCode/uploads`,
    handle: (request) => {
      const prompt = findPrompt(request);
      const resource = findResource(prompt, request.params.languageCode ?? '');
      const uploadId = randomUUID();
      const token = randomBytes(16).toString('hex');
      resource.upload = {
        id: uploadId,
        token,
        expiresAt: new Date(Date.parse(request.now) + UPLOAD_URL_TTL_MS).toISOString(),
      };
      const origin = request.origin ?? 'http://127.0.0.1';
      return {
        status: 200,
        // `PromptAssetUpload` ({url, headers}): PUT the file to `url` with exactly these headers, no bearer token.
        body: {
          url: `${origin}${PROMPT_MEDIA_PREFIX}/uploads/${request.org.organization.id}/${uploadId}`,
          headers: { 'Content-Type': 'audio/wav', 'x-sandbox-upload-token': token },
        },
        changed: true,
      };
    },
  },
];

function setOrDrop<K extends 'ttsString' | 'text' | 'tags' | 'languageDefault'>(
  resource: PromptResourceRecord,
  key: K,
  value: PromptResourceRecord[K] | null | undefined,
): void {
  if (value === undefined || value === null) Reflect.deleteProperty(resource, key);
  else resource[key] = value;
}

/**
 * Takes the bytes PUT to a pre-signed upload URL: what would be transcoded into the prompt's
 * audio. A WAV lands as `transcoded` once `TRANSCODE_DELAY_MS` has passed; anything else ends
 * `transcodeFailed`, as Genesys reports a file it could not turn into audio.
 */
export function acceptPromptUpload(
  org: OrgState,
  uploadId: string,
  token: string | undefined,
  bytes: Uint8Array,
  nowMs: number,
): { status: number; message: string } {
  for (const prompt of Object.values(org.prompts)) {
    for (const resource of promptResources(prompt)) {
      const upload = resource.upload;
      if (upload?.id !== uploadId) continue;
      if (token !== upload.token) return { status: 403, message: 'The upload signature does not match.' };
      if (nowMs > Date.parse(upload.expiresAt))
        return { status: 403, message: 'The upload URL has expired.' };
      // Like a pre-signed storage link, the URL takes the file again until it expires (a PUT whose
      // reply was lost is sent again); each PUT replaces what the one before it sent.
      const parsed = parseWavHeader(bytes);
      const now = new Date(nowMs).toISOString();
      resource.readyAt = new Date(nowMs + TRANSCODE_DELAY_MS).toISOString();
      resource.dateModified = now;
      if (!parsed.ok) {
        resource.uploadStatus = 'transcodeFailed';
        return { status: 200, message: 'uploaded' };
      }
      resource.uploadStatus = 'transcoded';
      resource.audio = Buffer.from(bytes).toString('base64');
      resource.audioVersion = (resource.audioVersion ?? 0) + 1;
      if (parsed.info.durationSeconds === null) delete resource.durationSeconds;
      else resource.durationSeconds = parsed.info.durationSeconds;
      return { status: 200, message: 'uploaded' };
    }
  }
  return { status: 403, message: 'The upload URL is not valid.' };
}

/** The WAV a `mediaUri` names, while it is the resource's current, transcoded audio. */
export function promptMedia(
  org: OrgState,
  promptId: string,
  language: string,
  version: string,
  nowMs: number,
): Uint8Array | null {
  const prompt = Object.hasOwn(org.prompts, promptId) ? org.prompts[promptId] : undefined;
  const resource =
    prompt === undefined ? undefined : promptResources(prompt).find((one) => one.language === language);
  if (resource?.audio === undefined || String(resource.audioVersion ?? 0) !== version) return null;
  if (effectiveStatus(resource, new Date(nowMs).toISOString()) !== 'transcoded') return null;
  return new Uint8Array(Buffer.from(resource.audio, 'base64'));
}
