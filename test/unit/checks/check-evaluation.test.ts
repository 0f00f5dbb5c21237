import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  checkTitle,
  evaluateDataActionTest,
  evaluateDataTableRow,
  evaluateObjectField,
  evaluateQueueMemberGroups,
  evaluateScheduleGroupOpen,
} from '../../../shared/promotion/checks/check-evaluation';
import { testExecutionResultSchema } from '../../../shared/promotion/checks/action-test-result';

describe('queue-member-groups', () => {
  const check = { kind: 'queue-member-groups' as const };
  it('passes when every written queue has enough member groups, and with no queue at all', () => {
    const verdict = evaluateQueueMemberGroups(check, [
      { key: 'Billing - Voice', memberGroups: ['Billing Agents'] },
    ]);
    assert.deepEqual(verdict, { passed: true, message: 'queue "Billing - Voice" has 1 member group' });
    assert.equal(evaluateQueueMemberGroups(check, []).passed, true);
  });
  it('fails naming each queue short of the minimum, and errors on a queue not in the target', () => {
    const verdict = evaluateQueueMemberGroups({ ...check, min: 2 }, [
      { key: 'Billing - Voice', memberGroups: ['Billing Agents'] },
      { key: 'Sales - Chat', memberGroups: ['A', 'B'] },
      { key: 'Gone', memberGroups: null },
    ]);
    assert.equal(verdict.passed, false);
    assert.equal(verdict.error, true);
    assert.match(verdict.message, /queue "Gone" is not in the target/);
    assert.match(verdict.message, /queue "Billing - Voice" has 1 member group, needs 2/);
    assert.doesNotMatch(verdict.message, /Sales/);
  });
});

describe('schedule-group-open', () => {
  const group = {
    name: 'Hours',
    timeZone: 'Europe/London',
    open: [
      {
        name: 'Weekdays',
        start: '2024-01-01T08:00:00',
        end: '2024-01-01T20:00:00',
        rrule: 'FREQ=WEEKLY;BYDAY=MO,TU,WE,TH,FR',
      },
    ],
    closed: [],
    holiday: [
      { name: 'Christmas', start: '2024-12-25T00:00:00', end: '2024-12-26T00:00:00', rrule: 'FREQ=YEARLY' },
    ],
  };
  const check = { kind: 'schedule-group-open' as const, scheduleGroup: 'Hours' };
  it('passes when open, fails when closed, and the other way round with expect closed', () => {
    const monday = new Date('2026-11-23T10:00:00Z');
    const sunday = new Date('2026-11-22T10:00:00Z');
    assert.equal(evaluateScheduleGroupOpen(check, group, monday).passed, true);
    const closed = evaluateScheduleGroupOpen(check, group, sunday);
    assert.equal(closed.passed, false);
    assert.match(
      closed.message,
      /"Hours" is closed at 2026-11-22 10:00 Europe\/London: no open schedule covers this time; expected open/,
    );
    assert.equal(evaluateScheduleGroupOpen({ ...check, expect: 'closed' }, group, sunday).passed, true);
  });
  it('a holiday is closed, and a group not in the target cannot be checked', () => {
    const christmas = evaluateScheduleGroupOpen(check, group, new Date('2026-12-25T10:00:00Z'));
    assert.equal(christmas.passed, false);
    assert.match(christmas.message, /closed for a holiday .*"Christmas"/);
    assert.deepEqual(evaluateScheduleGroupOpen(check, null, new Date()), {
      passed: false,
      message: 'no schedule group "Hours" in the target',
      error: true,
    });
  });
});

describe('data-table-row', () => {
  const check = { kind: 'data-table-row' as const, table: 'Store Directory', key: 'LDN01' };
  it('passes on a row with the key and the values asked for', () => {
    const row = { key: 'LDN01', City: 'London', Open: true, Tier: 1 };
    assert.equal(evaluateDataTableRow(check, { table: true, row }).passed, true);
    assert.equal(
      evaluateDataTableRow(
        { ...check, values: { City: 'London', Open: true, Tier: 1 } },
        { table: true, row },
      ).passed,
      true,
    );
    const wrong = evaluateDataTableRow({ ...check, values: { Tier: 2 } }, { table: true, row });
    assert.equal(wrong.passed, false);
    assert.match(wrong.message, /Tier = 1, expected 2/);
  });
  it('fails on a missing row; a missing table is an error', () => {
    assert.deepEqual(evaluateDataTableRow(check, { table: true, row: null }), {
      passed: false,
      message: 'data table "Store Directory" has no row "LDN01"',
    });
    assert.equal(evaluateDataTableRow(check, { table: false, row: null }).error, true);
  });
});

describe('object-field', () => {
  const check = {
    kind: 'object-field' as const,
    type: 'routing.queue',
    key: 'Billing - Voice',
    path: 'acwSettings.timeoutMs',
    equals: 30000,
  };
  it('compares the canonical field at the path', () => {
    assert.equal(
      evaluateObjectField(check, { name: 'Billing - Voice', acwSettings: { timeoutMs: 30000 } }).passed,
      true,
    );
    const other = evaluateObjectField(check, { name: 'Billing - Voice', acwSettings: { timeoutMs: 45000 } });
    assert.deepEqual(other, { passed: false, message: 'acwSettings.timeoutMs is 45000, expected 30000' });
    assert.equal(
      evaluateObjectField(check, { name: 'Billing - Voice' }).message,
      'acwSettings.timeoutMs is nothing, expected 30000',
    );
  });
  it('an absent object or a bad path cannot be checked', () => {
    assert.equal(evaluateObjectField(check, null).error, true);
    assert.equal(evaluateObjectField({ ...check, path: 'rings[]' }, { name: 'x' }).error, true);
  });
});

describe('data-action-test', () => {
  const check = {
    kind: 'data-action-test' as const,
    action: 'Get Account Balance',
    expect: { balance: 12, overdue: false },
  };
  const reply = (body: unknown) => testExecutionResultSchema.parse(body);
  it('passes when the test call succeeds with the expected output', () => {
    const ok = reply({
      operations: [{ step: 1, name: 'Execute request', success: true }],
      finalResult: { balance: 12, overdue: false, extra: 'x' },
      success: true,
    });
    assert.equal(evaluateDataActionTest(check, ok).passed, true);
    const other = evaluateDataActionTest(
      check,
      reply({ finalResult: { balance: 13, overdue: false }, success: true }),
    );
    assert.equal(other.passed, false);
    assert.match(other.message, /balance = 13, expected 12/);
  });
  it('fails naming the operation that failed and its error', () => {
    const failed = reply({
      operations: [
        { step: 1, name: 'Resolve request URL template', success: true, result: 'https://x.invalid/' },
        {
          step: 2,
          name: 'Execute request',
          success: false,
          error: { message: 'UnknownHostException: x.invalid', code: 'internal.server.error', status: 500 },
        },
      ],
      error: { message: 'UnknownHostException: x.invalid' },
      success: false,
    });
    const verdict = evaluateDataActionTest(check, failed);
    assert.equal(verdict.passed, false);
    assert.equal(verdict.error, undefined);
    assert.equal(
      verdict.message,
      'the test call failed at "Execute request": UnknownHostException: x.invalid',
    );
    assert.equal(evaluateDataActionTest(check, null).error, true);
  });
});

describe('titles', () => {
  it('say what each check asks, or its label', () => {
    assert.equal(
      checkTitle({ kind: 'queue-member-groups', min: 2 }),
      'every queue the change writes has at least 2 member groups',
    );
    assert.equal(
      checkTitle({ kind: 'schedule-group-open', scheduleGroup: 'Hours', expect: 'closed' }),
      'schedule group "Hours" is closed now',
    );
    assert.equal(
      checkTitle({ kind: 'data-table-row', table: 'T', key: 'K', values: { a: 1 } }),
      'data table "T" has a row "K" with a = 1',
    );
    assert.equal(checkTitle({ kind: 'data-action-test', action: 'A', label: 'CRM answers' }), 'CRM answers');
  });
});
