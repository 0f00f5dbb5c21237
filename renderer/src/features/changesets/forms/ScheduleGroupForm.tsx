import { useId } from 'react';
import { ParsedTextInput, ReferenceSetPicker, Section, type Parsed } from './controls';
import { ParameterFormField, ParameterSlot } from './ParameterSlot';
import { IdentityFields } from './IdentityFields';
import { getArray, getString, setAt } from './json-edit';
import type { ObjectFormProps } from './object-form-props';
import { SCHEDULE_LISTS, timeZones, typedTimeZone } from './schedulegroup-form-model';

function readTimeZone(text: string): Parsed<string | undefined> {
  if (text.trim() === '') return { ok: true, value: undefined };
  const zone = typedTimeZone(text);
  return zone === undefined
    ? { ok: false, error: `"${text}" is not a time zone` }
    : { ok: true, value: zone };
}

export function ScheduleGroupForm(props: ObjectFormProps) {
  const { value, onChange, catalog } = props;
  const schedules = catalog('architect.schedule');
  const zoneListId = useId();
  return (
    <>
      <IdentityFields form={props} description division />
      <ParameterFormField
        label="Time zone"
        field="timeZone"
        hint="Type to search, e.g. Europe/London"
        root={value}
        path={['timeZone']}
        onChange={onChange}
      >
        <ParsedTextInput<string | undefined>
          testId="field-timeZone"
          value={getString(value, ['timeZone'])}
          list={zoneListId}
          placeholder="Europe/London"
          format={(zone) => zone ?? ''}
          parse={readTimeZone}
          onChange={(next) => onChange(setAt(value, ['timeZone'], next))}
        />
        <datalist id={zoneListId}>
          {timeZones().map((zone) => (
            <option key={zone} value={zone} />
          ))}
        </datalist>
      </ParameterFormField>
      {SCHEDULE_LISTS.map(({ field, label }) => (
        <Section key={field} title={label}>
          <ParameterSlot root={value} path={[field]} onChange={onChange} label={label} offer={false}>
            <ReferenceSetPicker
              path={[field]}
              refType="architect.schedule"
              list={getArray(value, [field])}
              names={schedules}
              emptyText="No schedules in the target."
              onChange={(next) => onChange(setAt(value, [field], next))}
            />
          </ParameterSlot>
        </Section>
      ))}
    </>
  );
}
