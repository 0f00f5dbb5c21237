import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import { describeFileReference, readFlowFile, resolveFileReference } from '../flow-file';
import { checkInConfiguration, describeLockHolder, flowVersions, lockedByOther } from '../flow-lifecycle';
import { FLOWS_PATH } from '../flow-render';
import {
  addFlowJob,
  flowJobsOf,
  type FlowExportJobRecord,
  type FlowImportJobRecord,
  type FlowJobRecord,
} from '../flow-jobs';
import type { OrgState } from '../org-state';
import { notFound } from '../genesys-error';
import { homeDivision, parseBody } from '../route-helpers';
import type { Route, RouteRequest } from '../route-table';

/** Where export downloads and import uploads live: another host than the API, without a bearer token. */
export const FLOW_MEDIA_PREFIX = '/sandbox-media/flows';
/** How long a job runs unless the sandbox was started with another `flowJobDurationMs`. */
export const DEFAULT_FLOW_JOB_DURATION_MS = 100;
/** How long a pre-signed upload or download URL stays good. */
export const FLOW_URL_TTL_MS = 10 * 60_000;
/**
 * The headers an import job hands out with its pre-signed upload, signed into the link: an upload
 * with another Content-Type, or without the encryption header, is refused as S3 refuses it.
 */
export const FLOW_UPLOAD_HEADERS: Readonly<Record<string, string>> = Object.freeze({
  'Content-Type': 'application/octet-stream',
  'x-amz-server-side-encryption': 'AES256',
});
/** What a job that failed inside Genesys (a fault a test asked for) reports. */
export const INTERNAL_JOB_FAILURE =
  'The job failed because of an internal error (architect.job.internal.error). Register a new job to try again.';
/** An export job takes at most this many flows, as Genesys caps them. */
export const EXPORT_JOB_MAX_FLOWS = 25;

const EXPORT_JOBS_PATH = `${FLOWS_PATH}/export/jobs`;
const IMPORT_JOBS_PATH = `${FLOWS_PATH}/jobs`;

/** `RegisterArchitectExportJob`. */
const exportJobBody = z.object({
  flows: z
    .array(
      z.object({
        flow: z.object({
          id: z.string().min(1),
          name: z.string().optional(),
          type: z.string().optional(),
          version: z.string().min(1).optional(),
        }),
        fileName: z.string().optional(),
        exportType: z.string().optional(),
      }),
    )
    .min(1)
    .max(EXPORT_JOB_MAX_FLOWS),
});

function later(now: string, ms: number): string {
  return new Date(Date.parse(now) + ms).toISOString();
}

function duration(request: RouteRequest): number {
  return request.flowJobDurationMs ?? DEFAULT_FLOW_JOB_DURATION_MS;
}

/** Reads every flow now, so the export is what the org held when the job was registered. */
function exportOutcome(org: OrgState, body: z.infer<typeof exportJobBody>): FlowExportJobRecord['outcome'] {
  const files: { flowId: string; versionId: string; text: string }[] = [];
  for (const { flow: wanted } of body.flows) {
    const flow = Object.hasOwn(org.flows, wanted.id) ? org.flows[wanted.id] : undefined;
    if (!flow) return { failure: `Flow ${wanted.id} was not found.` };
    const versions = flowVersions(flow);
    const versionId = wanted.version ?? flow.publishedVersionId ?? versions[versions.length - 1]?.id;
    const version = versions.find((candidate) => candidate.id === versionId);
    if (!version) {
      return { failure: `Flow "${flow.name}" (${flow.id}) has no version ${versionId ?? '(none)'}.` };
    }
    files.push({ flowId: flow.id, versionId: version.id, text: version.configuration });
  }
  return { files };
}

/** What every job is registered with: a new id, the client that registered it, and when. */
function registration(request: RouteRequest): { id: string; clientId: string; dateCreated: string } {
  return { id: randomUUID(), clientId: request.clientId, dateCreated: request.now };
}

/**
 * A signed link on the storage host for `path`, good from `now` for FLOW_URL_TTL_MS. Without a
 * storage host (a handler run outside the server) the link is relative and unsigned.
 */
function signedLink(
  request: Pick<RouteRequest, 'storage' | 'now'>,
  method: 'GET' | 'PUT',
  path: string,
  headers: Readonly<Record<string, string>>,
  issuedAt: string = request.now,
): string {
  const storage = request.storage;
  if (storage === undefined) return path;
  const query = storage.signer.sign(method, path, headers, Date.parse(issuedAt), FLOW_URL_TTL_MS / 1000);
  return `${storage.origin}${path}?${query}`;
}

function message(now: string, text: string) {
  return { dateTime: now, type: 'Error', text };
}

function requireJob<K extends FlowJobRecord['kind']>(org: OrgState, id: string, kind: K) {
  const job = flowJobsOf(org).get(id);
  if (job?.kind !== kind) throw notFound(`The job ${id} was not found.`);
  return job as Extract<FlowJobRecord, { kind: K }>;
}

/**
 * Runs an uploaded import: the file must parse, each reference must name an object of this org
 * (by id, or by name when it has none), and the flow must not be checked out by someone else. A
 * flow of that type and name gets a new checked-in version; otherwise the flow is created. The
 * import never publishes.
 */
function runImport(
  org: OrgState,
  job: FlowImportJobRecord,
  text: string,
  now: string,
): FlowImportJobRecord['outcome'] {
  const read = readFlowFile(text);
  if ('problems' in read) return { status: 'Failure', messages: read.problems };
  const { file } = read;
  const unknown = file.references.filter((reference) => resolveFileReference(org, reference) === null);
  if (unknown.length > 0) {
    const named = [...new Set(unknown.map(describeFileReference))];
    return {
      status: 'Failure',
      messages: named.map((reference) => `The flow refers to ${reference}, which this org does not have.`),
    };
  }
  const wanted = file.name.toLowerCase();
  const existing = Object.values(org.flows).find(
    (flow) => flow.type === file.type && flow.name.toLowerCase() === wanted,
  );
  if (existing) {
    if (lockedByOther(existing, job.clientId)) {
      return {
        status: 'Failure',
        messages: [
          `Flow "${existing.name}" (${existing.type}) is checked out by ${describeLockHolder(existing)}; it cannot be imported until it is checked in or unlocked.`,
        ],
      };
    }
    checkInConfiguration(existing, text, now, job.clientId);
    // The description is part of the configuration: a new version brings its own.
    if (file.description === undefined) delete existing.description;
    else existing.description = file.description;
    return { status: 'Success', flowId: existing.id, flowName: existing.name };
  }
  const id = randomUUID();
  org.flows[id] = {
    id,
    name: file.name,
    divisionId: divisionNamed(org, file.division),
    ...(file.description === undefined ? {} : { description: file.description }),
    type: file.type,
    queueIds: [],
    datatableIds: [],
    versions: [],
  };
  const created = org.flows[id];
  if (created) checkInConfiguration(created, text, now, job.clientId);
  return { status: 'Success', flowId: id, flowName: file.name };
}

/** Archy files name the division by name; an unknown or absent one means the home division. */
function divisionNamed(org: OrgState, name: string | undefined): string {
  const division = Object.values(org.divisions).find((candidate) => candidate.name === name);
  return division?.id ?? homeDivision(org).id;
}

/** An import job whose upload is due is processed on the first look after it is due. */
function settleImport(org: OrgState, job: FlowImportJobRecord, now: string): boolean {
  if (job.outcome !== undefined || job.upload === undefined || now < job.upload.readyAt) return false;
  job.outcome =
    job.fails === true
      ? { status: 'Failure', messages: [INTERNAL_JOB_FAILURE] }
      : runImport(org, job, job.upload.text, now);
  delete job.upload;
  return true;
}

function renderImportJob(org: OrgState, job: FlowImportJobRecord, now: string) {
  const outcome = job.outcome;
  return {
    id: job.id,
    ...(outcome?.status === 'Success'
      ? { flow: { id: outcome.flowId, selfUri: `${FLOWS_PATH}/${outcome.flowId}` } }
      : {}),
    status: outcome?.status ?? 'Started',
    command: 'import',
    ...(outcome?.status === 'Failure'
      ? { messages: outcome.messages.map((text) => message(now, text)) }
      : {}),
    selfUri: `${IMPORT_JOBS_PATH}/${job.id}`,
  };
}

export const flowJobRoutes: Route[] = [
  {
    method: 'POST',
    pattern: EXPORT_JOBS_PATH,
    operation: 'flowExportJobCreate',
    handle: (request) => {
      const body = parseBody(exportJobBody, request.body);
      const job: FlowExportJobRecord = {
        kind: 'export',
        ...registration(request),
        readyAt: later(request.now, duration(request)),
        outcome:
          request.injectedFault === 'jobFailure'
            ? { failure: INTERNAL_JOB_FAILURE }
            : exportOutcome(request.org, body),
        expiresAt: later(request.now, FLOW_URL_TTL_MS),
      };
      const { id } = job;
      addFlowJob(request.org, job, request.now);
      return {
        status: 200,
        body: { id, status: 'Started', totalFlows: body.flows.length, selfUri: `${EXPORT_JOBS_PATH}/${id}` },
      };
    },
  },
  {
    method: 'GET',
    pattern: `${EXPORT_JOBS_PATH}/:jobId`,
    operation: 'flowExportJobRead',
    handle: (request) => {
      const { org, params, now } = request;
      const job = requireJob(org, params.jobId ?? '', 'export');
      const base = { id: job.id, command: 'export', selfUri: `${EXPORT_JOBS_PATH}/${job.id}` };
      if (now < job.readyAt) return { status: 200, body: { ...base, status: 'Started' } };
      if ('failure' in job.outcome) {
        return {
          status: 200,
          body: { ...base, status: 'Failure', messages: [message(job.readyAt, job.outcome.failure)] },
        };
      }
      // Signed when the job was registered, so it expires FLOW_URL_TTL_MS after that, however
      // often the job is read.
      const downloadUrl = signedLink(
        request,
        'GET',
        `${FLOW_MEDIA_PREFIX}/exports/${org.organization.id}/${job.id}`,
        {},
        job.dateCreated,
      );
      return { status: 200, body: { ...base, status: 'Success', downloadUrl } };
    },
  },
  {
    method: 'POST',
    pattern: IMPORT_JOBS_PATH,
    operation: 'flowImportJobCreate',
    handle: (request) => {
      const job: FlowImportJobRecord = {
        kind: 'import',
        ...registration(request),
        ...(request.injectedFault === 'jobFailure' ? { fails: true } : {}),
        uploadExpiresAt: later(request.now, FLOW_URL_TTL_MS),
      };
      const { id } = job;
      addFlowJob(request.org, job, request.now);
      return {
        status: 200,
        body: {
          id,
          presignedUrl: signedLink(
            request,
            'PUT',
            `${FLOW_MEDIA_PREFIX}/imports/${request.org.organization.id}/${id}`,
            FLOW_UPLOAD_HEADERS,
          ),
          headers: { ...FLOW_UPLOAD_HEADERS },
          selfUri: `${IMPORT_JOBS_PATH}/${id}`,
        },
      };
    },
  },
  {
    method: 'GET',
    pattern: `${IMPORT_JOBS_PATH}/:jobId`,
    operation: 'flowImportJobRead',
    handle: ({ org, params, now }) => {
      const job = requireJob(org, params.jobId ?? '', 'import');
      const changed = settleImport(org, job, now);
      return { status: 200, body: renderImportJob(org, job, now), changed };
    },
  },
];

/**
 * The text of an export job's files, for its download URL (whose signature the storage host has
 * checked); null when there is no such finished export.
 */
export function exportDownload(org: OrgState, jobId: string, now: string): string | null {
  const job = flowJobsOf(org).get(jobId);
  if (job?.kind !== 'export' || now >= job.expiresAt || now < job.readyAt) return null;
  if ('failure' in job.outcome) return null;
  // One flow is one file; several are YAML documents one after the other.
  return job.outcome.files.map((file) => file.text).join('---\n');
}

/**
 * Takes the file of an import job's pre-signed upload (whose signature and headers the storage
 * host has checked). The file may be sent again (a retry) until the job starts.
 */
export function acceptFlowUpload(
  org: OrgState,
  jobId: string,
  text: string,
  now: string,
  durationMs: number,
): { status: number; message: string } {
  const job = flowJobsOf(org).get(jobId);
  if (job?.kind !== 'import') return { status: 404, message: 'The import job was not found.' };
  if (now >= job.uploadExpiresAt)
    return { status: 403, message: 'The upload URL has expired. Register a new import job.' };
  if (job.outcome !== undefined || (job.upload !== undefined && now >= job.upload.readyAt)) {
    return {
      status: 409,
      message: 'The import job has already started; register a new import job to import again.',
    };
  }
  job.upload = { text, readyAt: later(now, durationMs) };
  return { status: 200, message: 'Uploaded.' };
}
