import type { CredentialRecord, DataActionRecord, IntegrationRecord, OrgState } from './org-state';

/**
 * The issue 18 collections of an org. They are optional on `OrgState` (an org saved before them
 * is seeded on load), so routes reach them through these, which never hand back undefined.
 */
export function integrationsOf(org: OrgState): Record<string, IntegrationRecord> {
  return (org.integrations ??= {});
}

export function credentialsOf(org: OrgState): Record<string, CredentialRecord> {
  return (org.integrationCredentials ??= {});
}

export function dataActionsOf(org: OrgState): Record<string, DataActionRecord> {
  return (org.dataActions ??= {});
}

export const INTEGRATIONS_PATH = '/api/v2/integrations';
export const INTEGRATION_TYPES_PATH = '/api/v2/integrations/types';
export const CREDENTIALS_PATH = '/api/v2/integrations/credentials';
export const ACTIONS_PATH = '/api/v2/integrations/actions';

/** The integration types the sandbox knows, as `GET /api/v2/integrations/types/{id}` names them. */
export const INTEGRATION_TYPES: Readonly<Record<string, { name: string; description: string }>> = {
  'custom-rest-actions': {
    name: 'Web Services Data Actions',
    description: 'Call web services from flows and scripts.',
  },
  'gcp-data-actions': {
    name: 'Genesys Cloud Data Actions',
    description: 'Call the Genesys Cloud Platform API from flows and scripts.',
  },
};
