import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { readdir, readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { Locator, Page } from 'playwright';
import type { WebHost } from '../../electron/host/web/web-host';
import {
  beforeAfter,
  formatDuration,
  formatSize,
  shortHash,
} from '../../renderer/src/features/audio/audio-format';
import { accessibilityViolations } from './support/axe';
import { screenshot } from './support/chromium';
import {
  type Journey,
  addSnapshottedSandboxOrgs,
  createWorkspaceInUi,
  openSection,
  startJourney,
  text,
} from './support/journey';

let root: string;
let host: WebHost;
let page: Page;
let journey: Journey;

const folder = () => join(root, 'contact-centre');
/** The seeded prompt whose en-us recording was re-recorded in dev; prod still plays the old take. */
const PROMPT = 'HoldMusicAcme';
const TITLE = 'New hold music';

interface Descriptor {
  sha256: string;
  bytes: number;
  durationSeconds: number | null;
}

/** The prompt's canonical file in an environment's snapshot, found by name under its folder. */
async function snapshotPrompt(
  environment: string,
): Promise<{ resources: { language: string; audio: Descriptor | null }[] }> {
  const found = await findFile(
    join(folder(), 'environments', environment),
    (name) => name.includes(PROMPT) && name.endsWith('.json'),
  );
  assert.ok(found, `${PROMPT} is in the ${environment} snapshot`);
  return JSON.parse(await readFile(found, 'utf8')) as {
    resources: { language: string; audio: Descriptor | null }[];
  };
}

async function findFile(dir: string, match: (name: string) => boolean, depth = 0): Promise<string | null> {
  if (depth > 4) return null;
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isFile() && match(entry.name)) return path;
    if (entry.isDirectory()) {
      const inside = await findFile(path, match, depth + 1);
      if (inside) return inside;
    }
  }
  return null;
}

async function englishAudio(environment: string): Promise<Descriptor> {
  const prompt = await snapshotPrompt(environment);
  const audio = prompt.resources.find((resource) => resource.language === 'en-us')?.audio;
  assert.ok(audio, `${PROMPT} has en-us audio in ${environment}`);
  return audio;
}

/**
 * Presses Play and waits for the player: the `<audio>` element's source is a blob of the file's
 * length, and Chromium decodes it to the length the WAV header says. Bounded: 10 s for metadata.
 */
async function playAndMeasure(player: Locator, expected: Descriptor): Promise<void> {
  assert.equal(await player.getByTestId('audio-element').count(), 0, 'nothing is read before Play');
  // From the keyboard: Play is a button, and focus moves onto the player that replaces it.
  await player.getByTestId('audio-play').press('Enter');
  const element = player.getByTestId('audio-element');
  const failed = player.getByTestId('audio-error');
  await element.or(failed).waitFor({ timeout: 10_000 });
  if ((await failed.count()) > 0) assert.fail(`the player failed: ${await text(failed)}`);
  assert.ok(await element.evaluate((audio) => audio === document.activeElement), 'focus is on the player');
  assert.match((await element.getAttribute('src')) ?? '', /^blob:/);
  assert.equal(Number(await element.getAttribute('data-bytes')), expected.bytes);
  const duration = await element.evaluate(
    (audio: HTMLAudioElement) =>
      new Promise<number>((resolve) => {
        if (audio.readyState >= 1) resolve(audio.duration);
        audio.addEventListener('loadedmetadata', () => resolve(audio.duration), { once: true });
        audio.addEventListener('error', () => resolve(-1), { once: true });
        setTimeout(() => resolve(Number.NaN), 10_000);
      }),
  );
  assert.ok(Number.isFinite(duration) && duration > 0, `the audio decodes (duration ${duration})`);
  if (expected.durationSeconds !== null) {
    assert.ok(
      Math.abs(duration - expected.durationSeconds) < 0.05,
      `${duration} s is ${expected.durationSeconds} s`,
    );
  }
}

/** A mono 16-bit PCM WAV of a tone, `seconds` long at 8 kHz: what a person would pick as a recording. */
function toneWav(seconds: number): Buffer {
  const rate = 8000;
  const samples = Math.round(rate * seconds);
  const wav = Buffer.alloc(44 + samples * 2);
  wav.write('RIFF', 0, 'ascii');
  wav.writeUInt32LE(36 + samples * 2, 4);
  wav.write('WAVE', 8, 'ascii');
  wav.write('fmt ', 12, 'ascii');
  wav.writeUInt32LE(16, 16);
  wav.writeUInt16LE(1, 20);
  wav.writeUInt16LE(1, 22);
  wav.writeUInt32LE(rate, 24);
  wav.writeUInt32LE(rate * 2, 28);
  wav.writeUInt16LE(2, 32);
  wav.writeUInt16LE(16, 34);
  wav.write('data', 36, 'ascii');
  wav.writeUInt32LE(samples * 2, 40);
  for (let index = 0; index < samples; index += 1) {
    wav.writeInt16LE(Math.round(8000 * Math.sin((2 * Math.PI * 440 * index) / rate)), 44 + index * 2);
  }
  return wav;
}

before(async () => {
  journey = await startJourney('ferry-e2e-prompt-audio-', { viewport: { width: 1440, height: 1000 } });
  ({ root, host, page } = journey);
});
after(() => journey?.close());

describe('prompt audio journey in Chromium', () => {
  let dev: Descriptor;
  let prod: Descriptor;

  it('snapshots dev and prod, whose hold music recordings differ, with the audio beside the JSON', async () => {
    await createWorkspaceInUi(page, host, folder(), 'Contact centre');
    await addSnapshottedSandboxOrgs(host, ['dev', 'prod']);
    dev = await englishAudio('dev');
    prod = await englishAudio('prod');
    assert.notEqual(dev.sha256, prod.sha256);
    for (const [environment, audio] of [
      ['dev', dev],
      ['prod', prod],
    ] as const) {
      const file = join(folder(), 'environments', environment, 'audio', `${audio.sha256}.wav`);
      assert.equal((await stat(file)).size, audio.bytes);
    }
  });

  it('compares them: the prompt shows one audio change with length, size, hash and a player per side', async () => {
    await openSection(page, 'Compare');
    await page.locator('select[name="b-environment"]').selectOption('dev');
    await page.locator('select[name="a-environment"]').selectOption('prod');
    await page.getByTestId('run-compare').click();
    await page
      .getByTestId('run-compare')
      .filter({ hasText: /^Compare$/ })
      .waitFor();
    await page.getByTestId('diff-filter').fill(PROMPT);
    await page.getByTestId('diff-list').getByTestId('diff-object').filter({ hasText: PROMPT }).click();

    const panel = page.getByTestId('diff-object-panel');
    const change = panel.locator('[data-audio-change]');
    await change.waitFor();
    assert.equal(await change.count(), 1, 'one audio change, not a row per descriptor field');
    assert.equal(await text(change.getByTestId('audio-change-headline')), 'resource en-us audio changed');
    // Side a (the target, prod) → side b (the source, dev), as every change sentence reads.
    assert.equal(
      await text(change.getByTestId('audio-duration')),
      beforeAfter(formatDuration(prod.durationSeconds), formatDuration(dev.durationSeconds)),
    );
    assert.equal(
      await text(change.getByTestId('audio-size')),
      beforeAfter(formatSize(prod.bytes), formatSize(dev.bytes)),
    );
    assert.equal(
      await text(change.getByTestId('audio-hash')),
      `${shortHash(prod.sha256)} → ${shortHash(dev.sha256)}`,
    );
    assert.equal(await panel.locator('.change-path', { hasText: /audio\.sha256/ }).count(), 0);
    assert.deepEqual(await accessibilityViolations(page, '[data-testid="field-changes"]'), []);

    await playAndMeasure(change.getByTestId('audio-side-a'), prod);
    await playAndMeasure(change.getByTestId('audio-side-b'), dev);
    assert.deepEqual(await accessibilityViolations(page, '[data-testid="field-changes"]'), []);
    await screenshot(page, '60-compare-prompt-audio');
  });

  it('picks the prompt into a changeset, plays its recording in the form and uploads another', async () => {
    await page
      .getByTestId('pick-object')
      .and(page.getByLabel(`Pick ${PROMPT}`, { exact: true }))
      .check();
    await page.getByTestId('add-to-changeset').click();
    const dialog = page.getByTestId('add-to-changeset-dialog');
    await dialog.getByTestId('new-changeset-title').fill(TITLE);
    await dialog.getByTestId('continue-add-to-changeset').click();
    await dialog.getByTestId('confirm-add-to-changeset').click();
    await dialog.getByTestId('picks-saved').waitFor();
    await dialog.getByTestId('open-saved-changeset').click();
    await page.getByTestId('changeset-editor').waitFor();
    await page.locator(`[data-operation$="architect.prompt/${PROMPT}"]`).click();

    const form = page.getByTestId('operation-form');
    const english = form.getByTestId('field-resources[0]');
    await english.waitFor();
    // The form holds dev's recording: played from the workspace, wherever it is kept.
    const player = english.getByTestId('prompt-audio-player');
    assert.match(
      await text(player.getByTestId('audio-facts')),
      new RegExp(shortHash(dev.sha256).replace('…', '')),
    );
    await playAndMeasure(player, dev);

    // Not a WAV: refused with words for a person, nothing sent.
    const picker = english.getByTestId('field-resources[0].audio-file');
    await picker.setInputFiles({ name: 'notes.txt', mimeType: 'text/plain', buffer: Buffer.from('hello') });
    assert.match(await text(english.getByTestId('prompt-audio-error')), /"notes\.txt" is not a WAV file/);

    const wav = toneWav(1.5);
    const sha256 = createHash('sha256').update(wav).digest('hex');
    await picker.setInputFiles({ name: 'hold-music-2026.wav', mimeType: 'audio/wav', buffer: wav });
    const attached = english.getByTestId('prompt-audio-attached');
    await attached.waitFor({ timeout: 10_000 });
    assert.equal(
      await text(attached),
      `Attached “hold-music-2026.wav”: 1.5 s · ${formatSize(wav.length)} · ${shortHash(sha256)}`,
    );
    await playAndMeasure(english.getByTestId('prompt-audio-player'), {
      sha256,
      bytes: wav.length,
      durationSeconds: 1.5,
    });
    assert.deepEqual(await accessibilityViolations(page, '[data-testid="operation-form"]'), []);
    await screenshot(page, '61-prompt-form-audio');

    await page.getByTestId('save-changeset').click();
    await page
      .getByTestId('editor-notice')
      .filter({ hasText: /^Saved/ })
      .waitFor();
    const dir = join(folder(), 'changesets');
    const saved = (await readdir(dir)).find(
      (name) => name.startsWith('new-hold-music') && name.endsWith('.json'),
    );
    assert.ok(saved);
    const id = saved.replace(/\.json$/, '');
    assert.match(await readFile(join(dir, saved), 'utf8'), new RegExp(sha256));
    assert.equal((await stat(join(dir, `${id}.audio`, `${sha256}.wav`))).size, wav.length);
  });
});

describe('prompt form languages', () => {
  it('adds a language with Enter, refuses it twice with words, and removes a recording', async () => {
    const form = page.getByTestId('operation-form');
    const language = form.getByTestId('prompt-new-language');
    await language.fill('FR-CA');
    await language.press('Enter');
    const french = form.getByTestId('field-resources[1]');
    await french.waitFor();
    assert.equal(await text(french.locator('h4')), 'fr-ca');
    assert.equal(
      await text(french.getByTestId('prompt-no-audio')),
      'No recording: Genesys speaks the text-to-speech string.',
    );
    await french.getByLabel('Text-to-speech (fr-ca)').fill('Musique d’attente Acme');

    await language.fill('fr-ca');
    await language.press('Enter');
    assert.equal(
      await text(form.getByTestId('field-error-prompt-new-language')),
      'This prompt already has fr-ca; edit it below.',
    );
    assert.equal(await form.getByTestId('field-resources[2]').count(), 0);

    const english = form.getByTestId('field-resources[0]');
    await english.getByRole('button', { name: 'Remove audio of en-us' }).press('Enter');
    await english.getByTestId('prompt-no-audio').waitFor();
    assert.deepEqual(await accessibilityViolations(page, '[data-testid="operation-form"]'), []);
  });
});
