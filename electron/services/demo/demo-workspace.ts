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
 * Governance to see at work in the demo: every promotion to uat needs one approval from someone
 * other than the author (Rita, the demo approver, can give it), prod as many as the change's risk
 * requires (none when low, one when medium, two when high), and prod refuses
 * promotions during weekday peak hours unless overridden with a reason and an approval. The first
 * admin signs these into the trust root when they create their key.
 */
const DEMO_POLICIES: Record<string, Record<string, unknown>> = {
  uat: { approvalsRequired: 1, allowSelfApproval: false },
  prod: {
    approvalsRequired: 1,
    // Issue 20: approvals by the risk the rules give a change (a new wrap-up code on a queue is low).
    approvalsByRisk: { low: 0, medium: 1, high: 2 },
    allowSelfApproval: false,
    maxApprovalAgeDays: 30,
    denyWindows: [
      { name: 'Weekday peak hours', cron: '0 8 * * 1-5', durationMinutes: 600, timeZone: 'Europe/London' },
    ],
    emergencyOverride: { allowed: true, requiresApproval: true },
  },
};

/**
 * Issue 20: the path a demo change takes, and one pre-authorised change, declared in ferry.json
 * and signed into the trust root with the policies. Prod is entered after an hour in uat without
 * drift or failed checks, and only outside weekday peak hours (the same hours its deny window
 * refuses).
 */
const DEMO_PIPELINES = [
  {
    name: 'main',
    description: 'dev → uat → prod: uat straight after dev, prod after an hour of soak in uat, off-peak',
    stages: [
      { environment: 'dev' },
      { environment: 'uat' },
      {
        environment: 'prod',
        soakHours: 1,
        requireChecksPassed: true,
        requireNoDrift: true,
        windows: [
          { name: 'Weekday evenings', cron: '0 18 * * 1-5', durationMinutes: 840, timeZone: 'Europe/London' },
          { name: 'Weekends', cron: '0 0 * * 6', durationMinutes: 3360, timeZone: 'Europe/London' },
        ],
      },
    ],
  },
];

const DEMO_STANDARD_CHANGES = [
  {
    id: 'add-queue-wrapup-code',
    name: 'Add a wrap-up code to any queue',
    description: 'Create wrap-up codes and add them to queues; nothing removed or changed otherwise.',
    // Production only: uat keeps its one review, where the pipeline shows the change first.
    environments: ['prod'],
    approvals: 0,
    maxRisk: 'medium',
    allow: [
      { op: 'create', type: 'routing.wrapupcode' },
      { op: 'update', type: 'routing.queue', fields: ['wrapupCodes'], lists: 'add' },
    ],
  },
];

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
  await services.workspace.updateConfig(
    (config) => ({ ...config, pipelines: DEMO_PIPELINES, standardChanges: DEMO_STANDARD_CHANGES }),
    'demo: pipeline main and the standard change "add a wrap-up code to any queue"',
  );
  services.settings.setFlag(DEMO_FLAG, true);
  return folder;
}
