import { isJsonObject, type JsonObject, type JsonValue } from '../model/canonical/json-value';
import { scopedKey } from '../model/object-types/object-key';
import { LITERAL_KEY, REFERENCE_KEYS } from './flow-dialect';

/** Where in a configuration a value sits: keys and sequence positions from the root. */
export type ConfigurationPath = readonly (string | number)[];

/** One `<reference key>: {lit: {...}}` in a configuration. */
export interface ConfigurationReference {
  /** Where the reference key's value (`{lit: …}`) sits. */
  path: ConfigurationPath;
  /** `queue`, `dataTable`, `flow`… */
  referenceKey: string;
  targetType: string;
  /** The name written, when a plain string. */
  name?: string;
  /** The parameter a `{$param: "…"}` name takes its value from. */
  parameter?: string;
  /** For `flow`: the flow type (API spelling) the name is unique within. */
  flowType?: string;
  /** An export's or import file's id in that org; canonical text has none. */
  id?: string;
  /** The `lit` mapping itself, for rewriting in place. */
  literal: JsonObject;
}

/**
 * Every reference in a parsed configuration, in document order. A mapping entry counts when its
 * key is one of REFERENCE_KEYS and its value is a mapping holding exactly `lit`, itself a mapping:
 * anything else under such a key (an Archy expression, a variable) is not a reference by name.
 */
export function configurationReferences(value: JsonValue): ConfigurationReference[] {
  const found: ConfigurationReference[] = [];
  const walk = (node: JsonValue, path: (string | number)[]) => {
    if (Array.isArray(node)) {
      node.forEach((item, index) => walk(item, [...path, index]));
      return;
    }
    if (!isJsonObject(node)) return;
    for (const [key, child] of Object.entries(node)) {
      const reference = Object.hasOwn(REFERENCE_KEYS, key) ? literalOf(child) : undefined;
      if (reference === undefined) {
        walk(child, [...path, key]);
        continue;
      }
      const targetType = REFERENCE_KEYS[key] as string;
      const name = reference.name;
      const parameter =
        isJsonObject(name) && typeof name.$param === 'string' && name.$param !== '' ? name.$param : undefined;
      found.push({
        path: [...path, key],
        referenceKey: key,
        targetType,
        literal: reference,
        ...(typeof name === 'string' && name !== '' ? { name } : {}),
        ...(parameter === undefined ? {} : { parameter }),
        ...(typeof reference.type === 'string' && reference.type !== ''
          ? { flowType: reference.type.toUpperCase() }
          : {}),
        ...(typeof reference.id === 'string' && reference.id !== '' ? { id: reference.id } : {}),
      });
    }
  };
  walk(value, []);
  return found;
}

/** The key of what a reference names (`INQUEUECALL/Billing` for a flow); undefined without a name. */
export function configurationReferenceKey(
  reference: Pick<ConfigurationReference, 'name' | 'flowType' | 'targetType'>,
): string | undefined {
  if (reference.name === undefined) return undefined;
  if (reference.targetType !== 'architect.flow') return reference.name;
  return reference.flowType === undefined ? undefined : scopedKey(reference.flowType, reference.name);
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
