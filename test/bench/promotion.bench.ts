import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { mapBounded } from '../../shared/concurrency/concurrency-limit';
import { createFerryServices } from '../../electron/host/core/ferry-services';
import { startSandbox } from '../../electron/sandbox';
import type { Changeset } from '../../shared/model/changeset';
import { timed, type BenchRatio } from './bench-ratio';

const UPDATES = Number(process.env.FERRY_BENCH_UPDATES ?? 1000);
const RATE_LIMIT = 300;
/** Writes plus verify reads: what one update needs at the very least. */
const CALLS_PER_UPDATE_FLOOR = 2;

/**
 * Promotion at the API's pace (issue #6): 1,000 updates against a sandbox limited to 300
 * requests a minute. Reports the requests per update beyond the plan (goal: one write and one
 * verify read) and the time taken against the time those requests need at exactly the limit
 * (goal: at least 90 % of the allowed throughput, i.e. a ratio of at most 1.11).
 */
export async function promotionBench(): Promise<BenchRatio[]> {
  const root = await mkdtemp(join(tmpdir(), 'ferry-bench-promotion-'));
  try {
    const orgs = join(root, 'orgs');
    // Growing the org is set-up, not the subject: done without a limit, on the same stored orgs.
    const open = await startSandbox({ dataDir: orgs, rateLimitPerMinute: 1_000_000 });
    const services = createFerryServices({ dataDir: join(root, 'data'), version: 'bench', env: {} });
    await services.workspace.create(join(root, 'ws'), 'Bench');
    await services.environments.save(
      { name: 'uat', kind: 'sandbox', url: open.url, org: 'uat', tier: 'test' },
      undefined,
    );
    const setup = await services.environments.connector('uat');
    const names = Array.from(
      { length: UPDATES },
      (_, index) => `Bench outcome ${String(index).padStart(4, '0')}`,
    );
    await mapBounded(names, 16, (name) => setup.create('routing.wrapupcode', { name }));
    await open.close();

    const limited = await startSandbox({ dataDir: orgs, rateLimitPerMinute: RATE_LIMIT });
    try {
      const uat = await services.environments.get('uat');
      await services.environments.save({ ...uat, url: limited.url }, undefined, { replace: true });
      const changeset: Changeset = {
        formatVersion: 1,
        id: 'bench-updates',
        title: `${UPDATES} wrap-up code descriptions`,
        description: '',
        ticket: '',
        author: 'bench',
        createdAt: new Date().toISOString(),
        operations: names.map((key) => ({
          op: 'update' as const,
          type: 'routing.wrapupcode',
          key,
          changes: [{ path: 'description', after: `Reviewed in the ${key} bench` }],
        })),
      };
      const plan = await services.engine.plan(changeset, 'uat');
      const run = await timed(() => services.engine.execute(plan, { snapshot: false, concurrency: 8 }));
      const result = run.value;
      if (result.status !== 'succeeded')
        throw new Error(`the bench run ended ${result.status}: ${result.message}`);
      const perMinute = (result.requests / run.seconds) * 60;
      console.log(
        `promotion: ${UPDATES} updates, ${result.requests} requests in ${run.seconds.toFixed(1)} s ` +
          `(${perMinute.toFixed(0)}/min against a limit of ${RATE_LIMIT}/min, ${(perMinute / RATE_LIMIT).toFixed(2)} of it), ` +
          `${result.rateLimitWaits} rate-limit waits`,
      );
      return [
        {
          name: 'promotion requests per update',
          subject: {
            label: 'requests per update (execute)',
            seconds: Number((result.requests / UPDATES).toFixed(3)),
          },
          baseline: { label: 'one write + one verify read', seconds: CALLS_PER_UPDATE_FLOOR },
          goal: 1.05,
          unit: 'requests',
        },
        {
          name: 'promotion throughput at 300/min',
          subject: { label: 'execute', seconds: run.seconds },
          baseline: {
            label: 'the same requests at exactly the limit',
            seconds: (result.requests / RATE_LIMIT) * 60,
          },
          goal: 1.11,
        },
      ];
    } finally {
      await limited.close();
    }
  } finally {
    await rm(root, { recursive: true, force: true });
  }
}
