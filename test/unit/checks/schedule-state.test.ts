import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  evaluateScheduleGroup,
  scheduleActiveAt,
  ScheduleEvaluationError,
  type ScheduleGroupDefinition,
} from '../../../shared/promotion/checks/schedule-state';
import { localOf } from '../../../shared/promotion/time-zone';

const WEEKDAYS = 'FREQ=WEEKLY;BYDAY=MO,TU,WE,TH,FR';

/** As the sandbox (and a typical Genesys org) has it: 08:00–20:00 on weekdays, London time. */
const customerService: ScheduleGroupDefinition = {
  name: 'Customer Service Hours',
  timeZone: 'Europe/London',
  open: [
    {
      name: 'Weekday Opening Hours',
      start: '2024-01-01T08:00:00.000',
      end: '2024-01-01T20:00:00.000',
      rrule: WEEKDAYS,
    },
    {
      name: 'Saturday Opening Hours',
      start: '2024-01-06T09:00:00.000',
      end: '2024-01-06T17:00:00.000',
      rrule: 'FREQ=WEEKLY;BYDAY=SA',
    },
  ],
  closed: [
    {
      name: 'Weekday Overnight Closure',
      start: '2024-01-01T20:00:00.000',
      end: '2024-01-02T08:00:00.000',
      rrule: WEEKDAYS,
    },
    { name: 'Staff Training', start: '2026-11-25T12:00:00.000', end: '2026-11-25T14:00:00.000' },
  ],
  holiday: [
    {
      name: 'Christmas Day',
      start: '2024-12-25T00:00:00.000',
      end: '2024-12-25T23:59:59.000',
      rrule: 'FREQ=YEARLY;BYMONTH=12;BYMONTHDAY=25',
    },
  ],
};

const stateAt = (group: ScheduleGroupDefinition, iso: string) =>
  evaluateScheduleGroup(group, Date.parse(iso));

describe('schedule group evaluation (Genesys: holiday > closed > open, else closed)', () => {
  it('is open inside an open schedule and closed outside every schedule', () => {
    assert.equal(stateAt(customerService, '2026-11-23T10:00:00Z').state, 'open'); // Monday 10:00 GMT
    assert.deepEqual(stateAt(customerService, '2026-11-23T10:00:00Z').active.open, ['Weekday Opening Hours']);
    assert.equal(stateAt(customerService, '2026-11-22T12:00:00Z').state, 'closed'); // Sunday: no schedule
    assert.deepEqual(stateAt(customerService, '2026-11-22T12:00:00Z').active, {
      open: [],
      closed: [],
      holiday: [],
    });
    assert.equal(stateAt(customerService, '2026-11-21T16:59:00Z').state, 'open'); // Saturday 16:59
    assert.equal(stateAt(customerService, '2026-11-21T17:00:00Z').state, 'closed'); // end is exclusive
  });

  it('closed overrides open, and an overnight closure runs past midnight', () => {
    const training = stateAt(customerService, '2026-11-25T12:30:00Z');
    assert.equal(training.state, 'closed');
    assert.deepEqual(training.active, {
      open: ['Weekday Opening Hours'],
      closed: ['Staff Training'],
      holiday: [],
    });
    // Friday 20:00 to Saturday 08:00: Saturday 07:00 is still in Friday's closure.
    assert.deepEqual(stateAt(customerService, '2026-11-28T07:00:00Z').active.closed, [
      'Weekday Overnight Closure',
    ]);
  });

  it('holiday overrides open and closed', () => {
    // Christmas 2026 is a Friday: the weekday schedule is active, the holiday wins.
    const christmas = stateAt(customerService, '2026-12-25T11:00:00Z');
    assert.equal(christmas.state, 'holiday');
    assert.deepEqual(christmas.active.open, ['Weekday Opening Hours']);
    assert.equal(stateAt(customerService, '2026-12-24T11:00:00Z').state, 'open');
  });

  it("follows the group's wall clock across summer time", () => {
    // 1 June 2026, a Monday: 08:00 BST is 07:00 UTC.
    assert.equal(stateAt(customerService, '2026-06-01T06:59:00Z').state, 'closed');
    assert.equal(stateAt(customerService, '2026-06-01T07:00:00Z').state, 'open');
    assert.equal(stateAt(customerService, '2026-06-01T07:00:00Z').localTime, '2026-06-01 08:00');
    // The Monday after the clocks go forward (29 March 2026) and after they go back (25 October).
    assert.equal(stateAt(customerService, '2026-03-30T07:30:00Z').state, 'open');
    assert.equal(stateAt(customerService, '2026-10-26T07:30:00Z').state, 'closed');
    assert.equal(stateAt(customerService, '2026-10-26T08:00:00Z').state, 'open');
  });

  it('the same instant is open in one zone and closed in another', () => {
    const newYork = { ...customerService, name: 'New York', timeZone: 'America/New_York' };
    const tokyo = { ...customerService, name: 'Tokyo', timeZone: 'Asia/Tokyo' };
    const instant = '2026-11-23T14:00:00Z'; // Monday: 09:00 in New York, 23:00 in Tokyo
    assert.equal(stateAt(newYork, instant).state, 'open');
    assert.equal(stateAt(tokyo, instant).state, 'closed');
    assert.deepEqual(stateAt(tokyo, instant).active.closed, ['Weekday Overnight Closure']);
    // Kolkata is UTC+5:30 all year.
    const kolkata = { ...customerService, timeZone: 'Asia/Kolkata' };
    assert.equal(stateAt(kolkata, '2026-11-23T02:29:00Z').state, 'closed'); // 07:59
    assert.equal(stateAt(kolkata, '2026-11-23T02:30:00Z').state, 'open'); // 08:00
  });

  it('reads monthly, yearly, interval, COUNT and UNTIL rules', () => {
    const zone = 'Europe/London';
    const local = (iso: string) => localOf(Date.parse(`${iso}Z`), 'UTC');
    const at = (
      rrule: string,
      iso: string,
      start = '2026-01-05T09:00:00.000',
      end = '2026-01-05T10:00:00.000',
    ) => scheduleActiveAt({ name: 'rule', start, end, rrule }, local(iso), zone);
    // The first Monday of each month.
    assert.equal(at('FREQ=MONTHLY;BYDAY=1MO', '2026-02-02T09:30:00'), true);
    assert.equal(at('FREQ=MONTHLY;BYDAY=1MO', '2026-02-09T09:30:00'), false);
    // The last Friday of each month.
    assert.equal(at('FREQ=MONTHLY;BYDAY=-1FR', '2026-01-30T09:30:00'), true);
    assert.equal(at('FREQ=MONTHLY;BYDAY=-1FR', '2026-01-23T09:30:00'), false);
    // The last day of the month.
    assert.equal(at('FREQ=MONTHLY;BYMONTHDAY=-1', '2026-02-28T09:30:00'), true);
    // Every other week from Monday 5 January.
    assert.equal(at('FREQ=WEEKLY;INTERVAL=2;BYDAY=MO', '2026-01-19T09:30:00'), true);
    assert.equal(at('FREQ=WEEKLY;INTERVAL=2;BYDAY=MO', '2026-01-12T09:30:00'), false);
    // Daily, three times only.
    assert.equal(at('FREQ=DAILY;COUNT=3', '2026-01-07T09:30:00'), true);
    assert.equal(at('FREQ=DAILY;COUNT=3', '2026-01-08T09:30:00'), false);
    // Daily until 6 January.
    assert.equal(at('FREQ=DAILY;UNTIL=20260106', '2026-01-06T09:30:00'), true);
    assert.equal(at('FREQ=DAILY;UNTIL=20260106', '2026-01-07T09:30:00'), false);
    // Never before the schedule's first day.
    assert.equal(at('FREQ=DAILY', '2026-01-04T09:30:00'), false);
    // A yearly rule without parts repeats on its start's date.
    assert.equal(at('FREQ=YEARLY', '2027-01-05T09:30:00'), true);
    assert.equal(at('FREQ=YEARLY', '2027-01-06T09:30:00'), false);
  });

  it('refuses a schedule it cannot read, naming it', () => {
    const broken: ScheduleGroupDefinition = {
      ...customerService,
      open: [
        {
          name: 'Odd',
          start: '2026-01-05T09:00:00.000',
          end: '2026-01-05T10:00:00.000',
          rrule: 'FREQ=HOURLY',
        },
      ],
    };
    assert.throws(
      () => stateAt(broken, '2026-01-05T09:30:00Z'),
      (error: unknown) => {
        assert.ok(error instanceof ScheduleEvaluationError);
        assert.match(error.message, /"Odd"/);
        return true;
      },
    );
  });
});
