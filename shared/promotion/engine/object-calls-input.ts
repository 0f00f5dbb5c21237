import type { ResolveId } from '../../model/canonical/canonical-reference';
import type { JsonObject, JsonValue } from '../../model/canonical/json-value';
import type { ObjectTypeId } from '../../model/object-types/object-type-definition';
import type { ApiCall } from '../../model/plan';

/*
 * What every type's call builder (object-calls.ts and the per-type flow-calls.ts, action-calls.ts)
 * takes and gives, in a file of its own so that those builders and the dispatcher that calls them
 * do not import each other.
 */

export interface ObjectCallsInput {
  type: ObjectTypeId;
  key: string;
  /** The object's id in the target, null when it does not exist there. */
  id: string | null;
  /** The object as it is in the target (canonical), null when absent. */
  current: JsonObject | null;
  /** The object as it must be afterwards (canonical), null for "absent". */
  desired: JsonObject | null;
  /** The live object's `version`, sent back on a versioned PUT. */
  version?: JsonValue | undefined;
  /** A natural key to an id in the target, or to a placeholder for an object the plan creates. */
  resolveId: ResolveId;
  /** Whether a name the target could not resolve names several objects there (for the message). */
  ambiguous?: (refType: string, name: string) => boolean;
  /** The target environment's name, for messages ("which uat does not have"). */
  environment?: string;
}

export type ObjectCalls = { kind: 'calls'; calls: ApiCall[] } | { kind: 'blocked'; reason: string };
