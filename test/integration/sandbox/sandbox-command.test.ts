import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { runSandboxCommand } from '../../../electron/host/cli/commands/sandbox-command';
import type { CliIo } from '../../../electron/host/cli/cli-io';
import { DEMO_CLIENTS } from '../../../electron/sandbox';
import { tempDir } from '../../support/temp-dir';
import { call, login } from './sandbox-test-client';

function capture(cwd: string): CliIo & { out: string[] } {
  const out: string[] = [];
  return {
    out,
    stdout: (text) => out.push(text),
    stderr: (text) => out.push(text),
    cwd,
    env: {},
    readStdin: async () => '',
  };
}

describe('ferry sandbox command', () => {
  it('prints the URL and demo credentials, serves until stopped, then closes', async () => {
    const cwd = await tempDir('ferry-sandbox-cli-');
    const io = capture(cwd);
    let stop: () => void = () => undefined;
    const stopped = new Promise<void>((resolveStop) => {
      stop = resolveStop;
    });
    const running = runSandboxCommand(
      { data: 'state', faults: 'latency=1,seed=3', 'rate-limit': '50' },
      io,
      stopped,
    );
    let url: string | undefined;
    for (let attempt = 0; attempt < 100 && url === undefined; attempt += 1) {
      url = /listening on (http:\/\/127\.0\.0\.1:\d+)/.exec(io.out.join(''))?.[1];
      if (url === undefined) await new Promise((resolveWait) => setTimeout(resolveWait, 20));
    }
    assert.ok(url, 'the command printed its URL');
    const text = io.out.join('');
    for (const org of ['dev', 'uat', 'prod'] as const) {
      assert.ok(text.includes(DEMO_CLIENTS[org].clientId));
      assert.ok(text.includes(DEMO_CLIENTS[org].clientSecret));
    }
    assert.match(text, /latency=1,seed=3/);
    const token = await login(url, DEMO_CLIENTS.uat);
    const me = await call(url, token, 'GET', '/api/v2/organizations/me');
    assert.equal(me.headers.get('inin-ratelimit-allowed'), '50');
    stop();
    const result = await running;
    assert.equal(result.human, 'Ferry sandbox stopped.');
    await assert.rejects(fetch(`${url}/api/v2/organizations/me`));
  });

  it('refuses bad flags with a usage error naming the flag', async () => {
    const io = capture(process.cwd());
    const never = new Promise<void>(() => undefined);
    await assert.rejects(runSandboxCommand({ port: 'eighty' }, io, never), /--port/);
    await assert.rejects(runSandboxCommand({ 'rate-limit': '0' }, io, never), /--rate-limit/);
    await assert.rejects(
      runSandboxCommand({ faults: 'drop=2' }, io, never),
      (error: Error & { code?: string }) => {
        assert.equal(error.code, 'usage');
        assert.match(error.message, /"drop=2"/);
        return true;
      },
    );
    // A flow the org does not have: bad input listing the org's flows, not an internal error.
    await assert.rejects(
      runSandboxCommand({ faults: 'checked-out@uat=No Such Flow' }, io, never),
      (error: Error & { code?: string }) => {
        assert.equal(error.code, 'usage');
        assert.match(error.message, /uat has no flow of that name; name one of its flows \(.*Main Menu.*\)/);
        return true;
      },
    );
  });
});
