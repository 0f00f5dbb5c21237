import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { ErrorCodeName } from '../../../shared/api/api-error';
import { GenesysApiError } from '../../../electron/services/connectors/genesys/genesys-error';
import {
  holdsWritten,
  objectsByKey,
  settleWrite,
  type Settlement,
} from '../../../electron/services/connectors/genesys/write-settlement';

const lostReply = () =>
  new GenesysApiError(
    'network.unreachable',
    'PUT /x could not reach the server (UND_ERR_SOCKET)',
    { status: null, method: 'PUT', path: '/x' },
    { outcomeUnknown: true },
  );
const refused = (status: number, code: ErrorCodeName) =>
  new GenesysApiError(code, `HTTP ${status}`, { status, method: 'PUT', path: '/x' });

/** A write whose attempts fail or succeed as scripted, and whose reads answer as scripted. */
function scripted<T>(attempts: (T | Error)[], reads: (Settlement<T> | Error)[]) {
  const log: string[] = [];
  const run = () =>
    settleWrite<T>({
      send: async () => {
        log.push('send');
        const next = attempts.shift();
        if (next === undefined) throw new Error('the script ran out of attempts');
        if (next instanceof Error) throw next;
        return next;
      },
      read: async () => {
        log.push('read');
        const next = reads.shift();
        if (next === undefined) throw new Error('the script ran out of reads');
        if (next instanceof Error) throw next;
        return next;
      },
      afterResend: (error) =>
        error instanceof GenesysApiError && error.status === 404 ? { held: true, value: 'gone' as T } : null,
      backOff: async () => {
        log.push('pause');
      },
      limit: 2,
    });
  return { run, log };
}

describe('settleWrite', () => {
  it('accepts a write whose reply was lost when the target already holds it, without sending it again', async () => {
    const { run, log } = scripted<string>([lostReply()], [{ held: true, value: 'as read' }]);
    assert.equal(await run(), 'as read');
    assert.deepEqual(log, ['send', 'read']);
  });

  it('sends a PUT or DELETE again when the read shows it did not land, then succeeds', async () => {
    const { run, log } = scripted<string>([lostReply(), 'second'], [{ held: false, resend: true }]);
    assert.equal(await run(), 'second');
    assert.deepEqual(log, ['send', 'read', 'pause', 'send']);
  });

  it('never sends a create again: not found after a lost reply, the real error stands', async () => {
    const first = lostReply();
    const { run, log } = scripted<string>([first, 'duplicate'], [{ held: false, resend: false }]);
    await assert.rejects(run(), (error) => error === first);
    assert.deepEqual(log, ['send', 'read']);
  });

  it('reads again after a resent write answered 409 and accepts the content it sent', async () => {
    const { run, log } = scripted<string>(
      [lostReply(), refused(409, 'conflict')],
      [
        { held: false, resend: true },
        { held: true, value: 'mine' },
      ],
    );
    assert.equal(await run(), 'mine');
    assert.deepEqual(log, ['send', 'read', 'pause', 'send', 'read']);
  });

  it("reports a resent write's 409 as the real conflict when the target holds something else", async () => {
    const conflict = refused(409, 'conflict');
    const { run } = scripted<string>(
      [lostReply(), conflict],
      [
        { held: false, resend: true },
        { held: false, resend: true },
      ],
    );
    await assert.rejects(run(), (error) => error === conflict);
  });

  it("takes a resent DELETE's 404 as done", async () => {
    const { run, log } = scripted<string>(
      [lostReply(), refused(404, 'genesys.not-found')],
      [{ held: false, resend: true }],
    );
    assert.equal(await run(), 'gone');
    assert.deepEqual(log, ['send', 'read', 'pause', 'send']);
  });

  it('does not read after a plain refusal (a first 404 or 409 is the target saying no)', async () => {
    const notFound = refused(404, 'genesys.not-found');
    const { run, log } = scripted<string>([notFound], []);
    await assert.rejects(run(), (error) => error === notFound);
    assert.deepEqual(log, ['send']);
  });

  it('keeps the write error when the read fails, and stops resending at the limit', async () => {
    const first = lostReply();
    const unreadable = scripted<string>([first], [new Error('read failed')]);
    await assert.rejects(unreadable.run(), (error) => error === first);

    const always = scripted<string>(
      [lostReply(), lostReply(), lostReply(), 'never'],
      [
        { held: false, resend: true },
        { held: false, resend: true },
        { held: false, resend: true },
      ],
    );
    await assert.rejects(always.run(), /could not reach the server/);
    assert.equal(always.log.filter((entry) => entry === 'send').length, 3, 'the first send and 2 resends');
  });
});

describe('holdsWritten', () => {
  const read = {
    id: 'c-1',
    name: 'Billing',
    description: 'Bills',
    division: { id: 'div-home', name: 'Home', selfUri: '/api/v2/authorization/divisions/div-home' },
    version: 3,
    dateModified: '2026-01-01T00:00:00Z',
    selfUri: '/api/v2/routing/wrapupcodes/c-1',
  };

  it('compares what was sent, references by id, ignoring server-kept fields and defaults', () => {
    assert.equal(
      holdsWritten('routing.wrapupcode', read, { name: 'Billing', division: { id: 'div-home' }, version: 2 }),
      true,
    );
    assert.equal(
      holdsWritten('routing.wrapupcode', read, {
        name: 'Billing',
        description: 'Bills',
        division: { id: 'div-home' },
      }),
      true,
    );
    const withoutDescription: Record<string, unknown> = { ...read };
    delete withoutDescription.description;
    assert.equal(
      holdsWritten('routing.wrapupcode', withoutDescription, { name: 'Billing', description: null }),
      true,
    );
  });

  it('refuses any difference in a field that was sent', () => {
    assert.equal(holdsWritten('routing.wrapupcode', read, { name: 'Billing', description: 'Other' }), false);
    assert.equal(
      holdsWritten('routing.wrapupcode', read, { name: 'Billing', division: { id: 'div-2' } }),
      false,
    );
    assert.equal(holdsWritten('routing.wrapupcode', read, { name: 'Billing', extra: 1 }), false);
    assert.equal(holdsWritten('routing.wrapupcode', read, { name: 'Billing', description: null }), false);
    assert.equal(holdsWritten('routing.wrapupcode', null, { name: 'Billing' }), false);
  });
});

describe('objectsByKey', () => {
  it('filters by name and keeps exact matches only, over every page', async () => {
    const pages = [
      {
        entities: [
          { id: '1', name: 'Bulk 1' },
          { id: '2', name: 'Bulk 10' },
        ],
        pageCount: 2,
      },
      { entities: [{ id: '3', name: 'Bulk 1' }], pageCount: 2 },
    ];
    const queries: Record<string, unknown>[] = [];
    const found = await objectsByKey(
      'routing.wrapupcode',
      'Bulk 1',
      async (query) => {
        queries.push(query);
        return pages[Number(query.pageNumber) - 1];
      },
      2,
      10,
    );
    assert.deepEqual(
      found.map((object) => object.id),
      ['1', '3'],
    );
    assert.deepEqual(queries[0], { name: 'Bulk 1', pageSize: 2, pageNumber: 1 });
  });

  it('stops at its page bound', async () => {
    await assert.rejects(
      objectsByKey(
        'routing.wrapupcode',
        'x',
        async () => ({ entities: [{ name: 'y' }], pageCount: 99 }),
        1,
        3,
      ),
      /more than 3 pages/,
    );
  });
});
