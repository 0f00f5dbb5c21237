/**
 * Runs one promotion in a process of its own, so a test can SIGKILL it mid-run: the same services
 * a host builds, on the workspace and data folder the test made, against the test's sandbox (its
 * URL is in the workspace's ferry.json; the test passes it too so a mismatch fails loudly).
 */
import { readFile } from 'node:fs/promises';
import { z } from 'zod';
import { createFerryServices } from '../../../electron/host/core/ferry-services';
import { PromotionEngine } from '../../../electron/services/promotion/promotion-engine';
import { changesetSchema } from '../../../shared/model/changeset';
import { FAST_RETRY } from './promotion-test-support';

const argsSchema = z.object({
  dataDir: z.string(),
  workspace: z.string(),
  changesetFile: z.string(),
  environment: z.string(),
  sandboxUrl: z.string(),
});

const args = argsSchema.parse(JSON.parse(process.env.FERRY_PROMOTION_CHILD ?? '{}'));
const services = createFerryServices({
  dataDir: args.dataDir,
  version: 'test',
  env: {},
  author: { name: 'Child Process', email: 'child@example.test' },
  transport: { retry: FAST_RETRY },
});
await services.workspace.open(args.workspace);
const environment = await services.environments.get(args.environment);
if (environment.kind !== 'sandbox' || environment.url !== args.sandboxUrl) {
  throw new Error(`${args.environment} does not point at the test's sandbox ${args.sandboxUrl}`);
}
const engine = new PromotionEngine({
  workspace: services.workspace,
  environments: services.environments,
  snapshots: services.snapshots,
  // As a host builds it: the run is recorded as this machine's, so the next start finds it.
  dataDir: args.dataDir,
});
const changeset = changesetSchema.parse(JSON.parse(await readFile(args.changesetFile, 'utf8')));
const plan = await engine.plan(changeset, args.environment);
// One step at a time, so the parent's kill lands between any two journal entries.
const result = await engine.execute(plan, { concurrency: 1 });
process.stdout.write(`${result.status}\n`);
