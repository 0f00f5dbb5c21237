import { objectNameInWords } from '../flows/object-key-words';
import type { ChangesetOperation } from '../model/changeset';
import { findObjectType } from '../model/object-types/registry';
import { distinctReferrers, indexReferrers, objectId, type Referrer } from './object-references';
import type { ObjectState } from './object-state';

export type RiskLevel = 'low' | 'medium' | 'high' | 'critical';

export interface TouchedObject {
  operation: number;
  op: 'create' | 'update' | 'delete';
  type: string;
  key: string;
  /** Objects in the target that refer to this one, each once (at its first reference). */
  dependents: { type: string; key: string; path: string }[];
  /** `deleting skill "Billing" affects 12 queues` */
  sentence: string;
}

export interface BlastRadius {
  touched: TouchedObject[];
  /** Distinct objects depending on any touched object. */
  dependentCount: number;
  risk: { level: RiskLevel; reasons: string[] };
}

const levels: readonly RiskLevel[] = ['low', 'medium', 'high', 'critical'];
const baseLevel = { dev: 0, test: 1, prod: 2 } as const;
const MANY_DEPENDENTS = 20;

/**
 * What a changeset reaches in a target beyond the objects it names. Dependents are direct only:
 * the objects whose own references point at a touched object. Going further would count, say,
 * every schedule group of every schedule of a division, which says little about what breaks.
 *
 * Risk starts from the tier (dev low, test medium, prod high) and goes up one level for deleting
 * objects that others refer to, and one more for more than 20 dependents in all; it stops at
 * critical.
 */
export function blastRadius(
  operations: readonly ChangesetOperation[],
  target: ObjectState,
  tier: 'dev' | 'test' | 'prod',
): BlastRadius {
  const referrers = indexReferrers(target);
  const everyDependent = new Set<string>();
  const touched = operations.map((operation, index): TouchedObject => {
    const dependents = distinctReferrers(referrers.get(objectId(operation.type, operation.key)) ?? []).filter(
      (referrer) => referrer.type !== operation.type || referrer.key !== operation.key,
    );
    for (const dependent of dependents) everyDependent.add(objectId(dependent.type, dependent.key));
    return {
      operation: index,
      op: operation.op,
      type: operation.type,
      key: operation.key,
      dependents,
      sentence: sentenceFor(operation, dependents),
    };
  });

  const reasons: string[] = [];
  let level: number = baseLevel[tier];
  reasons.push(tierReason(tier));
  const referencedDeletes = touched.filter(
    (object) => object.op === 'delete' && object.dependents.length > 0,
  );
  if (referencedDeletes.length > 0) {
    level += 1;
    const named = referencedDeletes
      .slice(0, 3)
      .map(
        (object) =>
          `${nameOf(object.type, object.key)} (${countText(object.dependents.length, 'object', 'objects')})`,
      );
    const more = referencedDeletes.length - named.length;
    reasons.push(
      `it deletes objects that others still refer to: ${named.join(', ')}${more > 0 ? ` and ${more} more` : ''}`,
    );
  }
  if (everyDependent.size > MANY_DEPENDENTS) {
    level += 1;
    reasons.push(`${everyDependent.size} objects depend on what it changes (more than ${MANY_DEPENDENTS})`);
  }
  if (operations.length === 0) reasons.push('it changes nothing');
  return {
    touched,
    dependentCount: everyDependent.size,
    risk: { level: levels[Math.min(level, levels.length - 1)] as RiskLevel, reasons },
  };
}

function tierReason(tier: 'dev' | 'test' | 'prod'): string {
  if (tier === 'prod') return 'the target is a production environment';
  if (tier === 'test') return 'the target is a test environment';
  return 'the target is a development environment';
}

const verbs = { create: 'creating', update: 'changing', delete: 'deleting' } as const;

function sentenceFor(operation: ChangesetOperation, dependents: readonly Referrer[]): string {
  const subject = `${verbs[operation.op]} ${nameOf(operation.type, operation.key)}`;
  if (dependents.length === 0) {
    return `${subject} affects ${operation.op === 'create' ? 'nothing yet' : 'nothing else'}`;
  }
  const counts = new Map<string, number>();
  for (const dependent of dependents) counts.set(dependent.type, (counts.get(dependent.type) ?? 0) + 1);
  const parts = [...counts].map(([type, count]) => {
    const definition = findObjectType(type);
    return countText(
      count,
      definition?.label.toLowerCase() ?? type,
      definition?.pluralLabel.toLowerCase() ?? type,
    );
  });
  return `${subject} affects ${listText(parts)}`;
}

function nameOf(type: string, key: string): string {
  // A scoped key is read in words: flow "Main Menu (inbound call)", never "INBOUNDCALL/Main Menu".
  return objectNameInWords(type, key);
}

function countText(count: number, singular: string, plural: string): string {
  return `${count} ${count === 1 ? singular : plural}`;
}

/** `a`, `a and b`, `a, b and c` */
function listText(parts: readonly string[]): string {
  if (parts.length <= 1) return parts.join('');
  return `${parts.slice(0, -1).join(', ')} and ${parts[parts.length - 1]}`;
}
