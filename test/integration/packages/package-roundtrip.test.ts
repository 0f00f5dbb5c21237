import assert from 'node:assert/strict';
import { readdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import git from 'isomorphic-git';
import fs from 'node:fs';
import { FerryError } from '../../../shared/api/api-error';
import { packageCommands } from '../../../electron/host/cli/commands/package-command';
import { exitCodeFor } from '../../../electron/host/cli/exit-codes';
import type { CliIo, CommandFlags } from '../../../electron/host/cli/cli-io';
import { tempDir } from '../../support/temp-dir';
import {
  VAULT,
  dsseVerifies,
  envelopeStatement,
  failed,
  keyIdOfPem,
  partsOf,
  sha256,
  team,
  textOf,
  type Team,
} from './package-fixture';

let t: Team;
let packageText = '';
let files: string;

before(async () => {
  t = await team('ferry-packages-');
  files = await tempDir('ferry-package-files-');
});
after(() => t.closeSandbox());

async function commits(dir: string): Promise<number> {
  return (await git.log({ fs, dir })).length;
}

/** Runs `ferry package …` in-process as the CLI would, returning its exit code and output. */
async function cli(
  workspace: string,
  dataDir: string,
  positionals: string[],
  flags: CommandFlags = {},
  json = false,
): Promise<{ code: number; stdout: string }> {
  const out: string[] = [];
  const io: CliIo = {
    stdout: (text) => out.push(text),
    stderr: () => undefined,
    cwd: files,
    env: { ...VAULT, FERRY_DATA_DIR: dataDir },
    readStdin: async () => '',
  };
  const spec = packageCommands.package;
  assert.ok(spec);
  try {
    const result = await spec.run(positionals, flags, { workspace, json }, io);
    return { code: result.exitCode ?? 0, stdout: json ? JSON.stringify(result.data) : result.human };
  } catch (error) {
    assert.ok(error instanceof FerryError, String(error));
    return { code: exitCodeFor(error.code), stdout: error.message };
  }
}

describe('signed change packages: export, verify offline, import', () => {
  it('exports one JSON file whose envelopes an independent DSSE verifier accepts', async () => {
    const exported = await t.exporting.export({
      changesetId: t.changesetId,
      targets: ['uat'],
      source: 'dev',
    });
    packageText = exported.text;
    assert.equal(exported.fileName, `${t.changesetId}.ferrypkg.json`);
    assert.equal(exported.report.ok, true, JSON.stringify(failed(exported.report)));

    const container = JSON.parse(packageText);
    assert.equal(container.mediaType, 'application/vnd.ferry.change-package+json;version=1');
    assert.deepEqual(Object.keys(container).sort(), ['approvals', 'artifacts', 'author', 'mediaType']);
    for (const value of [
      container.author.payload,
      container.author.signatures[0].sig,
      ...container.artifacts.map((artifact: { data: string }) => artifact.data),
    ]) {
      assert.match(
        value,
        /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/,
        'standard padded base64',
      );
    }

    // The author's envelope, checked with Node's crypto over a PAE written from the spec.
    assert.equal(container.author.payloadType, 'application/vnd.in-toto+json');
    assert.ok(dsseVerifies(container.author, t.adaSigner.publicKey), "Ada's signature verifies");
    assert.ok(!dsseVerifies(container.author, t.ritaSigner.publicKey), "and not with Rita's key");
    assert.equal(container.author.signatures[0].keyid, keyIdOfPem(t.adaSigner.publicKey));
    const statement = envelopeStatement(container.author);
    assert.equal(statement._type, 'https://in-toto.io/Statement/v1');
    assert.equal(statement.predicateType, 'https://ferry.dev/change-package/v1');
    const predicate = statement.predicate;
    assert.equal(predicate.changeId, t.changesetId);
    assert.equal(predicate.title, 'Video skill');
    assert.deepEqual(predicate.author, { keyId: t.adaSigner.keyId, owner: 'Ada' });
    assert.equal(predicate.sourceEnvironment, 'dev');
    assert.match(String(predicate.sourceSnapshotCommit), /^[0-9a-f]{40}$/);
    assert.deepEqual(predicate.targetEnvironments, ['uat']);
    assert.ok(Date.parse(String(predicate.expiresAt)) > Date.parse(String(predicate.createdAt)));
    // Subjects are the artifacts by name and sha256.
    const subjects = statement.subject as { name: string; digest: { sha256: string } }[];
    assert.deepEqual(
      subjects.map((subject) => subject.name),
      ['changeset.json', 'change-control.md'],
    );
    for (const artifact of container.artifacts as { name: string; data: string }[]) {
      const subject = subjects.find((candidate) => candidate.name === artifact.name);
      assert.equal(subject?.digest.sha256, sha256(Buffer.from(artifact.data, 'base64')));
    }

    // The approval is Rita's own envelope from the workspace, embedded unchanged.
    assert.equal(container.approvals.length, 1);
    const [approval] = container.approvals;
    assert.ok(dsseVerifies(approval, t.ritaSigner.publicKey), "Rita's approval verifies with her key");
    const stored = JSON.parse(
      await readFile(
        join(t.workspace.dir, 'changesets', `${t.changesetId}.approvals`, `${t.ritaSigner.keyId}.json`),
        'utf8',
      ),
    );
    assert.equal(approval.payload, stored.payload);
    assert.equal(approval.signatures[0].sig, stored.signatures[0].sig);
    // It signs the changeset's digest, which is the sha256 of the changeset artifact.
    const { digest } = await t.ada.changesets.get(t.changesetId);
    const changesetData = container.artifacts.find(
      (artifact: { name: string }) => artifact.name === 'changeset.json',
    ).data;
    assert.equal(digest, `sha256:${sha256(Buffer.from(changesetData, 'base64'))}`);
    const approvalStatement = envelopeStatement(approval);
    assert.equal(`sha256:${approvalStatement.subject[0]?.digest.sha256}`, digest);
    assert.deepEqual(predicate.approvals, [
      { keyId: t.ritaSigner.keyId, sha256: sha256(Buffer.from(approval.payload, 'base64')) },
    ]);

    const document = Buffer.from(
      container.artifacts.find((artifact: { name: string }) => artifact.name === 'change-control.md').data,
      'base64',
    ).toString('utf8');
    assert.match(document, /^# Change control: Video skill/);
    assert.match(document, /create routing\.skill "Video Support"/);
    assert.match(document, /Rita .*approved at/);
    assert.match(document, /with a pipe/);
    assert.match(document, /## Rollback plan/);
  });

  it('verifies offline in another workspace: who signed, who approved, what changes, every check', async () => {
    await t.closeSandbox();
    const report = await t.importing.verify(packageText);
    assert.equal(report.ok, true, JSON.stringify(failed(report), null, 2));
    assert.equal(report.summary.changesetId, t.changesetId);
    assert.equal(report.summary.operations, 1);
    assert.deepEqual(report.summary.targetEnvironments, ['uat']);
    assert.deepEqual(
      report.signers.map((signer) => [signer.role, signer.owner, signer.trusted, signer.decision]),
      [
        ['author', 'Ada', true, null],
        ['approver', 'Rita', true, 'approved'],
      ],
    );
    const names = report.checks.map((check) => check.check);
    for (const name of [
      'size',
      'json',
      'duplicate-keys',
      'forbidden-keys',
      'media-type',
      'base64',
      'author-signature',
      'author-role',
      'artifact:changeset.json',
      'artifact:change-control.md',
      'approval-1-signature',
      'approval-1-binding',
      'approvals-listed',
      'approvals:uat',
      'base-snapshot:uat',
      'not-applied:uat',
    ]) {
      assert.ok(names.includes(name), `${name} is reported`);
    }
    assert.match(
      report.checks.find((check) => check.check === 'approvals:uat')?.detail ?? '',
      /1 counted: Rita/,
    );
    assert.match(
      report.checks.find((check) => check.check === 'base-snapshot:uat')?.detail ?? '',
      /1 to write/,
    );
    assert.equal(report.alreadyImported, false);
    assert.deepEqual(report.alreadyApplied, []);
  });

  it('imports the changeset and its approvals in one commit; importing again changes nothing', async () => {
    const before = await commits(t.importDir);
    const imported = await t.importing.import(packageText);
    assert.equal(imported.changed, true);
    assert.equal(imported.changesetId, t.changesetId);
    assert.equal(imported.approvalsImported, 1);
    assert.equal(await commits(t.importDir), before + 1, 'one commit');
    const [head] = await git.log({ fs, dir: t.importDir, depth: 1 });
    assert.match(
      head?.commit.message ?? '',
      new RegExp(`import from package ${t.changesetId}\\.ferrypkg\\.json .*exported by Ada`),
    );

    const here = await t.importer.changesets.get(t.changesetId);
    const there = await t.ada.changesets.get(t.changesetId);
    assert.equal(here.digest, there.digest, 'the same changeset, same id and digest');
    const approvals = await t.importer.identity.approvals.list(t.changesetId, undefined, {
      environment: 'uat',
    });
    assert.deepEqual(
      approvals.map((approval) => [approval.owner, approval.status]),
      [['Rita', 'valid']],
    );
    const file = JSON.parse(
      await readFile(
        join(t.importDir, 'changesets', `${t.changesetId}.approvals`, `${t.ritaSigner.keyId}.json`),
        'utf8',
      ),
    );
    assert.match(
      file.origin,
      /^package .*\.ferrypkg\.json \(author statement sha256:[0-9a-f]{64}\), exported by Ada at /,
    );

    const again = await t.importing.import(packageText);
    assert.equal(again.changed, false);
    assert.equal(again.approvalsImported, 0);
    assert.equal(again.report.alreadyImported, true);
    assert.equal(await commits(t.importDir), before + 1, 'no second commit');
  });

  it('refuses to import a package that fails a check, and writes nothing', async () => {
    const parts = partsOf(packageText);
    parts.artifacts[0] = {
      name: 'changeset.json',
      bytes: Buffer.from(parts.artifacts[0]?.bytes.toString('utf8').replace('Video', 'Audio') ?? ''),
    };
    const before = await commits(t.importDir);
    await assert.rejects(t.importing.import(textOf(parts)), (error: unknown) => {
      assert.ok(error instanceof FerryError);
      assert.equal(error.code, 'package.rejected');
      assert.equal(exitCodeFor(error.code), 1);
      assert.match(error.message, /✗ artifact:changeset\.json: .*altered/);
      return true;
    });
    assert.equal(await commits(t.importDir), before);
  });

  it('`ferry package export | verify | import | extract` from the command line', async () => {
    const out = join(files, 'cli.ferrypkg.json');
    const exported = await cli(t.workspace.dir, t.workspace.dataDir, ['export', t.changesetId], {
      to: 'uat',
      output: out,
      'expires-in': '7',
    });
    assert.equal(exported.code, 0, exported.stdout);
    assert.match(exported.stdout, /verified: \d+ checks passed/);

    const verified = await cli(t.importDir, t.importDataDir, ['verify', out]);
    assert.equal(verified.code, 0, verified.stdout);
    assert.match(verified.stdout, /signed by Ada .*\n.*approved by Rita/);
    const json = JSON.parse((await cli(t.importDir, t.importDataDir, ['verify', out], {}, true)).stdout);
    assert.equal(json.ok, true);
    assert.ok(Array.isArray(json.checks));

    // A tampered file: exit 1, one line per failed check and nothing else.
    const parts = partsOf(await readFile(out, 'utf8'));
    parts.statement.predicate.targetEnvironments = ['uat', 'prod'];
    const tampered = join(files, 'tampered.ferrypkg.json');
    await writeFile(
      tampered,
      textOf({
        ...parts,
        author: { ...parts.author, payload: Buffer.from(JSON.stringify(parts.statement)).toString('base64') },
      }),
    );
    const refused = await cli(t.importDir, t.importDataDir, ['verify', tampered]);
    assert.equal(refused.code, 1);
    const report = await t.importing.verify(await readFile(tampered, 'utf8'));
    const lines = refused.stdout.split('\n');
    assert.equal(lines.length, failed(report).length);
    assert.ok(lines.every((line) => line.startsWith('✗ ')));
    assert.ok(lines.some((line) => line.startsWith('✗ author-signature: ')));

    const imported = await cli(t.importDir, t.importDataDir, ['import', out]);
    assert.equal(imported.code, 0, imported.stdout);
    assert.match(imported.stdout, /already here; nothing changed/);
    const rejected = await cli(t.importDir, t.importDataDir, ['import', tampered]);
    assert.equal(rejected.code, 1);

    const usage = await cli(t.importDir, t.importDataDir, ['export', t.changesetId]);
    assert.equal(usage.code, 2, 'no --to is bad usage');
    assert.equal((await cli(t.importDir, t.importDataDir, ['frobnicate'])).code, 2);

    // extract: the author envelope, the artifacts and the approvals as files, for cosign.
    const dir = join(files, 'extracted');
    const extracted = await cli(t.importDir, t.importDataDir, ['extract', out], { out: dir });
    assert.equal(extracted.code, 0, extracted.stdout);
    assert.deepEqual((await readdir(dir)).sort(), [
      'approval-1.dsse.json',
      'author.dsse.json',
      'author.pub',
      'change-control.md',
      'changeset.json',
    ]);
    // What `cosign verify-blob-attestation --key author.pub --signature author.dsse.json
    // --type https://ferry.dev/change-package/v1 changeset.json` checks: the signature over the
    // PAE with that key, the predicate type, and the blob's sha256 among the subjects.
    const envelope = JSON.parse(await readFile(join(dir, 'author.dsse.json'), 'utf8'));
    const pub = await readFile(join(dir, 'author.pub'), 'utf8');
    assert.equal(keyIdOfPem(pub), t.adaSigner.keyId);
    assert.ok(dsseVerifies(envelope, pub));
    const statement = envelopeStatement(envelope);
    assert.equal(statement.predicateType, 'https://ferry.dev/change-package/v1');
    const blob = await readFile(join(dir, 'changeset.json'));
    assert.ok(statement.subject.some((subject) => subject.digest.sha256 === sha256(blob)));
    const approval = JSON.parse(await readFile(join(dir, 'approval-1.dsse.json'), 'utf8'));
    assert.ok(dsseVerifies(approval, t.ritaSigner.publicKey));
  });
});
