import type { JsonObject } from '../../../../shared/model/canonical/json-value';
import type { Plan } from '../../../../shared/model/plan';
import { objectNameInWords } from '../../../../shared/flows/object-key-words';
import { getObjectType } from '../../../../shared/model/object-types/registry';
import { sameCanonical } from '../../../../shared/promotion/engine/object-calls';
import { differences } from '../../../../shared/promotion/engine/operation-outcome';
import type { Connector } from '../../connectors/connector';
import { isWriteStep } from '../../promotion/run-session';
import { readTarget, typesToRead } from '../../promotion/target-reader';

/**
 * Whether the objects a run wrote still read live as it left them (issue 20, `requireNoDrift`):
 * the same comparison as the run's own verify (run-session.ts `verifyObjects`), made later. Each
 * write step's `expected` is what the run left; an object someone changed by hand since, or
 * deleted, or re-created after a delete, is a difference in words. Reads only.
 */
export async function stageDrift(connector: Connector, plan: Plan): Promise<string[]> {
  const writes = plan.steps.filter(isWriteStep);
  if (writes.length === 0) return [];
  const touched = writes.filter((step) => step.action !== 'delete').map((step) => step.type);
  const deleted = writes.filter((step) => step.action === 'delete').map((step) => step.type);
  // Deletes are compared by presence alone; reading what may refer to them is not needed here.
  const types = typesToRead([...touched, ...deleted], []);
  const live = await readTarget(connector, types);
  const found: string[] = [];
  for (const step of writes) {
    const type = getObjectType(step.type).id;
    const actual = live.object(type, step.key)?.canonical ?? null;
    const expected = step.expected as JsonObject | null;
    if (sameCanonical(type, actual, expected)) continue;
    const name = objectNameInWords(type, step.key);
    found.push(
      actual === null
        ? `${name} is no longer there`
        : expected === null
          ? `${name} is back although the run deleted it`
          : `${name} changed (${differences(type, actual, expected, 'expected')})`,
    );
  }
  return found;
}
