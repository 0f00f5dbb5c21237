import { join } from 'node:path';
import { DEMO_CLIENTS } from '../../sandbox/oauth';
import type { FerryServices } from './ferry-services';

const DEMO_FLAG = 'demoWorkspaceCreated';

const DEMO_ENVIRONMENTS = [
  { name: 'dev', org: 'dev', tier: 'dev', label: 'Development' },
  { name: 'uat', org: 'uat', tier: 'test', label: 'User acceptance' },
  { name: 'prod', org: 'prod', tier: 'prod', label: 'Production' },
] as const;

/**
 * First run only: a workspace in the data folder wired to the three embedded sandbox orgs, so a
 * new user can try everything without a Genesys org. Later runs leave the user's choice alone.
 */
export async function ensureDemoWorkspace(services: FerryServices, dataDir: string): Promise<string | null> {
  if (services.settings.flag(DEMO_FLAG) || services.settings.recent().length > 0) return null;
  const folder = join(dataDir, 'demo-workspace');
  await services.workspace.create(folder, 'Ferry demo (sandbox orgs)');
  for (const environment of DEMO_ENVIRONMENTS) {
    await services.environments.save(
      {
        name: environment.name,
        label: environment.label,
        kind: 'sandbox',
        url: 'embedded',
        org: environment.org,
        tier: environment.tier,
        clientId: DEMO_CLIENTS[environment.org].clientId,
      },
      undefined,
    );
  }
  services.settings.setFlag(DEMO_FLAG, true);
  return folder;
}
