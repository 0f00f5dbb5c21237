import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { describe, it } from 'node:test';
import { synthesizePromptWav } from '../../../electron/sandbox/prompt-audio-synth';
import type { Changeset } from '../../../shared/model/changeset';
import { AUDIO_MAX_BYTES } from '../../../shared/model/prompt-audio';
import { authorStatement, changesetArtifactBytes } from '../../../shared/packages/build-package';
import { audioWrittenBy } from '../../../shared/packages/package-audio';
import type { OpenedPackage } from '../../../shared/packages/read-package';
import { checkAudio } from '../../../shared/packages/verify/audio';
import { changeset } from './package-builder';

const hex = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');
const descriptor = (bytes: Uint8Array) => ({ sha256: hex(bytes), bytes: bytes.length, durationSeconds: 0.5 });

const ONE = synthesizePromptWav('one');
const TWO = synthesizePromptWav('two');
const THREE = synthesizePromptWav('three');
const FOUR = synthesizePromptWav('four');
const BEFORE = synthesizePromptWav('before');

function promptChangeset(): Changeset {
  return changeset({
    operations: [
      {
        op: 'create',
        type: 'architect.prompt',
        key: 'New',
        body: { name: 'New', resources: [{ language: 'en-us', audio: descriptor(ONE) }] },
      },
      {
        op: 'update',
        type: 'architect.prompt',
        key: 'Whole',
        changes: [
          {
            path: 'resources',
            before: [{ language: 'en-us', audio: descriptor(BEFORE) }],
            after: [
              { language: 'en-us', audio: descriptor(TWO) },
              { language: 'es-us', audio: null },
            ],
          },
        ],
      },
      {
        op: 'update',
        type: 'architect.prompt',
        key: 'OneField',
        changes: [
          { path: 'resources[0].audio', before: descriptor(BEFORE), after: descriptor(THREE) },
          { path: 'resources[1]', after: { language: 'fr-ca', audio: descriptor(FOUR) } },
          { path: 'resources[2].audio', before: descriptor(BEFORE) },
        ],
      },
      {
        op: 'delete',
        type: 'architect.prompt',
        key: 'Gone',
        before: { name: 'Gone', resources: [{ language: 'en-us', audio: descriptor(BEFORE) }] },
      },
    ],
  });
}

describe('the audio a changeset writes', () => {
  it('is every audio descriptor of create bodies and update after values, at any depth; never before values or deletes', () => {
    const written = audioWrittenBy(promptChangeset());
    assert.deepEqual([...written.keys()].sort(), [ONE, TWO, THREE, FOUR].map(hex).sort());
    assert.equal(written.has(hex(BEFORE)), false);
    assert.match(
      written.get(hex(THREE))?.[0]?.where ?? '',
      /update architect\.prompt "OneField" \(resources\[0\]\.audio\)/,
    );
  });

  it('is nothing for a changeset without prompts', () => {
    assert.equal(audioWrittenBy(changeset()).size, 0);
  });
});

describe('checking a package’s audio', () => {
  function opened(
    cs: Changeset,
    files: Uint8Array[],
  ): { opened: OpenedPackage; statement: ReturnType<typeof authorStatement> } {
    const artifacts = [
      { name: 'changeset.json', bytes: changesetArtifactBytes(cs) },
      ...files.map((bytes) => ({ name: `audio-${hex(bytes)}.wav`, bytes })),
    ];
    const statement = authorStatement({
      changeset: cs,
      artifacts,
      author: { keyId: 'a'.repeat(64), owner: 'Ada' },
      sourceEnvironment: null,
      sourceSnapshotCommit: null,
      targetEnvironments: ['uat'],
      createdAt: '2026-11-24T10:00:00.000Z',
      expiresAt: '2026-11-30T10:00:00.000Z',
      approvals: [],
      parameters: [],
      mappings: [],
    });
    return {
      opened: {
        artifacts: artifacts.map((artifact) => ({ ...artifact, sha256: hex(artifact.bytes) })),
        author: {
          payloadType: '',
          payload: new Uint8Array(),
          signatures: [],
          envelope: { payload: '', payloadType: '', signatures: [] },
        },
        approvals: [],
      },
      statement,
    };
  }

  it('passes exactly the changeset’s audio', () => {
    const cs = promptChangeset();
    const { opened: pkg, statement } = opened(cs, [ONE, TWO, THREE, FOUR]);
    const checks = checkAudio(pkg, statement, cs);
    assert.deepEqual(
      checks.filter((check) => !check.passed),
      [],
    );
    assert.equal(checks.filter((check) => check.check.startsWith('audio:')).length, 4);
  });

  it('refuses a file larger than prompt audio may be', () => {
    const big = new Uint8Array(AUDIO_MAX_BYTES + 1);
    big.set(ONE.subarray(0, 44));
    const cs = changeset({
      operations: [
        {
          op: 'create',
          type: 'architect.prompt',
          key: 'Big',
          body: { name: 'Big', resources: [{ language: 'en-us', audio: descriptor(big) }] },
        },
      ],
    });
    const { opened: pkg, statement } = opened(cs, [big]);
    const failures = checkAudio(pkg, statement, cs).filter((check) => !check.passed);
    assert.deepEqual(
      failures.map((check) => check.check),
      [`audio:${hex(big)}`],
    );
    assert.match(failures[0]?.detail ?? '', /oversize/);
  });

  it('refuses a file whose size is not the one the changeset gives it', () => {
    const cs = changeset({
      operations: [
        {
          op: 'create',
          type: 'architect.prompt',
          key: 'Sized',
          body: {
            name: 'Sized',
            resources: [{ language: 'en-us', audio: { ...descriptor(ONE), bytes: ONE.length + 1 } }],
          },
        },
      ],
    });
    const { opened: pkg, statement } = opened(cs, [ONE]);
    const failures = checkAudio(pkg, statement, cs).filter((check) => !check.passed);
    assert.deepEqual(
      failures.map((check) => check.check),
      [`audio:${hex(ONE)}`],
    );
    assert.match(failures[0]?.detail ?? '', /the changeset says/);
  });
});
