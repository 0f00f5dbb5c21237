import { FormField } from '../../environments/FormField';
import { getAt, getString, setAt } from './json-edit';
import { ReferenceSelect, TextInput } from './controls';
import type { ObjectFormProps } from './object-form-props';
import { ParameterFormField } from './ParameterSlot';

interface IdentityFieldsProps {
  form: ObjectFormProps;
  description?: boolean;
  division?: boolean;
}

/** Name, description and division: the fields most types share, in the same place on every form. */
export function IdentityFields({ form, description = false, division = false }: IdentityFieldsProps) {
  const { value, onChange, catalog, keyLocked } = form;
  return (
    <div className="of-identity">
      <div className="form-grid">
        <FormField
          label="Name"
          field="name"
          hint={
            keyLocked
              ? 'The name identifies the object across orgs; renaming is a separate change.'
              : undefined
          }
        >
          <TextInput
            path={['name']}
            value={getString(value, ['name'])}
            disabled={keyLocked}
            onChange={(next) => onChange(setAt(value, ['name'], next))}
          />
        </FormField>
        {division && (
          <ParameterFormField
            label="Division"
            field="division"
            root={value}
            path={['division']}
            onChange={onChange}
          >
            <ReferenceSelect
              path={['division']}
              refType="authorization.division"
              value={getAt(value, ['division'])}
              names={catalog('authorization.division')}
              onChange={(next) => onChange(setAt(value, ['division'], next))}
            />
          </ParameterFormField>
        )}
      </div>
      {description && (
        <ParameterFormField
          label="Description"
          field="description"
          root={value}
          path={['description']}
          onChange={onChange}
        >
          <TextInput
            path={['description']}
            value={getString(value, ['description'])}
            multiline
            onChange={(next) => onChange(setAt(value, ['description'], next))}
          />
        </ParameterFormField>
      )}
    </div>
  );
}
