import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { setTimeout as delay } from 'node:timers/promises';
import { fileURLToPath } from 'node:url';
import { after, before, describe, it } from 'node:test';
import type { JsonObject } from '../../../shared/model/canonical/json-value';
import type { ChangesetOperation } from '../../../shared/model/changeset';
import { listOrg, sandboxOrgToken } from '../../support/sandbox-http';
import { PASSPHRASE, runWorld, type RunWorld } from '../security/run-fixture';
import { liveObjects } from './promotion-test-support';

const BIN = fileURLToPath(new URL('../../../bin/ferry.mjs', import.meta.url));

/*
 * Issue 18, exactly once across a crash: a flow's step is an import job, then a publish. A Ferry
 * killed after the import made the new version and before the publish made it live must, when
 * the run is resumed, publish that version: not import the file a second time, and not take the
 * unpublished flow for a finished step (its configuration already matches the plan, but nothing
 * of it is live; a flow promoted is a flow published).
 */

interface SandboxFlow {
  id: string;
  name: string;
  publishedVersion?: { id: string };
  checkedInVersion?: { id: string };
}

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

async function uatFlow(world: RunWorld, name: string): Promise<SandboxFlow | undefined> {
  const flows = await listOrg<SandboxFlow>(world.sandbox, 'uat', '/api/v2/flows');
  return flows.find((flow) => flow.name === name);
}

async function versionsOf(world: RunWorld, flowId: string): Promise<string[]> {
  const token = await sandboxOrgToken(world.sandbox, 'uat');
  const reply = await fetch(`${world.sandbox.url}/api/v2/flows/${flowId}/versions?pageSize=100`, {
    headers: { authorization: `Bearer ${token}` },
  });
  assert.equal(reply.status, 200);
  const listing = (await reply.json()) as { entities: { id: string }[] };
  return listing.entities.map((version) => version.id).sort();
}

/**
 * The real CLI promotes `changesetId` to uat and is killed with SIGKILL once `imported` says the
 * import landed; every publish meanwhile is answered 429 (Retry-After 1 s), so the kill falls
 * between the import and the publish. Bounded: 60 s of 10 ms polls.
 */
async function promoteAndKillBeforePublish(
  world: RunWorld,
  changesetId: string,
  imported: () => Promise<boolean>,
): Promise<string> {
  world.sandbox.faults.throttle('flowPublish', 2);
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
  let killed = false;
  for (let poll = 0; poll < 6000 && !ended && !killed; poll += 1) {
    if (await imported()) {
      child.kill('SIGKILL');
      killed = true;
    } else await delay(10);
  }
  const code = await exited;
  assert.equal(code, null, `the CLI was killed mid-run, not ended on its own: ${stderr}`);
  const runs = join(world.dir, 'runs');
  const runId = existsSync(runs)
    ? (await readdir(runs)).find((entry) => entry.includes(changesetId))
    : undefined;
  assert.ok(runId !== undefined, 'the run started');
  return runId;
}

describe('a flow run killed between its import and its publish, then resumed (issue 18)', () => {
  let world: RunWorld;

  before(async () => {
    world = await runWorld('ferry-issue18-resume-');
  });
  after(() => world.close());

  async function changeset(title: string, operations: ChangesetOperation[]): Promise<string> {
    const { changeset } = await world.services.changesets.create({ title, idPrefix: title, operations });
    return changeset.id;
  }

  it('publishes the flow the killed run created, once, with no second import', async () => {
    const name = 'Resume Created Workflow';
    const id = await changeset('resume-create', [
      { op: 'create', type: 'architect.flow', key: key(name), body: body(name, 'made then killed') },
    ]);
    const runId = await promoteAndKillBeforePublish(world, id, async () => {
      const flow = await uatFlow(world, name);
      return flow?.checkedInVersion !== undefined;
    });
    const killed = await uatFlow(world, name);
    assert.ok(killed, 'the import landed before the kill');
    assert.equal(killed.publishedVersion, undefined, 'killed before the publish');

    const result = await world.services.promotions.recover(runId, 'resume');
    assert.equal(result.status, 'succeeded', result.message);
    const resumed = await uatFlow(world, name);
    assert.equal(resumed?.id, killed.id, 'the same flow, not a second one');
    assert.equal(resumed?.publishedVersion?.id, '1.0', 'the version the killed run imported is live');
    assert.deepEqual(await versionsOf(world, killed.id), ['1.0'], 'imported once');
  });

  it('publishes the version the killed run imported into a flow it changed, with no second import', async () => {
    const name = 'Resume Changed Workflow';
    const made = await changeset('resume-base', [
      { op: 'create', type: 'architect.flow', key: key(name), body: body(name, 'first words') },
    ]);
    const first = await world.cli(['promote', made, '--to', 'uat']);
    assert.equal(first.code, 0, first.stderr);
    const before = await uatFlow(world, name);
    assert.equal(before?.publishedVersion?.id, '1.0');
    const live = (await liveObjects(world.services, 'uat', ['architect.flow']))
      .get('architect.flow')
      ?.get(key(name));
    assert.ok(live);
    const id = await changeset('resume-update', [
      {
        op: 'update',
        type: 'architect.flow',
        key: key(name),
        changes: [
          { path: 'description', before: 'first words', after: 'second words' },
          {
            path: 'configuration',
            before: live.configuration ?? null,
            after: body(name, 'second words').configuration ?? null,
          },
        ],
      },
    ]);
    const runId = await promoteAndKillBeforePublish(world, id, async () => {
      const flow = await uatFlow(world, name);
      return flow?.checkedInVersion !== undefined && flow.checkedInVersion.id !== '1.0';
    });
    const killed = await uatFlow(world, name);
    assert.equal(killed?.publishedVersion?.id, '1.0', 'killed before the publish');

    const result = await world.services.promotions.recover(runId, 'resume');
    assert.equal(result.status, 'succeeded', result.message);
    const resumed = await uatFlow(world, name);
    assert.equal(resumed?.publishedVersion?.id, '2.0', 'the version the killed run imported is live');
    assert.deepEqual(await versionsOf(world, before?.id ?? ''), ['1.0', '2.0'], 'imported once');
  });
});
