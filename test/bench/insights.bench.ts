import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { computeInsights, resolveInsightsQuery } from '../../shared/insights/compute-insights';
import { createFerryServices } from '../../electron/host/core/ferry-services';
import { InsightsReader, readInsightsFiles } from '../../electron/services/insights/insights-reader';
import { generateInsightsHistory } from '../support/insights-history';
import { median, timed, type BenchRatio } from './bench-ratio';

/** Issue 19: "10,000 runs and 50,000 changesets in under a second of work, within 2× of reading them". */
const RUNS = Number(process.env.FERRY_BENCH_INSIGHTS_RUNS ?? 10_000);
const CHANGESETS = Number(process.env.FERRY_BENCH_INSIGHTS_CHANGESETS ?? 50_000);
const ROUNDS = 3;

/**
 * A generated signed history (test/support/insights-history.ts) measured three ways in one run:
 * reading its files with no computation (the reader's own walk, `readInsightsFiles`), Insights
 * warm (its verification cache filled by a first pass, as on every open after the first), and,
 * printed for information, Insights cold (every signature checked) and compute alone. Each
 * baseline and warm round runs after a first read, so both see the same warm page cache.
 */
export async function insightsBench(): Promise<BenchRatio[]> {
  const root = await mkdtemp(join(tmpdir(), 'ferry-bench-insights-'));
  try {
    const generated = await timed(() =>
      generateInsightsHistory({ root, runs: RUNS, changesets: CHANGESETS, corrupt: 10 }),
    );
    const history = generated.value;
    console.log(
      `insights: generated ${history.runs.length} runs and ${history.changesets.length} changesets in ${generated.seconds.toFixed(1)} s`,
    );
    const services = createFerryServices({
      dataDir: history.dataDir,
      version: 'bench',
      env: { FERRY_VAULT_PASSPHRASE: history.env.FERRY_VAULT_PASSPHRASE },
    });
    await services.workspace.open(history.dir);
    // The whole history: the period its records span.
    const query = { from: history.from, to: history.to };

    await readInsightsFiles(history.dir);
    const cold = await timed(() => services.insights.metrics(query));
    const baseline: number[] = [];
    const warm: number[] = [];
    for (let round = 0; round < ROUNDS; round += 1) {
      baseline.push((await timed(() => readInsightsFiles(history.dir))).seconds);
      warm.push((await timed(() => services.insights.metrics(query))).seconds);
    }

    // Compute alone, over the facts the reader produced (warm: from the cache).
    const reader = new InsightsReader({
      workspaceDir: () => history.dir,
      now: () => new Date(),
      trustRoot: () => services.identity.trust.root(),
      environments: async () => (await services.environments.configs()).map((item) => item.name),
      lastSnapshotAt: () => Promise.resolve(null),
      dataDir: history.dataDir,
    });
    const input = await reader.read();
    const now = new Date();
    const resolved = resolveInsightsQuery(query, now);
    const compute: number[] = [];
    for (let round = 0; round < ROUNDS; round += 1) {
      compute.push((await timed(() => computeInsights(input, resolved, now))).seconds);
    }
    const report = cold.value;
    console.log(
      `insights: cold ${cold.seconds.toFixed(2)} s (every signature checked), compute alone ${median(compute).toFixed(3)} s; ` +
        `${report.deploymentFrequency.total} deployments, ${report.records.unverified.total} records left out`,
    );
    return [
      {
        name: `insights over ${history.runs.length} runs and ${history.changesets.length} changesets`,
        subject: { label: 'insights (warm)', seconds: median(warm) },
        baseline: { label: 'reading the files', seconds: median(baseline) },
        goal: 2,
      },
    ];
  } finally {
    await rm(root, { recursive: true, force: true });
  }
}
