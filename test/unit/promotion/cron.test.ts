import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { isFerryError } from '../../../shared/api/api-error';
import {
  activeSpan,
  activeWindow,
  cronMatchesLocal,
  describeWindow,
  localMomentText,
  nextWindowStart,
  parseCron,
  type CronField,
  type WindowTiming,
} from '../../../shared/promotion/cron';
import { MINUTE_MS, offsetAt } from '../../../shared/promotion/time-zone';

const peakHours: WindowTiming = { cron: '0 8 * * 1-5', durationMinutes: 600, timeZone: 'Africa/Lagos' };

function cronError(expression: string): { field: unknown; message: string } {
  try {
    parseCron(expression);
  } catch (error) {
    assert.ok(isFerryError(error), `not a FerryError: ${String(error)}`);
    assert.equal(error.code, 'cron.invalid');
    return { field: error.details?.field, message: error.message };
  }
  return assert.fail(`"${expression}" parsed`);
}

const at = (iso: string) => new Date(iso);
const iso = (date: Date | null | undefined) => date?.toISOString() ?? null;

describe('parseCron', () => {
  it('reads numbers, stars, lists, ranges and steps', () => {
    const schedule = parseCron('*/15 8-10,14 1,15 * 1-5');
    assert.deepEqual(schedule.minutes, [0, 15, 30, 45]);
    assert.deepEqual(schedule.hours, [8, 9, 10, 14]);
    assert.deepEqual(schedule.daysOfMonth, [1, 15]);
    assert.equal(schedule.months.length, 12);
    assert.deepEqual(schedule.daysOfWeek, [1, 2, 3, 4, 5]);
    assert.equal(schedule.dayOfMonthStar, false);
    assert.equal(schedule.dayOfWeekStar, false);
  });

  it('reads stepped ranges and a start with a step as "from there to the end"', () => {
    assert.deepEqual(parseCron('10-40/10 * * * *').minutes, [10, 20, 30, 40]);
    assert.deepEqual(parseCron('5/20 * * * *').minutes, [5, 25, 45]);
    assert.deepEqual(parseCron('0 */6 * * *').hours, [0, 6, 12, 18]);
  });

  it('reads month and day names in any case, with 0 and 7 both Sunday', () => {
    assert.deepEqual(parseCron('0 0 * jan-Mar,DEC *').months, [1, 2, 3, 12]);
    assert.deepEqual(parseCron('0 0 * * mon-FRI').daysOfWeek, [1, 2, 3, 4, 5]);
    assert.deepEqual(parseCron('0 0 * * 7').daysOfWeek, [0]);
    assert.deepEqual(parseCron('0 0 * * 0,7').daysOfWeek, [0]);
    assert.deepEqual(parseCron('0 0 * * SAT-SUN').daysOfWeek, [0, 6]);
    assert.deepEqual(parseCron('0 0 * * 5-7').daysOfWeek, [0, 5, 6]);
  });

  it('tolerates surrounding and repeated spaces', () => {
    assert.deepEqual(parseCron('  0   8 * *\t1-5 ').hours, [8]);
  });

  const refusals: [string, CronField | undefined, RegExp][] = [
    ['0 8 * *', undefined, /has 4 fields; it needs 5: minute hour day-of-month month day-of-week/],
    ['0 0 8 * * *', undefined, /6 fields \(seconds and years are not supported\)/],
    ['', undefined, /has 0 fields/],
    ['61 8 * * *', 'minute', /the minute field "61" has 61, which is outside 0–59/],
    ['0 24 * * *', 'hour', /the hour field "24" has 24, which is outside 0–23/],
    ['0 8 0 * *', 'day-of-month', /the day-of-month field "0" has 0, which is outside 1–31/],
    ['0 8 * 13 *', 'month', /the month field "13" has 13, which is outside 1–12 or JAN–DEC/],
    ['0 8 * * 8', 'day-of-week', /the day-of-week field "8" has 8, which is outside 0–7 or SUN–SAT/],
    ['0 8 * MON *', 'month', /the month field "MON" has "MON", which is not 1–12 or JAN–DEC/],
    ['0 8 * * JAN', 'day-of-week', /the day-of-week field "JAN" has "JAN", which is not 0–7 or SUN–SAT/],
    ['0 18-8 * * *', 'hour', /the hour field "18-8" has the range "18-8", which runs backwards/],
    ['*/0 8 * * *', 'minute', /has a step of 0; it must be between 1 and 60/],
    ['*/61 8 * * *', 'minute', /has a step of 61/],
    ['*/x 8 * * *', 'minute', /has a step "x" that is not a whole number/],
    ['1,,2 8 * * *', 'minute', /has an empty item in its list/],
    ['0 8 1/2/3 * *', 'day-of-month', /has more than one "\/"/],
    ['0 8 * * 1-', 'day-of-week', /neither a value nor a range/],
    ['0 8 * * -1', 'day-of-week', /neither a value nor a range/],
    ['0 8.5 * * *', 'hour', /"8.5", which is not 0–23/],
  ];
  for (const [expression, field, message] of refusals) {
    it(`refuses "${expression}" naming ${field ?? 'the field count'}`, () => {
      const error = cronError(expression);
      assert.equal(error.field, field);
      assert.match(error.message, message);
      assert.ok(error.message.startsWith(`cron "${expression}": `), error.message);
    });
  }
});

describe('cron day matching', () => {
  const local = (text: string) => Date.parse(`${text}Z`);

  it('matches either day field when both are restricted, as cron does', () => {
    // 2025-06-13 is a Friday; 2025-06-06 a Friday; 2025-05-13 a Tuesday.
    const fridayOr13th = '0 0 13 * FRI';
    assert.equal(cronMatchesLocal(fridayOr13th, local('2025-06-13T00:00')), true);
    assert.equal(cronMatchesLocal(fridayOr13th, local('2025-06-06T00:00')), true);
    assert.equal(cronMatchesLocal(fridayOr13th, local('2025-05-13T00:00')), true);
    assert.equal(cronMatchesLocal(fridayOr13th, local('2025-05-14T00:00')), false);
  });

  it('needs both when either day field starts with a star', () => {
    assert.equal(cronMatchesLocal('0 0 13 * *', local('2025-06-06T00:00')), false);
    assert.equal(cronMatchesLocal('0 0 * * FRI', local('2025-05-13T00:00')), false);
    // */2 starts with a star: every other day of the month AND a Friday.
    assert.equal(cronMatchesLocal('0 0 */2 * FRI', local('2025-06-13T00:00')), true);
    assert.equal(cronMatchesLocal('0 0 */2 * FRI', local('2025-06-06T00:00')), false);
    assert.equal(cronMatchesLocal('0 0 */2 * FRI', local('2025-05-13T00:00')), false);
  });
});

describe('activeWindow: peak hours in Lagos (Mon–Fri 08:00–18:00 WAT, UTC+1)', () => {
  // 2025-03-03 is a Monday; Lagos has no summer time, so local = UTC + 1 all year.
  it('is not active at 07:59 local', () => {
    assert.equal(activeWindow(peakHours, at('2025-03-03T06:59:00Z')), null);
    assert.equal(activeWindow(peakHours, at('2025-03-03T06:59:59.999Z')), null);
  });

  it('is active from 08:00 local, until 18:00', () => {
    const window = activeWindow(peakHours, at('2025-03-03T07:00:00Z'));
    assert.equal(iso(window?.start), '2025-03-03T07:00:00.000Z');
    assert.equal(iso(window?.end), '2025-03-03T17:00:00.000Z');
  });

  it('is still active at 17:59 local', () => {
    const window = activeWindow(peakHours, at('2025-03-03T16:59:00Z'));
    assert.equal(iso(window?.start), '2025-03-03T07:00:00.000Z');
  });

  it('is over at 18:00 local: the end is not part of the window', () => {
    assert.equal(activeWindow(peakHours, at('2025-03-03T17:00:00Z')), null);
  });

  it('is not active at the weekend', () => {
    assert.equal(activeWindow(peakHours, at('2025-03-08T10:00:00Z')), null);
    assert.equal(activeWindow(peakHours, at('2025-03-09T10:00:00Z')), null);
  });

  it('says when it ends and next starts, on the Lagos clock', () => {
    const now = at('2025-03-03T12:00:00Z');
    const window = activeWindow(peakHours, now);
    assert.ok(window);
    assert.equal(localMomentText(window.end, peakHours.timeZone, now), '18:00 WAT');
    const friday = at('2025-03-07T18:00:00Z');
    const next = nextWindowStart(peakHours, friday);
    assert.equal(iso(next), '2025-03-10T07:00:00.000Z');
    assert.ok(next);
    assert.equal(localMomentText(next, peakHours.timeZone, friday), 'Mon 08:00 WAT');
  });

  it('is described in words', () => {
    assert.equal(describeWindow(peakHours), 'Mon–Fri 08:00–18:00 Africa/Lagos');
  });
});

describe('activeWindow in other time zones', () => {
  it('follows an offset with half hours (Asia/Kolkata, UTC+5:30)', () => {
    const window: WindowTiming = { cron: '0 9 * * *', durationMinutes: 120, timeZone: 'Asia/Kolkata' };
    assert.equal(activeWindow(window, at('2025-01-15T03:29:00Z')), null);
    assert.equal(iso(activeWindow(window, at('2025-01-15T03:30:00Z'))?.start), '2025-01-15T03:30:00.000Z');
    assert.equal(activeWindow(window, at('2025-01-15T05:30:00Z')), null);
  });

  it('covers a window across midnight from the previous day', () => {
    const night: WindowTiming = { cron: '0 22 * * FRI', durationMinutes: 300, timeZone: 'America/New_York' };
    // Friday 2025-01-10 22:00 EST = Saturday 03:00 UTC, until 08:00 UTC.
    const window = activeWindow(night, at('2025-01-11T06:00:00Z'));
    assert.equal(iso(window?.start), '2025-01-11T03:00:00.000Z');
    assert.equal(iso(window?.end), '2025-01-11T08:00:00.000Z');
    assert.equal(describeWindow(night), 'Fri 22:00–03:00 (next day) America/New_York');
  });

  it('covers a window of a whole week', () => {
    const freeze: WindowTiming = { cron: '0 0 20 12 *', durationMinutes: 10_080, timeZone: 'UTC' };
    assert.equal(iso(activeWindow(freeze, at('2025-12-26T23:59:00Z'))?.start), '2025-12-20T00:00:00.000Z');
    assert.equal(activeWindow(freeze, at('2025-12-27T00:00:00Z')), null);
    assert.equal(describeWindow(freeze), 'on day 20 of the month in Dec from 00:00 for 7 days UTC');
  });

  it('reports the latest of overlapping starts, and activeSpan runs to the end of the last', () => {
    const hourly: WindowTiming = { cron: '0 * * * *', durationMinutes: 90, timeZone: 'UTC' };
    const now = at('2025-01-01T10:45:00Z');
    assert.equal(iso(activeWindow(hourly, now)?.start), '2025-01-01T10:00:00.000Z');
    // Every hour re-opens before the last closes, so the span never ends: bounded, not endless.
    const endless = activeSpan(hourly, now);
    assert.ok(endless && endless.end.getTime() > now.getTime() + 24 * 3_600_000);
    const daily: WindowTiming = { cron: '0 8,12 * * *', durationMinutes: 300, timeZone: 'UTC' };
    assert.equal(iso(activeSpan(daily, at('2025-01-01T09:00:00Z'))?.end), '2025-01-01T17:00:00.000Z');
  });

  it('never matches an impossible date, and says so quickly', () => {
    const never: WindowTiming = { cron: '0 0 30 2 *', durationMinutes: 60, timeZone: 'Europe/London' };
    assert.equal(activeWindow(never, at('2025-03-02T00:30:00Z')), null);
    assert.equal(nextWindowStart(never, at('2025-01-01T00:00:00Z')), null);
  });
});

describe('activeWindow across summer-time changes', () => {
  // Europe/London springs forward on 2025-03-30 at 01:00 UTC: 01:00 GMT becomes 02:00 BST.
  const london = (cron: string, durationMinutes: number): WindowTiming => ({
    cron,
    durationMinutes,
    timeZone: 'Europe/London',
  });

  it('starts on the wall clock on either side of the change', () => {
    const morning = london('0 8 * * *', 600);
    assert.equal(iso(activeWindow(morning, at('2025-03-29T08:00:00Z'))?.start), '2025-03-29T08:00:00.000Z');
    assert.equal(activeWindow(morning, at('2025-03-30T06:59:00Z')), null);
    assert.equal(iso(activeWindow(morning, at('2025-03-30T07:00:00Z'))?.start), '2025-03-30T07:00:00.000Z');
    assert.equal(iso(nextWindowStart(morning, at('2025-03-29T12:00:00Z'))), '2025-03-30T07:00:00.000Z');
    assert.equal(
      localMomentText(at('2025-03-30T17:00:00Z'), 'Europe/London', at('2025-03-30T12:00:00Z')),
      '18:00 BST',
    );
  });

  it('moves a start in the skipped hour forward with the clock', () => {
    const skipped = london('30 1 * * *', 60);
    // 01:30 does not exist on 2025-03-30; it becomes 02:30 BST, which is 01:30 UTC.
    assert.equal(activeWindow(skipped, at('2025-03-30T01:15:00Z')), null);
    assert.equal(iso(activeWindow(skipped, at('2025-03-30T01:45:00Z'))?.start), '2025-03-30T01:30:00.000Z');
    assert.equal(iso(nextWindowStart(skipped, at('2025-03-30T00:00:00Z'))), '2025-03-30T01:30:00.000Z');
    // The day after, 01:30 BST is 00:30 UTC again.
    assert.equal(iso(nextWindowStart(skipped, at('2025-03-30T03:00:00Z'))), '2025-03-31T00:30:00.000Z');
  });

  it('counts the duration in elapsed minutes when the window spans the change', () => {
    const overnight = london('0 0 * * *', 240);
    const window = activeWindow(overnight, at('2025-03-30T03:30:00Z'));
    assert.equal(iso(window?.start), '2025-03-30T00:00:00.000Z');
    assert.equal(iso(window?.end), '2025-03-30T04:00:00.000Z');
  });

  it('starts once, at the first of a repeated hour in autumn', () => {
    // 2025-10-26: 02:00 BST becomes 01:00 GMT, so 01:30 happens at 00:30 and at 01:30 UTC.
    const repeated = london('30 1 * * *', 30);
    assert.equal(iso(activeWindow(repeated, at('2025-10-26T00:40:00Z'))?.start), '2025-10-26T00:30:00.000Z');
    assert.equal(activeWindow(repeated, at('2025-10-26T01:40:00Z')), null);
    assert.equal(iso(nextWindowStart(repeated, at('2025-10-26T00:00:00Z'))), '2025-10-26T00:30:00.000Z');
    assert.equal(iso(nextWindowStart(repeated, at('2025-10-26T00:31:00Z'))), '2025-10-27T01:30:00.000Z');
  });

  it('follows New York and Sydney through their own changes', () => {
    const business: WindowTiming = {
      cron: '0 9 * * MON-FRI',
      durationMinutes: 480,
      timeZone: 'America/New_York',
    };
    // Friday 2025-03-07 09:00 EST = 14:00 UTC; Monday 2025-03-10 09:00 EDT = 13:00 UTC.
    assert.equal(iso(activeWindow(business, at('2025-03-07T14:00:00Z'))?.start), '2025-03-07T14:00:00.000Z');
    assert.equal(iso(nextWindowStart(business, at('2025-03-07T23:00:00Z'))), '2025-03-10T13:00:00.000Z');
    assert.equal(activeWindow(business, at('2025-03-10T12:59:00Z')), null);
    const sydney: WindowTiming = { cron: '0 9 * * *', durationMinutes: 60, timeZone: 'Australia/Sydney' };
    // Summer time ends 2025-04-06: 09:00 AEDT (UTC+11) on the 5th, 09:00 AEST (UTC+10) on the 6th.
    assert.equal(iso(nextWindowStart(sydney, at('2025-04-04T21:00:00Z'))), '2025-04-04T22:00:00.000Z');
    assert.equal(iso(nextWindowStart(sydney, at('2025-04-05T12:00:00Z'))), '2025-04-05T23:00:00.000Z');
  });
});

describe('activeWindow against a minute-by-minute scan', () => {
  // Zones without summer time, where every wall-clock minute happens exactly once.
  const zones = [
    'UTC',
    'Africa/Lagos',
    'Asia/Kolkata',
    'Asia/Kathmandu',
    'America/Bogota',
    'Pacific/Kiritimati',
  ];
  const part = (max: number) =>
    fc.oneof(
      fc.constant('*'),
      fc.integer({ min: 0, max }).map(String),
      fc
        .tuple(fc.integer({ min: 0, max }), fc.integer({ min: 0, max }))
        .map(([a, b]) => `${Math.min(a, b)}-${Math.max(a, b)}`),
      fc.integer({ min: 2, max: Math.min(max, 12) }).map((step) => `*/${step}`),
    );
  const cron = fc
    .tuple(
      part(59),
      part(23),
      part(27).map((text) => text.replace(/\b0\b/g, '1')),
      fc.constant('*'),
      part(6),
    )
    .map((fields) => fields.join(' '));

  it('finds the same latest start', () => {
    fc.assert(
      fc.property(
        cron,
        fc.constantFrom(...zones),
        fc.integer({ min: 1, max: 2000 }),
        fc.date({
          min: new Date('2024-01-01T00:00:00Z'),
          max: new Date('2026-12-31T00:00:00Z'),
          noInvalidDate: true,
        }),
        (expression, timeZone, durationMinutes, now) => {
          const nowMs = now.getTime();
          const offset = offsetAt(nowMs, timeZone);
          let expected: number | null = null;
          const first = nowMs - (((nowMs % MINUTE_MS) + MINUTE_MS) % MINUTE_MS);
          for (let start = first; start > nowMs - durationMinutes * MINUTE_MS; start -= MINUTE_MS) {
            if (cronMatchesLocal(expression, start + offset)) {
              expected = start;
              break;
            }
          }
          const found = activeWindow({ cron: expression, durationMinutes, timeZone }, now);
          assert.equal(
            found?.start.getTime() ?? null,
            expected,
            `${expression} ${timeZone} ${durationMinutes}`,
          );
        },
      ),
      { numRuns: 150 },
    );
  });
});

describe('nextWindowStart against a minute-by-minute scan', () => {
  it('finds the same first start within three days', () => {
    const horizon = 3 * 24 * 60;
    fc.assert(
      fc.property(
        fc.constantFrom('0 8 * * 1-5', '*/20 9-17 * * *', '30 2 1,15 * *', '0 0 * * SAT', '45 23 * * 0'),
        fc.constantFrom('UTC', 'Africa/Lagos', 'Asia/Kathmandu', 'America/Bogota'),
        fc.date({
          min: new Date('2024-01-01T00:00:00Z'),
          max: new Date('2026-12-31T00:00:00Z'),
          noInvalidDate: true,
        }),
        (expression, timeZone, from) => {
          const fromMs = from.getTime();
          const offset = offsetAt(fromMs, timeZone);
          const first = Math.ceil(fromMs / MINUTE_MS) * MINUTE_MS;
          let expected: number | null = null;
          for (let minute = 0; minute < horizon; minute += 1) {
            if (cronMatchesLocal(expression, first + minute * MINUTE_MS + offset)) {
              expected = first + minute * MINUTE_MS;
              break;
            }
          }
          const found =
            nextWindowStart({ cron: expression, durationMinutes: 60, timeZone }, from)?.getTime() ?? null;
          if (expected !== null) assert.equal(found, expected, `${expression} ${timeZone}`);
          else assert.ok(found === null || found >= first + horizon * MINUTE_MS);
        },
      ),
      { numRuns: 150 },
    );
  });
});

describe('activeWindow cost', () => {
  it('answers a thousand calls for a 10-hour window in well under a second', () => {
    const started = performance.now();
    for (let index = 0; index < 1000; index += 1) {
      activeWindow(peakHours, new Date(Date.UTC(2025, 0, 1) + index * 7_919_000));
    }
    const elapsed = performance.now() - started;
    assert.ok(elapsed < 1000, `1000 calls took ${Math.round(elapsed)} ms`);
  });

  it('scans a year for the next start without walking every minute', () => {
    const started = performance.now();
    for (let index = 0; index < 200; index += 1) {
      nextWindowStart(
        { cron: '0 0 29 2 *', durationMinutes: 60, timeZone: 'Europe/London' },
        new Date(Date.UTC(2025, 0, 1) + index * 86_400_000),
      );
    }
    const elapsed = performance.now() - started;
    assert.ok(elapsed < 1000, `200 year-long scans took ${Math.round(elapsed)} ms`);
  });
});
