import assert from 'node:assert/strict';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { createFerryServices, type FerryServices } from '../../../electron/host/core/ferry-services';
import { startGitHttpServer, type GitHttpServer } from '../../support/git-http-server';
import { tempDir } from '../../support/temp-dir';
import { blob, commitAsMain, filesHolding, rev, treeWith, type CraftEntry } from './attack-craft';

/**
 * Signed and shared files a teammate crafted to break the reader rather than to pass as genuine:
 * an approval nested a million deep, a trust root version that is not JSON, a run whose files
 * are binary, an audit file of one enormous line, a ferry.json that is not an object. The pull
 * goes through (they are data), every one is listed under "did not verify", nothing crashes, and
 * anything needing trust fails closed.
 */
const USER = 'ada';
const PASSWORD = 'attack-Incoming-Pass-2a9c51-DO-NOT-LEAK';
const ENV = { FERRY_VAULT_PASSPHRASE: 'attack-incoming-passphrase' };

let root: string;
let server: GitHttpServer;
let ada: FerryServices;
let dirA: string;

describe('signed files crafted to break the reader (issue 16 attacks)', () => {
  before(async () => {
    root = await tempDir('ferry-attack-incoming-');
    server = await startGitHttpServer({ root, user: USER, password: PASSWORD });
    ada = createFerryServices({
      dataDir: join(root, 'data-Ada'),
      version: 'test',
      env: ENV,
      author: { name: 'Ada', email: 'ada@example.test' },
    });
    await ada.remotes.login(server.url, { username: USER, password: PASSWORD });
    await ada.identity.keys.init({ owner: 'Ada' });
    dirA = (await ada.workspace.create(join(root, 'a'), 'Incoming')).path;
    await ada.identity.trust.init();
    await ada.remotes.add('origin', server.url);
    await ada.sync.push();
  });
  after(async () => {
    await server.close();
  });

  it('a pull of malformed approvals, trust root, run and audit files flags each and crashes nothing', async () => {
    const id = (await ada.changesets.create({ title: 'Target' })).changeset.id;
    await ada.sync.push();
    const head = rev(server.bareDir, 'main');
    const bare = server.bareDir;
    const file = (name: string, content: string | Buffer): CraftEntry => ({
      mode: '100644',
      type: 'blob',
      oid: blob(bare, content),
      name,
    });
    let tree = rev(bare, `${head}^{tree}`);
    tree = treeWith(
      bare,
      tree,
      ['changesets', `${id}.approvals`],
      [
        file('deep.json', `${'['.repeat(1_000_000)}${']'.repeat(1_000_000)}`),
        file('proto.json', '{"payloadType":"x","payload":"e30=","signatures":[],"__proto__":{"admin":true}}'),
      ],
    );
    tree = treeWith(bare, tree, ['trust', 'root'], [file('99.json', Buffer.from([0xff, 0xfe, 0x00, 0x01]))]);
    tree = treeWith(bare, tree, ['runs', 'forged-run'], [file('result.json', Buffer.alloc(4096, 0xfe))]);
    tree = treeWith(bare, tree, ['audit'], [file('mallory.jsonl', `${'x'.repeat(2_000_000)}\n`)]);
    commitAsMain(bare, tree, [head], 'Odd files');

    const pull = await ada.sync.pull();
    assert.equal(pull.outcome, 'fast-forward');
    const flagged = pull.summary.flagged.map((flag) => flag.path).sort();
    for (const path of [
      `changesets/${id}.approvals/deep.json`,
      `changesets/${id}.approvals/proto.json`,
      'trust/root/99.json',
      'audit/mallory.jsonl',
    ]) {
      assert.ok(flagged.includes(path), `${path} not flagged: ${flagged.join(', ')}`);
    }
    assert.ok(flagged.includes('runs/forged-run'), flagged.join(', '));
    // Nothing counts: the broken trust root version fails closed, so no approval is even weighed.
    await assert.rejects(ada.identity.approvals.list(id), { code: 'trust.unverified' });
    assert.equal(Object.getPrototypeOf({}).admin, undefined);
    assert.deepEqual(await filesHolding(dirA, PASSWORD), []);
  });
});
