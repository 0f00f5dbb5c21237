import { formatRatio, ratioOf, type Bench } from './bench-ratio';
import { snapshotCommitBench } from './snapshot-commit.bench';
import { snapshotPullBench } from './snapshot-pull.bench';
import { compareBench } from './compare.bench';
import { comparePageBench } from './compare-page.bench';
import { promotionBench } from './promotion.bench';
import { referenceLookupsBench } from './reference-lookups.bench';
import { cliStartupBench } from './cli-startup.bench';
import { flowExportBench } from './flow-export.bench';
import { insightsBench } from './insights.bench';

/**
 * Runs every benchmark and prints one line per ratio. Benchmarks are never tests: the machines
 * are shared and noisy, so they report ratios against a baseline measured in the same run, and
 * the exit code only says whether they ran, not whether goals were met.
 */
const benches: { name: string; run: Bench }[] = [
  { name: 'snapshot commit', run: snapshotCommitBench },
  { name: 'snapshot pull', run: snapshotPullBench },
  { name: 'compare', run: compareBench },
  { name: 'compare page', run: comparePageBench },
  { name: 'promotion', run: promotionBench },
  { name: 'reference lookups', run: referenceLookupsBench },
  { name: 'cli start-up', run: cliStartupBench },
  { name: 'flow export', run: flowExportBench },
  { name: 'insights', run: insightsBench },
];

const only = process.argv.slice(2);
let missed = 0;
for (const bench of benches) {
  if (only.length > 0 && !only.some((word) => bench.name.includes(word))) continue;
  for (const result of await bench.run()) {
    console.log(formatRatio(result));
    if (ratioOf(result) > result.goal) missed += 1;
  }
}
if (missed > 0) console.log(`${missed} ratio(s) above goal`);
