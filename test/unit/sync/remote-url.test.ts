import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { checkRemoteName, parseRemoteUrl } from '../../../electron/services/sync/remote-url';
import { scrub } from '../../../electron/services/sync/transfer-errors';
import { FerryError } from '../../../shared/api/api-error';

function refusal(run: () => unknown): FerryError {
  try {
    run();
  } catch (error) {
    assert.ok(error instanceof FerryError);
    return error;
  }
  assert.fail('expected a refusal');
}

describe('remote addresses (issue 16)', () => {
  it('takes https anywhere and http only on this machine, keyed by origin', () => {
    assert.deepEqual(parseRemoteUrl('https://git.example.com/team/ws.git'), {
      url: 'https://git.example.com/team/ws.git',
      origin: 'https://git.example.com',
    });
    assert.equal(parseRemoteUrl('http://127.0.0.1:8080/ws.git').origin, 'http://127.0.0.1:8080');
    assert.equal(parseRemoteUrl('http://localhost/ws.git').origin, 'http://localhost');
    assert.equal(parseRemoteUrl('http://[::1]:9/ws.git').origin, 'http://[::1]:9');
    for (const url of [
      'http://git.example.com/ws.git',
      'http://127.0.0.1.example.com/ws.git',
      'ssh://git.example.com/ws.git',
      'file:///tmp/ws.git',
      'git.example.com/ws.git',
    ]) {
      assert.equal(refusal(() => parseRemoteUrl(url)).code, 'sync.remote-invalid', url);
    }
  });

  it('refuses a user name or password in the address without repeating it', () => {
    for (const url of [
      'https://rita:s3cret-XYZ@git.example.com/ws.git',
      'https://s3cret-XYZ@git.example.com/ws.git',
    ]) {
      const error = refusal(() => parseRemoteUrl(url));
      assert.equal(error.code, 'sync.remote-invalid');
      assert.ok(!error.message.includes('s3cret-XYZ'), error.message);
    }
    const unparsable = refusal(() => parseRemoteUrl('https://rita:s3cret-XYZ@'));
    assert.ok(!unparsable.message.includes('s3cret-XYZ'));
  });

  it('accepts plain remote names only', () => {
    assert.equal(checkRemoteName('origin'), 'origin');
    assert.equal(checkRemoteName('team-2.main_copy'), 'team-2.main_copy');
    for (const name of ['', '-x', 'a b', 'a/b', 'a..b', 'x.lock', 'a'.repeat(65)]) {
      assert.equal(refusal(() => checkRemoteName(name)).code, 'sync.remote-invalid', name);
    }
  });

  it('cuts every form of a password out of a foreign message', () => {
    const credentials = { username: 'rita', password: 'p@ss word/1' };
    const basic = Buffer.from('rita:p@ss word/1').toString('base64');
    const text = `failed: p@ss word/1 ${encodeURIComponent('p@ss word/1')} Basic ${basic}`;
    assert.equal(scrub(text, credentials), 'failed: *** *** Basic ***');
    assert.equal(scrub(text, null), text);
  });
});
