import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ErrorCode, FerryError } from '../../../shared/api/api-error';
import { channelNames } from '../../../shared/api/channels';
import { createDispatcher, type ChannelHandlers } from '../../../electron/host/core/dispatcher';
import type { Logger } from '../../../electron/services/logging/logger';

function handlersThat(overrides: Partial<ChannelHandlers>): ChannelHandlers {
  const unexpected = async () => {
    throw new Error('handler should not run');
  };
  const base = Object.fromEntries(
    channelNames.map((name) => [name, unexpected]),
  ) as unknown as ChannelHandlers;
  return { ...base, ...overrides };
}

function capturingLogger(): Logger & { lines: string[] } {
  const lines: string[] = [];
  const push = (message: string, fields?: Record<string, unknown>) =>
    lines.push(`${message} ${JSON.stringify(fields)}`);
  return { lines, info: push, warn: push, error: push };
}

describe('dispatcher', () => {
  it('refuses an unknown channel without running anything', async () => {
    const result = await createDispatcher(handlersThat({}), capturingLogger()).dispatch(
      'fs.readEverything',
      {},
    );
    assert.equal(result.ok, false);
    assert.ok(!result.ok);
    assert.equal(result.error.code, ErrorCode.channelUnknown);
    assert.match(result.error.message, /fs\.readEverything/);
  });

  it('refuses a channel name that is not a string', async () => {
    const result = await createDispatcher(handlersThat({}), capturingLogger()).dispatch(42, {});
    assert.ok(!result.ok);
    assert.equal(result.error.code, ErrorCode.channelUnknown);
  });

  it('refuses a bad request naming the channel and the path of the bad field', async () => {
    const dispatcher = createDispatcher(handlersThat({}), capturingLogger());
    const result = await dispatcher.dispatch('workspace.create', { path: 'relative/folder' });
    assert.ok(!result.ok);
    assert.equal(result.error.code, ErrorCode.requestInvalid);
    assert.equal(result.error.details?.channel, 'workspace.create');
    assert.deepEqual(
      (result.error.details?.issues as { path: string }[]).map((issue) => issue.path),
      ['path'],
    );
    // A person reads the message: the field by name and what is wrong, never the channel or zod's wording.
    assert.equal(result.error.message, 'Path must be an absolute path. Correct it and try again.');
  });

  it("words zod's default issues as field messages", async () => {
    const dispatcher = createDispatcher(handlersThat({}), capturingLogger());
    const result = await dispatcher.dispatch('changesets.create', { title: 'x'.repeat(201) });
    assert.ok(!result.ok);
    assert.equal(result.error.message, 'Title must be 200 characters or fewer. Correct it and try again.');
    assert.doesNotMatch(result.error.message, /Too big|Invalid request|changesets\.create/);
    assert.deepEqual(result.error.details?.issues, [
      { path: 'title', label: 'Title', message: 'Title must be 200 characters or fewer' },
    ]);
  });

  it('refuses unexpected fields and wrong nested types with their paths', async () => {
    const dispatcher = createDispatcher(handlersThat({}), capturingLogger());
    const extra = await dispatcher.dispatch('workspace.open', { path: '/tmp/x', sneaky: true });
    assert.ok(!extra.ok);
    assert.match(extra.error.message, /sneaky|Unrecognized/);
    const wrongType = await dispatcher.dispatch('workspace.history', { limit: 'all' });
    assert.ok(!wrongType.ok);
    assert.deepEqual(
      (wrongType.error.details?.issues as { path: string }[]).map((issue) => issue.path),
      ['limit'],
    );
  });

  it('passes the validated request to the handler and returns its value', async () => {
    const dispatcher = createDispatcher(
      handlersThat({
        'workspace.history': async ({ limit }) => [
          { oid: String(limit), message: 'm', author: 'a', timestamp: new Date(0).toISOString() },
        ],
      }),
      capturingLogger(),
    );
    const result = await dispatcher.dispatch('workspace.history', { limit: 3 });
    assert.ok(result.ok);
    assert.equal((result.value as { oid: string }[])[0]?.oid, '3');
  });

  it('returns a FerryError as {code, message, details}', async () => {
    const dispatcher = createDispatcher(
      handlersThat({
        'workspace.current': async () => {
          throw new FerryError(ErrorCode.workspaceNoneOpen, 'No workspace is open', { hint: 'open one' });
        },
      }),
      capturingLogger(),
    );
    const result = await dispatcher.dispatch('workspace.current', {});
    assert.deepEqual(result, {
      ok: false,
      error: {
        code: ErrorCode.workspaceNoneOpen,
        message: 'No workspace is open',
        details: { hint: 'open one' },
      },
    });
  });

  it('hides unexpected errors behind an incident id: no stack, no secret', async () => {
    const logger = capturingLogger();
    const dispatcher = createDispatcher(
      handlersThat({
        'workspace.current': async () => {
          throw new Error('client secret s3cr3t-value leaked into an exception');
        },
      }),
      logger,
    );
    const result = await dispatcher.dispatch('workspace.current', {});
    assert.ok(!result.ok);
    assert.equal(result.error.code, ErrorCode.internal);
    const text = JSON.stringify(result);
    assert.doesNotMatch(text, /s3cr3t/);
    assert.doesNotMatch(text, /at .*\.ts:\d+/);
    assert.match(result.error.message, /incident [0-9a-f-]{36}/);
  });
});
