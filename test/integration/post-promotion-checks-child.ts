/**
 * Runs one promotion with post-promotion checks in a process of its own, and kills itself with
 * SIGKILL at a chosen moment of the checks (issue 20): `before-checked`, once the checks start (all
 * steps done and verified, nothing about the checks journalled), or `after-checked`, once a failed
 * check is journalled and before its undo starts. The parent then recovers the run.
 */
import { readFile } from 'node:fs/promises';
import { z } from 'zod';
import { createFerryServices } from '../../electron/host/core/ferry-services';
import { PromotionEngine } from '../../electron/services/promotion/promotion-engine';
import { changesetSchema } from '../../shared/model/changeset';
import { postPromotionCheckSchema } from '../../shared/promotion/checks/post-promotion-check';
import { FAST_RETRY } from './promotion/promotion-test-support';

const argsSchema = z.object({
  dataDir: z.string(),
  workspace: z.string(),
  changesetFile: z.string(),
  environment: z.string(),
  checks: z.array(postPromotionCheckSchema),
  killAt: z.enum(['before-checked', 'after-checked']),
});

const args = argsSchema.parse(JSON.parse(process.env.FERRY_CHECKS_CHILD ?? '{}'));
const services = createFerryServices({
  dataDir: args.dataDir,
  version: 'test',
  env: {},
  author: { name: 'Child Process', email: 'child@example.test' },
  transport: { retry: FAST_RETRY },
});
await services.workspace.open(args.workspace);
const engine = new PromotionEngine({
  workspace: services.workspace,
  environments: services.environments,
  snapshots: services.snapshots,
  dataDir: args.dataDir,
});
const changeset = changesetSchema.parse(JSON.parse(await readFile(args.changesetFile, 'utf8')));
const plan = await engine.plan(changeset, args.environment);
await engine.execute(plan, {
  checks: { checks: args.checks, onFailure: 'rollback' },
  onProgress: (progress) => {
    if (progress.phase !== 'checking' || progress.runId === '') return;
    const starting = progress.status === 'running' && progress.message.startsWith('running ');
    if (args.killAt === 'before-checked' ? starting : progress.status === 'failed') {
      process.kill(process.pid, 'SIGKILL');
    }
  },
});
process.stdout.write('finished without being killed\n');
