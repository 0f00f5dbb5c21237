import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { SANDBOX_URL_RULE, sandboxUrlSchema } from '../../../shared/model/environment';

/** Issue 12 §6: a sandbox URL is accepted exactly when the message says it is. */
describe('sandbox URLs', () => {
  it('accepts embedded and the loopback forms the message names, ports 1 to 65535', () => {
    for (const url of [
      'embedded',
      'http://127.0.0.1:1',
      'http://127.0.0.1:65535',
      'http://127.0.0.1:8080/',
      'http://localhost:4000',
      'http://[::1]:4000',
    ]) {
      assert.equal(sandboxUrlSchema.safeParse(url).success, true, url);
    }
  });

  it('refuses everything else with the one message', () => {
    for (const url of [
      'http://127.0.0.1:0',
      'http://127.0.0.1:65536',
      'http://127.0.0.1:99999',
      'http://127.0.0.1:08080',
      'http://127.0.0.1',
      'https://127.0.0.1:4000',
      'http://10.0.0.1:4000',
      'http://127.0.0.1.example.com:4000',
      'http://user@127.0.0.1:4000',
      'http://127.0.0.1:4000/api',
      'Embedded',
    ]) {
      const parsed = sandboxUrlSchema.safeParse(url);
      assert.equal(parsed.success, false, url);
      assert.equal(parsed.error?.issues[0]?.message, SANDBOX_URL_RULE);
    }
    assert.match(SANDBOX_URL_RULE, /localhost/);
    assert.match(SANDBOX_URL_RULE, /\[::1\]/);
    assert.match(SANDBOX_URL_RULE, /1 to 65535/);
  });
});
