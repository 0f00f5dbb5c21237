import assert from 'node:assert/strict';
import { readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { FerryError } from '../../../shared/api/api-error';
import type { Changeset } from '../../../shared/model/changeset';
import { synthesizePromptWav } from '../../../electron/sandbox/prompt-audio-synth';
import { nativeGit } from '../../support/native-git';
import {
  approvedPromptAudioChangeset,
  assemble,
  dsseVerifies,
  envelopeStatement,
  failed,
  partsOf,
  sha256,
  team,
  textOf,
  type Parts,
  type Team,
} from './package-fixture';

/**
 * A package whose changeset writes prompt audio (issue 17) carries the audio files, signed, so a
 * workspace that never saw the source's snapshots can import it and promote it. Real services,
 * the sandbox's orgs, git repositories on disk; packages are tampered with by hand and signed
 * again with the author's key, so only the audio checks can refuse them.
 */

let t: Team;
let changeset: Changeset;
let packageText = '';
/** VideoWhisper's recording, which only dev's snapshot holds. */
const VIDEO = synthesizePromptWav('Video support call');
/** A new hold music take, attached while authoring: only the changeset's audio folder holds it. */
const SUMMER = synthesizePromptWav('Acme hold music, summer recording');
const VIDEO_SHA = sha256(VIDEO);
const SUMMER_SHA = sha256(SUMMER);

before(async () => {
  t = await team('ferry-package-audio-');
  changeset = await approvedPromptAudioChangeset(t, {
    title: 'Video whisper and summer hold music',
    fileName: 'summer.wav',
    bytes: SUMMER,
  });
});
after(() => t.closeSandbox());

const audioName = (sha: string) => `audio-${sha}.wav`;

/** Every file under `dir` (outside .git) whose bytes hash to one of `hashes`. */
async function filesHolding(dir: string, hashes: readonly string[]): Promise<string[]> {
  const found: string[] = [];
  const walk = async (at: string, depth: number): Promise<void> => {
    assert.ok(depth < 32, 'the workspace is not that deep');
    for (const entry of await readdir(at, { withFileTypes: true })) {
      if (entry.name === '.git') continue;
      const path = join(at, entry.name);
      if (entry.isDirectory()) await walk(path, depth + 1);
      else if (entry.isFile() && hashes.includes(sha256(await readFile(path)))) found.push(path);
    }
  };
  await walk(dir, 0);
  return found;
}

async function verify(text: string) {
  return t.importing.verify(text);
}

function refuses(report: Awaited<ReturnType<typeof verify>>, check: string | RegExp, detail?: RegExp) {
  assert.equal(report.ok, false, 'the package is refused');
  const failures = failed(report);
  const hit = failures.find((failure) =>
    typeof check === 'string' ? failure.check === check : check.test(failure.check),
  );
  assert.ok(hit, `${String(check)} failed; failures were ${JSON.stringify(failures)}`);
  if (detail) assert.match(hit.detail, detail);
}

function withArtifacts(parts: Parts, artifacts: Parts['artifacts']): Parts {
  return { ...parts, artifacts };
}

describe('a package carries the prompt audio its changeset writes', () => {
  it('exports each audio file as a signed artifact named by its sha256', async () => {
    const ops = changeset.operations.map((operation) => `${operation.op} ${operation.key}`);
    assert.deepEqual(ops, ['create VideoWhisper', 'update HoldMusicAcme']);
    assert.ok(JSON.stringify(changeset).includes(VIDEO_SHA), 'the create names dev’s recording');

    const exported = await t.exporting.export({ changesetId: changeset.id, targets: ['uat'], source: 'dev' });
    packageText = exported.text;
    assert.equal(exported.report.ok, true, JSON.stringify(failed(exported.report)));
    const container = JSON.parse(packageText) as {
      artifacts: { name: string; data: string }[];
      author: { payload: string; payloadType: string; signatures: { sig: string }[] };
    };
    assert.deepEqual(
      container.artifacts.map((artifact) => artifact.name).sort(),
      ['change-control.md', 'changeset.json', audioName(SUMMER_SHA), audioName(VIDEO_SHA)].sort(),
    );
    for (const [sha, bytes] of [
      [VIDEO_SHA, VIDEO],
      [SUMMER_SHA, SUMMER],
    ] as const) {
      const data = container.artifacts.find((artifact) => artifact.name === audioName(sha))?.data ?? '';
      assert.deepEqual(Buffer.from(data, 'base64'), Buffer.from(bytes), `${sha} carries its bytes`);
    }
    // Bound by the author's signature: each audio file is a subject with its sha256.
    assert.ok(dsseVerifies(container.author, t.adaSigner.publicKey));
    const subjects = envelopeStatement(container.author).subject;
    for (const sha of [VIDEO_SHA, SUMMER_SHA]) {
      assert.deepEqual(
        subjects.find((subject) => subject.name === audioName(sha)),
        { name: audioName(sha), digest: { sha256: sha } },
      );
    }
    const names = exported.report.checks.map((check) => check.check);
    for (const name of [
      'audio-names',
      'audio-subjects',
      'audio-files',
      `audio:${VIDEO_SHA}`,
      `audio:${SUMMER_SHA}`,
    ]) {
      assert.ok(names.includes(name), `${name} is reported`);
    }
    assert.deepEqual(
      (exported.report.summary.audio ?? []).map((audio) => audio.sha256).sort(),
      [VIDEO_SHA, SUMMER_SHA].sort(),
    );
    const document = Buffer.from(
      container.artifacts.find((artifact) => artifact.name === 'change-control.md')?.data ?? '',
      'base64',
    ).toString('utf8');
    assert.match(document, /## Audio carried/);
    assert.ok(document.includes(VIDEO_SHA) && document.includes(SUMMER_SHA), 'the document lists both files');
  });

  it('imports the audio, hash-checked, in the changeset’s own commit, into a workspace that never had it; again changes nothing', async () => {
    assert.deepEqual(await filesHolding(t.importDir, [VIDEO_SHA, SUMMER_SHA]), [], 'never seen here');
    const commitsBefore = Number(nativeGit(t.importDir, 'rev-list', '--count', 'HEAD').trim());

    const imported = await t.importing.import(packageText);
    assert.equal(imported.changed, true);
    assert.equal(imported.approvalsImported, 1);
    assert.equal(imported.audioImported, 2);
    for (const [sha, bytes] of [
      [VIDEO_SHA, VIDEO],
      [SUMMER_SHA, SUMMER],
    ] as const) {
      const stored = await readFile(join(t.importDir, 'changesets', `${changeset.id}.audio`, `${sha}.wav`));
      assert.equal(sha256(stored), sha);
      assert.deepEqual(stored, Buffer.from(bytes));
      // And the audio service reads it back through its own hash check.
      const read = await t.importer.audio.read({ kind: 'changeset', changesetId: changeset.id }, sha);
      assert.equal(read.descriptor.sha256, sha);
    }
    // One commit: the changeset, its approval and its audio together.
    assert.equal(Number(nativeGit(t.importDir, 'rev-list', '--count', 'HEAD').trim()), commitsBefore + 1);
    const inCommit = nativeGit(t.importDir, 'show', '--name-only', '--format=', 'HEAD')
      .trim()
      .split('\n')
      .sort();
    assert.deepEqual(
      inCommit,
      [
        `changesets/${changeset.id}.approvals/${t.ritaSigner.keyId}.json`,
        `changesets/${changeset.id}.audio/${SUMMER_SHA}.wav`,
        `changesets/${changeset.id}.audio/${VIDEO_SHA}.wav`,
        `changesets/${changeset.id}.json`,
      ].sort(),
    );
    assert.equal(nativeGit(t.importDir, 'status', '--porcelain').trim(), '');

    const again = await t.importing.import(packageText);
    assert.equal(again.changed, false);
    assert.equal(again.audioImported, 0);
    assert.equal(Number(nativeGit(t.importDir, 'rev-list', '--count', 'HEAD').trim()), commitsBefore + 1);
  });

  it('promotes the imported changeset to uat from the imported audio, which uat then plays by hash', async () => {
    const { changeset: imported } = await t.importer.changesets.get(changeset.id);
    const plan = await t.importer.engine.plan(imported, 'uat');
    const run = await t.importer.engine.execute(plan);
    assert.equal(run.status, 'succeeded', run.message);
    const live = await t.importer.snapshots.pullLive('uat', { types: ['architect.prompt'] });
    const prompts = live.texts.get('architect.prompt');
    const audioOf = (key: string) => {
      const text = prompts?.get(key);
      assert.ok(text, `${key} is in uat`);
      const [first] = (JSON.parse(text) as { resources: { audio: { sha256: string } | null }[] }).resources;
      return first?.audio?.sha256 ?? null;
    };
    assert.equal(audioOf('VideoWhisper'), VIDEO_SHA);
    assert.equal(audioOf('HoldMusicAcme'), SUMMER_SHA);
  });
});

describe('a tampered package’s audio is refused, each by a named check', () => {
  const original = () => partsOf(packageText);
  const resign = (parts: Parts, options: { resubject?: boolean } = {}) =>
    assemble(parts, t.adaSigner, options);

  it('refuses an extra audio file, even one the author signed', async () => {
    const parts = original();
    const extra = synthesizePromptWav('Something nobody reviewed');
    const text = await resign(
      withArtifacts(parts, [
        ...parts.artifacts,
        { name: audioName(sha256(extra)), bytes: Buffer.from(extra) },
      ]),
    );
    refuses(await verify(text), 'audio-files', /does not write \(extra\)/);
  });

  it('refuses a package missing an audio file the changeset writes', async () => {
    const parts = original();
    const text = await resign(
      withArtifacts(
        parts,
        parts.artifacts.filter((artifact) => artifact.name !== audioName(VIDEO_SHA)),
      ),
    );
    refuses(await verify(text), 'audio-files', new RegExp(`${VIDEO_SHA}.*missing`));
  });

  it('refuses audio bytes that are not the audio named, signed or not', async () => {
    const parts = original();
    const other = Buffer.from(synthesizePromptWav('Swapped take'));
    const swapped = parts.artifacts.map((artifact) =>
      artifact.name === audioName(SUMMER_SHA) ? { ...artifact, bytes: other } : artifact,
    );
    // Signed again over the new bytes: the subject's digest is no longer its name's hash.
    const resigned = await verify(await resign(withArtifacts(parts, swapped)));
    refuses(resigned, 'audio-subjects', new RegExp(audioName(SUMMER_SHA)));
    refuses(resigned, `audio:${SUMMER_SHA}`, /altered/);
    // Left as signed: the artifact no longer hashes to its subject.
    refuses(
      await verify(await resign(withArtifacts(parts, swapped), { resubject: false })),
      `artifact:${audioName(SUMMER_SHA)}`,
      /altered/,
    );
  });

  it('refuses path tricks and non-hex names, in artifacts and in signed subjects', async () => {
    const parts = original();
    const bytes = parts.artifacts.find((artifact) => artifact.name === audioName(VIDEO_SHA))?.bytes;
    assert.ok(bytes);
    for (const name of [
      `audio-../../${VIDEO_SHA}.wav`,
      `/etc/${VIDEO_SHA}.wav`,
      `audio\\${VIDEO_SHA}.wav`,
      `audio-${VIDEO_SHA.toUpperCase()}.wav`,
      `audio-${VIDEO_SHA.slice(0, 40)}.wav`,
      'audio-notahash.wav',
      `audio-${VIDEO_SHA}.WAV`,
      `${VIDEO_SHA}.wav`,
    ]) {
      const renamed = parts.artifacts.map((artifact) =>
        artifact.name === audioName(VIDEO_SHA) ? { ...artifact, name } : artifact,
      );
      const report = await verify(await resign(withArtifacts(parts, renamed)));
      refuses(report, /^(artifact-names|audio-names)$/);
    }
    // A subject alone with a path in its name (the artifacts as exported).
    const statement = structuredClone(parts.statement);
    statement.subject.push({ name: `audio-../../../.ssh/${VIDEO_SHA}.wav`, digest: { sha256: VIDEO_SHA } });
    const text = await assemble({ ...parts, statement }, t.adaSigner, { resubject: false });
    refuses(await verify(text), 'audio-names', /not named audio-<sha256/);
  });

  it('refuses the same audio file twice', async () => {
    const parts = original();
    const video = parts.artifacts.find((artifact) => artifact.name === audioName(VIDEO_SHA));
    assert.ok(video);
    const text = await resign(withArtifacts(parts, [...parts.artifacts, video]));
    refuses(await verify(text), 'artifacts-unique', new RegExp(audioName(VIDEO_SHA)));
  });

  it('refuses an audio file that is not a WAV, though named and signed by its hash', async () => {
    const parts = original();
    // A file whose name and subject are its own hash, but that is not the WAV the changeset names.
    const junk = Buffer.from('not a wav at all');
    const junkName = audioName(sha256(junk));
    const text = await resign(withArtifacts(parts, [...parts.artifacts, { name: junkName, bytes: junk }]));
    const report = await verify(text);
    refuses(report, 'audio-files', /extra/);
    refuses(report, `audio:${sha256(junk)}`, /not usable as prompt audio/);
  });

  it('never lets a refused package write audio', async () => {
    const parts = original();
    const extra = synthesizePromptWav('Sneaked in');
    const text = await resign(
      withArtifacts(parts, [
        ...parts.artifacts,
        { name: audioName(sha256(extra)), bytes: Buffer.from(extra) },
      ]),
    );
    await assert.rejects(t.importing.import(text), (error: unknown) => {
      assert.ok(error instanceof FerryError && error.code === 'package.rejected', String(error));
      return true;
    });
    assert.deepEqual(await filesHolding(t.importDir, [sha256(extra)]), []);
  });

  it('unsigned audio artifacts are refused too', async () => {
    const parts = original();
    const extra = Buffer.from(synthesizePromptWav('Unsigned'));
    const text = textOf({
      ...parts,
      artifacts: [...parts.artifacts, { name: audioName(sha256(extra)), bytes: extra }],
    });
    refuses(await verify(text), 'artifacts-signed', /extra/);
  });
});

describe('export refuses audio it cannot carry', () => {
  async function exportRefused(id: string, code: string, message: RegExp) {
    await assert.rejects(t.exporting.export({ changesetId: id, targets: ['uat'] }), (error: unknown) => {
      assert.ok(error instanceof FerryError, String(error));
      assert.equal(error.code, code);
      assert.match(error.message, message);
      return true;
    });
  }

  function promptCreate(name: string, audio: { sha256: string; bytes: number; durationSeconds: number }) {
    return {
      op: 'create' as const,
      type: 'architect.prompt',
      key: name,
      body: { name, description: null, resources: [{ language: 'en-us', text: name, audio }] },
    };
  }

  it('when the audio is nowhere in the workspace', async () => {
    const bytes = synthesizePromptWav('Recorded on another machine');
    const { changeset: made } = await t.ada.changesets.create({
      title: 'Audio from elsewhere',
      operations: [
        promptCreate('ElsewherePrompt', { sha256: sha256(bytes), bytes: bytes.length, durationSeconds: 0.5 }),
      ],
    });
    await exportRefused(made.id, 'package.audio-missing', /ElsewherePrompt.*take a snapshot|attach the WAV/s);
  });

  it('when the workspace’s copy does not hash to its name', async () => {
    const bytes = synthesizePromptWav('Damaged on disk');
    const sha = sha256(bytes);
    const { changeset: made } = await t.ada.changesets.create({
      title: 'Damaged audio',
      operations: [promptCreate('DamagedPrompt', { sha256: sha, bytes: bytes.length, durationSeconds: 0.5 })],
    });
    const attached = await t.ada.audio.attach(made.id, 'damaged.wav', Buffer.from(bytes).toString('base64'));
    const file = join(t.workspace.dir, attached.file);
    await writeFile(file, synthesizePromptWav('Something else'));
    await exportRefused(made.id, 'package.audio-mismatch', /is not that audio/);
    await rm(file);
    await exportRefused(made.id, 'package.audio-missing', /DamagedPrompt/);
  });
});
