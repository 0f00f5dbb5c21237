import './architect-forms.css';
import { useId, useState, type KeyboardEvent } from 'react';
import { Checkbox, EnumSelect, ParsedTextInput, Section, TextInput } from './controls';
import { FormField } from '../../environments/FormField';
import { IdentityFields } from './IdentityFields';
import { fieldTestId, getAt, getBoolean, getString, setAt, type Path } from './json-edit';
import type { ObjectFormProps } from './object-form-props';
import { ParameterFormField, ParameterSlot } from './ParameterSlot';
import {
  addressAdvice,
  addresses,
  addressPath,
  CONTACT_TYPES,
  contactType,
  GROUP_FLAGS,
  GROUP_KINDS,
  readAddress,
  VISIBILITIES,
  withAddressAdded,
  withAddressField,
  withAddressRemoved,
} from './group-form-model';

/** A group (not its members, who are people): who sees it, what it allows, and its phone numbers. */
export function GroupForm(props: ObjectFormProps) {
  const { value, onChange, keyLocked } = props;
  const kind = getString(value, ['type']);
  return (
    <>
      <IdentityFields form={props} description />
      <Section title="Group">
        <div className="form-grid">
          {keyLocked ? (
            <FormField
              label="Type"
              field="type"
              hint="Genesys does not change a group’s type once it exists."
            >
              <input
                value={GROUP_KINDS.find((choice) => choice.value === kind)?.label ?? kind ?? ''}
                disabled
              />
            </FormField>
          ) : (
            <FormField label="Type" field="type">
              <EnumSelect
                path={['type']}
                value={kind}
                options={GROUP_KINDS}
                onChange={(next) => onChange(setAt(value, ['type'], next))}
              />
            </FormField>
          )}
          <ParameterFormField
            label="Who can see it"
            field="visibility"
            root={value}
            path={['visibility']}
            onChange={onChange}
          >
            <EnumSelect
              path={['visibility']}
              value={getString(value, ['visibility'])}
              options={VISIBILITIES}
              onChange={(next) => onChange(setAt(value, ['visibility'], next))}
            />
          </ParameterFormField>
        </div>
        <div className="of-field-group">
          {GROUP_FLAGS.map(({ field, label }) => (
            <Checkbox
              key={field}
              testId={fieldTestId([field])}
              checked={getBoolean(value, [field]) ?? false}
              label={label}
              onChange={(on) => onChange(setAt(value, [field], on))}
            />
          ))}
        </div>
      </Section>
      <PhoneNumbers {...props} />
    </>
  );
}

/** The group's phone contacts: each org has its own numbers, so each may be a parameter. */
function PhoneNumbers({ value, onChange }: ObjectFormProps) {
  const list = addresses(value);
  const listPath: Path = ['addresses'];
  const testId = fieldTestId(listPath);
  const [draft, setDraft] = useState('');
  const [type, setType] = useState<string>('GROUPRING');
  const [tried, setTried] = useState(false);
  const numberId = useId();
  const errorId = useId();
  const reading = readAddress(draft);
  const problem = tried && !reading.ok ? reading.error : null;
  const add = () => {
    setTried(true);
    if (!reading.ok) return;
    onChange(withAddressAdded(value, draft, type === 'GROUPPHONE' ? 'GROUPPHONE' : 'GROUPRING'));
    setDraft('');
    setTried(false);
  };
  const onKeyDown = (event: KeyboardEvent<HTMLInputElement>) => {
    if (event.key !== 'Enter') return;
    event.preventDefault();
    add();
  };
  return (
    <Section title="Phone numbers">
      <p className="muted small">
        The numbers the group can be rung on. Each org owns its own: make a number a parameter where each
        environment gives its own value.
      </p>
      {list.length === 0 && <p className="muted small">No numbers.</p>}
      <ul className="of-number-list" data-testid={testId}>
        {list.map((_, index) => {
          const title = `Number ${index + 1}`;
          const numberPath = addressPath(index, 'address');
          const advice = addressAdvice(getAt(value, numberPath));
          return (
            // Edited in place; the position is the identity while the list is open.
            <li key={index} data-testid="group-address">
              <EnumSelect
                path={addressPath(index, 'type')}
                label={`${title}: kind`}
                value={contactType(value, index)}
                options={CONTACT_TYPES}
                onChange={(next) => onChange(withAddressField(value, index, 'type', next))}
              />
              <ParameterSlot root={value} path={numberPath} onChange={onChange} label={title}>
                <div className="of-number-field">
                  <ParsedTextInput<string | undefined>
                    testId={fieldTestId(numberPath)}
                    label={title}
                    value={getString(value, numberPath)}
                    format={(number) => number ?? ''}
                    parse={readAddress}
                    onChange={(next) => onChange(withAddressField(value, index, 'address', next))}
                  />
                  {advice !== null && <span className="field-warning">{advice}</span>}
                </div>
              </ParameterSlot>
              <TextInput
                path={addressPath(index, 'extension')}
                label={`${title}: extension`}
                placeholder="Extension"
                value={getString(value, addressPath(index, 'extension'))}
                onChange={(next) => onChange(withAddressField(value, index, 'extension', next))}
              />
              <button
                type="button"
                className="link-button"
                aria-label={`Remove ${title}`}
                data-testid={`${fieldTestId([...listPath, index])}-remove`}
                onClick={() => onChange(withAddressRemoved(value, index))}
              >
                Remove
              </button>
            </li>
          );
        })}
      </ul>
      <div className="of-number-add">
        <select
          className="of-number-add-kind"
          aria-label="Kind of the new number"
          value={type}
          onChange={(event) => setType(event.target.value)}
        >
          {CONTACT_TYPES.map((choice) => (
            <option key={choice.value} value={choice.value}>
              {choice.label}
            </option>
          ))}
        </select>
        <div className="of-number-add-field">
          <label htmlFor={numberId} className="form-field-label">
            Add a number
          </label>
          <input
            id={numberId}
            value={draft}
            inputMode="tel"
            autoComplete="off"
            placeholder="+443306001000"
            aria-invalid={problem !== null || undefined}
            aria-describedby={problem === null ? undefined : errorId}
            data-testid={`${testId}-new`}
            onChange={(event) => setDraft(event.target.value)}
            onKeyDown={onKeyDown}
          />
          {problem !== null && (
            <span id={errorId} className="field-error">
              {problem}
            </span>
          )}
        </div>
        <button type="button" data-testid={`${testId}-add`} onClick={add}>
          Add number
        </button>
      </div>
    </Section>
  );
}
