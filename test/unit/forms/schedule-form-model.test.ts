import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import {
  canonicalToDateTimeInput,
  dateInputToUntil,
  dateTimeInputToCanonical,
  ruleForFrequency,
  sharedPosition,
  untilToDateInput,
  withCount,
  withMonth,
  withPosition,
  withUntil,
  withWeekday,
} from '../../../renderer/src/features/changesets/forms/schedule-form-model';
import {
  isKnownTimeZone,
  timeZones,
  typedTimeZone,
} from '../../../renderer/src/features/changesets/forms/schedulegroup-form-model';
import { formatRrule, parseRrule, type RecurrenceRule } from '../../../shared/schedule/rrule';

function rule(text: string): RecurrenceRule {
  const parsed = parseRrule(text);
  if (!parsed.ok) assert.fail(parsed.error);
  return parsed.rule;
}

describe('schedule date-times', () => {
  it('shows the canonical form in a datetime-local input and reads it back exactly', () => {
    assert.equal(canonicalToDateTimeInput('2024-01-06T09:00:00.000'), '2024-01-06T09:00:00');
    assert.equal(canonicalToDateTimeInput('2024-12-26T23:59:59.000'), '2024-12-26T23:59:59');
    assert.equal(canonicalToDateTimeInput('2024-12-26T23:59:59.5'), '2024-12-26T23:59:59.500');
    assert.equal(canonicalToDateTimeInput('2024-12-26T23:59'), '2024-12-26T23:59:00');
    assert.equal(canonicalToDateTimeInput(undefined), '');
    assert.equal(canonicalToDateTimeInput('tomorrow'), '');
  });

  it('writes what the input gives back with seconds and milliseconds', () => {
    assert.equal(dateTimeInputToCanonical('2024-01-06T09:00'), '2024-01-06T09:00:00.000');
    assert.equal(dateTimeInputToCanonical('2024-12-26T23:59:59'), '2024-12-26T23:59:59.000');
    assert.equal(dateTimeInputToCanonical('2024-12-26T23:59:59.25'), '2024-12-26T23:59:59.250');
    assert.equal(dateTimeInputToCanonical(''), undefined);
    assert.equal(dateTimeInputToCanonical('2023-02-29T09:00'), undefined);
  });

  it('round-trips every canonical date-time', () => {
    const canonical = fc
      .date({
        min: new Date('1970-01-01T00:00:00Z'),
        max: new Date('2200-12-31T23:59:59Z'),
        noInvalidDate: true,
      })
      .map((date) => date.toISOString().slice(0, 23));
    fc.assert(
      fc.property(canonical, (text) => {
        assert.equal(dateTimeInputToCanonical(canonicalToDateTimeInput(text)), text);
      }),
    );
  });
});

describe('rule builder steps', () => {
  const saturday = '2024-01-06T09:00:00.000';

  it('starts a frequency afresh from the schedule start, keeping interval and end', () => {
    assert.equal(formatRrule(ruleForFrequency('WEEKLY', undefined, saturday)), 'FREQ=WEEKLY;BYDAY=SA');
    assert.equal(formatRrule(ruleForFrequency('MONTHLY', undefined, saturday)), 'FREQ=MONTHLY;BYMONTHDAY=6');
    assert.equal(
      formatRrule(ruleForFrequency('YEARLY', undefined, saturday)),
      'FREQ=YEARLY;BYMONTH=1;BYMONTHDAY=6',
    );
    assert.equal(
      formatRrule(ruleForFrequency('DAILY', rule('FREQ=WEEKLY;INTERVAL=2;BYDAY=MO;COUNT=3'), saturday)),
      'FREQ=DAILY;INTERVAL=2;COUNT=3',
    );
    assert.equal(formatRrule(ruleForFrequency('WEEKLY', undefined, undefined)), 'FREQ=WEEKLY');
  });

  it('toggles weekdays in order, with the shared position', () => {
    const weekdays = rule('FREQ=WEEKLY;BYDAY=TU,MO');
    assert.equal(formatRrule(withWeekday(weekdays, 'SU', true, undefined)), 'FREQ=WEEKLY;BYDAY=MO,TU,SU');
    assert.equal(formatRrule(withWeekday(weekdays, 'MO', false, undefined)), 'FREQ=WEEKLY;BYDAY=TU');
    const lastFriday = rule('FREQ=MONTHLY;BYDAY=-1FR');
    assert.deepEqual(sharedPosition(lastFriday.byDay), { mixed: false, ordinal: -1 });
    assert.equal(formatRrule(withWeekday(lastFriday, 'TH', true, -1)), 'FREQ=MONTHLY;BYDAY=-1TH,-1FR');
    assert.equal(formatRrule(withPosition(lastFriday, 1)), 'FREQ=MONTHLY;BYDAY=1FR');
    assert.equal(formatRrule(withPosition(lastFriday, undefined)), 'FREQ=MONTHLY;BYDAY=FR');
    assert.deepEqual(sharedPosition(rule('FREQ=MONTHLY;BYDAY=1MO,-1FR').byDay), { mixed: true });
    assert.deepEqual(sharedPosition([]), { mixed: false, ordinal: undefined });
  });

  it('toggles months', () => {
    const christmas = rule('FREQ=YEARLY;BYMONTH=12;BYMONTHDAY=25');
    assert.equal(formatRrule(withMonth(christmas, 1, true)), 'FREQ=YEARLY;BYMONTH=1,12;BYMONTHDAY=25');
    assert.equal(formatRrule(withMonth(christmas, 12, false)), 'FREQ=YEARLY;BYMONTHDAY=25');
  });

  it('keeps COUNT and UNTIL apart', () => {
    const counted = withCount(rule('FREQ=DAILY;UNTIL=20241231'), 5);
    assert.equal(formatRrule(counted), 'FREQ=DAILY;COUNT=5');
    const until = withUntil(counted, '20250101T235959');
    assert.equal(formatRrule(until), 'FREQ=DAILY;UNTIL=20250101T235959');
    assert.equal(formatRrule(withCount(until, undefined)), 'FREQ=DAILY;UNTIL=20250101T235959');
    assert.equal(formatRrule(withUntil(until, undefined)), 'FREQ=DAILY');
    assert.equal(Object.hasOwn(withUntil(until, undefined), 'until'), false);
  });

  it('shows UNTIL as a date and keeps its time when the date changes', () => {
    assert.equal(untilToDateInput('20241231T235959Z'), '2024-12-31');
    assert.equal(untilToDateInput('20241231'), '2024-12-31');
    assert.equal(untilToDateInput(undefined), '');
    assert.equal(dateInputToUntil('2025-03-01', '20241231T120000Z'), '20250301T120000Z');
    assert.equal(dateInputToUntil('2025-03-01', '20241231'), '20250301T235959');
    assert.equal(dateInputToUntil('2025-03-01', undefined), '20250301T235959');
    assert.equal(dateInputToUntil('', undefined), undefined);
  });
});

describe('time zones', () => {
  it('lists the runtime zones, sorted', () => {
    const zones = timeZones();
    assert.ok(zones.includes('Europe/London'));
    assert.deepEqual([...zones].sort(), zones);
  });

  it('accepts known zones and aliases, in the listed spelling', () => {
    assert.equal(typedTimeZone('europe/london'), 'Europe/London');
    assert.equal(typedTimeZone('Europe/London'), 'Europe/London');
    assert.equal(isKnownTimeZone('UTC'), true);
    assert.equal(typedTimeZone('Mars/Olympus_Mons'), undefined);
    assert.equal(typedTimeZone('Europe/Lon'), undefined);
    assert.equal(isKnownTimeZone(''), false);
  });
});
