import { IdentityFields } from './IdentityFields';
import type { ObjectFormProps } from './object-form-props';

/** Which shared fields each of the small types has (languages are not divisioned). */
export const SIMPLE_FORM_FIELDS: Readonly<Record<string, { description: boolean; division: boolean }>> = {
  'routing.skill': { description: false, division: true },
  'routing.language': { description: false, division: false },
  'routing.wrapupcode': { description: true, division: true },
  'authorization.division': { description: true, division: false },
  'routing.utilizationlabel': { description: false, division: false },
};

export function SimpleObjectForm(props: ObjectFormProps) {
  const fields = SIMPLE_FORM_FIELDS[props.type] ?? { description: false, division: false };
  return <IdentityFields form={props} description={fields.description} division={fields.division} />;
}
