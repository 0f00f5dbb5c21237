import type { ObjectTypeDefinition } from '../object-types/object-type-definition';
import { deleteJsonField, isJsonObject, type JsonObject } from './json-value';

/**
 * Status fields (`ObjectTypeDefinition.statusFields`): state of one org that a snapshot keeps for
 * people (which version of a flow is live, who has it checked out) and that nothing compares or
 * writes. A snapshot keeps each reduced to what a person reads, never an org's ids:
 * `publishedVersion: {id}` (a version number, the same kind of value in every org) and
 * `lockedUser: {name}` (`lockedClient`: see below).
 */
const KEPT_FIELD: Readonly<Record<string, string>> = { publishedVersion: 'id', lockedUser: 'name' };

/**
 * A flow checked out by an OAuth client (`lockedClient`): kept by the client's name, or by its id
 * when the org gives none, since a client is known by its id in the org's admin (OAuth clients),
 * unlike a person, and nothing else says which script or tool holds the flow.
 */
const CLIENT_LOCK_FIELD = 'lockedClient';

/** Someone holds the flow but the org did not say who: still shown as held (and still blocks). */
export const UNNAMED_HOLDER = '(a user the org did not name)';

/** Reduces the status fields of a canonical value in place (canonicalize). */
export function reduceStatusFields(
  value: JsonObject,
  type: Pick<ObjectTypeDefinition, 'statusFields'>,
): void {
  for (const field of type.statusFields ?? []) {
    if (!Object.hasOwn(value, field)) continue;
    const status = value[field];
    const kept = KEPT_FIELD[field] ?? 'name';
    if (!isJsonObject(status)) {
      deleteJsonField(value, field);
      continue;
    }
    const shown = status[kept];
    const clientId = field === CLIENT_LOCK_FIELD ? status.id : undefined;
    if (typeof shown === 'string' && shown !== '') value[field] = { [kept]: shown };
    else if (typeof clientId === 'string' && clientId !== '') value[field] = { id: clientId };
    else if (kept === 'name' && Object.keys(status).length > 0) value[field] = { name: UNNAMED_HOLDER };
    else deleteJsonField(value, field);
  }
}

/**
 * The value without its status fields: what a diff, a changeset body, a write and a package's
 * compare see. A copy when there is anything to drop, the value itself otherwise.
 */
export function withoutStatusFields(
  value: JsonObject,
  type: Pick<ObjectTypeDefinition, 'statusFields'>,
): JsonObject {
  const fields = (type.statusFields ?? []).filter((field) => Object.hasOwn(value, field));
  if (fields.length === 0) return value;
  const copy: JsonObject = { ...value };
  for (const field of fields) deleteJsonField(copy, field);
  return copy;
}
