import { parseDocument } from 'yaml';
import { LITERAL_KEY, REFERENCE_KEYS } from './flow-dialect';

/**
 * What a flow's configuration names, read for people: the Compare page lists the references only
 * one side uses ("uses queue Sales only in dev"), and the summary in words says what a transfer or a
 * data action call points at. Read-only and forgiving: text that is not the dialect reads as
 * unreadable, and never throws.
 */

/** A parsed configuration: YAML mappings as `Map` (no prototype to pollute), sequences as arrays. */
export type FlowNode = string | number | boolean | null | FlowNode[] | Map<string, FlowNode>;

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

/**
 * Reads canonical flow text. Duplicate keys, aliases and `__proto__` keys are refused: the text
 * may come from another org's export or a hand edit, and a duplicated key would make both sides
 * disagree about what the flow does.
 */
export function readFlowConfiguration(text: string): ReadConfiguration {
  const document = parseDocument(text, { uniqueKeys: true, prettyErrors: false });
  const [error] = document.errors;
  if (error !== undefined) return { ok: false, reason: firstLine(error.message) };
  try {
    // `mapAsMap` keeps every key as data, so `__proto__` cannot reach a prototype; it is refused below anyway.
    const root = document.toJS({ mapAsMap: true, maxAliasCount: 0 }) as unknown;
    return { ok: true, root: toFlowNode(root) };
  } catch (error) {
    return { ok: false, reason: error instanceof Error ? firstLine(error.message) : 'unreadable YAML' };
  }
}

function toFlowNode(value: unknown): FlowNode {
  if (value === null || value === undefined) return null;
  if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') return value;
  if (Array.isArray(value)) return value.map(toFlowNode);
  if (value instanceof Map) {
    const out = new Map<string, FlowNode>();
    for (const [key, item] of value) {
      if (typeof key !== 'string') throw new Error('a mapping key is not text');
      if (key === '__proto__') throw new Error('a __proto__ key is refused');
      out.set(key, toFlowNode(item));
    }
    return out;
  }
  throw new Error('a value is neither text, a number, a list nor a mapping');
}

function firstLine(message: string): string {
  return message.split('\n')[0] ?? message;
}

/** The reference a mapping entry holds (`queue: {lit: {name: Billing}}`), or undefined. */
export function referenceAt(key: string, value: FlowNode): FlowReference | undefined {
  const type = REFERENCE_KEYS[key];
  if (type === undefined || !(value instanceof Map) || value.size !== 1) return undefined;
  const literal = value.get(LITERAL_KEY);
  if (!(literal instanceof Map)) return undefined;
  const name = literal.get('name');
  const words = referenceName(name);
  if (words === undefined) return undefined;
  const flowType = literal.get('type');
  return { key, type, name: words, ...(typeof flowType === 'string' ? { flowType } : {}) };
}

function referenceName(name: FlowNode | undefined): string | undefined {
  if (typeof name === 'string' && name.length > 0) return name;
  if (name instanceof Map && name.size === 1 && typeof name.get('$param') === 'string') {
    return `parameter ${name.get('$param') as string}`;
  }
  return undefined;
}

/** Every reference in a parsed configuration, in the order the text has them (repeats kept). */
export function referencesIn(node: FlowNode): FlowReference[] {
  const found: FlowReference[] = [];
  const visit = (value: FlowNode): void => {
    if (Array.isArray(value)) value.forEach(visit);
    else if (value instanceof Map) {
      for (const [key, item] of value) {
        const reference = referenceAt(key, item);
        if (reference) found.push(reference);
        else visit(item);
      }
    }
  };
  visit(node);
  return found;
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
