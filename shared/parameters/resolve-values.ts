import type { z } from 'zod';
import type { valueSourceSchema } from '../model/plan';
import { joinPath } from '../changeset/validate/validation-state';
import { formatDiffPath, type PathSegment } from '../diff/diff-path';
import { keyedMapsAt } from '../changeset/object-references';
import { formatValuePath, parseValuePath, type ValuePath } from '../changeset/value-path';
import { DATA_TABLE_ROW_KEY } from '../model/object-types/flows-datatable';
import { operationLabel } from '../changeset/apply-changeset';
import { isCanonicalReference, REFERENCE_MARKER } from '../model/canonical/canonical-reference';
import { cloneJson, isJsonObject, type JsonObject, type JsonValue } from '../model/canonical/json-value';
import type { Changeset, ChangesetOperation } from '../model/changeset';
import { keyFields, scopedKey } from '../model/object-types/object-key';
import { findObjectType } from '../model/object-types/registry';
import { referenceTypeLabel } from '../model/object-types/unmanaged-reference-types';
import type { EnvironmentValues } from './parameters-file';
import {
  isParameterMarker,
  isSecretMarker,
  parameterSlots,
  replaceMarkers,
  secretMarker,
} from './parameter-marker';
import { formatParameterValue, parameterValueProblem } from './parameter-types';
import { printableText } from './printable-text';
import { resolveConfigurationValues } from '../flows/flow-configuration-values';

/** Where one value of a resolved changeset came from, for the plan and the change-control document. */
export type ValueSource = z.infer<typeof valueSourceSchema>;

export interface ParameterProblem {
  operation: number;
  at: string;
  parameter: string;
  reason:
    'missing' | 'secret-unavailable' | 'ill-typed' | 'secret-marker' | 'secret-key' | 'secret-configuration';
  message: string;
}

export interface ResolvedChangeset {
  changeset: Changeset;
  sources: ValueSource[];
  problems: ParameterProblem[];
  /** Secret parameters the resolved changeset holds as `{"$secret": name}` markers. */
  secrets: readonly string[];
}

/**
 * A changeset as it lands in one environment (issue 15): reference names mapped first (so a
 * reference parameter's value, already in the environment's own terms, is never mapped again),
 * then every `{"$param": name}` replaced by the environment's value. What cannot be resolved is
 * reported with the parameter, the environment and the operation, and left as the marker.
 * A secret parameter becomes `{"$secret": name}`, never its value: plans, journals and snapshots
 * hold the marker, and only the connector reveals it, in the body of the request it sends.
 * `availableSecrets` names the secrets this machine can reveal (vault or pipeline).
 */
export function resolveChangesetValues(
  changeset: Changeset,
  values: EnvironmentValues,
  availableSecrets: ReadonlySet<string> = new Set(),
): ResolvedChangeset {
  const sources: ValueSource[] = [];
  const problems: ParameterProblem[] = [];
  const secrets = new Set<string>();
  const environment = values.environment;

  const resolveValue = (
    value: JsonValue,
    operation: number,
    at: string,
    label: string,
    written: boolean,
    /** The object's type and where `value` sits in it; null when the change's path is unreadable. */
    place: { type: string; path: ValuePath | null },
  ): JsonValue => {
    // The connector reveals every marker of its environment in what it sends, so a marker the
    // author wrote would put the target's secret wherever they chose, unlisted in the plan. What is
    // written may use a secret only through a parameter the target declares secret.
    if (written) refuseSecretMarkers(value, operation, at, label, environment, problems);
    const heard = (inner: string, type: string, from: string, to: string) =>
      sources.push({ kind: 'mapping', operation, at: joinPath(at, inner), type, from, to, environment });
    const named = mapReferenceNames(value, values, heard);
    const mapped =
      place.path === null ? named : mapReferenceKeys(place.type, place.path, named, values, heard);
    const slots = new Map(parameterSlots(mapped).map((slot) => [slot.path, slot.name]));
    if (slots.size === 0) return mapped;
    let position = 0;
    const paths = [...slots.keys()];
    return replaceMarkers(mapped, isParameterMarker, (marker) => {
      const name = (marker as { $param: string }).$param;
      const where = joinPath(at, paths[position] ?? '');
      position += 1;
      return parameterValue(name, operation, where, label) ?? marker;
    });
  };

  /** A parameter's value in the environment (a secret as its marker), or undefined with the problem reported. */
  const parameterValue = (
    name: string,
    operation: number,
    where: string,
    label: string,
  ): JsonValue | undefined => {
    const parameter = values.parameters.get(name);
    if (parameter === undefined) {
      problems.push({
        operation,
        at: where,
        parameter: name,
        reason: 'missing',
        message: `${label} needs the parameter ${name}, which ${environment} does not have: set it with \`ferry param set ${environment} ${name} <value>\` (add \`--type secret\` for a password, token or key, so the value stays in this machine's vault, out of the workspace) or on ${environment}'s Parameters tab`,
      });
      return undefined;
    }
    if (parameter.type === 'secret') {
      if (!availableSecrets.has(name)) {
        problems.push({
          operation,
          at: where,
          parameter: name,
          reason: 'secret-unavailable',
          message: `${label} needs the secret parameter ${name} of ${environment}, whose value is not in this machine's vault: set it with \`ferry param set ${environment} ${name} <value> --type secret\` (a pipeline gives it as FERRY_PARAM_…)`,
        });
        return undefined;
      }
      secrets.add(name);
      sources.push({
        kind: 'parameter',
        operation,
        at: where,
        parameter: name,
        type: 'secret',
        environment,
      });
      return secretMarker(name);
    }
    const value = parameter.value;
    const problem = value === undefined ? 'has no value' : parameterValueProblem(parameter.type, value);
    if (value === undefined || problem !== null) {
      problems.push({
        operation,
        at: where,
        parameter: name,
        reason: 'ill-typed',
        message: `${label} needs the parameter ${name} of ${environment}, whose value ${problem ?? 'is not valid'}: set it again with \`ferry param set ${environment} ${name} <value> --type ${parameter.type}\``,
      });
      return undefined;
    }
    sources.push({
      kind: 'parameter',
      operation,
      at: where,
      parameter: name,
      type: parameter.type,
      environment,
      value: formatParameterValue(value),
    });
    return cloneJson(value);
  };

  /**
   * A flow's configuration text (a type's `configurationField`) with its `{$param}` names given and
   * its mapped names renamed, each recorded like a field's. A secret is refused there: the text is
   * written to the org as a file anyone who can read flows can export, and into the plan as it is.
   */
  const resolveConfiguration = (
    text: string,
    operation: number,
    at: string,
    label: string,
    flowName: string | undefined,
  ): string =>
    resolveConfigurationValues(text, {
      ...(flowName === undefined ? {} : { flowName }),
      parameter: (name, refType, inner) => {
        const where = `${at}: ${inner}`;
        if (values.parameters.get(name)?.type === 'secret') {
          problems.push({
            operation,
            at: where,
            parameter: name,
            reason: 'secret-configuration',
            message: `${label} names an object in its flow configuration by the secret parameter ${name} of ${environment} (at ${inner}); a flow's configuration is stored in the org as a file anyone who reads flows can export, so it cannot hold a secret. Use a plain parameter there`,
          });
          return undefined;
        }
        const value = parameterValue(name, operation, where, label);
        if (value === undefined || typeof value === 'string') return value;
        // A reference parameter names an object of the reference's own type.
        if (
          isCanonicalReference(value) &&
          value[REFERENCE_MARKER] === refType &&
          typeof value.name === 'string'
        ) {
          return value.name;
        }
        problems.push({
          operation,
          at: where,
          parameter: name,
          reason: 'ill-typed',
          message: `${label} names an object in its flow configuration by the parameter ${name} of ${environment} (at ${inner}), whose value is neither text nor a reference to a ${referenceTypeLabel(refType)}: set it again with \`ferry param set ${environment} ${name} <name> --type string\``,
        });
        return undefined;
      },
      mapName: (refType, name, inner) => {
        const to = values.mappings.get(refType)?.get(name);
        if (to !== undefined) {
          sources.push({
            kind: 'mapping',
            operation,
            at: `${at}: ${inner}`,
            type: refType,
            from: name,
            to,
            environment,
          });
        }
        return to;
      },
    });

  const operations = changeset.operations.map((operation, index): ChangesetOperation => {
    const label = operationLabel(index, operation);
    const key = mappedKey(operation.type, operation.key, values, (from, to) =>
      sources.push({
        kind: 'mapping',
        operation: index,
        at: `operations[${index}].key`,
        type: operation.type,
        from,
        to,
        environment,
      }),
    );
    if (operation.op === 'update') {
      return {
        ...operation,
        key,
        changes: operation.changes.map((change, changeIndex) => ({
          ...change,
          ...mappedChangePath(operation.type, change.path, values, (type, from, to) =>
            sources.push({
              kind: 'mapping',
              operation: index,
              at: `operations[${index}].changes[${changeIndex}].path`,
              type,
              from,
              to,
              environment,
            }),
          ),
          ...(change.before === undefined
            ? {}
            : {
                // Compared with the target's current value: its names resolved the same way.
                before: inConfiguration(
                  operation.type,
                  change.path,
                  resolveValue(
                    change.before as JsonValue,
                    index,
                    `operations[${index}].changes[${changeIndex}].before`,
                    label,
                    false,
                    { type: operation.type, path: changePathOf(change.path) },
                  ),
                  (text) =>
                    resolveConfiguration(
                      text,
                      index,
                      `operations[${index}].changes[${changeIndex}].before`,
                      label,
                      undefined,
                    ),
                ),
              }),
          ...(change.after === undefined
            ? {}
            : {
                after: inConfiguration(
                  operation.type,
                  change.path,
                  resolveValue(
                    change.after as JsonValue,
                    index,
                    `operations[${index}].changes[${changeIndex}].after`,
                    label,
                    true,
                    { type: operation.type, path: changePathOf(change.path) },
                  ),
                  (text) =>
                    resolveConfiguration(
                      text,
                      index,
                      `operations[${index}].changes[${changeIndex}].after`,
                      label,
                      undefined,
                    ),
                ),
              }),
        })),
      };
    }
    const field = operation.op === 'create' ? 'body' : 'before';
    const value = resolveValue(
      withMappedKey(
        operation.type,
        operation.op === 'create' ? operation.body : operation.before,
        key,
      ) as JsonValue,
      index,
      `operations[${index}].${field}`,
      label,
      operation.op === 'create',
      { type: operation.type, path: [] },
    ) as JsonObject;
    const configurationField = findObjectType(operation.type)?.configurationField;
    const text = configurationField === undefined ? undefined : value[configurationField];
    let landed = value;
    if (configurationField !== undefined && typeof text === 'string') {
      const name = value[findObjectType(operation.type)?.naturalKey ?? 'name'];
      const resolved = resolveConfiguration(
        text,
        index,
        `operations[${index}].${field}.${configurationField}`,
        label,
        key !== operation.key && typeof name === 'string' ? name : undefined,
      );
      // A copy: `value` may be the changeset's own object when nothing else was resolved.
      if (resolved !== text) landed = { ...value, [configurationField]: resolved };
    }
    return operation.op === 'create'
      ? { ...operation, key, body: landed }
      : { ...operation, key, before: landed };
  });
  operations.forEach((operation, index) => refuseSecretKeys(operation, index, environment, problems));
  const requires = changeset.requires?.map((item) => ({
    ...item,
    key: mappedKey(item.type, item.key, values, () => undefined),
  }));
  return {
    changeset: { ...changeset, operations, ...(requires === undefined ? {} : { requires }) },
    sources,
    problems,
    secrets: [...secrets].sort(),
  };
}

/**
 * A secret where an object or a data table row is known by (its natural key, a row's key) would
 * name it in URLs, snapshot file names and every listing, and Ferry matches those keys as text:
 * a row keyed by a secret was silently left out of the writes. Such a use is refused.
 */
function refuseSecretKeys(
  operation: ChangesetOperation,
  index: number,
  environment: string,
  problems: ParameterProblem[],
): void {
  const naturalKey = findObjectType(operation.type)?.naturalKey;
  const isKey = (at: readonly PathSegment[]) =>
    (at.length === 1 && at[0] === naturalKey) ||
    (operation.type === 'flows.datatable' &&
      at.length === 3 &&
      at[0] === 'rows' &&
      at[2] === DATA_TABLE_ROW_KEY);
  const label = operationLabel(index, operation);
  const walk = (item: unknown, at: PathSegment[], base: string) => {
    if (isSecretMarker(item)) {
      if (!isKey(at)) return;
      const where = `${base} (${formatDiffPath(at)})`;
      problems.push({
        operation: index,
        at: base,
        parameter: item.$secret,
        reason: 'secret-key',
        message: `${label} uses the secret parameter ${item.$secret} of ${environment} as a key at ${where}; a key is shown in every listing and address, so it cannot be a secret. Use a plain parameter there, or keep the secret in another field`,
      });
      return;
    }
    if (Array.isArray(item)) item.forEach((element, position) => walk(element, [...at, position], base));
    else if (isJsonObject(item))
      for (const [field, element] of Object.entries(item)) walk(element, [...at, field], base);
  };
  if (operation.op === 'create') walk(operation.body, [], `operations[${index}].body`);
  else if (operation.op === 'update') {
    operation.changes.forEach((change, changeIndex) => {
      if (change.after === undefined) return;
      let at: PathSegment[];
      try {
        at = parseValuePath(change.path);
      } catch {
        return;
      }
      walk(change.after, at, `operations[${index}].changes[${changeIndex}].after`);
    });
  }
}

/** Reports each `{"$secret": name}` written in the changeset itself; never names a value. */
function refuseSecretMarkers(
  value: JsonValue,
  operation: number,
  at: string,
  label: string,
  environment: string,
  problems: ParameterProblem[],
): void {
  const walk = (item: unknown, path: string) => {
    if (isSecretMarker(item)) {
      const name = item.$secret.slice(0, 64);
      problems.push({
        operation,
        at: path,
        parameter: name,
        reason: 'secret-marker',
        message: `${label} writes {"$secret": ${JSON.stringify(name)}} at ${path} itself; a changeset uses a secret only through {"$param": name} where ${environment} declares that parameter a secret, so the plan shows it. Replace the marker with {"$param": …} naming a secret parameter, or remove it`,
      });
      return;
    }
    if (Array.isArray(item)) item.forEach((element, index) => walk(element, `${path}[${index}]`));
    else if (isJsonObject(item))
      for (const [field, element] of Object.entries(item))
        walk(element, joinPath(path, formatDiffPath([field])));
  };
  walk(value, at);
}

function mappedKey(
  type: string,
  key: string,
  values: EnvironmentValues,
  found: (from: string, to: string) => void,
): string {
  const mappings = values.mappings.get(type);
  const direct = mappings?.get(key);
  if (direct !== undefined) {
    found(key, direct);
    return direct;
  }
  // Mappings name flows by name, as references do: `INBOUNDCALL/Main Menu` maps by `Main Menu`.
  const definition = findObjectType(type);
  const fields = definition?.keyScope === undefined ? undefined : keyFields(definition, key);
  const name = definition === undefined ? undefined : fields?.[definition.naturalKey];
  const scope = definition?.keyScope === undefined ? undefined : fields?.[definition.keyScope];
  const to = name === undefined ? undefined : mappings?.get(name);
  if (to === undefined || scope === undefined) return key;
  const mapped = scopedKey(scope, to);
  found(key, mapped);
  return mapped;
}

function withMappedKey(type: string, body: Record<string, unknown>, key: string): Record<string, unknown> {
  const definition = findObjectType(type);
  if (definition === undefined) return body;
  // A flow's key is `<type>/<name>`: the body takes the name part.
  const name = keyFields(definition, key)?.[definition.naturalKey] ?? key;
  const naturalKey = definition.naturalKey;
  if (body[naturalKey] === undefined || body[naturalKey] === name) return body;
  return { ...body, [naturalKey]: name };
}

/**
 * Every `{"$ref": type, "name": …}` whose name the environment maps, renamed. `found` hears of
 * each with its path inside `value`.
 */
export function mapReferenceNames(
  value: JsonValue,
  values: Pick<EnvironmentValues, 'mappings'>,
  found: (path: string, type: string, from: string, to: string) => void = () => undefined,
): JsonValue {
  if (values.mappings.size === 0) return value;
  const walk = (item: JsonValue, at: string): JsonValue => {
    if (isCanonicalReference(item) && typeof item.name === 'string') {
      const type = item[REFERENCE_MARKER];
      const to = values.mappings.get(type)?.get(item.name);
      if (to === undefined) return item;
      found(at, type, item.name, to);
      return { ...item, name: to };
    }
    if (Array.isArray(item)) return item.map((element, index) => walk(element, `${at}[${index}]`));
    if (isJsonObject(item)) {
      const copy: Record<string, JsonValue> = {};
      for (const [field, element] of Object.entries(item)) {
        Object.defineProperty(copy, field, {
          value: walk(element, at === '' ? field : `${at}.${field}`),
          enumerable: true,
          writable: true,
          configurable: true,
        });
      }
      return copy;
    }
    return item;
  };
  return walk(value, '');
}

/**
 * The keys of maps keyed by references (utilization per label) that the environment maps,
 * renamed: `value` sits at `at` in an object of `type` (`[]` for a whole object). Such keys are
 * names like any `{"$ref"}`, but only the type's definition says so. `found` hears of each with
 * its path inside `value`.
 */
export function mapReferenceKeys(
  type: string,
  at: ValuePath,
  value: JsonValue,
  values: Pick<EnvironmentValues, 'mappings'>,
  found: (path: string, type: string, from: string, to: string) => void = () => undefined,
): JsonValue {
  if (values.mappings.size === 0) return value;
  let result = value;
  for (const map of keyedMapsAt(type, at, value).maps) {
    const names = values.mappings.get(map.targetType);
    if (names === undefined) continue;
    result = replaceAt(result, map.location, (inner) => {
      if (!isJsonObject(inner)) return inner;
      const renamed: JsonObject = {};
      for (const [name, element] of Object.entries(inner)) {
        const to = names.get(name);
        if (to !== undefined) found(formatDiffPath([...map.location, name]), map.targetType, name, to);
        Object.defineProperty(renamed, to ?? name, {
          value: element,
          enumerable: true,
          writable: true,
          configurable: true,
        });
      }
      return renamed;
    });
  }
  return result;
}

/** `value` with what is at `location` replaced by `replace` of it; copies only along the way. */
function replaceAt(
  value: JsonValue,
  location: readonly PathSegment[],
  replace: (inner: JsonValue) => JsonValue,
): JsonValue {
  const [first, ...rest] = location;
  if (first === undefined) return replace(value);
  if (typeof first === 'number') {
    if (!Array.isArray(value) || first >= value.length) return value;
    return value.map((element, index) => (index === first ? replaceAt(element, rest, replace) : element));
  }
  if (!isJsonObject(value) || !Object.hasOwn(value, first)) return value;
  const copy: JsonObject = { ...value };
  Object.defineProperty(copy, first, {
    value: replaceAt(value[first] as JsonValue, rest, replace),
    enumerable: true,
    writable: true,
    configurable: true,
  });
  return copy;
}

/** A change's path with reference keys on it mapped (`labelUtilizations.Escalations.maximumCapacity`). */
function mappedChangePath(
  type: string,
  path: string,
  values: Pick<EnvironmentValues, 'mappings'>,
  found: (type: string, from: string, to: string) => void,
): { path?: string } {
  if (values.mappings.size === 0) return {};
  let segments: PathSegment[];
  try {
    segments = parseValuePath(path);
  } catch {
    return {};
  }
  let changed = false;
  for (const key of keyedMapsAt(type, segments, undefined).pathKeys) {
    const from = segments[key.index];
    const to = typeof from === 'string' ? values.mappings.get(key.targetType)?.get(from) : undefined;
    if (to === undefined || typeof from !== 'string') continue;
    found(key.targetType, from, to);
    segments[key.index] = to;
    changed = true;
  }
  return changed ? { path: formatValuePath(segments) } : {};
}

/** A change's value with `resolve` applied when the change sets the type's configuration text. */
function inConfiguration(
  type: string,
  path: string,
  value: JsonValue,
  resolve: (text: string) => string,
): JsonValue {
  const field = findObjectType(type)?.configurationField;
  const at = changePathOf(path);
  if (field === undefined || typeof value !== 'string' || at?.length !== 1 || at[0] !== field) return value;
  return resolve(value);
}

/** A change's parsed path, or null when it does not parse (validation reports that). */
function changePathOf(path: string): ValuePath | null {
  try {
    return parseValuePath(path);
  } catch {
    return null;
  }
}

/**
 * How a source reads in a plan or a document: `parameter billingCallingNumber = +442079460000 for
 * prod`, `division "Customer Service" is "Customer Care" in prod (mapping)`, and a secret by name
 * only: the plan never held its value, and a sentence must not look as if it could.
 */
export function describeValueSource(source: ValueSource): string {
  if (source.kind === 'mapping') {
    return `${referenceTypeLabel(source.type)} "${printableText(source.from)}" is "${printableText(source.to)}" in ${printableText(source.environment)} (mapping)`;
  }
  return source.type === 'secret' || source.value === undefined
    ? `secret parameter ${printableText(source.parameter)} of ${printableText(source.environment)} (value not shown)`
    : `parameter ${printableText(source.parameter)} = ${printableText(source.value)} for ${printableText(source.environment)}`;
}
