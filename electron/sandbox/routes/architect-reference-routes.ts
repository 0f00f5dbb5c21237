import { FLOW_TYPES, type FlowRecord } from '../org-state';
import { badRequest } from '../genesys-error';
import { REFERENCE_PATHS } from '../reference-kinds';
import { divisionRef, multiValue } from '../route-helpers';
import type { Route } from '../route-table';
import { allOf, anyOf, byName, readOnlyRoutes } from './read-only-routes';

/**
 * Flows, as queues point at them (prompts are writable: prompts-routes.ts). A flow's name is unique per type only, so the list
 * takes `type` (repeated) next to `name`. What a flow uses (queues, data tables) is kept inside
 * the sandbox to refuse deleting them, never rendered.
 */
export function renderFlow(org: Parameters<typeof divisionRef>[0], flow: FlowRecord) {
  return {
    id: flow.id,
    name: flow.name,
    division: divisionRef(org, flow.divisionId),
    ...(flow.description === undefined ? {} : { description: flow.description }),
    type: flow.type,
    active: true,
    system: false,
    deleted: false,
    selfUri: `${REFERENCE_PATHS.flow}/${flow.id}`,
  };
}

/** An unknown flow type is a 400 naming it, not an empty page a client would take for "none". */
function flowTypeFilter(query: URLSearchParams): (flow: FlowRecord) => boolean {
  const unknown = multiValue(query, 'type').filter(
    (type) => !(FLOW_TYPES as readonly string[]).includes(type.toUpperCase()),
  );
  if (unknown.length > 0) {
    throw badRequest(`type ${unknown.join(', ')} is not a flow type (one of ${FLOW_TYPES.join(', ')}).`, [
      { errorCode: 'invalid.value', fieldName: 'type' },
    ]);
  }
  return anyOf(query, 'type', (flow) => flow.type);
}

export const architectReferenceRoutes: Route[] = [
  ...readOnlyRoutes<FlowRecord>({
    path: REFERENCE_PATHS.flow,
    idParam: 'flowId',
    label: 'flow',
    kind: 'flows',
    scope: ({ org }) => org.flows,
    filter: (query) =>
      allOf(
        byName(query),
        flowTypeFilter(query),
        anyOf(
          query,
          'id',
          (flow) => flow.id,
          (actual, wanted) => actual === wanted,
        ),
      ),
    carried: ['name', 'type', 'id'],
    render: renderFlow,
  }),
];
