import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { mkdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { nativeGit } from '../../support/native-git';
import { sandboxOrgToken } from '../../support/sandbox-http';
import { tempDir } from '../../support/temp-dir';
import { wrapupCode } from '../promotion/promotion-test-support';
import { codesInOrg, PASSPHRASE, runWorld, type RunWorld } from '../security/run-fixture';
import { filesUnder, installFromTarball, pathWith, run, type Finished } from './installed-ferry';
import { containsSteps, pipelineRecipes, pipelineSteps, type PipelineName } from './pipeline-steps';

/**
 * Issue 14 points 4 and 5: `npm pack` gives a tarball that installs, offline, into a `ferry` that
 * works from any folder with Node alone; and the shell steps docs/pipelines.md gives for CI run
 * as written (extracted from the page, run with bash) against the sandbox orgs.
 */
const VERSION = (
  JSON.parse(readFileSync(new URL('../../../package.json', import.meta.url), 'utf8')) as {
    version: string;
  }
).version;
const STEP_TIMEOUT_MS = 60_000;

let root: string;
let installed: { bin: string; packageDir: string };
let world: RunWorld;
let origin: string;
let fingerprint: string;
/** The changeset the merge request brings, which the tag then promotes. */
let changesetId: string;

before(async () => {
  root = await tempDir('ferry-cli-install-');
  installed = await installFromTarball(root);
  world = await runWorld('ferry-pipelines-');
  // The pipeline pushes its commits: a bare repository stands in for the team's remote.
  origin = join(root, 'origin.git');
  execFileSync('git', ['init', '--quiet', '--bare', origin]);
  nativeGit(world.dir, 'remote', 'add', 'origin', origin);
  nativeGit(world.dir, 'push', '--quiet', 'origin', 'HEAD:refs/heads/main');
  const status = await world.services.identity.trust.status();
  assert.ok(status.fingerprint !== null);
  fingerprint = status.fingerprint;
});
after(() => world?.close());

/** The documented steps, verbatim, with bash in the workspace: the installed ferry and Node 24 first on PATH. */
async function runSteps(name: PipelineName, variables: Record<string, string>): Promise<Finished> {
  const tmp = join(root, 'tmp');
  await mkdir(tmp, { recursive: true });
  // Nothing of this test process's own set-up leaks into the job.
  const inherited = Object.entries(process.env).filter(
    ([key]) => !key.startsWith('FERRY_') && key !== 'NODE_OPTIONS' && key !== 'NODE_TEST_CONTEXT',
  );
  const env: NodeJS.ProcessEnv = {
    ...Object.fromEntries(inherited),
    PATH: pathWith(installed.bin),
    TMPDIR: tmp,
    ...variables,
  };
  return run('bash', ['-c', pipelineSteps(name)], { cwd: world.dir, env, timeoutMs: STEP_TIMEOUT_MS });
}

function originHead(): string {
  return nativeGit(origin, 'log', '-1', '--format=%s', 'main').trim();
}

describe('the installed ferry', () => {
  it('runs from another folder with Node alone: no sources, no node_modules', async () => {
    const elsewhere = await tempDir('ferry-elsewhere-');
    const version = await run('ferry', ['--version'], {
      cwd: elsewhere,
      env: { ...process.env, PATH: pathWith(installed.bin) },
      timeoutMs: 30_000,
    });
    assert.equal(version.code, 0, version.stderr);
    assert.equal(version.stdout.trim(), `ferry ${VERSION}`);
    const files = filesUnder(installed.packageDir);
    assert.ok(files.includes('dist/cli/ferry.mjs'), files.join('\n'));
    assert.deepEqual(
      files.filter((file) => file.endsWith('.ts') || file.includes('node_modules/')),
      [],
    );
    const manifest = JSON.parse(readFileSync(join(installed.packageDir, 'package.json'), 'utf8')) as {
      dependencies?: object;
    };
    assert.equal(manifest.dependencies, undefined, 'the package installs nothing besides itself');
  });
});

describe('docs/pipelines.md', () => {
  it('gives each recipe the same shell steps for GitHub Actions, GitLab CI and Jenkins', () => {
    for (const name of ['nightly', 'plan', 'promote'] as const) {
      const recipes = pipelineRecipes(name);
      assert.deepEqual([...recipes.keys()].sort(), ['github', 'gitlab', 'jenkins'], name);
      for (const [ci, recipe] of recipes)
        assert.ok(containsSteps(recipe, pipelineSteps(name)), `${name} ${ci}`);
    }
  });

  it('nightly: drift exits 1 when prod changed, and the snapshot commit is pushed', async () => {
    // Someone changes prod by hand, outside Ferry.
    const token = await sandboxOrgToken(world.sandbox, 'prod');
    const created = await fetch(`${world.sandbox.url}/api/v2/routing/wrapupcodes`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: JSON.stringify({ name: 'hand-made code' }),
    });
    assert.ok(created.ok, `the sandbox took the hand-made change: HTTP ${created.status}`);

    const result = await runSteps('nightly', { FERRY_ENV: 'prod', FERRY_BRANCH: 'main' });
    assert.equal(result.code, 1, result.stdout + result.stderr);
    assert.match(result.stdout, /hand-made code/);
    assert.match(originHead(), /snapshot prod/);
  });

  it('plan: stops at the trust pin when the fingerprint is not the workspace root', async () => {
    const result = await runSteps('plan', {
      FERRY_BASE: nativeGit(world.dir, 'rev-parse', 'HEAD').trim(),
      FERRY_TARGET: 'uat',
      FERRY_TRUST_FINGERPRINT: '0'.repeat(64),
    });
    assert.notEqual(result.code, 0, result.stdout + result.stderr);
    assert.match(result.stderr, /fingerprint/);
  });

  it('plan: plans the merge request changeset and leaves its change-control document', async () => {
    const base = nativeGit(world.dir, 'rev-parse', 'HEAD').trim();
    const { changeset } = await world.services.changesets.create({
      title: 'pipeline code',
      idPrefix: 'pipeline',
      operations: [
        { op: 'create', type: 'routing.wrapupcode', key: 'pipeline code', body: wrapupCode('pipeline code') },
      ],
    });
    const result = await runSteps('plan', {
      FERRY_BASE: base,
      FERRY_TARGET: 'uat',
      FERRY_TRUST_FINGERPRINT: fingerprint,
    });
    assert.equal(result.code, 0, result.stdout + result.stderr);
    const document = join(world.dir, 'change-control', `${changeset.id}.html`);
    assert.ok(existsSync(document), 'the change-control document is there for the artifact');
    assert.match(await readFile(document, 'utf8'), new RegExp(changeset.id));
    changesetId = changeset.id;
  });

  it("promote: the tag's changeset reaches uat with the key from the secret store, and is pushed", async () => {
    // The tag names the changeset; the key is the secret the docs say how to make.
    const changeset = { id: changesetId };
    const signingKey = execFileSync(
      'bash',
      ['-c', 'tar -czf - -C "$1" signing-identity.json vault.json | base64 -w0', 'pack', world.dataDir],
      { encoding: 'utf8' },
    );
    nativeGit(world.dir, 'tag', `promote/${changeset.id}`);
    const promoted = await runSteps('promote', {
      FERRY_TAG: `promote/${changeset.id}`,
      FERRY_TARGET: 'uat',
      FERRY_BRANCH: 'main',
      FERRY_TRUST_FINGERPRINT: fingerprint,
      FERRY_SIGNING_KEY: signingKey,
      FERRY_VAULT_PASSPHRASE: PASSPHRASE,
      // The stand-in remote is a path, which Ferry's environment lease cannot use (docs: The environment lease).
      FERRY_LEASE_REMOTE: 'none',
    });
    assert.equal(promoted.code, 0, promoted.stdout + promoted.stderr);
    assert.ok((await codesInOrg(world.sandbox, 'uat')).has('pipeline code'), 'uat has the promoted code');
    const document = join(world.dir, 'change-control', `${changeset.id}.html`);
    assert.ok(existsSync(document), 'the change-control document is there for the artifact');
    assert.equal(
      nativeGit(origin, 'rev-parse', 'main').trim(),
      nativeGit(world.dir, 'rev-parse', 'HEAD').trim(),
      'the run and its snapshot are pushed',
    );
    const pushed = nativeGit(origin, 'ls-tree', '-r', '--name-only', 'main');
    assert.doesNotMatch(pushed, /^change-control\//m, 'artifacts stay out of the workspace history');
    assert.match(pushed, /^runs\//m);
  });
});
