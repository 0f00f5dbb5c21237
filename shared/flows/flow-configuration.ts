import type { ResolveId, ResolveName, UnresolvedReference } from '../model/canonical/canonical-reference';
import { isJsonObject, type JsonObject, type JsonValue } from '../model/canonical/json-value';
import { keyFields, scopedKey } from '../model/object-types/object-key';
import type { ReferenceTargetType } from '../model/object-types/object-type-definition';
import { findObjectType } from '../model/object-types/registry';
import {
  configurationRoot,
  parseFlowConfiguration,
  refused,
  serializeFlowConfiguration,
  type ConfigurationSource,
} from './flow-configuration-parse';
import {
  configurationReferenceKey,
  configurationReferences,
  formatConfigurationPath,
  type ConfigurationReference,
} from './flow-configuration-references';
import { LITERAL_KEY, REFERENCE_KEYS } from './flow-dialect';

/*
 * A flow's configuration between orgs: an export (ids of the source org beside the names) becomes
 * canonical text (names only, each the current name of the object the id names), and canonical
 * text becomes an import file for a target (each name given the target's id). See flow-dialect.ts.
 */

/** The flow a configuration belongs to: its type (API spelling) and name must be the text's own. */
export interface FlowIdentity {
  readonly type: string;
  readonly name: string;
}

export interface ConfigurationResult {
  text: string;
  /** References the resolver could not answer, at `configuration: <path in the flow>`. */
  unresolved: UnresolvedReference[];
}

/**
 * Export text → canonical text. Each `lit` with an `id` takes the name the source org has for
 * that object now (renames since the export are followed); an id the org does not know keeps the
 * name written beside it and is reported, as a JSON reference would be. Ids are dropped.
 */
export function canonicalizeConfiguration(
  text: string,
  flow: FlowIdentity,
  resolveName: ResolveName,
  field = 'configuration',
): ConfigurationResult {
  const source = sourceOf(flow);
  const value = parseFlowConfiguration(text, source);
  checkIdentity(value, flow, source);
  const unresolved: UnresolvedReference[] = [];
  for (const reference of configurationReferences(value)) {
    const { literal, id } = reference;
    if (id === undefined || literal === undefined) continue;
    delete literal.id;
    const key = resolveName(reference.targetType as ReferenceTargetType, id);
    if (key !== undefined) {
      nameLiteral(literal, reference, key);
      continue;
    }
    unresolved.push({
      path: pathOf(field, reference),
      refType: reference.targetType as ReferenceTargetType,
      id,
      ...(reference.name === undefined ? {} : { name: reference.name }),
    });
    // Nothing else names it: the source id is kept so that what was meant is not lost.
    if (reference.name === undefined && reference.parameter === undefined) literal.id = id;
  }
  return { text: serializeFlowConfiguration(value), unresolved };
}

/**
 * Canonical text, as a person or a changeset wrote it, in canonical form: parsed strictly,
 * checked against the flow's type and name, ids dropped where a name is there, rewritten sorted.
 */
export function normalizeConfiguration(text: string, flow: FlowIdentity): string {
  const source = sourceOf(flow);
  const value = parseFlowConfiguration(text, source);
  checkIdentity(value, flow, source);
  for (const reference of configurationReferences(value)) {
    if (reference.name !== undefined || reference.parameter !== undefined) delete reference.literal?.id;
  }
  return serializeFlowConfiguration(value);
}

/** What materialising needs besides ids: the names parameters and mappings give. */
export interface MaterializeOptions {
  /** The value of a `{$param: "…"}` name in the target environment. */
  parameter?: (name: string) => string | undefined;
  /** The name the target knows an object by where a mapping renames it. */
  mapName?: (refType: string, name: string) => string;
  field?: string;
}

/**
 * Canonical text → import text for a target: each `lit` gets the target's `id` for its name (a
 * parameter's value or a mapping's name first). A name with no id in the target is reported
 * (its `lit` keeps the name, no id): the step must not run while any remains.
 */
export function materializeConfiguration(
  text: string,
  flow: FlowIdentity,
  resolveId: ResolveId,
  options: MaterializeOptions = {},
): ConfigurationResult {
  const source = sourceOf(flow);
  const value = parseFlowConfiguration(text, source);
  checkIdentity(value, flow, source);
  const field = options.field ?? 'configuration';
  const unresolved: UnresolvedReference[] = [];
  const references = configurationReferences(value);
  // Another org's id where Ferry maps none would reach the target as it is: refused, not sent.
  const stray = strayLiteralWithId(
    value,
    new Set(references.flatMap((reference) => (reference.literal === undefined ? [] : [reference.literal]))),
  );
  if (stray !== undefined) {
    throw refused(
      source,
      `holds an id at ${formatConfigurationPath(stray)}, where Ferry maps none (only \`<key>: {lit: {name}}\` under ${[...Object.keys(REFERENCE_KEYS), 'targetQueue', 'targetFlow'].join(', ')}): that other org's id would reach the target as it is. Name the object by one of those references, or remove the id`,
    );
  }
  for (const reference of references) {
    const { literal } = reference;
    const extra =
      reference.shape === 'literal' && literal !== undefined
        ? Object.keys(literal).filter((key) => !LITERAL_FIELDS.has(key))
        : [];
    if (extra.length > 0) {
      throw refused(
        source,
        `has ${extra.map((key) => `"${key}"`).join(', ')} in the reference at ${formatConfigurationPath([...reference.path, LITERAL_KEY])}; a \`lit\` holds only name, type and id`,
      );
    }
    if (reference.name === undefined && reference.parameter === undefined) {
      throw refused(
        source,
        `has a reference with no name at ${formatConfigurationPath([...reference.path, LITERAL_KEY])}${reference.id === undefined ? '' : ' (only an id, which is another org’s)'}: write the name of the object it means`,
      );
    }
    if (literal !== undefined) delete literal.id;
    let name = reference.name;
    if (reference.parameter !== undefined) {
      name = options.parameter?.(reference.parameter);
      if (name === undefined) {
        unresolved.push({
          path: pathOf(field, reference),
          refType: reference.targetType as ReferenceTargetType,
        });
        continue;
      }
    }
    if (reference.integration !== undefined) {
      // Archy finds a data action through its integration's name, which the target must have
      // under that name (or a mapping's): an action of the same name elsewhere does not answer.
      const integration =
        options.mapName?.('integrations.integration', reference.integration) ?? reference.integration;
      if (integration !== reference.integration) reference.renameIntegration?.(integration);
      if (resolveId('integrations.integration', integration) === undefined) {
        unresolved.push({
          path: pathOf(field, reference),
          refType: 'integrations.integration',
          name: integration,
        });
      }
    }
    if (name === undefined) continue;
    name = options.mapName?.(reference.targetType, name) ?? name;
    // Archy resolves a name written as a key (or `targetFlow: {name}`) by name: the target's
    // name is what it needs; a `lit` also gets the target's id below.
    if (name !== reference.name || reference.parameter !== undefined) reference.rename(name);
    const key = configurationReferenceKey({ ...reference, name });
    const id = key === undefined ? undefined : resolveId(reference.targetType, key);
    if (id === undefined) {
      unresolved.push({
        path: pathOf(field, reference),
        refType: reference.targetType as ReferenceTargetType,
        name: key ?? name,
      });
      continue;
    }
    if (reference.shape === 'literal' && literal !== undefined) literal.id = id;
  }
  return { text: serializeFlowConfiguration(value), unresolved };
}

/**
 * "flow INBOUNDCALL/Main Menu refers to data table "Holidays", which uat does not have": what a
 * blocked step says about a reference inside a configuration.
 */
export function describeMissingConfigurationReference(
  flow: FlowIdentity,
  reference: Pick<UnresolvedReference, 'refType' | 'name'>,
  environment: string,
): string {
  const label = findObjectType(reference.refType)?.label.toLowerCase() ?? reference.refType;
  const named = reference.name === undefined ? 'an object a parameter names' : `"${reference.name}"`;
  return `flow ${scopedKey(flow.type, flow.name)} refers to ${label} ${named}, which ${environment} does not have`;
}

function checkIdentity(value: JsonObject, flow: FlowIdentity, source: ConfigurationSource): void {
  const root = configurationRoot(value, source);
  if (root.flowType !== flow.type) {
    // Exactly as the API spells it: `inboundcall` would differ from the org's `INBOUNDCALL` on
    // every plan and be sent to Genesys as written.
    const hint =
      root.flowType === flow.type.toUpperCase() ? ` (write it as the API does: ${root.flowType})` : '';
    throw refused(source, `is a ${root.archyKey} flow, but the flow's type is ${flow.type}${hint}`);
  }
  if (root.flow.name !== flow.name) {
    throw refused(
      source,
      `names the flow ${JSON.stringify(root.flow.name ?? null)}, but the flow is "${flow.name}"; the two must agree`,
    );
  }
}

/** Writes a key's name (and, where the shape says it, a flow's type) into a `lit`. */
function nameLiteral(literal: JsonObject, reference: ConfigurationReference, key: string): void {
  const definition = findObjectType(reference.targetType);
  const fields = definition?.keyScope === undefined ? undefined : keyFields(definition, key);
  if (definition === undefined || fields === undefined || definition.keyScope === undefined) {
    literal.name = key;
    return;
  }
  literal.name = fields[definition.naturalKey] as string;
  // Archy's own `targetFlow: {lit: {name}}` has no type: it transfers within its flow's kind.
  if (reference.writesType) literal.type = fields[definition.keyScope] as string;
}

/** What a reference's `lit` may hold (flow-dialect.ts). */
const LITERAL_FIELDS = new Set(['name', 'type', 'id']);

/** The path of a `lit` that is not one of `mapped` yet holds an `id` somewhere within it. */
function strayLiteralWithId(
  node: JsonValue,
  mapped: ReadonlySet<JsonObject>,
  path: (string | number)[] = [],
): (string | number)[] | undefined {
  if (Array.isArray(node)) {
    for (const [index, item] of node.entries()) {
      const found = strayLiteralWithId(item, mapped, [...path, index]);
      if (found !== undefined) return found;
    }
    return undefined;
  }
  if (!isJsonObject(node)) return undefined;
  for (const [key, child] of Object.entries(node)) {
    if (key === LITERAL_KEY && isJsonObject(child) && !mapped.has(child) && holdsId(child)) {
      return [...path, key];
    }
    const found = strayLiteralWithId(child, mapped, [...path, key]);
    if (found !== undefined) return found;
  }
  return undefined;
}

function holdsId(node: JsonValue): boolean {
  if (Array.isArray(node)) return node.some(holdsId);
  if (!isJsonObject(node)) return false;
  return Object.entries(node).some(([key, child]) => key === 'id' || holdsId(child));
}

function pathOf(field: string, reference: ConfigurationReference): string {
  const at = reference.shape === 'literal' ? [...reference.path, LITERAL_KEY] : reference.path;
  return `${field}: ${formatConfigurationPath(at)}`;
}

function sourceOf(flow: FlowIdentity): ConfigurationSource {
  return { label: `flow ${scopedKey(flow.type, flow.name)}` };
}

/** The flow type and name a configuration says, for checks before a flow's own fields are known. */
export function configurationIdentity(text: string, label: string): FlowIdentity | undefined {
  const value = parseFlowConfiguration(text, { label });
  const root = configurationRoot(value, { label });
  return typeof root.flow.name === 'string' && isJsonObject(root.flow)
    ? { type: root.flowType, name: root.flow.name }
    : undefined;
}
