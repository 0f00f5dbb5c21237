import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import platformClient from 'purecloud-platform-client-v2';
import { DEMO_CLIENTS, startSandbox, type SandboxHandle } from '../../../electron/sandbox';
import { synthesizePromptWav } from '../../../electron/sandbox/prompt-audio-synth';
import { audioSha256 } from '../../../electron/services/audio/audio-bytes';
import { newSdkClient as newClient, sdkRejection } from './sdk-test-client';

async function rejectedStatus(promise: Promise<unknown>): Promise<number> {
  return (await sdkRejection(promise)).status;
}

/** Polls a resource (bounded) until its upload has settled, as a client must. */
async function settled(
  architect: InstanceType<typeof platformClient.ArchitectApi>,
  promptId: string,
  language: string,
) {
  for (let attempt = 0; attempt < 50; attempt += 1) {
    const asset = await architect.getArchitectPromptResource(promptId, language);
    if (asset.uploadStatus !== 'uploaded') return asset;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error('the upload never settled');
}

/**
 * User prompts through Genesys's own SDK: the list and its name filter, the prompt, its resources
 * per language, and the upload flow (upload URL, PUT of the file without the token, the wait for
 * the transcode, the media link serving the same bytes back).
 */
describe('prompts through the official SDK against the sandbox', () => {
  let sandbox: SandboxHandle;
  let architect: InstanceType<typeof platformClient.ArchitectApi>;

  before(async () => {
    sandbox = await startSandbox();
    const client = newClient(sandbox.port);
    await client.loginClientCredentialsGrant(DEMO_CLIENTS.dev.clientId, DEMO_CLIENTS.dev.clientSecret);
    architect = new platformClient.ArchitectApi(client);
  });
  after(() => sandbox.close());

  it('lists seeded prompts with their resources, pages, and filters by name with wildcards', async () => {
    const all = await architect.getArchitectPrompts({ pageSize: 100, includeMediaUris: true });
    const names = (all.entities ?? []).map((prompt) => prompt.name);
    for (const name of [
      'BillingWhisper',
      'ClosedGreeting',
      'HoldMusicAcme',
      'VideoWhisper',
      'WelcomeMessage',
    ]) {
      assert.ok(names.includes(name), name);
    }
    const closed = (all.entities ?? []).find((prompt) => prompt.name === 'ClosedGreeting');
    assert.deepEqual(
      closed?.resources?.map((resource) => [resource.language, resource.uploadStatus]),
      [
        ['en-us', 'transcoded'],
        ['es-us', 'transcoded'],
      ],
    );
    const welcome = (all.entities ?? []).find((prompt) => prompt.name === 'WelcomeMessage');
    assert.equal(welcome?.resources?.[0]?.mediaUri, undefined, 'TTS only: no media');
    assert.match(welcome?.resources?.[0]?.ttsString ?? '', /Welcome to Acme/);

    const paged = await architect.getArchitectPrompts({ pageSize: 2, pageNumber: 2 });
    assert.equal(paged.entities?.length, 2);
    assert.equal(paged.pageCount, Math.ceil((all.total ?? 0) / 2));
    const wildcard = await architect.getArchitectPrompts({ name: ['*Whisper'] });
    assert.deepEqual(
      wildcard.entities?.map((prompt) => prompt.name),
      ['BillingWhisper', 'VideoWhisper'],
    );
    const exact = await architect.getArchitectPrompts({ name: ['welcomemessage'] });
    assert.deepEqual(
      exact.entities?.map((prompt) => prompt.name),
      ['WelcomeMessage'],
    );
  });

  it('serves a media link without the token, with the seeded WAV', async () => {
    const [prompt] = (await architect.getArchitectPrompts({ name: ['ClosedGreeting'] })).entities ?? [];
    const asset = await architect.getArchitectPromptResource(prompt?.id ?? '', 'en-us');
    const media = await fetch(asset.mediaUri ?? '');
    assert.equal(media.status, 200);
    assert.equal(media.headers.get('content-type'), 'audio/wav');
    const bytes = new Uint8Array(await media.arrayBuffer());
    assert.equal(new TextDecoder().decode(bytes.subarray(0, 4)), 'RIFF');
  });

  it('creates a prompt, adds languages, uploads audio through the upload URL, and deletes', async () => {
    const prompt = await architect.postArchitectPrompts({ name: 'ConformanceGreeting', description: 'test' });
    assert.equal(prompt.name, 'ConformanceGreeting');
    // Prompts sit in a division, the home one unless the body names another.
    assert.equal(prompt.division?.name, 'Home');
    const inHome = await architect.getArchitectPrompts({
      divisionId: [prompt.division?.id ?? ''],
      pageSize: 100,
    });
    assert.ok(inHome.entities?.some((one) => one.id === prompt.id));
    const elsewhere = await architect.getArchitectPrompts({ divisionId: ['no-such-division'] });
    assert.equal(elsewhere.total, 0);
    assert.equal(await rejectedStatus(architect.postArchitectPrompts({ name: 'ConformanceGreeting' })), 400);
    const id = prompt.id ?? '';
    const created = await architect.postArchitectPromptResources(id, {
      language: 'en-us',
      ttsString: 'Hello',
      text: 'Hello',
    });
    assert.equal(created.uploadStatus, 'created');
    assert.equal(created.mediaUri, undefined);
    assert.equal(
      await rejectedStatus(architect.postArchitectPromptResources(id, { language: 'en-us' })),
      409,
    );
    const updated = await architect.putArchitectPromptResource(id, 'en-us', {
      language: 'en-us',
      ttsString: 'Hello there',
    });
    assert.equal(updated.ttsString, 'Hello there');
    assert.equal(updated.text, undefined);

    const wav = Buffer.from(synthesizePromptWav('Hello there'));
    const upload = await architect.postArchitectPromptResourceUploads(id, 'en-us');
    assert.match(upload.url ?? '', /^http:\/\/127\.0\.0\.1:\d+\//);
    // Without the signed headers, the upload is refused.
    assert.equal((await fetch(upload.url ?? '', { method: 'PUT', body: wav })).status, 403);
    const put = await fetch(upload.url ?? '', { method: 'PUT', headers: upload.headers ?? {}, body: wav });
    assert.equal(put.status, 200);
    const first = await architect.getArchitectPromptResource(id, 'en-us');
    assert.equal(first.uploadStatus, 'uploaded', 'transcoding takes a moment');
    const done = await settled(architect, id, 'en-us');
    assert.equal(done.uploadStatus, 'transcoded');
    assert.equal(done.durationSeconds, 0.5);
    const media = new Uint8Array(await (await fetch(done.mediaUri ?? '')).arrayBuffer());
    assert.equal(audioSha256(media), audioSha256(wav));
    // Like a pre-signed link, the URL takes the same file again until it expires (a lost reply).
    assert.equal(
      (await fetch(upload.url ?? '', { method: 'PUT', headers: upload.headers ?? {}, body: wav })).status,
      200,
    );
    assert.equal((await settled(architect, id, 'en-us')).uploadStatus, 'transcoded');

    // Bytes that are not audio fail to transcode, as Genesys reports it.
    await architect.postArchitectPromptResources(id, { language: 'es-us', ttsString: 'Hola' });
    const bad = await architect.postArchitectPromptResourceUploads(id, 'es-us');
    await fetch(bad.url ?? '', { method: 'PUT', headers: bad.headers ?? {}, body: 'ID3 an mp3' });
    assert.equal((await settled(architect, id, 'es-us')).uploadStatus, 'transcodeFailed');

    const listed = await architect.getArchitectPromptResources(id);
    assert.deepEqual(
      listed.entities?.map((asset) => asset.language),
      ['en-us', 'es-us'],
    );
    await architect.deleteArchitectPromptResource(id, 'es-us');
    assert.equal(await rejectedStatus(architect.getArchitectPromptResource(id, 'es-us')), 404);
    // A prompt with resources is deleted only with allResources.
    assert.equal(await rejectedStatus(architect.deleteArchitectPrompt(id)), 409);
    await architect.deleteArchitectPrompt(id, { allResources: true });
    assert.equal(await rejectedStatus(architect.getArchitectPrompt(id)), 404);
  });
});
