import { describeFlowChange } from '../../../../shared/flows/describe-flow-change';
import { describeReference, diffFlowReferences } from '../../../../shared/flows/flow-references-diff';
import { flowTypeWords, objectKeyInWords } from '../../../../shared/flows/object-key-words';
import { flowType } from '../../../../shared/model/object-types/architect-flow';
import type { ObjectTypeDefinition } from '../../../../shared/model/object-types/object-type-definition';
import { findObjectType } from '../../../../shared/model/object-types/registry';
import type { ObjectSides } from './diff-browser-store';

/**
 * What the Compare page shows for an object whose behaviour lives in a text configuration (a
 * flow): the summary in words, the references one side uses, who holds it and what is live, and
 * both texts for Monaco's YAML diff. The JSON diff of the object would show the configuration as
 * one escaped string.
 */

type KeyedDefinition = Pick<
  ObjectTypeDefinition,
  'naturalKey' | 'keyScope' | 'statusFields' | 'configurationField'
>;

/** The definition of a type, with flows known before their registration lands in the registry. */
function definitionOf(type: string): KeyedDefinition | undefined {
  return findObjectType(type) ?? (type === flowType.id ? flowType : undefined);
}

/** A flow type in words, as a label begins: `INBOUNDCALL` → `Inbound call`. */
export function flowTypeLabel(type: string): string {
  const words = flowTypeWords(type);
  return words.charAt(0).toUpperCase() + words.slice(1);
}

/** What a person reads for an object's key: `Main Menu (inbound call)`; the key itself when unscoped. */
export function displayKey(type: string, key: string): string {
  return objectKeyInWords(type, key);
}

export interface FlowDiffView {
  /** Both configurations (null where the side has no object or no configuration). */
  before: string | null;
  after: string | null;
  sentences: string[];
  /** "queue Sales", each with the side that alone uses it. */
  onlyBefore: string[];
  onlyAfter: string[];
  /** "Published version 3.0 in dev, 2.0 in uat; checked out by Ana Ortiz in uat", or null when nothing is known. */
  status: string | null;
}

/**
 * The flow view of an opened object, or undefined for a type without a configuration field.
 * `before` is side a (named `aName`), `after` side b.
 */
export function flowDiffView(
  type: string,
  sides: ObjectSides,
  aName: string,
  bName: string,
): FlowDiffView | undefined {
  const definition = definitionOf(type);
  const field = definition?.configurationField;
  if (definition === undefined || field === undefined) return undefined;
  const a = parseObject(sides.before);
  const b = parseObject(sides.after);
  const before = configurationOf(a, field);
  const after = configurationOf(b, field);
  const references = diffFlowReferences(before, after);
  return {
    before,
    after,
    sentences: describeFlowChange(before, after).sentences,
    onlyBefore: references.onlyBefore.map(describeReference),
    onlyAfter: references.onlyAfter.map(describeReference),
    status: statusSentence([
      { name: aName, value: a },
      { name: bName, value: b },
    ]),
  };
}

function parseObject(text: string | null): Record<string, unknown> | null {
  if (text === null) return null;
  try {
    const value: unknown = JSON.parse(text);
    return typeof value === 'object' && value !== null && !Array.isArray(value)
      ? (value as Record<string, unknown>)
      : null;
  } catch {
    return null;
  }
}

function configurationOf(value: Record<string, unknown> | null, field: string): string | null {
  const text = value?.[field];
  return typeof text === 'string' ? text : null;
}

/** The published version's words: its name when it has one, else its id (`3.0`). */
function versionOf(value: Record<string, unknown> | null): string | undefined {
  const version = value?.['publishedVersion'];
  if (typeof version !== 'object' || version === null) return undefined;
  const fields = version as Record<string, unknown>;
  for (const field of ['name', 'commitVersion', 'id']) {
    const text = fields[field];
    if (typeof text === 'string' && text.length > 0) return text;
  }
  return undefined;
}

function lockedBy(value: Record<string, unknown> | null): string | undefined {
  const user = value?.['lockedUser'];
  if (typeof user !== 'object' || user === null) return clientLockedBy(value?.['lockedClient']);
  const name = (user as Record<string, unknown>)['name'];
  return typeof name === 'string' && name.length > 0 ? name : 'someone';
}

/** A checkout by an OAuth client (Archy, CX as Code, a script): by its name, else its id. */
function clientLockedBy(client: unknown): string | undefined {
  if (typeof client !== 'object' || client === null) return undefined;
  const { name, id } = client as Record<string, unknown>;
  if (typeof name === 'string' && name.length > 0) return `OAuth client "${name}"`;
  return typeof id === 'string' && id.length > 0 ? `OAuth client ${id}` : 'an OAuth client';
}

/** "Published version 3.0 in dev, 2.0 in uat; checked out by Ana Ortiz in uat". */
export function statusSentence(
  sides: readonly { name: string; value: Record<string, unknown> | null }[],
): string | null {
  const published = sides.flatMap((side) => {
    if (side.value === null) return [];
    const version = versionOf(side.value);
    return [`${version ?? 'none'} in ${side.name}`];
  });
  const locks = sides.flatMap((side) => {
    const user = lockedBy(side.value);
    return user === undefined ? [] : [`checked out by ${user} in ${side.name}`];
  });
  const anyVersion = sides.some((side) => versionOf(side.value) !== undefined);
  const parts = [...(anyVersion ? [`Published version ${published.join(', ')}`] : []), ...locks];
  if (parts.length === 0) return null;
  const sentence = parts.join('; ');
  return `${sentence.charAt(0).toUpperCase()}${sentence.slice(1)}`;
}
