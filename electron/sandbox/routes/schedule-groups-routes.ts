import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import { versionConflict } from '../genesys-error';
import type { OrgState, ScheduleGroupRecord } from '../org-state';
import {
  assertNameFree,
  checkReferences,
  divisionRef,
  listRecords,
  multiValue,
  NO_CONTENT,
  removeRecord,
  parseBody,
  requireRecord,
  resolveDivisionId,
} from '../route-helpers';
import type { Route } from '../route-table';
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
  name: z.string().trim().min(1).max(255),
  description: z.string().max(512).optional(),
  division: z.object({ id: z.string().min(1) }).optional(),
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
    id: group.id,
    name: group.name,
    division: divisionRef(org, group.divisionId),
    ...(group.description === undefined ? {} : { description: group.description }),
    version: group.version,
    dateCreated: group.dateCreated,
    dateModified: group.dateModified,
    modifiedBy: group.modifiedBy,
    createdBy: group.createdBy,
    state: 'active',
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

export const scheduleGroupRoutes: Route[] = [
  {
    method: 'GET',
    pattern: SCHEDULE_GROUPS_PATH,
    handle: (request) => {
      // `scheduleIds` keeps only groups that use one of the given schedules.
      const scheduleIds = new Set(multiValue(request.query, 'scheduleIds'));
      const groups =
        scheduleIds.size === 0
          ? request.org.scheduleGroups
          : Object.fromEntries(
              Object.entries(request.org.scheduleGroups).filter(([, group]) =>
                [...group.openScheduleIds, ...group.closedScheduleIds, ...group.holidayScheduleIds].some(
                  (id) => scheduleIds.has(id),
                ),
              ),
            );
      return {
        status: 200,
        body: listRecords(request, groups, (group) => renderScheduleGroup(request.org, group), {
          kind: 'schedulegroups',
          basePath: SCHEDULE_GROUPS_PATH,
          nameMatch: 'wildcard',
          divisionOf: (group) => group.divisionId,
          carried: ['scheduleIds'],
        }),
      };
    },
  },
  {
    method: 'POST',
    pattern: SCHEDULE_GROUPS_PATH,
    handle: ({ org, body, now, clientId }) => {
      const input = parseBody(scheduleGroupBody, body);
      assertNameFree(org.scheduleGroups, input.name, 'schedule group');
      const divisionId = resolveDivisionId(org, input.division);
      const group: ScheduleGroupRecord = {
        id: randomUUID(),
        name: input.name,
        divisionId,
        ...(input.description === undefined ? {} : { description: input.description }),
        version: 1,
        dateCreated: now,
        dateModified: now,
        createdBy: clientId,
        modifiedBy: clientId,
        ...(input.timeZone === undefined ? {} : { timeZone: input.timeZone }),
        ...scheduleIdsOf(org, input),
      };
      org.scheduleGroups[group.id] = group;
      return { status: 200, body: renderScheduleGroup(org, group), changed: true };
    },
  },
  {
    method: 'GET',
    pattern: `${SCHEDULE_GROUPS_PATH}/:scheduleGroupId`,
    handle: ({ org, params }) => ({
      status: 200,
      body: renderScheduleGroup(
        org,
        requireRecord(org.scheduleGroups, params.scheduleGroupId ?? '', 'schedule group'),
      ),
    }),
  },
  {
    method: 'PUT',
    pattern: `${SCHEDULE_GROUPS_PATH}/:scheduleGroupId`,
    handle: ({ org, params, body, now, clientId }) => {
      const group = requireRecord(org.scheduleGroups, params.scheduleGroupId ?? '', 'schedule group');
      const input = parseBody(scheduleGroupBody.required({ version: true }), body);
      if (input.version !== group.version) throw versionConflict(group.id);
      assertNameFree(org.scheduleGroups, input.name, 'schedule group', group.id);
      const divisionId = input.division ? resolveDivisionId(org, input.division) : group.divisionId;
      const ids = scheduleIdsOf(org, input);
      group.name = input.name;
      group.divisionId = divisionId;
      if (input.description === undefined) delete group.description;
      else group.description = input.description;
      if (input.timeZone === undefined) delete group.timeZone;
      else group.timeZone = input.timeZone;
      Object.assign(group, ids);
      group.version += 1;
      group.dateModified = now;
      group.modifiedBy = clientId;
      return { status: 200, body: renderScheduleGroup(org, group), changed: true };
    },
  },
  {
    method: 'DELETE',
    pattern: `${SCHEDULE_GROUPS_PATH}/:scheduleGroupId`,
    handle: ({ org, params }) => {
      const group = requireRecord(org.scheduleGroups, params.scheduleGroupId ?? '', 'schedule group');
      removeRecord(org.scheduleGroups, group.id);
      return NO_CONTENT;
    },
  },
];
