import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import type { EmergencyGroupRecord, OrgState } from '../org-state';
import { referenceTo } from '../reference-kinds';
import { checkReferences, keptDivisionId, resolveDivisionId } from '../route-helpers';
import type { Route } from '../route-table';
import {
  architectBodyHead,
  architectObjectFields,
  collectionRoutes,
  createdStamp,
  idRef,
  markModified,
  setOptional,
} from './collection-routes';
import { checkInboundCallFlows, IVRS_PATH } from './ivrs-routes';

export const EMERGENCY_GROUPS_PATH = '/api/v2/architect/emergencygroups';

const emergencyGroupBody = z.object({
  ...architectBodyHead,
  enabled: z.boolean().optional(),
  emergencyCallFlows: z
    .array(z.object({ emergencyFlow: idRef.optional(), ivrs: z.array(idRef).optional() }))
    .max(50)
    .optional(),
  version: z.number().int().min(1).optional(),
});
type EmergencyGroupBody = z.infer<typeof emergencyGroupBody>;

export function renderEmergencyGroup(org: OrgState, group: EmergencyGroupRecord) {
  return {
    ...architectObjectFields(org, group),
    enabled: group.enabled,
    emergencyCallFlows: group.emergencyCallFlows.map((entry) => ({
      ...(entry.emergencyFlowId === undefined
        ? {}
        : { emergencyFlow: referenceTo(org, 'flow', entry.emergencyFlowId) }),
      ivrs: entry.ivrIds.map((id) => ({
        id,
        name: org.ivrs[id]?.name ?? '',
        selfUri: `${IVRS_PATH}/${id}`,
      })),
    })),
    selfUri: `${EMERGENCY_GROUPS_PATH}/${group.id}`,
  };
}

/** The flows must answer calls and the IVRs must exist; each entry keeps its IVRs once. */
function callFlowsOf(org: OrgState, input: EmergencyGroupBody): EmergencyGroupRecord['emergencyCallFlows'] {
  const entries = input.emergencyCallFlows ?? [];
  checkInboundCallFlows(
    org,
    entries.flatMap((entry, index) =>
      entry.emergencyFlow === undefined
        ? []
        : [{ id: entry.emergencyFlow.id, field: `emergencyCallFlows.${index}.emergencyFlow.id` }],
    ),
  );
  checkReferences(
    org.ivrs,
    entries.flatMap((entry, index) =>
      (entry.ivrs ?? []).map((ivr, at) => ({
        id: ivr.id,
        field: `emergencyCallFlows.${index}.ivrs.${at}.id`,
      })),
    ),
    'IVR',
  );
  return entries.map((entry) => ({
    ...(entry.emergencyFlow === undefined ? {} : { emergencyFlowId: entry.emergencyFlow.id }),
    ivrIds: [...new Set((entry.ivrs ?? []).map((ivr) => ivr.id))],
  }));
}

export const emergencyGroupRoutes: Route[] = collectionRoutes({
  path: EMERGENCY_GROUPS_PATH,
  idParam: 'emergencyGroupId',
  label: 'emergency group',
  records: (org) => org.emergencyGroups,
  list: { kind: 'emergencygroups', nameMatch: 'wildcard', carried: ['sortBy'] },
  render: renderEmergencyGroup,
  body: emergencyGroupBody,
  create: (input, request) => ({
    id: randomUUID(),
    name: input.name,
    divisionId: resolveDivisionId(request.org, input.division),
    ...(input.description === undefined ? {} : { description: input.description }),
    version: 1,
    ...createdStamp(request),
    enabled: input.enabled ?? false,
    emergencyCallFlows: callFlowsOf(request.org, input),
  }),
  replace: {
    body: emergencyGroupBody.required({ version: true }),
    versioned: true,
    apply: (group, input, request) => {
      const flows = callFlowsOf(request.org, input);
      group.name = input.name;
      group.divisionId = keptDivisionId(request.org, input.division, group.divisionId);
      setOptional(group, 'description', input.description);
      group.enabled = input.enabled ?? false;
      group.emergencyCallFlows = flows;
      markModified(group, request);
    },
  },
});
