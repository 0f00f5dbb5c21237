import { isCanonicalReference } from '../model/canonical/canonical-reference';
import type { JsonValue } from '../model/canonical/json-value';
import { findObjectType } from '../model/object-types/registry';
import { jsonEqual } from '../diff/json-equal';
import { sameReference } from '../diff/reference-identity';
import type { DiffResult, DiffStatus, SideIndex, SideObject } from '../diff/diff-types';
import type { EnvironmentValues } from './parameters-file';
import { mapReferenceKeys, mapReferenceNames } from './resolve-values';
import { formatParameterValue } from './parameter-types';
import { resolveConfigurationValues } from '../flows/flow-configuration-values';

/**
 * A compare of two environments "after resolving parameters and mappings" (issue 15): what a
 * changeset would call one thing, each environment may call by its own name or hold its own value
 * for. Side a is read in side b's terms, then differences that are only one parameter's two values
 * are set apart, so dev against prod shows only what differs beyond what is meant to.
 */

/** type → a name on side a → the name side b gives the same object. */
export type NameTranslation = ReadonlyMap<string, ReadonlyMap<string, string>>;

/** One name side a calls by another in side b's terms, as the result reports it. */
export interface TranslatedName {
  type: string;
  a: string;
  b: string;
}

/**
 * A name in changesets ("canonical") maps to each environment's own name, so a's name goes back
 * to the canonical one through the inverse of a's mapping, then forward through b's. Only names
 * that end up different are listed. A side without values (a preview, an unknown environment)
 * maps nothing.
 */
export function composeMappings(
  a: Pick<EnvironmentValues, 'mappings'> | null,
  b: Pick<EnvironmentValues, 'mappings'> | null,
): NameTranslation {
  const types = new Set([...(a?.mappings.keys() ?? []), ...(b?.mappings.keys() ?? [])]);
  const composed = new Map<string, Map<string, string>>();
  for (const type of types) {
    const aMapping = a?.mappings.get(type) ?? new Map<string, string>();
    const bMapping = b?.mappings.get(type) ?? new Map<string, string>();
    const canonicalOfA = new Map([...aMapping].map(([canonical, name]) => [name, canonical]));
    const names = new Map<string, string>();
    // Names a calls by a mapping, and canonical names a keeps as they are (a does not rename them).
    const aNames = [...canonicalOfA.keys(), ...[...bMapping.keys()].filter((name) => !aMapping.has(name))];
    for (const aName of aNames) {
      const canonical = canonicalOfA.get(aName) ?? aName;
      const bName = bMapping.get(canonical) ?? canonical;
      if (bName !== aName) names.set(aName, bName);
    }
    if (names.size > 0) composed.set(type, names);
  }
  return composed;
}

/**
 * Side a's index with the keys of mapped types in b's terms. A key is left as it is when its
 * translation is already a key of a that stays (two objects of a would otherwise become one).
 * `originalKey` gives the key to load a translated object by.
 */
export function translateIndex(
  index: SideIndex,
  names: NameTranslation,
): { index: SideIndex; originalKey: (type: string, key: string) => string; renamed: TranslatedName[] } {
  const originals = new Map<string, Map<string, string>>();
  const renamed: TranslatedName[] = [];
  const translated = new Map<string, ReadonlyMap<string, SideObject>>();
  for (const [type, byKey] of index) {
    const typeNames = names.get(type);
    if (typeNames === undefined) {
      translated.set(type, byKey);
      continue;
    }
    const taken = new Set([...byKey.keys()].filter((key) => !typeNames.has(key)));
    const next = new Map<string, SideObject>();
    const back = new Map<string, string>();
    for (const [key, object] of byKey) {
      const to = typeNames.get(key);
      if (to === undefined || taken.has(to)) {
        next.set(key, object);
        continue;
      }
      next.set(to, { ...object, key: to });
      back.set(to, key);
      renamed.push({ type, a: key, b: to });
    }
    translated.set(type, next);
    originals.set(type, back);
  }
  return {
    index: translated,
    originalKey: (type, key) => originals.get(type)?.get(key) ?? key,
    renamed,
  };
}

/** One object of side a in b's terms: its references and, for a mapped type, its own name. */
export function translateObject(
  type: string,
  value: JsonValue,
  names: NameTranslation,
  found: (name: TranslatedName) => void = () => undefined,
): JsonValue {
  if (names.size === 0) return value;
  const heard = (_path: string, refType: string, from: string, to: string) =>
    found({ type: refType, a: from, b: to });
  // Keys of maps keyed by references (utilization per label) are names too.
  const mapped = mapReferenceKeys(
    type,
    [],
    mapReferenceNames(value, { mappings: names }, heard),
    { mappings: names },
    heard,
  );
  const naturalKey = findObjectType(type)?.naturalKey;
  if (naturalKey === undefined || mapped === null || typeof mapped !== 'object' || Array.isArray(mapped))
    return mapped;
  const key = mapped[naturalKey];
  const to = typeof key === 'string' ? names.get(type)?.get(key) : undefined;
  if (to !== undefined) found({ type, a: key as string, b: to });
  const renamed = to === undefined ? mapped : { ...mapped, [naturalKey]: to };
  // Names inside a flow's configuration text (and its own name there) are names too.
  const field = findObjectType(type)?.configurationField;
  const text = field === undefined ? undefined : renamed[field];
  if (field === undefined || typeof text !== 'string') return renamed;
  const translated = resolveConfigurationValues(text, {
    ...(to === undefined ? {} : { flowName: to }),
    parameter: () => undefined,
    mapName: (refType, name) => {
      const other = names.get(refType)?.get(name);
      if (other !== undefined) found({ type: refType, a: name, b: other });
      return other;
    },
  });
  return translated === text ? renamed : { ...renamed, [field]: translated };
}

/** A parameter both sides hold a value of; a's value in b's terms (a reference is translated). */
export interface ParameterPair {
  name: string;
  a: JsonValue;
  b: JsonValue;
}

/**
 * Parameters with a readable value on both sides; secrets have none here and never match, nor do
 * booleans (see below).
 */
export function parameterPairs(
  a: Pick<EnvironmentValues, 'parameters'> | null,
  b: Pick<EnvironmentValues, 'parameters'> | null,
  names: NameTranslation,
): ParameterPair[] {
  if (a === null || b === null) return [];
  const pairs: ParameterPair[] = [];
  for (const [name, onA] of [...a.parameters].sort(([x], [y]) => (x < y ? -1 : x > y ? 1 : 0))) {
    const onB = b.parameters.get(name);
    if (onA.value === undefined || onB?.value === undefined) continue;
    // Any flag off on one side and on on the other would match a boolean's two values: such a
    // pair tells nothing about which field is the parameter, and would hide real differences.
    if (onA.type === 'boolean' || onB.type === 'boolean') continue;
    pairs.push({ name, a: mapReferenceNames(onA.value, { mappings: names }), b: onB.value });
  }
  return pairs;
}

function sameValue(left: JsonValue | undefined, right: JsonValue): boolean {
  if (left === undefined) return false;
  if (isCanonicalReference(left) && isCanonicalReference(right)) return sameReference(left, right);
  return jsonEqual(left, right);
}

/** How one parameter made fields equal, as the result reports it. */
export interface ParameterUse {
  name: string;
  a: string;
  b: string;
  fields: number;
}

/**
 * Marks each field change whose `before` is a's value of a parameter and whose `after` is b's
 * value of the same one (`equalAsParameter`), in place. An object left with no other difference
 * becomes unchanged, and the summary counts it so; it stays listed (with its marked changes) only
 * when unchanged objects are asked for.
 */
export function markParameterEquality(
  result: DiffResult,
  pairs: readonly ParameterPair[],
  includeUnchanged: boolean,
): ParameterUse[] {
  const uses = new Map<string, ParameterUse>();
  if (pairs.length === 0) return [];
  for (const object of result.objects) {
    for (const change of object.changes) {
      if (change.kind !== 'changed') continue;
      const pair = pairs.find(
        (candidate) =>
          sameValue(change.before, candidate.a) &&
          change.after !== undefined &&
          sameValue(change.after, candidate.b),
      );
      if (pair === undefined) continue;
      change.equalAsParameter = pair.name;
      const use = uses.get(pair.name) ?? {
        name: pair.name,
        a: formatParameterValue(pair.a),
        b: formatParameterValue(pair.b),
        fields: 0,
      };
      use.fields += 1;
      uses.set(pair.name, use);
    }
    if (
      object.status === 'changed' &&
      object.changes.length > 0 &&
      object.changes.every((change) => change.equalAsParameter !== undefined)
    ) {
      move(result, object.type, 'changed', 'unchanged');
      object.status = 'unchanged';
    }
  }
  if (!includeUnchanged) result.objects = result.objects.filter((object) => object.status !== 'unchanged');
  return [...uses.values()];
}

function move(result: DiffResult, type: string, from: DiffStatus, to: DiffStatus): void {
  result.summary.totals[from] -= 1;
  result.summary.totals[to] += 1;
  const byType = result.summary.byType[type];
  if (byType !== undefined) {
    byType[from] -= 1;
    byType[to] += 1;
  }
}
