import { canonicalReference } from '../../../../../shared/model/canonical/canonical-reference';
import {
  isJsonObject,
  type JsonObject,
  type JsonValue,
} from '../../../../../shared/model/canonical/json-value';
import { getArray, getAt, getBoolean, setAt, type Path } from './json-edit';
import { catalogKeyFor } from './reference-scope';
import { referenceName, referencedNames } from './reference-list';

const TYPE = 'architect.emergencygroup';
const FLOWS = ['emergencyCallFlows'] as const;

/** Where the form finds the flows an emergency group may answer with: inbound call flows only. */
export const EMERGENCY_FLOW_CATALOG = catalogKeyFor(TYPE, 'emergencyCallFlows[].emergencyFlow');

export function emergencyFlowPath(index: number): Path {
  return [...FLOWS, index, 'emergencyFlow'];
}

export function entryIvrsPath(index: number): Path {
  return [...FLOWS, index, 'ivrs'];
}

/** Whether the group takes calls now. Genesys treats a group that does not say as off. */
export function isEnabled(group: JsonObject): boolean {
  return getBoolean(group, ['enabled']) === true;
}

/** On or off, written out either way: "off" is a decision a promotion must carry, not an absence. */
export function withEnabled(group: JsonObject, enabled: boolean): JsonObject {
  return setAt(group, ['enabled'], enabled);
}

export function emergencyCallFlows(group: JsonObject): readonly JsonValue[] {
  return getArray(group, FLOWS) ?? [];
}

/**
 * Appends an entry with no flow and no IVRs yet, for the person to fill in. The list itself stays
 * in order: each entry is one flow with the IVRs it takes over.
 */
export function withEntryAdded(group: JsonObject): JsonObject {
  return setAt(group, FLOWS, [...emergencyCallFlows(group), {}]);
}

/** Removing the last entry removes the list: canonical form has no empty placeholders. */
export function withEntryRemoved(group: JsonObject, index: number): JsonObject {
  const rest = emergencyCallFlows(group).filter((_, at) => at !== index);
  return setAt(group, FLOWS, rest.length === 0 ? undefined : rest);
}

export function emergencyFlowName(group: JsonObject, index: number): string | undefined {
  return referenceName(getAt(group, emergencyFlowPath(index)));
}

/** Sets the entry's flow by name, or clears it (undefined). Other fields of the entry are kept. */
export function withEmergencyFlow(group: JsonObject, index: number, name: string | undefined): JsonObject {
  return setAt(
    group,
    emergencyFlowPath(index),
    name === undefined ? undefined : canonicalReference('architect.flow', name),
  );
}

export function entryIvrNames(group: JsonObject, index: number): string[] {
  return referencedNames(getArray(group, entryIvrsPath(index)));
}

/** The entry's IVRs as the picker leaves them (sorted by name); none removes the field. */
export function withEntryIvrs(group: JsonObject, index: number, list: readonly JsonValue[]): JsonObject {
  return setAt(group, entryIvrsPath(index), list.length === 0 ? undefined : [...list]);
}

/**
 * What is missing from an entry, in words a person acts on; empty when nothing is. An entry
 * without a flow has nothing to answer with, and one without IVRs takes over no calls.
 */
export function entryProblems(group: JsonObject, index: number): string[] {
  const entry = emergencyCallFlows(group)[index];
  if (!isJsonObject(entry)) return [];
  const problems: string[] = [];
  if (getAt(entry, ['emergencyFlow']) === undefined) {
    problems.push('Pick the flow that answers calls while the group is on.');
  }
  if (getAt(entry, ['ivrs']) === undefined) {
    problems.push('Pick the IVRs whose calls this flow takes over; with none it answers no call.');
  }
  return problems;
}

/**
 * IVRs that two entries both name: which flow would answer such an IVR's calls is then unclear,
 * so the form points them out. Sorted, each once.
 */
export function ivrsInSeveralEntries(group: JsonObject): string[] {
  const seen = new Set<string>();
  const repeated = new Set<string>();
  emergencyCallFlows(group).forEach((_, index) => {
    for (const name of entryIvrNames(group, index)) {
      if (seen.has(name)) repeated.add(name);
      seen.add(name);
    }
  });
  return [...repeated].sort();
}
