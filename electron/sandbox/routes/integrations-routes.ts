import {
  CREDENTIALS_PATH,
  credentialsOf,
  INTEGRATION_TYPES,
  INTEGRATION_TYPES_PATH,
  INTEGRATIONS_PATH,
  integrationsOf,
} from '../integration-records';
import type { CredentialRecord, IntegrationRecord, OrgState } from '../org-state';
import { pageOf, readPageRequest } from '../paging';
import { compareByName, multiValue, requireRecord } from '../route-helpers';
import type { Route } from '../route-table';

export function renderIntegrationType(typeId: string) {
  const known = INTEGRATION_TYPES[typeId];
  return {
    id: typeId,
    ...(known ? { name: known.name, description: known.description } : {}),
    provider: 'genesys',
    category: 'Data Actions',
    selfUri: `${INTEGRATION_TYPES_PATH}/${typeId}`,
  };
}

/** A credential as the configuration names it: `{id, name, selfUri}`, never its values. */
function credentialRef(org: OrgState, credentialId: string) {
  const credential = credentialsOf(org)[credentialId];
  return {
    id: credentialId,
    ...(credential ? { name: credential.name } : {}),
    selfUri: `${CREDENTIALS_PATH}/${credentialId}`,
  };
}

/** `IntegrationConfiguration` (the `config/current` sub-resource). */
export function renderIntegrationConfig(org: OrgState, integration: IntegrationRecord) {
  const config = integration.config;
  return {
    id: integration.id,
    name: config.name,
    version: config.version,
    properties: config.properties,
    advanced: config.advanced,
    notes: config.notes,
    credentials: Object.fromEntries(
      Object.entries(config.credentials).map(([key, id]) => [key, credentialRef(org, id)]),
    ),
    selfUri: `${INTEGRATIONS_PATH}/${integration.id}/config/current`,
  };
}

/** `Integration`; `expand=config.current` inlines the configuration, as the real list does. */
export function renderIntegration(org: OrgState, integration: IntegrationRecord, expandConfig: boolean) {
  return {
    id: integration.id,
    name: integration.name,
    integrationType: renderIntegrationType(integration.integrationTypeId),
    ...(integration.notes === undefined ? {} : { notes: integration.notes }),
    intendedState: integration.intendedState,
    ...(expandConfig ? { config: { current: renderIntegrationConfig(org, integration) } } : {}),
    reportedState: {
      code: integration.intendedState === 'ENABLED' ? 'ACTIVE' : 'DEACTIVATED',
      effective: integration.intendedState === 'ENABLED' ? 'Active' : 'Inactive',
      lastUpdated: integration.dateModified,
    },
    attributes: integration.attributes,
    selfUri: `${INTEGRATIONS_PATH}/${integration.id}`,
  };
}

/** `CredentialInfo`: name and type, never the fields. */
export function renderCredentialInfo(credential: CredentialRecord) {
  return {
    id: credential.id,
    name: credential.name,
    createdDate: credential.createdDate,
    modifiedDate: credential.modifiedDate,
    type: { name: credential.type },
    selfUri: `${CREDENTIALS_PATH}/${credential.id}`,
  };
}

function wantsConfig(query: URLSearchParams): boolean {
  return multiValue(query, 'expand').some((field) => field === 'config.current');
}

export const integrationReadRoutes: Route[] = [
  {
    method: 'GET',
    pattern: INTEGRATIONS_PATH,
    handle: (request) => {
      const { org, query } = request;
      const page = readPageRequest(query, request.maxPageSizes.integrations);
      const ids = new Set(multiValue(query, 'ids'));
      const typeId = query.get('integrationType');
      const credentialId = query.get('credentialId');
      const expand = wantsConfig(query);
      const records = Object.values(integrationsOf(org))
        .filter((record) => ids.size === 0 || ids.has(record.id))
        .filter((record) => typeId === null || record.integrationTypeId === typeId)
        .filter(
          (record) =>
            credentialId === null || Object.values(record.config.credentials).includes(credentialId),
        )
        .sort(compareByName)
        .map((record) => renderIntegration(org, record, expand));
      const carried: [string, string][] = [];
      for (const name of ['expand', 'ids', 'integrationType', 'credentialId']) {
        for (const value of query.getAll(name)) carried.push([name, value]);
      }
      return { status: 200, body: pageOf(records, page, INTEGRATIONS_PATH, carried) };
    },
  },
  {
    method: 'GET',
    pattern: `${INTEGRATIONS_PATH}/:integrationId`,
    handle: ({ org, params, query }) => {
      const integration = requireRecord(integrationsOf(org), params.integrationId ?? '', 'integration');
      return { status: 200, body: renderIntegration(org, integration, wantsConfig(query)) };
    },
  },
  {
    method: 'GET',
    pattern: `${INTEGRATIONS_PATH}/:integrationId/config/current`,
    handle: ({ org, params }) => {
      const integration = requireRecord(integrationsOf(org), params.integrationId ?? '', 'integration');
      return { status: 200, body: renderIntegrationConfig(org, integration) };
    },
  },
  {
    method: 'GET',
    pattern: `${INTEGRATION_TYPES_PATH}/:typeId`,
    handle: ({ params }) => {
      const typeId = params.typeId ?? '';
      requireRecord(INTEGRATION_TYPES, typeId, 'integration type');
      return { status: 200, body: renderIntegrationType(typeId) };
    },
  },
  {
    method: 'GET',
    pattern: CREDENTIALS_PATH,
    handle: (request) => {
      const page = readPageRequest(request.query, request.maxPageSizes.credentials);
      const records = Object.values(credentialsOf(request.org)).sort(compareByName).map(renderCredentialInfo);
      return { status: 200, body: pageOf(records, page, CREDENTIALS_PATH) };
    },
  },
];
