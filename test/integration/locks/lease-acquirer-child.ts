/**
 * Takes an environment's remote lease in a process of its own, so a test can start two at once
 * and see that exactly one gets it. Waits until `startAt` (a shared instant) so both processes,
 * already loaded, reach the remote together; prints one JSON line with what happened.
 */
import { setTimeout as delay } from 'node:timers/promises';
import { z } from 'zod';
import { isFerryError } from '../../../shared/api/api-error';
import { RemoteLease } from '../../../electron/services/locks/remote-lease';

const argsSchema = z.object({
  url: z.string(),
  environment: z.string(),
  holder: z.string(),
  runId: z.string(),
  username: z.string(),
  startAt: z.number(),
});

// Credentials come in the environment, not the command line, as a host would pass them.
const args = argsSchema.parse(JSON.parse(process.env.FERRY_LEASE_CHILD ?? '{}'));
const password = process.env.FERRY_LEASE_CHILD_PASSWORD ?? '';
const lease = new RemoteLease({
  url: args.url,
  credentials: () => Promise.resolve({ username: args.username, password }),
});
await delay(Math.max(0, args.startAt - Date.now()));
try {
  const held = await lease.acquire(args.environment, {
    holder: args.holder,
    runId: args.runId,
    purpose: `promote from ${args.holder}`,
    ttlMs: 60_000,
  });
  process.stdout.write(`${JSON.stringify({ ok: true, holder: held.record.holder })}\n`);
} catch (error) {
  if (!isFerryError(error)) throw error;
  process.stdout.write(`${JSON.stringify({ ok: false, code: error.code, message: error.message })}\n`);
}
