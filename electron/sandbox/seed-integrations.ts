import type {
  CredentialRecord,
  DataActionBody,
  DataActionRecord,
  IntegrationRecord,
  OrgKey,
  OrgState,
} from './org-state';
import { createSeededRandom, seedFromText } from './seeded-random';

const INTEGRATION_EPOCH = new Date(Date.UTC(2024, 3, 8, 10, 0, 0)).toISOString();

/** Each org's CRM lives at its own host, so the same integration differs in its properties. */
const CRM_HOSTS: Readonly<Record<OrgKey, string>> = {
  dev: 'https://crm-dev.acme-telecom.example',
  uat: 'https://crm-uat.acme-telecom.example',
  prod: 'https://crm.acme-telecom.example',
};

export const CRM_INTEGRATION = 'CRM Web Services';
export const CRM_CREDENTIAL = 'CRM Web Services Credentials';

interface ActionSeed {
  name: string;
  /** Only these orgs have the action (new work starts in dev). */
  orgs?: readonly OrgKey[];
  /** The path under the CRM host, per org where it drifted. */
  path: string | (Readonly<Partial<Record<OrgKey, string>>> & { default: string });
  method: 'GET' | 'POST';
  input: Record<string, { type: string }>;
  output: Record<string, { type: string }>;
  translationMap: Record<string, string>;
}

const ACTIONS: readonly ActionSeed[] = [
  {
    name: 'Lookup Customer By Phone',
    path: {
      default: '/api/customers?phone=${input.phoneNumber}',
      dev: '/api/v2/customers?phone=${input.phoneNumber}',
    },
    method: 'GET',
    input: { phoneNumber: { type: 'string' } },
    output: { customerId: { type: 'string' }, customerName: { type: 'string' }, tier: { type: 'string' } },
    translationMap: { customerId: '$.id', customerName: '$.name', tier: '$.tier' },
  },
  {
    name: 'Get Account Balance',
    path: '/api/accounts/${input.customerId}/balance',
    method: 'GET',
    input: { customerId: { type: 'string' } },
    output: { balance: { type: 'number' }, overdue: { type: 'boolean' } },
    translationMap: { balance: '$.balance', overdue: '$.overdue' },
  },
  {
    name: 'Create Support Ticket',
    orgs: ['dev'],
    path: '/api/tickets',
    method: 'POST',
    input: { customerId: { type: 'string' }, summary: { type: 'string' } },
    output: { ticketId: { type: 'string' } },
    translationMap: { ticketId: '$.id' },
  },
];

function actionBody(org: OrgKey, seed: ActionSeed): DataActionBody {
  const path = typeof seed.path === 'string' ? seed.path : (seed.path[org] ?? seed.path.default);
  const schema = (properties: Record<string, { type: string }>) => ({
    $schema: 'http://json-schema.org/draft-04/schema#',
    title: seed.name,
    type: 'object',
    properties,
    additionalProperties: true,
  });
  return {
    name: seed.name,
    category: CRM_INTEGRATION,
    secure: false,
    config: {
      timeoutSeconds: 15,
      request: {
        requestUrlTemplate: `${CRM_HOSTS[org]}${path}`,
        requestType: seed.method,
        headers: { Accept: 'application/json' },
        requestTemplate: '${input.rawRequest}',
      },
      response: {
        translationMap: seed.translationMap,
        translationMapDefaults: {},
        successTemplate: '${rawResult}',
      },
    },
    contract: { input: { inputSchema: schema(seed.input) }, output: { successSchema: schema(seed.output) } },
  };
}

/**
 * The integrations of one org: a "CRM Web Services" Web Services Data Actions integration with a
 * basicAuth credential (its own password per org) and its data actions. dev has one action more
 * (new work) and a newer lookup path; the hosts differ per org. Ids come from a generator of
 * their own so every id seeded before issue 18 stays as it was.
 */
export function seedIntegrations(
  org: OrgKey,
): Required<Pick<OrgState, 'integrations' | 'integrationCredentials' | 'dataActions'>> {
  const ids = createSeededRandom(seedFromText(`ferry-sandbox:integration-ids:${org}`));
  const stamp = INTEGRATION_EPOCH;
  const credentialId = ids.uuid();
  const credential: CredentialRecord = {
    id: credentialId,
    name: CRM_CREDENTIAL,
    type: 'basicAuth',
    fields: { userName: `ferry-${org}`, password: `sandbox-${org}-crm-password` },
    createdDate: stamp,
    modifiedDate: stamp,
  };
  const integrationId = ids.uuid();
  const integration: IntegrationRecord = {
    id: integrationId,
    name: CRM_INTEGRATION,
    integrationTypeId: 'custom-rest-actions',
    notes: 'Customer lookups for the inbound call flows',
    intendedState: 'ENABLED',
    attributes: {},
    config: {
      name: CRM_INTEGRATION,
      version: 1,
      properties: {},
      advanced: {},
      notes: '',
      credentials: { basicAuth: credentialId },
    },
    dateModified: stamp,
  };
  const dataActions: Record<string, DataActionRecord> = {};
  for (const seed of ACTIONS) {
    if (seed.orgs && !seed.orgs.includes(org)) continue;
    const id = `custom_-_${ids.uuid()}`;
    dataActions[id] = { id, integrationId, version: 1, dateModified: stamp, ...actionBody(org, seed) };
  }
  return {
    integrations: { [integrationId]: integration },
    integrationCredentials: { [credentialId]: credential },
    dataActions,
  };
}
