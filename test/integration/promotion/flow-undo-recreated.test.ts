import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { setTimeout as delay } from 'node:timers/promises';
import { fileURLToPath } from 'node:url';
import { after, before, describe, it } from 'node:test';
import { startSandbox, type SandboxHandle } from '../../../electron/sandbox';
import { createFerryServices, type FerryServices } from '../../../electron/host/core/ferry-services';
import { PromotionEngine } from '../../../electron/services/promotion/promotion-engine';
import type { JsonObject } from '../../../shared/model/canonical/json-value';
import type { ChangesetOperation } from '../../../shared/model/changeset';
import { tempDir } from '../../support/temp-dir';
import { PASSPHRASE, runWorld, type RunWorld } from '../security/run-fixture';
import { changesetOf, FAST_RETRY, liveObjects, stepFor } from './promotion-test-support';

const BIN = fileURLToPath(new URL('../../../bin/ferry.mjs', import.meta.url));

/*
 * Issue 18: a run that fails part-way undoes its earlier steps; a flow it updated goes back by
 * republishing the version published before the run. If, between the run's write and its undo,
 * someone deleted that flow and made it again under the same name (a new id, whose own version
 * "1.0" holds other content), the journal's version id must not be published on the new flow:
 * the undo imports the old configuration back instead (the rule run-rollback.ts already follows).
 */

const A = 'Undo Recreated Alpha';
const B = 'Undo Recreated Beta';
const key = (name: string) => `WORKFLOW/${name}`;

function body(name: string, description: string): JsonObject {
  return {
    name,
    type: 'WORKFLOW',
    description,
    division: { $ref: 'authorization.division', name: 'Home' },
    configuration: `workflow:\n  description: ${description}\n  division: Home\n  name: ${name}\n`,
  };
}

interface Ferry {
  services: FerryServices;
  engine: PromotionEngine;
}

/** A Ferry of its own (own data and workspace) on `sandbox`'s uat, its requests passed through `fetcher`. */
async function ferryOn(
  sandbox: SandboxHandle,
  prefix: string,
  fetcher: typeof fetch = fetch,
): Promise<Ferry> {
  const root = await tempDir(prefix);
  const services = createFerryServices({
    dataDir: join(root, 'data'),
    version: 'test',
    env: {},
    author: { name: 'Rene Release', email: 'rene@example.test' },
    transport: { retry: FAST_RETRY, fetch: fetcher },
  });
  await services.workspace.create(join(root, 'ws'), 'Promotion');
  await services.environments.save(
    { name: 'uat', kind: 'sandbox', url: sandbox.url, org: 'uat', tier: 'test' },
    undefined,
  );
  const engine = new PromotionEngine({
    workspace: services.workspace,
    environments: services.environments,
    snapshots: services.snapshots,
    events: services.events,
  });
  return { services, engine };
}

describe('the undo of a failed run, for a flow deleted and made again while the run went on (issue 18)', () => {
  let sandbox: SandboxHandle;
  let ours: Ferry;
  let someone: Ferry;
  /**
   * Runs once, before the first request naming flow `next` after a publish of flow `after` (any
   * flow when null; the next flow step's first look at its flow); then the request goes on.
   */
  let gate: { after: string | null; next: string; published: boolean; run: () => Promise<void> } | null =
    null;

  before(async () => {
    sandbox = await startSandbox({ rateLimitPerMinute: 100_000, flowJobDurationMs: 10 });
    const gating: typeof fetch = async (input, init) => {
      const url = input instanceof Request ? input.url : String(input);
      const { pathname, searchParams } = new URL(url);
      const method = (init?.method ?? 'GET').toUpperCase();
      const armed = gate;
      const text = `${url} ${typeof init?.body === 'string' ? init.body : ''}`;
      if (armed !== null && armed.published && text.includes(armed.next)) {
        gate = null;
        await armed.run();
      }
      const response = await fetch(input, init);
      if (
        armed !== null &&
        method === 'POST' &&
        pathname === '/api/v2/flows/actions/publish' &&
        (armed.after === null || searchParams.get('flow') === armed.after) &&
        response.ok
      ) {
        armed.published = true;
      }
      return response;
    };
    ours = await ferryOn(sandbox, 'ferry-undo-recreated-', gating);
    someone = await ferryOn(sandbox, 'ferry-undo-someone-');
  });
  after(() => sandbox.close());

  async function live(ferry: Ferry, name: string): Promise<JsonObject | undefined> {
    return (await liveObjects(ferry.services, 'uat', ['architect.flow']))
      .get('architect.flow')
      ?.get(key(name));
  }

  async function apply(ferry: Ferry, id: string, operations: ChangesetOperation[]) {
    const result = await ferry.engine.execute(await ferry.engine.plan(changesetOf(id, operations), 'uat'));
    assert.equal(result.status, 'succeeded', result.message);
  }

  function reword(flow: JsonObject, name: string, from: string, to: string): ChangesetOperation {
    return {
      op: 'update',
      type: 'architect.flow',
      key: key(name),
      changes: [
        { path: 'description', before: from, after: to },
        {
          path: 'configuration',
          before: flow.configuration ?? null,
          after: body(name, to).configuration ?? null,
        },
      ],
    };
  }

  it('imports the configuration from before the run back, not the journal version on the new flow', async () => {
    await apply(ours, 'make', [
      { op: 'create', type: 'architect.flow', key: key(A), body: body(A, 'alpha first') },
      { op: 'create', type: 'architect.flow', key: key(B), body: body(B, 'beta first') },
    ]);
    const alpha = await live(ours, A);
    const beta = await live(ours, B);
    assert.ok(alpha && beta);
    const plan = await ours.engine.plan(
      changesetOf('reword', [
        reword(alpha, A, 'alpha first', 'alpha second'),
        reword(beta, B, 'beta first', 'beta second'),
      ]),
      'uat',
    );
    const stepA = stepFor(plan, 'architect.flow', key(A));
    const stepB = stepFor(plan, 'architect.flow', key(B));
    assert.ok(stepA.index < stepB.index, 'Alpha is written first');
    assert.ok(stepB.id);
    const betaId = stepB.id;
    // Before Beta's first write: someone deletes Alpha in Architect and makes a new flow of the
    // same name (a new id; the journal's version "1.0" is not a version of it), and checks Beta
    // out, so Beta's step fails and the run undoes Alpha's. Straight through the API: a Ferry run
    // of theirs would wait for this run's lease on uat.
    const connector = await someone.services.environments.connector('uat');
    const alphaId = stepA.id;
    assert.ok(alphaId);
    gate = {
      after: alphaId,
      next: betaId,
      published: false,
      run: async () => {
        await connector.remove('architect.flow', alphaId);
        // Its own 1.0 holds what the run wrote to Alpha.
        const made = (await connector.request('POST', '/api/v2/flows/jobs', {
          flow: { name: A, type: 'WORKFLOW' },
          configuration: body(A, 'alpha second').configuration,
        })) as { id?: unknown } | null;
        assert.equal(typeof made?.id, 'string');
        await connector.request('POST', `/api/v2/flows/actions/publish?flow=${String(made?.id)}`);
        await sandbox.lockFlowAsUser('uat', betaId, { id: 'user-ana', name: 'Ana Ortiz' });
      },
    };
    const run = await ours.engine.execute(plan, { concurrency: 1 });
    assert.equal(gate, null, 'the scene was set');
    assert.match(JSON.stringify(run), /Ana Ortiz/);
    const alphaNow = await live(ours, A);
    assert.match(String(alphaNow?.configuration), /alpha first/, 'the undo put back what was there before');
    assert.equal(run.status, 'rolled-back', run.message);
  });
  it('leaves a flow it created when someone published another version of it since, naming that version', async () => {
    const C = 'Undo Recreated Gamma';
    const D = 'Undo Recreated Delta';
    await apply(ours, 'make-delta', [
      { op: 'create', type: 'architect.flow', key: key(D), body: body(D, 'delta first') },
    ]);
    const delta = await live(ours, D);
    assert.ok(delta);
    const plan = await ours.engine.plan(
      changesetOf('gamma', [
        { op: 'create', type: 'architect.flow', key: key(C), body: body(C, 'gamma first') },
        reword(delta, D, 'delta first', 'delta second'),
      ]),
      'uat',
    );
    const stepC = stepFor(plan, 'architect.flow', key(C));
    const stepD = stepFor(plan, 'architect.flow', key(D));
    assert.ok(stepC.index < stepD.index, 'Gamma is made first');
    const deltaId = stepD.id;
    assert.ok(deltaId);
    // Once Gamma is published, someone imports their own configuration into it and publishes it
    // (version 2.0), then checks Delta out, so Delta's step fails and the run undoes Gamma's.
    const connector = await someone.services.environments.connector('uat');
    gate = {
      after: null,
      next: deltaId,
      published: false,
      run: async () => {
        const gamma = (await connector.list('architect.flow')).find((flow) => flow.name === C);
        assert.equal(typeof gamma?.id, 'string');
        await connector.request('POST', '/api/v2/flows/jobs', {
          flow: { id: gamma?.id, name: C, type: 'WORKFLOW' },
          configuration: body(C, 'gamma by someone').configuration,
        });
        await connector.request('POST', `/api/v2/flows/actions/publish?flow=${String(gamma?.id)}`);
        await sandbox.lockFlowAsUser('uat', deltaId, { id: 'user-ana', name: 'Ana Ortiz' });
      },
    };
    const run = await ours.engine.execute(plan, { concurrency: 1 });
    assert.equal(gate, null, 'the scene was set');
    assert.equal(run.status, 'rollback-failed', run.message);
    const gammaStep = run.steps.find((step) => step.key === key(C));
    assert.equal(gammaStep?.status, 'rollback-failed');
    assert.match(gammaStep?.message ?? '', /this run created the flow, and it changed since/);
    assert.match(gammaStep?.message ?? '', /version 2\.0 is published now/);
    assert.match(gammaStep?.message ?? '', /delete it by hand in Architect if it should go/);
    assert.match(
      String((await live(ours, C))?.configuration),
      /gamma by someone/,
      'their version is still there',
    );
  });
  it('a finished run’s rollback does not delete a flow it created that someone published another version of', async () => {
    const E = 'Undo Recreated Epsilon';
    const made = await ours.engine.execute(
      await ours.engine.plan(
        changesetOf('epsilon', [
          { op: 'create', type: 'architect.flow', key: key(E), body: body(E, 'epsilon first') },
        ]),
        'uat',
      ),
    );
    assert.equal(made.status, 'succeeded', made.message);
    const connector = await someone.services.environments.connector('uat');
    const epsilon = (await connector.list('architect.flow')).find((flow) => flow.name === E);
    assert.equal(typeof epsilon?.id, 'string');
    await connector.request('POST', '/api/v2/flows/jobs', {
      flow: { id: epsilon?.id, name: E, type: 'WORKFLOW' },
      configuration: body(E, 'epsilon by someone').configuration,
    });
    await connector.request('POST', `/api/v2/flows/actions/publish?flow=${String(epsilon?.id)}`);
    const refused = await ours.engine.rollbackRun(made.runId).then(
      (result) => JSON.stringify(result),
      (error: unknown) => String(error instanceof Error ? error.message : error),
    );
    assert.match(refused, /it changed since the run/);
    assert.match(
      String((await live(ours, E))?.configuration),
      /epsilon by someone/,
      'their version is still there',
    );
  });
});

/**
 * The real CLI promotes `changesetId` to uat and is killed with SIGKILL once the journal shows the
 * step of `key` done: a genuine, signed, interrupted run. Answers its id. Bounded: 60 s of 5 ms polls.
 */
async function promoteAndKillAfter(world: RunWorld, changesetId: string, key: string): Promise<string> {
  const child = spawn(
    process.execPath,
    [BIN, '-w', world.dir, 'promote', changesetId, '--to', 'uat', '--concurrency', '1'],
    {
      env: { ...process.env, FERRY_VAULT_PASSPHRASE: PASSPHRASE, FERRY_DATA_DIR: world.dataDir },
      stdio: ['ignore', 'ignore', 'pipe'],
    },
  );
  let stderr = '';
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  let ended = false;
  void exited.then(() => (ended = true));
  const runs = join(world.dir, 'runs');
  let runId: string | undefined;
  for (let poll = 0; poll < 12_000 && !ended && runId === undefined; poll += 1) {
    const name = existsSync(runs)
      ? (await readdir(runs)).find((entry) => entry.includes(changesetId))
      : undefined;
    if (name !== undefined) {
      const text = await readFile(join(runs, name, 'journal.jsonl'), 'utf8').catch(() => '');
      // A signed line is the entry's own fields with `keyId`, `prev` and `sig` beside them; the
      // text after the last newline may be a line still being written.
      const entries = text
        .split('\n')
        .slice(0, -1)
        .map((line) => JSON.parse(line) as { kind?: string; step?: number; key?: string });
      const step = entries.find((entry) => entry.kind === 'step-started' && entry.key === key)?.step;
      if (step !== undefined && entries.some((entry) => entry.kind === 'step-done' && entry.step === step)) {
        child.kill('SIGKILL');
        runId = name;
      }
    }
    await delay(5);
  }
  const code = await exited;
  assert.equal(code, null, `the CLI was killed mid-run, not ended on its own: ${stderr}`);
  assert.ok(runId !== undefined, 'the run started');
  return runId;
}

describe('rolling back an interrupted run, for a flow deleted and made again since (issue 18)', () => {
  let world: RunWorld;

  before(async () => {
    world = await runWorld('ferry-undo-interrupted-');
  });
  after(() => world.close());

  async function flows(): Promise<Map<string, JsonObject>> {
    return (await liveObjects(world.services, 'uat', ['architect.flow'])).get('architect.flow') ?? new Map();
  }

  async function promote(operations: ChangesetOperation[], title: string): Promise<string> {
    const { changeset } = await world.services.changesets.create({ title, idPrefix: title, operations });
    return changeset.id;
  }

  it('imports the configuration from before the run back, not the journal version on the new flow', async () => {
    const made = await promote(
      [
        { op: 'create', type: 'architect.flow', key: key(A), body: body(A, 'alpha first') },
        { op: 'create', type: 'architect.flow', key: key(B), body: body(B, 'beta first') },
      ],
      'make',
    );
    const cli = await world.cli(['promote', made, '--to', 'uat']);
    assert.equal(cli.code, 0, cli.stderr);
    const before = await flows();
    const alpha = before.get(key(A));
    const beta = before.get(key(B));
    assert.ok(alpha && beta);
    const reword = await promote(
      [
        {
          op: 'update',
          type: 'architect.flow',
          key: key(A),
          changes: [
            { path: 'description', before: 'alpha first', after: 'alpha second' },
            {
              path: 'configuration',
              before: alpha.configuration ?? null,
              after: body(A, 'alpha second').configuration ?? null,
            },
          ],
        },
        {
          op: 'update',
          type: 'architect.flow',
          key: key(B),
          changes: [
            { path: 'description', before: 'beta first', after: 'beta second' },
            {
              path: 'configuration',
              before: beta.configuration ?? null,
              after: body(B, 'beta second').configuration ?? null,
            },
          ],
        },
      ],
      'reword',
    );
    const runId = await promoteAndKillAfter(world, reword, key(A));
    // Then someone deletes Alpha in Architect and makes a new flow of the same name, whose own 1.0
    // holds what the run wrote: the journal's version "1.0" is not a version of it.
    const connector = await world.services.environments.connector('uat');
    const listed = await connector.list('architect.flow');
    const old = listed.find((flow) => flow.name === A);
    assert.equal(typeof old?.id, 'string');
    await connector.remove('architect.flow', String(old?.id));
    const remade = (await connector.request('POST', '/api/v2/flows/jobs', {
      flow: { name: A, type: 'WORKFLOW' },
      configuration: body(A, 'alpha second').configuration,
    })) as { id?: unknown } | null;
    assert.equal(typeof remade?.id, 'string');
    await connector.request('POST', `/api/v2/flows/actions/publish?flow=${String(remade?.id)}`);

    const result = await world.services.promotions.recover(runId, 'rollback');
    const after = await flows();
    assert.match(
      String(after.get(key(A))?.configuration),
      /alpha first/,
      'the undo put back what was there before',
    );
    assert.equal(result.status, 'rolled-back', result.message);
  });
});
