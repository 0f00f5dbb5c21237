import { isCanonicalReference } from '../model/canonical/canonical-reference';
import { PARAMETER_NAME } from './parameter-name';
import { parameterValueProblem, type ParameterType } from './parameter-types';

const MAX_NAME = 64;

/**
 * A first name for a parameter made from a compare's field: the object's name and the field's
 * last name in camel case (`Billing - Voice` and `callingPartyNumber` give
 * `billingVoiceCallingPartyNumber`), an identifier the person may change. Always valid.
 */
export function suggestParameterName(objectKey: string, path: string): string {
  const fields = path.split(/[.[\]"]+/).filter((part) => part !== '' && !/^\d+$/.test(part));
  const field = fields[fields.length - 1] ?? 'value';
  const words = [...wordsOf(objectKey), ...wordsOf(field)];
  let name = words
    .map((word, index) =>
      index === 0 ? word.toLowerCase() : `${word.charAt(0).toUpperCase()}${word.slice(1)}`,
    )
    .join('');
  if (!/^[A-Za-z]/.test(name)) name = `p${name}`;
  name = name.slice(0, MAX_NAME);
  return PARAMETER_NAME.test(name) ? name : 'parameterValue';
}

/** Letters and digits runs; a camel-case field keeps its humps (`callingPartyNumber`). */
function wordsOf(text: string): string[] {
  return text
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .split(/[^A-Za-z0-9]+/)
    .filter((word) => word !== '');
}

/**
 * The type a value most likely is: a reference for a reference, a phone number for an E.164
 * number, an email or URL when it reads as one, a number or true/false for those, else text.
 * Every value given must fit it, so one environment's odd value falls back to text.
 */
export function suggestParameterType(values: readonly unknown[]): ParameterType {
  const present = values.filter((value) => value !== undefined && value !== null);
  const fits = (type: ParameterType) =>
    present.length > 0 && present.every((value) => parameterValueProblem(type, value) === null);
  if (present.length > 0 && present.every((value) => isCanonicalReference(value))) return 'reference';
  for (const type of ['phone', 'email', 'url', 'number', 'boolean'] as const) if (fits(type)) return type;
  return 'string';
}
