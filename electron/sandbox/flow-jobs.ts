import type { OrgState } from './org-state';

/**
 * Architect export and import jobs. They live beside the org in memory, not in its saved state:
 * a job is a few seconds of work whose outcome a client reads once, and writing the whole org to
 * disk for each of hundreds of export jobs would make a snapshot of a big org slow for nothing.
 * Settled jobs are dropped once their links have expired.
 */
const jobsByOrg = new WeakMap<OrgState, Map<string, FlowJobRecord>>();

/** Jobs an org keeps at most; the oldest settled ones go first. */
export const MAX_FLOW_JOBS_PER_ORG = 5_000;

export function flowJobsOf(org: OrgState): Map<string, FlowJobRecord> {
  let jobs = jobsByOrg.get(org);
  if (!jobs) {
    jobs = new Map();
    jobsByOrg.set(org, jobs);
  }
  return jobs;
}

/** Adds a job, dropping expired ones (and, past the cap, the oldest) first. */
export function addFlowJob(org: OrgState, job: FlowJobRecord, now: string): void {
  const jobs = flowJobsOf(org);
  for (const [id, old] of jobs) {
    const expiry = old.kind === 'export' ? old.expiresAt : old.uploadExpiresAt;
    if (expiry <= now) jobs.delete(id);
  }
  while (jobs.size >= MAX_FLOW_JOBS_PER_ORG) {
    const oldest = jobs.keys().next();
    if (oldest.done) break;
    jobs.delete(oldest.value);
  }
  jobs.set(job.id, job);
}

/** An export job: what it exports is read when it is created; it reports done at `readyAt`. */
export interface FlowExportJobRecord {
  kind: 'export';
  id: string;
  clientId: string;
  dateCreated: string;
  readyAt: string;
  /** The exported files, or why the job fails. */
  outcome: { files: { flowId: string; versionId: string; text: string }[] } | { failure: string };
  /** When its signed download link stops working (the link itself says so, signed). */
  expiresAt: string;
}

/** An import job: a pre-signed upload, then processing, then the outcome. */
export interface FlowImportJobRecord {
  kind: 'import';
  id: string;
  clientId: string;
  dateCreated: string;
  /** Set when a fault makes the job fail whatever is uploaded. */
  fails?: true;
  /** When its signed upload link stops working. */
  uploadExpiresAt: string;
  /** The uploaded file, until the job has processed it. */
  upload?: { text: string; readyAt: string };
  outcome?:
    { status: 'Success'; flowId: string; flowName: string } | { status: 'Failure'; messages: string[] };
}

export type FlowJobRecord = FlowExportJobRecord | FlowImportJobRecord;
