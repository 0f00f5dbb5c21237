import {
  isJsonObject,
  type JsonObject,
  type JsonValue,
} from '../../../../../shared/model/canonical/json-value';
import { compareCodeUnits, stableStringify } from '../../../../../shared/model/canonical/stable-stringify';
import { dnisSchema } from '../../../../../shared/model/object-types/architect-ivr';
import type { Group } from '../../../../../shared/model/object-types/directory-group';
import { getArray, getString, setAt, type Path } from './json-edit';
import type { FieldReading } from './field-reading';

type GroupKind = NonNullable<Group['type']>;
type Visibility = NonNullable<Group['visibility']>;
type ContactType = NonNullable<NonNullable<Group['addresses']>[number]['type']>;

// Keyed by the schema's own enums: a value added there without a label here fails to compile.
const KIND_LABELS: Record<GroupKind, string> = { official: 'Official', social: 'Social' };
const VISIBILITY_LABELS: Record<Visibility, string> = {
  public: 'Everyone in the org',
  owners: 'Its owners',
  members: 'Its members',
};
const CONTACT_LABELS: Record<ContactType, string> = {
  GROUPRING: 'Group ring (rings every member)',
  GROUPPHONE: 'Group phone',
};

function choices<T extends string>(labels: Record<T, string>): { value: T; label: string }[] {
  return (Object.keys(labels) as T[]).map((value) => ({ value, label: labels[value] }));
}

export const GROUP_KINDS = choices(KIND_LABELS);
export const VISIBILITIES = choices(VISIBILITY_LABELS);
export const CONTACT_TYPES = choices(CONTACT_LABELS);

/** The group's switches, worded as the SDK's `GroupUpdate` describes them. */
export const GROUP_FLAGS = [
  { field: 'rulesVisible', label: 'Membership rules are visible to whoever views the group' },
  { field: 'rolesEnabled', label: 'Roles can be assigned to the group' },
  { field: 'includeOwners', label: 'Owners count as members' },
  { field: 'callsEnabled', label: 'Calls can be placed to the group' },
] as const;

const ADDRESSES = ['addresses'] as const;

export function addressPath(index: number, field: string): Path {
  return [...ADDRESSES, index, field];
}

export function addresses(group: JsonObject): readonly JsonValue[] {
  return getArray(group, ADDRESSES) ?? [];
}

/** Sorted as canonicalize sorts the list (`sortBy: 'address'`), ties by canonical text. */
function canonicalOrder(list: readonly JsonValue[]): JsonValue[] {
  const keyed = list.map((element) => ({ element, key: getString(element, ['address']) ?? '' }));
  keyed.sort(
    (left, right) =>
      compareCodeUnits(left.key, right.key) ||
      compareCodeUnits(stableStringify(left.element), stableStringify(right.element)),
  );
  return keyed.map(({ element }) => element);
}

/** A number typed for the group: any non-blank text (Genesys takes more than E.164 here), trimmed. */
export function readAddress(text: string): FieldReading<string> {
  const number = text.trim();
  return number === ''
    ? { ok: false, error: 'Type the number, e.g. +443306001000' }
    : { ok: true, value: number };
}

/**
 * Advice, not a refusal: a number not in E.164 is accepted by Genesys but reads differently in
 * each org's snapshot, so compares would show it apart. Null when it is E.164 (or not a string).
 */
export function addressAdvice(value: JsonValue | undefined): string | null {
  if (typeof value !== 'string' || dnisSchema.safeParse(value).success) return null;
  return `Written as E.164 (a +, the country code, then digits, e.g. +443306001000) it compares alike in every org.`;
}

/** Adds a phone contact where canonical form puts it; a blank number adds nothing. */
export function withAddressAdded(group: JsonObject, text: string, type: ContactType): JsonObject {
  const parsed = readAddress(text);
  if (!parsed.ok) return group;
  const contact: JsonObject = { address: parsed.value, mediaType: 'PHONE', type };
  return setAt(group, ADDRESSES, canonicalOrder([...addresses(group), contact]));
}

/** Changes one field of a contact in place (re-sorting would move the row while it is typed in). */
export function withAddressField(
  group: JsonObject,
  index: number,
  field: string,
  value: JsonValue | undefined,
): JsonObject {
  return setAt(group, addressPath(index, field), value);
}

/** Removes a contact; the last one removed removes the list. */
export function withAddressRemoved(group: JsonObject, index: number): JsonObject {
  const rest = addresses(group).filter((_, at) => at !== index);
  return setAt(group, ADDRESSES, rest.length === 0 ? undefined : rest);
}

export function contactType(group: JsonObject, index: number): string | undefined {
  const contact = addresses(group)[index];
  return isJsonObject(contact) ? getString(contact, ['type']) : undefined;
}
