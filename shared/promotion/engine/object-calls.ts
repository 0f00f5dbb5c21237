import type { UnresolvedReference } from '../../model/canonical/canonical-reference';
import { isJsonObject, type JsonObject, type JsonValue } from '../../model/canonical/json-value';
import { materialize, type MaterializedObject } from '../../model/canonical/materialize';
import { stableStringify } from '../../model/canonical/stable-stringify';
import { DATA_TABLE_ROW_KEY } from '../../model/object-types/flows-datatable';
import type {
  ObjectTypeDefinition,
  ObjectTypeId,
  SubResource,
} from '../../model/object-types/object-type-definition';
import { getObjectType } from '../../model/object-types/registry';
import { referenceTypeLabel } from '../../model/object-types/unmanaged-reference-types';
import type { ApiCall } from '../../model/plan';
import { idPlaceholder } from './id-placeholder';
import type { ObjectCalls, ObjectCallsInput } from './object-calls-input';
import { promptResourceCalls } from './prompt-resource-calls';
import { flowCalls } from './flow-calls';
import { FerryError } from '../../api/api-error';
import {
  describeMissingConfigurationReference,
  materializeConfiguration,
} from '../../flows/flow-configuration';
import { identityOf } from '../../model/canonical/configuration-field';
import { withoutStatusFields } from '../../model/canonical/status-fields';
import { keyFields } from '../../model/object-types/object-key';
import { ModelErrorCode } from '../../model/object-types/model-error-codes';
import { actionCalls } from './action-calls';
import { integrationCalls, withoutCredentialFields } from './action-integration-calls';
import { ID_SHAPED, refuseForeignIdsInConfiguration } from './configuration-foreign-ids';
import { inlineCredentialPath } from './inline-credentials';

/** Types whose PUT must carry the object's current version (Architect's optimistic locking). */
export const VERSIONED_PUT_TYPES: ReadonlySet<ObjectTypeId> = new Set([
  'architect.schedule',
  'architect.schedulegroup',
  'architect.ivr',
  'architect.emergencygroup',
  // GroupUpdate requires the current version too.
  'directory.group',
]);

/** Types Genesys Cloud has no PUT for: their name is their identity. */
export const NOT_UPDATABLE_TYPES: ReadonlySet<ObjectTypeId> = new Set(['routing.skill', 'routing.language']);

/** Types moved between divisions through `POST /api/v2/authorization/divisions/{id}/objects/{TYPE}`. */
export const DIVISION_OBJECT_TYPES: ReadonlyMap<ObjectTypeId, string> = new Map([['routing.queue', 'QUEUE']]);

export const DIVISIONS_COLLECTION = '/api/v2/authorization/divisions';

export function divisionObjectsPath(divisionId: string, objectType: string): string {
  return `${DIVISIONS_COLLECTION}/${encodeURIComponent(divisionId)}/objects/${objectType}`;
}

function divisionIdOf(body: JsonObject): string | null {
  const division = body.division;
  return isJsonObject(division) && typeof division.id === 'string' ? division.id : null;
}

function sameApartFromDivision(left: JsonObject, right: JsonObject): boolean {
  const { division: _left, ...leftRest } = left;
  const { division: _right, ...rightRest } = right;
  void _left;
  void _right;
  return stableStringify(leftRest) === stableStringify(rightRest);
}

/** Fields that hold the user's own data, where an id-shaped text is data, not a reference. */
const DATA_FIELDS: Readonly<Partial<Record<ObjectTypeId, readonly string[]>>> = {
  'flows.datatable': ['rows'],
};

/**
 * The path of the first id-shaped value in `desired` that is not a reference Ferry resolves by
 * name (`{"$ref": …}`) and that the target does not already hold at the same path. Such a value
 * is an id from wherever the object was read (a source org's member group, script or edge group in
 * a field Ferry does not model yet): sending it to another org would point at nothing, or at the
 * wrong thing. Values the target already has are its own, so updates of other fields still go.
 */
export function foreignIdPath(
  type: ObjectTypeDefinition,
  desired: JsonObject,
  current: JsonObject | null,
): string | null {
  const skip = new Set(DATA_FIELDS[type.id] ?? []);
  for (const field of type.localIdFields ?? []) {
    const ours = Object.hasOwn(desired, field) ? desired[field] : undefined;
    const theirs = current !== null && Object.hasOwn(current, field) ? current[field] : undefined;
    if (ours !== undefined && stableStringify(ours) !== stableStringify(theirs ?? null)) return field;
  }
  const walk = (value: JsonValue, there: JsonValue | undefined, path: string): string | null => {
    if (typeof value === 'string') {
      return ID_SHAPED.test(value) && value !== there ? path : null;
    }
    if (Array.isArray(value)) {
      const theirs = Array.isArray(there) ? there : [];
      for (const [index, item] of value.entries()) {
        // Lists may be reordered: an element the target holds anywhere in the list is its own.
        const own = theirs.find((candidate) => stableStringify(candidate) === stableStringify(item));
        const found = walk(item, own ?? theirs[index], `${path}[${index}]`);
        if (found !== null) return found;
      }
      return null;
    }
    if (isJsonObject(value)) {
      if (typeof value.$ref === 'string') return null;
      const theirs = isJsonObject(there) ? there : {};
      for (const [field, item] of Object.entries(value)) {
        if (path === '' && skip.has(field)) continue;
        const found = walk(item, theirs[field], path === '' ? field : `${path}.${field}`);
        if (found !== null) return found;
      }
    }
    return null;
  };
  return walk(desired, current ?? undefined, '');
}

/**
 * A type written as a configuration file (flows): `flowCalls` plans the import and publish, with
 * the configuration's names given the target's ids here. A configuration that is not the flow
 * dialect blocks the step with the line at fault rather than failing the whole plan.
 */
function configurationCalls(type: ObjectTypeDefinition, input: ObjectCallsInput): ObjectCalls {
  const fromKey = keyFields(type, input.key);
  const flow = identityOf(input.desired ?? input.current ?? fromKey ?? {}, type) ?? {
    type: '',
    name: input.key,
  };
  let missing: readonly UnresolvedReference[] = [];
  try {
    const outcome = flowCalls({
      key: input.key,
      id: input.id,
      current: input.current,
      desired: input.desired,
      resolveId: input.resolveId,
      materializeConfiguration: (text, resolveId) => {
        // The ids references were given here are the target's: the only ids the file may carry
        // besides those the target's own configuration already holds.
        const placed = new Set<string>();
        const written = materializeConfiguration(text, flow, (refType, key) => {
          const id = resolveId(refType, key);
          if (id !== undefined) {
            placed.add(id.toLowerCase());
            // A data action's id (`custom_-_<uuid>`) is found by the check by its uuid part.
            for (const part of id.match(new RegExp(ID_SHAPED.source, 'gi')) ?? [])
              placed.add(part.toLowerCase());
          }
          return id;
        });
        missing = written.unresolved;
        if (missing.length === 0) {
          const current = input.current?.[type.configurationField ?? ''];
          refuseForeignIdsInConfiguration(
            written.text,
            placed,
            typeof current === 'string' ? current : null,
            `flow ${flow.type}/${flow.name}`,
          );
        }
        return written;
      },
      ...(input.environment === undefined ? {} : { environment: input.environment }),
    });
    // Said the way every blocked reference is: the flow, what it names, and where that is lacking.
    if (outcome.kind === 'blocked' && missing.length > 0) {
      const named = missing
        .slice(0, 3)
        .map((reference) =>
          describeMissingConfigurationReference(flow, reference, input.environment ?? 'the target'),
        );
      const more = missing.length > 3 ? ` (and ${missing.length - 3} more)` : '';
      return {
        kind: 'blocked',
        reason: `${named.join('; ')}${more}: create it in the target or in this changeset, or map the name, then plan again`,
      };
    }
    return outcome;
  } catch (error) {
    if (error instanceof FerryError && error.code === ModelErrorCode.flowConfigurationInvalid) {
      return { kind: 'blocked', reason: error.message };
    }
    throw error;
  }
}

/** Genesys accepts at most this many references in one POST to a list such as a queue's `/wrapupcodes`. */
export const MAX_REFERENCES_PER_POST = 100;

export type { ObjectCalls, ObjectCallsInput } from './object-calls-input';

/**
 * The fewest API calls that turn `current` into `desired`: one write of the object when its own
 * fields differ, plus one call per sub-resource element that differs. Used for every write Ferry
 * makes, forwards and backwards, so a rollback is planned exactly like a promotion.
 */
export function objectCalls(input: ObjectCallsInput): ObjectCalls {
  const type = getObjectType(input.type);
  const { current, desired } = input;
  if (type.singleton !== undefined) return singletonCalls(type, input);
  // Written as a file through an import job, then published (issue 18).
  if (type.configurationField !== undefined) return configurationCalls(type, input);
  if (desired === null) {
    if (current === null || input.id === null) return { kind: 'calls', calls: [] };
    return { kind: 'calls', calls: [{ method: 'DELETE', path: objectPath(type, input.id) }] };
  }
  const foreign = foreignIdPath(type, desired, input.current);
  if (foreign !== null && type.localIdFields?.includes(foreign) === true) {
    return {
      kind: 'blocked',
      reason: `${foreign} holds an id that only means something in the org it was read from, and the target holds another value: set it in the target org itself, or remove it from the changeset`,
    };
  }
  if (foreign !== null) {
    return {
      kind: 'blocked',
      reason: `${foreign} holds an object id Ferry does not know how to map to this org (it is not a reference Ferry resolves by name), so it is not sent: make the field a reference, or remove it from the changeset`,
    };
  }
  // Written through a draft and publish, and through config/current with credentials (issue 18);
  // after the foreign-id check, so another org's ids in a template or a property are not sent.
  if (type.id === 'integrations.action') {
    const inline = inlineCredentialPath(desired, input.current);
    if (inline !== null) {
      return {
        kind: 'blocked',
        reason: `${inline} gives a credential as text, which would go to every org as it is and stays in the workspace and every package: keep it in the integration's credentials (a secret parameter per environment, \`ferry param set <env> <name> <value> --type secret\`) and refer to it as \${credentials.<field>}, then plan again`,
      };
    }
    return actionCalls(input);
  }
  if (type.id === 'integrations.integration') return integrationCalls(input);
  const wanted = materialize(type.id, desired, input.resolveId);
  if (wanted.unresolved.length > 0) {
    return { kind: 'blocked', reason: unresolvedReason(wanted.unresolved, input.ambiguous) };
  }
  if (current === null || input.id === null) {
    const self = objectPath(type, idPlaceholder(type.id, input.key));
    const calls: ApiCall[] = [{ method: 'POST', path: type.collectionPath, body: wanted.body }];
    for (const sub of type.subResources) {
      calls.push(...subResourceCalls(self, sub, [], wanted.subResources[sub.field] ?? []));
    }
    return { kind: 'calls', calls };
  }
  // The current value is read from the target, so its references resolve there; any that do not
  // (an unmanaged flow we never learned an id for) read the same on both sides and cancel out.
  const existing = materialize(type.id, current, input.resolveId);
  const calls: ApiCall[] = [];
  const self = objectPath(type, input.id);
  const moved = divisionIdOf(existing.body) !== divisionIdOf(wanted.body);
  if (NOT_UPDATABLE_TYPES.has(type.id) && moved && sameApartFromDivision(existing.body, wanted.body)) {
    // A skill cannot be edited, but it can change division: `PATCH /routing/skills/{id}`.
    const divisionId = divisionIdOf(wanted.body);
    if (divisionId !== null && type.id === 'routing.skill') {
      return {
        kind: 'calls',
        calls: [{ method: 'PATCH', path: objectPath(type, input.id), body: { divisionId } }],
      };
    }
  }
  if (stableStringify(existing.body) !== stableStringify(wanted.body)) {
    const refusal = updateRefusal(type, existing, wanted);
    if (refusal !== null) return { kind: 'blocked', reason: refusal };
    const body: JsonObject = { ...wanted.body };
    if (VERSIONED_PUT_TYPES.has(type.id) && input.version !== undefined) body.version = input.version;
    const method = type.updateMethod ?? 'PUT';
    if (method === 'PATCH') {
      // A PATCH leaves out what it does not name: a field the object has and must lose is sent as
      // null, so an update (or a rollback) takes away a description the other side never had.
      for (const field of Object.keys(existing.body)) {
        if (!Object.hasOwn(body, field)) body[field] = null;
      }
    }
    calls.push({ method, path: self, body });
    // A queue's PUT does not move it between divisions; the divisions API does (as the CX as
    // Code provider does it too).
    const objectType = DIVISION_OBJECT_TYPES.get(type.id);
    const divisionId = divisionIdOf(wanted.body);
    if (moved && objectType !== undefined && divisionId !== null) {
      calls.push({ method: 'POST', path: divisionObjectsPath(divisionId, objectType), body: [input.id] });
    }
  }
  for (const sub of type.subResources) {
    const field = sub.field;
    // A desired value without the field says nothing about the list, so it is left alone.
    if (!Object.hasOwn(wanted.subResources, field)) continue;
    calls.push(
      ...subResourceCalls(self, sub, existing.subResources[field] ?? [], wanted.subResources[field] ?? []),
    );
  }
  return { kind: 'calls', calls };
}

/**
 * The org's one setting of a singleton type: it is only ever replaced with a PUT at the type's own
 * path (without the id and name the connector gave it); Genesys has no create for it, and its
 * DELETE does not remove it but resets it to Genesys's defaults, which Ferry does not do silently.
 */
function singletonCalls(type: ObjectTypeDefinition, input: ObjectCallsInput): ObjectCalls {
  const label = type.label.toLowerCase();
  if (input.desired === null) {
    if (input.current === null) return { kind: 'calls', calls: [] };
    return {
      kind: 'blocked',
      reason: `Genesys Cloud keeps exactly one ${label} setting per org, so it cannot be deleted (its DELETE only resets it to Genesys's defaults); change it with an update to the values wanted instead`,
    };
  }
  if (input.current === null) {
    return {
      kind: 'blocked',
      reason: `Genesys Cloud keeps exactly one ${label} setting per org and Ferry could not read the target's, so there is nothing to update; check the environment's permissions to read ${type.collectionPath}`,
    };
  }
  const wanted = materialize(type.id, input.desired, input.resolveId);
  if (wanted.unresolved.length > 0) {
    return { kind: 'blocked', reason: unresolvedReason(wanted.unresolved, input.ambiguous) };
  }
  const existing = materialize(type.id, input.current, input.resolveId);
  if (stableStringify(existing.body) === stableStringify(wanted.body)) return { kind: 'calls', calls: [] };
  const { [type.naturalKey]: _key, ...body } = wanted.body;
  void _key;
  return { kind: 'calls', calls: [{ method: 'PUT', path: type.collectionPath, body }] };
}

/** `/api/v2/routing/queues/<id>`; a placeholder stays readable and is encoded when resolved. */
export function objectPath(type: ObjectTypeDefinition, idOrPlaceholder: string): string {
  const segment = idOrPlaceholder.startsWith('{id of ')
    ? idOrPlaceholder
    : encodeURIComponent(idOrPlaceholder);
  return `${type.collectionPath}/${segment}`;
}

function updateRefusal(
  type: ObjectTypeDefinition,
  existing: MaterializedObject,
  wanted: MaterializedObject,
): string | null {
  if (NOT_UPDATABLE_TYPES.has(type.id)) {
    return `Genesys Cloud cannot change a ${type.label.toLowerCase()} in place (it has no PUT); delete it and create the new one in separate changesets`;
  }
  if (type.id === 'flows.datatable') {
    const before = columnsOf(existing.body);
    const after = columnsOf(wanted.body);
    const lost = [...before].filter(([name, kind]) => after.get(name) !== kind).map(([name]) => name);
    if (lost.length > 0) {
      return `Genesys Cloud cannot remove or retype data table columns that exist (${lost.map((name) => JSON.stringify(name)).join(', ')})`;
    }
  }
  return null;
}

function columnsOf(body: JsonObject): Map<string, string> {
  const schema = body.schema;
  const properties = isJsonObject(schema) ? schema.properties : undefined;
  const columns = new Map<string, string>();
  if (!isJsonObject(properties)) return columns;
  for (const [name, column] of Object.entries(properties)) {
    columns.set(name, isJsonObject(column) && typeof column.type === 'string' ? column.type : '');
  }
  return columns;
}

function subResourceCalls(
  self: string,
  sub: SubResource,
  current: readonly JsonValue[],
  desired: readonly JsonValue[],
): ApiCall[] {
  const base = `${self}${sub.path}`;
  if (sub.field === 'resources' && self.startsWith('/api/v2/architect/prompts/')) {
    return promptResourceCalls(base, current, desired);
  }
  return sub.holdsReferences ? referenceListCalls(base, current, desired) : rowCalls(base, current, desired);
}

function referenceListCalls(base: string, current: readonly JsonValue[], desired: readonly JsonValue[]) {
  const idOf = (value: JsonValue) => (isJsonObject(value) && typeof value.id === 'string' ? value.id : null);
  const have = new Set(current.map(idOf).filter((id): id is string => id !== null));
  const want = new Set(desired.map(idOf).filter((id): id is string => id !== null));
  const added = [...want].filter((id) => !have.has(id));
  const removed = [...have].filter((id) => !want.has(id));
  const calls: ApiCall[] = [];
  for (let start = 0; start < added.length; start += MAX_REFERENCES_PER_POST) {
    const chunk = added.slice(start, start + MAX_REFERENCES_PER_POST).map((id) => ({ id }));
    calls.push({ method: 'POST', path: base, body: chunk });
  }
  for (const id of removed) {
    const segment = id.startsWith('{id of ') ? id : encodeURIComponent(id);
    calls.push({ method: 'DELETE', path: `${base}/${segment}` });
  }
  return calls;
}

function rowCalls(base: string, current: readonly JsonValue[], desired: readonly JsonValue[]): ApiCall[] {
  const byKey = (rows: readonly JsonValue[]) => {
    const map = new Map<string, JsonObject>();
    for (const row of rows) {
      if (isJsonObject(row) && typeof row[DATA_TABLE_ROW_KEY] === 'string')
        map.set(row[DATA_TABLE_ROW_KEY], row);
    }
    return map;
  };
  const have = byKey(current);
  const want = byKey(desired);
  const calls: ApiCall[] = [];
  for (const [key, row] of want) {
    const existing = have.get(key);
    if (existing === undefined) calls.push({ method: 'POST', path: base, body: row });
    else if (stableStringify(existing) !== stableStringify(row)) {
      calls.push({ method: 'PUT', path: `${base}/${encodeURIComponent(key)}`, body: row });
    }
  }
  for (const key of have.keys()) {
    if (!want.has(key)) calls.push({ method: 'DELETE', path: `${base}/${encodeURIComponent(key)}` });
  }
  return calls;
}

function unresolvedReason(
  unresolved: readonly UnresolvedReference[],
  ambiguous: ObjectCallsInput['ambiguous'],
): string {
  const shown = unresolved.slice(0, 3).map((reference) => {
    const label = referenceTypeLabel(reference.refType);
    const target =
      reference.name === undefined
        ? `a ${label} known only by another org's id`
        : `the ${label} ${JSON.stringify(reference.name)}`;
    const why =
      reference.name !== undefined && ambiguous?.(reference.refType, reference.name) === true
        ? ', which names more than one object in the target'
        : '';
    return `${target} (at ${reference.path}${why})`;
  });
  const more = unresolved.length - shown.length;
  const anyAmbiguous = unresolved.some(
    (reference) => reference.name !== undefined && ambiguous?.(reference.refType, reference.name) === true,
  );
  return `refers to ${shown.join(', ')}${more > 0 ? ` and ${more} more` : ''}: the target has no single object of that name and the plan does not create one; create or rename it in the target${anyAmbiguous ? ' (or rename one of the duplicates)' : ''}, then plan again`;
}

/**
 * The value as a write leaves it in the target: lists kept behind their own URL always read back,
 * empty when there are none, so a body that leaves one out compares equal to what is read.
 */
export function comparableCanonical(type: ObjectTypeId, value: JsonObject): JsonObject {
  const definition = getObjectType(type);
  // Status (a flow's published version, who holds it) is never compared (issue 18).
  value = withoutStatusFields(value, definition);
  // A credential's fields are written, never read back (issue 18).
  if (type === 'integrations.integration') value = withoutCredentialFields(value);
  let copy: JsonObject | null = null;
  for (const sub of definition.subResources) {
    if (Object.hasOwn(value, sub.field)) continue;
    copy ??= { ...value };
    copy[sub.field] = [];
  }
  return copy ?? value;
}

export function sameCanonical(
  type: ObjectTypeId,
  left: JsonObject | null,
  right: JsonObject | null,
): boolean {
  if (left === null || right === null) return left === right;
  return (
    stableStringify(comparableCanonical(type, left)) === stableStringify(comparableCanonical(type, right))
  );
}
