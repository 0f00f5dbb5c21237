import assert from 'node:assert/strict';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { startSandbox, type SandboxHandle } from '../../../electron/sandbox';
import { createFerryServices, type FerryServices } from '../../../electron/host/core/ferry-services';
import { firstBefores, interruptedUndoTargets } from '../../../electron/services/promotion/run-session';
import type { Plan } from '../../../shared/model/plan';
import type { JournalEntry } from '../../../shared/promotion/engine/run-records';
import { changesetOf, FAST_RETRY, wrapupCode } from '../promotion/promotion-test-support';
import { listOrg } from '../../support/sandbox-http';
import { tempDir } from '../../support/temp-dir';

/**
 * Issue 11, point 5: a step whose write the target refused (4xx) is never undone; a rollback undoes
 * only what the run's journal shows it applied, and resolves an unknown outcome by reading the
 * target. The attacks: an object created behind Ferry's back between plan and write, and a
 * connection lost after a create was sent.
 */

const CODES = 'routing.wrapupcode';

/** What the test's fetch does to the next matching create: a rival creates it first, or the reply is lost. */
type Trap = {
  name: string;
  kind: 'rival-first' | 'lose-reply' | 'rival-then-lost';
  rivalDescription?: string;
} | null;

let sandbox: SandboxHandle;
let services: FerryServices;
let trap: Trap = null;
/**
 * A name whose next lookup by name fails too: the connector settles a lost create by reading the
 * target, and this test is about the engine's path when even that read cannot tell.
 */
let blindLookup: string | null = null;

before(async () => {
  sandbox = await startSandbox({ rateLimitPerMinute: 100_000 });
  const root = await tempDir('ferry-rollback-applied-');
  const trappingFetch: typeof fetch = async (input, init) => {
    const url = new URL(input instanceof Request ? input.url : String(input));
    const body = typeof init?.body === 'string' ? init.body : null;
    const current = trap;
    if (
      blindLookup !== null &&
      (init?.method ?? 'GET') === 'GET' &&
      url.pathname === '/api/v2/routing/wrapupcodes' &&
      url.searchParams.get('name') === blindLookup
    ) {
      blindLookup = null;
      throw new TypeError('fetch failed', {
        cause: Object.assign(new Error('socket hang up'), { code: 'ECONNRESET' }),
      });
    }
    if (
      current !== null &&
      init?.method === 'POST' &&
      url.pathname === '/api/v2/routing/wrapupcodes' &&
      body !== null &&
      (JSON.parse(body) as { name?: unknown }).name === current.name
    ) {
      trap = null;
      if (current.kind === 'rival-first' || current.kind === 'rival-then-lost') {
        // Someone else's object with the same name lands just before Ferry's create.
        const rival = { ...(JSON.parse(body) as object), description: current.rivalDescription };
        const made = await fetch(input, { ...init, body: JSON.stringify(rival) });
        assert.equal(made.status, 200, await made.text());
        if (current.kind === 'rival-then-lost') {
          // Ferry's own create is lost on the way: it cannot know whether it landed.
          throw new TypeError('fetch failed', {
            cause: Object.assign(new Error('socket hang up'), { code: 'ECONNRESET' }),
          });
        }
      } else {
        // Sent and applied, but the connection drops before the answer (and the read after it).
        await fetch(input, init);
        blindLookup = current.name;
        throw new TypeError('fetch failed', {
          cause: Object.assign(new Error('socket hang up'), { code: 'ECONNRESET' }),
        });
      }
    }
    return fetch(input, init);
  };
  services = createFerryServices({
    dataDir: join(root, 'data'),
    version: 'test',
    env: { FERRY_VAULT_PASSPHRASE: 'rollback test passphrase' },
    author: { name: 'Rene Release', email: 'rene@example.test' },
    transport: { retry: { ...FAST_RETRY, maxRetries: 0 }, fetch: trappingFetch },
  });
  await services.workspace.create(join(root, 'ws'), 'Rollback');
  // Runs are signed by the promoter's key.
  await services.identity.keys.init({ owner: 'Rene Release' });
  await services.environments.save(
    { name: 'uat', kind: 'sandbox', url: sandbox.url, org: 'uat', tier: 'test' },
    undefined,
  );
});
after(() => sandbox.close());

/** The org's wrap-up codes read over HTTP, by name: what the sandbox holds, not what Ferry thinks. */
async function codesInOrg(): Promise<Map<string, { id: string; description?: string }>> {
  type Code = { id: string; name: string; description?: string };
  const codes = await listOrg<Code>(sandbox, 'uat', '/api/v2/routing/wrapupcodes');
  return new Map(codes.map((code) => [code.name, code]));
}

async function planCreates(id: string, names: string[]): Promise<Plan> {
  const changeset = changesetOf(
    id,
    names.map((name) => ({
      op: 'create',
      type: CODES,
      key: name,
      body: wrapupCode(name, 'Home', 'by Ferry'),
    })),
  );
  return services.engine.plan(changeset, 'uat');
}

describe('rollback undoes only what the run applied', () => {
  it('leaves alone an object someone created behind Ferry\'s back, whose create the target refused (400 "already exists")', async () => {
    const names = ['applied-only A', 'applied-only B', 'applied-only C'];
    const plan = await planCreates('applied-only-rival', names);
    assert.equal(plan.summary.create, 3);
    trap = { name: 'applied-only B', kind: 'rival-first', rivalDescription: 'made by someone else' };
    const result = await services.engine.execute(plan, { concurrency: 1, snapshot: false });

    assert.equal(trap, null, 'the rival create happened');
    assert.equal(result.status, 'rolled-back', result.message);
    const byKey = new Map(result.steps.map((step) => [step.key, step]));
    assert.equal(byKey.get('applied-only A')?.status, 'rolled-back');
    assert.equal(byKey.get('applied-only B')?.status, 'failed');
    assert.match(byKey.get('applied-only B')?.message ?? '', /already exists.*the target took none of it/);
    assert.equal(byKey.get('applied-only C')?.status, 'not-run');

    const org = await codesInOrg();
    assert.equal(
      org.get('applied-only B')?.description,
      'made by someone else',
      "the rival's object survives",
    );
    assert.equal(org.has('applied-only A'), false, 'what the run created is undone');
    assert.equal(org.has('applied-only C'), false);

    // The journal records the refusal, so a later rollback (or recovery) reads it the same way.
    const detail = await services.engine.run(result.runId);
    const refusal = detail.journal.find((entry) => entry.kind === 'step-failed' && entry.phase === 'forward');
    assert.ok(refusal?.kind === 'step-failed' && refusal.nothingApplied === true, JSON.stringify(refusal));
    assert.equal(firstBefores(detail.journal).has(byKey.get('applied-only B')?.index ?? -1), false);
  });

  it('undoes a create whose reply was lost only after reading the target: there it is as the run meant, so it goes', async () => {
    const names = ['lost-reply A', 'lost-reply B'];
    const plan = await planCreates('applied-only-lost', names);
    trap = { name: 'lost-reply B', kind: 'lose-reply' };
    const result = await services.engine.execute(plan, { concurrency: 1, snapshot: false });
    assert.equal(trap, null);
    assert.equal(result.status, 'rolled-back', result.message);
    assert.match(result.failure?.message ?? '', /could not reach the server/);
    const org = await codesInOrg();
    assert.equal(org.has('lost-reply A'), false);
    assert.equal(org.has('lost-reply B'), false, 'the create that landed unanswered is undone too');
  });

  it('leaves an object whose create had no answer when the target holds something else there', async () => {
    const plan = await planCreates('applied-only-unsure', ['unsure A', 'unsure B']);
    trap = { name: 'unsure B', kind: 'rival-then-lost', rivalDescription: "not Ferry's" };
    const result = await services.engine.execute(plan, { concurrency: 1, snapshot: false });
    assert.equal(trap, null);
    assert.equal(result.status, 'rollback-failed', result.message);
    const step = result.steps.find((candidate) => candidate.key === 'unsure B');
    assert.equal(step?.status, 'rollback-failed');
    assert.match(step?.message ?? '', /left as it is: nothing shows whether this run's write reached it/);
    const org = await codesInOrg();
    assert.equal(
      org.get('unsure B')?.description,
      "not Ferry's",
      "an object that may be someone else's is kept",
    );
    assert.equal(org.has('unsure A'), false, 'what the run surely created is undone');
  });

  it("a finished run's rollback refuses to put back an object whose write had no answer and which is not as the run meant", async () => {
    const plan = await planCreates('applied-only-stopped', ['stopped A', 'stopped B']);
    trap = { name: 'stopped B', kind: 'rival-then-lost', rivalDescription: 'a rival, after all' };
    const result = await services.engine.execute(plan, {
      concurrency: 1,
      snapshot: false,
      onFailure: 'stop',
    });
    assert.equal(trap, null);
    assert.equal(result.status, 'stopped', result.message);
    const rollback = await services.engine.planRollback(result.runId);
    const step = rollback.steps.find((candidate) => candidate.key === 'stopped B');
    assert.equal(step?.action, 'conflict');
    assert.match(step?.reason ?? '', /neither as before the run nor as the run meant to leave it/);
    await assert.rejects(services.engine.rollbackRun(result.runId), /conflict|stopped B/);
    const org = await codesInOrg();
    assert.equal(
      org.get('stopped B')?.description,
      'a rival, after all',
      "the rival's object is never deleted",
    );
  });

  it("an interrupted run's rollback skips refused steps and checks unfinished ones against their intended after", () => {
    const at = '2026-11-23T10:00:00.000Z';
    const started = (seq: number, step: number, key: string): JournalEntry => ({
      kind: 'step-started',
      seq,
      at,
      phase: 'forward',
      step,
      type: CODES,
      key,
      id: null,
      before: { api: null, canonical: null },
      calls: [],
    });
    const journal: JournalEntry[] = [
      started(1, 0, 'done one'),
      { kind: 'step-done', seq: 2, at, phase: 'forward', step: 0, id: 'id-0', after: { name: 'done one' } },
      started(3, 1, 'refused one'),
      {
        kind: 'step-failed',
        seq: 4,
        at,
        phase: 'forward',
        step: 1,
        error: { code: 'genesys.bad-request', message: 'already exists' },
        nothingApplied: true,
      },
      started(5, 2, 'cut-off one'),
    ];
    const plan = {
      steps: [0, 1, 2].map((index) => ({ index, expected: { name: `expected ${index}` } })),
    } as unknown as Plan;
    const targets = interruptedUndoTargets(journal, plan);
    assert.deepEqual(
      targets.map((target) => [target.key, target.unconfirmed?.after ?? 'applied']),
      [
        ['done one', 'applied'],
        ['cut-off one', { name: 'expected 2' }],
      ],
    );
  });
});
