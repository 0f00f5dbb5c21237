import { isJsonObject, type JsonObject, type JsonValue } from '../model/canonical/json-value';
import { LITERAL_KEY } from './flow-dialect';

/*
 * References as Archy itself writes them in an exported flow, besides the dialect's
 * `<key>: {lit: {name}}` (flow-dialect.ts): a transfer's `targetQueue: {lit: {name}}`, a transfer
 * to another flow's `targetFlow: {name}`, and the names written as keys — a common module call's
 * `commonModule: {<module>: {ver_latestPublished: …}}`, a lookup's `dataTable: {<table>: {…}}`, a
 * data action call's `category: {<integration>: {dataAction: {<action>: {inputs…}}}}`.
 *
 * Only people read these: the Compare page's summary and its list of references that differ say
 * "transfers to queue Sales" for a flow pasted from Archy as they do for Ferry's own dialect. What a
 * key-shaped reference holds under its name (inputs, outputs) is handed back as `rest`, so a
 * change there is still seen, and a renamed call does not count every input as changed.
 */

/** One reference in Archy's own shape: the type it names (`routing.queue`) and the name. */
export interface ArchyReference {
  type: string;
  name: string;
  /** For a flow, when the shape says it: its type as the API spells it. */
  flowType?: string;
  /** What sits under the name in a key-shaped reference (a call's inputs and outputs). */
  rest?: JsonValue;
  /** A data action's integration (`category`), which the action's name alone does not say. */
  integration?: string;
}

/** Values in Archy's reference places that are not a name: an expression, a variable, no value. */
const NOT_A_NAME = new Set([LITERAL_KEY, 'exp', 'var', 'noValue']);

/** The reference the mapping entry `key: value` holds in Archy's own shape, or undefined. */
export function archyReferenceAt(key: string, value: JsonValue): ArchyReference | undefined {
  switch (key) {
    case 'targetQueue': {
      const name = literalName(value);
      return name === undefined ? undefined : { type: 'routing.queue', name };
    }
    case 'targetFlow': {
      const name = literalName(value) ?? plainName(value);
      return name === undefined ? undefined : { type: 'architect.flow', name };
    }
    case 'commonModule': {
      const named = namedKey(value);
      return named === undefined
        ? undefined
        : { type: 'architect.flow', name: named.name, flowType: 'COMMONMODULE', rest: named.rest };
    }
    case 'dataTable': {
      const named = namedKey(value);
      return named === undefined
        ? undefined
        : { type: 'flows.datatable', name: named.name, rest: named.rest };
    }
    case 'category': {
      const integration = namedKey(value);
      const holder =
        integration !== undefined && isJsonObject(integration.rest) ? integration.rest : undefined;
      const actionEntry = holder !== undefined ? holder['dataAction'] : undefined;
      const action =
        holder !== undefined && Object.keys(holder).length === 1 ? namedKey(actionEntry) : undefined;
      return action === undefined
        ? undefined
        : {
            type: 'integrations.action',
            name: action.name,
            rest: action.rest,
            ...(integration === undefined ? {} : { integration: integration.name }),
          };
    }
    default:
      return undefined;
  }
}

/**
 * Every reference in Archy's own shape in a parsed configuration, in document order; what a
 * key-shaped reference holds is searched too (a data action's output can hold a transfer).
 */
export function archyReferencesIn(node: JsonValue): ArchyReference[] {
  const found: ArchyReference[] = [];
  const walk = (value: JsonValue): void => {
    if (Array.isArray(value)) {
      value.forEach(walk);
      return;
    }
    if (!isJsonObject(value)) return;
    for (const [key, child] of Object.entries(value)) {
      const reference = archyReferenceAt(key, child);
      if (reference === undefined) {
        walk(child);
        continue;
      }
      found.push(reference);
      if (reference.rest !== undefined) walk(reference.rest);
    }
  };
  walk(node);
  return found;
}

/** `{lit: {name: X}}` → X. */
function literalName(value: JsonValue): string | undefined {
  if (!isOnlyKey(value, LITERAL_KEY)) return undefined;
  const literal = value[LITERAL_KEY];
  return isJsonObject(literal) ? nonEmpty(literal['name']) : undefined;
}

/** `{name: X}` → X. */
function plainName(value: JsonValue): string | undefined {
  return isOnlyKey(value, 'name') ? nonEmpty(value['name']) : undefined;
}

/** `{X: …}`, one key that is a name (not `lit`, `exp`…) → X and what it holds. */
function namedKey(value: JsonValue | undefined): { name: string; rest: JsonValue } | undefined {
  if (value === undefined || !isJsonObject(value)) return undefined;
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
