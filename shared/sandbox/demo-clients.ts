import type { SandboxOrg } from '../model/environment';

/**
 * Demo OAuth clients, one per embedded sandbox org. They only ever unlock the local sandbox, so they
 * are published here on purpose: the sandbox accepts them, and the desktop app, the CLI and tests
 * log in with them. Shared so that the services never import the sandbox itself.
 */
export interface DemoClient {
  clientId: string;
  clientSecret: string;
}

export const DEMO_CLIENTS: Readonly<Record<SandboxOrg, DemoClient>> = Object.freeze({
  dev: { clientId: '5a0d0000-f0e1-4000-8000-000000000001', clientSecret: 'ferry-sandbox-dev-secret' },
  uat: { clientId: '5a0d0000-f0e1-4000-8000-000000000002', clientSecret: 'ferry-sandbox-uat-secret' },
  prod: { clientId: '5a0d0000-f0e1-4000-8000-000000000003', clientSecret: 'ferry-sandbox-prod-secret' },
});
