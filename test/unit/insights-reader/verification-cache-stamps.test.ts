import assert from 'node:assert/strict';
import { chmod, copyFile, lstat, readdir, readFile, rm, utimes, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { RACY_MARGIN_NS } from '../../../electron/services/insights/file-stamp';
import { tempDir } from '../../support/temp-dir';
import { readerFixture, type ReaderFixture } from './reader-fixture';

/**
 * The verification cache's stat fast path (issue 19): a record whose files stamp as when it was
 * cached is served without reading them; any change to a file, a signature folder, a top folder
 * or the trust root, or a file too new to trust its stamp, and it is read again.
 *
 * How a test tells "served from the stamps" from "read and hashed": it marks the cached fact and
 * replaces the record's content key with one no bytes hash to. Read again, the mark shows only if
 * the stamps served it; a read sees the key differ and verifies the files (the real title).
 */

let fixture: ReaderFixture;
let cacheDir: string;

/** Files changed less than the racy margin ago are never stamped: wait it out (and a little). */
const PAST_RACY_MS = Number(RACY_MARGIN_NS / 1_000_000n) + 300;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

type StoredRecord = [string, string, string | null, unknown[]];
interface StoredCache {
  trust: string;
  records: StoredRecord[];
}

before(async () => {
  fixture = await readerFixture('ferry-insights-stamps-');
  cacheDir = await tempDir('ferry-insights-stamps-data-');
});
after(() => fixture.workspace.close());

async function cacheFile(): Promise<string> {
  const names = (await readdir(join(cacheDir, 'insights'))).filter((name) => name.endsWith('.json'));
  assert.equal(names.length, 1, names.join(', '));
  return join(cacheDir, 'insights', names[0] ?? '');
}

async function loadCache(): Promise<StoredCache> {
  return JSON.parse(await readFile(await cacheFile(), 'utf8')) as StoredCache;
}

function changesetEntry(cache: StoredCache): StoredRecord {
  const entry = cache.records.find(([id]) => id === `changeset:${fixture.changesetId}`);
  assert.ok(entry, 'the changeset is cached');
  return entry;
}

/** Marks the cached changeset title and gives it a content key no file hashes to. */
async function markAndUnkey(title: string): Promise<void> {
  const cache = await loadCache();
  const entry = changesetEntry(cache);
  const fact = (entry[3][2] as unknown[][])[0];
  assert.ok(fact);
  fact[1] = title;
  entry[1] = '0'.repeat(64);
  await writeFile(await cacheFile(), JSON.stringify(cache));
}

const title = async () =>
  (await fixture.reader(cacheDir).read()).changesets.find(
    (changeset) => changeset.changesetId === fixture.changesetId,
  )?.title;

const documentFile = () => join(fixture.workspace.dir, 'changesets', `${fixture.changesetId}.json`);
const approvalsDir = () => join(fixture.workspace.dir, 'changesets', `${fixture.changesetId}.approvals`);

/** A pass long enough after the last change that every file is stamped. */
async function stampedPass(): Promise<void> {
  await sleep(PAST_RACY_MS);
  await fixture.reader(cacheDir).read();
  assert.notEqual(changesetEntry(await loadCache())[2], null, 'the changeset is stamped');
}

describe('insights verification cache: stat fast path', () => {
  it('serves a record whose files are unchanged from its stamps, without reading them', async () => {
    await stampedPass();
    await markAndUnkey('FROM STAMPS');
    assert.equal(await title(), 'FROM STAMPS');
    // Where permissions bind (not as root), an unreadable file proves it is not even opened.
    if (process.getuid?.() !== 0) {
      await chmod(documentFile(), 0o000);
      try {
        assert.equal(await title(), 'FROM STAMPS');
      } finally {
        await chmod(documentFile(), 0o644);
      }
    }
  });

  it('reads a file again when its content changes, and refuses it when it no longer verifies', async () => {
    await stampedPass();
    await markAndUnkey('FROM STAMPS');
    const approval = join(approvalsDir(), (await readdir(approvalsDir()))[0] ?? '');
    const original = await readFile(approval);
    await writeFile(approval, '{"payloadType":"x","payload":"","signatures":[]}\n');
    try {
      await sleep(PAST_RACY_MS);
      const input = await fixture.reader(cacheDir).read();
      const changeset = input.changesets.find((item) => item.changesetId === fixture.changesetId);
      assert.equal(changeset?.title, 'Video skill');
      assert.deepEqual(changeset?.approvals, []);
      assert.ok(input.unverified.some((record) => record.kind === 'approval'));
    } finally {
      await writeFile(approval, original);
    }
  });

  it('reads again a file rewritten with the same size and a forged old mtime (its ctime changed)', async () => {
    const file = documentFile();
    const bytes = await readFile(file);
    // An mtime utimes can give back exactly (whole seconds), set before the stamped pass.
    const old = new Date('2026-01-01T00:00:00Z');
    await utimes(file, old, old);
    await stampedPass();
    await markAndUnkey('FROM STAMPS');
    assert.equal(await title(), 'FROM STAMPS');
    const before = await lstat(file, { bigint: true });

    await writeFile(file, bytes);
    await utimes(file, old, old);
    const forged = await lstat(file, { bigint: true });
    assert.equal(forged.ino, before.ino);
    assert.equal(forged.size, before.size);
    assert.equal(forged.mtimeNs, before.mtimeNs);
    assert.notEqual(forged.ctimeNs, before.ctimeNs);
    await sleep(PAST_RACY_MS);
    assert.equal(await title(), 'Video skill');
  });

  it('never stamps a racily new file: it is read again until it is older than the margin', async () => {
    await stampedPass();
    await writeFile(documentFile(), await readFile(documentFile()));
    await fixture.reader(cacheDir).read();
    assert.equal(changesetEntry(await loadCache())[2], null, 'a file changed just now is not stamped');
    await markAndUnkey('FROM STAMPS');
    assert.equal(await title(), 'Video skill');
    await stampedPass();
  });

  it('picks up a new approval file and a new changeset (their folders changed)', async () => {
    await stampedPass();
    const before = await fixture.reader(cacheDir).read();
    const [name] = await readdir(approvalsDir());
    assert.ok(name);
    const copy = join(approvalsDir(), 'copied-approval.json');
    const unsigned = join(fixture.workspace.dir, 'changesets', 'unsigned-two.json');
    await copyFile(join(approvalsDir(), name), copy);
    await copyFile(join(fixture.workspace.dir, 'changesets', 'unsigned-change.json'), unsigned);
    try {
      // Past the margin, so only the folders' changed stamps can make the walk look again.
      await sleep(PAST_RACY_MS);
      const after = await fixture.reader(cacheDir).read();
      assert.equal(after.counts.approval.read, before.counts.approval.read + 1);
      assert.equal(after.counts.changeset.read, before.counts.changeset.read + 1);
    } finally {
      await rm(copy);
      await rm(unsigned);
    }
  });

  it('ignores a cache written under another trust root version', async () => {
    await stampedPass();
    await markAndUnkey('FROM STAMPS');
    const before = (await loadCache()).trust;
    assert.equal(await title(), 'FROM STAMPS');
    const { generateKeyPairSync } = await import('node:crypto');
    const pem = generateKeyPairSync('ed25519').publicKey.export({ type: 'spki', format: 'pem' }).toString();
    await fixture.ada.identity.trust.add(pem, { owner: 'Temp', roles: ['approver'] });
    assert.equal(await title(), 'Video skill');
    assert.notEqual((await loadCache()).trust, before);
  });
});
