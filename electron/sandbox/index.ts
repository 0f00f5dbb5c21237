/** The sandbox's public surface: start it, describe its faults, know its demo orgs. */
export {
  startSandbox,
  DEFAULT_RATE_LIMIT_PER_MINUTE,
  MAX_REQUEST_BYTES,
  type SandboxHandle,
  type SandboxOptions,
  type SandboxOrgCredentials,
} from './sandbox-server';
export {
  parseFaultSpec,
  describeFaultSpec,
  FaultSpecError,
  WRITE_OPERATIONS,
  type FaultSpec,
  type WriteOperation,
} from './fault-injector';
export { DEMO_CLIENTS, DEFAULT_TOKEN_TTL_SECONDS, type DemoClient } from './oauth';
export { DEFAULT_MAX_PAGE_SIZES, DEFAULT_PAGE_SIZE, minimumListRequests, type ListKind } from './paging';
export { SEEDED_DRIFT } from './seed-orgs';
export { DEV_ONLY_REFERENCE_OBJECTS, SHARED_EMAIL_DOMAIN, orgEmailDomain } from './seed-reference-catalogue';
export { ORG_KEYS, type OrgKey } from './org-state';
export { VERSION_MISMATCH_MESSAGE } from './genesys-error';
export { MAX_QUEUE_WRAPUP_CODES_PER_POST } from './routes/queues-routes';
export { FLOW_DRIFT, ISSUE_18_FLOWS } from './seed-flows';
export { CRM_CREDENTIAL, CRM_INTEGRATION } from './seed-integrations';
export {
  DEFAULT_FLOW_JOB_DURATION_MS,
  FLOW_UPLOAD_HEADERS,
  FLOW_URL_TTL_MS,
} from './routes/flow-jobs-routes';
