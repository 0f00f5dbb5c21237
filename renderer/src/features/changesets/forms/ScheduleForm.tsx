import { Section } from './controls';
import { ParameterFormField, ParameterSlot } from './ParameterSlot';
import { IdentityFields } from './IdentityFields';
import { fieldTestId, getString, setAt } from './json-edit';
import type { ObjectFormProps } from './object-form-props';
import { RruleBuilder } from './RruleBuilder';
import { canonicalToDateTimeInput, dateTimeInputToCanonical } from './schedule-form-model';

export function ScheduleForm(props: ObjectFormProps) {
  const { value, onChange } = props;
  const start = getString(value, ['start']);
  const end = getString(value, ['end']);
  // Both are written in the same fixed-width form, so text order is time order.
  const endsBeforeStart = start !== undefined && end !== undefined && end < start;
  return (
    <>
      <IdentityFields form={props} description division />
      <Section title="When">
        <p className="muted small">
          Local times, in the time zone of the schedule group that uses the schedule.
        </p>
        <div className="form-grid">
          {(['start', 'end'] as const).map((field) => (
            <ParameterFormField
              key={field}
              label={field === 'start' ? 'Starts' : 'Ends'}
              field={field}
              error={field === 'end' && endsBeforeStart ? 'The end is before the start' : undefined}
              root={value}
              path={[field]}
              onChange={onChange}
            >
              <input
                type="datetime-local"
                // Whole seconds: schedules commonly end at 23:59:59.
                step={1}
                value={canonicalToDateTimeInput(getString(value, [field]))}
                data-testid={fieldTestId([field])}
                onChange={(event) =>
                  onChange(setAt(value, [field], dateTimeInputToCanonical(event.target.value)))
                }
              />
            </ParameterFormField>
          ))}
        </div>
        <ParameterSlot root={value} path={['rrule']} onChange={onChange} label="Repeats" words={['rule']}>
          <RruleBuilder
            value={getString(value, ['rrule'])}
            start={start}
            onChange={(next) => onChange(setAt(value, ['rrule'], next))}
          />
        </ParameterSlot>
      </Section>
    </>
  );
}
