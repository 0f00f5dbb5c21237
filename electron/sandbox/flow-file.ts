import { isMap, isScalar, isSeq, parseDocument, stringify, visit } from 'yaml';
import { configurationReferences } from '../../shared/flows/flow-configuration-references';
import { ARCHY_FLOW_TYPE_KEYS, REFERENCE_KEYS } from '../../shared/flows/flow-dialect';
import type { JsonValue } from '../../shared/model/canonical/json-value';
import { dataActionsOf } from './integration-records';
import type { FlowType, OrgState } from './org-state';
import { FLOW_TYPES } from './org-state';

/**
 * A flow file as the sandbox reads it (an import job's upload) and writes it (a seeded version,
 * an export): Ferry's flow dialect (shared/flows/flow-dialect.ts), one top-level key naming the
 * flow type, references as `<key>: {lit: {name[, type][, id]}}`. The sandbox only needs the
 * flow's type and name and its references; it never interprets the actions themselves.
 */

/** Largest flow file an import accepts: Archy files of big flows run to a few MB. */
export const FLOW_FILE_MAX_BYTES = 8 * 1024 * 1024;

export interface FlowFile {
  type: FlowType;
  name: string;
  /** The division by name, as Archy writes it; absent means the home division. */
  division?: string;
  description?: string;
  references: FlowFileReference[];
}

export interface FlowFileReference {
  /** The reference key (`queue`, `dataTable`, `flow`…). */
  key: string;
  name?: string;
  id?: string;
  /** For `flow`: the flow type the reference names. */
  type?: string;
  /** Archy writes the name as a key (`dataTable: {<table>: …}`): resolved by name, never an id. */
  byName?: true;
}

const TYPE_BY_ARCHY_KEY = new Map(
  Object.entries(ARCHY_FLOW_TYPE_KEYS).map(([type, archyKey]) => [archyKey, type] as const),
);

/** Parses a flow file; the problems are sentences an import job's messages can carry. */
export function readFlowFile(text: string): { file: FlowFile } | { problems: string[] } {
  const document = parseDocument(text, { uniqueKeys: true, prettyErrors: false });
  if (document.errors.length > 0) {
    return {
      problems: document.errors
        .slice(0, 5)
        .map((error) => `The flow file is not valid YAML: ${error.message}`),
    };
  }
  const problems: string[] = [];
  visit(document, {
    Alias: () => {
      problems.push('The flow file uses a YAML alias; write the value out instead.');
      return visit.BREAK;
    },
    Node: (_key, node) => {
      if ((isMap(node) || isSeq(node) || isScalar(node)) && node.anchor) {
        problems.push('The flow file uses a YAML anchor; write the value out instead.');
        return visit.BREAK;
      }
      return undefined;
    },
    Pair: (_key, pair) => {
      if (isScalar(pair.key) && pair.key.value === '__proto__') {
        problems.push('The flow file has a "__proto__" key, which is refused.');
        return visit.BREAK;
      }
      return undefined;
    },
  });
  if (problems.length > 0) return { problems };
  const root: unknown = document.toJS();
  if (!isPlainObject(root) || Object.keys(root).length !== 1) {
    return {
      problems: [
        'The flow file must have exactly one top-level key: the flow type (inboundCall, workflow…).',
      ],
    };
  }
  const [archyKey, body] = Object.entries(root)[0] as [string, unknown];
  const type = TYPE_BY_ARCHY_KEY.get(archyKey);
  if (type === undefined || !(FLOW_TYPES as readonly string[]).includes(type)) {
    return { problems: [`The flow file's top-level key "${archyKey}" is not a flow type the org supports.`] };
  }
  if (!isPlainObject(body) || typeof body.name !== 'string' || body.name.trim() === '') {
    return { problems: [`The flow file's ${archyKey} has no name.`] };
  }
  return {
    file: {
      type: type as FlowType,
      name: body.name,
      ...(typeof body.division === 'string' ? { division: body.division } : {}),
      ...(typeof body.description === 'string' ? { description: body.description } : {}),
      references: collectReferences(root),
    },
  };
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The dialect's key for each type a reference names: Archy's own shapes are read as these. */
const KEY_OF_TYPE = new Map(Object.entries(REFERENCE_KEYS).map(([key, type]) => [type, key] as const));

/**
 * Every reference in the file, in file order, of either shape Ferry's one finder reads: the
 * dialect's `<key>: {lit: {...}}` and Archy's own (`targetQueue`, `commonModule: {<module>: …}`,
 * `dataTable: {<table>: …}`, a data action call's `category`), each under the dialect's key
 * for its type, so a transfer by `targetQueue` uses the queue as much as `queue` does.
 */
function collectReferences(root: Record<string, unknown>): FlowFileReference[] {
  // The file was read by the YAML parser's core schema: plain JSON values only.
  let references;
  try {
    references = configurationReferences(root as JsonValue);
  } catch {
    // Nesting deep enough to exhaust the stack: an upload, not a flow; it names nothing.
    return [];
  }
  return references.flatMap((reference) => {
    const key = KEY_OF_TYPE.get(reference.targetType);
    if (key === undefined) return [];
    return [
      {
        key,
        ...(reference.name === undefined ? {} : { name: reference.name }),
        ...(reference.id === undefined ? {} : { id: reference.id }),
        ...(reference.flowType === undefined ? {} : { type: reference.flowType }),
        ...(reference.shape === 'literal' ? {} : { byName: true as const }),
      },
    ];
  });
}

/** The org's records a reference key names, each with a name (flows also have a type). */
function referenceTargets(
  org: OrgState,
  key: string,
): Record<string, { id: string; name: string; type?: string }> | null {
  switch (key) {
    case 'queue':
      return org.queues;
    case 'skill':
      return org.skills;
    case 'language':
      return org.languages;
    case 'scheduleGroup':
      return org.scheduleGroups;
    case 'schedule':
      return org.schedules;
    case 'emergencyGroup':
      return org.emergencyGroups;
    case 'dataTable':
      return org.datatables;
    case 'prompt':
      return org.prompts;
    case 'dataAction':
      return dataActionsOf(org);
    case 'flow':
      return org.flows;
    default:
      return null;
  }
}

/**
 * Finds what a reference names in the org: by id when it carries one (the name beside an id can
 * be stale after a rename), else by name (and type, for a flow). Null when nothing matches.
 */
export function resolveFileReference(org: OrgState, reference: FlowFileReference): string | null {
  const targets = referenceTargets(org, reference.key);
  if (targets === null) return null;
  if (reference.id !== undefined) {
    const byId = Object.hasOwn(targets, reference.id) ? targets[reference.id] : undefined;
    if (byId === undefined) return null;
    if (reference.key === 'flow' && reference.type !== undefined && byId.type !== reference.type) return null;
    return byId.id;
  }
  if (reference.name === undefined) return null;
  const wanted = reference.name.toLowerCase();
  const byName = Object.values(targets).find(
    (target) =>
      target.name.toLowerCase() === wanted &&
      (reference.key !== 'flow' || reference.type === undefined || target.type === reference.type),
  );
  return byName?.id ?? null;
}

/** A reference as a person reads it in a job message: `queue "Billing - Voice" (id …)`. */
export function describeFileReference(reference: FlowFileReference): string {
  const name = reference.name === undefined ? '(no name)' : `"${reference.name}"`;
  const type = reference.type === undefined ? '' : ` ${reference.type}`;
  const id = reference.id === undefined ? '' : ` (id ${reference.id})`;
  return `${reference.key}${type} ${name}${id}`;
}

/** What the flow uses, as Genesys tracks it to refuse deleting a queue or data table it needs. */
export function usesOfConfiguration(
  org: OrgState,
  configuration: string,
): { queueIds: string[]; datatableIds: string[] } {
  const read = readFlowFile(configuration);
  if (!('file' in read)) return { queueIds: [], datatableIds: [] };
  const idsOf = (key: string): string[] => [
    ...new Set(
      read.file.references
        .filter((reference) => reference.key === key)
        .map((reference) => resolveFileReference(org, reference))
        .filter((id): id is string => id !== null),
    ),
  ];
  return { queueIds: idsOf('queue'), datatableIds: idsOf('dataTable') };
}

/** Writes a flow body as a file: keys sorted, no folding, as Archy-style YAML. */
export function writeFlowFile(type: FlowType, body: Record<string, unknown>): string {
  const archyKey = ARCHY_FLOW_TYPE_KEYS[type];
  if (archyKey === undefined) throw new Error(`no Archy key for flow type ${type}`);
  return stringify({ [archyKey]: body }, { sortMapEntries: true, lineWidth: 0 });
}

/** The file as a JSON object (what `…/configuration` and `latestconfiguration` answer with). */
export function flowFileAsJson(text: string): unknown {
  const document = parseDocument(text, { uniqueKeys: true });
  return document.contents === null ? {} : document.toJS();
}
