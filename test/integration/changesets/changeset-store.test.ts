import assert from 'node:assert/strict';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { before, describe, it } from 'node:test';
import { FerryError } from '../../../shared/api/api-error';
import { changesetDigest } from '../../../shared/model/changeset-digest';
import { createFerryServices, type FerryServices } from '../../../electron/host/core/ferry-services';
import { nativeGit } from '../../support/native-git';
import { tempDir } from '../../support/temp-dir';

let services: FerryServices;
let dir: string;

before(async () => {
  const root = await tempDir('ferry-changesets-');
  services = createFerryServices({
    dataDir: join(root, 'data'),
    version: 'test',
    env: {},
    author: { name: 'Ada Author', email: 'ada@example.test' },
  });
  dir = join(root, 'ws');
  await services.workspace.create(dir, 'Changesets');
});

async function rejectsWith(promise: Promise<unknown>, code: string, message: RegExp) {
  await assert.rejects(promise, (error: unknown) => {
    assert.ok(error instanceof FerryError, String(error));
    assert.equal(error.code, code);
    assert.match(error.message, message);
    return true;
  });
}

describe('changeset documents', () => {
  it('creates one as a commit, with a digest of its canonical JSON', async () => {
    const created = await services.changesets.create({
      title: 'Raise ACW timeout',
      ticket: 'CHG-42',
      operations: [
        {
          op: 'update',
          type: 'routing.queue',
          key: 'Billing - Voice',
          changes: [{ path: 'acwSettings', before: { timeoutMs: 30000 }, after: { timeoutMs: 60000 } }],
        },
      ],
    });
    assert.match(created.changeset.id, /^raise-acw-timeout-[0-9a-f]{6}$/);
    assert.match(created.digest, /^sha256:[0-9a-f]{64}$/);
    assert.match(
      nativeGit(dir, 'log', '-1', '--format=%s'),
      /changeset raise-acw-timeout-.*: create "Raise ACW timeout"/,
    );
    const reordered = Object.fromEntries(
      Object.entries(created.changeset).reverse(),
    ) as typeof created.changeset;
    assert.equal(changesetDigest(reordered), created.digest, 'key order does not change the digest');
    const edited = await services.changesets.save({
      ...created.changeset,
      title: 'Raise ACW timeout to 60 s',
    });
    assert.notEqual(edited.digest, created.digest, 'an edit changes the digest');
    const listed = await services.changesets.list();
    assert.deepEqual(
      listed.map((item) => [item.id, item.operations, item.problem]),
      [[created.changeset.id, 1, null]],
    );
  });

  it('duplicates and deletes, each as a commit native git reads', async () => {
    const original = await services.changesets.create({ title: 'Add video skill' });
    const copy = await services.changesets.duplicate(original.changeset.id);
    assert.equal(copy.changeset.title, 'Copy of Add video skill');
    await services.changesets.remove(copy.changeset.id);
    assert.match(nativeGit(dir, 'log', '-1', '--format=%s').trim(), /: delete$/);
    assert.equal(nativeGit(dir, 'status', '--porcelain'), '');
    await rejectsWith(services.changesets.get(copy.changeset.id), 'changeset.not-found', /No changeset/);
  });

  it('names the file and the path of what is wrong in a hand-edited changeset, and leaves it as it is', async () => {
    const { changeset, file } = await services.changesets.create({ title: 'Hand edited' });
    const path = join(dir, file);
    const cases: [string, RegExp][] = [
      ['{"formatVersion": 1, "id": ', /hand-edited-[0-9a-f]{6}\.json is not valid JSON/],
      [
        JSON.stringify({ ...changeset, operations: [{ op: 'rename', type: 'routing.queue', key: 'x' }] }),
        /is not a valid changeset: operations\[0\]\.op/,
      ],
      [JSON.stringify({ ...changeset, title: 42 }), /is not a valid changeset: title/],
      [JSON.stringify({ ...changeset, id: 'someone-else' }), /must match the file name/],
    ];
    for (const [text, message] of cases) {
      await writeFile(path, text);
      await rejectsWith(services.changesets.get(changeset.id), 'changeset.invalid', message);
      assert.equal(await readFile(path, 'utf8'), text, 'the file is left as it was');
      const listed = (await services.changesets.list()).find((item) => item.id === changeset.id);
      assert.match(listed?.problem ?? '', message);
    }
  });
});
