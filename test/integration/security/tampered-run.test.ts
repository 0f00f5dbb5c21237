import assert from 'node:assert/strict';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { setTimeout as delay } from 'node:timers/promises';
import { after, before, describe, it } from 'node:test';
import { FerryError } from '../../../shared/api/api-error';
import {
  generateEd25519,
  openEd25519PrivateKey,
  signEd25519,
} from '../../../electron/services/identity/ed25519';
import { RunSigner, journalLineHash } from '../../../electron/services/promotion/run-signer';
import { dsseEnvelopeSchema, envelopePayload } from '../../../shared/signing/dsse-envelope';
import { runPlanStatementSchema } from '../../../shared/signing/run-statement';
import { wrapupCode } from '../promotion/promotion-test-support';
import { codesInOrg, gitState, promoteAndKill, runWorld, type RunWorld } from './run-fixture';

/**
 * Issue 11, point 4: a genuine run, signed by this machine's trusted key and interrupted by a
 * SIGKILL of the real CLI, is tampered with the ways a teammate with push access could: a journal
 * line edited, a line removed, a line's signature stripped, plan.json edited, the whole run
 * re-signed by a key nobody trusts. Each is refused (`run.unverified`) with its own reason, writing
 * nothing to the org or the workspace; untouched, the same run still resumes, and once finished a
 * tampered result or journal refuses its rollback the same way.
 */
const CODES = 20;
let world: RunWorld;
let runId: string;
let folder: string;
let original: Map<string, string>;

before(async () => {
  world = await runWorld('ferry-tampered-run-', { latency: 'latency=4-12,seed=5' });
  const { changeset } = await world.services.changesets.create({
    title: 'tamper',
    idPrefix: 'tamper',
    operations: Array.from({ length: CODES }, (_, index) => ({
      op: 'create' as const,
      type: 'routing.wrapupcode',
      key: `tamper code ${index + 1}`,
      body: wrapupCode(`tamper code ${index + 1}`),
    })),
  });
  // The real CLI promotes to uat and is killed mid-run: a genuine, signed, interrupted run.
  runId = await promoteAndKill(world, changeset.id, 'tamper', 9);
  const runs = join(world.dir, 'runs');
  await delay(100);
  folder = join(runs, runId);
  original = new Map();
  for (const file of ['plan.json', 'plan.dsse.json', 'journal.jsonl']) {
    original.set(file, await readFile(join(folder, file), 'utf8'));
  }
});
after(() => world.close());

async function restore(): Promise<void> {
  for (const [file, text] of original) await writeFile(join(folder, file), text);
}

function journalLines(): string[] {
  return (original.get('journal.jsonl') ?? '').split('\n').slice(0, -1);
}

/** Resume is refused for `reason`, and neither the org nor the workspace changes. */
async function refused(action: 'resume' | 'rollback', reason: string | RegExp): Promise<void> {
  const orgBefore = await codesInOrg(world.sandbox, 'uat');
  const workspaceBefore = gitState(world.dir);
  await assert.rejects(world.services.promotions.recover(runId, action), (error: unknown) => {
    assert.ok(error instanceof FerryError, String(error));
    assert.equal(error.code, 'run.unverified', error.message);
    if (typeof reason === 'string') assert.ok(error.message.includes(reason), error.message);
    else assert.match(error.message, reason);
    return true;
  });
  assert.deepEqual(await codesInOrg(world.sandbox, 'uat'), orgBefore, 'uat is unchanged');
  assert.deepEqual(gitState(world.dir), workspaceBefore, 'the workspace is unchanged');
}

describe('a genuine interrupted run, tampered with', () => {
  it('is reported as interrupted on the machine that started it', async () => {
    const interrupted = await world.services.engine.interruptedRuns();
    assert.deepEqual(
      interrupted.map((run) => run.id),
      [runId],
    );
  });

  it('a journal line edited: refused, naming the line', async () => {
    const lines = journalLines();
    const edited = JSON.parse(lines[2] ?? '{}') as { before?: { canonical?: Record<string, unknown> } };
    lines[2] = JSON.stringify({
      ...edited,
      before: { api: null, canonical: { name: 'x', description: 'evil' } },
    });
    await writeFile(join(folder, 'journal.jsonl'), `${lines.join('\n')}\n`);
    await refused('rollback', `runs/${runId}/journal.jsonl line 3 was changed after it was signed`);
    await restore();
  });

  it('a journal line removed: refused, the chain is broken', async () => {
    const lines = journalLines();
    lines.splice(1, 1);
    await writeFile(join(folder, 'journal.jsonl'), `${lines.join('\n')}\n`);
    await refused('resume', `runs/${runId}/journal.jsonl line 2 does not follow line 1`);
    await restore();
  });

  it('a journal line without its signature: refused as not signed', async () => {
    const lines = journalLines();
    const entry = JSON.parse(lines[1] ?? '{}') as Record<string, unknown>;
    delete entry.sig;
    lines[1] = JSON.stringify(entry);
    await writeFile(join(folder, 'journal.jsonl'), `${lines.join('\n')}\n`);
    await refused('resume', `runs/${runId}/journal.jsonl line 2 is not signed`);
    await restore();
  });

  it('plan.json edited: refused', async () => {
    const plan = (original.get('plan.json') ?? '').replace('"tamper code 20"', '"tamper code 21"');
    assert.notEqual(plan, original.get('plan.json'));
    await writeFile(join(folder, 'plan.json'), plan);
    await refused('resume', `runs/${runId}/plan.json was changed after it was signed`);
    await restore();
  });

  it('the whole run re-signed by a key nobody trusts: refused, naming the key', async () => {
    const stranger = generateEd25519();
    const key = openEd25519PrivateKey(stranger.privateKeyPem).key;
    const signer = await RunSigner.open({
      key: { keyId: async () => stranger.publicKey.keyId, sign: async (data) => signEd25519(key, data) },
    });
    const envelope = dsseEnvelopeSchema.parse(JSON.parse(original.get('plan.dsse.json') ?? ''));
    const statement = runPlanStatementSchema.parse(
      JSON.parse(new TextDecoder().decode(envelopePayload(envelope))),
    );
    const {
      runId: id,
      runKind,
      rollbackOf,
      changesetId,
      changesetDigest,
      environment,
      fingerprint,
      startedAt,
    } = statement.predicate;
    const predicate = {
      runId: id,
      runKind,
      rollbackOf,
      changesetId,
      changesetDigest,
      environment,
      fingerprint,
      startedAt,
    };
    const signed = await signer.signPlan(
      new TextEncoder().encode(original.get('plan.json') ?? ''),
      predicate,
    );
    let prev = signed.anchor;
    const lines: string[] = [];
    for (const line of journalLines()) {
      const entry = JSON.parse(line) as Record<string, unknown>;
      delete entry.keyId;
      delete entry.prev;
      delete entry.sig;
      const resigned = await signer.signLine(entry, prev);
      lines.push(resigned);
      prev = journalLineHash(resigned);
    }
    await writeFile(join(folder, 'plan.dsse.json'), `${JSON.stringify(signed.envelope, null, 2)}\n`);
    await writeFile(join(folder, 'journal.jsonl'), `${lines.join('\n')}\n`);
    await refused(
      'resume',
      `signed by key ${stranger.publicKey.keyId.slice(0, 12)}… which is not trusted in this workspace`,
    );
    await restore();
  });

  it('untouched, it resumes; finished, a tampered result or journal refuses its rollback', async () => {
    const result = await world.services.promotions.recover(runId, 'resume');
    assert.equal(result.status, 'succeeded', result.message);
    const codes = await codesInOrg(world.sandbox, 'uat');
    assert.ok(codes.has(`tamper code ${CODES}`));
    const resultPath = join(folder, 'result.json');
    const resultText = await readFile(resultPath, 'utf8');
    const journalText = await readFile(join(folder, 'journal.jsonl'), 'utf8');

    const rollbackRefused = async (reason: string) => {
      const orgBefore = await codesInOrg(world.sandbox, 'uat');
      const workspaceBefore = gitState(world.dir);
      await assert.rejects(world.services.promotions.rollback(runId), (error: unknown) => {
        assert.ok(error instanceof FerryError, String(error));
        assert.equal(error.code, 'run.unverified', error.message);
        assert.ok(error.message.includes(reason), error.message);
        return true;
      });
      assert.deepEqual(await codesInOrg(world.sandbox, 'uat'), orgBefore, 'uat is unchanged');
      assert.deepEqual(gitState(world.dir), workspaceBefore, 'the workspace is unchanged');
    };
    await writeFile(resultPath, resultText.replace('"succeeded"', '"stopped"'));
    await rollbackRefused(`runs/${runId}/result.json was changed after it was signed`);
    await writeFile(resultPath, resultText);
    await writeFile(join(folder, 'journal.jsonl'), `${journalText.split('\n').slice(0, -2).join('\n')}\n`);
    await rollbackRefused(`runs/${runId}/journal.jsonl was changed after the run finished`);
    await writeFile(join(folder, 'journal.jsonl'), journalText);

    const undone = await world.services.promotions.rollback(runId);
    assert.equal(undone.status, 'succeeded', undone.message);
    assert.ok(!(await codesInOrg(world.sandbox, 'uat')).has(`tamper code ${CODES}`));
  });
});
