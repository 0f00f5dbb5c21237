import assert from 'node:assert/strict';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { before, describe, it } from 'node:test';
import { FerryError } from '../../../shared/api/api-error';
import { createFerryServices, type FerryServices } from '../../../electron/host/core/ferry-services';
import { tempDir } from '../../support/temp-dir';

/**
 * Issue 11 point 8: a changeset with a key written twice reads one way to a reviewer (the first
 * `title`, the first `operations`) and another to JSON.parse (the last). Ferry refuses the file.
 */
let services: FerryServices;
let dir: string;

before(async () => {
  const root = await tempDir('ferry-strict-changeset-');
  services = createFerryServices({
    dataDir: join(root, 'data'),
    version: 'test',
    env: {},
    author: { name: 'Ada Author', email: 'ada@example.test' },
  });
  dir = join(root, 'ws');
  await services.workspace.create(dir, 'Strict parse');
});

describe('changesets are parsed strictly', () => {
  it('refuses a changeset file with a duplicate key, naming the file and the key', async () => {
    const { changeset, file } = await services.changesets.create({ title: 'Harmless title' });
    const text = await readFile(join(dir, file), 'utf8');
    // A second "operations" after the first: JSON.parse keeps the last one, a reader sees the first.
    const tampered = text.replace(/\n}\s*$/, ',\n  "operations": []\n}\n');
    assert.notEqual(tampered, text);
    assert.doesNotThrow(() => JSON.parse(tampered));
    await writeFile(join(dir, file), tampered);

    await assert.rejects(services.changesets.get(changeset.id), (error: unknown) => {
      assert.ok(error instanceof FerryError);
      assert.equal(error.code, 'changeset.invalid');
      assert.ok(error.message.includes(file), error.message);
      assert.match(error.message, /"operations" appears twice/);
      return true;
    });
    const listed = (await services.changesets.list()).find((item) => item.id === changeset.id);
    assert.ok(listed);
    assert.match(listed.problem ?? '', /"operations" appears twice/);
  });
});
