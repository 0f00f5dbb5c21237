import './architect-forms.css';
import { ReferenceSetPicker, Section } from './controls';
import { EntryListSection } from './EntryListSection';
import { IdentityFields } from './IdentityFields';
import { fieldTestId, getArray, getAt } from './json-edit';
import type { ObjectFormProps } from './object-form-props';
import { ParameterFormField, ParameterSlot } from './ParameterSlot';
import { ReferenceNameInput } from './ReferenceNameInput';
import { Switch } from './Switch';
import {
  EMERGENCY_FLOW_CATALOG,
  emergencyCallFlows,
  emergencyFlowPath,
  entryIvrsPath,
  entryProblems,
  isEnabled,
  ivrsInSeveralEntries,
  withEmergencyFlow,
  withEnabled,
  withEntryAdded,
  withEntryIvrs,
  withEntryRemoved,
} from './emergencygroup-form-model';
import { referenceName } from './reference-list';

/** An emergency group: while on, its flows answer the calls of the IVRs each names. */
export function EmergencyGroupForm(props: ObjectFormProps) {
  const { value, onChange, catalog } = props;
  const flows = catalog(EMERGENCY_FLOW_CATALOG);
  const ivrs = catalog('architect.ivr');
  const entries = emergencyCallFlows(value);
  const repeated = ivrsInSeveralEntries(value);
  const listPath = ['emergencyCallFlows'] as const;
  return (
    <>
      <IdentityFields form={props} description division />
      <Section title="State">
        <ParameterSlot root={value} path={['enabled']} onChange={onChange} label="Enabled">
          <Switch
            testId={fieldTestId(['enabled'])}
            label="Enabled"
            checked={isEnabled(value)}
            onText="On: its emergency flows answer the IVRs’ calls"
            offText="Off: the IVRs answer as usual"
            onChange={(next) => onChange(withEnabled(value, next))}
          />
        </ParameterSlot>
      </Section>
      <EntryListSection
        title="Emergency call flows"
        root={value}
        onChange={onChange}
        listPath={listPath}
        addLabel="Add emergency flow"
        onAdd={() => onChange(withEntryAdded(value))}
        notes={
          <p className="muted small">
            Each entry is an inbound call flow and the IVRs whose calls it answers while the group is on.
          </p>
        }
        empty={entries.length === 0}
        emptyText="No emergency flows: turning the group on changes no call."
      >
        <ol className="of-entry-list" data-testid={fieldTestId(listPath)}>
          {entries.map((_, index) => {
            const problems = entryProblems(value, index);
            const flowName = referenceName(getAt(value, emergencyFlowPath(index)));
            const title = `Emergency flow ${index + 1}`;
            return (
              // Entries are ordered and carry no identity of their own; the position is the identity.
              <li key={index} className="of-entry" data-testid="emergency-call-flow" data-flow={flowName}>
                <div className="of-entry-head">
                  <strong>{title}</strong>
                  <button
                    type="button"
                    className="link-button"
                    aria-label={`Remove ${title}${flowName === undefined ? '' : ` (${flowName})`}`}
                    data-testid={`${fieldTestId([...listPath, index])}-remove`}
                    onClick={() => onChange(withEntryRemoved(value, index))}
                  >
                    Remove
                  </button>
                </div>
                <ParameterFormField
                  label="Flow"
                  name={`${title}'s flow`}
                  field={`emergencyCallFlows[${index}].emergencyFlow`}
                  hint="An inbound call flow, by name."
                  root={value}
                  path={emergencyFlowPath(index)}
                  onChange={onChange}
                >
                  <ReferenceNameInput
                    path={emergencyFlowPath(index)}
                    refType="architect.flow"
                    value={getAt(value, emergencyFlowPath(index))}
                    names={flows}
                    label={`${title}: flow`}
                    kindText="inbound call flows"
                    onChange={(next) =>
                      onChange(withEmergencyFlow(value, index, referenceName(next) ?? undefined))
                    }
                  />
                </ParameterFormField>
                <div className="of-field-group">
                  <span className="form-field-label">IVRs it answers for</span>
                  <ParameterSlot
                    root={value}
                    path={entryIvrsPath(index)}
                    onChange={onChange}
                    label={`${title}'s IVRs`}
                    offer={false}
                  >
                    <ReferenceSetPicker
                      path={entryIvrsPath(index)}
                      refType="architect.ivr"
                      list={getArray(value, entryIvrsPath(index))}
                      names={ivrs}
                      emptyText="No IVRs in the target."
                      onChange={(next) => onChange(withEntryIvrs(value, index, next))}
                    />
                  </ParameterSlot>
                </div>
                {problems.length > 0 && (
                  <ul className="of-entry-problems" data-testid="emergency-call-flow-problems">
                    {problems.map((problem) => (
                      <li key={problem} className="field-warning">
                        {problem}
                      </li>
                    ))}
                  </ul>
                )}
              </li>
            );
          })}
        </ol>
        {repeated.length > 0 && (
          <p className="field-warning" data-testid="emergency-ivrs-repeated">
            {repeated.map((name) => `“${name}”`).join(', ')} {repeated.length === 1 ? 'is' : 'are'} in more
            than one entry: keep each IVR in one, so it is clear which flow answers its calls.
          </p>
        )}
      </EntryListSection>
    </>
  );
}
