import { FerryError } from '../../../../shared/api/api-error';
import {
  objectTypeIds,
  unmanagedReferenceTypeIds,
} from '../../../../shared/model/object-types/object-type-definition';
import { referenceTypeLabel } from '../../../../shared/model/object-types/unmanaged-reference-types';
import {
  parameterTypeLabels,
  parameterTypes,
  type ParameterType,
} from '../../../../shared/parameters/parameter-types';
import type { MappingView, ParameterView } from '../../../../shared/parameters/parameters-view';

/** What the Parameters tab's value field looks like and says for each type. */
export interface ValueFieldShape {
  /** `password` for a secret: typed, never shown, never echoed back. */
  input: 'text' | 'password' | 'boolean';
  placeholder: string;
  hint: string;
}

const VALUE_FIELDS: Readonly<Record<ParameterType, ValueFieldShape>> = {
  string: { input: 'text', placeholder: 'Billing', hint: 'Any text.' },
  number: { input: 'text', placeholder: '30', hint: 'A number, e.g. 30 or 0.8.' },
  boolean: { input: 'boolean', placeholder: '', hint: 'True or false.' },
  phone: {
    input: 'text',
    placeholder: '+442079460000',
    hint: 'E.164: + then the country code and number, digits only, e.g. +442079460000.',
  },
  email: {
    input: 'text',
    placeholder: 'billing@example.com',
    hint: 'An email address, e.g. billing@example.com.',
  },
  url: {
    input: 'text',
    placeholder: 'https://api.example.com/v1',
    hint: 'An http or https URL, e.g. https://api.example.com/v1.',
  },
  reference: {
    input: 'text',
    placeholder: 'authorization.division:Customer Care',
    hint: 'An object written <type>:<name>, e.g. authorization.division:Customer Care.',
  },
  secret: {
    input: 'password',
    placeholder: '',
    hint: 'Kept in this machine’s vault, never in the workspace. A pipeline gives it as FERRY_PARAM_<ENV>_<NAME>.',
  },
};

export function valueFieldShape(type: ParameterType): ValueFieldShape {
  return VALUE_FIELDS[type];
}

export const parameterTypeOptions: readonly { value: ParameterType; label: string }[] = parameterTypes.map(
  (type) => ({ value: type, label: parameterTypeLabels[type] }),
);

export function isParameterType(value: string): value is ParameterType {
  return (parameterTypes as readonly string[]).includes(value);
}

/** Every type a reference can point at, managed first: what a mapping may rename. */
export const referenceTypeOptions: readonly { value: string; label: string }[] = [
  ...objectTypeIds,
  ...unmanagedReferenceTypeIds,
].map((type) => ({ value: type, label: `${referenceTypeLabel(type)} (${type})` }));

/** A parameter's value as the list shows it: a secret only says whether this machine holds it. */
export function shownValue(parameter: ParameterView): string {
  if (parameter.type === 'secret')
    return parameter.hasValue ? 'set on this machine' : 'not set on this machine';
  return parameter.value ?? '';
}

/** The person and time that last set a parameter, as one line; empty when the file does not say. */
export function setByLine(parameter: ParameterView): string {
  const when = parameter.setAt === undefined ? '' : parameter.setAt.slice(0, 10);
  if (parameter.setBy === undefined) return when;
  return when === '' ? parameter.setBy : `${parameter.setBy}, ${when}`;
}

/**
 * The text the value field starts with when a person picks a parameter to change: its value as
 * shown, except a secret's, which the tab never has.
 */
export function editText(parameter: ParameterView): string {
  return parameter.type === 'secret' ? '' : (parameter.value ?? '');
}

/** The refusal to unset a parameter changesets use: what the tab needs to offer "Unset anyway". */
export interface InUseRefusal {
  name: string;
  message: string;
  changesets: string[];
}

/** The in-use refusal in `error`, or null when the error is anything else. */
export function inUseRefusal(name: string, error: unknown): InUseRefusal | null {
  if (!(error instanceof FerryError) || error.code !== 'parameter.in-use') return null;
  const listed = error.details?.changesets;
  const changesets = Array.isArray(listed)
    ? listed.filter((item): item is string => typeof item === 'string')
    : [];
  return { name, message: error.message, changesets };
}

/**
 * The refusal in the tab's words: the server's says "--force", which is the CLI's; the tab offers a
 * button instead. Without the list of changesets, the server's message is all there is.
 */
export function inUseText(refusal: InUseRefusal, environment: string): string {
  if (refusal.changesets.length === 0) return refusal.message;
  const plural = refusal.changesets.length === 1 ? 'changeset' : 'changesets';
  return `${refusal.name} is used by the ${plural} ${refusal.changesets.join(', ')}: their next plan to ${environment} would stop for want of it. Change those changesets first, or unset it anyway.`;
}

/** Mappings grouped by type in the list's order, types and names sorted. */
export function mappingGroups(
  mappings: readonly MappingView[],
): { type: string; label: string; mappings: MappingView[] }[] {
  const byType = new Map<string, MappingView[]>();
  for (const mapping of mappings) byType.set(mapping.type, [...(byType.get(mapping.type) ?? []), mapping]);
  return [...byType.entries()]
    .sort(([left], [right]) => left.localeCompare(right))
    .map(([type, list]) => ({
      type,
      label: referenceTypeLabel(type),
      mappings: [...list].sort((left, right) => left.from.localeCompare(right.from)),
    }));
}
