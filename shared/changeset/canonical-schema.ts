import { z } from 'zod';
import { FerryError } from '../api/api-error';
import { formatDiffPath, type PathSegment } from '../diff/diff-path';
import { isCanonicalReference, REFERENCE_MARKER } from '../model/canonical/canonical-reference';
import { normalizeConfigurationField } from '../model/canonical/configuration-field';
import { parseFieldPath, slotsAt, writeSlot } from '../model/canonical/field-path';
import {
  cloneJson,
  isJsonObject,
  NotJsonError,
  setJsonField,
  type JsonObject,
  type JsonValue,
} from '../model/canonical/json-value';
import { environmentValueSlots, PARAMETER_MARKER } from '../parameters/parameter-marker';
import { PARAMETER_NAME } from '../parameters/parameter-name';
import { entityReferenceSchema } from '../model/object-types/entity-reference-schema';
import { ModelErrorCode } from '../model/object-types/model-error-codes';
import {
  objectTypeIds,
  unmanagedReferenceTypeIds,
  type ObjectTypeDefinition,
} from '../model/object-types/object-type-definition';
import { findObjectType } from '../model/object-types/registry';
import {
  acceptsTargetType,
  kindOfTargetType,
  referenceTargetTypes,
} from '../model/object-types/reference-field';
import type { TypeLookup } from './object-references';
import { wordIssue } from '../api/issue-wording';

export interface CanonicalIssue {
  /** Diff-path syntax inside the object; `''` for the object itself. */
  path: string;
  message: string;
}

// Stands in for the org-specific id the API shape requires and the canonical form never has.
const PLACEHOLDER_ID = 'ferry-canonical-placeholder';

/**
 * Problems with a canonical value of `type`. The types' zod schemas describe the API's shape, so
 * the value is checked in that shape: a placeholder `id` at the root and every canonical
 * reference turned into `{id, name}`. What the API shape cannot see is checked here: a reference
 * position holding something other than a reference, a `$ref` of the wrong type, and the
 * natural key.
 */
export function checkCanonicalObject(
  type: string,
  value: unknown,
  types: TypeLookup = findObjectType,
): CanonicalIssue[] {
  const definition = types(type);
  if (definition === undefined) return [{ path: '', message: `unknown object type "${type}"` }];
  let copy: JsonValue;
  try {
    copy = cloneJson(value);
  } catch (error) {
    if (!(error instanceof NotJsonError)) throw error;
    return [{ path: formatDiffPath(segmentsOf(error.path)), message: error.message }];
  }
  if (!isJsonObject(copy)) return [{ path: '', message: 'must be an object' }];
  const parameters = environmentValueSlots(copy).map((slot) => slot.path);
  const issues: CanonicalIssue[] = [];
  for (const path of parameters) {
    if (path === definition.naturalKey) {
      issues.push({
        path,
        message: 'cannot be a parameter: it is the natural key, the same in every environment',
      });
    }
  }
  issues.push(...shapeIssues(definition, copy).filter((issue) => !underParameter(issue.path, parameters)));
  return issues;
}

/**
 * A parameter's value is checked where it is known, per environment (when a plan resolves it); here
 * nothing at or under a `{"$param": …}` position is reported.
 */
function underParameter(path: string, parameters: readonly string[]): boolean {
  return parameters.some(
    (slot) => slot !== '' && (path === slot || path.startsWith(`${slot}.`) || path.startsWith(`${slot}[`)),
  );
}

function shapeIssues(definition: ObjectTypeDefinition, copy: JsonObject): CanonicalIssue[] {
  const issues: CanonicalIssue[] = [];
  for (const reference of definition.references) {
    for (const slot of slotsAt(copy, reference.path)) {
      // A null field is what "absent" looks like in the API; canonical form drops it.
      if (slot.value === null) continue;
      // Keys are names here and ids in the API; both are strings, so the shape check holds as is.
      if (reference.form === 'key') continue;
      const path = formatDiffPath(slot.location);
      const target = slot.value;
      const expected = referenceTargetTypes(reference).join(' or ');
      if (!isCanonicalReference(target)) {
        issues.push({
          path,
          message: `must be a reference {"$ref": "${reference.targetType}", "name": "…"}`,
        });
      } else if (!acceptsTargetType(reference, target[REFERENCE_MARKER])) {
        issues.push({
          path,
          message: `refers to ${target[REFERENCE_MARKER]} where ${expected} is expected`,
        });
      } else if (target.name !== undefined && (typeof target.name !== 'string' || target.name === '')) {
        issues.push({
          path: formatDiffPath([...slot.location, 'name']),
          message: 'must be a non-empty string',
        });
      }
      // Whatever was there, the API-shape check below should not report this position again.
      const kind = isCanonicalReference(target)
        ? kindOfTargetType(reference, target[REFERENCE_MARKER])
        : undefined;
      writeSlot(
        slot,
        reference.form === 'id' || reference.form === 'name'
          ? PLACEHOLDER_ID
          : {
              id: PLACEHOLDER_ID,
              ...(kind === undefined ? {} : { [reference.kinds?.field ?? 'type']: kind }),
            },
      );
    }
  }
  setJsonField(copy, 'id', PLACEHOLDER_ID);

  const parsed = definition.schema.safeParse(copy);
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      const path = formatDiffPath(segmentsOf(issue.path));
      // Shown in the editor's Validation list: zod's own wording is reworded for a person.
      issues.push({ path, message: wordIssue(issue, path).message });
    }
  }
  const key = copy[definition.naturalKey];
  if (
    (typeof key !== 'string' || key === '') &&
    !issues.some((issue) => issue.path === definition.naturalKey)
  ) {
    issues.push({
      path: definition.naturalKey,
      message: 'must be a non-empty string: it is the natural key',
    });
  }
  issues.push(...configurationIssues(definition, copy));
  return issues;
}

/**
 * A configuration (a flow's text) must be the flow dialect, with the flow's own type and name at
 * its top: what the strict parser refuses is reported at the field, naming the line.
 */
function configurationIssues(definition: ObjectTypeDefinition, value: JsonObject): CanonicalIssue[] {
  const field = definition.configurationField;
  if (field === undefined || typeof value[field] !== 'string') return [];
  try {
    normalizeConfigurationField({ ...value }, definition);
    return [];
  } catch (error) {
    if (error instanceof FerryError) return [{ path: formatDiffPath([field]), message: error.message }];
    throw error;
  }
}

function segmentsOf(path: readonly PropertyKey[]): PathSegment[] {
  return path.map((segment) => (typeof segment === 'number' ? segment : String(segment)));
}

type SchemaNode = Record<string, unknown>;

// Marks, during generation, where the API-shape reference schema landed; replaced afterwards.
const ENTITY_REFERENCE_MARK = 'x-ferry-entity-reference';

/**
 * A JSON Schema (draft-07, which Monaco's JSON language service reads) of `type`'s canonical form,
 * for the editor. Generated from the zod schema, then: references become `{"$ref": "<type>",
 * "name": …}` (the target type from the type's declared reference fields, or any reference type
 * where an API reference appears undeclared), and volatile and status top-level fields are
 * dropped, so `id` is neither required nor offered. Parts zod cannot express become `{}`.
 */
export function canonicalJsonSchema(
  type: string,
  types: TypeLookup = findObjectType,
): Record<string, unknown> {
  const definition = types(type);
  if (definition === undefined) {
    throw new FerryError(ModelErrorCode.typeUnknown, `unknown object type "${type}"`, { type });
  }
  const generated = z.toJSONSchema(definition.schema, {
    target: 'draft-07',
    io: 'input',
    unrepresentable: 'any',
    override: (context) => {
      if ((context.zodSchema as unknown) === entityReferenceSchema) {
        (context.jsonSchema as SchemaNode)[ENTITY_REFERENCE_MARK] = true;
      }
    },
  });
  // A JSON round trip: zod shares one object between the places a schema is reused, and each
  // place is rewritten on its own below.
  const schema = JSON.parse(JSON.stringify(generated)) as SchemaNode;

  for (const reference of definition.references) {
    // A map keyed by its targets' names (utilization per label) keeps its shape: only its keys
    // are names, and the zod schema already allows any string there.
    if (reference.form === 'key') continue;
    replaceAt(schema, parseFieldPath(reference.path), 0, () =>
      referenceSchema(referenceTargetTypes(reference)),
    );
  }
  const fallbackTargets = [...new Set(definition.references.flatMap(referenceTargetTypes))];
  const anyTarget =
    fallbackTargets.length > 0 ? fallbackTargets : [...objectTypeIds, ...unmanagedReferenceTypeIds];
  const rewritten = replaceMarked(schema, () => referenceSchema(anyTarget)) as SchemaNode;

  dropVolatileFields(rewritten, definition);
  return { ...acceptParameters(rewritten, definition.naturalKey), title: definition.label };
}

/** `{"$param": "<name>"}`: a value each environment gives (issue 15). */
const PARAMETER_SCHEMA: SchemaNode = {
  type: 'object',
  description: 'A parameter: each environment gives this value on its Parameters tab',
  properties: { [PARAMETER_MARKER]: { type: 'string', pattern: PARAMETER_NAME.source } },
  required: [PARAMETER_MARKER],
  additionalProperties: false,
};

/**
 * The schema with `{"$param": …}` accepted at every value position (each field's, each element's,
 * each map entry's) except the object itself and its natural key, which is the same in every
 * environment: the editor then neither flags a parameter nor stops offering the field's own values.
 * A reference is accepted whole as a parameter, never its type or name alone.
 */
function acceptParameters(node: SchemaNode, naturalKey: string | null): SchemaNode {
  const copy: SchemaNode = { ...node };
  const orParameter = (child: unknown): unknown =>
    isNode(child) ? { anyOf: [acceptParameters(child, null), PARAMETER_SCHEMA] } : child;
  if (isNode(node.properties) && !Object.hasOwn(node.properties, REFERENCE_MARKER)) {
    copy.properties = Object.fromEntries(
      Object.entries(node.properties).map(([field, child]) => [
        field,
        field === naturalKey && isNode(child) ? acceptParameters(child, null) : orParameter(child),
      ]),
    );
  }
  if (isNode(node.additionalProperties)) copy.additionalProperties = orParameter(node.additionalProperties);
  if (isNode(node.items)) copy.items = orParameter(node.items);
  else if (Array.isArray(node.items)) copy.items = node.items.map(orParameter);
  for (const keyword of ['anyOf', 'oneOf', 'allOf']) {
    const branches = node[keyword];
    // A union's branches are the same position: the parameter is offered once, around the union.
    if (Array.isArray(branches))
      copy[keyword] = branches.map((branch) =>
        isNode(branch) ? acceptParameters(branch, naturalKey) : branch,
      );
  }
  for (const keyword of ['definitions', '$defs']) {
    const shared = node[keyword];
    if (isNode(shared)) {
      copy[keyword] = Object.fromEntries(
        Object.entries(shared).map(([name, child]) => [
          name,
          isNode(child) ? acceptParameters(child, null) : child,
        ]),
      );
    }
  }
  return copy;
}

function referenceSchema(targets: readonly string[]): SchemaNode {
  const only = targets.length === 1 ? targets[0] : undefined;
  return {
    type: 'object',
    description: `A reference by natural key to: ${targets.join(', ')}`,
    properties: {
      [REFERENCE_MARKER]: only === undefined ? { enum: [...targets] } : { const: only },
      name: { type: 'string', minLength: 1 },
    },
    required: [REFERENCE_MARKER, 'name'],
    additionalProperties: false,
  };
}

type Step = ReturnType<typeof parseFieldPath>[number];

/** Replaces the schema at the field path, looking through `anyOf`/`oneOf`/`allOf` on the way. */
function replaceAt(
  node: SchemaNode,
  steps: readonly Step[],
  at: number,
  make: () => SchemaNode,
  root: SchemaNode = node,
): void {
  const step = steps[at];
  if (step === undefined) return;
  for (const variant of variantsOf(node, root)) {
    // A map (`*`) is replaced in its declared properties and in what any other key holds.
    const places: [SchemaNode | undefined, string][] =
      step.kind === 'each'
        ? [[variant, 'items']]
        : step.kind === 'anyField'
          ? [
              [variant, 'additionalProperties'],
              ...Object.keys(isNode(variant.properties) ? variant.properties : {}).map(
                (name): [SchemaNode | undefined, string] => [variant.properties as SchemaNode, name],
              ),
            ]
          : [[isNode(variant.properties) ? variant.properties : undefined, step.name]];
    for (const [holder, slot] of places) {
      const child = holder !== undefined && Object.hasOwn(holder, slot) ? holder[slot] : undefined;
      if (holder === undefined || !isNode(child)) continue;
      if (at === steps.length - 1) holder[slot] = make();
      else replaceAt(child, steps, at + 1, make, root);
    }
  }
}

/**
 * The node and, recursively, its union and intersection branches; with `root`, also what a local
 * `$ref` names among its definitions (zod writes a recursive schema, such as a skill group's nested
 * conditions, as one definition referred to from each level: replacing inside it covers them all).
 */
function variantsOf(node: SchemaNode, root?: SchemaNode, seen = new Set<SchemaNode>()): SchemaNode[] {
  if (seen.has(node)) return [];
  seen.add(node);
  const found = [node];
  const target = typeof node.$ref === 'string' ? /^#\/(definitions|\$defs)\/(.+)$/.exec(node.$ref) : null;
  const definitions = target?.[1] !== undefined && root !== undefined ? root[target[1]] : undefined;
  const named = target?.[2] !== undefined && isNode(definitions) ? definitions[target[2]] : undefined;
  if (isNode(named)) found.push(...variantsOf(named, root, seen));
  for (const keyword of ['anyOf', 'oneOf', 'allOf']) {
    const branches = node[keyword];
    if (Array.isArray(branches)) {
      for (const branch of branches) if (isNode(branch)) found.push(...variantsOf(branch, root, seen));
    }
  }
  return found;
}

function replaceMarked(value: unknown, make: () => SchemaNode): unknown {
  if (Array.isArray(value)) return value.map((element) => replaceMarked(element, make));
  if (!isNode(value)) return value;
  if (value[ENTITY_REFERENCE_MARK] === true) return make();
  const copy: SchemaNode = {};
  for (const [key, field] of Object.entries(value)) copy[key] = replaceMarked(field, make);
  return copy;
}

function dropVolatileFields(schema: SchemaNode, definition: ObjectTypeDefinition): void {
  // Status fields (a flow's published version, who has it checked out) are read, never written.
  const patterns = [...definition.volatileFields, ...(definition.statusFields ?? [])].map(globPattern);
  const volatile = (field: string) => patterns.some((pattern) => pattern.test(field));
  for (const variant of variantsOf(schema)) {
    const properties = variant.properties;
    if (isNode(properties)) {
      for (const field of Object.keys(properties))
        if (volatile(field)) Reflect.deleteProperty(properties, field);
    }
    if (Array.isArray(variant.required)) {
      variant.required = variant.required.filter((field) => typeof field !== 'string' || !volatile(field));
    }
  }
}

function globPattern(glob: string): RegExp {
  const body = glob
    .split('*')
    .map((part) => part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'))
    .join('.*');
  return new RegExp(`^${body}$`);
}

function isNode(value: unknown): value is SchemaNode {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
