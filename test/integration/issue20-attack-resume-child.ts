/**
 * Issue 20 attack helper: a promoter runs a promotion straight through her engine (no gates, so
 * its signed plan records no risk) with a post-promotion check, and the process dies (SIGKILL) as
 * the checks start: every step written and verified, the run interrupted. The parent then asks
 * another session to resume it.
 */
import { readFile } from 'node:fs/promises';
import { z } from 'zod';
import { createFerryServices } from '../../electron/host/core/ferry-services';
import { changesetSchema } from '../../shared/model/changeset';

const argsSchema = z.object({
  dataDir: z.string(),
  workspace: z.string(),
  changesetFile: z.string(),
  environment: z.string(),
});
const args = argsSchema.parse(JSON.parse(process.env.FERRY_RESUME_CHILD ?? '{}'));
const services = createFerryServices({
  dataDir: args.dataDir,
  version: 'test',
  env: process.env,
  author: { name: 'Ada', email: 'ada@example.test' },
});
await services.workspace.open(args.workspace);
const changeset = changesetSchema.parse(JSON.parse(await readFile(args.changesetFile, 'utf8')));
const plan = await services.engine.plan(changeset, args.environment);
await services.engine.execute(plan, {
  checks: { checks: [{ kind: 'queue-member-groups' }], onFailure: 'rollback' },
  onProgress: (progress) => {
    if (progress.phase === 'checking' && progress.runId !== '') process.kill(process.pid, 'SIGKILL');
  },
});
process.stdout.write('finished without being killed\n');
