import {
  configurationReferenceKey,
  configurationReferences,
  formatConfigurationPath,
} from '../flows/flow-configuration-references';
import { parseFlowConfiguration } from '../flows/flow-configuration-parse';
import { isJsonObject, type JsonValue } from '../model/canonical/json-value';
import type { ObjectTypeDefinition } from '../model/object-types/object-type-definition';
import type { KeysNamed } from '../model/object-types/reference-key';
import { formatValuePath, type ValuePath } from './value-path';

/** The part of `ObjectReference` this module fills in (kept here to avoid an import cycle). */
interface FoundReference {
  path: string;
  targetType: string;
  key: string;
}

type TypeLookup = (id: string) => ObjectTypeDefinition | undefined;

/**
 * The references inside a type's configuration text (a flow's queues, data tables, sub-flows…),
 * at `configuration: <path in the flow>`. Text that does not parse has none here: validation and
 * canonical checks report it. A flow reference without a flow type keeps the bare name, or the
 * one existing flow of that name `keysNamed` finds.
 */
export function configurationReferencesOf(
  type: string,
  value: JsonValue,
  types: TypeLookup,
  keysNamed?: KeysNamed,
): FoundReference[] {
  const field = types(type)?.configurationField;
  if (field === undefined || !isJsonObject(value)) return [];
  const text = value[field];
  return typeof text === 'string' ? referencesInText(field, text, keysNamed) : [];
}

/** The configuration references an update's change writes: a change of the whole text or object. */
export function configurationReferencesInChange(
  type: string,
  path: ValuePath,
  after: JsonValue | undefined,
  types: TypeLookup,
): FoundReference[] {
  const field = types(type)?.configurationField;
  if (field === undefined || after === undefined) return [];
  if (path.length === 0) return configurationReferencesOf(type, after, types);
  if (path.length === 1 && path[0] === field && typeof after === 'string') {
    return referencesInText(field, after, undefined);
  }
  return [];
}

function referencesInText(field: string, text: string, keysNamed: KeysNamed | undefined): FoundReference[] {
  const found: FoundReference[] = [];
  for (const reference of parsedReferences(text)) {
    let key = configurationReferenceKey(reference);
    if (key === undefined && reference.name !== undefined) {
      const existing = keysNamed?.(reference.targetType, reference.name) ?? [];
      key = existing.length === 1 ? existing[0] : reference.name;
    }
    if (key === undefined) continue;
    found.push({
      path: `${formatValuePath([field])}: ${formatConfigurationPath(reference.path)}`,
      targetType: reference.targetType,
      key,
    });
  }
  return found;
}

/**
 * Parsed references per text, a few hundred kept: a plan orders, validates and indexes the same
 * flows several times, and parsing is what costs.
 */
const cache = new Map<string, ReturnType<typeof configurationReferences>>();
const CACHE_LIMIT = 500;

function parsedReferences(text: string): ReturnType<typeof configurationReferences> {
  const cached = cache.get(text);
  if (cached !== undefined) return cached;
  let references: ReturnType<typeof configurationReferences>;
  try {
    references = configurationReferences(parseFlowConfiguration(text, { label: 'a flow' }));
  } catch {
    references = [];
  }
  if (cache.size >= CACHE_LIMIT) {
    const oldest = cache.keys().next().value;
    if (oldest !== undefined) cache.delete(oldest);
  }
  cache.set(text, references);
  return references;
}
