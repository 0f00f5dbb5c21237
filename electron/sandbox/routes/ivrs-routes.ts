import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import { badRequest, inUseConflict, type GenesysErrorDetail } from '../genesys-error';
import type { IvrRecord, OrgState } from '../org-state';
import { referenceTo } from '../reference-kinds';
import { checkReferences, keptDivisionId, resolveDivisionId } from '../route-helpers';
import type { Route, RouteRequest } from '../route-table';
import {
  architectBodyHead,
  architectObjectFields,
  collectionRoutes,
  createdStamp,
  idRef,
  markModified,
  setOptional,
} from './collection-routes';
import { SCHEDULE_GROUPS_PATH } from './schedule-groups-routes';

export const IVRS_PATH = '/api/v2/architect/ivrs';

const ivrBody = z.object({
  ...architectBodyHead,
  dnis: z
    .array(z.string().regex(/^\+[1-9]\d{3,14}$/, 'must be an E.164 number'))
    .max(500)
    .optional(),
  openHoursFlow: idRef.optional(),
  closedHoursFlow: idRef.optional(),
  holidayHoursFlow: idRef.optional(),
  scheduleGroup: idRef.optional(),
  version: z.number().int().min(1).optional(),
});
type IvrBody = z.infer<typeof ivrBody>;

export function renderIvr(org: OrgState, ivr: IvrRecord) {
  const flow = (id: string | undefined) => (id === undefined ? {} : referenceTo(org, 'flow', id));
  return {
    ...architectObjectFields(org, ivr),
    dnis: [...ivr.dnis],
    ...(ivr.openHoursFlowId === undefined ? {} : { openHoursFlow: flow(ivr.openHoursFlowId) }),
    ...(ivr.closedHoursFlowId === undefined ? {} : { closedHoursFlow: flow(ivr.closedHoursFlowId) }),
    ...(ivr.holidayHoursFlowId === undefined ? {} : { holidayHoursFlow: flow(ivr.holidayHoursFlowId) }),
    ...(ivr.scheduleGroupId === undefined
      ? {}
      : {
          scheduleGroup: {
            id: ivr.scheduleGroupId,
            name: org.scheduleGroups[ivr.scheduleGroupId]?.name ?? '',
            selfUri: `${SCHEDULE_GROUPS_PATH}/${ivr.scheduleGroupId}`,
          },
        }),
    selfUri: `${IVRS_PATH}/${ivr.id}`,
  };
}

/**
 * Only inbound call flows can answer a number: any other flow (or none by that id) is a 400 naming
 * the field, as Architect refuses it.
 */
export function checkInboundCallFlows(
  org: OrgState,
  refs: ReadonlyArray<{ id: string; field: string }>,
): void {
  const wrong: GenesysErrorDetail[] = [];
  for (const ref of refs) {
    const flow = Object.hasOwn(org.flows, ref.id) ? org.flows[ref.id] : undefined;
    if (flow?.type !== 'INBOUNDCALL') {
      wrong.push({ errorCode: 'invalid.reference', fieldName: ref.field, entityId: ref.id });
    }
  }
  if (wrong.length === 0) return;
  throw badRequest(
    `Not an inbound call flow of this org at ${wrong.map((detail) => `${detail.fieldName} (${detail.entityId})`).join(', ')}.`,
    wrong,
  );
}

/**
 * A number rings one IVR: a DNIS another IVR holds is refused. (Genesys's exact wording for this
 * refusal is not documented; the status and the field are what clients rely on.)
 */
function checkDnisFree(org: OrgState, dnis: readonly string[], exceptId?: string): void {
  const holders = new Map<string, string>();
  for (const ivr of Object.values(org.ivrs)) {
    if (ivr.id === exceptId) continue;
    for (const number of ivr.dnis) holders.set(number, ivr.name);
  }
  const taken = dnis.filter((number) => holders.has(number));
  if (taken.length === 0) return;
  throw badRequest(
    `DNIS ${taken.map((number) => `${number} is already assigned to IVR "${holders.get(number) ?? ''}"`).join('; ')}.`,
    taken.map((number) => ({ errorCode: 'dnis.in.use', fieldName: 'dnis', entityName: number })),
  );
}

function ivrFields(org: OrgState, input: IvrBody, exceptId?: string) {
  const flows = (['openHoursFlow', 'closedHoursFlow', 'holidayHoursFlow'] as const).flatMap((field) => {
    const ref = input[field];
    return ref === undefined ? [] : [{ id: ref.id, field: `${field}.id` }];
  });
  checkInboundCallFlows(org, flows);
  if (input.scheduleGroup !== undefined) {
    checkReferences(
      org.scheduleGroups,
      [{ id: input.scheduleGroup.id, field: 'scheduleGroup.id' }],
      'schedule group',
    );
  }
  const dnis = [...new Set(input.dnis ?? [])];
  checkDnisFree(org, dnis, exceptId);
  return {
    dnis,
    openHoursFlowId: input.openHoursFlow?.id,
    closedHoursFlowId: input.closedHoursFlow?.id,
    holidayHoursFlowId: input.holidayHoursFlow?.id,
    scheduleGroupId: input.scheduleGroup?.id,
  };
}

function dropUndefined<T extends object>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, item]) => item !== undefined)) as T;
}

/** `dnis` keeps IVRs holding that number; `scheduleGroup` those answering by that group. */
function listScope(request: RouteRequest, ivrs: Record<string, IvrRecord>): Record<string, IvrRecord> {
  const dnis = request.query.get('dnis');
  const group = request.query.get('scheduleGroup');
  return Object.fromEntries(
    Object.entries(ivrs).filter(
      ([, ivr]) =>
        (dnis === null || dnis === '' || ivr.dnis.includes(dnis)) &&
        (group === null || group === '' || ivr.scheduleGroupId === group),
    ),
  );
}

export const ivrRoutes: Route[] = collectionRoutes({
  path: IVRS_PATH,
  idParam: 'ivrId',
  label: 'IVR',
  records: (org) => org.ivrs,
  list: { kind: 'ivrs', nameMatch: 'wildcard', carried: ['dnis', 'scheduleGroup', 'sortBy'] },
  listScope,
  render: renderIvr,
  body: ivrBody,
  create: (input, request) => ({
    id: randomUUID(),
    name: input.name,
    divisionId: resolveDivisionId(request.org, input.division),
    ...(input.description === undefined ? {} : { description: input.description }),
    version: 1,
    ...createdStamp(request),
    ...dropUndefined(ivrFields(request.org, input)),
  }),
  replace: {
    body: ivrBody.required({ version: true }),
    versioned: true,
    apply: (ivr, input, request) => {
      const fields = ivrFields(request.org, input, ivr.id);
      ivr.name = input.name;
      ivr.divisionId = keptDivisionId(request.org, input.division, ivr.divisionId);
      setOptional(ivr, 'description', input.description);
      ivr.dnis = fields.dnis;
      setOptional(ivr, 'openHoursFlowId', fields.openHoursFlowId);
      setOptional(ivr, 'closedHoursFlowId', fields.closedHoursFlowId);
      setOptional(ivr, 'holidayHoursFlowId', fields.holidayHoursFlowId);
      setOptional(ivr, 'scheduleGroupId', fields.scheduleGroupId);
      markModified(ivr, request);
    },
  },
  beforeDelete: (ivr, org) => {
    const users = Object.values(org.emergencyGroups).filter((group) =>
      group.emergencyCallFlows.some((entry) => entry.ivrIds.includes(ivr.id)),
    );
    if (users.length > 0) {
      throw inUseConflict(
        `IVR ${ivr.id} is used by emergency group(s) ${users.map((group) => `"${group.name}"`).join(', ')}.`,
      );
    }
  },
});
