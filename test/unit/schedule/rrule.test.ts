import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import {
  describeRrule,
  formatRrule,
  FREQUENCIES,
  normalizeRule,
  parseMonthDayList,
  parseRrule,
  weekdayOf,
  WEEKDAYS,
  type Frequency,
  type RecurrenceRule,
  type WeekdayRule,
} from '../../../shared/schedule/rrule';

function parsed(text: string): RecurrenceRule {
  const result = parseRrule(text);
  if (!result.ok) assert.fail(`"${text}" did not parse: ${result.error}`);
  return result.rule;
}

function parseError(text: string): string {
  const result = parseRrule(text);
  if (result.ok) assert.fail(`"${text}" parsed: ${formatRrule(result.rule)}`);
  return result.error;
}

describe('parseRrule', () => {
  it('reads the rules the sandbox schedules use', () => {
    assert.deepEqual(parsed('FREQ=WEEKLY;BYDAY=MO,TU,WE,TH,FR'), {
      freq: 'WEEKLY',
      interval: 1,
      byDay: ['MO', 'TU', 'WE', 'TH', 'FR'].map((weekday) => ({ weekday })),
      byMonthDay: [],
      byMonth: [],
    });
    assert.deepEqual(parsed('FREQ=YEARLY;BYMONTH=12;BYMONTHDAY=25'), {
      freq: 'YEARLY',
      interval: 1,
      byDay: [],
      byMonthDay: [25],
      byMonth: [12],
    });
  });

  it('reads positions, intervals and ends', () => {
    assert.deepEqual(parsed('FREQ=MONTHLY;INTERVAL=2;BYDAY=-1FR,1MO;COUNT=10'), {
      freq: 'MONTHLY',
      interval: 2,
      byDay: [
        { weekday: 'MO', ordinal: 1 },
        { weekday: 'FR', ordinal: -1 },
      ],
      byMonthDay: [],
      byMonth: [],
      count: 10,
    });
    assert.equal(parsed('FREQ=DAILY;UNTIL=20241231T235959Z').until, '20241231T235959Z');
    assert.equal(parsed('FREQ=DAILY;UNTIL=20240229').until, '20240229');
    assert.equal(parsed('FREQ=YEARLY;BYDAY=+20MO').byDay[0]?.ordinal, 20);
  });

  it('accepts lower case, an RRULE: prefix, spaces and a trailing semicolon', () => {
    assert.equal(
      formatRrule(parsed(' RRULE:freq=weekly; byday = sa,su ; ')),
      formatRrule(parsed('FREQ=WEEKLY;BYDAY=SA,SU')),
    );
  });

  it('sorts lists and drops repeats, so equal rules compare equal', () => {
    assert.deepEqual(parsed('FREQ=WEEKLY;BYDAY=FR,MO,FR'), parsed('FREQ=WEEKLY;BYDAY=MO,FR'));
    assert.deepEqual(parsed('FREQ=MONTHLY;BYMONTHDAY=-1,15,1,-2').byMonthDay, [1, 15, -2, -1]);
    assert.deepEqual(parsed('FREQ=YEARLY;BYMONTH=12,1,6,1').byMonth, [1, 6, 12]);
  });

  const errors: [string, string][] = [
    ['FREQ=WEEKLY;BYDAY=MO,XX', 'BYDAY: "XX" is not a weekday'],
    ['FREQ=WEEKLY;BYDAY=MO,,TU', 'BYDAY: an empty item in "MO,,TU"'],
    ['', 'the rule is empty'],
    ['BYDAY=MO', 'FREQ is missing'],
    ['FREQ=HOURLY', 'FREQ: "HOURLY" is not supported (only DAILY, WEEKLY, MONTHLY, YEARLY)'],
    ['FREQ=DAILY;INTERVAL=0', 'INTERVAL: "0" is not a whole number of at least 1'],
    ['FREQ=DAILY;INTERVAL=two', 'INTERVAL: "two" is not a whole number of at least 1'],
    ['FREQ=DAILY;COUNT=-3', 'COUNT: "-3" is not a whole number of at least 1'],
    ['FREQ=YEARLY;BYMONTH=13', 'BYMONTH: "13" is not a month (1 to 12)'],
    ['FREQ=MONTHLY;BYMONTHDAY=32', 'BYMONTHDAY: "32" is not a day of the month (1 to 31, or -31 to -1)'],
    ['FREQ=MONTHLY;BYMONTHDAY=0', 'BYMONTHDAY: "0" is not a day of the month (1 to 31, or -31 to -1)'],
    ['FREQ=WEEKLY;BYMONTHDAY=1', 'BYMONTHDAY cannot be used with FREQ=WEEKLY'],
    ['FREQ=WEEKLY;BYDAY=1MO', 'BYDAY: "1MO" has a position, which only MONTHLY and YEARLY rules allow'],
    ['FREQ=MONTHLY;BYDAY=6MO', 'BYDAY: "6MO": the position must be 1 to 5 or -5 to -1'],
    ['FREQ=MONTHLY;BYDAY=0MO', 'BYDAY: "0MO": the position must be 1 to 5 or -5 to -1'],
    ['FREQ=DAILY;COUNT=3;UNTIL=20240101', 'COUNT and UNTIL cannot both be set'],
    [
      'FREQ=DAILY;UNTIL=20240230',
      'UNTIL: "20240230" is not a date (YYYYMMDD or YYYYMMDDTHHMMSS, optionally ending in Z)',
    ],
    [
      'FREQ=DAILY;UNTIL=2024-12-31',
      'UNTIL: "2024-12-31" is not a date (YYYYMMDD or YYYYMMDDTHHMMSS, optionally ending in Z)',
    ],
    [
      'FREQ=DAILY;BYSETPOS=-1',
      '"BYSETPOS" is not supported (only FREQ, INTERVAL, BYDAY, BYMONTH, BYMONTHDAY, COUNT, UNTIL)',
    ],
    ['FREQ=DAILY;FREQ=WEEKLY', 'FREQ appears twice'],
    ['FREQ=DAILY;BYDAY=', 'BYDAY has no value'],
    ['FREQ=DAILY;WEEKLY', '"WEEKLY" is not NAME=VALUE'],
  ];
  for (const [text, error] of errors) {
    it(`refuses ${text === '' ? 'an empty rule' : text}`, () => assert.equal(parseError(text), error));
  }
});

describe('formatRrule', () => {
  it('writes parts in the canonical order and leaves out defaults', () => {
    assert.equal(
      formatRrule(parsed('FREQ=YEARLY;BYMONTH=12;BYMONTHDAY=25')),
      'FREQ=YEARLY;BYMONTH=12;BYMONTHDAY=25',
    );
    assert.equal(
      formatRrule(parsed('UNTIL=20241231;BYDAY=SA;INTERVAL=1;FREQ=WEEKLY')),
      'FREQ=WEEKLY;BYDAY=SA;UNTIL=20241231',
    );
    assert.equal(
      formatRrule(parsed('COUNT=4;BYMONTH=1,2;BYMONTHDAY=1;BYDAY=1MO;INTERVAL=3;FREQ=YEARLY')),
      'FREQ=YEARLY;INTERVAL=3;BYDAY=1MO;BYMONTH=1,2;BYMONTHDAY=1;COUNT=4',
    );
  });

  it('leaves rules already in canonical form as they are', () => {
    for (const text of ['FREQ=WEEKLY;BYDAY=MO,TU,WE,TH,FR', 'FREQ=WEEKLY;BYDAY=SA,SU', 'FREQ=DAILY']) {
      assert.equal(formatRrule(parsed(text)), text);
    }
  });
});

function ordinalFor(freq: Frequency): fc.Arbitrary<number | undefined> {
  if (freq === 'DAILY' || freq === 'WEEKLY') return fc.constant(undefined);
  const max = freq === 'MONTHLY' ? 5 : 53;
  return fc.option(
    fc.integer({ min: -max, max }).filter((ordinal) => ordinal !== 0),
    { nil: undefined },
  );
}

const untilArbitrary = fc
  .record({
    date: fc.date({
      min: new Date('1990-01-01T00:00:00Z'),
      max: new Date('2099-12-31T23:59:59Z'),
      noInvalidDate: true,
    }),
    shape: fc.constantFrom('date', 'local', 'utc'),
  })
  .map(({ date, shape }) => {
    const compact = date.toISOString().replace(/[-:]/g, '').slice(0, 15);
    if (shape === 'date') return compact.slice(0, 8);
    return shape === 'utc' ? `${compact}Z` : compact;
  });

const ruleArbitrary: fc.Arbitrary<RecurrenceRule> = fc.constantFrom(...FREQUENCIES).chain((freq) =>
  fc
    .record({
      interval: fc.integer({ min: 1, max: 500 }),
      byDay: fc.array(
        fc
          .record({ weekday: fc.constantFrom(...WEEKDAYS), ordinal: ordinalFor(freq) })
          .map(({ weekday, ordinal }): WeekdayRule =>
            ordinal === undefined ? { weekday } : { weekday, ordinal },
          ),
        { maxLength: 8 },
      ),
      byMonthDay:
        freq === 'WEEKLY'
          ? fc.constant<number[]>([])
          : fc.array(
              fc.integer({ min: -31, max: 31 }).filter((day) => day !== 0),
              { maxLength: 6 },
            ),
      byMonth: fc.array(fc.integer({ min: 1, max: 12 }), { maxLength: 4 }),
      end: fc.oneof(
        fc.constant({}),
        fc.integer({ min: 1, max: 1000 }).map((count) => ({ count })),
        untilArbitrary.map((until) => ({ until })),
      ),
    })
    .map(({ end, ...parts }) => normalizeRule({ freq, ...parts, ...end })),
);

describe('round trips', () => {
  it('parse(format(rule)) is the rule', () => {
    fc.assert(
      fc.property(ruleArbitrary, (rule) => {
        const result = parseRrule(formatRrule(rule));
        assert.ok(result.ok, result.ok ? '' : result.error);
        assert.deepStrictEqual(result.rule, rule);
      }),
      { numRuns: 500 },
    );
  });

  it('format(parse(text)) is stable', () => {
    fc.assert(
      fc.property(ruleArbitrary, (rule) => {
        const text = formatRrule(rule);
        assert.equal(formatRrule(parsed(text)), text);
      }),
    );
  });

  it('normalizeRule sorts, drops repeats and leaves out absent parts', () => {
    assert.deepStrictEqual(
      normalizeRule({
        freq: 'MONTHLY',
        interval: 1,
        byDay: [{ weekday: 'FR', ordinal: -1 }, { weekday: 'MO' }, { weekday: 'MO', ordinal: undefined }],
        byMonthDay: [-1, 3, 1, 3],
        byMonth: [],
        count: undefined,
      }),
      {
        freq: 'MONTHLY',
        interval: 1,
        byDay: [{ weekday: 'MO' }, { weekday: 'FR', ordinal: -1 }],
        byMonthDay: [1, 3, -1],
        byMonth: [],
      },
    );
  });
});

describe('describeRrule', () => {
  const descriptions: [string, string | undefined, string][] = [
    ['FREQ=WEEKLY;BYDAY=MO,TU,WE,TH,FR', undefined, 'Every week on Monday to Friday'],
    ['FREQ=WEEKLY;INTERVAL=2;BYDAY=SA', undefined, 'Every 2 weeks on Saturday'],
    ['FREQ=WEEKLY;BYDAY=SA,SU', undefined, 'Every week on Saturday and Sunday'],
    ['FREQ=WEEKLY;BYDAY=MO,WE,FR', undefined, 'Every week on Monday, Wednesday and Friday'],
    ['FREQ=WEEKLY;BYDAY=MO,TU,WE,FR', undefined, 'Every week on Monday to Wednesday and Friday'],
    ['FREQ=WEEKLY', '2024-01-06T09:00:00.000', 'Every week on Saturday'],
    ['FREQ=WEEKLY', undefined, 'Every week'],
    ['FREQ=YEARLY;BYMONTH=12;BYMONTHDAY=25', undefined, 'Every year on 25 December'],
    ['FREQ=YEARLY;BYMONTH=1;BYMONTHDAY=1,2', undefined, 'Every year on 1 and 2 January'],
    ['FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=-1', undefined, 'Every year on the last day of February'],
    ['FREQ=YEARLY;BYMONTH=5;BYDAY=-1MO', undefined, 'Every year on the last Monday of May'],
    ['FREQ=YEARLY', '2024-12-26T00:00:00.000', 'Every year on 26 December'],
    ['FREQ=YEARLY;BYMONTH=7', undefined, 'Every year in July'],
    ['FREQ=DAILY', undefined, 'Every day'],
    ['FREQ=DAILY;INTERVAL=3;COUNT=5', undefined, 'Every 3 days, 5 times'],
    ['FREQ=DAILY;COUNT=1', undefined, 'Every day, once'],
    ['FREQ=DAILY;BYDAY=MO,TU,WE,TH,FR', undefined, 'Every day on Monday to Friday'],
    ['FREQ=MONTHLY;BYMONTHDAY=1,15', undefined, 'Every month on the 1st and 15th'],
    ['FREQ=MONTHLY;BYMONTHDAY=-2', undefined, 'Every month on the 2nd to last day'],
    ['FREQ=MONTHLY;BYDAY=1MO', undefined, 'Every month on the first Monday'],
    ['FREQ=MONTHLY;BYDAY=-2TH', undefined, 'Every month on the second to last Thursday'],
    ['FREQ=MONTHLY;BYDAY=FR;BYMONTHDAY=13', undefined, 'Every month on the 13th, if it is a Friday'],
    ['FREQ=MONTHLY', '2024-03-22T09:00:00.000', 'Every month on the 22nd'],
    ['FREQ=MONTHLY;BYDAY=MO,1FR', undefined, 'Every month on every Monday and the first Friday'],
    ['FREQ=YEARLY;BYMONTH=1;BYDAY=MO', undefined, 'Every year on every Monday in January'],
    ['FREQ=YEARLY;BYDAY=20MO', undefined, 'Every year on the 20th Monday of the year'],
    ['FREQ=YEARLY;BYMONTHDAY=1,-1', undefined, 'Every year on the 1st and last day of every month'],
    ['FREQ=WEEKLY;BYDAY=MO;UNTIL=20241231T235959', undefined, 'Every week on Monday, until 31 December 2024'],
    ['FREQ=WEEKLY;BYDAY=MO;UNTIL=20241231', undefined, 'Every week on Monday, until 31 December 2024'],
    [
      'FREQ=WEEKLY;BYDAY=MO;UNTIL=20241231T120000Z',
      undefined,
      'Every week on Monday, until 31 December 2024 12:00 UTC',
    ],
  ];
  for (const [text, start, sentence] of descriptions) {
    it(`${text}${start === undefined ? '' : ` from ${start}`} → ${sentence}`, () =>
      assert.equal(describeRrule(parsed(text), start), sentence));
  }

  it('describes every rule without throwing', () => {
    fc.assert(
      fc.property(ruleArbitrary, (rule) => {
        assert.match(describeRrule(rule, '2024-01-06T09:00:00.000'), /^Every /);
      }),
    );
  });
});

describe('helpers', () => {
  it('weekdayOf counts from Monday whatever the host zone', () => {
    assert.equal(weekdayOf(2024, 1, 1), 'MO');
    assert.equal(weekdayOf(2024, 1, 6), 'SA');
    assert.equal(weekdayOf(2024, 12, 29), 'SU');
  });

  it('parseMonthDayList reads what people type', () => {
    assert.deepEqual(parseMonthDayList('15, 1 -1'), { ok: true, days: [1, 15, -1] });
    assert.deepEqual(parseMonthDayList(''), { ok: true, days: [] });
    assert.deepEqual(parseMonthDayList('1, 40'), {
      ok: false,
      error: 'BYMONTHDAY: "40" is not a day of the month (1 to 31, or -31 to -1)',
    });
  });
});
