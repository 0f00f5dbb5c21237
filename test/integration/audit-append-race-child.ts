/**
 * One of several Ferry processes appending to the same key's audit log in the same workspace and
 * data folder at the same moment (see audit-append-race.test.ts). Waits for the common start time,
 * appends `count` entries as fast as it can, and prints the seqs it was given.
 */
import { setTimeout as delay } from 'node:timers/promises';
import { z } from 'zod';
import { createFerryServices } from '../../electron/host/core/ferry-services';
import { createIdentityServices } from '../../electron/services/identity/identity-services';

const argsSchema = z.object({
  name: z.string(),
  dataDir: z.string(),
  workspace: z.string(),
  count: z.number().int().min(1).max(100),
  startAt: z.number(),
});
const args = argsSchema.parse(JSON.parse(process.env.FERRY_AUDIT_RACE_CHILD ?? '{}'));
const services = createFerryServices({
  dataDir: args.dataDir,
  version: 'test',
  env: process.env,
  author: { name: 'Ada', email: 'ada@example.test' },
});
await services.workspace.open(args.workspace);
const identity = createIdentityServices(services, args.dataDir);
const { keyId } = await identity.keys.requireIdentity();
// The barrier: every child starts appending at the same wall-clock moment (bounded wait).
const wait = args.startAt - Date.now();
if (wait > 0) await delay(Math.min(wait, 60_000));
const seqs: number[] = [];
for (let index = 0; index < args.count; index += 1) {
  const { entry } = await identity.audit.append(keyId, {
    action: 'race',
    subject: `child/${args.name}/${index}`,
  });
  seqs.push(entry.seq);
}
process.stdout.write(`${JSON.stringify({ name: args.name, seqs })}\n`);
services.workspace.close();
