import assert from 'node:assert/strict';
import { join } from 'node:path';
import { startSandbox, type SandboxHandle, type SandboxOptions } from '../../../electron/sandbox';
import { createFerryServices, type FerryServices } from '../../../electron/host/core/ferry-services';
import type { RetryPolicy } from '../../../electron/services/connectors/genesys/retry-policy';
import { PromotionEngine } from '../../../electron/services/promotion/promotion-engine';
import type { JsonObject } from '../../../shared/model/canonical/json-value';
import type { Changeset, ChangesetOperation } from '../../../shared/model/changeset';
import type { Plan } from '../../../shared/model/plan';
import { tempDir } from '../../support/temp-dir';

/** Short back-off so 503 retries cost milliseconds; 429s still wait their `Retry-After`. */
export const FAST_RETRY: Partial<RetryPolicy> = {
  maxRetries: 6,
  maxRateLimitRetries: 30,
  baseDelayMs: 5,
  maxDelayMs: 40,
  timeoutMs: 10_000,
};

export interface RecordedRequest {
  method: string;
  path: string;
  status: number;
  body: string | null;
}

export interface PromotionWorld {
  sandbox: SandboxHandle;
  services: FerryServices;
  engine: PromotionEngine;
  root: string;
  dataDir: string;
  workspaceDir: string;
  /** Every HTTP exchange the services' connectors had with the sandbox, answered or not. */
  requests: RecordedRequest[];
  close(): Promise<void>;
}

/**
 * A sandbox, a workspace with `uat` (and `dev`) configured on it, and a promotion engine built
 * from the same services a host builds. Requests are recorded at the HTTP layer under the
 * connectors (the real fetch does the work), so a test can count the writes the sandbox accepted.
 */
export async function promotionWorld(
  options: { sandbox?: SandboxOptions; snapshot?: boolean } = {},
): Promise<PromotionWorld> {
  const sandbox = await startSandbox({ rateLimitPerMinute: 100_000, ...options.sandbox });
  const root = await tempDir('ferry-promotion-');
  const requests: RecordedRequest[] = [];
  const recordingFetch: typeof fetch = async (input, init) => {
    const url = new URL(input instanceof Request ? input.url : String(input));
    const response = await fetch(input, init);
    requests.push({
      method: (init?.method ?? 'GET').toUpperCase(),
      path: url.pathname,
      status: response.status,
      body: typeof init?.body === 'string' ? init.body : null,
    });
    return response;
  };
  const dataDir = join(root, 'data');
  const services = createFerryServices({
    dataDir,
    version: 'test',
    env: {},
    author: { name: 'Rene Release', email: 'rene@example.test' },
    transport: { retry: FAST_RETRY, fetch: recordingFetch },
  });
  const workspaceDir = join(root, 'ws');
  await services.workspace.create(workspaceDir, 'Promotion');
  for (const org of ['dev', 'uat'] as const) {
    await services.environments.save(
      { name: org, kind: 'sandbox', url: sandbox.url, org, tier: org === 'uat' ? 'test' : 'dev' },
      undefined,
    );
  }
  if (options.snapshot !== false) await services.snapshots.run('uat');
  const engine = new PromotionEngine({
    workspace: services.workspace,
    environments: services.environments,
    snapshots: services.snapshots,
    events: services.events,
  });
  return { sandbox, services, engine, root, dataDir, workspaceDir, requests, close: () => sandbox.close() };
}

/** A changeset document around `operations`. */
export function changesetOf(id: string, operations: ChangesetOperation[], title = id): Changeset {
  return {
    formatVersion: 1,
    id,
    title,
    description: '',
    ticket: '',
    author: 'Rene Release',
    createdAt: '2026-11-23T10:00:00.000Z',
    operations,
  };
}

/** The environment as it is now, canonical, by type and key. */
export async function liveObjects(
  services: FerryServices,
  environment: string,
  types?: string[],
): Promise<Map<string, Map<string, JsonObject>>> {
  const listing = await services.snapshots.pullLive(environment, types ? { types } : {});
  const state = new Map<string, Map<string, JsonObject>>();
  for (const [type, texts] of listing.texts) {
    state.set(type, new Map([...texts].map(([key, text]) => [key, JSON.parse(text) as JsonObject])));
  }
  return state;
}

/** Differences between a snapshot commit of `environment` and the live org; 0 means restored exactly. */
export async function differencesFrom(services: FerryServices, environment: string, commit: string) {
  const outcome = await services.compare.compare(`${environment}@${commit}`, `live:${environment}`);
  return outcome.result.objects.filter((object) => object.status !== 'unchanged');
}

/**
 * Writes the sandbox accepted (2xx POST/PUT/DELETE/PATCH) since `from`. A flow export job is
 * registered with a POST but changes nothing (the snapshot a run takes exports each flow): not a write.
 */
export function acceptedWrites(requests: readonly RecordedRequest[], from = 0): RecordedRequest[] {
  return requests
    .slice(from)
    .filter(
      (request) =>
        request.method !== 'GET' &&
        request.path.startsWith('/api/') &&
        request.path !== '/api/v2/flows/export/jobs' &&
        request.status < 300,
    );
}

export function wrapupCode(name: string, division = 'Home', description?: string): JsonObject {
  return {
    name,
    division: { $ref: 'authorization.division', name: division },
    ...(description === undefined ? {} : { description }),
  };
}

/** The plan's step for one object; fails the test when the plan has none. */
export function stepFor(plan: Plan, type: string, key: string) {
  const step = plan.steps.find((candidate) => candidate.type === type && candidate.key === key);
  assert.ok(step, `a step for ${type} ${key}`);
  return step;
}

/** The commit of the environment's last snapshot: what a rollback must bring it back to. */
export async function lastSnapshotCommit(services: FerryServices, environment: string): Promise<string> {
  const summary = await services.snapshots.store().lastSnapshot(environment);
  assert.ok(summary, `${environment} has a snapshot`);
  return summary.commit;
}
