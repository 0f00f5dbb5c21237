import { FerryError } from '../../api/api-error';
import type { FieldIssue } from '../../api/issues';
import {
  canonicalizeConfiguration,
  materializeConfiguration,
  normalizeConfiguration,
  type FlowIdentity,
} from '../../flows/flow-configuration';
import type { ObjectTypeDefinition } from '../object-types/object-type-definition';
import type { ResolveId, ResolveName, UnresolvedReference } from './canonical-reference';
import type { JsonObject } from './json-value';

/*
 * The configuration field of a type (`configurationField`, a flow's `configuration`) taken
 * through canonical form as text in the flow dialect: its references named like any other
 * field's, its top-level key and name checked against the object's own type and name.
 */

type Definition = Pick<ObjectTypeDefinition, 'configurationField' | 'keyScope' | 'naturalKey'>;

/** Export text with the source org's ids → canonical text; unknown ids reported. */
export function canonicalizeConfigurationField(
  value: JsonObject,
  type: Definition,
  resolveName: ResolveName,
  schemaIssues: FieldIssue[] | undefined,
): UnresolvedReference[] {
  const at = textAt(value, type);
  if (at === undefined) return [];
  try {
    const result = canonicalizeConfiguration(at.text, at.flow, resolveName, at.field);
    value[at.field] = result.text;
    return result.unresolved;
  } catch (error) {
    // A pull keeps what the org holds and says what is wrong with it; anything else refuses it.
    if (schemaIssues === undefined || !(error instanceof FerryError)) throw error;
    schemaIssues.push({ path: at.field, message: error.message });
    return [];
  }
}

/** Canonical text as written by hand, in canonical layout (refused when not the dialect). */
export function normalizeConfigurationField(value: JsonObject, type: Definition): void {
  const at = textAt(value, type);
  if (at !== undefined) value[at.field] = normalizeConfiguration(at.text, at.flow);
}

/** Canonical text → the target's import text (ids of the target); names it lacks reported. */
export function materializeConfigurationField(
  value: JsonObject,
  type: Definition,
  resolveId: ResolveId,
): UnresolvedReference[] {
  const at = textAt(value, type);
  if (at === undefined) return [];
  const result = materializeConfiguration(at.text, at.flow, resolveId, { field: at.field });
  value[at.field] = result.text;
  return result.unresolved;
}

/** The flow a value is: its scope field (the flow type) and its natural key (the name). */
export function identityOf(value: JsonObject, type: Definition): FlowIdentity | undefined {
  const name = value[type.naturalKey];
  const scope = type.keyScope === undefined ? undefined : value[type.keyScope];
  return typeof name === 'string' && typeof scope === 'string' ? { type: scope, name } : undefined;
}

function textAt(
  value: JsonObject,
  type: Definition,
): { field: string; text: string; flow: FlowIdentity } | undefined {
  const field = type.configurationField;
  if (field === undefined) return undefined;
  const text = value[field];
  const flow = identityOf(value, type);
  if (typeof text !== 'string' || flow === undefined) return undefined;
  return { field, text, flow };
}
