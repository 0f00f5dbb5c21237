import { badRequest, inUseConflict } from './genesys-error';
import type { FlowRecord, OrgState } from './org-state';

/**
 * Genesys refuses to delete what a published flow uses (a queue it transfers to, a data table
 * it looks up) with a 409 naming the flow, unless the client forces it. The sandbox keeps those
 * uses on each flow record.
 */
export function flowsUsing(org: OrgState, uses: (flow: FlowRecord) => boolean): FlowRecord[] {
  return Object.values(org.flows)
    .filter(uses)
    .sort((a, b) => a.name.localeCompare(b.name, 'en') || a.id.localeCompare(b.id));
}

export function refuseUnlessForced(
  users: readonly FlowRecord[],
  what: string,
  forced: boolean,
  forceParameter: string,
): void {
  if (users.length === 0 || forced) return;
  const named = users.map((flow) => `"${flow.name}" (${flow.type}, ${flow.id})`).join(', ');
  const error = inUseConflict(
    `${what} is used by flow ${named}. Remove it from the flow and publish the flow, or delete with ${forceParameter}=true.`,
  );
  error.details.push(
    ...users.map((flow) => ({ errorCode: 'resource.in.use', entityId: flow.id, entityName: flow.name })),
  );
  throw error;
}

/** `true` or `false`; anything else is a 400 rather than read as "not forced". */
export function readForce(query: URLSearchParams, parameter: string): boolean {
  const raw = query.get(parameter);
  if (raw === null || raw === '' || raw === 'false') return false;
  if (raw === 'true') return true;
  throw badRequest(`${parameter} must be true or false, got "${raw}".`, [
    { errorCode: 'invalid.value', fieldName: parameter },
  ]);
}
