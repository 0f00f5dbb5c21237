import type { PathSegment } from '../diff/diff-path';
import { isCanonicalReference } from '../model/canonical/canonical-reference';
import { parseFieldPath, slotsAt, stepMatches } from '../model/canonical/field-path';
import { isJsonObject, type JsonValue } from '../model/canonical/json-value';
import type { ObjectTypeDefinition, ReferenceField } from '../model/object-types/object-type-definition';
import { acceptsTargetType } from '../model/object-types/reference-field';
import { findObjectType } from '../model/object-types/registry';
import { keysNamedIn, referencedKey, type KeysNamed } from '../model/object-types/reference-key';
import { configurationReferencesInChange, configurationReferencesOf } from './configuration-references';
import { objectsOf, type ObjectState } from './object-state';
import { formatValuePath, type ValuePath } from './value-path';

export interface ObjectReference {
  /** Where the reference sits, e.g. `bullseye.rings[0].actions.skillsToRemove[1]`. */
  path: string;
  targetType: string;
  /**
   * The target's key: its natural key, or for flows its type and name (`INQUEUECALL/Billing`),
   * the type coming from the field's `narrow` (see `referencedKey`).
   */
  key: string;
}

/** How the changeset logic finds a type's definition; tests inject types the registry lacks. */
export type TypeLookup = (id: string) => ObjectTypeDefinition | undefined;

/** A reference position holding `{$ref}` with no name: canonicalize kept the source org's id. */
export interface UnnamedReference {
  path: string;
  targetType: string;
}

/**
 * Every canonical reference at the type's declared reference fields. The declared target type is
 * reported (a `$ref` that disagrees is a schema problem, see `checkCanonicalObject`). References
 * that kept only an id are skipped: no name means nothing to look up in any org, and callers that
 * care (validation) ask `unnamedReferencesOf`. An unknown type has no references.
 */
export function referencesOf(
  type: string,
  value: JsonValue,
  types: TypeLookup = findObjectType,
  /** Where a state is at hand: settles flow references whose field allows several flow types. */
  keysNamed?: KeysNamed,
): ObjectReference[] {
  const found: ObjectReference[] = [];
  for (const reference of types(type)?.references ?? []) {
    for (const slot of slotsAt(value, reference.path)) {
      if (reference.form === 'key') {
        if (isJsonObject(slot.value)) {
          for (const name of Object.keys(slot.value)) {
            found.push({
              path: formatValuePath([...slot.location, name]),
              targetType: reference.targetType,
              key: name,
            });
          }
        }
        continue;
      }
      const name = nameOf(slot.value);
      if (name === undefined) continue;
      const targetType = slotTargetType(reference, slot.value);
      found.push({
        path: formatValuePath(slot.location),
        targetType,
        key: keyOfNamed(reference, targetType, name, keysNamed),
      });
    }
  }
  found.push(...configurationReferencesOf(type, value, types, keysNamed));
  return found;
}

/**
 * The key a named reference points at; a flow reference whose field does not say the flow type
 * and that `keysNamed` cannot settle keeps the bare name (found nowhere, so reported missing).
 */
function keyOfNamed(
  reference: ReferenceField,
  targetType: string,
  name: string,
  keysNamed: KeysNamed | undefined,
): string {
  return referencedKey(reference, targetType, name, keysNamed) ?? name;
}

export function unnamedReferencesOf(
  type: string,
  value: JsonValue,
  types: TypeLookup = findObjectType,
): UnnamedReference[] {
  const found: UnnamedReference[] = [];
  for (const reference of types(type)?.references ?? []) {
    for (const slot of slotsAt(value, reference.path)) {
      if (isCanonicalReference(slot.value) && nameOf(slot.value) === undefined) {
        found.push({
          path: formatValuePath(slot.location),
          targetType: slotTargetType(reference, slot.value),
        });
      }
    }
  }
  return found;
}

/**
 * The references an update's change writes: those inside `after`, the value it puts at `path`.
 * A change below a reference that sets its `name` (`division.name`) retargets that reference and
 * counts too. Paths are from the object's root. Id-only references are skipped as in
 * `referencesOf`.
 */
export function referencesInChange(
  type: string,
  path: ValuePath,
  after: JsonValue | undefined,
  types: TypeLookup = findObjectType,
): ObjectReference[] {
  const named = referenceSlotsInChange(type, path, after, types).flatMap((slot) =>
    slot.key === undefined ? [] : [{ path: slot.path, targetType: slot.targetType, key: slot.key }],
  );
  return [...named, ...configurationReferencesInChange(type, path, after, types)];
}

export function unnamedReferencesInChange(
  type: string,
  path: ValuePath,
  after: JsonValue | undefined,
  types: TypeLookup = findObjectType,
): UnnamedReference[] {
  return referenceSlotsInChange(type, path, after, types).flatMap((slot) =>
    slot.key === undefined ? [{ path: slot.path, targetType: slot.targetType }] : [],
  );
}

function referenceSlotsInChange(
  type: string,
  path: ValuePath,
  after: JsonValue | undefined,
  types: TypeLookup,
): { path: string; targetType: string; key: string | undefined }[] {
  if (after === undefined) return [];
  const found: { path: string; targetType: string; key: string | undefined }[] = [];
  for (const reference of types(type)?.references ?? []) {
    const steps = parseFieldPath(reference.path);
    const matched = matchPrefix(steps, path);
    if (matched === 'no') continue;
    if (reference.form === 'key') {
      found.push(...keySlotsInChange(reference, steps, path, after, matched));
      continue;
    }
    if (matched === 'deeper') {
      const renamed = path.length === steps.length + 1 && path[path.length - 1] === 'name';
      if (renamed && typeof after === 'string' && after !== '') {
        found.push({
          path: formatValuePath(path.slice(0, -1)),
          // Renaming within a member group keeps its kind; the declared type is the best guess.
          targetType: reference.targetType,
          key: keyOfNamed(reference, reference.targetType, after, undefined),
        });
      }
      continue;
    }
    for (const slot of walkSteps(after, steps.slice(path.length), [...path])) {
      if (!isCanonicalReference(slot.value)) continue;
      const targetType = slotTargetType(reference, slot.value);
      const name = nameOf(slot.value);
      found.push({
        path: formatValuePath(slot.location),
        targetType,
        key: name === undefined ? undefined : keyOfNamed(reference, targetType, name, undefined),
      });
    }
  }
  return found;
}

/**
 * The references a change writes in a map keyed by its targets (`form: 'key'`, utilization per
 * label): every key of each map the change puts down whole, or the one key a change below the
 * map writes into (`labelUtilizations.Escalations` or a field of it), since after the change the
 * map holds that key. A key is always a name in canonical form, so none is unnamed.
 */
function keySlotsInChange(
  reference: ReferenceField,
  steps: readonly Step[],
  path: ValuePath,
  after: JsonValue,
  matched: 'inside' | 'deeper',
): { path: string; targetType: string; key: string }[] {
  if (matched === 'deeper') {
    const key = path[steps.length];
    return typeof key === 'string'
      ? [{ path: formatValuePath(path.slice(0, steps.length + 1)), targetType: reference.targetType, key }]
      : [];
  }
  return walkSteps(after, steps.slice(path.length), [...path]).flatMap((slot) =>
    isJsonObject(slot.value)
      ? Object.keys(slot.value).map((key) => ({
          path: formatValuePath([...slot.location, key]),
          targetType: reference.targetType,
          key,
        }))
      : [],
  );
}

/** Where the keys of maps keyed by references (`form: 'key'`) are, for renaming them. */
export interface KeyedMaps {
  /** Positions in the path given whose segment is such a key (`labelUtilizations.Escalations`: 1). */
  pathKeys: { index: number; targetType: string }[];
  /** Maps inside the value given, by their location in it, whose keys are such names. */
  maps: { location: PathSegment[]; targetType: string }[];
}

/**
 * The reference maps of a value that sits at `at` in an object of `type` (`[]` for the whole
 * object, a change's path for what an update writes). Keys are names like any reference, but no
 * `{"$ref"}` marks them, so whatever renames references (an environment's mappings) asks here.
 */
export function keyedMapsAt(
  type: string,
  at: ValuePath,
  value: JsonValue | undefined,
  types: TypeLookup = findObjectType,
): KeyedMaps {
  const found: KeyedMaps = { pathKeys: [], maps: [] };
  for (const reference of types(type)?.references ?? []) {
    if (reference.form !== 'key') continue;
    const steps = parseFieldPath(reference.path);
    const matched = matchPrefix(steps, at);
    if (matched === 'deeper') {
      if (typeof at[steps.length] === 'string')
        found.pathKeys.push({ index: steps.length, targetType: reference.targetType });
      continue;
    }
    if (matched === 'no' || value === undefined) continue;
    for (const slot of walkSteps(value, steps.slice(at.length), [])) {
      if (isJsonObject(slot.value))
        found.maps.push({ location: slot.location, targetType: reference.targetType });
    }
  }
  return found;
}

/** `KeysNamed` over a state: the flows of each name it holds. */
export function keysNamedInState(state: ObjectState): KeysNamed {
  return keysNamedIn((type) => state.get(type)?.keys() ?? []);
}

/** An id for a type and key in maps and sets. */
export function objectId(type: string, key: string): string {
  return JSON.stringify([type, key]);
}

export interface Referrer {
  type: string;
  key: string;
  /** Where in the referrer the reference sits. */
  path: string;
}

/** Who refers to what in a state: objectId of the target → every reference to it. */
export function indexReferrers(
  state: ObjectState,
  types: TypeLookup = findObjectType,
): ReadonlyMap<string, Referrer[]> {
  const index = new Map<string, Referrer[]>();
  for (const { type, key, value } of objectsOf(state)) {
    for (const reference of referencesOf(type, value, types, keysNamedInState(state))) {
      const target = objectId(reference.targetType, reference.key);
      let referrers = index.get(target);
      if (referrers === undefined) {
        referrers = [];
        index.set(target, referrers);
      }
      referrers.push({ type, key, path: reference.path });
    }
  }
  return index;
}

/** One referrer per object (its first reference), for counting objects rather than references. */
export function distinctReferrers(referrers: readonly Referrer[]): Referrer[] {
  const seen = new Set<string>();
  return referrers.filter((referrer) => {
    const id = objectId(referrer.type, referrer.key);
    if (seen.has(id)) return false;
    seen.add(id);
    return true;
  });
}

/**
 * The type a canonical reference points at: its own `$ref` where the field allows several
 * (member groups), the field's type otherwise (a wrong `$ref` is a schema problem).
 */
function slotTargetType(reference: ReferenceField, value: JsonValue): string {
  return isCanonicalReference(value) && acceptsTargetType(reference, value.$ref)
    ? value.$ref
    : reference.targetType;
}

function nameOf(value: JsonValue): string | undefined {
  return isCanonicalReference(value) && typeof value.name === 'string' && value.name !== ''
    ? value.name
    : undefined;
}

type Step = ReturnType<typeof parseFieldPath>[number];

/** Whether `path` leads to (`inside`: at or above) the field path's position, or goes below it. */
function matchPrefix(steps: readonly Step[], path: ValuePath): 'inside' | 'deeper' | 'no' {
  if (path.length > steps.length) return prefixMatches(steps, path.slice(0, steps.length)) ? 'deeper' : 'no';
  return prefixMatches(steps, path) ? 'inside' : 'no';
}

function prefixMatches(steps: readonly Step[], path: ValuePath): boolean {
  return path.every((segment, index) => {
    const step = steps[index];
    if (step === undefined) return false;
    return stepMatches(step, segment);
  });
}

function walkSteps(
  value: JsonValue,
  steps: readonly Step[],
  location: PathSegment[],
): { location: PathSegment[]; value: JsonValue }[] {
  const [step, ...rest] = steps;
  if (step === undefined) return [{ location, value }];
  if (step.kind === 'each') {
    if (!Array.isArray(value)) return [];
    return value.flatMap((element, index) => walkSteps(element, rest, [...location, index]));
  }
  if (step.kind === 'anyField') {
    if (!isJsonObject(value)) return [];
    return Object.entries(value).flatMap(([field, element]) =>
      walkSteps(element, rest, [...location, field]),
    );
  }
  if (!isJsonObject(value) || !Object.hasOwn(value, step.name)) return [];
  return walkSteps(value[step.name] as JsonValue, rest, [...location, step.name]);
}
