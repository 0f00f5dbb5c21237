import assert from 'node:assert/strict';
import { appendFile, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { RunJournal, readJournal } from '../../../electron/services/promotion/run-journal';
import { isRunId, newRunId } from '../../../electron/services/promotion/run-store';
import type { JsonObject } from '../../../shared/model/canonical/json-value';
import {
  idPlaceholder,
  parseIdPlaceholder,
  resolveBody,
  resolvePath,
} from '../../../shared/promotion/engine/id-placeholder';
import { objectCalls } from '../../../shared/promotion/engine/object-calls';
import { orderSteps } from '../../../shared/promotion/engine/step-order';
import { tempDir } from '../../support/temp-dir';

const ref = (type: string, name: string) => ({ $ref: type, name });

describe('id placeholders', () => {
  it('round-trip keys with quotes and slashes, in paths and bodies', () => {
    const key = 'Sales "EU" / Nordics';
    const placeholder = idPlaceholder('routing.queue', key);
    assert.deepEqual(parseIdPlaceholder(placeholder), { type: 'routing.queue', key });
    const lookup = (type: string, name: string) =>
      type === 'routing.queue' && name === key ? 'id/1' : undefined;
    assert.equal(
      resolvePath(`/api/v2/routing/queues/${placeholder}/wrapupcodes`, lookup),
      '/api/v2/routing/queues/id%2F1/wrapupcodes',
    );
    assert.deepEqual(resolveBody([{ id: placeholder }, { id: 'kept' }], lookup), [
      { id: 'id/1' },
      { id: 'kept' },
    ]);
    assert.throws(
      () => resolvePath(`/x/${idPlaceholder('routing.queue', 'Other')}`, lookup),
      /no id is known yet/,
    );
  });
});

describe('object calls', () => {
  const resolveId = (type: string, name: string) => `${type}:${name}`;

  it('writes a queue, then its wrap-up codes in chunks of at most 100', () => {
    const codes = Array.from({ length: 150 }, (_, n) => ref('routing.wrapupcode', `code ${n}`));
    const outcome = objectCalls({
      type: 'routing.queue',
      key: 'Q',
      id: null,
      current: null,
      desired: { name: 'Q', wrapupCodes: codes },
      resolveId,
    });
    assert.equal(outcome.kind, 'calls');
    if (outcome.kind !== 'calls') return;
    assert.deepEqual(
      outcome.calls.map((call) => [
        call.method,
        call.path,
        Array.isArray(call.body) ? call.body.length : 'object',
      ]),
      [
        ['POST', '/api/v2/routing/queues', 'object'],
        ['POST', '/api/v2/routing/queues/{id of routing.queue "Q"}/wrapupcodes', 100],
        ['POST', '/api/v2/routing/queues/{id of routing.queue "Q"}/wrapupcodes', 50],
      ],
    );
  });

  it('changes only what differs: rows added, changed and removed, no PUT when the table is the same', () => {
    const table = (rows: JsonObject[]): JsonObject => ({
      name: 'T',
      schema: { properties: { key: { type: 'string' }, on: { type: 'boolean' } } },
      rows,
    });
    const outcome = objectCalls({
      type: 'flows.datatable',
      key: 'T',
      id: 'tid',
      current: table([
        { key: 'a', on: true },
        { key: 'b', on: true },
      ]),
      desired: table([
        { key: 'b', on: false },
        { key: 'c/d', on: true },
      ]),
      resolveId,
    });
    assert.ok(outcome.kind === 'calls');
    assert.deepEqual(
      outcome.calls.map((call) => `${call.method} ${call.path}`),
      [
        'PUT /api/v2/flows/datatables/tid/rows/b',
        'POST /api/v2/flows/datatables/tid/rows',
        'DELETE /api/v2/flows/datatables/tid/rows/a',
      ],
    );
  });

  it('never sends an id it cannot map: an unmodelled id-bearing field blocks the step by path', () => {
    const devGroup = '0f8fad5b-d9cb-469f-a165-70867728950e';
    const uatGroup = '7c9e6679-7425-40de-944b-e07fc1f90ae7';
    const queue = (group: string) => ({
      name: 'Q',
      description: 'a queue',
      // A field Genesys may add after this Ferry, holding another object's id.
      futureRouting: { targets: [{ id: group, type: 'GROUP' }] },
    });
    const created = objectCalls({
      type: 'routing.queue',
      key: 'Q',
      id: null,
      current: null,
      desired: queue(devGroup),
      resolveId,
    });
    assert.equal(created.kind, 'blocked');
    assert.match(
      created.kind === 'blocked' ? created.reason : '',
      /^futureRouting\.targets\[0\]\.id holds an object id/,
    );
    // The target's own value, left as it is while another field changes, is the target's: it goes.
    const updated = objectCalls({
      type: 'routing.queue',
      key: 'Q',
      id: 'qid',
      current: queue(uatGroup),
      desired: { ...queue(uatGroup), description: 'changed' },
      resolveId,
    });
    assert.equal(updated.kind, 'calls');
    const replaced = objectCalls({
      type: 'routing.queue',
      key: 'Q',
      id: 'qid',
      current: queue(uatGroup),
      desired: queue(devGroup),
      resolveId,
    });
    assert.equal(replaced.kind, 'blocked');
    // A data table row is the user's data, whatever it looks like.
    const rows = objectCalls({
      type: 'flows.datatable',
      key: 'T',
      id: null,
      current: null,
      desired: {
        name: 'T',
        schema: { properties: { key: { type: 'string' } } },
        rows: [{ key: devGroup }],
      },
      resolveId,
    });
    assert.equal(rows.kind, 'calls');
  });

  it('blocks what Genesys cannot do: dropping a data table column, changing a skill, an unknown reference', () => {
    const dropped = objectCalls({
      type: 'flows.datatable',
      key: 'T',
      id: 'tid',
      current: { name: 'T', schema: { properties: { key: { type: 'string' }, old: { type: 'string' } } } },
      desired: { name: 'T', schema: { properties: { key: { type: 'string' } } } },
      resolveId,
    });
    assert.equal(dropped.kind, 'blocked');
    assert.match(dropped.kind === 'blocked' ? dropped.reason : '', /columns that exist \("old"\)/);
    const skill = objectCalls({
      type: 'routing.skill',
      key: 'S',
      id: 'sid',
      current: { name: 'S', division: ref('authorization.division', 'A') },
      desired: { name: 'S', division: ref('authorization.division', 'B') },
      resolveId,
    });
    // A skill cannot be edited, but its division moves with PATCH (issue 12, point 5).
    assert.deepEqual(skill, {
      kind: 'calls',
      calls: [
        {
          method: 'PATCH',
          path: '/api/v2/routing/skills/sid',
          body: { divisionId: 'authorization.division:B' },
        },
      ],
    });
    const unknown = objectCalls({
      type: 'routing.wrapupcode',
      key: 'W',
      id: null,
      current: null,
      desired: { name: 'W', division: ref('authorization.division', 'Nowhere') },
      resolveId: () => undefined,
    });
    assert.match(unknown.kind === 'blocked' ? unknown.reason : '', /the division "Nowhere" \(at division\)/);
  });

  it('sends the live version on a versioned PUT', () => {
    const outcome = objectCalls({
      type: 'architect.schedule',
      key: 'S',
      id: 'sid',
      version: 7,
      current: { name: 'S', start: '2024-01-01T09:00:00.000', end: '2024-01-01T17:00:00.000' },
      desired: { name: 'S', start: '2024-01-01T09:00:00.000', end: '2024-01-01T18:00:00.000' },
      resolveId,
    });
    assert.ok(outcome.kind === 'calls');
    assert.equal((outcome.calls[0]?.body as { version: number }).version, 7);
  });
});

describe('step order', () => {
  it('puts creates before what refers to them and deletes last, referrers first', () => {
    const order = orderSteps([
      { action: 'delete', type: 'routing.wrapupcode', key: 'Old', current: { name: 'Old' }, expected: null },
      {
        action: 'update',
        type: 'routing.queue',
        key: 'Q',
        current: { name: 'Q' },
        expected: { name: 'Q', wrapupCodes: [ref('routing.wrapupcode', 'New')] },
      },
      { action: 'create', type: 'routing.wrapupcode', key: 'New', current: null, expected: { name: 'New' } },
      {
        action: 'delete',
        type: 'routing.queue',
        key: 'Gone',
        current: { name: 'Gone', wrapupCodes: [ref('routing.wrapupcode', 'Old')] },
        expected: null,
      },
    ]);
    assert.deepEqual(order.order, [2, 1, 3, 0]);
    assert.deepEqual(order.levels, [3, 1, 0, 2]);
    const group = orderSteps([
      {
        action: 'create',
        type: 'architect.schedulegroup',
        key: 'A',
        current: null,
        expected: { name: 'A', openSchedules: [ref('architect.schedule', 'B')] },
      },
      {
        action: 'create',
        type: 'architect.schedule',
        key: 'B',
        current: null,
        expected: { name: 'B' },
      },
    ]);
    assert.deepEqual(group.cyclic, new Set());
    assert.deepEqual(group.order, [1, 0]);
  });
});

describe('run journal', () => {
  it('drops a line a crash cut short and continues numbering after it', async () => {
    const dir = await tempDir('ferry-journal-');
    const file = join(dir, 'journal.jsonl');
    const clock = () => new Date('2026-11-23T10:15:00.000Z');
    const journal = await RunJournal.open(file, clock);
    await journal.append({ kind: 'rollback-started', reason: 'one' });
    await journal.append({ kind: 'rollback-started', reason: 'two' });
    await journal.close();
    await appendFile(file, '{"kind":"step-do');
    assert.deepEqual(
      (await readJournal(file)).map((entry) => entry.seq),
      [0, 1],
    );
    const reopened = await RunJournal.open(file, clock, 2);
    await reopened.append({ kind: 'rollback-started', reason: 'three' });
    await reopened.close();
    const lines = (await readFile(file, 'utf8')).split('\n');
    assert.equal(lines.length, 4, 'three whole lines and the final newline');
    assert.deepEqual(
      (await readJournal(file)).map((entry) => entry.seq),
      [0, 1, 2],
    );
    await writeFile(file, 'not json\n{}\n');
    await assert.rejects(readJournal(file), /line 1 is not JSON/);
  });

  it('names runs by time, changeset and a random suffix', () => {
    const id = newRunId(new Date('2026-11-23T10:15:00.123Z'), 'video-support');
    assert.match(id, /^2026-11-23T10-15-00Z-video-support-[0-9a-f]{6}$/);
    assert.ok(isRunId(id));
    assert.ok(!isRunId('../escape'));
  });
});
