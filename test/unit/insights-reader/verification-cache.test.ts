import assert from 'node:assert/strict';
import { readdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { tempDir } from '../../support/temp-dir';
import { readerFixture, type ReaderFixture } from './reader-fixture';

let fixture: ReaderFixture;
let cacheDir: string;

before(async () => {
  fixture = await readerFixture('ferry-insights-cache-');
  cacheDir = await tempDir('ferry-insights-cache-data-');
});
after(() => fixture.workspace.close());

/** The one cache file of the workspace, in this machine's data folder. */
async function cacheFile(): Promise<string> {
  const names = await readdir(join(cacheDir, 'insights'));
  assert.equal(names.filter((name) => name.endsWith('.json')).length, 1, names.join(', '));
  return join(cacheDir, 'insights', names.find((name) => name.endsWith('.json')) ?? '');
}

/** The cache file's records (`[id, content key, stamps, compact outcome]`, outcome-codec.ts). */
type StoredRecord = [string, string, string | null, unknown[]];

/** Marks the cached changeset fact, so a read that used the cache shows it. */
async function markCachedTitle(changesetId: string, title: string): Promise<void> {
  const file = await cacheFile();
  const cache = JSON.parse(await readFile(file, 'utf8')) as { records: StoredRecord[] };
  const entry = cache.records.find(([id]) => id === `changeset:${changesetId}`);
  const fact = (entry?.[3][2] as unknown[][] | undefined)?.[0];
  assert.ok(fact, 'the changeset is cached');
  fact[1] = title;
  await writeFile(file, JSON.stringify(cache));
}

describe('insights verification cache', () => {
  it('gives the same input warm as cold, and lives outside the workspace', async () => {
    const cold = await fixture.reader(null).read();
    const first = await fixture.reader(cacheDir).read();
    const warm = await fixture.reader(cacheDir).read();
    assert.deepEqual(first, cold);
    assert.deepEqual(warm, cold);
    assert.ok(!(await cacheFile()).startsWith(fixture.workspace.dir));
  });

  it('answers from the cache while the files and trust are unchanged', async () => {
    await markCachedTitle(fixture.changesetId, 'FROM CACHE');
    const input = await fixture.reader(cacheDir).read();
    assert.equal(input.changesets[0]?.title, 'FROM CACHE');
  });

  it('verifies a changed file again', async () => {
    const file = join(fixture.workspace.dir, 'changesets', `${fixture.changesetId}.json`);
    const original = await readFile(file, 'utf8');
    // Same content (same digest, signatures still good), different bytes.
    await writeFile(file, `${original}\n`);
    try {
      const input = await fixture.reader(cacheDir).read();
      assert.equal(input.changesets[0]?.title, 'Video skill');
    } finally {
      await writeFile(file, original);
    }
  });

  it('verifies everything again when the trust root changes', async () => {
    await fixture.reader(cacheDir).read();
    await markCachedTitle(fixture.changesetId, 'FROM CACHE');
    assert.equal((await fixture.reader(cacheDir).read()).changesets[0]?.title, 'FROM CACHE');
    await fixture.ada.identity.trust.setThreshold(1).catch(async () => {
      // Any new version will do: trust a throwaway approver.
      const { generateKeyPairSync } = await import('node:crypto');
      const pem = generateKeyPairSync('ed25519').publicKey.export({ type: 'spki', format: 'pem' }).toString();
      await fixture.ada.identity.trust.add(pem, { owner: 'Temp', roles: ['approver'] });
    });
    const input = await fixture.reader(cacheDir).read();
    assert.equal(input.changesets[0]?.title, 'Video skill');
  });

  it('ignores a damaged cache file and rebuilds it', async () => {
    const file = await cacheFile();
    const valid = JSON.parse(await readFile(file, 'utf8')) as { records: StoredRecord[] };
    const [first] = valid.records;
    assert.ok(first);
    first[1] = 'nothex';
    await writeFile(file, JSON.stringify(valid));
    const cold = await fixture.reader(null).read();
    assert.deepEqual(await fixture.reader(cacheDir).read(), cold);
    await writeFile(file, 'not json at all');
    assert.deepEqual(await fixture.reader(cacheDir).read(), cold);
    const rebuilt = JSON.parse(await readFile(file, 'utf8')) as { records: StoredRecord[] };
    assert.ok(rebuilt.records.some(([id]) => id === `run:${fixture.runId}`));
  });
});
