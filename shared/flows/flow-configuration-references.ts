import { isJsonObject, type JsonObject, type JsonValue } from '../model/canonical/json-value';
import { scopedKey } from '../model/object-types/object-key';
import { flowTypeOfArchyKey, LITERAL_KEY, REFERENCE_KEYS } from './flow-dialect';

/*
 * The one finder of references in a flow's configuration, of both shapes a flow is written in:
 *
 * - a `lit`: the dialect's `<key>: {lit: {name[, type][, id]}}` (flow-dialect.ts REFERENCE_KEYS),
 *   and Archy's own transfer targets written the same way, `targetQueue: {lit: {name[, id]}}` and
 *   `targetFlow: {lit: {name[, id]}}` (or `targetFlow: {name}`);
 * - a name written as a key, as Archy exports a common module call
 *   (`commonModule: {<module>: {ver_latestPublished: …}}`), a data table lookup
 *   (`dataTable: {<table>: {foundOutputs…}}`) and a data action call
 *   (`category: {<integration>: {dataAction: {<action>: {inputs…}}}}`). Archy resolves these by
 *   name, so they never hold an id: materialising for a target writes the target's name there.
 *
 * Every use — the plan's check against the target and its ordering, canonicalising ids to names,
 * materialising, parameters and mappings, a package's names, Compare's summary — reads references
 * from here, so a shape is understood everywhere or nowhere.
 */

/** Where in a configuration a value sits: keys and sequence positions from the root. */
export type ConfigurationPath = readonly (string | number)[];

/** One reference to another object in a configuration. */
export interface ConfigurationReference {
  /** Where the reference key's value (`{lit: …}`, `{<name>: …}`) sits. */
  path: ConfigurationPath;
  /** `queue`, `targetQueue`, `dataTable`, `commonModule`, `category`, `flow`… */
  referenceKey: string;
  targetType: string;
  /**
   * `literal`: a `lit` mapping holds the name (and an org's id); `plain`: `targetFlow: {name}`;
   * `key`: the name is a mapping key, with what the call holds under it.
   */
  shape: 'literal' | 'plain' | 'key';
  /** The name written, when a plain string. */
  name?: string;
  /** The parameter a `{$param: "…"}` name takes its value from (a `lit` only). */
  parameter?: string;
  /** For a flow: the flow type (API spelling) the name is unique within. */
  flowType?: string;
  /** Set when the text does not say `flowType` but the action implies it (an Archy `targetFlow`). */
  flowTypeImplied?: true;
  /** An export's or import file's id in that org (a `lit` only); canonical text has none. */
  id?: string;
  /** The `lit` (or `{name}`) mapping itself, rewritten in place; none for a name written as a key. */
  literal?: JsonObject;
  /** Whether the `lit` says a flow's `type` beside its name (the dialect's `flow` does; Archy's do not). */
  writesType: boolean;
  /** For a name written as a key: what sits under it (a call's inputs and outputs). */
  rest?: JsonValue;
  /** For a data action call: the integration (`category`) it is made through. */
  integration?: string;
  /** For a data action call: writes another integration name where it is written (its key). */
  renameIntegration?: (name: string) => void;
  /** Writes another name where this one is written (a `lit`'s `name`, or the key itself). */
  rename: (name: string) => void;
}

/** Archy's own transfer targets written as a `lit` (or `{name}`), and the type each names. */
const ARCHY_LITERAL_KEYS: Readonly<Record<string, string>> = {
  targetQueue: 'routing.queue',
  targetFlow: 'architect.flow',
};

/** Values in Archy's reference places that are not a name: an expression, a variable, no value. */
const NOT_A_NAME = new Set([LITERAL_KEY, 'exp', 'var', 'noValue']);

/**
 * Every reference in a parsed configuration, in document order. Under a name written as a key,
 * what the call holds is searched too (a data action's output can hold a transfer). The root's
 * own key (`commonModule:` of a common module flow) is the flow type, never a call.
 */
export function configurationReferences(value: JsonValue): ConfigurationReference[] {
  const found: FoundEntry[] = [];
  const rootType =
    isJsonObject(value) && Object.keys(value).length === 1
      ? flowTypeOfArchyKey(Object.keys(value)[0] as string)
      : undefined;
  const walk = (node: JsonValue, path: (string | number)[]) => {
    if (Array.isArray(node)) {
      node.forEach((item, index) => walk(item, [...path, index]));
      return;
    }
    if (!isJsonObject(node)) return;
    for (const [key, child] of Object.entries(node)) {
      const entry = referenceEntry(node, key, path, rootType);
      const reference = path.length === 0 && entry?.shape === 'key' ? undefined : entry;
      if (reference === undefined) {
        walk(child, [...path, key]);
        continue;
      }
      found.push(reference);
      if (reference.rest !== undefined) walk(reference.rest, [...path, key, ...(reference.restPath ?? [])]);
    }
  };
  walk(value, []);
  return found.map(withoutRestPath);
}

/**
 * The reference the entry `key` of `holder` is, or undefined. `path` is where `holder` sits;
 * `rootType` the flow's own type, which an Archy `targetFlow` without one transfers within.
 */
export function configurationReferenceAt(
  holder: JsonObject,
  key: string,
  path: ConfigurationPath = [],
  rootType?: string,
): ConfigurationReference | undefined {
  const reference = referenceEntry(holder, key, path, rootType);
  return reference === undefined ? undefined : withoutRestPath(reference);
}

function withoutRestPath(entry: FoundEntry): ConfigurationReference {
  const reference: FoundEntry = { ...entry };
  delete reference.restPath;
  return reference;
}

type FoundEntry = ConfigurationReference & { restPath?: string[] };

function referenceEntry(
  holder: JsonObject,
  key: string,
  path: ConfigurationPath,
  rootType: string | undefined,
): FoundEntry | undefined {
  const value = holder[key];
  if (value === undefined) return undefined;
  const at = [...path, key];
  const literalType = Object.hasOwn(REFERENCE_KEYS, key)
    ? REFERENCE_KEYS[key]
    : Object.hasOwn(ARCHY_LITERAL_KEYS, key)
      ? ARCHY_LITERAL_KEYS[key]
      : undefined;
  const literal = literalType === undefined ? undefined : literalOf(value);
  if (literalType !== undefined && literal !== undefined) {
    const dialect = Object.hasOwn(REFERENCE_KEYS, key);
    const name = literal.name;
    const parameter =
      isJsonObject(name) && typeof name.$param === 'string' && name.$param !== '' ? name.$param : undefined;
    const written = typeof literal.type === 'string' && literal.type !== '' ? literal.type : undefined;
    const implied =
      written === undefined && literalType === 'architect.flow' && !dialect
        ? archyFlowTarget(path, rootType)
        : undefined;
    const flowType = written?.toUpperCase() ?? implied;
    return {
      path: at,
      referenceKey: key,
      targetType: literalType,
      shape: 'literal',
      literal,
      writesType: dialect,
      ...(typeof name === 'string' && name !== '' ? { name } : {}),
      ...(parameter === undefined ? {} : { parameter }),
      ...(flowType === undefined ? {} : { flowType }),
      ...(implied === undefined ? {} : { flowTypeImplied: true as const }),
      ...(typeof literal.id === 'string' && literal.id !== '' ? { id: literal.id } : {}),
      rename: (next) => {
        literal.name = next;
      },
    };
  }
  if (key === 'targetFlow' && isOnlyKey(value, 'name') && nonEmpty(value.name) !== undefined) {
    const flowType = archyFlowTarget(path, rootType);
    return {
      path: at,
      referenceKey: key,
      targetType: 'architect.flow',
      shape: 'plain',
      literal: value,
      writesType: false,
      name: value.name as string,
      ...(flowType === undefined ? {} : { flowType, flowTypeImplied: true as const }),
      rename: (next) => {
        value.name = next;
      },
    };
  }
  switch (key) {
    case 'commonModule':
    case 'dataTable': {
      if (!isJsonObject(value)) return undefined;
      const named = namedKey(value);
      if (named === undefined) return undefined;
      return {
        path: at,
        referenceKey: key,
        targetType: key === 'commonModule' ? 'architect.flow' : 'flows.datatable',
        shape: 'key',
        writesType: false,
        name: named.name,
        ...(key === 'commonModule' ? { flowType: 'COMMONMODULE' } : {}),
        rest: named.rest,
        restPath: [named.name],
        rename: renameKey(value, named.name),
      };
    }
    case 'category': {
      if (!isJsonObject(value)) return undefined;
      const integration = namedKey(value);
      const calls =
        integration !== undefined && isJsonObject(integration.rest) ? integration.rest : undefined;
      const actions = calls !== undefined && isOnlyKey(calls, 'dataAction') ? calls.dataAction : undefined;
      const action = actions !== undefined && isJsonObject(actions) ? namedKey(actions) : undefined;
      if (integration === undefined || action === undefined || !isJsonObject(actions)) return undefined;
      return {
        path: at,
        referenceKey: key,
        targetType: 'integrations.action',
        shape: 'key',
        writesType: false,
        name: action.name,
        integration: integration.name,
        rest: action.rest,
        restPath: [integration.name, 'dataAction', action.name],
        rename: renameKey(actions, action.name),
        renameIntegration: renameKey(value, integration.name),
      };
    }
    default:
      return undefined;
  }
}

/**
 * The flow type an Archy `targetFlow` transfers to when its `lit` does not say: a secure transfer
 * goes to a secure call flow, any other to a flow of the caller's own type.
 */
function archyFlowTarget(path: ConfigurationPath, rootType: string | undefined): string | undefined {
  const action = path[path.length - 1];
  if (action === 'transferToFlowSecure') return 'SECURECALL';
  return rootType;
}

/** Renames the one key of `holder` that names an object, keeping what it holds. */
function renameKey(holder: JsonObject, written: string): (name: string) => void {
  let current = written;
  return (next) => {
    if (next === current) return;
    const held = holder[current] as JsonValue;
    // Rebuilt rather than a computed delete: the names are a person's, any text at all.
    const entries = Object.entries(holder).filter(([key]) => key !== current);
    for (const key of Object.keys(holder)) Reflect.deleteProperty(holder, key);
    for (const [key, child] of [...entries, [next, held] as const]) {
      // Defined, not assigned: a name `__proto__` stays a key, not the object's prototype.
      Object.defineProperty(holder, key, {
        value: child,
        enumerable: true,
        writable: true,
        configurable: true,
      });
    }
    current = next;
  };
}

/** The key of what a reference names (`INQUEUECALL/Billing` for a flow); undefined without a name. */
export function configurationReferenceKey(
  reference: Pick<ConfigurationReference, 'name' | 'flowType' | 'targetType'>,
): string | undefined {
  if (reference.name === undefined) return undefined;
  if (reference.targetType !== 'architect.flow') return reference.name;
  return reference.flowType === undefined ? undefined : scopedKey(reference.flowType, reference.name);
}

/** Where a reference's name is written: `….queue.lit.name`, `….dataTable.<name>`. */
export function referenceNamePath(reference: ConfigurationReference): ConfigurationPath {
  if (reference.shape === 'literal') return [...reference.path, LITERAL_KEY, 'name'];
  if (reference.shape === 'plain') return [...reference.path, 'name'];
  return reference.path;
}

/** `inboundCall.menus[0].menu.choices[1].menuTransferToAcd.queue`: a path for people. */
export function formatConfigurationPath(path: ConfigurationPath): string {
  let text = '';
  for (const segment of path) {
    if (typeof segment === 'number') text += `[${segment}]`;
    else text += text === '' ? segment : `.${segment}`;
  }
  return text;
}

function literalOf(value: JsonValue | undefined): JsonObject | undefined {
  if (!isJsonObject(value)) return undefined;
  const keys = Object.keys(value);
  if (keys.length !== 1 || keys[0] !== LITERAL_KEY) return undefined;
  const literal = value[LITERAL_KEY];
  return isJsonObject(literal) ? literal : undefined;
}

/** `{X: …}`, one key that is a name (not `lit`, `exp`…) → X and what it holds. */
function namedKey(value: JsonObject): { name: string; rest: JsonValue } | undefined {
  const entries = Object.entries(value);
  const [entry] = entries;
  if (entries.length !== 1 || entry === undefined) return undefined;
  const [name, rest] = entry;
  if (name === '' || NOT_A_NAME.has(name)) return undefined;
  return { name, rest };
}

function isOnlyKey(value: JsonValue, key: string): value is JsonObject {
  return isJsonObject(value) && Object.keys(value).length === 1 && Object.hasOwn(value, key);
}

function nonEmpty(value: JsonValue | undefined): string | undefined {
  return typeof value === 'string' && value !== '' ? value : undefined;
}
