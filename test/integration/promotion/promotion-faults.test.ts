import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { JsonObject } from '../../../shared/model/canonical/json-value';
import type { ChangesetOperation } from '../../../shared/model/changeset';
import type { PromotionProgress } from '../../../shared/promotion/engine/run-records';
import {
  acceptedWrites,
  changesetOf,
  liveObjects,
  promotionWorld,
  wrapupCode,
  type PromotionWorld,
} from './promotion-test-support';

const NEW_CODES = 440;
const NEW_SKILLS = 40;
const QUEUE_UPDATES = 10;
const CODE_UPDATES = 10;

let world: PromotionWorld;

before(async () => {
  // Seeded, so a failure replays exactly: one request in ten answered 503, one in twenty 429.
  world = await promotionWorld({ sandbox: { faults: 'latency=0-6,503=0.1,429=0.05,seed=20261123' } });
});
after(() => world.close());

function namesOf(list: unknown): string[] {
  return (list as { name: string }[]).map((item) => item.name);
}

describe('a 500-operation promotion under faults', () => {
  it('applies each operation exactly once and verifies, through 503s, 429s and latency', async () => {
    const live = await liveObjects(world.services, 'uat', [
      'routing.queue',
      'routing.wrapupcode',
      'authorization.division',
      'routing.skill',
    ]);
    const codeName = (n: number) => `Bulk Code ${String(n).padStart(3, '0')}`;
    const operations: ChangesetOperation[] = [];
    for (let n = 0; n < NEW_CODES; n += 1) {
      operations.push({
        op: 'create',
        type: 'routing.wrapupcode',
        key: codeName(n),
        body: wrapupCode(codeName(n), n % 2 === 0 ? 'Home' : 'Customer Service', `bulk ${n}`),
      });
    }
    for (let n = 0; n < NEW_SKILLS; n += 1) {
      const name = `Bulk Skill ${String(n).padStart(2, '0')}`;
      operations.push({
        op: 'create',
        type: 'routing.skill',
        key: name,
        body: { name, division: { $ref: 'authorization.division', name: 'Home' } },
      });
    }
    const queues = [...(live.get('routing.queue') ?? [])]
      .filter(
        ([, queue]) =>
          typeof (queue.acwSettings as { timeoutMs?: unknown } | undefined)?.timeoutMs === 'number',
      )
      .slice(0, QUEUE_UPDATES);
    assert.equal(queues.length, QUEUE_UPDATES);
    queues.forEach(([key, queue], index) => {
      const names = namesOf(queue.wrapupCodes);
      const timeout = (queue.acwSettings as { timeoutMs: number }).timeoutMs;
      operations.push({
        op: 'update',
        type: 'routing.queue',
        key,
        changes: [
          { path: 'acwSettings.timeoutMs', before: timeout, after: timeout + 1000 },
          // Half the queues also take new codes, so their step waits for those creates.
          ...(index % 2 === 0
            ? [
                {
                  path: 'wrapupCodes',
                  before: names.map((name) => ({ $ref: 'routing.wrapupcode', name })),
                  after: [...names, codeName(index), codeName(index + 1)].map((name) => ({
                    $ref: 'routing.wrapupcode',
                    name,
                  })),
                },
              ]
            : []),
        ],
      });
    });
    const plain = [...(live.get('routing.wrapupcode') ?? [])]
      .filter(([, code]) => code.description === undefined)
      .slice(0, CODE_UPDATES);
    assert.equal(plain.length, CODE_UPDATES);
    for (const [key] of plain) {
      operations.push({
        op: 'update',
        type: 'routing.wrapupcode',
        key,
        changes: [{ path: 'description', after: 'Reviewed in the bulk tidy-up' }],
      });
    }
    assert.equal(operations.length, 500);

    const started = Date.now();
    const plan = await world.engine.plan(changesetOf('bulk-codes', operations), 'uat');
    assert.deepEqual(plan.summary, { create: 480, update: 20, delete: 0, noop: 0, conflict: 0, blocked: 0 });
    const from = world.requests.length;
    const progress: PromotionProgress[] = [];
    const result = await world.engine.execute(plan, { onProgress: (event) => progress.push(event) });
    const seconds = (Date.now() - started) / 1000;
    assert.equal(result.status, 'succeeded', result.message);
    assert.deepEqual(result.verify?.mismatches, []);
    assert.equal(result.verify?.checked, 500);

    const exchanges = world.requests.slice(from);
    assert.ok(
      exchanges.some((request) => request.status === 503),
      'the run met 503s',
    );
    assert.ok(
      exchanges.some((request) => request.status === 429),
      'the run met 429s',
    );

    // Each accepted write is one the sandbox applied; a 503 or 429 was refused before any work.
    const writes = acceptedWrites(world.requests, from);
    const created = (path: string) =>
      writes
        .filter((request) => request.method === 'POST' && request.path === path)
        .map((request) => (JSON.parse(request.body ?? '{}') as JsonObject).name);
    const codes = created('/api/v2/routing/wrapupcodes');
    assert.equal(codes.length, NEW_CODES);
    assert.equal(new Set(codes).size, NEW_CODES, 'no wrap-up code was created twice');
    const skills = created('/api/v2/routing/skills');
    assert.equal(new Set(skills).size, NEW_SKILLS);
    assert.equal(skills.length, NEW_SKILLS);
    const puts = (prefix: string) =>
      writes.filter((request) => request.method === 'PUT' && request.path.startsWith(prefix)).length;
    assert.equal(puts('/api/v2/routing/queues/'), QUEUE_UPDATES);
    assert.equal(puts('/api/v2/routing/wrapupcodes/'), CODE_UPDATES);
    const listWrites = writes.filter(
      (request) =>
        request.path.endsWith('/wrapupcodes') && request.path.startsWith('/api/v2/routing/queues/'),
    );
    assert.equal(listWrites.length, QUEUE_UPDATES / 2);
    assert.equal(writes.length, NEW_CODES + NEW_SKILLS + QUEUE_UPDATES + CODE_UPDATES + QUEUE_UPDATES / 2);

    const after = await liveObjects(world.services, 'uat', [
      'routing.wrapupcode',
      'routing.skill',
      'routing.queue',
      'authorization.division',
    ]);
    assert.equal(
      [...(after.get('routing.wrapupcode')?.keys() ?? [])].filter((key) => key.startsWith('Bulk Code'))
        .length,
      NEW_CODES,
    );
    const first = after.get('routing.queue')?.get(queues[0]?.[0] ?? '');
    assert.ok(namesOf(first?.wrapupCodes).includes(codeName(1)));

    assert.ok(
      progress.some((event) => event.status === 'waiting'),
      'rate-limit waits are reported',
    );
    console.log(
      `500 operations in ${seconds.toFixed(1)} s: ${exchanges.length} requests, ${exchanges.filter((r) => r.status === 503).length} × 503, ${exchanges.filter((r) => r.status === 429).length} × 429`,
    );
    assert.ok(seconds < 90, `took ${seconds} s`);
  });
});
