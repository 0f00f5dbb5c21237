import { FerryError } from '../../api/api-error';
import { flowType } from './architect-flow';
import { scheduleType } from './architect-schedule';
import { emergencyGroupType } from './architect-emergencygroup';
import { promptType } from './architect-prompt';
import { ivrType } from './architect-ivr';
import { scheduleGroupType } from './architect-schedulegroup';
import { divisionType } from './authorization-division';
import { groupType } from './directory-group';
import { orderByDependencies } from './dependency-order';
import { dataTableType } from './flows-datatable';
import { actionType } from './integrations-action';
import { integrationType } from './integrations-integration';
import { ModelErrorCode } from './model-error-codes';
import {
  objectTypeIds,
  unmanagedReferenceTypeIds,
  type ObjectTypeDefinition,
  type ObjectTypeId,
  type ReferenceTargetType,
} from './object-type-definition';
import { languageType } from './routing-language';
import { referenceTargetTypes } from './reference-field';
import { queueType } from './routing-queue';
import { utilizationType } from './routing-utilization';
import { utilizationLabelType } from './routing-utilizationlabel';
import { skillType } from './routing-skill';
import { skillGroupType } from './routing-skillgroup';
import { wrapupCodeType } from './routing-wrapupcode';

// A mapped type, so adding an id to `objectTypeIds` without a definition fails to compile.
const definitions: { readonly [Id in ObjectTypeId]: ObjectTypeDefinition & { readonly id: Id } } = {
  'authorization.division': divisionType,
  'routing.skill': skillType,
  'routing.language': languageType,
  'routing.wrapupcode': wrapupCodeType,
  'routing.queue': queueType,
  'architect.schedule': scheduleType,
  'architect.schedulegroup': scheduleGroupType,
  'flows.datatable': dataTableType,
  'architect.ivr': ivrType,
  'architect.emergencygroup': emergencyGroupType,
  'routing.utilizationlabel': utilizationLabelType,
  'routing.utilization': utilizationType,
  'directory.group': groupType,
  'architect.prompt': promptType,
  'routing.skillgroup': skillGroupType,
  'architect.flow': flowType,
  'integrations.integration': integrationType,
  'integrations.action': actionType,
};

/** Every managed type, in the order of `objectTypeIds`. */
export const objectTypes: readonly ObjectTypeDefinition[] = objectTypeIds.map((id) => definitions[id]);

export function isObjectTypeId(value: string): value is ObjectTypeId {
  return Object.hasOwn(definitions, value);
}

export function isReferenceTargetType(value: string): value is ReferenceTargetType {
  return isObjectTypeId(value) || (unmanagedReferenceTypeIds as readonly string[]).includes(value);
}

export function findObjectType(id: string): ObjectTypeDefinition | undefined {
  return isObjectTypeId(id) ? definitions[id] : undefined;
}

/** The definition of `id`; an unknown id is bad input (a typo in `--types`, a newer workspace). */
export function getObjectType(id: string): ObjectTypeDefinition {
  const definition = findObjectType(id);
  if (definition === undefined) {
    throw new FerryError(
      ModelErrorCode.typeUnknown,
      `unknown object type "${id}"; known types: ${objectTypeIds.join(', ')}`,
      { type: id },
    );
  }
  return definition;
}

/**
 * Types ordered so that each comes after the types it depends on: the order to create and update
 * in; deletes go in reverse. Pass a subset to order just those.
 */
export function objectTypesInDependencyOrder(
  types: readonly ObjectTypeDefinition[] = objectTypes,
): ObjectTypeId[] {
  return orderByDependencies(types);
}

/**
 * Contradictions inside the definitions, as sentences; empty when consistent. Checked by a test
 * rather than at load time so that a mistake shows up in CI, not as a crash in a user's app.
 */
export function registryProblems(types: readonly ObjectTypeDefinition[] = objectTypes): string[] {
  const problems: string[] = [];
  for (const type of types) {
    for (const dependency of type.dependencies) {
      if (!isObjectTypeId(dependency)) problems.push(`${type.id} depends on unknown type ${dependency}`);
    }
    for (const reference of type.references) {
      for (const target of referenceTargetTypes(reference)) {
        if (!isReferenceTargetType(target)) {
          problems.push(`${type.id}.${reference.path} points at unknown type ${target}`);
        } else if (isObjectTypeId(target) && target !== type.id && !type.dependencies.includes(target)) {
          // An object may point at another of its own type (a queue's backup queue): steps of
          // one type are ordered by their references, not by the type order.
          problems.push(`${type.id}.${reference.path} points at ${target}, not in its dependencies`);
        }
      }
    }
    for (const subResource of type.subResources) {
      if (type.volatileFields.includes(subResource.field)) {
        problems.push(`${type.id} sub-resource ${subResource.field} is also volatile`);
      }
    }
  }
  try {
    orderByDependencies(types);
  } catch (error) {
    problems.push(error instanceof Error ? error.message : String(error));
  }
  return problems;
}
