import assert from 'node:assert/strict';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { JsonObject } from '../../../shared/model/canonical/json-value';
import { synthesizePromptWav } from '../../../electron/sandbox/prompt-audio-synth';
import { audioSha256 } from '../../../electron/services/audio/audio-bytes';
import { nativeGit } from '../../support/native-git';
import { changesetOf, liveObjects, promotionWorld, type PromotionWorld } from './promotion-test-support';

let world: PromotionWorld;

before(async () => {
  world = await promotionWorld({ snapshot: false });
  await world.services.environments.save(
    { name: 'prod', kind: 'sandbox', url: world.sandbox.url, org: 'prod', tier: 'prod' },
    undefined,
  );
  await world.services.snapshots.run('dev', { types: ['architect.prompt'] });
  await world.services.snapshots.run('prod', { types: ['architect.prompt'] });
});
after(() => world.close());

const sha = (phrase: string) => audioSha256(synthesizePromptWav(phrase));
const DEV_HOLD = sha('Acme hold music, spring recording');
const PROD_HOLD = sha('Acme hold music, first recording');

async function liveHoldMusic(environment: string): Promise<JsonObject> {
  const live = await liveObjects(world.services, environment, ['architect.prompt']);
  return live.get('architect.prompt')?.get('HoldMusicAcme') as JsonObject;
}

function audioOf(prompt: JsonObject): string | null {
  const [english] = prompt.resources as { language: string; audio: { sha256: string } | null }[];
  return english?.audio?.sha256 ?? null;
}

describe('prompt audio promoted dev → prod', () => {
  it('compare shows the audio differs, promotion uploads it and checks it by hash, rollback restores the old audio', async () => {
    const outcome = await world.services.compare.compare('dev', 'prod');
    const hold = outcome.result.objects.find(
      (object) => object.type === 'architect.prompt' && object.key === 'HoldMusicAcme',
    );
    assert.equal(hold?.status, 'changed');
    // Resources are a set: the language's old and new versions show as a pair, by their audio hash.
    const english = (hold?.changes ?? []).filter(
      (change) => change.path === 'resources' && JSON.stringify(change).includes('"en-us"'),
    );
    assert.deepEqual(
      english.map((change) => change.kind),
      ['set-removed', 'set-added'],
    );
    assert.ok(
      JSON.stringify(english[0]).includes(DEV_HOLD),
      "dev (the compare's left side) plays the new take",
    );
    assert.ok(JSON.stringify(english[1]).includes(PROD_HOLD), 'prod still plays the old one');

    const dev = await liveHoldMusic('dev');
    const prod = await liveHoldMusic('prod');
    assert.equal(audioOf(dev), DEV_HOLD);
    assert.equal(audioOf(prod), PROD_HOLD);
    const changeset = changesetOf('hold-music', [
      {
        op: 'update',
        type: 'architect.prompt',
        key: 'HoldMusicAcme',
        changes: [{ path: 'resources', before: prod.resources ?? null, after: dev.resources ?? null }],
      },
    ]);
    const plan = await world.engine.plan(changeset, 'prod');
    const step = plan.steps.find((candidate) => candidate.key === 'HoldMusicAcme');
    assert.ok(step);
    assert.deepEqual(
      step.calls.map((call) => `${call.method} ${call.path.replace(/prompts\/[^/]+/, 'prompts/{id}')}`),
      ['POST /api/v2/architect/prompts/{id}/resources/en-us/uploads'],
    );
    assert.deepEqual(step.calls[0]?.body, {
      audio: { sha256: DEV_HOLD, bytes: synthesizePromptWav('x').length, durationSeconds: 0.5 },
    });

    const from = world.requests.length;
    const run = await world.engine.execute(plan);
    assert.equal(run.status, 'succeeded', run.message);
    const sent = world.requests.slice(from).map((request) => `${request.method} ${request.path}`);
    assert.ok(
      sent.some((line) => /^PUT \/sandbox-media\/prompts\/uploads\//.test(line)),
      sent.join('\n'),
    );
    assert.equal(audioOf(await liveHoldMusic('prod')), DEV_HOLD);

    const rolledBack = await world.engine.rollbackRun(run.runId);
    assert.equal(rolledBack.status, 'succeeded', rolledBack.message);
    assert.equal(audioOf(await liveHoldMusic('prod')), PROD_HOLD);
  });

  it('refuses a workspace audio file whose bytes do not hash to its name, and uploads nothing', async () => {
    const file = `environments/dev/audio/${DEV_HOLD}.wav`;
    await writeFile(join(world.workspaceDir, file), synthesizePromptWav('Something else entirely'));
    nativeGit(world.workspaceDir, 'add', file);
    nativeGit(
      world.workspaceDir,
      '-c',
      'user.name=Mallory',
      '-c',
      'user.email=m@example.test',
      'commit',
      '-qm',
      'swap',
    );
    const dev = await liveHoldMusic('dev');
    const prod = await liveHoldMusic('prod');
    const plan = await world.engine.plan(
      changesetOf('hold-music-again', [
        {
          op: 'update',
          type: 'architect.prompt',
          key: 'HoldMusicAcme',
          changes: [{ path: 'resources', before: prod.resources ?? null, after: dev.resources ?? null }],
        },
      ]),
      'prod',
    );
    const from = world.requests.length;
    const run = await world.engine.execute(plan);
    assert.ok(['failed', 'rolled-back'].includes(run.status), run.status);
    assert.match(JSON.stringify(run), /audio\.hash-mismatch|does not hold the audio its name promises/);
    const uploads = world.requests.slice(from).filter((request) => request.path.includes('/uploads'));
    assert.deepEqual(uploads, [], 'no upload URL was asked for');
    assert.equal(audioOf(await liveHoldMusic('prod')), PROD_HOLD);
  });
});

describe('audio a person attached to a changeset', () => {
  it("is uploaded from the changeset's audio folder and read back by hash", async () => {
    const prod = (await liveObjects(world.services, 'prod', ['architect.prompt']))
      .get('architect.prompt')
      ?.get('ClosedGreeting') as JsonObject;
    const resources = prod.resources as JsonObject[];
    const recorded = synthesizePromptWav('Estamos cerrados por el feriado', 0.75);
    const { changeset } = await world.services.changesets.create({ title: 'Holiday closing, Spanish' });
    const attached = await world.services.audio.attach(
      changeset.id,
      'cerrado.wav',
      Buffer.from(recorded).toString('base64'),
    );
    assert.equal(attached.descriptor.durationSeconds, 0.75);
    const after = resources.map((resource) =>
      resource.language === 'es-us' ? { ...resource, audio: attached.descriptor } : resource,
    );
    const saved = await world.services.changesets.save({
      ...changeset,
      operations: [
        {
          op: 'update',
          type: 'architect.prompt',
          key: 'ClosedGreeting',
          changes: [{ path: 'resources', before: resources, after }],
        },
      ],
    });
    const plan = await world.engine.plan(saved.changeset, 'prod');
    const run = await world.engine.execute(plan);
    assert.equal(run.status, 'succeeded', run.message);
    const now = (await liveObjects(world.services, 'prod', ['architect.prompt']))
      .get('architect.prompt')
      ?.get('ClosedGreeting') as JsonObject;
    assert.deepEqual(now.resources, after);
  });
});

describe('a prompt created in prod while replies get lost', () => {
  let lossy: PromotionWorld;
  before(async () => {
    // Writes are carried out but one reply in six never arrives: each must be settled by reading.
    lossy = await promotionWorld({ snapshot: false, sandbox: { faults: 'lost-reply=0.16,seed=17' } });
    await lossy.services.environments.save(
      { name: 'prod', kind: 'sandbox', url: lossy.sandbox.url, org: 'prod', tier: 'prod' },
      undefined,
    );
    await lossy.services.snapshots.run('dev', { types: ['architect.prompt'] });
  });
  after(() => lossy.close());

  it('is created once, with its language and its audio, and the run succeeds', async () => {
    const devLive = await liveObjects(lossy.services, 'dev', ['architect.prompt']);
    const video = devLive.get('architect.prompt')?.get('VideoWhisper') as JsonObject;
    assert.equal(audioOf(video), sha('Video support call'));
    const plan = await lossy.engine.plan(
      changesetOf('video-whisper', [
        { op: 'create', type: 'architect.prompt', key: 'VideoWhisper', body: video },
      ]),
      'prod',
    );
    const step = plan.steps.find((candidate) => candidate.key === 'VideoWhisper');
    assert.deepEqual(
      step?.calls.map((call) => `${call.method} ${call.path.replace(/\{id of [^}]+\}/, '{id}')}`),
      [
        'POST /api/v2/architect/prompts',
        'POST /api/v2/architect/prompts/{id}/resources',
        'POST /api/v2/architect/prompts/{id}/resources/en-us/uploads',
      ],
    );
    const run = await lossy.engine.execute(plan);
    assert.equal(run.status, 'succeeded', JSON.stringify(run).slice(0, 3000));
    const prodLive = await liveObjects(lossy.services, 'prod', ['architect.prompt']);
    assert.deepEqual(prodLive.get('architect.prompt')?.get('VideoWhisper'), video);
  });
});
