import { join } from 'node:path';
import { DEMO_CLIENTS } from '../../../shared/sandbox/demo-clients';
import type { EnvironmentService } from '../environments/environment-service';
import type { AppSettings } from '../settings/app-settings';
import type { WorkspaceService } from '../workspace/workspace-service';

/** The services the first-run demo workspace is made with. */
export interface DemoWorkspaceServices {
  settings: AppSettings;
  workspace: WorkspaceService;
  environments: EnvironmentService;
}

const DEMO_FLAG = 'demoWorkspaceCreated';

/** The demo workspace's folder inside the app's data folder. */
export const DEMO_WORKSPACE_FOLDER = 'demo-workspace';

/**
 * Governance to see at work in the demo: every promotion to uat or prod needs one approval from
 * someone other than the author (Rita, the demo approver, can give it), and prod refuses
 * promotions during weekday peak hours unless overridden with a reason and an approval. The first
 * admin signs these into the trust root when they create their key.
 */
const DEMO_POLICIES: Record<string, Record<string, unknown>> = {
  uat: { approvalsRequired: 1, allowSelfApproval: false },
  prod: {
    approvalsRequired: 1,
    allowSelfApproval: false,
    maxApprovalAgeDays: 30,
    denyWindows: [
      { name: 'Weekday peak hours', cron: '0 8 * * 1-5', durationMinutes: 600, timeZone: 'Europe/London' },
    ],
    emergencyOverride: { allowed: true, requiresApproval: true },
  },
};

const DEMO_ENVIRONMENTS = [
  { name: 'dev', org: 'dev', tier: 'dev', label: 'Development' },
  { name: 'uat', org: 'uat', tier: 'test', label: 'User acceptance' },
  { name: 'prod', org: 'prod', tier: 'prod', label: 'Production' },
] as const;

/**
 * First run only: a workspace in the data folder wired to the three embedded sandbox orgs, so a
 * new user can try everything without a Genesys org. Later runs leave the user's choice alone.
 */
export async function ensureDemoWorkspace(
  services: DemoWorkspaceServices,
  dataDir: string,
): Promise<string | null> {
  if (services.settings.flag(DEMO_FLAG) || services.settings.recent().length > 0) return null;
  const folder = join(dataDir, DEMO_WORKSPACE_FOLDER);
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
        policy: DEMO_POLICIES[environment.name] ?? {},
      },
      undefined,
    );
  }
  services.settings.setFlag(DEMO_FLAG, true);
  return folder;
}
