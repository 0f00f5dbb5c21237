import {
  describeRrule,
  formatRrule,
  FREQUENCIES,
  MONTH_NAMES,
  parseMonthDayList,
  parseRrule,
  WEEKDAY_NAMES,
  WEEKDAYS,
  type Frequency,
  type RecurrenceRule,
} from '../../../../../shared/schedule/rrule';
import { Checkbox, NumberInput, ParsedTextInput, type Parsed } from './controls';
import {
  dateInputToUntil,
  ruleForFrequency,
  sharedPosition,
  untilToDateInput,
  withCount,
  withMonth,
  withPosition,
  withUntil,
  withWeekday,
} from './schedule-form-model';

interface RruleBuilderProps {
  /** The schedule's `rrule`; undefined when it does not repeat. */
  value: string | undefined;
  /** The schedule's start, which fills in the day a rule leaves implicit. */
  start: string | undefined;
  onChange(next: string | undefined): void;
}

const FREQUENCY_LABELS: Record<Frequency, string> = {
  DAILY: 'Daily',
  WEEKLY: 'Weekly',
  MONTHLY: 'Monthly',
  YEARLY: 'Yearly',
};

const UNIT_LABELS: Record<Frequency, string> = {
  DAILY: 'day(s)',
  WEEKLY: 'week(s)',
  MONTHLY: 'month(s)',
  YEARLY: 'year(s)',
};

const POSITIONS: readonly { ordinal: number | undefined; label: string }[] = [
  { ordinal: undefined, label: 'every' },
  { ordinal: 1, label: 'the first' },
  { ordinal: 2, label: 'the second' },
  { ordinal: 3, label: 'the third' },
  { ordinal: 4, label: 'the fourth' },
  { ordinal: -1, label: 'the last' },
];

const NONE = 'none';
const CUSTOM = 'custom';

export function RruleBuilder({ value, start, onChange }: RruleBuilderProps) {
  const parsed = value === undefined ? undefined : parseRrule(value);
  const rule = parsed?.ok ? parsed.rule : undefined;
  const unreadable = parsed !== undefined && !parsed.ok;
  const write = (next: RecurrenceRule) => onChange(formatRrule(next));

  const chooseFrequency = (choice: string) => {
    if (choice === NONE) onChange(undefined);
    else {
      const freq = FREQUENCIES.find((candidate) => candidate === choice);
      if (freq !== undefined && freq !== rule?.freq) write(ruleForFrequency(freq, rule, start));
    }
  };

  return (
    <div className="of-rrule" data-testid="rrule-builder">
      <div className="of-rrule-row">
        <label className="of-inline-field">
          <span className="form-field-label">Repeats</span>
          <select
            value={unreadable ? CUSTOM : (rule?.freq ?? NONE)}
            disabled={unreadable}
            data-testid="field-rrule-freq"
            onChange={(event) => chooseFrequency(event.target.value)}
          >
            {unreadable && <option value={CUSTOM}>Custom rule</option>}
            <option value={NONE}>Does not repeat</option>
            {FREQUENCIES.map((freq) => (
              <option key={freq} value={freq}>
                {FREQUENCY_LABELS[freq]}
              </option>
            ))}
          </select>
        </label>
        {rule && (
          <label className="of-inline-field">
            <span className="form-field-label">Every</span>
            <span className="of-unit-input">
              <NumberInput
                testId="field-rrule-interval"
                value={rule.interval}
                min={1}
                integer
                required
                onChange={(interval) => write({ ...rule, interval: interval ?? 1 })}
              />
              <span>{UNIT_LABELS[rule.freq]}</span>
            </span>
          </label>
        )}
      </div>

      {rule && <DayChoices rule={rule} onChange={write} />}

      {rule && (
        <div className="of-rrule-row">
          <label className="of-inline-field">
            <span className="form-field-label">Ends after (occurrences)</span>
            <NumberInput
              testId="field-rrule-count"
              value={rule.count}
              min={1}
              integer
              placeholder="never"
              onChange={(count) => write(withCount(rule, count))}
            />
          </label>
          <label className="of-inline-field">
            <span className="form-field-label">or ends on</span>
            <input
              type="date"
              value={untilToDateInput(rule.until)}
              data-testid="field-rrule-until"
              onChange={(event) => write(withUntil(rule, dateInputToUntil(event.target.value, rule.until)))}
            />
          </label>
        </div>
      )}

      <p className="of-rrule-preview" data-testid="rrule-preview">
        {rule
          ? describeRrule(rule, start)
          : unreadable
            ? 'A custom rule, shown as text below'
            : 'Does not repeat'}
      </p>

      {unreadable && (
        <p className="warning-text small">The builder cannot show this rule; edit it as text below.</p>
      )}

      <details className="of-rrule-advanced" open={unreadable}>
        <summary>Advanced: the rule as text</summary>
        <label className="form-field">
          <span className="field-hint muted small">
            RFC 5545 RRULE, e.g. FREQ=WEEKLY;BYDAY=MO,TU,WE,TH,FR. Empty means the schedule does not repeat.
          </span>
          <ParsedTextInput<string | undefined>
            testId="field-rrule"
            className="of-mono"
            value={value}
            format={(text) => text ?? ''}
            parse={readRuleText}
            equals={sameRuleText}
            onChange={onChange}
          />
        </label>
      </details>
    </div>
  );
}

function readRuleText(text: string): Parsed<string | undefined> {
  if (text.trim() === '') return { ok: true, value: undefined };
  const parsed = parseRrule(text);
  return parsed.ok ? { ok: true, value: formatRrule(parsed.rule) } : parsed;
}

// Texts are the same rule when they read the same: typing a part in another order, or in lower
// case, must not be mistaken for a change (nor the stored text replaced while typing).
function sameRuleText(left: string | undefined, right: string | undefined): boolean {
  if (left === right) return true;
  if (left === undefined || right === undefined) return false;
  const [a, b] = [readRuleText(left), readRuleText(right)];
  return a.ok && b.ok && a.value === b.value;
}

function readMonthDays(text: string): Parsed<number[]> {
  const parsed = parseMonthDayList(text);
  return parsed.ok ? { ok: true, value: parsed.days } : parsed;
}

interface DayChoicesProps {
  rule: RecurrenceRule;
  onChange(next: RecurrenceRule): void;
}

/**
 * The day choices that fit the frequency, plus any the rule already holds (a daily rule limited
 * to weekdays), so nothing in the rule is hidden from view.
 */
function DayChoices({ rule, onChange }: DayChoicesProps) {
  const positioned = rule.freq === 'MONTHLY' || rule.freq === 'YEARLY';
  const showWeekdays = rule.freq !== 'DAILY' || rule.byDay.length > 0;
  const showMonthDays = positioned || rule.byMonthDay.length > 0;
  const showMonths = rule.freq === 'YEARLY' || rule.byMonth.length > 0;
  const position = sharedPosition(rule.byDay);
  const ordinal = position.mixed ? undefined : position.ordinal;
  const positions =
    ordinal === undefined || POSITIONS.some((choice) => choice.ordinal === ordinal)
      ? POSITIONS
      : [...POSITIONS, { ordinal, label: `position ${ordinal}` }];

  return (
    <>
      {showWeekdays && (
        <fieldset className="of-rrule-days">
          <legend>{positioned ? 'On weekdays' : 'On'}</legend>
          {positioned && (
            <select
              className="of-position"
              aria-label="Which of the month's weekdays"
              value={ordinal === undefined ? '' : String(ordinal)}
              disabled={position.mixed}
              data-testid="field-rrule-byday-position"
              onChange={(event) =>
                onChange(
                  withPosition(rule, event.target.value === '' ? undefined : Number(event.target.value)),
                )
              }
            >
              {positions.map((choice) => (
                <option key={choice.label} value={choice.ordinal === undefined ? '' : String(choice.ordinal)}>
                  {choice.label}
                </option>
              ))}
            </select>
          )}
          {WEEKDAYS.map((weekday) => (
            <Checkbox
              key={weekday}
              testId={`field-rrule-byday-${weekday}`}
              label={WEEKDAY_NAMES[weekday].slice(0, 3)}
              ariaLabel={WEEKDAY_NAMES[weekday]}
              checked={rule.byDay.some((day) => day.weekday === weekday)}
              onChange={(selected) =>
                !position.mixed && onChange(withWeekday(rule, weekday, selected, ordinal))
              }
            />
          ))}
          {position.mixed && (
            <span className="muted small">Different positions per weekday: edit them as text below.</span>
          )}
        </fieldset>
      )}
      {showMonthDays && (
        <label className="of-inline-field">
          <span className="form-field-label">On days of the month</span>
          <ParsedTextInput<number[]>
            testId="field-rrule-bymonthday"
            value={rule.byMonthDay}
            placeholder="e.g. 1, 15, -1 (last)"
            format={(days) => days.join(', ')}
            parse={readMonthDays}
            equals={(left, right) => left.join() === right.join()}
            onChange={(byMonthDay) => onChange({ ...rule, byMonthDay })}
          />
        </label>
      )}
      {showMonths && (
        <fieldset className="of-rrule-months">
          <legend>In months</legend>
          {MONTH_NAMES.map((name, index) => (
            <Checkbox
              key={name}
              testId={`field-rrule-bymonth-${index + 1}`}
              label={name.slice(0, 3)}
              ariaLabel={name}
              checked={rule.byMonth.includes(index + 1)}
              onChange={(selected) => onChange(withMonth(rule, index + 1, selected))}
            />
          ))}
        </fieldset>
      )}
    </>
  );
}
