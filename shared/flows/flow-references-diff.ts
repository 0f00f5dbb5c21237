import { isJsonObject, type JsonValue } from '../model/canonical/json-value';
import { parseFlowConfiguration } from './flow-configuration-parse';
import {
  configurationReferenceAt,
  configurationReferences,
  type ConfigurationReference,
} from './flow-configuration-references';

/**
 * What a flow's configuration names, read for people: the Compare page lists the references only
 * one side uses ("uses queue Sales only in dev"), and the summary in words says what a transfer or a
 * data action call points at. Reading is the dialect's own (`parseFlowConfiguration`: duplicate
 * keys, aliases, tags and `__proto__` refused) and finding references too; text that is not the
 * dialect reads as unreadable here, never as an exception.
 */

/** A parsed configuration: plain JSON values. */
export type FlowNode = JsonValue;

/** One object a configuration names: its type id (`routing.queue`) and name; flows also their type. */
export interface FlowReference {
  /** The key it sits under in the dialect (`queue`, `dataAction`, `flow`…). */
  key: string;
  type: string;
  /** The name, or `parameter <name>` when the environment's parameter gives it. */
  name: string;
  /** For a flow: its type as the API spells it (`COMMONMODULE`). */
  flowType?: string;
}

export type ReadConfiguration = { ok: true; root: FlowNode } | { ok: false; reason: string };

/** Reads canonical flow text with the dialect's strict parser; the reason names the line. */
export function readFlowConfiguration(text: string): ReadConfiguration {
  try {
    return { ok: true, root: parseFlowConfiguration(text, { label: 'this side' }) };
  } catch (error) {
    const message = error instanceof Error ? error.message : 'unreadable YAML';
    return { ok: false, reason: message.replace(/^The configuration of this side /, '') };
  }
}

/**
 * The reference a mapping entry holds — the dialect's `queue: {lit: {name: Billing}}`, or Archy's
 * own `targetQueue`, `targetFlow`, `commonModule`, `dataTable`, data action `category` — and, for a
 * name written as a key, what it holds under the name (`rest`: inputs, outputs).
 */
export function namedReferenceAt(
  key: string,
  value: FlowNode,
): { reference: FlowReference; rest?: FlowNode; integration?: string } | undefined {
  const found = configurationReferenceAt({ [key]: value }, key);
  const [reference] = found === undefined ? [] : referencesFrom([found]);
  if (found === undefined || reference === undefined) return undefined;
  return {
    reference,
    ...(found.rest === undefined ? {} : { rest: found.rest }),
    ...(found.integration === undefined ? {} : { integration: found.integration }),
  };
}

/** The reference a mapping entry holds (`queue: {lit: {name: Billing}}`), or undefined. */
export function referenceAt(key: string, value: FlowNode): FlowReference | undefined {
  return namedReferenceAt(key, value)?.reference;
}

/** Every reference in a parsed configuration, of either shape, in document order (repeats kept). */
export function referencesIn(node: FlowNode): FlowReference[] {
  return referencesFrom(configurationReferences(node));
}

function referencesFrom(references: readonly ConfigurationReference[]): FlowReference[] {
  return references.flatMap((reference) => {
    const name =
      reference.name ?? (reference.parameter === undefined ? undefined : `parameter ${reference.parameter}`);
    if (name === undefined) return [];
    return [
      {
        key: reference.referenceKey,
        type: reference.targetType,
        name,
        // People read the type only where the text says it, as they wrote it.
        ...(reference.flowType === undefined || reference.flowTypeImplied
          ? {}
          : { flowType: reference.flowType }),
      },
    ];
  });
}

/** A mapping of the configuration, or undefined for anything else. */
export function mappingOf(node: FlowNode | undefined): Record<string, FlowNode> | undefined {
  return node !== undefined && isJsonObject(node) ? node : undefined;
}

/** Words for the type a reference names: "queue", "data action". */
export const REFERENCE_TYPE_WORDS: Readonly<Record<string, string>> = {
  'routing.queue': 'queue',
  'routing.skill': 'skill',
  'routing.language': 'language',
  'architect.schedulegroup': 'schedule group',
  'architect.schedule': 'schedule',
  'architect.emergencygroup': 'emergency group',
  'flows.datatable': 'data table',
  'architect.prompt': 'prompt',
  'integrations.action': 'data action',
  'architect.flow': 'flow',
};

/** "queue Billing", "flow Billing (common module)". */
export function describeReference(reference: Pick<FlowReference, 'type' | 'name' | 'flowType'>): string {
  const kind = REFERENCE_TYPE_WORDS[reference.type] ?? reference.type;
  const scope = reference.flowType ? ` (${reference.flowType.toLowerCase()})` : '';
  return `${kind} ${reference.name}${scope}`;
}

/** The references only one side uses, each once, sorted by type then name. */
export interface FlowReferencesDiff {
  onlyBefore: FlowReference[];
  onlyAfter: FlowReference[];
}

/**
 * The references (type + name) one configuration uses and the other does not. A side that is
 * missing or unreadable uses nothing, so all the other side's references are listed.
 */
export function diffFlowReferences(before: string | null, after: string | null): FlowReferencesDiff {
  const beforeRefs = uniqueReferences(before);
  const afterRefs = uniqueReferences(after);
  return {
    onlyBefore: [...beforeRefs].filter(([id]) => !afterRefs.has(id)).map(([, reference]) => reference),
    onlyAfter: [...afterRefs].filter(([id]) => !beforeRefs.has(id)).map(([, reference]) => reference),
  };
}

function uniqueReferences(text: string | null): Map<string, FlowReference> {
  const unique = new Map<string, FlowReference>();
  if (text === null) return unique;
  const read = readFlowConfiguration(text);
  if (!read.ok) return unique;
  const sorted = referencesIn(read.root).sort(
    (left, right) => left.type.localeCompare(right.type) || left.name.localeCompare(right.name),
  );
  for (const reference of sorted) {
    // The key a reference sits under does not make it another object: `flow` and `dataAction`
    // are one type each, whatever action names them.
    const id = `${reference.type}\u0000${reference.flowType ?? ''}\u0000${reference.name}`;
    if (!unique.has(id))
      unique.set(id, {
        type: reference.type,
        key: reference.key,
        name: reference.name,
        ...(reference.flowType ? { flowType: reference.flowType } : {}),
      });
  }
  return unique;
}
