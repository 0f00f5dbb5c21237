import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import { inUseConflict } from '../genesys-error';
import type { OrgState, ScheduleGroupRecord } from '../org-state';
import { checkReferences, keptDivisionId, multiValue, resolveDivisionId } from '../route-helpers';
import type { Route } from '../route-table';
import {
  architectBodyHead,
  architectObjectFields,
  collectionRoutes,
  createdStamp,
  markModified,
  setOptional,
} from './collection-routes';
import { SCHEDULES_PATH } from './schedules-routes';

export const SCHEDULE_GROUPS_PATH = '/api/v2/architect/schedulegroups';

function isTimeZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

const scheduleRefs = z.array(z.object({ id: z.string().min(1) })).max(100);

const scheduleGroupBody = z.object({
  ...architectBodyHead,
  timeZone: z.string().refine(isTimeZone, 'must be an IANA time zone such as Europe/London').optional(),
  openSchedules: scheduleRefs.optional(),
  closedSchedules: scheduleRefs.optional(),
  holidaySchedules: scheduleRefs.optional(),
  version: z.number().int().min(1).optional(),
});
type ScheduleGroupBody = z.infer<typeof scheduleGroupBody>;

export function renderScheduleGroup(org: OrgState, group: ScheduleGroupRecord) {
  const refs = (ids: string[]) =>
    ids.map((id) => ({ id, name: org.schedules[id]?.name ?? '', selfUri: `${SCHEDULES_PATH}/${id}` }));
  return {
    ...architectObjectFields(org, group),
    ...(group.timeZone === undefined ? {} : { timeZone: group.timeZone }),
    openSchedules: refs(group.openScheduleIds),
    closedSchedules: refs(group.closedScheduleIds),
    holidaySchedules: refs(group.holidayScheduleIds),
    selfUri: `${SCHEDULE_GROUPS_PATH}/${group.id}`,
  };
}

function scheduleIdsOf(org: OrgState, input: ScheduleGroupBody) {
  const lists = {
    openSchedules: input.openSchedules ?? [],
    closedSchedules: input.closedSchedules ?? [],
    holidaySchedules: input.holidaySchedules ?? [],
  };
  checkReferences(
    org.schedules,
    Object.entries(lists).flatMap(([field, refs]) =>
      refs.map((ref, index) => ({ id: ref.id, field: `${field}.${index}.id` })),
    ),
    'schedule',
  );
  const unique = (refs: { id: string }[]) => [...new Set(refs.map((ref) => ref.id))];
  return {
    openScheduleIds: unique(lists.openSchedules),
    closedScheduleIds: unique(lists.closedSchedules),
    holidayScheduleIds: unique(lists.holidaySchedules),
  };
}

export const scheduleGroupRoutes: Route[] = collectionRoutes({
  path: SCHEDULE_GROUPS_PATH,
  idParam: 'scheduleGroupId',
  label: 'schedule group',
  records: (org) => org.scheduleGroups,
  list: {
    kind: 'schedulegroups',
    nameMatch: 'wildcard',
    divisionOf: (group) => group.divisionId,
    carried: ['scheduleIds'],
  },
  listScope: (request, groups) => {
    // `scheduleIds` keeps only groups that use one of the given schedules.
    const scheduleIds = new Set(multiValue(request.query, 'scheduleIds'));
    if (scheduleIds.size === 0) return groups;
    return Object.fromEntries(
      Object.entries(groups).filter(([, group]) =>
        [...group.openScheduleIds, ...group.closedScheduleIds, ...group.holidayScheduleIds].some((id) =>
          scheduleIds.has(id),
        ),
      ),
    );
  },
  render: renderScheduleGroup,
  body: scheduleGroupBody,
  create: (input, request) => {
    const divisionId = resolveDivisionId(request.org, input.division);
    return {
      id: randomUUID(),
      name: input.name,
      divisionId,
      ...(input.description === undefined ? {} : { description: input.description }),
      version: 1,
      ...createdStamp(request),
      ...(input.timeZone === undefined ? {} : { timeZone: input.timeZone }),
      ...scheduleIdsOf(request.org, input),
    };
  },
  replace: {
    body: scheduleGroupBody.required({ version: true }),
    versioned: true,
    apply: (group, input, request) => {
      const divisionId = keptDivisionId(request.org, input.division, group.divisionId);
      const ids = scheduleIdsOf(request.org, input);
      group.name = input.name;
      group.divisionId = divisionId;
      setOptional(group, 'description', input.description);
      setOptional(group, 'timeZone', input.timeZone);
      Object.assign(group, ids);
      markModified(group, request);
    },
  },
  // Architect refuses to delete a schedule group an IVR still answers by.
  beforeDelete: (group, org) => {
    const users = Object.values(org.ivrs).filter((ivr) => ivr.scheduleGroupId === group.id);
    if (users.length > 0) {
      throw inUseConflict(
        `Schedule group ${group.id} is used by IVR(s) ${users.map((ivr) => `"${ivr.name}"`).join(', ')}.`,
      );
    }
  },
});
